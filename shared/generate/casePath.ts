import type { ActionType } from '../domain/workflow'
import type { CaseFacts } from './facts'
import { acceptAndReview, decide } from './path/decision'
import { openCase, type StageEnd } from './path/opening'
import { afterPayment, payOut } from './path/payment'
import { PathPlanner } from './path/planner'
import type { CasePath, PathContext } from './path/types'
import type { Rng } from './random'
import type { Scenario } from './scenario'

export { categoryCode } from './path/category'
export type { CasePath, LateBound, PathContext, PlannedStep, StepRole } from './path/types'

const NUMBERING: ReadonlySet<ActionType> = new Set(['apply', 'start-ex-officio', 'start-advance'])
export function isNumberingStep(type: ActionType): boolean {
  return NUMBERING.has(type)
}

/** The stages of a case's path, in the order of shared/domain/workflow; each may end the path. */
const STAGES: readonly ((p: PathPlanner) => StageEnd)[] = [openCase, acceptAndReview, decide, payOut, afterPayment]

/**
 * Plans the workflow actions of one case from its scenario and facts, starting at `anchor` (the clue date), in
 * the order and with the date rules of shared/domain/workflow (every date on or after the step it follows, none
 * after `asOf`). The office then runs the steps through `transition`, so every record is reached legitimately.
 * The stages live in shared/generate/path/ (opening, decision, payment), the steps they share in path/planner.ts.
 */
export function planPath(ctx: PathContext, rng: Rng, s: Scenario, f: CaseFacts, anchor: string): CasePath {
  const p = new PathPlanner(ctx, rng, s, f, anchor)
  for (const stage of STAGES) if (stage(p) === 'stop') break
  return p.finish()
}
