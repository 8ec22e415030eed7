import { execSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { it } from 'vitest'
import { writeDataSet } from '../../electron/cli/generate'
import { buildHierarchy, dataTables, generateDemoOffice, generateOffice } from '../../shared/generate'

/**
 * Synthetic data generator benchmark (issue 4 "data at three sizes"; figures in docs/performance.md):
 *  1. the demo office (~300 cases) in memory, as 载入演示数据 does it;
 *  2. the province data set (BENCH_CASES, default 100,000 cases, ~165 offices) in memory, office by office, in the
 *     CLI's mode ('trusted': the workflow's guards and handlers without re-parsing the generator's own actions) and
 *     once in 'workflow' mode (every action through transition(), zod parse included);
 *  3. the same province written to files by the CLI code (NDJSON per office and table, hashes, manifest).
 * Run: BENCH_ROUNDS=3 npm run bench -- test/bench/generate.bench.test.ts
 */

const CASES = Number(process.env.BENCH_CASES ?? 100_000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3)

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2
}

function machine(): string {
  let os = ''
  try {
    os = execSync('. /etc/os-release && echo "$PRETTY_NAME"', { shell: '/bin/sh' }).toString().trim()
  } catch {
    /* not Linux */
  }
  return `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}${os ? `, ${os}` : ''}`
}

const load = () => loadavg()[0]!.toFixed(1)
const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20)

function province(mode: 'trusted' | 'workflow') {
  const h = buildHierarchy({ size: 'province', seed: 1, cases: CASES })
  const started = performance.now()
  let records = 0
  let cases = 0
  let peak = 0
  for (const spec of h.offices) {
    const d = generateOffice(h, spec, { mode })
    records += dataTables.reduce((s, t) => s + (d[t] as unknown[]).length, 0)
    cases += d.cases.length
    peak = Math.max(peak, rssMb())
  }
  const ms = performance.now() - started
  return { ms, records, cases, offices: h.offices.length, peak }
}

it('generator: demo office, province in memory (both modes), province written by the CLI', async () => {
  console.log(`machine: ${machine()}`)
  const demo: number[] = []
  for (let i = 0; i < 5; i++) {
    const t = performance.now()
    generateDemoOffice({ seed: i + 1 })
    demo.push(performance.now() - t)
  }
  console.log(`demo office: median ${median(demo).toFixed(0)} ms (runs ${demo.map((x) => x.toFixed(0)).join(', ')})`)

  const rows: string[] = []
  const trusted: number[] = []
  for (let r = 1; r <= ROUNDS; r++) {
    const before = load()
    const x = province('trusted')
    trusted.push(x.ms)
    rows.push(
      `| ${r} | trusted | ${x.offices} | ${x.cases} | ${x.records} | ${(x.ms / 1000).toFixed(1)} | ${Math.round((x.records / x.ms) * 1000)} | ${Math.round((x.cases / x.ms) * 1000)} | ${x.peak} | ${before} |`,
    )
    console.log(rows.at(-1))
  }
  const w = province('workflow')
  rows.push(
    `| – | workflow | ${w.offices} | ${w.cases} | ${w.records} | ${(w.ms / 1000).toFixed(1)} | ${Math.round((w.records / w.ms) * 1000)} | ${Math.round((w.cases / w.ms) * 1000)} | ${w.peak} | ${load()} |`,
  )
  console.log(rows.at(-1))

  const dir = await mkdtemp(join(tmpdir(), 'jiuzhu-gen-bench-'))
  try {
    const t = performance.now()
    const m = await writeDataSet({ size: 'province', out: join(dir, 'out'), seed: '1', cases: CASES })
    const ms = performance.now() - t
    const records = dataTables.reduce((s, k) => s + m.tables[k].count, 0)
    const bytes = m.officeFiles.reduce((s, o) => s + o.files.reduce((a, f) => a + f.bytes, 0), 0)
    rows.push(
      `| – | CLI write | ${m.offices} | ${m.tables.cases.count} | ${records} | ${(ms / 1000).toFixed(1)} | ${Math.round((records / ms) * 1000)} | ${Math.round((m.tables.cases.count / ms) * 1000)} | ${rssMb()} | ${load()} |`,
    )
    console.log(rows.at(-1), `${(bytes / 2 ** 20).toFixed(0)} MiB written`)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  console.log('\n| round | mode | offices | cases | records | s | records/s | cases/s | peak RSS MB | load |')
  console.log('|---|---|---|---|---|---|---|---|---|---|')
  for (const r of rows) console.log(r)
  console.log(`median trusted: ${(median(trusted) / 1000).toFixed(1)} s`)
})
