import type { CdpPipe } from './cdpPipe'
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

/** The one page documents are printed on: in a browser context of its own, scripts off. */
export interface PrintingPage {
  browserContextId: string
  targetId: string
  sessionId: string
}

/**
 * Opens the printing page: a blank page in a new browser context (like a fresh incognito profile: nothing shared
 * with the browser's default context), JavaScript off, lifecycle events on. The kept-alive printer opens it once
 * and prints every document on it (./chromiumPrinter.ts), so the shipped fonts are read and decoded once per page,
 * not once per document.
 */
export async function openPrintingPage(cdp: CdpPipe): Promise<PrintingPage> {
  const { browserContextId } = await cdp.send('Target.createBrowserContext', {})
  try {
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank', browserContextId })
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true })
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true }, sessionId)
    await cdp.send('Page.enable', {}, sessionId)
    await cdp.send('Page.setLifecycleEventsEnabled', { enabled: true }, sessionId)
    return { browserContextId, targetId, sessionId }
  } catch (e) {
    await cdp.send('Target.disposeBrowserContext', { browserContextId }).catch(() => {})
    throw e
  }
}

/**
 * Whether the page's fonts are all in: forces style and layout (which asks for the fonts of rare characters, by
 * their unicode-range), then waits for `document.fonts.ready`. Evaluated by the DevTools protocol, not by the page
 * (the page's own scripts stay off). `true` when every font face the text uses has loaded.
 */
const FONTS_READY = `(() => { void document.documentElement.getBoundingClientRect(); return document.fonts.ready.then((f) => f.status === 'loaded') })()`

/**
 * Prints one document on the printing page (`openPrintingPage`). The document is answered from memory at a
 * one-time random address and only once; the app's font files are answered from memory; everything else is refused
 * (./policy.ts, docs/security.md “文书打印成 PDF”). JavaScript is off for the page. Printed once its load event
 * has fired and its fonts are ready (no fixed wait). Afterwards the page is navigated to about:blank and its history
 * cleared, so nothing of this document stays in it: the next document finds a blank page, and nothing of this one
 * is kept anywhere it could read (docs/security.md “文书打印成 PDF”).
 */
export async function printDocument(
  cdp: CdpPipe,
  requests: Interception,
  page: PrintingPage,
  html: string,
  hooks: PdfRenderHooks = {},
): Promise<Buffer> {
  const t0 = performance.now()
  const { sessionId, targetId } = page
  const docUrl = documentUrl()
  const body = Buffer.from(withDocumentFonts(html), 'utf8').toString('base64')
  let served = false
  requests.answerWith(({ url, resourceType, frameId }) => {
    const main = resourceType === 'Document' && frameId === targetId
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
  try {
    await navigate(cdp, sessionId, docUrl, stops)
    if (!served) throw new Error('文书页面未载入')
    const loadedMs = performance.now() - t0
    const fonts = await cdp.send(
      'Runtime.evaluate',
      { expression: FONTS_READY, awaitPromise: true, returnByValue: true },
      sessionId,
    )
    if (fonts.result?.value !== true) throw new Error('文书所用的字体未能载入')
    const settledMs = performance.now() - t0
    const { data } = await cdp.send('Page.printToPDF', PRINT_OPTIONS, sessionId)
    hooks.onTimings?.({ loadedMs, settledMs, printMs: performance.now() - t0 - settledMs })
    return Buffer.from(data as string, 'base64')
  } finally {
    requests.answerWith(undefined)
    // the document leaves the page before the next one comes: a blank page, no history of it
    await navigate(cdp, sessionId, 'about:blank', stops)
      .then(() => cdp.send('Page.resetNavigationHistory', {}, sessionId))
      .catch(() => {}) // a browser that died or hangs is replaced by the printer
    for (const off of stops) off()
  }
}

/**
 * Navigates the page and waits for that navigation's load event, told apart by its loader from a late one of the
 * page before it.
 */
async function navigate(cdp: CdpPipe, sessionId: string, url: string, stops: (() => void)[]): Promise<void> {
  let loaderId: string | undefined
  const loadedEarly: string[] = []
  const loaded = cdp.waitFor((m) => {
    if (m.method !== 'Page.lifecycleEvent' || m.sessionId !== sessionId || m.params?.name !== 'load') return false
    if (loaderId === undefined) loadedEarly.push(m.params.loaderId)
    return loaderId !== undefined && m.params.loaderId === loaderId
  }, stops)
  loaded.catch(() => {}) // awaited below, or abandoned when the navigation fails
  const nav = await cdp.send('Page.navigate', { url }, sessionId)
  if (nav.errorText) throw new Error(`打开文书页面失败（${nav.errorText}）`)
  loaderId = nav.loaderId as string | undefined
  if (loaderId && !loadedEarly.includes(loaderId)) await loaded
}
