import { BrowserWindow } from 'electron'

/**
 * Electron's printToPDF in a hidden, sandboxed window with JavaScript off: the desktop app's way to turn a
 * document's HTML into an A4 PDF (browser mode uses headless Chromium instead).
 */
export async function electronPdf(html: string): Promise<Buffer> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false },
  })
  try {
    await win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`)
    return await win.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true })
  } finally {
    win.destroy()
  }
}
