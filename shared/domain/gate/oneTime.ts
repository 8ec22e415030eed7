import { oneTimeCheck, type PriorGrant } from '../eligibility'
import { type Finding, makeFinding } from '../findings'
import type { EffectiveRules } from '../rulesets'
import type { Case } from '../schemas'

/** What the one-time rule needs of a case besides the grants known: its applicant's ID number and the case number. */
export interface OneTimeFacts {
  applicantIdNumber?: string
  priorGrants: readonly PriorGrant[]
}

/**
 * The one-time rule (同一案件的同一救助对象只救助一次, the rule set's `oneTimeRule`) on one case: every grant known at
 * this office — its own decided grants and advances (小额应急性帮扶 included), other offices' replicas, imported
 * transfer packages and prior-assistance rows — for the same person (15- and 18-digit IDs are one person) and the
 * same underlying case (bracket variants are one number). The same findings the case screen shows.
 */
export function oneTimeFindings(rules: EffectiveRules, record: Case, facts: OneTimeFacts): Finding[] {
  const findings = oneTimeCheck(
    {
      caseId: record.id,
      ...(facts.applicantIdNumber ? { applicantIdNumber: facts.applicantIdNumber } : {}),
      ...(record.underlyingCase?.caseNo ? { underlyingCaseNo: record.underlyingCase.caseNo } : {}),
    },
    rules,
    facts.priorGrants,
  )
  const excepted = exceptedGrants(rules, record)
  if (excepted.size === 0) return findings
  return findings.map((f) =>
    f.severity === 'blocking' && excepted.has(String(f.params?.caseId))
      ? makeFinding('eligibility.one-time-excepted', 'info', rules.oneTimeException ?? f.rule, {
          ...f.params,
          reason: record.repeatGrant?.reason ?? '',
        })
      : f,
  )
}

/** Prior grants the 检察长 excepted on this case — only while the rules in force still word an exception. */
function exceptedGrants(rules: EffectiveRules, record: Case): Set<string> {
  return rules.oneTimeException && record.repeatGrant ? new Set(record.repeatGrant.priorCaseIds) : new Set()
}

/** The prior grants that block a grant on this case now: what an exception approved today would have to cover. */
export function blockingPriorGrants(rules: EffectiveRules, record: Case, facts: OneTimeFacts): string[] {
  const blocking = oneTimeCheck(
    {
      caseId: record.id,
      ...(facts.applicantIdNumber ? { applicantIdNumber: facts.applicantIdNumber } : {}),
      ...(record.underlyingCase?.caseNo ? { underlyingCaseNo: record.underlyingCase.caseNo } : {}),
    },
    rules,
    facts.priorGrants,
  ).filter((f) => f.severity === 'blocking')
  return [...new Set(blocking.map((f) => String(f.params?.caseId)))]
}
