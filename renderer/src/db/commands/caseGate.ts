import type { WageFacts } from '@shared/domain/gate'
import { blockingPriorGrants, type GateFacts, legalFindings } from '@shared/domain/gate'
import { type EffectiveRules, monthlyWageFor, wageRegionFor } from '@shared/domain/rulesets'
import { governingDate, type RulesInForce, rulesInForce } from '@shared/domain/rulesInForce'
import type { Case } from '@shared/domain/schemas'
import type { WorkflowAction } from '@shared/domain/workflow'
import type { JiuzhuDb } from '../database'
import type { ReadDb } from '../readOnly'
import { priorGrantsFor } from '../transfer'
import { officeRulesContext } from './caseRules'

/** The wage region and year the rules ask for on a case, and the figure in force for them. */
export function wageFactsFor(
  rules: EffectiveRules,
  record: Case,
  officeRegion: string | undefined,
  today: string,
): WageFacts {
  const region = officeRegion ?? ''
  const regionCode = /^\d{6}$/.test(region)
    ? wageRegionFor(rules, {
        caseJurisdictionRegionCode: record.jurisdictionRegion ?? region,
        procuratorateRegionCode: region,
      })
    : (record.jurisdictionRegion ?? '')
  const year = Number(governingDate(record, today).slice(0, 4)) - 1
  const lookup = /^\d{6}$/.test(regionCode) ? monthlyWageFor(rules, regionCode, year) : undefined
  return { request: { regionCode: regionCode || '（未知地区）', year }, ...(lookup ? { lookup } : {}) }
}

export interface CaseGate {
  inForce: RulesInForce
  facts: GateFacts
}

/**
 * Reads what the legal gate needs for one case (shared/domain/gate): the rules in force at this office, the wage
 * standard for the case's region and year, the applicant's ID number and every grant known for the case's persons.
 * The command layer calls it inside the action's transaction; the case screen calls it to show the same findings.
 */
export async function readCaseGate(
  db: ReadDb,
  record: Case,
  unitCode: string,
  today: string,
  withGrants = true,
): Promise<CaseGate> {
  const context = await officeRulesContext(db, unitCode)
  const inForce = rulesInForce(record, today, context)
  const applicant = withGrants && record.applicantId ? await db.persons.get(record.applicantId) : undefined
  const priorGrants = withGrants ? await priorGrantsFor(db, record) : []
  const wage: WageFacts = inForce.rules
    ? wageFactsFor(inForce.rules, record, context.regionCode, today)
    : { request: { regionCode: context.regionCode ?? '', year: Number(today.slice(0, 4)) - 1 } }
  const idNumber = (applicant as { idNumber?: unknown } | undefined)?.idNumber
  return {
    inForce,
    facts: {
      ...(inForce.rules ? { rules: inForce.rules } : {}),
      wage,
      priorGrants,
      ...(typeof idNumber === 'string' ? { applicantIdNumber: idNumber } : {}),
    },
  }
}

/**
 * Whether 批准再次救助 makes sense on a case: the rules in force word an exception to the one-time rule and a grant
 * known here blocks this case (the command then covers exactly those grants).
 */
export async function repeatGrantNeeded(db: JiuzhuDb, record: Case, unitCode: string, today: string): Promise<boolean> {
  const gate = await readCaseGate(db, record, unitCode, today)
  const rules = gate.facts.rules
  return !!rules?.oneTimeException && blockingPriorGrants(rules, record, gate.facts).length > 0
}

/** The gate's findings for a candidate action, for the screen (the command computes the same inside its transaction). */
export function findingsForAction(gate: CaseGate, after: Case, action: WorkflowAction) {
  return legalFindings({ action, after, facts: gate.facts })
}
