import { loadavg } from 'node:os'
import { it } from 'vitest'
import type { AuditHashAlg } from '../../shared/audit/hashAlg'
import { machine, median, openBenchPage } from './browserHarness'
import { call } from './pageCalls'

/**
 * 校验审计链 of 100k entries in Chromium, SHA-256 against SM3 (issue 19 item 4; figures in docs/performance.md
 * 「审计链校验：SHA-256 与 SM3」). Both logs are filled once, then verified in alternating rounds.
 * Run: BENCH_N=100000 BENCH_ROUNDS=3 npm run bench -- test/bench/audit-chain.bench.test.ts
 */
const N = Number(process.env.BENCH_N ?? 100_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)
const ALGS: AuditHashAlg[] = ['sha256', 'sm3']

type Verified = { count: number; wholeMs: number; readMs: number; linksMs: number; hashMs: number }

it('verifying a 100k-entry audit chain: SHA-256 vs SM3', async () => {
  console.log(`machine: ${await machine()}; load ${loadavg()[0].toFixed(1)} at start; ${N} entries, ${ROUNDS} rounds`)
  const bench = await openBenchPage('auditChain.ts')
  const runs: Record<AuditHashAlg, Verified[]> = { sha256: [], sm3: [] }
  const sealed: Record<string, number> = {}
  try {
    for (const alg of ALGS) {
      const filled = await call<{ entries: number; sealMs: number }>(bench.page, 'fill', alg, N)
      sealed[alg] = filled.sealMs
      console.log(`${alg}: ${filled.entries} entries, sealing took ${(filled.sealMs / 1000).toFixed(1)} s`)
    }
    for (let round = 0; round < ROUNDS; round++) {
      for (const alg of round % 2 ? [...ALGS].reverse() : ALGS) {
        const r = await call<Verified>(bench.page, 'verify', alg)
        console.log(`round ${round + 1} ${alg}: ${JSON.stringify(r)}`)
        runs[alg].push(r)
      }
    }
  } finally {
    await bench.close()
  }
  const s = (ms: number) => (ms / 1000).toFixed(2)
  const m = (alg: AuditHashAlg, k: keyof Verified) => median(runs[alg].map((r) => r[k]))
  console.log(
    '\n| | SHA-256 | SM3 | SM3 / SHA-256 |\n|---|---|---|---|' +
      (['wholeMs', 'readMs', 'linksMs', 'hashMs'] as const)
        .map(
          (k) =>
            `\n| ${k} (s, median) | ${s(m('sha256', k))} | ${s(m('sm3', k))} | ${(m('sm3', k) / m('sha256', k)).toFixed(2)} |`,
        )
        .join('') +
      `\n| sealing ${N} entries (s, once) | ${s(sealed.sha256)} | ${s(sealed.sm3)} | ${(sealed.sm3 / sealed.sha256).toFixed(2)} |`,
  )
  console.log(`load ${loadavg()[0].toFixed(1)} at end`)
})
