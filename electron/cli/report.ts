import { createReadStream } from 'node:fs'
import { readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import type { UnitLevel } from '../../shared/domain/officeSetup'
import { REPORT_FORM_DEFAULT, type ReportForm, reportFormSchema } from '../../shared/domain/reportForm'
import { describeZodError } from '../../shared/errors/zodProblems'
import type { ReportRunOptions } from '../../shared/report/definitions/common'
import { buildPaymentsReport } from '../../shared/report/definitions/payments'
import { buildStatsReport } from '../../shared/report/definitions/stats'
import { buildTimelinessReport } from '../../shared/report/definitions/timeliness'
import { parsePeriod } from '../../shared/report/period'
import type { RecordStream } from '../../shared/report/source'
import type { TableModelParsed } from '../../shared/report/tableModel'
import type { ReportUnit } from '../../shared/report/units'
import { writeWorkbookXlsx } from '../services/excel/writeTable'
import { BundleInputError, type BundleRecords, isBundleInput, readReportBundles } from './reportBundles'

/*
 * `npm run cli -- report stats|payments|timeliness|all --in <数据目录或文件…> --period 2025 --out stats.xlsx`
 *
 * Reads the data files the synthetic generator writes — a folder with hierarchy.json (the unit directory) and one
 * NDJSON file per table per office (`<单位代码>/cases.ndjson`, `cases.330102.ndjson` …) — streaming each table
 * file by file, or upward archive bundles (`.jzb`, opened with this office's key: reportBundles.ts), and writes the
 * report workbook with the one generic Excel writer. The office of each record is its `ownerUnit`; the file layout
 * only serves to find the files.
 */

const USAGE = [
  '用法：',
  '  npm run cli -- report <报表> --in <数据目录或文件…> --period <统计期间> --out <输出文件.xlsx> [选项]',
  '  npm run cli -- report <报表> --in <上报数据包.jzb…> [单位目录.json] --key <本院密钥文件> --period … --out …',
  '',
  '输入：生成器写出的数据目录（hierarchy.json 和各单位的 NDJSON 文件），或下级院报来的上报数据包（.jzb，',
  '      用接收单位即本院的密钥文件解密，口令取自环境变量 JIUZHU_KEY_PASSPHRASE；同一记录取各包中最新的版本）。',
  '',
  '报表：',
  '  stats        国家司法救助工作情况统计表（上级院另附汇总表、重点群体和对象类别汇总表）',
  '  payments     救助资金发放明细表（每笔发放一行）',
  '  timeliness   办案时限情况表',
  '  all          以上全部，写入同一个工作簿',
  '',
  '统计期间：2025（年度）、2025H1（半年）、2025Q3（季度）、2025-03（月）、2025-01-01..2025-03-15（自定义）',
  '',
  '选项：',
  '  --unit <单位代码>     填报单位（默认：数据包的接收单位；hierarchy.json 的最上级单位；或第一个案件记录的所属单位）',
  '  --key <密钥文件>      读数据包时本院的密钥文件',
  '  --by <姓名>           生成人（默认：当前操作系统用户）',
  '  --preparer <姓名>     填报人    --reviewer <姓名>  审核人    --unit-head <姓名>  单位负责人',
  '  --phone <联系电话>    默认取数据目录中 settings.json 的设置',
  '  --date <填报日期>     默认为生成当天',
  '',
  '表式与签署：数据目录中的 settings.json（{"reportForm": {...}}，与“系统设置 → 统计报表表式与签署”相同的字段：',
  '  issuer 制表机关、formCodes 各表表号、unitHead 单位负责人、reviewer 审核人、preparer 填报人、phone 联系电话）',
  '  或 settings.ndjson（每行 {"key": "reportForm", "value": {...}}）；命令行选项优先。',
  '  --no-rollup           上级院不附汇总表',
  '  --yoy                 统计表附上年同期、同比（件数和金额；上级院另附按单位的同比汇总表）',
].join('\n')

/** Table names as the reports know them, and the file-name spellings that map to them. */
const TABLE_ALIASES: Record<string, string> = {
  cases: 'cases',
  case: 'cases',
  persons: 'persons',
  person: 'persons',
  people: 'persons',
  clues: 'clues',
  clue: 'clues',
  ledger: 'ledger',
  ledgerentries: 'ledger',
  ledgerentry: 'ledger',
  donations: 'donations',
  donation: 'donations',
  referrals: 'referrals',
  referral: 'referrals',
  followups: 'followUps',
  followup: 'followUps',
}

export class ReportInputError extends Error {}

/** The data files found under the `--in` arguments, by table, plus the unit directory. */
export interface DataFiles {
  tables: Map<string, string[]>
  units: (ReportUnit & { directoryOnly?: boolean })[]
  hierarchyFile?: string
  /** The directory was found beside the inputs (not among them): the inputs are then one office's files. */
  hierarchyFromParent?: boolean
  ignored: string[]
  /** The office's report form settings (settings.json / settings.ndjson), when the inputs hold them. */
  reportForm?: ReportForm
  settingsFile?: string
}

/**
 * The reportForm setting from a settings file: `{ "reportForm": {...} }`, `[{ key, value }]` (settings.json) or one
 * `{ key, value }` per line (settings.ndjson), checked by the same schema as the settings command.
 */
export function parseReportFormSetting(path: string, text: string): ReportForm | undefined {
  let rows: unknown[]
  try {
    rows = /\.ndjson$/i.test(path)
      ? text
          .split('\n')
          .filter((l) => l.trim() !== '')
          .map((l) => JSON.parse(l))
      : [JSON.parse(text)].flat()
  } catch (e) {
    throw new ReportInputError(`设置文件 ${path} 不是有效的 JSON：${(e as Error).message}`)
  }
  let value: unknown
  for (const row of rows) {
    if (!row || typeof row !== 'object') continue
    const r = row as Record<string, unknown>
    if (r.key === 'reportForm') value = r.value
    else if (r.reportForm !== undefined) value = r.reportForm
  }
  if (value === undefined) return undefined
  const v = (value && typeof value === 'object' ? value : {}) as Partial<ReportForm>
  const parsed = reportFormSchema.safeParse({
    ...REPORT_FORM_DEFAULT,
    ...v,
    formCodes: { ...REPORT_FORM_DEFAULT.formCodes, ...(v.formCodes ?? {}) },
  })
  if (!parsed.success)
    throw new ReportInputError(`设置文件 ${path} 中的统计报表表式与签署有误：${describeZodError(parsed.error)}`)
  return parsed.data
}

/** Which table a data file holds: a token of its name (split on . - _) that names a known table. */
export function tableOfFile(name: string): string | undefined {
  const stem = name.replace(/\.(ndjson|jsonl)$/i, '')
  const whole = TABLE_ALIASES[stem.toLowerCase().replace(/[-_]/g, '')]
  if (whole) return whole
  for (const token of stem.split(/[.\-_]/)) {
    const t = TABLE_ALIASES[token.toLowerCase()]
    if (t) return t
  }
  return undefined
}

const LEVELS: Record<string, UnitLevel> = {
  supreme: 'supreme',
  province: 'province',
  city: 'city',
  basic: 'basic',
  最高: 'supreme',
  最高人民检察院: 'supreme',
  省级: 'province',
  省级院: 'province',
  市级: 'city',
  市级院: 'city',
  分院: 'city',
  基层: 'basic',
  基层院: 'basic',
}

/**
 * Reads hierarchy.json in any of the shapes a directory can reasonably take: an array of units, `{ units: [...] }`,
 * or a tree (`{ …unit, children: [...] }`, possibly under `root`); fields `code`/`unitCode`, `name`,
 * `shortName`/`short`, `level`, `parentCode`/`parent`.
 */
export function parseHierarchy(json: unknown): (ReportUnit & { directoryOnly?: boolean })[] {
  const out: (ReportUnit & { directoryOnly?: boolean })[] = []
  const visit = (node: unknown, parent?: string) => {
    if (Array.isArray(node)) {
      for (const n of node) visit(n, parent)
      return
    }
    if (!node || typeof node !== 'object') return
    const o = node as Record<string, unknown>
    if (Array.isArray(o.units) && o.code === undefined) return visit(o.units, parent)
    if (o.root && typeof o.root === 'object' && o.code === undefined) return visit(o.root, parent)
    if (Array.isArray(o.offices) && o.code === undefined) return visit(o.offices, parent)
    const code = String(o.code ?? o.unitCode ?? '')
    if (!/^\d{6}$/.test(code)) return
    const parentCode = (o.parentCode ?? o.parent ?? parent) as string | undefined
    const level = LEVELS[String(o.level ?? '')]
    out.push({
      code,
      name: String(o.name ?? code),
      ...(o.shortName || o.short ? { shortName: String(o.shortName ?? o.short) } : {}),
      ...(level ? { level } : {}),
      ...(typeof parentCode === 'string' && /^\d{6}$/.test(parentCode) ? { parentCode } : {}),
      ...(o.directoryOnly === true ? { directoryOnly: true } : {}),
    })
    if (Array.isArray(o.children)) visit(o.children, code)
  }
  visit(json)
  return out
}

/** Finds the data files under files and folders (folders searched to depth 4, in name order). */
export async function findDataFiles(inputs: readonly string[]): Promise<DataFiles> {
  const found: DataFiles = { tables: new Map(), units: [], ignored: [] }
  const addFile = async (path: string) => {
    const name = basename(path)
    if (/^(hierarchy|units|directory)\.json$/i.test(name)) {
      if (found.hierarchyFile) return
      found.hierarchyFile = path
      let json: unknown
      try {
        json = JSON.parse(await readFile(path, 'utf8'))
      } catch (e) {
        throw new ReportInputError(`单位目录文件 ${path} 不是有效的 JSON：${(e as Error).message}`)
      }
      found.units = parseHierarchy(json)
      return
    }
    if (/^settings\.(json|ndjson)$/i.test(name)) {
      if (found.settingsFile) return
      found.settingsFile = path
      found.reportForm = parseReportFormSetting(path, await readFile(path, 'utf8'))
      return
    }
    if (!/\.(ndjson|jsonl)$/i.test(name)) return
    const table = tableOfFile(name)
    if (!table) {
      found.ignored.push(path)
      return
    }
    const list = found.tables.get(table)
    if (list) list.push(path)
    else found.tables.set(table, [path])
  }
  const walk = async (path: string, depth: number) => {
    let s: Awaited<ReturnType<typeof stat>>
    try {
      s = await stat(path)
    } catch {
      throw new ReportInputError(`找不到输入：${path}`)
    }
    if (s.isDirectory()) {
      if (depth > 4) return
      const entries = (await readdir(path)).sort()
      // hierarchy first, so a tree's own directory file wins over nested ones
      for (const e of entries.filter((x) => /\.json$/i.test(x))) await addFile(join(path, e))
      for (const e of entries.filter((x) => !/\.json$/i.test(x))) {
        const p = join(path, e)
        if ((await stat(p)).isDirectory()) await walk(p, depth + 1)
        else await addFile(p)
      }
    } else await addFile(path)
  }
  for (const input of inputs) await walk(resolve(input), 0)
  // One office's folder of a generated data set: the directory sits next to it.
  if (!found.hierarchyFile) {
    for (const input of inputs) {
      const up = dirname(resolve(input))
      for (const dir of [up, dirname(up)]) {
        for (const name of ['hierarchy.json', 'units.json']) {
          const candidate = join(dir, name)
          if (!found.hierarchyFile && (await stat(candidate).catch(() => undefined))?.isFile()) {
            await addFile(candidate)
            found.hierarchyFromParent = true
          }
        }
      }
    }
  }
  return found
}

/**
 * Streams the records of one table from its files, in chunks of 2,000, checking each line is a JSON object with
 * `id`, `ownerUnit` and `rev`, and that no record id appears twice (a record counted twice would inflate figures).
 */
export function streamTable(files: readonly string[] | undefined, table: string): () => RecordStream<never> {
  return () => {
    async function* gen(): AsyncIterable<never[]> {
      const seen = new Set<string>()
      for (const file of files ?? []) {
        const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })
        let lineNo = 0
        let chunk: never[] = []
        for await (const line of lines) {
          lineNo++
          if (line.trim() === '') continue
          let rec: Record<string, unknown>
          try {
            rec = JSON.parse(line)
          } catch (e) {
            throw new ReportInputError(`${file} 第 ${lineNo} 行不是有效的 JSON：${(e as Error).message}`)
          }
          if (!rec || typeof rec !== 'object' || Array.isArray(rec)) {
            throw new ReportInputError(`${file} 第 ${lineNo} 行应为一个 JSON 对象`)
          }
          if (typeof rec.id !== 'string' || typeof rec.ownerUnit !== 'string' || typeof rec.rev !== 'number') {
            throw new ReportInputError(`${file} 第 ${lineNo} 行缺少 id、ownerUnit 或 rev（${table} 记录）`)
          }
          if (seen.has(rec.id))
            throw new ReportInputError(`${table} 记录 ${rec.id} 在输入中出现了两次（${file} 第 ${lineNo} 行）`)
          seen.add(rec.id)
          chunk.push(rec as never)
          if (chunk.length >= 2000) {
            yield chunk
            chunk = []
          }
        }
        if (chunk.length > 0) yield chunk
      }
    }
    return gen()
  }
}

async function firstOwner(files: readonly string[] | undefined): Promise<string | undefined> {
  for (const file of files ?? []) {
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })
    for await (const line of lines) {
      if (line.trim() === '') continue
      lines.close()
      try {
        const owner = JSON.parse(line).ownerUnit
        if (typeof owner === 'string') return owner
      } catch {
        return undefined
      }
    }
  }
  return undefined
}

/**
 * The default 填报单位: the top of the directory, stepping down past entries known only by code and name
 * (`directoryOnly`, e.g. 最高人民检察院 above a generated province) that have a single subordinate.
 */
function rootOf(units: readonly (ReportUnit & { directoryOnly?: boolean })[]): ReportUnit | undefined {
  const codes = new Set(units.map((u) => u.code))
  const roots = units.filter((u) => !u.parentCode || !codes.has(u.parentCode))
  const order: UnitLevel[] = ['supreme', 'province', 'city', 'basic']
  let root = roots.sort((a, b) => order.indexOf(a.level ?? 'basic') - order.indexOf(b.level ?? 'basic'))[0]
  for (let guard = 0; root?.directoryOnly && guard < 5; guard++) {
    const code = root.code
    const kids = units.filter((u) => u.parentCode === code)
    if (kids.length !== 1) break
    root = kids[0]
  }
  return root
}

interface Args {
  report: string
  inputs: string[]
  period?: string
  out?: string
  options: Map<string, string>
  flags: Set<string>
}

function parseArgs(args: readonly string[]): Args {
  const [report = '', ...rest] = args
  const parsed: Args = { report, inputs: [], options: new Map(), flags: new Set() }
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]
    if (a === '--in') {
      while (i + 1 < rest.length && !rest[i + 1].startsWith('--')) parsed.inputs.push(rest[++i])
    } else if (a === '--no-rollup' || a === '--yoy') parsed.flags.add(a)
    else if (a.startsWith('--')) parsed.options.set(a, rest[++i] ?? '')
    else parsed.inputs.push(a)
  }
  parsed.period = parsed.options.get('--period')
  parsed.out = parsed.options.get('--out')
  return parsed
}

/** `report …`: exit 0 when the workbook was written, 1 on bad data, 2 on bad usage. */
export async function reportCommand(argv: string[], now: () => Date = () => new Date()): Promise<number> {
  const args = parseArgs(argv)
  if (!['stats', 'payments', 'timeliness', 'all'].includes(args.report) || args.inputs.length === 0 || !args.out) {
    console.error(USAGE)
    return 2
  }
  let period: ReturnType<typeof parsePeriod>
  try {
    period = parsePeriod(args.period ?? '')
  } catch (e) {
    console.error((e as Error).message)
    return 2
  }
  try {
    const bundlePaths = args.inputs.filter(isBundleInput)
    const files = await findDataFiles(args.inputs.filter((p) => !isBundleInput(p)))
    let fromBundles: BundleRecords | undefined
    if (bundlePaths.length > 0) {
      if (files.tables.size > 0)
        throw new ReportInputError(
          '数据包和数据文件不能同时作为输入：请分开生成，或先用 bundle dump --ndjson 把数据包转成数据文件。',
        )
      if (!args.options.get('--key'))
        throw new ReportInputError(
          '读取数据包需要本院（接收单位）的密钥文件：请用 --key 指定，口令放在环境变量 JIUZHU_KEY_PASSPHRASE 中。',
        )
      fromBundles = await readReportBundles(
        bundlePaths,
        args.options.get('--key'),
        process.env.JIUZHU_KEY_PASSPHRASE ?? '',
      )
      if (!fromBundles.tables.get('cases')?.length) throw new ReportInputError('数据包中没有案件记录。')
    } else if (!files.tables.get('cases')?.length)
      throw new ReportInputError('在输入中没有找到案件数据文件（cases.ndjson）。')
    const units = files.units.length > 0 ? files.units : (fromBundles?.units ?? [])
    const unitCode =
      args.options.get('--unit') ??
      (fromBundles ? fromBundles.receiver : files.hierarchyFromParent ? undefined : rootOf(files.units)?.code) ??
      (await firstOwner(files.tables.get('cases')))
    if (!unitCode || !/^\d{6}$/.test(unitCode)) throw new ReportInputError('请用 --unit 指定 6 位填报单位代码。')
    // the command line first, then the data directory's settings (blank: left for signing by hand)
    const form = files.reportForm
    const sig = (option: string, setting: string | undefined) => {
      const v = args.options.get(option) ?? setting
      return v ? v : undefined
    }
    const sigs = Object.fromEntries(
      Object.entries({
        preparer: sig('--preparer', form?.preparer),
        reviewer: sig('--reviewer', form?.reviewer),
        unitHead: sig('--unit-head', form?.unitHead),
        phone: sig('--phone', form?.phone),
        date: sig('--date', undefined),
      }).filter(([, v]) => v !== undefined),
    )
    let user = 'unknown'
    try {
      user = userInfo().username
    } catch {
      /* no user database (containers) */
    }
    const run: ReportRunOptions = {
      scope: { unitCode, units },
      generatedAt: now().toISOString(),
      generatedBy: args.options.get('--by') ?? `${user}（命令行）`,
      signatures: sigs,
      form: { issuer: (form ?? REPORT_FORM_DEFAULT).issuer, codes: form?.formCodes },
      ...(fromBundles ? { bundles: fromBundles.bundleOf } : {}),
    }
    const t = (name: string) =>
      fromBundles ? ((fromBundles.tables.get(name) ?? []) as never[]) : streamTable(files.tables.get(name), name)
    const input = {
      cases: t('cases'),
      persons: t('persons'),
      clues: t('clues'),
      referrals: t('referrals'),
      followUps: t('followUps'),
      ledger: t('ledger'),
      donations: t('donations'),
    }
    const tables: TableModelParsed[] = []
    const started = Date.now()
    if (args.report === 'stats' || args.report === 'all') {
      const stats = await buildStatsReport(input, { ...run, period }, { yoy: args.flags.has('--yoy') })
      tables.push(...(args.flags.has('--no-rollup') ? stats.tables.slice(0, 1) : stats.tables))
    }
    if (args.report === 'payments' || args.report === 'all') {
      tables.push((await buildPaymentsReport(input, { ...run, period })).table)
    }
    if (args.report === 'timeliness' || args.report === 'all') {
      tables.push((await buildTimelinessReport(input, { ...run, period })).table)
    }
    const out = resolve(args.out)
    const tmp = join(dirname(out), `.${basename(out)}.${process.pid}.tmp`)
    try {
      await writeWorkbookXlsx(tmp, tables)
      await rename(tmp, out)
    } finally {
      await rm(tmp, { force: true })
    }
    console.log(`已生成 ${out}（${((Date.now() - started) / 1000).toFixed(1)} 秒）`)
    console.log(`填报单位：${tables[0].unitName}；统计期间：${period.label}`)
    if (files.hierarchyFile) console.log(`单位目录：${files.hierarchyFile}（${files.units.length} 个单位）`)
    if (files.settingsFile)
      console.log(`表式与签署：${files.settingsFile}${form ? '' : '（其中没有 reportForm，按默认）'}`)
    for (const line of fromBundles?.described ?? []) console.log(line)
    for (const [name, list] of files.tables) console.log(`输入 ${name}：${list.length} 个文件`)
    if (files.ignored.length > 0) console.log(`未使用的文件：${files.ignored.length} 个（报表不需要的表）`)
    for (const table of tables) {
      console.log(
        `${table.sheetName}：${table.rows.length} 行；输入数据校验值 ${table.provenanceInfo?.inputHash ?? ''}`,
      )
    }
    return 0
  } catch (e) {
    if (e instanceof ReportInputError || e instanceof BundleInputError || e instanceof RangeError) {
      console.error(e.message)
      return 1
    }
    throw e
  }
}
