import type { Role } from '../roles'
import type { CaseState } from '../schemas'
import type { ActionType } from './actions'

const KS = ['case-procurator', 'dept-head'] as const satisfies readonly Role[]

/**
 * Who may take each action (docs/domain-reference.md §5 "Actors"): BA = case-dept-staff informs; KS = case-procurator and
 * dept-head receive, review, propose and issue decisions; JCZ = chief approves; JCB = finance requests funds and
 * records their arrival. The approval step's own role is checked on top (only the chief signs the chief step).
 * Read-only roles (auditor, supervisor) and the admin appear in no row.
 */
export const actionRoles: Record<ActionType, readonly Role[]> = {
  inform: ['case-dept-staff', ...KS],
  'start-ex-officio': KS,
  'start-advance': KS,
  'approve-advance': ['chief'],
  apply: KS,
  'request-supplement': KS,
  'receive-supplement': KS,
  'deem-abandoned': KS,
  accept: KS,
  /** A refusal is a decision on assistance: the 检察长 (or 分管检察长) decides it (参考原文 四 “报检察长审批”). */
  'refuse-out-of-scope': ['chief'],
  'begin-review': KS,
  'record-review': KS,
  'override-exclusion': [...KS, 'chief'],
  /** Only the 检察长 approves an exception to the one-time rule, and only where the rules word one. */
  'approve-repeat-grant': ['chief'],
  propose: KS,
  'submit-opinion': KS,
  'approve-step': [...KS, 'chief'],
  'decide-grant': KS,
  'decide-refuse': KS,
  'request-funds': ['finance'],
  'funds-received': ['finance'],
  'notify-collection': KS,
  pay: ['finance', ...KS],
  'complete-advance-paperwork': KS,
  'start-follow-up': KS,
  archive: KS,
  withdraw: KS,
  'start-recovery': [...KS, 'finance'],
  'close-recovery': ['dept-head', 'finance'],
}

/** States from which 先行救助 may start (any state before the decision), and to which a disagreement returns. */
export const advanceEntryStates = [
  'clue',
  'informed',
  'ex-officio',
  'applied',
  'needs-supplement',
  'accepted',
  'review',
  'opinion',
] as const satisfies readonly CaseState[]

/** States the applicant can withdraw from: every non-terminal state before payment (docs/domain-reference.md §5, L). */
export const withdrawableStates = [
  ...advanceEntryStates,
  'advance',
  'approval',
  'granted',
  'awaiting-funds',
  'awaiting-collection',
] as const satisfies readonly CaseState[]

/** States after payment from which recovery may start, and to which closing the recovery returns. */
export const recoverableStates = ['paid', 'follow-up', 'archived'] as const satisfies readonly CaseState[]

/**
 * States from which a case is archived (一案一档): after payment or follow-up, and after a decision not to assist or
 * a withdrawal. A case deemed abandoned is not archived: the reports count it by its state (docs/case-handling.md).
 */
export const archivableStates = ['paid', 'follow-up', 'refused', 'withdrawn'] as const satisfies readonly CaseState[]

/** States in which the advance paperwork can be completed: after the chief's approval, before archiving. */
const afterAdvanceGrant = ['granted', 'awaiting-funds', 'awaiting-collection', 'paid', 'follow-up'] as const

/**
 * The state graph (docs/domain-reference.md §5 table and "Other transitions"): for each action, the states it may be taken from
 * and every state it may lead to. `transition` never produces an edge outside this table (tested by a model test).
 */
export const actionStates: Record<ActionType, { from: readonly CaseState[]; to: readonly CaseState[] }> = {
  inform: { from: ['clue'], to: ['informed'] },
  'start-ex-officio': { from: ['clue', 'informed'], to: ['ex-officio'] },
  'start-advance': { from: advanceEntryStates, to: ['advance'] },
  'approve-advance': { from: ['advance'], to: ['granted', ...advanceEntryStates] },
  apply: { from: ['clue', 'informed', 'ex-officio'], to: ['applied'] },
  'request-supplement': { from: ['applied'], to: ['needs-supplement'] },
  'receive-supplement': { from: ['needs-supplement'], to: ['applied'] },
  'deem-abandoned': { from: ['needs-supplement'], to: ['abandoned'] },
  accept: { from: ['applied', 'ex-officio'], to: ['accepted'] },
  'refuse-out-of-scope': { from: ['applied'], to: ['refused'] },
  'begin-review': { from: ['accepted'], to: ['review'] },
  'record-review': { from: ['review'], to: ['review'] },
  'override-exclusion': { from: ['review', 'opinion'], to: ['review', 'opinion'] },
  'approve-repeat-grant': { from: ['review', 'opinion'], to: ['review', 'opinion'] },
  propose: { from: ['review', 'opinion'], to: ['opinion'] },
  'submit-opinion': { from: ['opinion'], to: ['approval'] },
  'approve-step': { from: ['approval'], to: ['approval', 'opinion', 'review'] },
  'decide-grant': { from: ['approval'], to: ['granted'] },
  'decide-refuse': { from: ['approval'], to: ['refused'] },
  'request-funds': { from: ['granted'], to: ['awaiting-funds'] },
  'funds-received': { from: ['granted', 'awaiting-funds'], to: ['awaiting-collection'] },
  'notify-collection': { from: ['awaiting-collection'], to: ['awaiting-collection'] },
  pay: { from: ['awaiting-collection'], to: ['paid'] },
  'complete-advance-paperwork': { from: afterAdvanceGrant, to: afterAdvanceGrant },
  'start-follow-up': { from: ['paid'], to: ['follow-up'] },
  archive: { from: archivableStates, to: ['archived'] },
  withdraw: { from: withdrawableStates, to: ['withdrawn'] },
  'start-recovery': { from: recoverableStates, to: ['recovery'] },
  'close-recovery': { from: ['recovery'], to: recoverableStates },
}
