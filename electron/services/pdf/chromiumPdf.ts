import { createChromiumPrinter } from './chromiumPrinter'
import type { PdfRenderHooks } from './printDocument'

export { chromiumArgs, findChromium, UNPRIVILEGED } from './chromiumProcess'
export type { PdfRenderHooks } from './printDocument'

/**
 * Prints HTML to an A4 PDF with a headless Chromium started for this one document and closed after it (a cold
 * print: the benchmark's baseline, and tests that watch one browser's processes). Browser mode and the CLI keep one
 * browser for all documents instead (./chromiumPrinter.ts); the desktop app uses Electron's printToPDF in
 * electron/pdf.ts. All of them under the same rules (./policy.ts, docs/security.md “文书打印成 PDF”).
 */
export async function chromiumPdf(html: string, hooks: PdfRenderHooks = {}): Promise<Buffer> {
  const printer = createChromiumPrinter()
  try {
    return await printer.print(html, hooks)
  } finally {
    await printer.close()
  }
}
