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

/** CPU seconds (user + system) of this process: less sensitive than wall time to other load on a shared VM. */
const cpuSeconds = () => {
  const u = process.cpuUsage()
  return (u.user + u.system) / 1e6
}

function province(mode: 'trusted' | 'workflow') {
  const h = buildHierarchy({ size: 'province', seed: 1, cases: CASES })
  const cpu0 = cpuSeconds()
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
  return { ms, cpu: cpuSeconds() - cpu0, records, cases, offices: h.offices.length, peak }
}

const row = (
  round: string,
  mode: string,
  x: { ms: number; cpu: number; records: number; cases: number; offices: number; peak: number },
  load: string,
) =>
  `| ${round} | ${mode} | ${x.offices} | ${x.cases} | ${x.records} | ${(x.ms / 1000).toFixed(1)} | ${x.cpu.toFixed(1)} | ${Math.round((x.records / x.ms) * 1000)} | ${Math.round(x.records / x.cpu)} | ${Math.round(x.cases / x.cpu)} | ${x.peak} | ${load} |`

it('generator: demo office, province in memory (both modes), province written by the CLI', async () => {
  console.log(`machine: ${machine()}`)
  const demo: number[] = []
  const demoCpu: number[] = []
  for (let i = 0; i < 5; i++) {
    const c = cpuSeconds()
    const t = performance.now()
    generateDemoOffice({ seed: i + 1 })
    demo.push(performance.now() - t)
    demoCpu.push((cpuSeconds() - c) * 1000)
  }
  const runs = demo.map((x) => x.toFixed(0)).join(', ')
  console.log(
    `demo office: median ${median(demo).toFixed(0)} ms wall, ${median(demoCpu).toFixed(0)} ms CPU (runs ${runs})`,
  )

  const rows: string[] = []
  const trusted: number[] = []
  const trustedCpu: number[] = []
  for (let r = 1; r <= ROUNDS; r++) {
    const before = load()
    const x = province('trusted')
    trusted.push(x.ms)
    trustedCpu.push(x.cpu)
    rows.push(row(String(r), 'trusted', x, before))
    console.log(rows.at(-1))
  }
  const before = load()
  rows.push(row('–', 'workflow', province('workflow'), before))
  console.log(rows.at(-1))

  const dir = await mkdtemp(join(tmpdir(), 'jiuzhu-gen-bench-'))
  try {
    const before = load()
    const cpu0 = cpuSeconds()
    const t = performance.now()
    const m = await writeDataSet({ size: 'province', out: join(dir, 'out'), seed: '1', cases: CASES })
    const ms = performance.now() - t
    const records = dataTables.reduce((s, k) => s + m.tables[k].count, 0)
    const bytes = m.officeFiles.reduce((s, o) => s + o.files.reduce((a, f) => a + f.bytes, 0), 0)
    const x = { ms, cpu: cpuSeconds() - cpu0, records, cases: m.tables.cases.count, offices: m.offices, peak: rssMb() }
    rows.push(row('–', 'CLI write', x, before))
    console.log(rows.at(-1), `${(bytes / 2 ** 20).toFixed(0)} MiB written`)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
  console.log(
    '\n| round | mode | offices | cases | records | wall s | CPU s | records/s (wall) | records/CPU-s | cases/CPU-s | peak RSS MB | load before |',
  )
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|')
  for (const r of rows) console.log(r)
  console.log(`median trusted: ${(median(trusted) / 1000).toFixed(1)} s wall, ${median(trustedCpu).toFixed(1)} CPU s`)
})
