import { it } from 'vitest'
import { machine, median, openBenchPage } from './browserHarness'

/**
 * Issue 4 benchmark: 100k cases written through the command layer's bulk path vs a raw IndexedDB bulk write of the
 * same records into a store with the same indexes, in the same Chromium run; then read back and count by index.
 * BENCH_N (default 100000) and BENCH_ROUNDS (default 3) adjust it.
 */
it('bulk command path vs raw IndexedDB', async () => {
  const n = Number(process.env.BENCH_N ?? 100_000)
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3)
  const bench = await openBenchPage('dbWrite.ts')
  const results: Record<string, number>[] = []
  try {
    for (let round = 0; round < rounds; round++) {
      const r = await bench.page.evaluate(
        ([count, k]) =>
          (window as never as { bench: { run: (n: number, r: number) => Promise<Record<string, number>> } }).bench.run(
            count,
            k,
          ),
        [n, round] as const,
      )
      console.log(JSON.stringify(r))
      results.push(r)
    }
  } finally {
    await bench.close()
  }
  const f = (k: string) => median(results.map((r) => Number(r[k])))
  console.log(`\nmachine: ${await machine()}`)
  console.log(`records: ${n}, rounds: ${rounds}`)
  console.log(`raw IndexedDB put ×${n}, 1 tx, strict:   median ${(f('raw') / 1000).toFixed(1)} s`)
  console.log(`command layer bulk path (validate + rev + audit): median ${(f('command') / 1000).toFixed(1)} s`)
  console.log(`ratio command / raw: median ${f('ratio').toFixed(2)}`)
  console.log(
    `count(): ${f('countAll').toFixed(0)} ms; count by index state=granted: ${f('countIndex').toFixed(0)} ms; toArray(): ${(f('readAll') / 1000).toFixed(1)} s`,
  )
})
