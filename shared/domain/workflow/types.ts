import type { MessageParams } from '../../errors/types'
import type { HolidayCalendar } from '../calendar'
import type { Role } from '../roles'
import type { Case, CaseState, DecisionOutcome, ExclusionCode, FundingSplit } from '../schemas'
import type { ActionType } from './actions'
import type { ApprovalSettings } from './approval'
import type { MaterialRule } from './materials'
import type { TimeLimits } from './timeLimits'

export type { Now } from '../../util/clock'

/** Who acts: the signed-in user and their roles (the command layer also checks the office owns the case). */
export interface Actor {
  userId: string
  roles: readonly Role[]
}

/** The closed set of reasons a workflow action is refused; Chinese text in shared/errors/workflow.ts. */
export type RefusalCode =
  | 'wrong-state'
  | 'role-not-allowed'
  | 'step-role'
  | 'data-missing'
  | 'separation-of-duties'
  | 'too-early'
  | 'already-done'
  | 'hard-exclusion'
  | 'exclusion-unresolved'
  | 'amount-invalid'
  | 'date-invalid'
  | 'funding-mismatch'
  | 'opinion-mismatch'
  | 'record-voided'
  | 'invalid-action'

export interface Refusal {
  code: RefusalCode
  message: string
  params: MessageParams
}

interface EventBase {
  caseId: string
  action: ActionType
  by: string
  at: string
}

/**
 * What a successful transition did, for the command layer (audit, ledger entries, notifications). Every success
 * yields at least one event: 'state-changed' when the state moved, otherwise the specific event.
 */
export type WorkflowEvent = EventBase &
  (
    | { type: 'state-changed'; from: CaseState; to: CaseState }
    | { type: 'review-recorded' }
    | { type: 'opinion-recorded'; decision: 'grant' | 'refuse'; proposedFen?: number }
    | { type: 'exclusion-overridden'; code: ExclusionCode }
    | { type: 'repeat-grant-approved'; priorCaseIds: string[] }
    | { type: 'approval-recorded'; round: number; step: string; decision: 'agree' | 'disagree' | 'return' }
    | { type: 'decision-issued'; outcome: DecisionOutcome; grantedFen?: number; documentNo?: string }
    | { type: 'funds-received'; date: string; splits: FundingSplit[] }
    | { type: 'collection-notified'; date: string }
    | { type: 'payment-made'; date: string; amountFen: number; splits: FundingSplit[] }
    | { type: 'advance-paperwork-completed'; date: string }
    | { type: 'recovery-started'; amountFen: number }
    | { type: 'recovery-closed'; date: string; recoveredFen: number }
  )

export type TransitionResult = { ok: true; record: Case; events: WorkflowEvent[] } | { ok: false; refusal: Refusal }

/** Configuration a transition may need: time limits (for the 补正 due date) and the approval chain defaults. */
export interface TransitionOptions {
  timeLimits?: TimeLimits
  approval?: ApprovalSettings
  /** Holiday calendar for due dates fixed on the record (default: calendar.ts built-in data). */
  calendar?: HolidayCalendar
  /** The checklist rule of the rule set in force (`ruleSet.materials`); default `defaultMaterialRules`. */
  materials?: readonly MaterialRule[]
  /**
   * Exclusions no approver may override under the rule set in force (its `exclusions` of kind 'hard'). X7 (legal
   * persons) is added whatever this says, also under 2021 where the rule set does not list it (`hardExclusions`;
   * docs/domain-reference.md §3.5).
   */
  hardExclusions?: readonly ExclusionCode[]
  /** The rules' text allowing an exception to the one-time rule (rule set or local measures); none nationally. */
  oneTimeException?: { text: string; source: { document: string; article?: string } }
}
