import { CodedError } from '../../../shared/errors/coded'
import { launchChromium, type RunningChromium } from './chromiumProcess'
import { interceptRequests } from './interception'
import { openPrintingPage, type PdfRenderHooks, type PrintingPage, printDocument } from './printDocument'
import { serially, within } from './printQueue'

/** Turns documents' HTML into PDFs on one kept-alive headless Chromium (browser mode, the CLI, tests). */
export interface ChromiumPrinter {
  /** One document; documents are printed one after another (the machines have two cores). */
  print(html: string, hooks?: PdfRenderHooks): Promise<Buffer>
  /** Closes the browser (after the document in progress) and removes its profile; a later print starts a new one. */
  close(): Promise<void>
}

export interface PrinterOptions {
  /** One attempt (start included) gives up after this long: the browser is killed and the document tried once more. */
  timeoutMs?: number
  /** The browser is closed after this long without a document (it is started again when needed). */
  idleMs?: number
  /** Called with the process id of every browser started. */
  onLaunch?: (pid: number) => void
}

interface Warm {
  chromium: RunningChromium
  requests: Awaited<ReturnType<typeof interceptRequests>>
  /** The one page every document is printed on (its own browser context), with the fonts it has loaded. */
  page: PrintingPage
}

/**
 * One headless Chromium, started on the first document and kept for the next ones (a cold start with a fresh
 * profile costs seconds; docs/performance.md “文书 PDF”), with one printing page in a browser context of its own:
 * every document is loaded into that page at its own one-time address and printed, and the page is made blank
 * again after it (./printDocument.ts), so the shipped fonts are read, sent and decoded once, not per document.
 * Nothing of one document reaches the next: the page holds one document at a time and is blank between them, scripts
 * are off (nothing can be stored), documents are never cached, and each address is answered once (docs/security.md
 * “文书打印成 PDF”). The browser keeps every safety property of a one-off one (sandbox, no network, scripts off).
 * When it dies or hangs (no PDF within `timeoutMs`), it is killed and the document is printed once more on a fresh
 * one.
 */
export function createChromiumPrinter(options: PrinterOptions = {}): ChromiumPrinter {
  const timeoutMs = options.timeoutMs ?? 60_000
  const idleMs = options.idleMs ?? 10 * 60_000
  let warm: Promise<Warm> | undefined
  const inTurn = serially()
  let idleTimer: NodeJS.Timeout | undefined

  function start(hooks: PdfRenderHooks): Promise<Warm> {
    if (warm) return warm
    const self: { starting?: Promise<Warm> } = {} // this start, as its own body refers to it
    const starting = (async () => {
      const chromium = await launchChromium()
      options.onLaunch?.(chromium.pid)
      hooks.onLaunch?.(chromium.pid)
      // a browser that exits on its own (crash, killed) is forgotten: the next document starts a new one
      void chromium.exited.then(() => {
        if (warm === self.starting) warm = undefined
        void chromium.close()
      })
      try {
        const requests = await interceptRequests(chromium.cdp)
        return { chromium, requests, page: await openPrintingPage(chromium.cdp) }
      } catch (e) {
        throw await failure(chromium, self.starting as Promise<Warm>, e)
      }
    })()
    self.starting = starting
    warm = starting
    starting.catch(() => {
      if (warm === starting) warm = undefined
    })
    return starting
  }

  async function discard(chromium: RunningChromium, which: Promise<Warm>): Promise<void> {
    if (warm === which) warm = undefined
    chromium.kill()
    await chromium.close()
  }

  /**
   * Kills a browser that failed a document and says why: when Chromium died (e.g. its sandbox could not start),
   * its exit and its own last error line rather than the broken pipe it left behind.
   */
  async function failure(chromium: RunningChromium, which: Promise<Warm>, e: unknown): Promise<Error> {
    await Promise.race([chromium.exited, new Promise((resolve) => setTimeout(resolve, 1_000))])
    const first = chromium.exitReason() ?? (e instanceof Error ? e.message : String(e))
    const why = chromium.lastError()
    await discard(chromium, which)
    return new Error(why ? `${first}：${why}` : first)
  }

  /** One try: the kept browser (or a new one) prints the document within timeoutMs, or is killed. */
  async function attempt(html: string, hooks: PdfRenderHooks): Promise<Buffer> {
    const which = start(hooks)
    let chromium: RunningChromium | undefined
    try {
      return await within(
        which.then((w) => {
          chromium = w.chromium
          return printDocument(w.chromium.cdp, w.requests, w.page, html, hooks)
        }),
        timeoutMs,
      )
    } catch (e) {
      if (e instanceof CodedError) throw e
      if (chromium) throw await failure(chromium, which, e)
      // timed out while starting: the browser that may yet come up is not used
      if (warm === which) warm = undefined
      void which.then((w) => discard(w.chromium, which)).catch(() => {})
      throw e
    }
  }

  async function job(html: string, hooks: PdfRenderHooks): Promise<Buffer> {
    clearTimeout(idleTimer)
    try {
      return await attempt(html, hooks).catch((e: unknown) => {
        if (e instanceof CodedError) throw e
        return attempt(html, hooks) // once more, on a fresh browser
      })
    } catch (e) {
      if (e instanceof CodedError) throw e
      throw new CodedError('pdf.failed', { detail: (e instanceof Error ? e.message : String(e)).slice(0, 200) })
    } finally {
      idleTimer = setTimeout(() => void close(), idleMs)
      idleTimer.unref()
    }
  }

  async function close(): Promise<void> {
    clearTimeout(idleTimer)
    // in turn: after the document in progress, before any asked for later (which then start a new browser)
    await inTurn(async () => {
      const w = warm
      if (!w) return
      const started = await w.catch(() => undefined)
      if (warm === w) warm = undefined
      await started?.chromium.close()
    })
  }

  return {
    print: (html, hooks = {}) => inTurn(() => job(html, hooks)),
    close,
  }
}

let shared: ChromiumPrinter | undefined

/** The process's one printer (browser mode's server, the CLI, tests): created on first use. */
export function sharedChromiumPrinter(): ChromiumPrinter {
  shared ??= createChromiumPrinter()
  return shared
}
