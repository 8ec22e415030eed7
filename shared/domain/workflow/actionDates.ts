import type { DateAfter } from '../dateRules'
import type { Case } from '../schemas'
import type { ActionType, WorkflowAction } from './actions'
import type { DateCheck } from './effect'

/**
 * Every date a clerk types on a workflow action, with its field code (its name in messages) and the step it may not
 * precede. `transition` checks an action's dates by this table before the action runs, and the action forms give
 * each date field the same rule (disabled days in the picker, the message at the field) — one rule for both.
 */
export interface ActionDateRule {
  /** Path of the date in the action's payload; `[]` marks a list whose items carry `date` (核实记录, 收取材料). */
  path: readonly string[]
  field: string
  after?(record: Case, today: string): DateAfter | undefined
}

const afterClue = (r: Case): DateAfter => ['clue', r.clueDate]
const afterApplication = (r: Case): DateAfter => ['application', r.applicationDate]
const afterDecision = (r: Case): DateAfter => ['decision', r.decisionDate]
const afterPaid = (r: Case): DateAfter => ['paid', r.payment?.paidDate]
const explanation: ActionDateRule = { path: ['explanation', 'date'], field: 'explanation', after: afterApplication }
const service: ActionDateRule = { path: ['serviceDate'], field: 'service', after: (_r, today) => ['decision', today] }
const materials: ActionDateRule = { path: ['materials', '[]', 'receivedDate'], field: 'material-received' }

/** The step an archiving date must not precede: follow-up, payment, the refusal or the withdrawal. */
function archiveAfter(r: Case): DateAfter {
  if (r.state === 'refused') return ['decision', r.decisionDate]
  if (r.state === 'withdrawn') return ['withdraw', r.withdrawal?.date]
  return r.followUpStartDate ? ['follow-up', r.followUpStartDate] : afterPaid(r)
}

export const actionDateRules: Partial<Record<ActionType, readonly ActionDateRule[]>> = {
  inform: [{ path: ['informing', 'date'], field: 'informed', after: afterClue }],
  'start-ex-officio': [{ path: ['date'], field: 'ex-officio', after: afterClue }],
  'start-advance': [{ path: ['date'], field: 'advance', after: afterClue }],
  apply: [{ path: ['date'], field: 'application', after: afterClue }, materials],
  'request-supplement': [{ path: ['noticeDate'], field: 'notice', after: afterApplication }],
  'receive-supplement': [
    { path: ['receivedDate'], field: 'supplement-received', after: (r) => ['notice', r.supplement?.noticeDate] },
    materials,
  ],
  accept: [
    {
      path: ['date'],
      field: 'acceptance',
      after: (r) => (r.applicationDate ? afterApplication(r) : ['ex-officio', r.exOfficio?.date]),
    },
    materials,
  ],
  'refuse-out-of-scope': [{ path: ['date'], field: 'decision', after: afterApplication }, explanation],
  'begin-review': [{ path: ['date'], field: 'review-start', after: (r) => ['acceptance', r.acceptanceDate] }],
  'record-review': [{ path: ['verifications', '[]', 'date'], field: 'verification' }],
  'decide-grant': [service],
  'decide-refuse': [service, explanation],
  'request-funds': [{ path: ['requestDate'], field: 'request-funds', after: afterDecision }],
  'funds-received': [
    {
      path: ['receivedDate'],
      field: 'funds-received',
      after: (r) => (r.funding?.requestDate ? ['request-funds', r.funding.requestDate] : afterDecision(r)),
    },
  ],
  'notify-collection': [
    { path: ['date'], field: 'collection-notice', after: (r) => ['funds-received', r.funding?.receivedDate] },
  ],
  pay: [{ path: ['paidDate'], field: 'paid', after: (r) => ['collection-notice', r.funding?.collectionNoticeDate] }],
  'complete-advance-paperwork': [{ path: ['date'], field: 'paperwork', after: afterDecision }],
  'start-follow-up': [{ path: ['date'], field: 'follow-up', after: afterPaid }],
  archive: [{ path: ['date'], field: 'archive', after: archiveAfter }],
  withdraw: [{ path: ['date'], field: 'withdraw' }],
  'start-recovery': [{ path: ['date'], field: 'recovery-start', after: afterPaid }],
  'close-recovery': [
    { path: ['date'], field: 'recovery-close', after: (r) => ['recovery-start', openRecoveryStart(r)] },
    { path: ['referral', 'date'], field: 'recovery-referral', after: (r) => ['recovery-start', openRecoveryStart(r)] },
  ],
}

function openRecoveryStart(r: Case): string | undefined {
  return r.recoveries.at(-1)?.startedDate
}

/** The values at a rule's path in an action (one per item of a list). */
function datesAt(value: unknown, path: readonly string[]): string[] {
  if (path.length === 0) return typeof value === 'string' ? [value] : []
  const [head, ...rest] = path
  if (head === '[]') return Array.isArray(value) ? value.flatMap((v) => datesAt(v, rest)) : []
  return value && typeof value === 'object' ? datesAt((value as Record<string, unknown>)[head], rest) : []
}

/** The rule of the date field at `path` of an action's form, if that field is a recorded date. */
export function actionDateRule(type: ActionType, path: readonly (string | number)[]): ActionDateRule | undefined {
  const key = path.map((p) => (typeof p === 'number' ? '[]' : p)).join('.')
  return actionDateRules[type]?.find((r) => r.path.join('.') === key)
}

/** The checks of every date the action carries, for `checkDates`. */
export function actionDateChecks(record: Case, action: WorkflowAction, today: string): DateCheck[] {
  return (actionDateRules[action.type] ?? []).flatMap((rule) =>
    datesAt(action, rule.path).map((date): DateCheck => [rule.field, date, rule.after?.(record, today)]),
  )
}
