import { type LocalMeasures, parseLocalMeasures } from '@shared/domain/rulesets'
import { type RulesInForce, rulesInForce } from '@shared/domain/rulesInForce'
import type { Case } from '@shared/domain/schemas'
import type { JiuzhuDb, UnitRow } from '../database'

/** Local implementing measures this office holds (entered or received in a standards bundle), valid ones only. */
export async function officeLocalMeasures(db: JiuzhuDb): Promise<LocalMeasures[]> {
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

/** The rules in force for one case at this office, read from the store. */
export async function caseRules(db: JiuzhuDb, record: Case, unitCode: string, today: string): Promise<RulesInForce> {
  const unit = (await db.units.get(unitCode)) as UnitRow | undefined
  return rulesInForce(record, today, {
    unitCode,
    regionCode: unit?.regionCode,
    localMeasures: await officeLocalMeasures(db),
  })
}
