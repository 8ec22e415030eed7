import { dateProblem } from '../dateRules'
import type { Case } from '../schemas'
import type { WorkflowAction } from './actions'
import { refusal } from './refusal'
import type { Actor, Now, Refusal, TransitionOptions, WorkflowEvent } from './types'

/** What an action handler sees. */
export interface EffectContext {
  record: Case
  actor: Actor
  now: Now
  options: TransitionOptions
}

/** The part of an event the handler decides; `transition` adds case id, action, actor and time. */
export type EventBody = WorkflowEvent extends infer E
  ? E extends WorkflowEvent
    ? Omit<E, 'caseId' | 'action' | 'by' | 'at'>
    : never
  : never

export interface Effect {
  record: Case
  events?: EventBody[]
}

export type Handler<A extends WorkflowAction> = (c: EffectContext, a: A) => Effect | Refusal

/** Tells a handler's refusal from its effect. */
export function isRefusal(x: Effect | Refusal | undefined): x is Refusal {
  return x !== undefined && 'code' in x
}

/** One date to check: its field code, its value, and optionally the earlier step's field code and date. */
export type DateCheck = readonly [field: string, date: string, before?: readonly [field: string, date?: string]]

/**
 * Recorded dates may not lie in the future, nor before the step they follow (e.g. acceptance before application):
 * the one rule of shared/domain/dateRules.ts. Returns the first violation.
 */
export function checkDates(now: Now, checks: readonly DateCheck[]): Refusal | undefined {
  for (const [field, date, before] of checks) {
    const problem = dateProblem(field, date, now.date, before)
    if (problem) return refusal('date-invalid', problem)
  }
  return undefined
}
