import { type Case, type CaseState, caseStateLabels, caseStates } from '../schemas'
import type { ActionType } from './actions'

/** The case states with their Chinese labels (docs/domain-reference.md §5). */
export const stateLabels: Record<CaseState, string> = caseStateLabels
export const states: readonly CaseState[] = caseStates

/**
 * Terminal states (docs/domain-reference.md §5): 决定不予救助 (8b), 视为放弃申请 (3a), 撤回, and 归档 (13). No action is accepted
 * there except the documented ones in `terminalExceptions`.
 */
export const terminalStates = ['refused', 'withdrawn', 'abandoned', 'archived'] as const satisfies readonly CaseState[]

/**
 * The only actions a terminal state accepts: an archived case that was paid can still be opened for 追回 (#14;
 * S28), and a case refused or withdrawn is archived to close its file (一案一档).
 */
export const terminalExceptions: Partial<Record<CaseState, readonly ActionType[]>> = {
  archived: ['start-recovery'],
  refused: ['archive'],
  withdrawn: ['archive'],
}

/**
 * Whether the case ended without assistance being paid: refused, withdrawn, abandoned, or archived after one of
 * these (an archived case has a payment exactly when it was archived after payment). Registers and queries that
 * list assisted cases use this instead of the state, since 'archived' alone does not say which way the case ended.
 */
export function endedUnpaid(c: Pick<Case, 'state' | 'payment'>): boolean {
  return (
    c.state === 'refused' ||
    c.state === 'withdrawn' ||
    c.state === 'abandoned' ||
    (c.state === 'archived' && !c.payment)
  )
}

/** True for 不予救助, 撤回, 视为放弃 and 归档 (see `terminalStates`). */
export function isTerminal(state: CaseState): boolean {
  return (terminalStates as readonly CaseState[]).includes(state)
}

/** Actions that record something without moving the case to another state. */
export const stayingActions = [
  'record-review',
  'override-exclusion',
  'approve-repeat-grant',
  'notify-collection',
  'complete-advance-paperwork',
] as const satisfies readonly ActionType[]
