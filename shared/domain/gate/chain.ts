import { type Finding, makeFinding } from '../findings'
import type { ApprovalRole as RuleSetRole, ApprovalStep as RuleSetStep } from '../ruleCodes'
import type { ApprovalStepConfig } from '../schemas/caseReview'
import { chiefApprovalRule } from './sources'

/**
 * Who may end an approval chain (参考原文 四 “报检察长审批”): the 检察长 or 分管检察长, or a collective body above them
 * (检察长办公会, 检察委员会, 党组, 党委政法委) whose decision a 检察长 records.
 */
export const decidingRoles: ReadonlySet<RuleSetRole> = new Set([
  'deputy-chief',
  'chief',
  'chief-office-meeting',
  'procuratorial-committee',
  'party-group',
  'political-legal-committee',
])

/** Words in a step's name that claim the 检察长 or a body above the department: only a deciding role may carry them. */
const CHIEF_WORDS = /检察长|检委会|检察委员会|党组|政法委|办公会/

export type ChainProblem =
  | { code: 'approval.chain-not-chief'; label: string }
  | { code: 'approval.step-label-role'; label: string }
  | { code: 'approval.escalation-not-deciding'; label: string }

/**
 * What is wrong with an approval chain of a rule set or local measures: the chain must end with a deciding role, no
 * department-level step may be named as if the 检察长 signed it, and the escalation step must be a deciding role.
 */
export function ruleChainProblems(chain: {
  steps: readonly RuleSetStep[]
  escalationStep?: RuleSetStep
}): ChainProblem[] {
  const out: ChainProblem[] = []
  const last = chain.steps.at(-1)
  if (!last || !decidingRoles.has(last.role)) out.push({ code: 'approval.chain-not-chief', label: last?.label ?? '' })
  for (const s of chain.steps) {
    if (!decidingRoles.has(s.role) && CHIEF_WORDS.test(s.label))
      out.push({ code: 'approval.step-label-role', label: s.label })
  }
  const e = chain.escalationStep
  if (e && !decidingRoles.has(e.role)) out.push({ code: 'approval.escalation-not-deciding', label: e.label })
  return out
}

/**
 * The same test on the chain fixed on a case's approval round (roles mapped to the user roles that sign: 分管检察长
 * and the bodies are recorded by a user holding the chief role). Gives blocking findings citing 参考原文 四.
 */
export function roundChainFindings(chain: readonly ApprovalStepConfig[]): Finding[] {
  const out: Finding[] = []
  const last = chain.at(-1)
  if (last?.role !== 'chief') {
    out.push(makeFinding('approval.chain-not-chief', 'blocking', chiefApprovalRule, { label: last?.label ?? '（无）' }))
  }
  for (const s of chain) {
    if (s.role !== 'chief' && CHIEF_WORDS.test(s.label)) {
      out.push(makeFinding('approval.step-label-role', 'blocking', chiefApprovalRule, { label: s.label }))
    }
  }
  return out
}
