import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { GENESIS_HASH } from '../../shared/audit/chain'
import { isValidDate } from '../../shared/domain/dates'
import type { CaseState } from '../../shared/domain/schemas'
import { BUNDLE_LIMITS } from '../../shared/exchange/limits'
import { type TableSummary as BundleTableSummary, bundleFileName } from '../../shared/exchange/manifest'
import {
  addSummaries,
  buildHierarchy,
  type DataTable,
  dataTables,
  emptySummaries,
  type FundBalance,
  type GenerateSize,
  generateOffice,
  generateSizes,
  type Hierarchy,
  ledgerBalances,
  type OfficeData,
  type PlantedDuplicate,
  stateCounts,
  summarizeTables,
  type TableSummary,
} from '../../shared/generate'
import { Rng } from '../../shared/generate/random'
import { canonicalJson } from '../../shared/util/canonicalJson'
import { generateOfficeKeys, type OfficeKeys, publicKeyRecord, sealPrivateKeys } from '../services/bundle/keys'
import { packBundle } from '../services/bundle/pack'

/**
 * `npm run cli -- generate --size demo|province|national --out <dir> [--seed N]`: writes a synthetic data set
 * (shared/generate; docs/data-generator.md) as files, one office at a time so memory stays bounded:
 *
 *   <out>/hierarchy.json                    units (directory), offices with case quotas, wage table, planted duplicates
 *   <out>/manifest.json                     counts and money totals per table, ledger balances, states, file hashes
 *   <out>/offices/<unitCode>/<table>.ndjson one JSON record per line (persons, clues, cases, ledger, …)
 *   <out>/offices/<unitCode>/staff.json     the office's staff (ids used in createdBy/updatedBy; no passwords)
 *   <out>/bundles/, <out>/keys/             with --bundles: signed, encrypted archive bundles 基层 → 市 → 省 (→ 最高)
 *
 * Same options → byte-identical data files and manifest (keys and bundles excepted: key files are sealed with fresh
 * salt).
 */
export const GENERATE_USAGE = [
  '用法：',
  '  npm run cli -- generate --size demo|province|national --out <目录> [--seed N] [--as-of YYYY-MM-DD]',
  '                          [--cases N] [--years N] [--no-materials] [--bundles]',
  '',
  '  --size      demo：一个基层院约 300 件（3 年）；province：一个省约 10 万件（10 年）；national：全国约 100 万件（10 年）',
  '  --out       输出目录（须不存在或为空）',
  '  --seed      随机种子（默认 1）；相同参数生成的数据文件逐字节相同',
  '  --as-of     数据截止日期（默认 2026-11-30）',
  '  --cases     案件总数（默认按规模）',
  '  --bundles   另外生成三级签名加密上报数据包及各院密钥（口令取自环境变量 JIUZHU_KEY_PASSPHRASE，默认 jiuzhu-demo-key）',
].join('\n')

export interface GenerateRunOptions {
  size: GenerateSize
  out: string
  seed?: string
  asOf?: string
  cases?: number
  years?: number
  materials?: boolean
  bundles?: boolean
  /** Progress lines (default: none). */
  log?: (line: string) => void
}

export interface FileEntry {
  name: string
  bytes: number
  sha256: string
}

export interface OfficeEntry {
  unitCode: string
  name: string
  level: string
  dir: string
  maxRev: number
  tables: Record<DataTable, TableSummary>
  files: FileEntry[]
}

export interface DataSetManifest {
  format: 'jiuzhu-synthetic-data'
  formatVersion: 1
  generator: string
  size: GenerateSize
  seed: string
  asOf: string
  fromDate: string
  years: number
  说明: string[]
  units: number
  offices: number
  tables: Record<DataTable, TableSummary>
  money: {
    grantedFen: number
    paidFen: number
    ledgerBalances: Partial<Record<string, FundBalance>>
  }
  states: Partial<Record<CaseState, number>>
  duplicates: PlantedDuplicate[]
  officeFiles: OfficeEntry[]
  /** sha256 over every data file's name and sha256, in order: one value to compare two runs. */
  contentHash: string
  bundles?: BundleEntry[]
}

const GENERATOR = 'jiuzhu-desk generate v1'

const README = [
  '本目录是“司法救助工作台”的合成演示/测试数据，由 npm run cli -- generate 按固定随机种子生成，不含任何真实人员或案件。',
  '省级行政区名称和代码是真实的（身份证号码校验需要）；市、县名称及以下全部为虚构，身份证号码校验位有效但不对应真实的人。',
  '每个单位一个目录 offices/<单位代码>/，每张表一个 NDJSON 文件（每行一条 JSON 记录），字段见 shared/domain/schemas。',
  '案件全部经 shared/domain/workflow.ts 的 transition 逐步办理生成；台账由 shared/domain/ledgerEffects.ts 按办理事件生成。',
  'hierarchy.json：单位目录、各院案件数、合成工资表、有意设置的跨院重复救助；manifest.json：各表条数与金额合计、台账余额。',
  '详见 docs/data-generator.md。',
]

function option(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}

function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex')
}

function ndjson(records: readonly unknown[]): string {
  let s = ''
  for (const r of records) s += `${JSON.stringify(r)}\n`
  return s
}

async function ensureEmptyDir(dir: string): Promise<void> {
  try {
    const entries = await readdir(dir)
    if (entries.length > 0) throw new Error(`输出目录“${dir}”不是空目录，请换一个目录或先清空。`)
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e
    await mkdir(dir, { recursive: true })
  }
}

/** The hierarchy file: everything a loader needs to set up the offices (directory, quotas, wages, duplicates). */
function hierarchyJson(h: Hierarchy) {
  return {
    format: 'jiuzhu-synthetic-hierarchy',
    formatVersion: 1,
    size: h.size,
    seed: h.seed,
    asOf: h.asOf,
    fromDate: h.fromDate,
    years: h.years,
    units: h.units,
    offices: h.offices.map((o) => ({
      unitCode: o.unit.code,
      name: o.unit.name,
      level: o.unit.level,
      ...(o.unit.parentCode ? { parentCode: o.unit.parentCode } : {}),
      ...(o.unit.regionCode ? { regionCode: o.unit.regionCode } : {}),
      area: o.area,
      caseCount: o.caseCount,
      dir: `offices/${o.unit.code}`,
    })),
    wageTable: h.wageTable,
    duplicates: h.duplicates,
  }
}

/** Writes one office's files; returns its manifest entry. */
async function writeOffice(outDir: string, data: OfficeData): Promise<OfficeEntry> {
  const dir = `offices/${data.unit.code}`
  await mkdir(join(outDir, dir), { recursive: true })
  const files: FileEntry[] = []
  for (const t of dataTables) {
    const text = ndjson(data[t] as unknown[])
    const bytes = Buffer.from(text, 'utf8')
    await writeFile(join(outDir, dir, `${t}.ndjson`), bytes)
    files.push({ name: `${dir}/${t}.ndjson`, bytes: bytes.length, sha256: sha256(bytes) })
  }
  const staff = `${JSON.stringify(data.staff, null, 2)}\n`
  await writeFile(join(outDir, dir, 'staff.json'), staff)
  files.push({ name: `${dir}/staff.json`, bytes: Buffer.byteLength(staff), sha256: sha256(staff) })
  return {
    unitCode: data.unit.code,
    name: data.unit.name,
    level: data.unit.level,
    dir,
    maxRev: data.maxRev,
    tables: summarizeTables(data),
    files,
  }
}

/**
 * Generates and writes a whole data set. Offices are generated and written one at a time (each is independent), so
 * memory holds one office's records plus the running totals.
 */
export async function writeDataSet(o: GenerateRunOptions): Promise<DataSetManifest> {
  const out = resolve(o.out)
  const log = o.log ?? (() => {})
  await ensureEmptyDir(out)
  const h = buildHierarchy({
    size: o.size,
    ...(o.seed !== undefined ? { seed: o.seed } : {}),
    ...(o.asOf ? { asOf: o.asOf } : {}),
    ...(o.cases !== undefined ? { cases: o.cases } : {}),
    ...(o.years !== undefined ? { years: o.years } : {}),
  })
  const hierarchyText = `${JSON.stringify(hierarchyJson(h), null, 2)}\n`
  await writeFile(join(out, 'hierarchy.json'), hierarchyText)
  const tables = emptySummaries()
  const officeFiles: OfficeEntry[] = []
  const states: Partial<Record<CaseState, number>> = {}
  const balances: Partial<Record<string, FundBalance>> = {}
  const duplicates: PlantedDuplicate[] = []
  let grantedFen = 0
  let paidFen = 0
  const started = Date.now()
  let done = 0
  for (const spec of h.offices) {
    const data = generateOffice(h, spec, { mode: 'trusted', materials: o.materials !== false })
    const entry = await writeOffice(out, data)
    officeFiles.push(entry)
    addSummaries(tables, entry.tables)
    for (const [k, v] of Object.entries(stateCounts(data.cases))) {
      states[k as CaseState] = (states[k as CaseState] ?? 0) + (v ?? 0)
    }
    for (const [src, b] of Object.entries(ledgerBalances(data.ledger))) {
      const into = balances[src] ?? { received: 0, paid: 0, recovered: 0, reversed: 0, balance: 0 }
      balances[src] = into
      into.received += b!.received
      into.paid += b!.paid
      into.recovered += b!.recovered
      into.reversed += b!.reversed
      into.balance += b!.balance
    }
    for (const c of data.cases) {
      if (c.decision?.outcome === 'granted') grantedFen += c.decision.grantedFen ?? 0
      if (c.payment) paidFen += c.payment.amountFen
    }
    duplicates.push(...data.duplicates)
    done++
    if (done % 50 === 0 || done === h.offices.length) {
      log(
        `已生成 ${done}/${h.offices.length} 个单位，${tables.cases.count} 件案件（${((Date.now() - started) / 1000).toFixed(1)} 秒）`,
      )
    }
  }
  const allFiles = [
    { name: 'hierarchy.json', sha256: sha256(hierarchyText) },
    ...officeFiles.flatMap((x) => x.files.map((f) => ({ name: f.name, sha256: f.sha256 }))),
  ]
  const manifest: DataSetManifest = {
    format: 'jiuzhu-synthetic-data',
    formatVersion: 1,
    generator: GENERATOR,
    size: h.size,
    seed: h.seed,
    asOf: h.asOf,
    fromDate: h.fromDate,
    years: h.years,
    说明: README,
    units: h.units.length,
    offices: h.offices.length,
    tables,
    money: { grantedFen, paidFen, ledgerBalances: balances },
    states,
    duplicates: duplicates.sort((a, b) => a.key.localeCompare(b.key) || a.role.localeCompare(b.role)),
    officeFiles,
    contentHash: sha256(canonicalJson(allFiles)),
  }
  if (o.bundles) {
    log('正在生成各院密钥和上报数据包……')
    manifest.bundles = await writeBundles(out, h, manifest, log)
  }
  await writeFile(join(out, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}

function yuan(fen: number): string {
  return `${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`
}

/** `generate …`: exit 0 on success, 2 on a usage error, 1 when writing failed; every message in Chinese. */
export async function generateCommand(args: string[]): Promise<number> {
  const size = option(args, '--size') as GenerateSize | undefined
  const out = option(args, '--out')
  if (!size || !generateSizes.includes(size) || !out) {
    console.error(GENERATE_USAGE)
    return 2
  }
  const seed = option(args, '--seed')
  const asOf = option(args, '--as-of')
  const cases = option(args, '--cases')
  const years = option(args, '--years')
  if (asOf !== undefined && !isValidDate(asOf)) {
    console.error(`截止日期“${asOf}”不正确，应为 YYYY-MM-DD。`)
    return 2
  }
  for (const [name, v] of [
    ['--cases', cases],
    ['--years', years],
  ] as const) {
    if (v !== undefined && !/^\d+$/.test(v)) {
      console.error(`${name} 须为正整数。`)
      return 2
    }
  }
  const started = Date.now()
  try {
    const m = await writeDataSet({
      size,
      out,
      ...(seed !== undefined ? { seed } : {}),
      ...(asOf ? { asOf } : {}),
      ...(cases ? { cases: Number(cases) } : {}),
      ...(years ? { years: Number(years) } : {}),
      materials: !args.includes('--no-materials'),
      bundles: args.includes('--bundles'),
      log: (line) => console.log(line),
    })
    const seconds = (Date.now() - started) / 1000
    const records = dataTables.reduce((s, t) => s + m.tables[t].count, 0)
    console.log(`已写入 ${resolve(out)}`)
    console.log(`规模 ${m.size}，种子 ${m.seed}，截止 ${m.asOf}：${m.units} 个单位（${m.offices} 个有数据）`)
    for (const t of dataTables) {
      const s = m.tables[t]
      console.log(`  ${t}: ${s.count} 条${s.amountFen !== undefined ? `，金额合计 ${yuan(s.amountFen)}` : ''}`)
    }
    console.log(`共 ${records} 条记录，用时 ${seconds.toFixed(1)} 秒（${Math.round(records / seconds)} 条/秒）`)
    console.log(`内容校验值 ${m.contentHash}`)
    return 0
  } catch (e) {
    console.error(`生成失败：${e instanceof Error ? e.message : String(e)}`)
    return 1
  }
}

// ── bundles ─────────────────────────────────────────────────────────────────────────────────────────────────────

export interface BundleEntry {
  name: string
  kind: string
  sender: string
  receiver: string
  origins: number
  bytes: number
  sha256: string
}

/** The passphrase that seals the generated offices' private keys (test data only). */
export const DEFAULT_KEY_PASSPHRASE = 'jiuzhu-demo-key'

/**
 * Signed, encrypted upward archive bundles over the generated data (docs/architecture.md §4; docs/bundle-format.md): every
 * 基层院 → its 市级院, every 市级院 → its 省级院 relaying its 基层院's records unchanged (one origin each), and for the
 * national size every 省级院 → 最高人民检察院. Keys are derived from the seed (so bundles are reproducible); the
 * receivers' private keys are written sealed under JIUZHU_KEY_PASSPHRASE (default `jiuzhu-demo-key`) so that
 * `bundle dump … --key` can open them; `keys/directory.json` lists every office's public keys. The synthetic offices
 * have no audit log, so every bundle names the genesis audit head (seq 0). A bundle that would exceed the format's
 * caps (docs/bundle-format.md §7) is skipped with a message.
 */
async function writeBundles(
  out: string,
  h: Hierarchy,
  m: DataSetManifest,
  log: (line: string) => void,
): Promise<BundleEntry[]> {
  const createdAt = `${h.asOf}T10:00:00.000Z`
  const passphrase = process.env.JIUZHU_KEY_PASSPHRASE || DEFAULT_KEY_PASSPHRASE
  const byCode = new Map(h.units.map((u) => [u.code, u]))
  const entryOf = new Map(m.officeFiles.map((e) => [e.unitCode, e]))
  const children = new Map<string, string[]>()
  for (const e of m.officeFiles) {
    const parent = byCode.get(e.unitCode)?.parentCode
    if (!parent) continue
    children.set(parent, [...(children.get(parent) ?? []), e.unitCode])
  }
  // Senders: every office with data below the top; receivers: their parents (the supreme office only nationally).
  const senders = m.officeFiles
    .map((e) => byCode.get(e.unitCode)!)
    .filter((u) => u.parentCode && (u.level !== 'province' || h.size === 'national'))
  const keyCodes = new Set<string>()
  for (const u of senders) keyCodes.add(u.code).add(u.parentCode!)
  const keys = new Map<string, OfficeKeys>()
  for (const code of [...keyCodes].sort()) {
    const rng = new Rng(`jiuzhu-generate/${h.seed}/${h.size}/keys/${code}`)
    keys.set(
      code,
      generateOfficeKeys({ unitCode: code, createdAt }, (n) => rng.bytes(n)),
    )
  }
  await mkdir(join(out, 'keys'), { recursive: true })
  await mkdir(join(out, 'bundles'), { recursive: true })
  const directory = [...keys.values()].map((k) => ({
    ...publicKeyRecord(k),
    unitName: byCode.get(k.unitCode)?.name ?? k.unitCode,
  }))
  await writeFile(join(out, 'keys', 'directory.json'), `${JSON.stringify(directory, null, 2)}\n`)
  const receivers = new Set(senders.map((u) => u.parentCode!))
  for (const code of [...receivers].sort()) {
    await writeFile(join(out, 'keys', `${code}.key.json`), await sealPrivateKeys(keys.get(code)!, passphrase))
  }

  /** The sender's own records and, relayed unchanged, those of every office below it that has data. */
  const originsOf = (code: string): string[] => {
    const list = [code]
    for (const c of children.get(code) ?? []) list.push(...originsOf(c))
    return list.filter((c) => entryOf.has(c)).sort()
  }
  const bundles: BundleEntry[] = []
  const rng = new Rng(`jiuzhu-generate/${h.seed}/${h.size}/bundles`)
  for (const sender of senders) {
    const origins = originsOf(sender.code)
    const tables: Record<string, BundleTableSummary> = {}
    const files: { name: string; bytes: Uint8Array }[] = []
    let total = 0
    let tooBig = ''
    for (const t of dataTables) {
      const parts: Buffer[] = []
      let count = 0
      let amountFen: number | undefined
      for (const code of origins) {
        const e = entryOf.get(code)!
        parts.push(await readFile(join(out, e.dir, `${t}.ndjson`)))
        count += e.tables[t].count
        if (e.tables[t].amountFen !== undefined) amountFen = (amountFen ?? 0) + e.tables[t].amountFen!
      }
      const bytes = Buffer.concat(parts)
      total += bytes.length
      if (bytes.length > BUNDLE_LIMITS.maxFileBytes || count > BUNDLE_LIMITS.maxNdjsonLines) tooBig = t
      files.push({ name: `${t}.ndjson`, bytes })
      tables[t] = { count, ...(amountFen !== undefined ? { totals: { amountFen } } : {}) }
    }
    const receiver = byCode.get(sender.parentCode!)!
    if (tooBig || total > BUNDLE_LIMITS.maxTotalBytes) {
      log(`跳过 ${sender.name} → ${receiver.name}：数据量超过数据包上限（${tooBig || '总量'}）`)
      continue
    }
    const packed = packBundle({
      kind: 'archive',
      sender: { keys: keys.get(sender.code)!, unitCode: sender.code, unitName: sender.name, level: sender.level },
      receiver: { unitCode: receiver.code, keys: publicKeyRecord(keys.get(receiver.code)!) },
      channelSeq: 1,
      prevBundleHash: null,
      origins: origins.map((code) => ({ unitCode: code, revFrom: 1, revTo: entryOf.get(code)!.maxRev })),
      tables,
      auditHead: { seq: 0, hash: GENESIS_HASH },
      files,
      createdAt,
      generator: GENERATOR,
      random: (n) => rng.bytes(n),
    })
    const name = bundleFileName(packed.manifest)
    await writeFile(join(out, 'bundles', name), packed.bytes)
    bundles.push({
      name: `bundles/${name}`,
      kind: 'archive',
      sender: sender.code,
      receiver: receiver.code,
      origins: origins.length,
      bytes: packed.bytes.length,
      sha256: packed.bundleHash,
    })
  }
  log(`已生成 ${bundles.length} 个上报数据包和 ${receivers.size} 个接收单位密钥文件（口令见 JIUZHU_KEY_PASSPHRASE）`)
  return bundles
}
