import { loadavg } from 'node:os'
import { it } from 'vitest'
import { chromiumPdf } from '../../electron/services/pdf/chromiumPdf'
import { createChromiumPrinter } from '../../electron/services/pdf/chromiumPrinter'
import { dossierItems } from '../../shared/documents/dossier'
import { type DocumentTemplateId, documentAvailability, produceDocument } from '../../shared/documents/templates'
import { examples } from '../unit/documents/cases'
import { machine, median } from './browserHarness'

/**
 * Issue 21 item 1 (figures in docs/performance.md “文书 PDF”): documents' PDFs in browser mode, in one run,
 *  - warm: the kept-alive printer (`createChromiumPrinter`): the document loaded into its one printing page, its
 *    fonts ready, printed, the page made blank again;
 *  - floor: inside each warm print, the `Page.printToPDF` call alone on the loaded page (a warm printToPDF of the
 *    same HTML on the same browser), with where the rest of the warm time went (page loaded; fonts ready);
 *  - a whole 卷宗: every document a paid case allows (the 全部生成 set, `dossierItems`), one after another, against
 *    the sum of their printToPDF calls;
 *  - cold (only with BENCH_COLD=1): `chromiumPdf`, a Chromium started with a fresh profile for one document.
 * Run: BENCH_ROUNDS=5 npm run bench -- test/bench/pdf.bench.test.ts
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)
const COLD = process.env.BENCH_COLD === '1'
const DOCUMENTS: [string, string][] = [
  ['grant-decision', '决定书'],
  ['approval-form', '审批表'],
  ['collection-notice', '领取通知书'],
  ['case-file-index', '卷内目录'],
]

const htmlOf = (name: string) => {
  const ex = examples.find((e) => e.name === name)!
  const doc = produceDocument(ex.id, ex.ctx)
  if (!doc.ok) throw new Error(`${name}: ${doc.missing.join('、')}`)
  return doc.html
}

/** The 卷宗 of the paid example case: each producible document's HTML, in the order 全部生成 makes them. */
function dossier(): { title: string; html: string }[] {
  const ctx = examples.find((e) => e.name === 'case-file-index')!.ctx
  return dossierItems(documentAvailability(ctx)).map((item) => {
    const doc = produceDocument(item.id as DocumentTemplateId, ctx)
    if (!doc.ok) throw new Error(`${item.title}: ${doc.missing.join('、')}`)
    return { title: item.title, html: doc.html }
  })
}

it('PDF documents: the kept-alive printer beside printToPDF alone, per document and for a whole 卷宗', async () => {
  const docs = DOCUMENTS.map(([name, label]) => ({ label, html: htmlOf(name) }))
  const whole = dossier()
  const printer = createChromiumPrinter()
  const rows = docs.map(() => ({
    cold: [] as number[],
    warm: [] as number[],
    print: [] as number[],
    loaded: [] as number[],
    settled: [] as number[],
  }))
  const dossierRuns = { warm: [] as number[], print: [] as number[] }
  const loads: number[] = []
  try {
    await printer.print(docs[0]!.html) // the browser started once, before the first measured document
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, doc] of docs.entries()) {
        const row = rows[i]!
        loads.push(loadavg()[0]!)
        if (COLD) {
          const t = performance.now()
          await chromiumPdf(doc.html)
          row.cold.push(performance.now() - t)
        }
        const t = performance.now()
        await printer.print(doc.html, {
          onTimings: ({ loadedMs, settledMs, printMs }) => {
            row.loaded.push(loadedMs)
            row.settled.push(settledMs)
            row.print.push(printMs)
          },
        })
        row.warm.push(performance.now() - t)
      }
      loads.push(loadavg()[0]!)
      let prints = 0
      const t = performance.now()
      const onTimings = ({ printMs }: { printMs: number }) => {
        prints += printMs
      }
      for (const d of whole) await printer.print(d.html, { onTimings })
      dossierRuns.warm.push(performance.now() - t)
      dossierRuns.print.push(prints)
    }
  } finally {
    await printer.close()
  }
  const ms = (xs: number[]) => (xs.length ? String(Math.round(median(xs))) : '—')
  const lines = [
    `machine: ${await machine()}; load average during the run ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`,
    `rounds: ${ROUNDS} (medians, ms)`,
    '| 文书 | warm | floor: printToPDF | warm ÷ floor | warm: loaded | warm: fonts ready | cold | cold ÷ warm |',
    '|---|---|---|---|---|---|---|---|',
    ...docs.map((d, i) => {
      const r = rows[i]!
      const coldRatio = r.cold.length ? (median(r.cold) / median(r.warm)).toFixed(1) : '—'
      return `| ${d.label} | ${ms(r.warm)} | ${ms(r.print)} | ${(median(r.warm) / median(r.print)).toFixed(2)} | ${ms(r.loaded)} | ${ms(r.settled)} | ${ms(r.cold)} | ${coldRatio} |`
    }),
    `| 卷宗（${whole.length} 份：${whole.map((d) => d.title).join('、')}） | ${ms(dossierRuns.warm)} | ${ms(dossierRuns.print)} | ${(median(dossierRuns.warm) / median(dossierRuns.print)).toFixed(2)} | | | | |`,
  ]
  console.log(lines.join('\n'))
})
