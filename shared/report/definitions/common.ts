import { formatYuanWithUnit } from '../../domain/money'
import { unitLevelLabels } from '../../domain/officeSetup'
import { type InputTally, inputHashOf } from '../source'
import type { ProvenanceInfo, ProvenanceTable, Signatures } from '../tableModel'
import type { ReportScope, ScopeIndex } from '../units'

/** What every report run needs besides its records: whose report, who made it and when (passed in: pure code). */
export interface ReportRunOptions {
  scope: ReportScope
  /** ISO-8601 UTC instant of generation (the caller's clock). */
  generatedAt: string
  /** The user (or CLI operator) generating the report. */
  generatedBy: string
  /** Names for the 填报人/审核人/单位负责人 lines; 填报日期 defaults to the generation day. */
  signatures?: Signatures
  /** Exchange bundle each origin office's replicas came from (provenance "or bundle K"). */
  bundles?: Readonly<Record<string, string>>
  /** 历史台账导入 whose cases are among the office's records (docs/legacy-import.md): named in the provenance. */
  imports?: readonly LegacyImportNote[]
  /** 制表机关 and each report's 表号 (the office's reportForm setting); not part of the figures or the hash. */
  form?: { issuer?: string; codes?: Partial<Record<ReportFormKind, string>> }
}

export type ReportFormKind = 'stats' | 'payments' | 'timeliness'

/** The 表号 and 制表机关 of a report, as the run gives them (blank ones left out). */
export function formFurniture(run: ReportRunOptions, kind: ReportFormKind): { formCode?: string; formIssuer?: string } {
  const code = run.form?.codes?.[kind]?.trim()
  const issuer = run.form?.issuer?.trim()
  return { ...(code ? { formCode: code } : {}), ...(issuer ? { formIssuer: issuer } : {}) }
}

/** One import of an old register, as the provenance names it. */
export interface LegacyImportNote {
  fileName: string
  sha256: string
  caseCount: number
  at: string
}

const tableOrder = ['cases', 'persons', 'clues', 'referrals', 'followUps', 'ledger', 'donations']
const orderOf = (t: string) => (tableOrder.includes(t) ? tableOrder.indexOf(t) : tableOrder.length)

/** Chinese names of the tables reports read. */
export const tableLabels: Record<string, string> = {
  cases: '案件',
  persons: '人员',
  clues: '线索',
  ledger: '资金台账',
  donations: '捐助',
  referrals: '多元救助',
  followUps: '回访',
}

/** The footnote every report carries (brief: 小额应急性帮扶 is excluded from statistics, and every report says so). */
export function smallEmergencyFootnote(cases: number, fen: number, amountLabel = '决定金额'): string {
  const amount = fen > 0 ? `（${amountLabel} ${formatYuanWithUnit(fen)}）` : ''
  const detail = cases > 0 ? `本期间共排除 ${cases} 件${amount}` : '本期间无此类案件'
  return `注：小额应急性帮扶不属于国家司法救助，不纳入本表统计（仍记入台账）；${detail}。`
}

export function chinaDateTime(instant: string): { date: string; time: string } {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) return { date: '', time: '' }
  const iso = new Date(ms + 8 * 3600_000).toISOString()
  return { date: iso.slice(0, 10), time: iso.slice(11, 19) }
}

export function chineseDay(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return date
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`
}

/** Signature names with 填报日期 defaulting to the generation day (China time). */
export function signaturesFor(run: ReportRunOptions): Signatures {
  return { ...run.signatures, date: run.signatures?.date ?? chineseDay(chinaDateTime(run.generatedAt).date) }
}

export interface ProvenanceParts {
  info: ProvenanceInfo
  lines: string[]
  table: ProvenanceTable
}

/**
 * Provenance of a report (issue 8 §4): when, by whom, from which data — own records up to rev N, each subordinate
 * office up to rev M (or bundle K) — and the SHA-256 of the canonical inputs, so the same inputs always give the
 * same figures and the same hash. `parameters` and `extra` must hold everything besides the records that the
 * figures depend on (period, scope, rule sets, time limits, calendar version).
 */
export function buildProvenance(args: {
  reportId: string
  title: string
  definitionVersion: number
  parameters: Record<string, string | number | boolean>
  extra?: unknown
  tally: InputTally
  scope: ScopeIndex
  excluded: Record<string, number>
  run: ReportRunOptions
  notes?: string[]
}): ProvenanceParts {
  const { tally, scope, run } = args
  const inputs = tally.summary()
  const inputHash = inputHashOf({
    reportId: args.reportId,
    definitionVersion: args.definitionVersion,
    parameters: args.parameters,
    inputs,
    extra: args.extra ?? null,
  })
  const info: ProvenanceInfo = {
    reportId: args.reportId,
    definitionVersion: args.definitionVersion,
    generatedAt: run.generatedAt,
    generatedBy: run.generatedBy,
    parameters: args.parameters,
    inputs: inputs.map((o) => {
      const tables: ProvenanceInfo['inputs'][number]['tables'] = {}
      for (const [name, t] of Object.entries(o.tables))
        tables[name] = { count: t.count, minRev: t.minRev, maxRev: t.maxRev }
      const bundleId = run.bundles?.[o.unitCode]
      return {
        unitCode: o.unitCode,
        unitName: scope.fullNameOf(o.unitCode),
        tables,
        maxRev: o.maxRev,
        ...(bundleId ? { bundleId } : {}),
      }
    }),
    excluded: args.excluded,
    inputHash,
  }
  const { date, time } = chinaDateTime(run.generatedAt)
  const root = scope.root.code
  const own = info.inputs.find((i) => i.unitCode === root)
  const others = info.inputs.filter((i) => i.unitCode !== root && scope.inScope(i.unitCode))
  const outside = info.inputs.filter((i) => !scope.inScope(i.unitCode))
  const describe = (i: ProvenanceInfo['inputs'][number]) =>
    Object.entries(i.tables)
      .sort(([a], [b]) => orderOf(a) - orderOf(b) || (a < b ? -1 : 1))
      .map(([t, v]) => `${tableLabels[t] ?? t} ${v.count} 条`)
      .join('、')
  const lines = [
    `报表：${args.title}（报表定义 ${args.reportId}，第 ${args.definitionVersion} 版）`,
    `生成时间：${run.generatedAt}（北京时间 ${date} ${time}）`,
    `生成人：${run.generatedBy}`,
    `填报单位：${scope.root.name}（单位代码 ${root}）`,
    `参数：${Object.entries(args.parameters)
      .map(([k, v]) => `${k}=${v}`)
      .join('；')}`,
    own
      ? `本院数据：截至变更序号 ${own.maxRev}（${describe(own)}）${own.bundleId ? `，数据包 ${own.bundleId}` : ''}`
      : '本院数据：无',
    ...(run.imports ?? []).map(
      (i) =>
        `其中历史导入：${i.fileName}（SHA-256 ${i.sha256}，${i.caseCount} 件，导入于北京时间 ${chinaDateTime(i.at).date}）`,
    ),
    others.length > 0
      ? `下级院数据：${others.length} 个单位，各单位截至的变更序号（及数据包）见下表`
      : '下级院数据：无',
    ...(outside.length > 0
      ? [
          `另读入不属本院统计范围的 ${outside.length} 个单位的记录（未计入，仅计入校验值）：${outside.map((i) => i.unitCode).join('、')}`,
        ]
      : []),
    `未计入：${Object.entries(args.excluded)
      .map(([k, v]) => `${excludedLabels[k] ?? k} ${v}`)
      .join('；')}`,
    ...(args.notes ?? []),
    `输入数据校验值（SHA-256）：${inputHash}`,
    '说明：校验值由报表定义及版本、参数和全部输入记录（所属单位、记录编号、变更序号及本表用到的各字段）计算，与生成时间和生成人无关；相同的输入数据总是得到相同的数字和相同的校验值。',
  ]
  const present = new Set(inputs.flatMap((i) => Object.keys(i.tables)))
  const tableNames = [
    ...tableOrder.filter((t) => present.has(t)),
    ...[...present].filter((t) => !tableOrder.includes(t)).sort(),
  ]
  const ordered = [...info.inputs].sort(
    (a, b) => rank(a.unitCode) - rank(b.unitCode) || (a.unitCode < b.unitCode ? -1 : 1),
  )
  function rank(code: string): number {
    return code === root ? 0 : scope.inScope(code) ? (scope.known(code) ? 1 : 2) : 3
  }
  const table: ProvenanceTable = {
    headers: [
      '单位代码',
      '单位名称',
      '层级',
      ...tableNames.map((t) => `${tableLabels[t] ?? t}（条）`),
      '截至变更序号',
      '数据包',
    ],
    rows: ordered.map((i) => {
      const level = scope.levelOf(i.unitCode)
      const note = !scope.inScope(i.unitCode)
        ? '（不属统计范围，未计入）'
        : scope.known(i.unitCode)
          ? i.unitCode === root
            ? '（本院）'
            : ''
          : '（未在单位目录中）'
      return [
        i.unitCode,
        (i.unitName ?? i.unitCode) + note,
        level ? unitLevelLabels[level] : '',
        ...tableNames.map((t) => i.tables[t]?.count ?? 0),
        i.maxRev,
        i.bundleId ?? '',
      ]
    }),
  }
  return { info, lines, table }
}

export const excludedLabels: Record<string, string> = {
  smallEmergencyCases: '小额应急性帮扶案件（件）',
  smallEmergencyRelated: '小额应急性帮扶案件的多元救助、回访和资金台账记录（条）',
  voided: '已作废记录（条）',
  outOfScope: '不属本院统计范围的记录（条）',
}
