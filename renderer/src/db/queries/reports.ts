import type { ReportUnit } from '@shared/report/units'
import { EX, type OriginRow } from '../commands/exchangeTypes'
import type { JiuzhuDb, StoredRecord } from '../database'

/** The tables the report definitions read (docs/reports.md §1). */
export const reportTables = ['cases', 'persons', 'clues', 'referrals', 'followUps', 'ledger', 'donations'] as const
export type ReportTable = (typeof reportTables)[number]

/**
 * Everything a report needs from the record store: the records of every office held here (this office's own and
 * the imported replicas of its subordinates — the definitions decide what is in scope by `ownerUnit`), the unit
 * directory for the roll-up, and per origin office the exchange bundle its replicas last came from (provenance
 * "up to rev M, bundle K").
 */
export interface ReportInputs {
  records: Record<ReportTable, StoredRecord[]>
  units: ReportUnit[]
  bundles: Record<string, string>
}

/**
 * Reads the report inputs in ONE read transaction, so the figures, the rev ranges and the input hash all describe
 * the same snapshot even while someone else is writing. Read-only; nothing here writes.
 */
export async function reportInputs(db: JiuzhuDb): Promise<ReportInputs> {
  return db.transaction('r', [...reportTables, 'units', 'exchange'], async () => {
    const lists = await Promise.all(reportTables.map((t) => db.table<StoredRecord, string>(t).toArray()))
    const records = Object.fromEntries(reportTables.map((t, i) => [t, lists[i]])) as Record<ReportTable, StoredRecord[]>
    const units: ReportUnit[] = (await db.units.toArray()).map((u) => ({
      code: u.code,
      name: u.name,
      ...(u.shortName ? { shortName: u.shortName } : {}),
      level: u.level,
      ...(u.parentCode ? { parentCode: u.parentCode } : {}),
    }))
    const origins = (await db.exchange
      .where('key')
      .between(EX.origin(''), `${EX.origin('')}\uffff`, true, true)
      .toArray()) as unknown as OriginRow[]
    const bundles: Record<string, string> = {}
    for (const o of origins) if (o.unitCode && o.lastBundleId) bundles[o.unitCode] = o.lastBundleId
    return { records, units, bundles }
  })
}
