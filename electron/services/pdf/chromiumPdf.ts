import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chown, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Readable, Writable } from 'node:stream'
import { CodedError } from '../../../shared/errors/coded'
import { type CdpMessage, CdpPipe } from './cdpPipe'
import { FONT_RESPONSE_HEADERS, fontAt, withDocumentFonts } from './fonts'
import { documentUrl, isFontRequest, mayServeDocument, PDF_RESPONSE_HEADERS } from './policy'

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
]

export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv && existsSync(fromEnv)) return fromEnv
  return CANDIDATES.find((p) => existsSync(p))
}

/**
 * The account Chromium runs as when this process is root: `nobody` (65534 on Debian, UOS and most Linux
 * distributions). Chromium refuses to start its sandbox as root, and `--no-sandbox` is never passed.
 */
export const UNPRIVILEGED = { uid: 65534, gid: 65534 } as const

/** Gives up on one document after this long. */
const TIMEOUT_MS = 60_000

/**
 * The command line. No `--no-sandbox`; no URL (the page is opened over the DevTools pipe); scripts off in Blink;
 * no name resolution, no proxy, no background traffic (web fonts only from the app itself, ./fonts.ts). Exported for the test that asserts it.
 */
export function chromiumArgs(profileDir: string): string[] {
  return [
    '--headless',
    '--remote-debugging-pipe',
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-gpu',
    '--disable-extensions',
    '--disable-default-apps',
    '--disable-sync',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-domain-reliability',
    '--disable-breakpad',
    '--no-pings',
    '--no-proxy-server',
    '--host-resolver-rules=MAP * ~NOTFOUND',
    '--blink-settings=scriptEnabled=false',
    '--mute-audio',
    'about:blank',
  ]
}

/** Test hooks: the browser's process id once started, and every request that was refused. */
export interface PdfRenderHooks {
  onLaunch?: (pid: number) => void
  onBlocked?: (url: string, resourceType: string) => void
}

/**
 * Prints HTML to an A4 PDF with headless Chromium (browser mode and tests; the desktop app uses Electron's
 * printToPDF in electron/pdf.ts under the same rules, see ./policy.ts).
 *
 * Chromium is driven over `--remote-debugging-pipe`: the document is answered from memory through request
 * interception (`Fetch`) at a random https address, with the service's CSP; every other request is refused;
 * JavaScript is off (`--blink-settings` and `Emulation.setScriptExecutionDisabled`); the sandbox is on (when this
 * process is root, Chromium is started as `nobody`, UNPRIVILEGED, since Chromium will not sandbox itself as root).
 * Nothing is written to disk except Chromium's throw-away profile. Why this is safe: docs/security.md “文书打印成 PDF”.
 */
export async function chromiumPdf(html: string, hooks: PdfRenderHooks = {}): Promise<Buffer> {
  const exe = findChromium()
  if (!exe) throw new CodedError('pdf.no-browser')
  const dir = await mkdtemp(join(tmpdir(), 'jiuzhu-pdf-'))
  const asRoot = process.getuid?.() === 0
  let child: ReturnType<typeof spawn> | undefined
  let stderr = ''
  let exited: string | undefined
  try {
    if (asRoot) await chown(dir, UNPRIVILEGED.uid, UNPRIVILEGED.gid)
    child = spawn(exe, chromiumArgs(join(dir, 'profile')), {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'],
      ...(asRoot ? UNPRIVILEGED : {}),
      // as nobody, Chromium's caches and settings go to the throw-away folder, not root's home
      env: asRoot
        ? { ...process.env, HOME: dir, XDG_CONFIG_HOME: join(dir, 'config'), XDG_CACHE_HOME: join(dir, 'cache') }
        : process.env,
    })
    const proc = child
    proc.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000)
    })
    const cdp = new CdpPipe(proc.stdio[3] as Writable, proc.stdio[4] as Readable)
    proc.on('error', (e) => cdp.close(e))
    const exit = new Promise<void>((resolve) =>
      proc.on('exit', (code, signal) => {
        exited = `Chromium 已退出（${signal ?? `退出码 ${code}`}）`
        cdp.close(new Error(exited))
        resolve()
      }),
    )
    if (proc.pid !== undefined) hooks.onLaunch?.(proc.pid)

    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('超过 60 秒未完成')), TIMEOUT_MS)
    })
    try {
      return await Promise.race([render(cdp, html, hooks), timeout])
    } catch (e) {
      // when Chromium died (e.g. its sandbox could not start), say so rather than the broken pipe it left behind
      await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 1_000))])
      throw exited ? new Error(exited) : e
    } finally {
      clearTimeout(timer)
      await closeBrowser(cdp, proc)
    }
  } catch (e) {
    if (e instanceof CodedError) throw e
    const msg = e instanceof Error ? e.message : String(e)
    const why = /ERROR[^\n]*\] ([^\n]+)/.exec(stderr)?.[1]
    throw new CodedError('pdf.failed', { detail: (why ? `${msg}：${why}` : msg).slice(0, 200) })
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
  }
}

async function render(cdp: CdpPipe, html: string, hooks: PdfRenderHooks): Promise<Buffer> {
  const docUrl = documentUrl()
  const body = Buffer.from(withDocumentFonts(html), 'utf8').toString('base64')
  const headers = (h: Readonly<Record<string, string>>) => Object.entries(h).map(([name, value]) => ({ name, value }))
  const responseHeaders = headers(PDF_RESPONSE_HEADERS)
  let served = false
  let mainFrame = ''

  // Browser-wide interception: every request of every page, frame and worker pauses here first.
  const onPaused = (m: CdpMessage): void => {
    if (m.method !== 'Fetch.requestPaused') return
    const { requestId, request, resourceType, frameId } = m.params as {
      requestId: string
      request: { url: string }
      resourceType: string
      frameId: string
    }
    const main = resourceType === 'Document' && frameId === mainFrame
    if (mayServeDocument({ url: request.url, isMainFrameDocument: main }, docUrl, served)) {
      served = true
      void cdp
        .send('Fetch.fulfillRequest', { requestId, responseCode: 200, responseHeaders, body }, m.sessionId)
        .catch(() => {})
      return
    }
    const font = isFontRequest({ url: request.url, resourceType }) ? fontAt(request.url) : undefined
    if (font) {
      const fontHeaders = headers(FONT_RESPONSE_HEADERS)
      void cdp
        .send(
          'Fetch.fulfillRequest',
          { requestId, responseCode: 200, responseHeaders: fontHeaders, body: font.toString('base64') },
          m.sessionId,
        )
        .catch(() => {})
      return
    }
    hooks.onBlocked?.(request.url, resourceType)
    // Aborted documents leave the frame empty instead of showing an error page in the PDF
    const errorReason = resourceType === 'Document' ? 'Aborted' : 'BlockedByClient'
    void cdp.send('Fetch.failRequest', { requestId, errorReason }, m.sessionId).catch(() => {})
  }
  const off = cdp.on(onPaused)
  try {
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] })
    const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' })
    mainFrame = targetId
    const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true })
    await cdp.send('Emulation.setScriptExecutionDisabled', { value: true }, sessionId)
    await cdp.send('Page.enable', {}, sessionId)
    await cdp.send('Page.setLifecycleEventsEnabled', { enabled: true }, sessionId)
    const loaded = cdp.waitFor((m) => m.method === 'Page.loadEventFired' && m.sessionId === sessionId)
    const nav = await cdp.send('Page.navigate', { url: docUrl }, sessionId)
    if (nav.errorText) throw new Error(`打开文书页面失败（${nav.errorText}）`)
    // fonts of rare characters (unicode-range subsets) are asked for during layout, after the load event: wait
    // until the document has had no request open for 500 ms
    const idle = cdp.waitFor((m) => {
      const p = m.params as { name?: string; loaderId?: string } | undefined
      return m.method === 'Page.lifecycleEvent' && p?.name === 'networkIdle' && p.loaderId === nav.loaderId
    })
    await loaded
    if (!served) throw new Error('文书页面未载入')
    await idle
    const { data } = await cdp.send(
      'Page.printToPDF',
      {
        paperWidth: 210 / 25.4,
        paperHeight: 297 / 25.4,
        preferCSSPageSize: true,
        printBackground: true,
        displayHeaderFooter: false,
      },
      sessionId,
    )
    return Buffer.from(data as string, 'base64')
  } finally {
    off()
  }
}

async function closeBrowser(cdp: CdpPipe, proc: ReturnType<typeof spawn>): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()))
  void cdp.send('Browser.close').catch(() => {})
  const killed = new Promise<void>((resolve) =>
    setTimeout(() => {
      proc.kill('SIGKILL')
      resolve()
    }, 5_000).unref(),
  )
  await Promise.race([exited, killed])
}
