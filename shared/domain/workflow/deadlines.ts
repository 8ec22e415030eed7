import { addWorkingDays, type HolidayCalendar } from '../calendar'
import type { RuleRef } from '../findings'
import type { Case } from '../schemas'
import { advanceApprovalRule, defaultTimeLimits, type TimeLimits } from './timeLimits'

export type DeadlineKind =
  | 'advance-approval'
  | 'supplement-notice'
  | 'supplement-period'
  | 'decision'
  | 'collection-notice'

/** A due date with the rule it comes from (text and source) and what must happen by then. */
export interface Deadline {
  due: string
  rule: RuleRef
  kind: DeadlineKind
}

const decisionStates = new Set<Case['state']>(['applied', 'accepted', 'review', 'opinion', 'approval'])

/**
 * The decision deadline: `decideWorkingDays` working days after the application (2014 意见: 10 wd, H, S15), counted
 * from the day the missing materials arrived when a 补正 was needed (materials complete only then; our choice, see
 * docs/domain/records-and-workflow.md), extended by `externalApprovalWorkingDays` when the current approval round
 * includes an outside body and the local measures grant extra days (S16: 政法委 +10 wd, M).
 */
function decisionDeadline(record: Case, limits: TimeLimits, calendar?: HolidayCalendar): Deadline | undefined {
  if (!record.applicationDate || !decisionStates.has(record.state)) return undefined
  const start = record.supplement?.receivedDate ?? record.applicationDate
  const external = record.state === 'approval' && record.approvalRound?.chain.some((s) => s.external)
  const extra = external ? limits.externalApprovalWorkingDays : undefined
  const days = limits.decideWorkingDays.value + (extra?.value ?? 0)
  const rule = extra
    ? { text: `${limits.decideWorkingDays.rule.text}${extra.rule.text}`, source: extra.rule.source }
    : limits.decideWorkingDays.rule
  return { due: addWorkingDays(start, days, calendar), rule, kind: 'decision' }
}

/**
 * Every deadline running on the case now (docs/domain-reference.md §5 time limits; §13 q.3: all configurable):
 * 先行救助 — the chief decides at once (due the day it was requested; S7); 已申请 — 补正 notice within 5 working
 * days of the application (S8) and the decision deadline; 待补正 — the due date fixed on the record (notice + 30
 * days, S8); 受理 to 审批 — the decision deadline; 待领取 — notice to collect within 2 working days of the funds'
 * arrival (S15). Pass `applyLocalMeasures(...).timeLimits` for the rule set in force; defaults otherwise.
 */
export function deadlinesFor(
  record: Case,
  calendar?: HolidayCalendar,
  timeLimits: TimeLimits = defaultTimeLimits,
): Deadline[] {
  const list: Deadline[] = []
  if (record.state === 'advance' && record.advance) {
    list.push({ due: record.advance.requestedDate, rule: advanceApprovalRule, kind: 'advance-approval' })
  }
  if (record.state === 'applied' && record.applicationDate && !record.supplement) {
    const limit = timeLimits.supplementNoticeWorkingDays
    const due = addWorkingDays(record.applicationDate, limit.value, calendar)
    list.push({ due, rule: limit.rule, kind: 'supplement-notice' })
  }
  if (record.state === 'needs-supplement' && record.supplement) {
    list.push({ due: record.supplement.dueDate, rule: timeLimits.supplementDays.rule, kind: 'supplement-period' })
  }
  const decision = decisionDeadline(record, timeLimits, calendar)
  if (decision) list.push(decision)
  const received = record.funding?.receivedDate
  if (record.state === 'awaiting-collection' && received && !record.funding?.collectionNoticeDate) {
    const limit = timeLimits.notifyCollectionWorkingDays
    list.push({ due: addWorkingDays(received, limit.value, calendar), rule: limit.rule, kind: 'collection-notice' })
  }
  return list
}

/** The earliest deadline running on the case, or undefined when none runs in its state. */
export function deadlineFor(
  record: Case,
  calendar?: HolidayCalendar,
  timeLimits: TimeLimits = defaultTimeLimits,
): Deadline | undefined {
  return deadlinesFor(record, calendar, timeLimits).reduce<Deadline | undefined>(
    (first, d) => (!first || d.due < first.due ? d : first),
    undefined,
  )
}

/** True when `today` is after the due date (the due date itself is still in time). */
export function isOverdue(deadline: Deadline, today: string): boolean {
  return today > deadline.due
}
