import type { Finding } from '../findings'
import { makeFinding } from '../findings'
import type { EffectiveRules } from '../rulesets'
import type { Case } from '../schemas'
import type { WorkflowAction } from '../workflow/actions'
import { currentRoundEntries } from '../workflow/approval'
import { advanceAmountFindings, decisionAmountFindings, proposalAmountFindings, type WageFacts } from './amount'
import { roundChainFindings } from './chain'
import { type OneTimeFacts, oneTimeFindings } from './oneTime'
import { chiefApprovalRule } from './sources'

export type { AdvanceAmount, WageFacts } from './amount'
export { type ChainProblem, decidingRoles, roundChainFindings, ruleChainProblems } from './chain'
export { blockingPriorGrants, type OneTimeFacts } from './oneTime'

/**
 * Everything the law checks on the money path need besides the case itself, read by the command inside its
 * transaction (and by the case screen through the same reader): the rules in force, the wage standard for the
 * case's region and year, and the one-time rule's facts.
 */
export interface GateFacts extends OneTimeFacts {
  /** undefined for a case governed by no rule set (before 2014-01-17): nothing can be granted. */
  rules?: EffectiveRules
  wage: WageFacts
}

export interface GateInput {
  action: WorkflowAction
  /** The case as the workflow would leave it (the transition's result). */
  after: Case
  facts: GateFacts
}

/**
 * The one gate of the money path (docs/domain-rules.md “Where each rule is enforced”): the findings of the law for
 * one workflow action on one case, from data the user cannot choose. The command layer refuses the action on the
 * first blocking finding; the case screen shows the same list. Actions that neither grant, approve, decide nor pay
 * give none.
 */
export function legalFindings({ action, after, facts }: GateInput): Finding[] {
  const rules = facts.rules
  if (!rules) return []
  const grant = after.proposal?.decision === 'grant'
  const oneTime = () => oneTimeFindings(rules, after, facts)
  switch (action.type) {
    case 'propose':
      if (!grant || !after.amount) return []
      return [
        ...categoryFindings(rules, after),
        ...proposalAmountFindings(rules, after.amount, facts.wage),
        ...oneTime(),
      ]
    case 'submit-opinion': {
      const chain = roundChainFindings(after.approvalRound?.chain ?? [])
      if (!grant || !after.amount) return chain
      return [...chain, ...proposalAmountFindings(rules, after.amount, facts.wage), ...oneTime()]
    }
    case 'approve-step':
      return grant && action.decision === 'agree' ? oneTime() : []
    case 'decide-grant': {
      if (!after.amount) return []
      const entries = currentRoundEntries(after)
      const body = after.approvalRound?.chain.find((s) => s.external)?.label
      return [
        ...decisionChainFindings(after),
        ...categoryFindings(rules, after),
        ...decisionAmountFindings(rules, after.amount, entries, body),
        ...oneTime(),
      ]
    }
    case 'decide-refuse':
      return decisionChainFindings(after)
    case 'start-advance':
    case 'approve-advance': {
      if (action.type === 'approve-advance' && action.decision !== 'agree') return []
      const advance = after.advance
      if (!advance) return []
      const amount = {
        proposedFen: advance.proposedFen,
        ...(advance.courtAwardCeilingFen !== undefined ? { courtAwardCeilingFen: advance.courtAwardCeilingFen } : {}),
        ...(advance.escalationRef ? { escalationRef: advance.escalationRef } : {}),
      }
      const stage = action.type === 'start-advance' ? 'start' : 'approval'
      return [
        ...(after.categoryItemCode ? categoryFindings(rules, after) : []),
        ...advanceAmountFindings(rules, amount, facts.wage, stage),
        ...oneTime(),
      ]
    }
    case 'pay':
      return oneTime()
    default:
      return []
  }
}

/** The chain of the round that is being decided must end with the chief, and the chief must have agreed in it. */
function decisionChainFindings(record: Case): Finding[] {
  const chain = roundChainFindings(record.approvalRound?.chain ?? [])
  if (chain.length > 0) return chain
  const chief = currentRoundEntries(record).some((e) => e.role === 'chief' && e.decision === 'agree')
  return chief ? [] : [makeFinding('approval.chief-missing', 'blocking', chiefApprovalRule)]
}

/** The 救助情形 must be a procuratorate item of the rule set in force on the governing date. */
function categoryFindings(rules: EffectiveRules, record: Case): Finding[] {
  const code = record.categoryItemCode
  const item = rules.ruleSet.categories.find((c) => c.code === code)
  if (code && item && !item.courtOnly) return []
  const rule = {
    text: rules.ruleSet.categories.map((c) => `${c.code} ${c.label}`).join('；'),
    source: rules.ruleSet.categories[0]!.source,
  }
  return [
    makeFinding('category.not-in-rules', 'blocking', rule, {
      code: code ?? '（未选择）',
      ruleSet: rules.ruleSet.shortTitle,
    }),
  ]
}

/** The first finding that stops the action, if any. */
export function firstBlocking(findings: readonly Finding[]): Finding | undefined {
  return findings.find((f) => f.severity === 'blocking')
}
