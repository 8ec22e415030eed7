import { type DateProblem, dateProblem } from './dateRules'
import { type DepartmentNames, departmentName } from './departments'
import type { Case, CaseState, Clue } from './schemas'

/**
 * 更正: which typed fields of a clue or a case may be corrected, and when a correction is refused because a decision
 * already rests on the field (docs/case-handling.md “更正”). Pure; the commands (renderer/src/db/commands/corrections.ts)
 * enforce it inside their transaction and the case and clue pages offer only what it allows.
 */

export type CorrectionKind = 'name' | 'number' | 'text' | 'note' | 'date' | 'phone' | 'department'

export interface CorrectableField {
  label: string
  kind: CorrectionKind
}

export const clueCorrectableFields = {
  partyName: { label: '当事人姓名', kind: 'name' },
  underlyingCaseNo: { label: '原案件编号', kind: 'text' },
  originDepartment: { label: '移送部门', kind: 'department' },
  referredOn: { label: '移送日期', kind: 'date' },
  'informing.date': { label: '告知日期', kind: 'date' },
  livingConditions: { label: '家庭生活情况', kind: 'note' },
} as const satisfies Record<string, CorrectableField>
export type ClueCorrectableField = keyof typeof clueCorrectableFields

export const caseCorrectableFields = {
  'applicant.name': { label: '申请人姓名', kind: 'name' },
  'applicant.idNumber': { label: '申请人证件号码', kind: 'number' },
  'applicant.birthDate': { label: '申请人出生日期', kind: 'date' },
  'applicant.phone': { label: '申请人联系电话', kind: 'phone' },
  'applicant.household.address': { label: '申请人户籍地址', kind: 'text' },
  'applicant.residence.address': { label: '申请人居住地址', kind: 'text' },
  'victim.name': { label: '被害人姓名', kind: 'name' },
  'victim.idNumber': { label: '被害人证件号码', kind: 'number' },
  'victim.birthDate': { label: '被害人出生日期', kind: 'date' },
  'underlyingCase.caseNo': { label: '原案件编号', kind: 'text' },
  'underlyingCase.charge': { label: '罪名或案由', kind: 'text' },
  originDepartment: { label: '移送部门', kind: 'department' },
  clueDate: { label: '线索日期', kind: 'date' },
  applicationDate: { label: '申请日期', kind: 'date' },
  acceptanceDate: { label: '受理日期', kind: 'date' },
} as const satisfies Record<string, CorrectableField>
export type CaseCorrectableField = keyof typeof caseCorrectableFields

/** The Chinese name of a corrected field (clue or case), for the history and the audit viewer. */
export function correctionFieldLabel(field: string): string {
  return (
    (caseCorrectableFields as Record<string, CorrectableField>)[field]?.label ??
    (clueCorrectableFields as Record<string, CorrectableField>)[field]?.label ??
    field
  )
}

/** The states in which an approval or a decision rests on what the case holds. */
const approvalStates = new Set<CaseState>(['approval'])
const decidedStates = new Set<CaseState>([
  'granted',
  'refused',
  'awaiting-funds',
  'awaiting-collection',
  'paid',
  'follow-up',
  'recovery',
])
const closedStates = new Set<CaseState>(['archived', 'withdrawn', 'abandoned'])

/** What rests on a field: the identity and the underlying case (one-time rule, approval, decision), dates, contact. */
const fieldGroup: Record<CaseCorrectableField, 'identity' | 'governing' | 'step-date' | 'contact'> = {
  'applicant.name': 'identity',
  'applicant.idNumber': 'identity',
  'applicant.birthDate': 'identity',
  'victim.name': 'identity',
  'victim.idNumber': 'identity',
  'victim.birthDate': 'identity',
  'underlyingCase.caseNo': 'identity',
  'underlyingCase.charge': 'identity',
  clueDate: 'governing',
  applicationDate: 'step-date',
  acceptanceDate: 'step-date',
  'applicant.phone': 'contact',
  'applicant.household.address': 'contact',
  'applicant.residence.address': 'contact',
  originDepartment: 'contact',
}

/**
 * Why a case field cannot be corrected now, as the `why` of 'correction.locked'; undefined when it can.
 * - every field: not once the case is closed (归档、撤回、视为放弃);
 * - the parties' identity and the underlying case: not while the approvers approve on it (审批中) nor after the
 *   decision (救助决定/不予救助决定) — a 不同意 that sends the case back to review opens them again;
 * - the 线索日期, which chooses the rules and the wage standard of the amount: not once an opinion is proposed;
 * - the 申请日期 and 受理日期, which start the time limits: not after the decision.
 * Contact details and the 移送部门 rest on no decision.
 */
export function caseCorrectionLock(record: Case, field: CaseCorrectableField): string | undefined {
  if (closedStates.has(record.state)) return '案件已办结（已归档、撤回或视为放弃申请）'
  const decided = decidedStates.has(record.state) || record.decision !== undefined
  switch (fieldGroup[field]) {
    case 'identity':
      if (decided) return '已作出决定，决定依据此项内容'
      if (approvalStates.has(record.state)) return '审查意见正在审批中，审批依据此项内容'
      return undefined
    case 'governing':
      if (decided || record.proposal !== undefined || record.state === 'opinion' || approvalStates.has(record.state))
        return '已提出审查意见，救助金额按线索日期适用的规则计算'
      return undefined
    case 'step-date':
      return decided ? '已作出决定，办理期限依据此日期计算' : undefined
    case 'contact':
      return undefined
  }
}

/** Why a clue field cannot be corrected now; undefined when it can. */
export function clueCorrectionLock(clue: Pick<Clue, 'status'>): string | undefined {
  if (clue.status === 'converted') return '线索已转为救助案件，请在案件中更正'
  if (clue.status === 'closed') return '线索已终结'
  return undefined
}

/** The first problem of a corrected date with the steps around it: ≤ today, ≥ the step before, ≤ the steps after. */
function around(
  field: string,
  value: string,
  today: string,
  before: readonly [string, string | undefined] | undefined,
  after: readonly (readonly [string, string | undefined])[],
): DateProblem | undefined {
  const own = dateProblem(field, value, today, before)
  if (own) return own
  for (const [laterField, later] of after) {
    const p = later === undefined ? undefined : dateProblem(laterField, later, '9999-12-31', [field, value])
    if (p) return p
  }
  return undefined
}

/** The one date rule applied to a corrected clue date. */
export function clueCorrectionDateProblem(
  clue: Pick<Clue, 'referredOn' | 'informing'>,
  field: ClueCorrectableField,
  value: string,
  today: string,
): DateProblem | undefined {
  if (field === 'referredOn') return around('referred', value, today, undefined, [['informed', clue.informing?.date]])
  if (field === 'informing.date') return around('informed', value, today, ['referred', clue.referredOn], [])
  return undefined
}

/** The one date rule applied to a corrected case date (the parties' birth dates: not after today). */
export function caseCorrectionDateProblem(
  record: Case,
  field: CaseCorrectableField,
  value: string,
  today: string,
): DateProblem | undefined {
  switch (field) {
    case 'clueDate':
      return around('clue', value, today, undefined, [
        ['informed', record.informing?.date],
        ['application', record.applicationDate],
        ['ex-officio', record.exOfficio?.date],
        ['advance', record.advance?.requestedDate],
      ])
    case 'applicationDate':
      return around(
        'application',
        value,
        today,
        ['clue', record.clueDate],
        [
          ['notice', record.supplement?.noticeDate],
          ['acceptance', record.acceptanceDate],
        ],
      )
    case 'acceptanceDate':
      return around(
        'acceptance',
        value,
        today,
        record.applicationDate ? ['application', record.applicationDate] : ['ex-officio', record.exOfficio?.date],
        [['review-start', record.reviewStartDate]],
      )
    case 'applicant.birthDate':
    case 'victim.birthDate':
      return dateProblem('birth', value, today)
    default:
      return undefined
  }
}

/** A corrected value as shown: the 移送部门 by the office's name for it (`names`), an empty value as “（空）”. */
export function correctionValueText(field: string, value: string | null, names?: DepartmentNames): string {
  if (value === null || value === '') return '（空）'
  if (field === 'originDepartment') return departmentName(value, names)
  return value
}

/** One correction as a line: “申请日期：2026-03-04 → 2026-03-03（理由：…）”. */
export function correctionLine(
  c: { field: string; before: string | null; after: string; reason: string },
  names?: DepartmentNames,
): string {
  const text = (v: string | null) => correctionValueText(c.field, v, names)
  return `${correctionFieldLabel(c.field)}：${text(c.before)} → ${text(c.after)}（理由：${c.reason}）`
}
