import { it } from 'vitest'
import { machine, median, openBenchPage } from './browserHarness'
import { call, sampled } from './pageCalls'

/**
 * 跨单位重复救助核查 at national scale (figures in docs/performance.md). In one Chromium page with real IndexedDB: a
 * higher office holding BENCH_N cases (default 1,000,000) of BENCH_OFFICES offices (default 100), 1 % of them true
 * cross-office duplicates and 1 % more sharing only a person. Per round: the check as the screen runs it
 * (duplicateCandidates: every case read in pages and kept in the rule's shape if it shares an ID number across
 * offices, the rule, names), the floor (bare IndexedDB getAll of the same table in the same pages, no Dexie), the
 * key-cursor walk over cases.personIdNumbers for comparison and, with BENCH_OLD=1, the check as it was (every case
 * read whole at once).
 * Peak PSS of the profile's Chromium processes is sampled during each.
 * Run: BENCH_N=1000000 BENCH_ROUNDS=3 npm run bench -- test/bench/duplicates.bench.test.ts
 * Keep the filled store for later runs: BENCH_PROFILE=/tmp/bench-dup (same port each time, BENCH_PORT).
 */

const N = Number(process.env.BENCH_N ?? 1_000_000)
const OFFICES = Number(process.env.BENCH_OFFICES ?? 100)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const OLD = process.env.BENCH_OLD === '1'
const PROFILE = process.env.BENCH_PROFILE

it('cross-office duplicate check over a national store', async () => {
  const bench = await openBenchPage(
    'duplicates.ts',
    PROFILE ? { profile: PROFILE, port: Number(process.env.BENCH_PORT ?? 5392) } : undefined,
  )
  const { page } = bench
  try {
    console.log(JSON.stringify({ machine: await machine(), n: N, offices: OFFICES }))
    const filled = await call<Record<string, number>>(page, 'fill', N, OFFICES)
    console.log(JSON.stringify({ filled }))
    const rows: Record<string, number[]> = {}
    const add = (k: string, v: number) => {
      rows[k] = [...(rows[k] ?? []), v]
    }
    for (let round = 0; round < ROUNDS; round++) {
      const floor = await sampled(bench.profile, () => call<{ ms: number; records: number }>(page, 'floorPagedRead'))
      const dexie = await call<{ ms: number; records: number }>(page, 'dexiePages')
      const walk = await call<{ ms: number; entries: number }>(page, 'floorKeyWalk')
      const ours = await sampled(bench.profile, () => call<Record<string, number>>(page, 'check'))
      console.log(JSON.stringify({ round, floor: floor.value, dexie, walk, ours: ours.value, pssMb: ours.chrome }))
      add('dexiePages', dexie.ms)
      add('floor', floor.value.ms)
      add('floorPss', floor.chrome)
      add('keyWalk', walk.ms)
      for (const [k, v] of Object.entries(ours.value)) add(k, v)
      add('pss', ours.chrome)
      add('ratio', ours.value.totalMs / floor.value.ms)
    }
    const review = await call<Record<string, number>>(page, 'reviewLookups', 20)
    console.log(JSON.stringify({ review }))
    for (const [k, v] of Object.entries(review)) add(`review.${k}`, v)
    // the check as it was, once, last: at national scale it may take the page down (out of memory)
    if (OLD) {
      try {
        const old = await sampled(bench.profile, () => call<Record<string, number>>(page, 'checkReadingEverything'))
        console.log(JSON.stringify({ old: old.value, pssMb: old.chrome }))
        add('oldTotal', old.value.totalMs)
        add('oldPeakMb', old.value.peakMb)
        add('oldKeptMb', old.value.keptMb)
        add('oldPss', old.chrome)
      } catch (e) {
        console.log(JSON.stringify({ old: 'failed', reason: e instanceof Error ? e.message.slice(0, 300) : String(e) }))
      }
    }
    const med = Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, Number(median(v).toFixed(2))]))
    console.log(JSON.stringify({ median: med, rounds: ROUNDS }))
  } finally {
    await bench.close()
  }
})
