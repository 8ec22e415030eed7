import { oneTimeCheck, type PriorGrant } from '../eligibility'
import type { Finding } from '../findings'
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
  return oneTimeCheck(
    {
      caseId: record.id,
      ...(facts.applicantIdNumber ? { applicantIdNumber: facts.applicantIdNumber } : {}),
      ...(record.underlyingCase?.caseNo ? { underlyingCaseNo: record.underlyingCase.caseNo } : {}),
    },
    rules,
    facts.priorGrants,
  )
}
