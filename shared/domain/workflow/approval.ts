import type { ApprovalRole as RuleSetApprovalRole, ApprovalStep as RuleSetApprovalStep } from '../rulesets'
import type { ApprovalEntry, ApprovalRole, ApprovalStepConfig, Case } from '../schemas'

/**
 * The approval chain (docs/domain-reference.md §5 #6–#7, §13 q.6). The case procurator's step (承办检察官提出意见) is the
 * `propose` action itself, so the chain lists only the steps after it: by default 部门负责人审核 → 检察长审批
 * (2021 细则 chain, M). An extra step is added when the amount is over the cap (36 × wage, H: S1, S10 — needs
 * stricter approval) or at or over the local escalation threshold (滨海 ≥ 1万元 → 检察长办公会/党组会, S28, M).
 */
export const defaultApprovalChain: readonly ApprovalStepConfig[] = [
  { step: 'dept-head', role: 'dept-head', label: '部门负责人审核' },
  { step: 'chief', role: 'chief', label: '检察长审批' },
]

/** 检委会/党组 (or 政法委, configured) decide as a body; a chief records their decision with its reference. */
export const defaultEscalationStep: ApprovalStepConfig = {
  step: 'committee',
  role: 'chief',
  label: '检察委员会或党组会议研究决定',
  external: true,
}

/** Office or rule-set defaults for the chain; an action may override each part. */
export interface ApprovalSettings {
  chain?: readonly ApprovalStepConfig[]
  escalation?: ApprovalStepConfig
  /** Amounts at or above this (≥, as in 滨海 "1万元以上") get the escalation step. */
  escalationThresholdFen?: number
}

export interface ResolvedRound {
  chain: ApprovalStepConfig[]
  escalation?: 'over-cap' | 'over-threshold'
}

/**
 * The chain for a new approval round from the rules in force (rule set + local measures; default chain without
 * rules), plus the escalation step when a proposed grant is over the cap or at/over the threshold. Nothing the
 * submitter or an earlier round chose enters it.
 */
export function resolveApprovalRound(record: Case, settings: ApprovalSettings = {}): ResolvedRound {
  const base = [...(settings.chain ?? defaultApprovalChain)]
  const amount = record.proposal?.decision === 'grant' ? record.amount : undefined
  const threshold = settings.escalationThresholdFen
  const escalation = !amount
    ? undefined
    : amount.overCapFlag
      ? 'over-cap'
      : threshold !== undefined && amount.proposedFen >= threshold
        ? 'over-threshold'
        : undefined
  if (!escalation) return { chain: base }
  const step = settings.escalation ?? defaultEscalationStep
  const unique = base.some((s) => s.step === step.step) ? { ...step, step: `${step.step}-x` } : step
  return { chain: [...base, unique], escalation }
}

/** Entries of the current round, in order. */
export function currentRoundEntries(record: Case): ApprovalEntry[] {
  const round = record.approvalRound?.round
  return round === undefined ? [] : record.approvals.filter((a) => a.round === round)
}

/** The step waiting for a signature, or undefined when the round is complete or ended by a disagreement/return. */
export function currentStep(record: Case): ApprovalStepConfig | undefined {
  const chain = record.approvalRound?.chain
  if (!chain) return undefined
  const entries = currentRoundEntries(record)
  if (entries.some((e) => e.decision !== 'agree')) return undefined
  return chain[entries.length]
}

/** True when every step of the current round agreed. */
export function roundComplete(record: Case): boolean {
  const chain = record.approvalRound?.chain
  const entries = currentRoundEntries(record)
  return !!chain && entries.length === chain.length && entries.every((e) => e.decision === 'agree')
}

/** Users who agreed to assistance on this case: every agreeing approval step, and the chief of an agreed advance. */
export function approversOf(record: Case): Set<string> {
  const ids = new Set(record.approvals.filter((a) => a.decision === 'agree').map((a) => a.userId))
  if (record.advance?.decision === 'agree' && record.advance.decidedBy) ids.add(record.advance.decidedBy)
  return ids
}

/** Users who overrode an exclusion on this case. */
export function overridersOf(record: Case): Set<string> {
  const ids = (record.review?.exclusionChecks ?? []).flatMap((c) => (c.override ? [c.override.by] : []))
  return new Set(ids)
}

const ruleSetRoleMap: Record<RuleSetApprovalRole, { role: ApprovalRole; external?: true }> = {
  'case-procurator': { role: 'case-procurator' },
  'dept-head': { role: 'dept-head' },
  'deputy-chief': { role: 'chief' },
  chief: { role: 'chief' },
  'chief-office-meeting': { role: 'chief', external: true },
  'procuratorial-committee': { role: 'chief', external: true },
  'party-group': { role: 'chief', external: true },
  'political-legal-committee': { role: 'chief', external: true },
}

function stepFromRuleSet(s: RuleSetApprovalStep, taken: Set<string>): ApprovalStepConfig {
  const { role, external } = ruleSetRoleMap[s.role]
  let step: string = s.role
  for (let i = 2; taken.has(step); i++) step = `${s.role}-${i}`
  taken.add(step)
  return { step, role, label: s.label, ...(external ? { external } : {}) }
}

/**
 * Approval settings from the rule set in force with local measures merged (`applyLocalMeasures`, rulesets.ts):
 * a leading 承办检察官 step is the opinion itself and is dropped; bodies (办公会, 检委会, 党组, 政法委) become
 * external steps recorded by a chief; 分管检察长 signs with the chief role.
 */
export function approvalSettingsFromRules(rules: {
  approvalChain: { steps: readonly RuleSetApprovalStep[]; escalationStep?: RuleSetApprovalStep }
  amount: { escalationThresholdFen?: number }
}): ApprovalSettings {
  const steps = rules.approvalChain.steps
  const signing = steps[0]?.role === 'case-procurator' && steps.length > 1 ? steps.slice(1) : steps
  const taken = new Set<string>()
  const chain = signing.map((s) => stepFromRuleSet(s, taken))
  const escalationStep = rules.approvalChain.escalationStep
  return {
    chain,
    ...(escalationStep ? { escalation: stepFromRuleSet(escalationStep, taken) } : {}),
    ...(rules.amount.escalationThresholdFen !== undefined
      ? { escalationThresholdFen: rules.amount.escalationThresholdFen }
      : {}),
  }
}
