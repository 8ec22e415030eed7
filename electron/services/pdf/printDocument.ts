import type { CdpMessage, CdpPipe } from './cdpPipe'
import { fontBase64At, withDocumentFonts } from './fonts'
import type { interceptRequests } from './interception'
import { documentUrl, isFontRequest, mayServeDocument } from './policy'

/**
 * Test and benchmark hooks: the browser's process id when one is started, every request that was refused, and
 * where one document's time went (ms from the start of the job: page loaded with its fonts, requests settled,
 * and the printToPDF call alone).
 */
export interface PdfRenderHooks {
  onLaunch?: (pid: number) => void
  onBlocked?: (url: string, resourceType: string) => void
  onTimings?: (t: { loadedMs: number; settledMs: number; printMs: number }) => void
}

type Interception = Awaited<ReturnType<typeof interceptRequests>>

/** The A4 page Chromium prints on (documents set their own @page size; preferCSSPageSize). */
export const PRINT_OPTIONS = {
  paperWidth: 210 / 25.4,
  paperHeight: 297 / 25.4,
  preferCSSPageSize: true,
  printBackground: true,
  displayHeaderFooter: false,
} as const

/**
 * Prints one document in a browser context of its own (like a fresh incognito profile: no cache, cookies, storage
 * or history shared with any other document), disposed afterwards with its page. The document is answered from
 * memory at a one-time random address and only once; the app's font files are answered from memory; everything
 * else is refused (./policy.ts, docs/security.md “文书打印成 PDF”). JavaScript is off for the page.
 */
export async function printDocument(
  cdp: CdpPipe,
  requests: Interception,
  html: string,
  hooks: PdfRenderHooks = {},
): Promise<Buffer> {
  const t0 = performance.now()
  const docUrl = documentUrl()
  const body = Buffer.from(withDocumentFonts(html), 'utf8').toString('base64')
  let served = false
  let mainFrame = ''
  requests.answerWith(({ url, resourceType, frameId }) => {
    const main = resourceType === 'Document' && frameId === mainFrame
    if (mayServeDocument({ url, isMainFrameDocument: main }, docUrl, served)) {
      served = true
      return { kind: 'document', body }
    }
    const font = isFontRequest({ url, resourceType }) ? fontBase64At(url) : undefined
    if (font) return { kind: 'font', body: font }
    hooks.onBlocked?.(url, resourceType)
    return { kind: 'refuse' }
  })
  // events this job waits for; the listeners are removed when it ends, whichever way (the browser outlives it)
  const stops: (() => void)[] = []
  const event = (test: (m: CdpMessage) => boolean): Promise<CdpMessage> => {
    const p = cdp.waitFor(test, stops)
    p.catch(() => {}) // awaited below, or abandoned when an earlier step fails
    return p
  }
  const { browserContextId } = await cdp.send('Target.createBrowserContext', {})
  try {
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId })
    mainFrame = targetId
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true })
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true }, sessionId)
    await cdp.send('Page.enable', {}, sessionId)
    await cdp.send('Page.setLifecycleEventsEnabled', { enabled: true }, sessionId)
    const loaded = event((m) => m.method === 'Page.loadEventFired' && m.sessionId === sessionId)
    const nav = await cdp.send('Page.navigate', { url: docUrl }, sessionId)
    if (nav.errorText) throw new Error(`打开文书页面失败（${nav.errorText}）`)
    // fonts of rare characters (unicode-range subsets) are asked for during layout, after the load event: wait
    // until the document has had no request open for 500 ms
    const idle = event((m) => {
      const p = m.params as { name?: string; loaderId?: string } | undefined
      return m.method === 'Page.lifecycleEvent' && p?.name === 'networkIdle' && p.loaderId === nav.loaderId
    })
    await loaded
    if (!served) throw new Error('文书页面未载入')
    const loadedMs = performance.now() - t0
    await idle
    const settledMs = performance.now() - t0
    const { data } = await cdp.send('Page.printToPDF', PRINT_OPTIONS, sessionId)
    hooks.onTimings?.({ loadedMs, settledMs, printMs: performance.now() - t0 - settledMs })
    return Buffer.from(data as string, 'base64')
  } finally {
    for (const off of stops) off()
    requests.answerWith(undefined)
    // closes its page too; a browser that has died has nothing left to dispose
    await cdp.send('Target.disposeBrowserContext', { browserContextId }).catch(() => {})
  }
}
