import { describeZodError } from '../errors/zodProblems'
import type { Case } from './schemas'
import { actionDateChecks } from './workflow/actionDates'
import { type ActionType, actionTypes, type WorkflowAction, workflowActionSchema } from './workflow/actions'
import { checkDates, type Handler, isRefusal } from './workflow/effect'
import { precheck } from './workflow/guards'
import { handlers } from './workflow/handlers'
import { refusal } from './workflow/refusal'
import type { Actor, Now, TransitionOptions, TransitionResult, WorkflowEvent } from './workflow/types'

export * from './workflow/actionDates'
export * from './workflow/actions'
export * from './workflow/approval'
export * from './workflow/deadlineOwner'
export * from './workflow/deadlines'
export * from './workflow/display'
export { defaultMaterialRules, type MaterialRule, missingMaterials, requiredMaterials } from './workflow/materials'
export { hardExclusions } from './workflow/review'
export * from './workflow/states'
export * from './workflow/table'
export * from './workflow/timeLimits'
export type * from './workflow/types'

/**
 * The case state machine of docs/domain-reference.md §5. Validates the action, checks the state, the actor's roles
 * (`actionRoles`), separation of duties and the data the step needs, then returns the new record and what
 * happened. Pure: the input record is never changed; `rev`/`updatedAt`/`updatedBy` are stamped by the command
 * layer when it writes the result. A refusal carries a closed code and its Chinese message.
 */
export function transition(
  record: Case,
  action: WorkflowAction,
  actor: Actor,
  now: Now,
  options: TransitionOptions = {},
): TransitionResult {
  const parsed = workflowActionSchema.safeParse(action)
  if (!parsed.success)
    return { ok: false, refusal: refusal('invalid-action', { detail: describeZodError(parsed.error, 3) }) }
  const a = parsed.data
  const blocked = precheck(record, a.type, actor) ?? checkDates(now, actionDateChecks(record, a, now.date))
  if (blocked) return { ok: false, refusal: blocked }
  const handler = handlers[a.type] as Handler<WorkflowAction>
  const effect = handler({ record, actor, now, options }, a)
  if (isRefusal(effect)) return { ok: false, refusal: effect }
  const base = { caseId: record.id, action: a.type, by: actor.userId, at: now.instant }
  const events: WorkflowEvent[] = (effect.events ?? []).map((e) => ({ ...base, ...e }) as WorkflowEvent)
  if (effect.record.state !== record.state) {
    events.push({ ...base, type: 'state-changed', from: record.state, to: effect.record.state })
  }
  return { ok: true, record: effect.record, events }
}

/**
 * The actions this actor could take on this case now, for the UI: allowed in the state, by the actor's roles, by
 * separation of duties and by the case data. The payload (dates, amounts, materials) is still checked by
 * `transition`, so an offered action can be refused for what the user enters.
 */
export function allowedActions(record: Case, actor: Actor): ActionType[] {
  return actionTypes.filter((t: ActionType) => precheck(record, t, actor) === undefined)
}
