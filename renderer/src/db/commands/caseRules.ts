import { defaultCalendar } from '@shared/domain/calendar'
import { type LocalMeasures, parseLocalMeasures } from '@shared/domain/rulesets'
import { type RulesContext, type RulesInForce, rulesInForce } from '@shared/domain/rulesInForce'
import type { Case } from '@shared/domain/schemas'
import { officeWageFiguresSchema, WAGE_FIGURES_KEY, wageEntriesOf } from '@shared/domain/wageFigures'
import { type StandardsEdition, standardsRules } from '@shared/exchange/downward'
import type { JiuzhuDb, UnitRow } from '../database'
import type { ReadDb } from '../readOnly'

/** Local implementing measures this office holds (entered or received in a standards bundle), valid ones only. */
export async function officeLocalMeasures(db: ReadDb): Promise<LocalMeasures[]> {
  const rows = await db.localMeasures.toArray()
  const out: LocalMeasures[] = []
  for (const row of rows) {
    if (row.voided) continue
    try {
      out.push(parseLocalMeasures(row.measures))
    } catch {
      // A malformed row is reported by the standards screen; it never silently changes the rules.
    }
  }
  return out
}

/** The standards editions this office holds, one per issuer (its own and those sent down to it). */
export async function heldEditions(db: ReadDb): Promise<StandardsEdition[]> {
  const rows = await db.standards.toArray()
  return rows.map((r) => r.edition as StandardsEdition)
}

/** The wage figures this office recorded itself (系统设置 → 职工月平均工资标准); none when the row is malformed. */
export async function officeWageFigures(db: ReadDb) {
  const row = await db.settings.get(WAGE_FIGURES_KEY)
  const parsed = officeWageFiguresSchema.safeParse(row?.value ?? [])
  return parsed.success ? parsed.data : []
}

/**
 * Everything the rules of this office depend on besides the case (docs/exchange.md §一.7): its region, the local
 * measures it entered, and the standards it holds — wage figures, the holiday calendar, measures and rule-set
 * updates sent down by higher offices. One function, so the command layer, the case page, the deadline board and
 * the amount calculator see the same standards.
 */
export async function officeRulesContext(db: ReadDb, unitCode: string): Promise<RulesContext> {
  const unit = (await db.units.get(unitCode)) as UnitRow | undefined
  const own = await officeLocalMeasures(db)
  const editions = await heldEditions(db)
  const officeWages = wageEntriesOf(await officeWageFigures(db))
  const regionCode = officeRegion(unit, unitCode)
  if (editions.length === 0) return { unitCode, regionCode, localMeasures: own, officeWages }
  const sent = standardsRules(editions, defaultCalendar)
  return {
    unitCode,
    regionCode,
    officeWages,
    ruleSets: sent.ruleSets,
    localMeasures: [...sent.localMeasures, ...own],
    wageTable: sent.wageTable,
    ...(sent.calendar ? { calendar: sent.calendar } : {}),
  }
}

/** The office's region: its recorded region code, else its unit code when that is a 6-digit region code. */
function officeRegion(unit: UnitRow | undefined, unitCode: string): string | undefined {
  return unit?.regionCode ?? (/^\d{6}$/.test(unitCode) ? unitCode : undefined)
}

/** The rules in force for one case at this office, read from the store. */
export async function caseRules(db: JiuzhuDb, record: Case, unitCode: string, today: string): Promise<RulesInForce> {
  return rulesInForce(record, today, await officeRulesContext(db, unitCode))
}
