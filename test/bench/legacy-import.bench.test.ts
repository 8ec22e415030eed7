import { it } from 'vitest'
import { readLegacyFile } from '../../electron/services/legacyImport'
import { bigRegisterRows, registerXlsx } from '../legacyCorpus'
import { machine, median, openBenchPage } from './browserHarness'

/**
 * Issue 20 benchmark (docs/performance.md): a 50,000-row register (.xlsx, the corpus layout) read in the main
 * process, then in one Chromium page checked (the preview) and committed through the command layer, against the
 * floor — the same parse plus a raw IndexedDB write of the same records. BENCH_N (default 50000) and BENCH_ROUNDS
 * (default 3) adjust it.
 */
it('50,000 register rows: parse + preview + commit vs parse + raw write', async () => {
  const n = Number(process.env.BENCH_N ?? 50_000)
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
  const bytes = await registerXlsx({ rows: bigRegisterRows(n) })
  const bench = await openBenchPage('legacyImport.ts')
  const results: Record<string, number>[] = []
  try {
    for (let round = 0; round < rounds; round++) {
      const t0 = performance.now()
      const wb = await readLegacyFile(bytes, 'bench.xlsx')
      const parse = performance.now() - t0
      const r = await bench.page.evaluate(
        ([sheet, k]) =>
          (window as never as { bench: { run: (s: unknown, r: number) => Promise<Record<string, number>> } }).bench.run(
            sheet,
            k,
          ),
        [wb.sheets[0], round] as const,
      )
      const row = {
        ...r,
        parse,
        importPath: parse + r.preview + r.commit,
        floor: parse + r.raw,
        ratio: (parse + r.preview + r.commit) / (parse + r.raw),
        previewRatio: (parse + r.preview) / (parse + r.raw),
      }
      console.log(JSON.stringify(row))
      results.push(row)
    }
  } finally {
    await bench.close()
  }
  const f = (k: string) => median(results.map((r) => Number(r[k])))
  console.log(`\nmachine: ${await machine()}`)
  console.log(`rows: ${n}, file ${(bytes.length / 1e6).toFixed(1)} MB, rounds: ${rounds}`)
  console.log(`parse (main process, exceljs after the zip guard): median ${(f('parse') / 1000).toFixed(1)} s`)
  console.log(`preview (header, mapping, held grants, every row checked): median ${(f('preview') / 1000).toFixed(1)} s`)
  console.log(`commit (one command: cases + persons, schema check, audit): median ${(f('commit') / 1000).toFixed(1)} s`)
  console.log(`raw IndexedDB write of the same records: median ${(f('raw') / 1000).toFixed(1)} s`)
  console.log(`(parse + preview) / (parse + raw): median ${f('previewRatio').toFixed(2)}`)
  console.log(`(parse + preview + commit) / (parse + raw): median ${f('ratio').toFixed(2)}`)
})
