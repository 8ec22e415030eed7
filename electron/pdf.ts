import { BrowserWindow, type Session, session } from 'electron'
import { FONT_RESPONSE_HEADERS, fontAt, withDocumentFonts } from './services/pdf/fonts'
import { documentUrl, isFontRequest, PDF_RESPONSE_HEADERS } from './services/pdf/policy'

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

/**
 * Electron's printToPDF: the desktop app's way to turn a document's HTML into an A4 PDF (browser mode uses
 * headless Chromium, electron/services/pdf/chromiumPdf.ts, under the same rules — electron/services/pdf/policy.ts).
 * A hidden window in the printing session, sandboxed, JavaScript off, loads the document from memory at a
 * one-time https address on a name that never resolves; the document is never written to disk or opened from
 * `file://`, and it can load nothing else.
 */
export async function electronPdf(html: string): Promise<Buffer> {
  const ses = printingSession()
  const url = documentUrl()
  pending.set(url, withDocumentFonts(html))
  const win = new BrowserWindow({
    show: false,
    webPreferences: {
      session: ses,
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
  try {
    await win.loadURL(url)
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true })
  } finally {
    pending.delete(url)
    win.destroy()
  }
}
