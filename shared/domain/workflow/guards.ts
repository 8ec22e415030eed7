import { type Role, roleLabels } from '../roles'
import { type Case, proposalDecisionLabels } from '../schemas'
import { type ActionType, actionLabels } from './actions'
import { approversOf, currentRoundEntries, currentStep, overridersOf, roundComplete } from './approval'
import { refusal } from './refusal'
import { stateLabels } from './states'
import { actionRoles, actionStates } from './table'
import type { Actor, Refusal } from './types'

const labelRoles = (rs: readonly Role[]) => rs.map((r) => roleLabels[r]).join('、')

/**
 * The checks that do not depend on the action's payload, in order: record not voided, action allowed in the
 * state, actor's role (actionRoles), separation of duties, and the case data the action needs. Shared by
 * `transition` and `allowedActions`, so the UI offers exactly what would not be refused for these reasons.
 */
export function precheck(record: Case, type: ActionType, actor: Actor): Refusal | undefined {
  const action = actionLabels[type]
  if (record.voided) return refusal('record-voided', { at: record.voided.at })
  if (!actionStates[type].from.includes(record.state)) {
    return refusal('wrong-state', { action, state: stateLabels[record.state] })
  }
  const allowed = actionRoles[type]
  if (!actor.roles.some((r) => allowed.includes(r))) {
    return refusal('role-not-allowed', { action, roles: labelRoles(actor.roles), allowed: labelRoles(allowed) })
  }
  return stateCheck(record, type, actor, action)
}

function stateCheck(record: Case, type: ActionType, actor: Actor, action: string): Refusal | undefined {
  const duty = (rule: string) => refusal('separation-of-duties', { action, rule })
  const missing = (field: string, detail?: string) => refusal('data-missing', { action, field, detail })
  switch (type) {
    case 'approve-advance':
      return record.advance?.requestedBy === actor.userId ? duty('advance-requester') : undefined
    case 'propose':
      return record.review ? undefined : missing('review')
    case 'approve-step': {
      const step = currentStep(record)
      if (!step) return refusal('already-done', { action })
      if (!actor.roles.includes(step.role))
        return refusal('step-role', { step: step.label, role: roleLabels[step.role] })
      if (record.proposal?.by === actor.userId) return duty('proposer-approves')
      if (overridersOf(record).has(actor.userId)) return duty('override-approves')
      const signed = currentRoundEntries(record).some((e) => e.userId === actor.userId)
      return signed && !step.external ? duty('same-approver') : undefined
    }
    case 'decide-grant':
    case 'decide-refuse': {
      if (!roundComplete(record)) return missing('approval')
      const wanted = type === 'decide-grant' ? 'grant' : 'refuse'
      const decision = record.proposal?.decision
      if (decision === wanted) return undefined
      return refusal('opinion-mismatch', { action, opinion: decision ? proposalDecisionLabels[decision] : '' })
    }
    case 'notify-collection': {
      const date = record.funding?.collectionNoticeDate
      return date ? refusal('already-done', { action, date }) : undefined
    }
    case 'pay':
      if (!record.funding?.collectionNoticeDate) return missing('collection-notice')
      return approversOf(record).has(actor.userId) ? duty('approver-pays') : undefined
    case 'complete-advance-paperwork': {
      if (record.advance?.decision !== 'agree')
        return refusal('wrong-state', { action, state: stateLabels[record.state] })
      const date = record.advance.paperworkCompletedDate
      return date ? refusal('already-done', { action, date }) : undefined
    }
    case 'archive':
      return record.advance?.decision === 'agree' && !record.advance.paperworkCompletedDate
        ? missing('advance-paperwork')
        : undefined
    case 'start-recovery':
      // An archived case that was refused or withdrawn paid nothing, so there is nothing to recover.
      return record.payment ? undefined : missing('payment')
    default:
      return undefined
  }
}
