import { type Finding, makeFinding, type RuleRef } from './findings'
import { builtInRuleSets, type EffectiveRules, type RuleSet, type WageFallback, type WageSeries } from './rulesets'

/** A recorded approval: the document or minutes reference and the approving body. */
export interface Approval {
  ref: string
  body: string
}

export interface AmountCheckInput {
  proposedFen: number
  /** B: the previous year's average monthly wage of employees, in fen. */
  monthlyWageFen: number
  /** Months of wage in the normal cap; default: the rule set's capMonths (36 in every national rule set). */
  months?: number
  overCapApproval?: Approval | null
  /** 人民法院依法应当判决的赔偿数额: the ceiling for an over-cap amount. */
  courtAwardCeilingFen?: number | null
  perCaseMaxFen?: number
  floorFen?: number
  /** Amounts at or above this need the escalation body's approval (≥, 滨海 “1万元以上”). */
  escalationThresholdFen?: number
  escalationApproval?: Approval | null
  /** Who must approve escalated amounts, from the local measures (e.g. 检察长办公会或党组会, 党委政法委). */
  escalationBody?: string
  /** Rule texts for cap, over-cap and court ceiling; default: the latest built-in rule set (2021 细则). */
  ruleSet?: RuleSet
  /** The local measures' title and source, cited beside the local-parameter findings. */
  localRule?: RuleRef
  /**
   * 'proposal' (审查意见, 提交审批): the over-cap and escalation approvals are recorded later by the approval chain's
   * step, so their absence is shown as what the chain will require (info), not as a block. 'decision' (default,
   * 作出决定): they must be on record.
   */
  stage?: 'proposal' | 'decision'
}

const DEFAULT_ESCALATION_BODY = '检察委员会、检察长办公会或党组会'
const DEFAULT_LOCAL_RULE: RuleRef = {
  text: '本地国家司法救助实施办法',
  source: { document: '本地实施办法', confidence: 'M', note: 'docs/domain-reference.md §4 本地参数（S28、S29、S30）' },
}

/** Formats fen as “288,000.00元” for messages. */
function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(fen)
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')}元`
}

function assertFen(value: number, what: string, allowNegative = false): void {
  if (!Number.isSafeInteger(value) || (!allowNegative && value < 0)) {
    throw new RangeError(`${what}必须是${allowNegative ? '' : '非负'}整数（单位：分），收到 ${value}`)
  }
}

function approved(a: Approval | null | undefined): a is Approval {
  return !!a && a.ref.trim().length > 0
}

/**
 * The normal cap: months × B, in fen (docs/domain-reference.md §4: amount ≤ 36 × the previous year's average monthly wage;
 * 2014 意见 H (S1), 2016 细则 H (S10), 2021 细则 M). Throws RangeError on a non-integer or negative wage or months.
 */
export function assistanceCap({ monthlyWageFen, months = 36 }: { monthlyWageFen: number; months?: number }): number {
  assertFen(monthlyWageFen, '月平均工资')
  if (!Number.isSafeInteger(months) || months < 0) throw new RangeError(`月数必须是非负整数，收到 ${months}`)
  const cap = monthlyWageFen * months
  if (!Number.isSafeInteger(cap)) throw new RangeError('救助上限超出可计算范围')
  return cap
}

/**
 * Checks a proposed amount against the amount rules (docs/domain-reference.md §4):
 * - amount ≤ 0 → blocking (an assistance payment is a positive sum);
 * - amount > 36 × B without an over-cap approval → blocking (2014 意见 H S1; 2016 细则 H S10);
 * - amount > cap without a recorded court-award ceiling → blocking (the ceiling bounds every over-cap amount, H S1);
 * - amount > cap and > the court-award ceiling → blocking (H, S1, S10);
 * - local per-case maximum exceeded (>) → warning (株洲 S29, 宁波 S30 “一般不超过5万元”, M);
 * - below the local floor (<) → warning (滨海 S28, 3000元, M);
 * - at or above (≥) the local escalation threshold without its approval → blocking (滨海 S28 “1万元以上”, M).
 * An approved over-cap or escalated amount gives an info finding, so the reliance on the approval is visible.
 * Throws RangeError on non-integer amounts. Clean amounts give no findings.
 */
export function checkProposedAmount(input: AmountCheckInput): Finding[] {
  const ruleSet = input.ruleSet ?? builtInRuleSets.at(-1)!
  const { proposedFen, monthlyWageFen, months = ruleSet.amountRules.capMonths } = input
  assertFen(proposedFen, '拟救助金额', true)
  const cap = assistanceCap({ monthlyWageFen, months })
  const ceiling = input.courtAwardCeilingFen ?? undefined
  if (ceiling !== undefined) assertFen(ceiling, '法院应判赔偿数额')
  for (const [v, what] of [
    [input.perCaseMaxFen, '每案最高金额'],
    [input.floorFen, '最低金额'],
    [input.escalationThresholdFen, '提级审批金额'],
  ] as const) {
    if (v !== undefined) assertFen(v, what)
  }

  const rules = ruleSet.amountRules
  const capRule: RuleRef = rules.cap
  const local = input.localRule ?? DEFAULT_LOCAL_RULE
  const localRef = (text: string): RuleRef => ({ text: `${local.text}：${text}`, source: local.source })
  const p = { proposed: yuan(proposedFen), cap: yuan(cap), months, wage: yuan(monthlyWageFen) }

  if (proposedFen <= 0) return [makeFinding('amount.not-positive', 'blocking', capRule, p)]

  const findings: Finding[] = []
  const proposal = input.stage === 'proposal'
  if (proposedFen > cap) {
    const approval = approved(input.overCapApproval) ? input.overCapApproval : undefined
    if (!approval && proposal) findings.push(makeFinding('amount.over-cap-pending', 'info', rules.overCap, p))
    else if (!approval) findings.push(makeFinding('amount.over-cap-no-approval', 'blocking', rules.overCap, p))
    if (ceiling === undefined) {
      findings.push(makeFinding('amount.court-ceiling-missing', 'blocking', rules.courtCeiling, p))
    } else if (proposedFen > ceiling) {
      findings.push(
        makeFinding('amount.over-court-ceiling', 'blocking', rules.courtCeiling, { ...p, ceiling: yuan(ceiling) }),
      )
    } else if (approval) {
      findings.push(
        makeFinding('amount.over-cap-approved', 'info', rules.overCap, {
          ...p,
          ceiling: yuan(ceiling),
          ref: approval.ref,
          body: approval.body || '有关机构',
        }),
      )
    }
  }
  if (input.perCaseMaxFen !== undefined && proposedFen > input.perCaseMaxFen) {
    const max = yuan(input.perCaseMaxFen)
    findings.push(
      makeFinding('amount.over-local-max', 'warning', localRef(`每案每人救助金额一般不超过${max}`), { ...p, max }),
    )
  }
  if (input.floorFen !== undefined && proposedFen < input.floorFen) {
    const floor = yuan(input.floorFen)
    findings.push(
      makeFinding('amount.below-local-floor', 'warning', localRef(`救助金额一般不低于${floor}`), { ...p, floor }),
    )
  }
  if (input.escalationThresholdFen !== undefined && proposedFen >= input.escalationThresholdFen) {
    const threshold = yuan(input.escalationThresholdFen)
    const body = input.escalationBody || DEFAULT_ESCALATION_BODY
    const rule = localRef(`救助金额在${threshold}以上的，须经${body}审批`)
    const approval = input.escalationApproval
    findings.push(
      approved(approval)
        ? makeFinding('amount.escalation-approved', 'info', rule, {
            ...p,
            threshold,
            ref: approval.ref,
            body: approval.body || body,
          })
        : makeFinding(
            proposal ? 'amount.escalation-pending' : 'amount.escalation-needed',
            proposal ? 'info' : 'blocking',
            rule,
            { ...p, threshold, body },
          ),
    )
  }
  return findings
}

/**
 * Fills the local parameters (cap months, per-case maximum, floor, escalation threshold and body, local source)
 * of an amount check from the effective rules (rule set + local measures, rulesets.ts applyLocalMeasures).
 */
export function amountCheckInputFrom(
  rules: EffectiveRules,
  facts: Pick<
    AmountCheckInput,
    'proposedFen' | 'monthlyWageFen' | 'overCapApproval' | 'courtAwardCeilingFen' | 'escalationApproval' | 'stage'
  >,
): AmountCheckInput {
  const a = rules.amount
  return {
    ...facts,
    months: a.capMonths,
    ruleSet: rules.ruleSet,
    ...(a.perCaseMaxFen !== undefined ? { perCaseMaxFen: a.perCaseMaxFen } : {}),
    ...(a.floorFen !== undefined ? { floorFen: a.floorFen } : {}),
    ...(a.escalationThresholdFen !== undefined ? { escalationThresholdFen: a.escalationThresholdFen } : {}),
    ...(a.escalationBody ? { escalationBody: a.escalationBody } : {}),
    ...(a.localSource ? { localRule: a.localSource } : {}),
  }
}

export interface AmountComputationInput {
  ruleSetId?: string
  wageYear: number
  wageRegionCode: string
  monthlyWageFen: number
  wageSeries?: WageSeries
  wageFallbacks?: readonly WageFallback[]
  /** The document that published the wage figure (the standard in force). */
  wageSource?: string
  months?: number
  proposedFen: number
  overCapApproval?: Approval | null
  courtAwardCeilingFen?: number | null
  /** The factors weighed: harm, fault, family finances, local minimum living cost, what the liable party paid. */
  factorsText: string
}

/** The record kept with the opinion (docs/domain-reference.md §4 “Suggested computation record”). */
export interface AmountComputationRecord {
  ruleSetId: string | null
  wageYear: number
  wageRegionCode: string
  wageSeries: WageSeries | null
  wageFallbacks: WageFallback[]
  wageSource?: string
  /** B */
  baseMonthlyWageFen: number
  monthsFactor: number
  /** months × B */
  computedCapFen: number
  proposedFen: number
  overCapFlag: boolean
  overCapApprovalRef: string | null
  overCapApprovalBody: string | null
  /** Only when over the cap. */
  courtAwardCeilingFen: number | null
  factorsText: string
  /** Human-readable formula, e.g. “36 × 8,000.00元 = 288,000.00元”. */
  formula: string
}

/**
 * Builds the amount computation record of docs/domain-reference.md §4: {wage year, wage region, B, months, cap = months × B,
 * proposed amount, over-cap flag, over-cap approval, court-award ceiling if over the cap, factors} (H for the
 * formula, S1/S10; the record layout is the domain reference's suggestion). Throws RangeError on invalid amounts.
 */
export function amountComputationRecord(input: AmountComputationInput): AmountComputationRecord {
  const months = input.months ?? 36
  const cap = assistanceCap({ monthlyWageFen: input.monthlyWageFen, months })
  assertFen(input.proposedFen, '拟救助金额', true)
  const over = input.proposedFen > cap
  const approval = over && approved(input.overCapApproval) ? input.overCapApproval : null
  const ceiling = over ? (input.courtAwardCeilingFen ?? null) : null
  if (ceiling !== null) assertFen(ceiling, '法院应判赔偿数额')
  return {
    ruleSetId: input.ruleSetId ?? null,
    wageYear: input.wageYear,
    wageRegionCode: input.wageRegionCode,
    wageSeries: input.wageSeries ?? null,
    wageFallbacks: [...(input.wageFallbacks ?? [])],
    ...(input.wageSource ? { wageSource: input.wageSource } : {}),
    baseMonthlyWageFen: input.monthlyWageFen,
    monthsFactor: months,
    computedCapFen: cap,
    proposedFen: input.proposedFen,
    overCapFlag: over,
    overCapApprovalRef: approval?.ref ?? null,
    overCapApprovalBody: approval?.body ?? null,
    courtAwardCeilingFen: ceiling,
    factorsText: input.factorsText,
    formula: `${months} × ${yuan(input.monthlyWageFen)} = ${yuan(cap)}`,
  }
}
