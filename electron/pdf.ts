import { BrowserWindow, type Session, session } from 'electron'
import { FONT_RESPONSE_HEADERS, fontAt, withDocumentFonts } from './services/pdf/fonts'
import { documentUrl, isFontRequest, PDF_RESPONSE_HEADERS } from './services/pdf/policy'
import { serially, within } from './services/pdf/printQueue'

/** An in-memory session (no `persist:` prefix) used only for printing documents. */
export const PDF_PARTITION = 'jiuzhu-pdf'

/** Documents waiting to be loaded, by their one-time address; removed once served. */
const pending = new Map<string, string>()
let pdfSession: Session | undefined

/**
 * The printing session: every permission denied; http, https and file are answered by `serve` below, which
 * gives out each pending document once and the app's own font files, and refuses everything else; webRequest
 * cancels any other request (any scheme, any frame) before it is made. Configured once per process.
 */
export function printingSession(): Session {
  if (pdfSession) return pdfSession
  const ses = session.fromPartition(PDF_PARTITION)
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  for (const scheme of ['https', 'http', 'file']) ses.protocol.handle(scheme, (request) => serve(request.url))
  ses.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) =>
    callback({
      cancel: !(
        (details.resourceType === 'mainFrame' && pending.has(details.url)) ||
        (isFontRequest(details) && fontAt(details.url) !== undefined)
      ),
    }),
  )
  pdfSession = ses
  return ses
}

/**
 * Answers the pending document at `url` once, with the service's CSP; every other address gets nothing. (webRequest
 * above has already let through only top-level document requests for a pending address.)
 */
export function serve(url: string): Response {
  const font = fontAt(url)
  if (font) return new Response(new Uint8Array(font), { status: 200, headers: { ...FONT_RESPONSE_HEADERS } })
  const html = pending.get(url)
  if (html === undefined) return new Response(null, { status: 403 })
  pending.delete(url)
  return new Response(html, { status: 200, headers: { ...PDF_RESPONSE_HEADERS } })
}

/** The hidden printing window, kept for the next document (created on first use, replaced if it fails). */
let printWindow: BrowserWindow | undefined
let idleTimer: NodeJS.Timeout | undefined
const inTurn = serially()

function printingWindow(): BrowserWindow {
  if (printWindow && !printWindow.isDestroyed()) return printWindow
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      session: printingSession(),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      javascript: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      plugins: false,
      webgl: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      disableDialogs: true,
    },
  })
  // a renderer that crashed is not reused: the next document gets a new window
  win.webContents.on('render-process-gone', () => closePrintingWindow())
  printWindow = win
  return win
}

/** Destroys the printing window (when the main window closes, so the app can quit; after 10 idle minutes). */
export function closePrintingWindow(): void {
  clearTimeout(idleTimer)
  if (printWindow && !printWindow.isDestroyed()) printWindow.destroy()
  printWindow = undefined
}

/** One try in the kept window, within 60 s; a window that failed or hung is destroyed. */
async function printOnce(html: string): Promise<Buffer> {
  const url = documentUrl()
  pending.set(url, withDocumentFonts(html))
  const win = printingWindow()
  try {
    return await within(
      win
        .loadURL(url)
        .then(() => win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true })),
      60_000,
    )
  } catch (e) {
    if (printWindow === win) closePrintingWindow()
    throw e
  } finally {
    pending.delete(url)
  }
}

/**
 * Electron's printToPDF: the desktop app's way to turn a document's HTML into an A4 PDF (browser mode uses
 * headless Chromium, electron/services/pdf/chromiumPrinter.ts, under the same rules — electron/services/pdf/policy.ts).
 * One hidden window in the printing session, sandboxed, JavaScript off, is kept for all documents (no window to
 * start per document), which print one after another; each document is loaded from memory at a one-time https
 * address on a name that never resolves, replacing the one before; it is never written to disk or opened from
 * `file://`, and it can load nothing else. A failed or hung print is tried once more in a new window.
 */
export function electronPdf(html: string): Promise<Buffer> {
  return inTurn(async () => {
    clearTimeout(idleTimer)
    try {
      return await printOnce(html).catch(() => printOnce(html))
    } finally {
      idleTimer = setTimeout(closePrintingWindow, 10 * 60_000)
      idleTimer.unref()
    }
  })
}
