import { amountCheckInputFrom, assistanceCap, checkProposedAmount } from '../amount'
import { type Finding, makeFinding } from '../findings'
import { formatYuanWithUnit } from '../money'
import type { EffectiveRules, WageLookup } from '../rulesets'
import type { AmountComputation, ApprovalEntry } from '../schemas'
import { wageBaseRule } from './sources'

/** The wage the cap must use: the region and year the rules ask for, and the figure in force for them (if any). */
export interface WageFacts {
  request: { regionCode: string; year: number }
  lookup?: WageLookup
}

function missingWage(wage: WageFacts): Finding {
  return makeFinding('amount.wage-standard-missing', 'blocking', wageBaseRule, {
    region: wage.request.regionCode,
    year: wage.request.year,
  })
}

/**
 * 审查意见 and 提交审批: the amount record must use the wage standard in force (not a figure the proposer typed),
 * name the document that published it, and use the cap months of the rules in force; the approvals for an over-cap or escalated amount are the approval chain's
 * to record, so a proposal carrying their reference is refused and their absence is only announced.
 */
export function proposalAmountFindings(rules: EffectiveRules, amount: AmountComputation, wage: WageFacts): Finding[] {
  const lookup = wage.lookup
  if (!lookup) return [missingWage(wage)]
  if (
    amount.baseMonthlyWageFen !== lookup.monthlyWageFen ||
    amount.monthsFactor !== rules.amount.capMonths ||
    amount.wageSource !== lookup.source.document
  ) {
    return [
      makeFinding('amount.wage-not-standard', 'blocking', wageBaseRule, {
        stated: formatYuanWithUnit(amount.baseMonthlyWageFen),
        statedRegion: amount.wageRegionCode,
        statedYear: amount.wageYear,
        wage: formatYuanWithUnit(lookup.monthlyWageFen),
        region: lookup.regionCode,
        year: lookup.year,
        document: lookup.source.document,
      }),
    ]
  }
  const findings: Finding[] = []
  if (amount.overCapApprovalRef || amount.escalationRef) {
    findings.push(makeFinding('amount.approval-by-proposer', 'blocking', rules.ruleSet.amountRules.overCap))
  }
  return [
    ...findings,
    ...checkProposedAmount(
      amountCheckInputFrom(rules, {
        proposedFen: amount.proposedFen,
        monthlyWageFen: lookup.monthlyWageFen,
        overCapApproval: null,
        courtAwardCeilingFen: amount.courtAwardCeilingFen,
        stage: 'proposal',
      }),
    ),
  ]
}

/**
 * 作出救助决定: the amount as recorded at the proposal, with the over-cap or escalation approval taken from the
 * approval round itself — an agreed step of a body outside the department, with its reference, recorded by a
 * chief. Nothing the proposer typed counts as an approval.
 */
export function decisionAmountFindings(
  rules: EffectiveRules,
  amount: AmountComputation,
  roundEntries: readonly ApprovalEntry[],
  bodyLabel: string | undefined,
): Finding[] {
  const external = roundEntries.find((e) => e.decision === 'agree' && !!e.ref?.trim())
  const approval = external?.ref ? { ref: external.ref, body: bodyLabel ?? '有关机构' } : null
  return checkProposedAmount(
    amountCheckInputFrom(rules, {
      proposedFen: amount.proposedFen,
      monthlyWageFen: amount.baseMonthlyWageFen,
      overCapApproval: approval,
      escalationApproval: approval,
      courtAwardCeilingFen: amount.courtAwardCeilingFen,
      stage: 'decision',
    }),
  )
}

export interface AdvanceAmount {
  proposedFen: number
  courtAwardCeilingFen?: number
  /** The escalation body's reference, recorded by the chief when approving the advance. */
  escalationRef?: string
}

/**
 * 先行救助: the chief approves at once, so the advance must stay within the normal cap of the wage standard in force
 * and under a recorded court-award figure; the local per-case maximum and floor are shown as for any grant; an
 * advance at or over the local escalation threshold needs the body's reference when the chief approves it.
 */
export function advanceAmountFindings(
  rules: EffectiveRules,
  advance: AdvanceAmount,
  wage: WageFacts,
  stage: 'start' | 'approval',
): Finding[] {
  const lookup = wage.lookup
  if (!lookup) return [missingWage(wage)]
  const months = rules.amount.capMonths
  const cap = assistanceCap({ monthlyWageFen: lookup.monthlyWageFen, months })
  const p = {
    proposed: formatYuanWithUnit(advance.proposedFen),
    cap: formatYuanWithUnit(cap),
    months,
    wage: formatYuanWithUnit(lookup.monthlyWageFen),
  }
  const amountRules = rules.ruleSet.amountRules
  const out: Finding[] = []
  if (advance.proposedFen > cap) out.push(makeFinding('amount.advance-over-cap', 'blocking', amountRules.overCap, p))
  const ceiling = advance.courtAwardCeilingFen
  if (ceiling !== undefined && advance.proposedFen > ceiling) {
    out.push(
      makeFinding('amount.advance-over-ceiling', 'blocking', amountRules.courtCeiling, {
        ...p,
        ceiling: formatYuanWithUnit(ceiling),
      }),
    )
  }
  const local = checkProposedAmount(
    amountCheckInputFrom(rules, {
      proposedFen: advance.proposedFen,
      monthlyWageFen: lookup.monthlyWageFen,
      overCapApproval: null,
      courtAwardCeilingFen: ceiling ?? null,
      stage: 'proposal',
    }),
  )
  for (const f of local) {
    if (f.code === 'amount.over-local-max' || f.code === 'amount.below-local-floor' || f.code === 'amount.not-positive')
      out.push(f)
    if (f.code === 'amount.escalation-pending') {
      const ref = advance.escalationRef?.trim()
      if (stage === 'approval' && !ref) out.push({ ...f, ...advanceEscalation(f) })
      else if (stage === 'start') out.push(f)
    }
  }
  return out
}

function advanceEscalation(f: Finding): Finding {
  return makeFinding('amount.advance-escalation-ref', 'blocking', f.rule, f.params)
}
