import { spawnSync } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { constants, deflateRawSync } from 'node:zlib'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFLATE, type RawZipEntry } from '../../../electron/services/bundle/container'
import { publicKeyRecord, sealPrivateKeys } from '../../../electron/services/bundle/keys'
import { ARCHIVE_PART_BUDGET, ARCHIVE_SCAN_MAX_BYTES, BUNDLE_LIMITS } from '../../../shared/exchange/limits'
import { type Json, makeBases, makeCrafter, rawEntry } from './corpus/craft'
import { keys, sampleFiles, units } from './helpers'

/*
 * 守得住 #5, memory amplification: a 14.4 MB bundle that inflated to about 1 GiB peaked at 2.9 GB in the app and
 * 4.1 GB in `bundle dump` (then “意外错误（Invalid string length）”). Each case here is a validly signed archive,
 * encrypted to the city, opened in a CHILD process — the app's `exchange:open` through `dispatch`, and the real
 * command line `bundle dump --key` — whose peak resident memory (VmHWM, read by a preload at exit) is its own.
 * The bombs must be refused with a Chinese message, nothing written, under MEMORY_BOUND; a legitimate part at the
 * full default budget must still open (its peak is printed: docs/reliability.md “数据包的内存放大”).
 */

const ROOT = resolve(import.meta.dirname, '../../..')
const MiB = 1024 * 1024
/** Generous: the refusals below stay near a bare Node process (≈ 50–100 MB). */
const MEMORY_BOUND = 600 * MiB
const PASSPHRASE = '南京市院口令2026'

let dir = ''
let outDir = ''
const files = { probe: '', cli: '', hwm: '', key: '', request: '', keysJson: '' }

/**
 * A raw DEFLATE stream that inflates to `bytes` bytes of `fill` without ever holding them: 1 MiB blocks compressed
 * once (ending in a sync flush, so the pieces can follow one another), repeated, then a final empty block.
 */
function bombStream(bytes: number, fill = 0): Uint8Array {
  const piece = deflateRawSync(Buffer.alloc(MiB, fill), { level: 9, finishFlush: constants.Z_SYNC_FLUSH })
  const whole = Math.floor(bytes / MiB)
  const tail = deflateRawSync(Buffer.alloc(bytes - whole * MiB, fill), { level: 9 })
  return Buffer.concat([...Array.from({ length: whole }, () => piece), tail])
}

interface Bomb {
  name: string
  bytes: Uint8Array
  /** Codes acceptable for the refusal (app path and command line alike). */
  codes: string[]
  inflated: string
}

function bombs(): Bomb[] {
  const craft = makeCrafter(makeBases())
  const base = sampleFiles().filter((f) => f.name !== 'cases.ndjson')
  const entries = (extra: RawZipEntry[]) => [...base.map((f) => rawEntry(f.name, f.bytes, DEFLATE)), ...extra]
  const declare = (m: Json, list: { name: string; size: number }[], tables: Record<string, number> = {}) => {
    m.files = [...m.files.filter((f: { name: string }) => f.name !== 'cases.ndjson')]
    for (const f of list) m.files.push({ name: f.name, size: f.size, sha256: 'c'.repeat(64) })
    m.files.sort((a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1))
    m.tables = { ...m.tables }
    delete m.tables.cases
    for (const [t, count] of Object.entries(tables)) m.tables[t] = { count }
  }
  const GiB = 1024 * MiB
  const zeros = bombStream(GiB)
  const lines = bombStream(GiB, 0x0a)
  const per = 79 * MiB
  const slice = bombStream(per)
  const thirteen = Array.from({ length: 13 }, (_, i) => `attachments/BOMB0000000${String(i).padStart(2, '0')}`)
  return [
    {
      name: 'one scan of 1 GiB of zeros (≈1000:1), declared truthfully',
      inflated: '1 GiB',
      codes: ['bundle.too-large'],
      bytes: craft('E', {
        mutate: (m) => declare(m, [{ name: 'attachments/BOMB000000001', size: GiB }]),
        innerEntries: entries([
          { name: 'attachments/BOMB000000001', method: DEFLATE, data: zeros, crc32: 0, size: GiB },
        ]),
      }),
    },
    {
      name: 'cases.ndjson of 1 GiB of newlines (≈1000:1), declared truthfully',
      inflated: '1 GiB',
      codes: ['bundle.too-large'],
      bytes: craft('E', {
        mutate: (m) => declare(m, [{ name: 'cases.ndjson', size: GiB }], { cases: 3 }),
        innerEntries: entries([{ name: 'cases.ndjson', method: DEFLATE, data: lines, crc32: 0, size: GiB }]),
      }),
    },
    {
      name: '13 scans of 79 MiB of zeros: each under the per-file cap, 1 GiB together',
      inflated: '1 GiB',
      codes: ['bundle.too-large'],
      bytes: craft('E', {
        mutate: (m) =>
          declare(
            m,
            thirteen.map((name) => ({ name, size: per })),
          ),
        innerEntries: entries(thirteen.map((name) => ({ name, method: DEFLATE, data: slice, crc32: 0, size: per }))),
      }),
    },
    {
      name: 'a scan declared as 64 MiB (ratio 64 by the declaration) whose stream inflates to 1 GiB',
      inflated: '64 MiB (stopped)',
      codes: ['bundle.corrupt'],
      bytes: craft('E', {
        mutate: (m) => declare(m, [{ name: 'attachments/BOMB000000001', size: 64 * MiB }]),
        innerEntries: entries([
          { name: 'attachments/BOMB000000001', method: DEFLATE, data: zeros, crc32: 0, size: 64 * MiB },
        ]),
      }),
    },
    {
      name: 'cases.ndjson of 2 000 000 records declared within the byte caps',
      inflated: '—',
      codes: ['bundle.too-large'],
      bytes: craft('E', {
        mutate: (m) => declare(m, [{ name: 'cases.ndjson', size: 6_000_000 }], { cases: 2_000_000 }),
        innerEntries: entries([
          { name: 'cases.ndjson', method: DEFLATE, data: bombStream(6_000_000, 0x0a), crc32: 0, size: 6_000_000 },
        ]),
      }),
    },
  ]
}

interface Run {
  status: number | null
  stdout: string
  stderr: string
  peak: number
  ms: number
}

/** Runs node on a bundled entry with the VmHWM preload; stdout to a file when `stdoutFile` is given. */
function run(entry: string, args: string[], env: Record<string, string> = {}, stdoutFile?: string): Run {
  const hwmOut = join(dir, `hwm-${Math.random().toString(36).slice(2)}.txt`)
  const fd = stdoutFile ? openSync(stdoutFile, 'w') : undefined
  const started = Date.now()
  const res = spawnSync(process.execPath, ['-r', files.hwm, entry, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env, HWM_OUT: hwmOut, NODE_OPTIONS: '' },
    stdio: ['ignore', fd ?? 'pipe', 'pipe'],
    maxBuffer: 16 * MiB,
  })
  if (fd !== undefined) closeSync(fd)
  const peak = Number(readFileSync(hwmOut, 'utf8')) * 1024
  return { status: res.status, stdout: res.stdout ?? '', stderr: res.stderr ?? '', peak, ms: Date.now() - started }
}

const mb = (n: number) => `${Math.round(n / MiB)} MiB`

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jiuzhu-memory-'))
  // Bundled next to node_modules so that the bundle's bare imports (zod, fflate, exceljs …) resolve.
  outDir = join(ROOT, 'node_modules', '.cache', `jiuzhu-memory-probe-${process.pid}`)
  mkdirSync(outDir, { recursive: true })
  await build({
    configFile: false,
    logLevel: 'silent',
    root: ROOT,
    resolve: { alias: { '@shared': join(ROOT, 'shared') } },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      minify: false,
      rolldownOptions: {
        input: { probe: join(ROOT, 'test/unit/bundle/memory/probe.ts'), cli: join(ROOT, 'electron/cli/main.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  })
  files.probe = join(outDir, 'probe.mjs')
  files.cli = join(outDir, 'cli.mjs')
  files.hwm = join(dir, 'hwm.cjs')
  writeFileSync(
    files.hwm,
    "process.on('exit', () => { const s = require('fs').readFileSync('/proc/self/status', 'utf8'); " +
      "require('fs').writeFileSync(process.env.HWM_OUT, /VmHWM:\\s+(\\d+) kB/.exec(s)[1]) })\n",
  )
  files.key = join(dir, 'city.key.json')
  writeFileSync(files.key, await sealPrivateKeys(keys.city, PASSPHRASE))
  files.request = join(dir, 'request.json')
  writeFileSync(
    files.request,
    JSON.stringify({
      sealed: readFileSync(files.key, 'utf8'),
      passphrase: PASSPHRASE,
      expectedReceiverUnit: units.city.unitCode,
      trusted: [publicKeyRecord(keys.district)],
      allowEnrollment: false,
    }),
  )
  files.keysJson = join(dir, 'keys.json')
  writeFileSync(files.keysJson, JSON.stringify({ sender: keys.district, receiver: keys.city }))
}, 120_000)

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

describe('memory amplification (守得住 #5): inflate bombs are refused early, under a memory bound', () => {
  it('the caps follow from the part budget with the documented margin', () => {
    const { fileBytes, totalBytes, scanBytes } = ARCHIVE_PART_BUDGET
    expect(BUNDLE_LIMITS.maxFileBytes).toBe(fileBytes + 16 * MiB)
    expect(BUNDLE_LIMITS.maxTotalBytes).toBe(totalBytes + scanBytes + 16 * MiB)
    expect(BUNDLE_LIMITS.maxBundleBytes).toBe(BUNDLE_LIMITS.maxTotalBytes + 16 * MiB)
    expect(BUNDLE_LIMITS.maxTotalBytes).toBeLessThanOrEqual(208 * MiB)
  })

  it('each bomb: the app path (exchange:open) and `bundle dump` refuse it in Chinese, nothing written, < 600 MB', () => {
    const rows: string[] = []
    for (const [i, bomb] of bombs().entries()) {
      const file = join(dir, `bomb-${i}.jzb`)
      writeFileSync(file, bomb.bytes)
      const app = run(files.probe, ['open', file, files.request])
      const result = JSON.parse(app.stdout.trim().split('\n').pop() ?? '{}') as {
        ok: boolean
        code?: string
        message?: string
        dir?: string
      }
      expect(result.ok, bomb.name).toBe(false)
      expect(bomb.codes, `${bomb.name}: ${result.code} ${result.message}`).toContain(result.code)
      expect(result.message, bomb.name).toMatch(/未导入任何数据/)
      expect(result.message, bomb.name).not.toMatch(/意外错误|\{\w+\}/)
      // nothing written: the probe's export and backup folders were never created
      expect(readdirSync(result.dir as string), bomb.name).toEqual([])
      rmSync(result.dir as string, { recursive: true, force: true })
      expect(app.peak, `${bomb.name}: app peak ${mb(app.peak)}`).toBeLessThan(MEMORY_BOUND)

      const dump = run(files.cli, ['bundle', 'dump', file, '--key', files.key], { JIUZHU_KEY_PASSPHRASE: PASSPHRASE })
      expect(dump.status, `${bomb.name}: ${dump.stderr}`).toBe(1)
      expect(dump.stdout, bomb.name).toBe('')
      expect(dump.stderr, bomb.name).toMatch(/未导入任何数据/)
      expect(dump.stderr, bomb.name).not.toMatch(/意外错误|Invalid string length/)
      expect(dump.peak, `${bomb.name}: dump peak ${mb(dump.peak)}`).toBeLessThan(MEMORY_BOUND)
      rows.push(
        `| ${bomb.name} | ${mb(bomb.bytes.length)} | ${bomb.inflated} | ${result.code} | ${mb(app.peak)} (${app.ms} ms) | ${mb(dump.peak)} (${dump.ms} ms) |`,
      )
    }
    console.log(
      [
        '| 炸弹 | 数据包 | 解压后 | 拒绝代码 | 应用（exchange:open）峰值 | bundle dump 峰值 |',
        '|---|---|---|---|---|---|',
        ...rows,
      ].join('\n'),
    )
  }, 240_000)

  it('a legitimate part at the full default budget still opens, in the app and in `bundle dump`', () => {
    const bundle = join(dir, 'legit.jzb')
    const spec = join(dir, 'spec.json')
    const scans = 5
    const scanBytes = Math.min(ARCHIVE_SCAN_MAX_BYTES, Math.floor(ARCHIVE_PART_BUDGET.scanBytes / scans) - MiB)
    writeFileSync(
      spec,
      JSON.stringify({
        casesBytes: ARCHIVE_PART_BUDGET.fileBytes - MiB,
        ledgerBytes: ARCHIVE_PART_BUDGET.totalBytes - ARCHIVE_PART_BUDGET.fileBytes,
        scanBytes,
        scans,
      }),
    )
    const made = run(files.probe, ['make', files.keysJson, bundle, spec])
    const madeResult = JSON.parse(made.stdout.trim().split('\n').pop() ?? '{}') as {
      ok: boolean
      bundleBytes: number
      ndjson: number
      records: number
      message?: string
    }
    expect(madeResult.ok, madeResult.message).toBe(true)
    expect(madeResult.ndjson).toBeGreaterThan(ARCHIVE_PART_BUDGET.totalBytes - 2 * MiB)

    const app = run(files.probe, ['open', bundle, files.request])
    const opened = JSON.parse(app.stdout.trim().split('\n').pop() ?? '{}') as {
      ok: boolean
      tables?: Record<string, number>
      scans?: number
      message?: string
      dir?: string
    }
    expect(opened.ok, opened.message).toBe(true)
    if (opened.dir) rmSync(opened.dir, { recursive: true, force: true })
    expect((opened.tables?.cases ?? 0) + (opened.tables?.ledger ?? 0)).toBe(madeResult.records)
    expect(opened.scans).toBe(scans)

    const out = join(dir, 'legit.ndjson')
    const dump = run(
      files.cli,
      ['bundle', 'dump', bundle, '--key', files.key, '--ndjson'],
      { JIUZHU_KEY_PASSPHRASE: PASSPHRASE },
      out,
    )
    expect(dump.status, dump.stderr).toBe(0)
    const text = readFileSync(out, 'utf8')
    let lines = 0
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++
    expect(lines).toBe(madeResult.records)
    console.log(
      `合法的满预算分批：NDJSON ${mb(madeResult.ndjson)}（${madeResult.records} 条）+ 扫描件 ${scans} × ${mb(scanBytes)}，` +
        `数据包 ${mb(madeResult.bundleBytes)}；应用 exchange:open 峰值 ${mb(app.peak)}（${app.ms} ms），` +
        `bundle dump --ndjson 峰值 ${mb(dump.peak)}（${dump.ms} ms）`,
    )
  }, 300_000)
})
