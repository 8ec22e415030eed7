import { zodFieldProblems } from '../errors/zodProblems'
import { formatYuan, parseYuan } from './money'
import {
  type ApprovalRole,
  type ApprovalStep,
  approvalRoleSchema,
  type LocalMeasures,
  localMeasuresSchema,
  type WageRegionKind,
  type WageSeries,
} from './rulesets'

/**
 * 本地实施办法 as office staff fill it in on a form (amounts in 元, periods in days, as typed) and back: the form
 * gives the `LocalMeasures` record the rule machinery reads (rulesets.ts `applyLocalMeasures`), checked by the same
 * schema a standards bundle is, with every problem named at its field. The measures' own wage table is not on the
 * form (wage figures are entered in the standards' 职工月平均工资 table, which wins over it); an edited measure keeps
 * the table it had.
 */

export const approvalRoleLabels: Record<ApprovalRole, string> = {
  'case-procurator': '承办检察官',
  'dept-head': '部门负责人',
  'deputy-chief': '分管副检察长',
  chief: '检察长',
  'chief-office-meeting': '检察长办公会',
  'procuratorial-committee': '检察委员会',
  'party-group': '党组会',
  'political-legal-committee': '党委政法委',
}

export const wageRegionKindLabels: Record<WageRegionKind, string> = {
  'case-jurisdiction': '案件管辖地',
  'procuratorate-province': '作出决定的检察院所在省（自治区、直辖市）',
  'procuratorate-prefecture': '作出决定的检察院所在地市',
}

export interface StepFields {
  role: ApprovalRole | ''
  label: string
}

export interface LocalMeasuresFields {
  id: string
  title: string
  document: string
  article: string
  scopeKind: 'region' | 'unit'
  scopeCode: string
  effectiveDate: string
  /** 元, as typed; empty = not set (the rule set's figure applies) */
  perCaseMax: string
  floor: string
  escalationThreshold: string
  escalationBody: string
  wageRegionKind: WageRegionKind | ''
  wageSeries: WageSeries | ''
  /** Empty = the rule set's approval chain applies. */
  steps: StepFields[]
  escalationStep: StepFields
  /** working days / days, as typed; empty = the rule set's */
  decideWorkingDays: string
  notifyCollectionWorkingDays: string
  supplementNoticeWorkingDays: string
  supplementDays: string
  externalApprovalWorkingDays: string
  externalApprovalBody: string
  note: string
}

export interface FieldProblem {
  /** The form field: a key of LocalMeasuresFields, or `steps.<i>.label` / `steps.<i>.role`. */
  path: (string | number)[]
  message: string
}

export type MeasuresFromForm = { ok: true; measures: LocalMeasures } | { ok: false; problems: FieldProblem[] }

const LIMITS = [
  'decideWorkingDays',
  'notifyCollectionWorkingDays',
  'supplementNoticeWorkingDays',
  'supplementDays',
  'externalApprovalWorkingDays',
] as const

export function emptyMeasuresFields(scope: { kind: 'region' | 'unit'; code: string }, id: string): LocalMeasuresFields {
  return {
    id,
    title: '',
    document: '',
    article: '',
    scopeKind: scope.kind,
    scopeCode: scope.code,
    effectiveDate: '',
    perCaseMax: '',
    floor: '',
    escalationThreshold: '',
    escalationBody: '',
    wageRegionKind: '',
    wageSeries: '',
    steps: [],
    escalationStep: { role: '', label: '' },
    decideWorkingDays: '',
    notifyCollectionWorkingDays: '',
    supplementNoticeWorkingDays: '',
    supplementDays: '',
    externalApprovalWorkingDays: '',
    externalApprovalBody: '',
    note: '',
  }
}

const yuan = (fen: number | undefined) => (fen === undefined ? '' : formatYuan(fen))
const days = (n: number | undefined) => (n === undefined ? '' : String(n))

/** A stored measure as the form shows it, to edit. */
export function measuresFields(m: LocalMeasures): LocalMeasuresFields {
  const t = m.timeLimitOverrides
  return {
    id: m.id,
    title: m.title,
    document: m.document,
    article: m.source.article ?? '',
    scopeKind: m.scope.unitCode ? 'unit' : 'region',
    scopeCode: m.scope.unitCode ?? m.scope.regionCode ?? '',
    effectiveDate: m.effectiveDate,
    perCaseMax: yuan(m.perCaseMaxFen),
    floor: yuan(m.floorFen),
    escalationThreshold: yuan(m.escalationThresholdFen),
    escalationBody: m.escalationBody ?? '',
    wageRegionKind: m.wageRegionKind ?? '',
    wageSeries: m.wageSeries ?? '',
    steps: (m.approvalChain?.steps ?? []).map((s) => ({ ...s })),
    escalationStep: m.approvalChain?.escalationStep ? { ...m.approvalChain.escalationStep } : { role: '', label: '' },
    decideWorkingDays: days(t?.decideWorkingDays),
    notifyCollectionWorkingDays: days(t?.notifyCollectionWorkingDays),
    supplementNoticeWorkingDays: days(t?.supplementNoticeWorkingDays),
    supplementDays: days(t?.supplementDays),
    externalApprovalWorkingDays: days(t?.externalApprovalWorkingDays),
    externalApprovalBody: t?.externalApprovalBody ?? '',
    note: m.source.note ?? '',
  }
}

/**
 * The form as a LocalMeasures record. `kept` is what the form does not show: the wage table of the measure being
 * edited (a new one has none) and how sure its source is (an office's own document: H).
 */
export function measuresFromFields(
  f: LocalMeasuresFields,
  kept: Pick<LocalMeasures, 'wageTable'> & { confidence?: LocalMeasures['source']['confidence'] } = { wageTable: [] },
): MeasuresFromForm {
  const problems: FieldProblem[] = []
  const add = (path: (string | number)[], message: string) => problems.push({ path, message })
  const text = (v: string) => v.trim()
  const money = (key: 'perCaseMax' | 'floor' | 'escalationThreshold', positive: boolean): number | undefined => {
    if (!text(f[key])) return undefined
    const r = parseYuan(f[key])
    if (!r.ok) return void add([key], r.reason)
    if (positive && r.fen === 0) return void add([key], '金额应大于零')
    return r.fen
  }
  const dayCount = (key: (typeof LIMITS)[number]): number | undefined => {
    const v = text(f[key])
    if (!v) return undefined
    if (!/^\d{1,3}$/.test(v) || Number(v) < 1 || Number(v) > 366) return void add([key], '应为 1 至 366 的整数')
    return Number(v)
  }

  if (!text(f.id)) add(['id'], '请填写编号')
  else if (!/^[0-9A-Za-z-]+$/.test(text(f.id))) add(['id'], '编号只能由字母、数字和连字符组成')
  if (!text(f.title)) add(['title'], '请填写实施办法名称')
  if (!text(f.document)) add(['document'], '请填写文件名称及文号')
  const code = text(f.scopeCode)
  if (!/^\d{6}$/.test(code)) add(['scopeCode'], f.scopeKind === 'unit' ? '单位代码为 6 位数字' : '地区代码为 6 位数字')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text(f.effectiveDate))) add(['effectiveDate'], '请填写施行日期（YYYY-MM-DD）')
  const perCaseMaxFen = money('perCaseMax', true)
  const floorFen = money('floor', false)
  const escalationThresholdFen = money('escalationThreshold', true)
  if (floorFen !== undefined && perCaseMaxFen !== undefined && floorFen > perCaseMaxFen) {
    add(['floor'], '最低救助金额不能高于每案最高金额')
  }
  if (escalationThresholdFen !== undefined && !text(f.escalationBody)) {
    add(['escalationBody'], '规定了提级审批金额的，须注明审批机构（检委会、党组或政法委）')
  }
  if (escalationThresholdFen === undefined && text(f.escalationBody)) {
    add(['escalationThreshold'], '注明了提级审批机构的，须填写提级审批的金额')
  }

  const steps: ApprovalStep[] = []
  for (const [i, s] of f.steps.entries()) {
    if (!approvalRoleSchema.safeParse(s.role).success) {
      add(['steps', i, 'role'], '请选择审批人')
      continue
    }
    const label = text(s.label) || approvalRoleLabels[s.role as ApprovalRole]
    if (label.length > 24) add(['steps', i, 'label'], '环节名称不超过 24 个字')
    else steps.push({ role: s.role as ApprovalRole, label })
  }
  let escalationStep: ApprovalStep | undefined
  if (f.escalationStep.role) {
    const label = text(f.escalationStep.label) || approvalRoleLabels[f.escalationStep.role]
    if (label.length > 24) add(['escalationStep', 'label'], '环节名称不超过 24 个字')
    else escalationStep = { role: f.escalationStep.role, label }
    if (steps.length === 0 && f.steps.length === 0) add(['steps'], '规定提级审批环节时，须同时列出一般审批环节')
  }

  const limits = Object.fromEntries(LIMITS.map((k) => [k, dayCount(k)]).filter(([, v]) => v !== undefined))
  if (text(f.externalApprovalBody) && limits.externalApprovalWorkingDays === undefined) {
    add(['externalApprovalWorkingDays'], '注明了报批机构的，须填写另加的工作日')
  }
  if (limits.externalApprovalWorkingDays !== undefined && !text(f.externalApprovalBody)) {
    add(['externalApprovalBody'], '请填写报批机构（如党委政法委）')
  }
  if (problems.length > 0) return { ok: false, problems }

  const source = {
    document: text(f.document),
    ...(text(f.article) ? { article: text(f.article) } : {}),
    confidence: kept.confidence ?? ('H' as const),
    ...(text(f.note) ? { note: text(f.note) } : {}),
  }
  const candidate = {
    schemaVersion: 1 as const,
    id: text(f.id),
    title: text(f.title),
    document: text(f.document),
    scope: f.scopeKind === 'unit' ? { unitCode: code } : { regionCode: code },
    effectiveDate: text(f.effectiveDate),
    source,
    ...(perCaseMaxFen !== undefined ? { perCaseMaxFen } : {}),
    ...(floorFen !== undefined ? { floorFen } : {}),
    ...(escalationThresholdFen !== undefined ? { escalationThresholdFen, escalationBody: text(f.escalationBody) } : {}),
    ...(f.wageRegionKind ? { wageRegionKind: f.wageRegionKind } : {}),
    ...(f.wageSeries ? { wageSeries: f.wageSeries } : {}),
    wageTable: kept.wageTable,
    ...(steps.length > 0 ? { approvalChain: { steps, ...(escalationStep ? { escalationStep } : {}) } } : {}),
    ...(Object.keys(limits).length > 0
      ? {
          timeLimitOverrides: {
            ...limits,
            ...(text(f.externalApprovalBody) ? { externalApprovalBody: text(f.externalApprovalBody) } : {}),
            source,
          },
        }
      : {}),
  }
  const checked = localMeasuresSchema.safeParse(candidate)
  if (!checked.success) {
    return {
      ok: false,
      problems: zodFieldProblems(checked.error).map((p) => ({
        path: formPathOf(p.path),
        message: messageOf(p.path, p.message),
      })),
    }
  }
  return { ok: true, measures: checked.data }
}

/** Where on the form a schema issue belongs (the checks above catch what users type; this is the backstop). */
function formPathOf(path: readonly PropertyKey[]): (string | number)[] {
  const [head, second] = path
  if (head === 'effectiveDate') return ['effectiveDate']
  if (head === 'scope') return ['scopeCode']
  if (head === 'approvalChain') return ['steps']
  if (head === 'timeLimitOverrides' && typeof second === 'string') return [second]
  if (typeof head === 'string' && head in emptyMeasuresFields({ kind: 'region', code: '' }, '')) return [head]
  return []
}

function messageOf(path: readonly PropertyKey[], message: string): string {
  if (path[0] === 'effectiveDate') return '施行日期不是有效的日期（YYYY-MM-DD）'
  return message
}
