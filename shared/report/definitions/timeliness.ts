import { defaultCalendar, fallbackNotice, type HolidayCalendar } from '../../domain/calendar'
import { defaultTimeLimits, type TimeLimits } from '../../domain/workflow/timeLimits'
import type { Period } from '../period'
import { forEachRecord, InputTally, type RecordSource, type Stamped } from '../source'
import type { CellValue, TableModelParsed } from '../tableModel'
import { ScopeIndex } from '../units'
import { WorkingDays } from '../workingDays'
import { buildProvenance, formFurniture, type ReportRunOptions, signaturesFor, smallEmergencyFootnote } from './common'
import { groupedHeader, layoutRollup } from './rollupLayout'

/*
 * 办案时限情况 (issue 8 §2): whether the office met the time limits of docs/domain-reference.md §5 in the period — the decision
 * within 10 working days of the application (2014 意见, S15), the notice to collect within 2 working days of the
 * funds' arrival (S15), and the 补正 notice within 5 working days with 30 days to supply (细则, S8) — a row per
 * office in scope with subtotals and the 合计. Working days come from shared/domain/calendar.ts; the limits from
 * the workflow's TimeLimits (defaults, or the rule set in force with local measures).
 */

export const TIMELINESS_REPORT_ID = 'timeliness'
export const TIMELINESS_DEFINITION_VERSION = 1

export interface TimelinessCase extends Stamped {
  smallEmergencyHelp: boolean
  state: string
  applicationDate?: string
  decisionDate?: string
  decision?: { advance?: boolean }
  supplement?: { noticeDate: string; dueDate: string; receivedDate?: string }
  approvalRound?: { chain: readonly { external?: boolean }[] }
  funding?: { receivedDate?: string; collectionNoticeDate?: string }
  withdrawal?: { date: string }
}

export interface TimelinessInput {
  cases: RecordSource<TimelinessCase>
}

export interface TimelinessOptions extends ReportRunOptions {
  period: Period
  timeLimits?: TimeLimits
  calendar?: HolidayCalendar
}

/** Counter slots of one office. */
export const timelinessSlots = {
  decideDue: 0,
  decideOnTime: 1,
  decideLate: 2,
  decideDays: 3,
  decidePendingOverdue: 4,
  notifyDue: 5,
  notifyOnTime: 6,
  notifyLate: 7,
  notifyPendingOverdue: 8,
  supplementNotices: 9,
  supplementNoticeOnTime: 10,
  supplementNoticeLate: 11,
  suppliedOnTime: 12,
  suppliedLate: 13,
  expiredAbandoned: 14,
  expiredOpen: 15,
} as const
const T = timelinessSlots
const SLOTS = 16

export interface TimelinessAggregate {
  offices: Map<string, Float64Array>
  scope: ScopeIndex
  fallbackYears: number[]
  small: number
}

function pct(n: number, d: number): CellValue {
  return d > 0 ? n / d : '—'
}

/** Reads the cases once and lays out the time-limit form. */
export async function buildTimelinessReport(
  input: TimelinessInput,
  options: TimelinessOptions,
): Promise<{ table: TableModelParsed; aggregate: TimelinessAggregate }> {
  const { period } = options
  const from = period.from
  const to = period.to
  const limits = options.timeLimits ?? defaultTimeLimits
  const calendar = options.calendar ?? defaultCalendar
  const wd = new WorkingDays(calendar)
  const decide = limits.decideWorkingDays.value
  const external = limits.externalApprovalWorkingDays?.value ?? 0
  const notify = limits.notifyCollectionWorkingDays.value
  const noticeDays = limits.supplementNoticeWorkingDays.value
  const scope = new ScopeIndex(options.scope)
  const tally = new InputTally()
  const offices = new Map<string, Float64Array>()
  const excluded = { smallEmergencyCases: 0, voided: 0, outOfScope: 0 }
  let small = 0

  await forEachRecord(input.cases, (c) => {
    const h = tally.begin(c)
    if (c.voided) excluded.voided++
    else if (!scope.inScope(c.ownerUnit)) excluded.outOfScope++
    else if (h.b01(c.smallEmergencyHelp)) {
      excluded.smallEmergencyCases++
      const a = h.d(c.applicationDate)
      const d = h.d(c.decisionDate)
      const r = h.d(c.funding?.receivedDate)
      if ((a && a >= from && a <= to) || (d && d >= from && d <= to) || (r && r >= from && r <= to)) small++
    } else {
      let v = offices.get(c.ownerUnit)
      if (!v) {
        v = new Float64Array(SLOTS)
        offices.set(c.ownerUnit, v)
      }
      const applied = h.d(c.applicationDate)
      const decided = h.d(c.decisionDate)
      const advance = h.b01(c.decision?.advance) === true
      const state = c.state
      h.b01(state === 'advance')
      h.b01(state === 'abandoned')
      h.b01(state === 'needs-supplement')
      const sup = c.supplement
      const supNotice = h.d(sup?.noticeDate)
      const supDue = h.d(sup?.dueDate)
      const supReceived = h.d(sup?.receivedDate)
      let extra = 0
      const chain = c.approvalRound?.chain
      if (chain && external > 0) {
        for (const s of chain) if (h.b01(s.external)) extra = external
      }
      // 1. decision within `decide` working days of the application (or of the supplied materials)
      if (applied !== undefined && !advance && state !== 'advance') {
        const start = supReceived ?? applied
        const due = wd.add(start, decide + extra)
        if (decided !== undefined && decided >= from && decided <= to) {
          v[T.decideDue]++
          if (decided <= due) v[T.decideOnTime]++
          else v[T.decideLate]++
          v[T.decideDays] += Math.max(0, wd.between(start, decided))
        } else if (applied <= to && (decided === undefined || decided > to) && state !== 'abandoned') {
          const withdrawn = h.d(c.withdrawal?.date)
          const waiting = supNotice !== undefined && supNotice <= to && (supReceived === undefined || supReceived > to)
          if ((withdrawn === undefined || withdrawn > to) && !waiting && due < to) v[T.decidePendingOverdue]++
        }
      }
      // 2. notice to collect within `notify` working days of the funds' arrival
      const received = h.d(c.funding?.receivedDate)
      if (received !== undefined && received >= from && received <= to) {
        const due = wd.add(received, notify)
        const noticed = h.d(c.funding?.collectionNoticeDate)
        v[T.notifyDue]++
        if (noticed !== undefined) {
          if (noticed <= due) v[T.notifyOnTime]++
          else v[T.notifyLate]++
        } else if (due < to) v[T.notifyPendingOverdue]++
      }
      // 3. 补正: notice within `noticeDays` working days of the application; materials by the due date
      if (supNotice !== undefined && supNotice >= from && supNotice <= to && applied !== undefined && supDue) {
        v[T.supplementNotices]++
        if (supNotice <= wd.add(applied, noticeDays)) v[T.supplementNoticeOnTime]++
        else v[T.supplementNoticeLate]++
        if (supReceived !== undefined) {
          if (supReceived <= supDue) v[T.suppliedOnTime]++
          else v[T.suppliedLate]++
        } else if (supDue < to) {
          if (state === 'abandoned') v[T.expiredAbandoned]++
          else if (state === 'needs-supplement') v[T.expiredOpen]++
        }
      }
    }
    tally.end('cases', c.ownerUnit, c.rev)
  })

  const rollup = scope.rollupRows(offices.keys())
  const sum = (members: readonly string[]) => {
    const out = new Float64Array(SLOTS)
    for (const m of members) {
      const v = offices.get(m)
      if (v) for (let i = 0; i < SLOTS; i++) out[i] += v[i]
    }
    return out
  }
  const columns: {
    group: string
    label: string
    value: (v: Float64Array) => CellValue
    kind: 'integer' | 'percent' | 'decimal'
  }[] = [
    { group: `决定（${decide}个工作日）`, label: '应决定件数', value: (v) => v[T.decideDue], kind: 'integer' },
    { group: `决定（${decide}个工作日）`, label: '按期', value: (v) => v[T.decideOnTime], kind: 'integer' },
    { group: `决定（${decide}个工作日）`, label: '超期', value: (v) => v[T.decideLate], kind: 'integer' },
    {
      group: `决定（${decide}个工作日）`,
      label: '按期率',
      value: (v) => pct(v[T.decideOnTime], v[T.decideDue]),
      kind: 'percent',
    },
    {
      group: `决定（${decide}个工作日）`,
      label: '平均用时（工作日）',
      value: (v) => (v[T.decideDue] > 0 ? Math.round((v[T.decideDays] / v[T.decideDue]) * 10) / 10 : '—'),
      kind: 'decimal',
    },
    {
      group: `决定（${decide}个工作日）`,
      label: '期末超期未决定',
      value: (v) => v[T.decidePendingOverdue],
      kind: 'integer',
    },
    { group: `通知领取（${notify}个工作日）`, label: '资金到位件数', value: (v) => v[T.notifyDue], kind: 'integer' },
    { group: `通知领取（${notify}个工作日）`, label: '按期通知', value: (v) => v[T.notifyOnTime], kind: 'integer' },
    { group: `通知领取（${notify}个工作日）`, label: '超期通知', value: (v) => v[T.notifyLate], kind: 'integer' },
    {
      group: `通知领取（${notify}个工作日）`,
      label: '按期率',
      value: (v) => pct(v[T.notifyOnTime], v[T.notifyOnTime] + v[T.notifyLate] + v[T.notifyPendingOverdue]),
      kind: 'percent',
    },
    {
      group: `通知领取（${notify}个工作日）`,
      label: '期末超期未通知',
      value: (v) => v[T.notifyPendingOverdue],
      kind: 'integer',
    },
    { group: '补正', label: '补正告知件数', value: (v) => v[T.supplementNotices], kind: 'integer' },
    { group: '补正', label: `${noticeDays}个工作日内告知`, value: (v) => v[T.supplementNoticeOnTime], kind: 'integer' },
    { group: '补正', label: '超期告知', value: (v) => v[T.supplementNoticeLate], kind: 'integer' },
    { group: '补正', label: '按期补正', value: (v) => v[T.suppliedOnTime], kind: 'integer' },
    { group: '补正', label: '逾期补正', value: (v) => v[T.suppliedLate], kind: 'integer' },
    { group: '补正', label: '期满未补正已视为放弃', value: (v) => v[T.expiredAbandoned], kind: 'integer' },
    { group: '补正', label: '期满未补正尚未处理', value: (v) => v[T.expiredOpen], kind: 'integer' },
  ]
  const { rows, rowStyles } = layoutRollup(rollup, (members) => {
    const v = sum(members)
    return columns.map((c) => c.value(v))
  })
  const fallbackYears = [...wd.fallbackYears].sort((a, b) => a - b)
  const provenance = buildProvenance({
    reportId: TIMELINESS_REPORT_ID,
    title: '办案时限情况表',
    definitionVersion: TIMELINESS_DEFINITION_VERSION,
    parameters: {
      统计期间: `${from}..${to}`,
      填报单位代码: scope.root.code,
      决定时限工作日: decide,
      外部审批延长工作日: external,
      通知领取时限工作日: notify,
      补正告知时限工作日: noticeDays,
      节假日数据版本: calendar.version,
    },
    tally,
    scope,
    excluded,
    run: options,
  })
  const notice = fallbackNotice(fallbackYears)
  const footnotes = [
    smallEmergencyFootnote(small, 0),
    `注：决定时限自收到申请之日（需补正的，自补正材料收到之日）起计算${external ? `，报请外部机关审批的延长 ${external} 个工作日` : ''}；先行救助不适用此时限。按期与否按本期作出的决定统计；“期末超期未决定”为期末尚未决定且已超过时限的申请（等待补正材料的除外）。`,
    '注：通知领取按本期资金到位的案件统计，按期率的分母含期末超期未通知的件数；补正按本期发出补正告知的案件统计，补正期限为告知所定的截止日期。工作日按国务院办公厅公布的节假日安排计算。',
    ...(notice ? [`注：${notice}`] : []),
  ]
  const table: TableModelParsed = {
    title: '国家司法救助办案时限情况表',
    unitName: scope.root.name,
    periodLabel: period.label,
    sheetName: '办案时限',
    unitsNote: '计量单位：件',
    headerRows: groupedHeader('单位', columns),
    columns: [
      { key: 'unit', kind: 'text', width: 34 },
      ...columns.map((c, i) => ({ key: `c${i}`, kind: c.kind, width: c.kind === 'decimal' ? 10 : 8 })),
    ],
    rows,
    rowStyles,
    footnotes,
    signatureLine: true,
    signatures: signaturesFor(options),
    ...formFurniture(options, 'timeliness'),
    provenance: provenance.lines,
    provenanceTable: provenance.table,
    provenanceInfo: provenance.info,
    frozenColumns: 1,
  }
  return { table, aggregate: { offices, scope, fallbackYears, small } }
}
