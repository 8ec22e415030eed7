import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { CodedError } from '../../../shared/errors/coded'

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
 * Prints HTML to an A4 PDF with headless Chromium (browser mode and tests; Electron uses its own printToPDF).
 * The document's own CSP (default-src 'none') forbids every script and network request, so the page can only lay
 * out what it was given.
 */
export async function chromiumPdf(html: string): Promise<Buffer> {
  const exe = findChromium()
  if (!exe) throw new CodedError('pdf.no-browser')
  const dir = await mkdtemp(join(tmpdir(), 'jiuzhu-pdf-'))
  try {
    const input = join(dir, 'doc.html')
    const output = join(dir, 'doc.pdf')
    await writeFile(input, html)
    const args = [
      '--headless',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--no-pdf-header-footer',
      `--user-data-dir=${join(dir, 'profile')}`,
      `--print-to-pdf=${output}`,
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      pathToFileURL(input).href,
    ]
    await new Promise<void>((resolve, reject) =>
      execFile(exe, args, { timeout: 60_000 }, (err) => (err ? reject(err) : resolve())),
    )
    return await readFile(output)
  } catch (e) {
    if (e instanceof CodedError) throw e
    throw new CodedError('pdf.failed', { detail: e instanceof Error ? e.message.slice(0, 200) : String(e) })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
