import {
  type ApprovalStepConfig,
  type Case,
  caseStateLabels,
  type RefusalReason,
  refusalReasonLabels,
} from '../schemas'
import { currentStep, roundComplete } from './approval'
import { precheck } from './guards'
import type { Actor } from './types'

/**
 * What the case screens show about a case's state, derived from the record (nothing here is stored): a case whose
 * approval round every step agreed to is still in the state 'approval' until 控申 issues the decision, but it is no
 * longer "审批中" — it waits for the decision (docs/case-handling.md “审批”).
 */
export const approvalCompleteLabel = '审批完毕，待作出决定'

/** The state label of a case as shown on every list and on the case page. */
export function stateLabelOf(record: Pick<Case, 'state' | 'approvalRound' | 'approvals'>): string {
  if (record.state === 'approval' && roundComplete(record as Case)) return approvalCompleteLabel
  return caseStateLabels[record.state]
}

/** What a signed-in approver has to sign on a case now (工作台 “待我审批”). */
export type AwaitedSignature =
  | { kind: 'approve-step'; step: ApprovalStepConfig }
  | { kind: 'approve-advance'; step?: undefined }

/**
 * The signature this actor owes the case now, or undefined: in 'approval', the current step of the round when the
 * actor holds its role and may sign it (not the proposer, not an approver who overrode an exclusion, not someone who
 * already signed this round — the same checks the workflow applies to `approve-step`); in 'advance', the chief's
 * approval of the 先行救助 (not the chief who asked for it).
 */
export function awaitedSignature(record: Case, actor: Actor): AwaitedSignature | undefined {
  if (record.state === 'approval') {
    const step = currentStep(record)
    if (!step || precheck(record, 'approve-step', actor)) return undefined
    return { kind: 'approve-step', step }
  }
  if (record.state === 'advance' && !record.advance?.decision) {
    return precheck(record, 'approve-advance', actor) ? undefined : { kind: 'approve-advance' }
  }
  return undefined
}

/**
 * The reasons of a refusal that the review already found: every exclusion (X1–X8) checked as present and not
 * overridden. The exclusions are refusal reasons under the same codes (`refusalReasonLabels` lists them first), so
 * the mapping is one to one where a reason exists; a code without one is left out.
 */
export function refusalReasonsFromReview(record: Pick<Case, 'review'>): RefusalReason[] {
  const found = (record.review?.exclusionChecks ?? []).filter((c) => c.hit && !c.override).map((c) => c.code)
  return found.filter((code) => Object.hasOwn(refusalReasonLabels, code)) as RefusalReason[]
}
