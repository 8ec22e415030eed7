import { isWorkingDay } from '../../domain/calendar'
import { fromEpochDay, toEpochDay } from '../../domain/dates'
import type { CaseState } from '../../domain/schemas'
import type { ActionType, WorkflowAction } from '../../domain/workflow'
import type { Rng } from '../random'
import type { PlannedStep, StepRole } from './types'

const workingDays = new Map<number, boolean>()

/** calendar.ts `isWorkingDay`, memoised by epoch day (a national run asks tens of millions of times). */
function isWorkingEpochDay(day: number): boolean {
  let w = workingDays.get(day)
  if (w === undefined) {
    w = isWorkingDay(fromEpochDay(day))
    workingDays.set(day, w)
  }
  return w
}

/**
 * The cursor a case path is planned with: the current date (moved on to working days), the steps taken so far, and
 * whether the path ended (terminal state, withdrawal, planned stop) or ran past asOf (later steps dated, not taken).
 */
export class Builder {
  readonly steps: PlannedStep[] = []
  t: number
  /** The path ended logically: terminal state, withdrawal, or the planned stop state. */
  ended = false
  /** A step fell after asOf: later steps are planned (for their dates) but not taken. */
  truncated = false
  stopReached = false
  /** Date the planned stop state is (or would be) reached. */
  stopDate?: string
  /** Latest date of any planned step, taken or not. */
  lastPlanned: string

  constructor(
    private readonly rng: Rng,
    start: string,
    private readonly asOf: string,
    private readonly stopAt: CaseState | undefined,
  ) {
    this.t = toEpochDay(start)
    this.lastPlanned = start
  }

  get date(): string {
    return fromEpochDay(this.t)
  }

  /** Moves the cursor min..max days on, to the next working day. */
  wait(min: number, max: number): this {
    this.t += this.rng.int(min, max)
    while (!isWorkingEpochDay(this.t)) this.t++
    return this
  }

  step(type: ActionType, role: StepRole, after: CaseState, action: () => WorkflowAction): void {
    if (this.ended) return
    const date = this.date
    if (date > this.lastPlanned) this.lastPlanned = date
    if (date > this.asOf) this.truncated = true
    if (!this.truncated) this.steps.push({ type, date, role, after, action })
    if (after === this.stopAt) {
      this.stopDate = date
      this.stopReached = !this.truncated
      this.ended = true
    }
  }
}
