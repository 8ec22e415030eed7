import { loadavg } from 'node:os'
import { it } from 'vitest'
import { chromiumPdf } from '../../electron/services/pdf/chromiumPdf'
import { createChromiumPrinter } from '../../electron/services/pdf/chromiumPrinter'
import { produceDocument } from '../../shared/documents/templates'
import { examples } from '../unit/documents/cases'
import { machine, median } from './browserHarness'

/**
 * Issue 21 item 1 (figures in docs/performance.md “文书 PDF”): one document's PDF in browser mode, in one run,
 *  - cold: `chromiumPdf`, a Chromium started with a fresh profile for this one document and closed after it (how
 *    every document was printed before);
 *  - warm: the kept-alive printer (`createChromiumPrinter`): a new browser context and page on the running browser;
 *  - floor: inside each warm print, the `Page.printToPDF` call alone on the loaded page (a warm printToPDF of the
 *    same HTML on the same browser), with where the rest of the warm time went (page and fonts loaded; requests
 *    settled: the 500 ms of network quiet the print waits for, for fonts of rare characters asked during layout).
 * Cold and warm alternate document by document, so both see the same load.
 * Run: BENCH_ROUNDS=5 npm run bench -- test/bench/pdf.bench.test.ts
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const DOCUMENTS: [string, string][] = [
  ['grant-decision', '决定书'],
  ['approval-form', '审批表'],
  ['collection-notice', '领取通知书'],
  ['case-file-index', '卷内目录'],
]

it('PDF documents: cold Chromium per document vs the kept-alive one, beside printToPDF alone', async () => {
  const docs = DOCUMENTS.map(([name, label]) => {
    const ex = examples.find((e) => e.name === name)!
    const doc = produceDocument(ex.id, ex.ctx)
    if (!doc.ok) throw new Error(`${name}: ${doc.missing.join('、')}`)
    return { label, html: doc.html }
  })
  const printer = createChromiumPrinter()
  const rows = docs.map(() => ({
    cold: [] as number[],
    warm: [] as number[],
    print: [] as number[],
    loaded: [] as number[],
    settled: [] as number[],
  }))
  const loads: number[] = []
  try {
    await printer.print(docs[0]!.html) // the browser started once, before the first measured document
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, doc] of docs.entries()) {
        const row = rows[i]!
        loads.push(loadavg()[0]!)
        let t = performance.now()
        await chromiumPdf(doc.html)
        row.cold.push(performance.now() - t)
        t = performance.now()
        await printer.print(doc.html, {
          onTimings: ({ loadedMs, settledMs, printMs }) => {
            row.loaded.push(loadedMs)
            row.settled.push(settledMs)
            row.print.push(printMs)
          },
        })
        row.warm.push(performance.now() - t)
      }
    }
  } finally {
    await printer.close()
  }
  const ms = (xs: number[]) => Math.round(median(xs))
  const lines = [
    `machine: ${await machine()}; load average during the run ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
    `rounds: ${ROUNDS} (medians, ms)`,
    '| 文书 | cold | warm | floor: printToPDF | warm ÷ floor | cold ÷ warm | warm: loaded | warm: settled |',
    '|---|---|---|---|---|---|---|---|',
    ...docs.map((d, i) => {
      const r = rows[i]!
      return `| ${d.label} | ${ms(r.cold)} | ${ms(r.warm)} | ${ms(r.print)} | ${(median(r.warm) / median(r.print)).toFixed(2)} | ${(median(r.cold) / median(r.warm)).toFixed(1)} | ${ms(r.loaded)} | ${ms(r.settled)} |`
    }),
  ]
  console.log(lines.join('\n'))
})
