import type { CaseState, FundingSplit, Informing } from '../../domain/schemas'
import type { ActionType, WorkflowAction } from '../../domain/workflow'
import type { OfficeSpec } from '../hierarchy'
import type { GeneratorRules } from '../rules'

/** The shapes of a generated case's path: its planned steps, what it needs from its office, what it yields. */

export type StepRole = 'ba' | 'ks' | 'head' | 'chief' | 'finance'

/** One workflow action of a generated case: when, by whom, the state it leads to, and its payload. */
export interface PlannedStep {
  type: ActionType
  date: string
  role: StepRole
  after: CaseState
  action: () => WorkflowAction
}

/** Values known only after all of an office's cases are planned (numbers, fund splits, person ids). */
export interface LateBound {
  caseYear?: number
  caseSeq?: number
  splits?: FundingSplit[]
  applicantId?: string
}

export interface CasePath {
  steps: PlannedStep[]
  /** The clue's 告知, if the party was informed while it was a clue (carried into the case at opening). */
  clueInforming?: Informing
  /** The clue was recorded on this date (= the case's clueDate). */
  clueDate: string
  /** The case is opened (its first step) on this date; for `start: 'none'` the opening itself. */
  openDate: string
  /** The planned stop state was reached (or, without one, the path ran to its end) on or before asOf. */
  complete: boolean
  /** Date of the last planned step, even beyond asOf (used to place planted cases). */
  endDate: string
  grantedFen?: number
  fundsDate?: string
}

export interface PathContext {
  office: OfficeSpec
  rules: GeneratorRules
  asOf: string
  /** The case-department member who informs the party of a clue. */
  informer: { name: string; id: string }
  /** Another procuratorate for 委托调查 / 委托发放. */
  otherUnit: { code: string; name: string }
  late: LateBound
}
