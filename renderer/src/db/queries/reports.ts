import type { HolidayCalendar } from '@shared/domain/calendar'
import type { RuleSet } from '@shared/domain/rulesets'
import type { LegacyImportNote } from '@shared/report/definitions/common'
import type { RecordSource } from '@shared/report/source'
import type { ReportUnit } from '@shared/report/units'
import { officeRulesContext } from '../commands/caseRules'
import type { JiuzhuDb, StoredRecord } from '../database'
import { EX, type OriginRow } from '../exchange'
import { listLegacyImports } from './legacyImport'
import { pagesOf } from './pages'

/** The tables the report definitions read (docs/reports.md §1). */
export const reportTables = ['cases', 'persons', 'clues', 'referrals', 'followUps', 'ledger', 'donations'] as const
export type ReportTable = (typeof reportTables)[number]

/** Records per read: a page is one bounded IndexedDB read, so memory holds a page, not the table (10,000 read
 * faster than 2,000 in the scale check of docs/reports.md §14). */
const PAGE = 10000

/**
 * Everything a report needs from the record store: the records of every office held here (this office's own and
 * the imported replicas of its subordinates — the definitions decide what is in scope by `ownerUnit`), the unit
 * directory for the roll-up, and per origin office the exchange bundle its replicas last came from (provenance
 * "up to rev M, bundle K").
 */
export interface ReportInputs {
  /** Per table, a source the definitions read once per report: pages in primary-key order. */
  records: Record<ReportTable, RecordSource<StoredRecord>>
  units: ReportUnit[]
  bundles: Record<string, string>
  /**
   * The standards this office holds (docs/exchange.md §一.7): rule sets sent down (object categories) and the holiday
   * calendar (working days of the time limits); absent → the built-in ones.
   */
  ruleSets?: readonly RuleSet[]
  calendar?: HolidayCalendar
  /** 历史台账导入 in effect (not withdrawn): the provenance names each file and its hash (docs/legacy-import.md). */
  imports?: readonly LegacyImportNote[]
}

/**
 * The report inputs of office `unitCode`. The directory, the bundle ids and the standards in force (the same
 * `officeRulesContext` the case page and the deadline board use) are read at once (small); the records are read when a
 * definition walks them, a page at a time, so a 省级院 holding hundreds of thousands of replicas does not load them
 * all into memory. Each record's rev is tallied as it is read, so the provenance and the input hash describe exactly
 * the versions the figures came from. Read-only; nothing here writes.
 */
export async function reportInputs(db: JiuzhuDb, unitCode: string, pageSize = PAGE): Promise<ReportInputs> {
  const records = Object.fromEntries(
    reportTables.map((t) => [t, pagesOf(db, t, pageSize)]),
  ) as unknown as ReportInputs['records']
  const rules = await officeRulesContext(db, unitCode)
  const standards = {
    ...(rules.ruleSets ? { ruleSets: rules.ruleSets } : {}),
    ...(rules.calendar ? { calendar: rules.calendar } : {}),
  }
  const imports = (await listLegacyImports(db))
    .filter((r) => !r.withdrawn)
    .map((r) => ({ fileName: r.fileName, sha256: r.fileSha256, caseCount: r.caseCount, at: r.at }))
  return db.transaction('r', ['units', 'exchange'], async () => {
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
    return { records, units, bundles, ...standards, ...(imports.length ? { imports } : {}) }
  })
}

/**
 * A cheap marker that changes whenever the report inputs may have changed: this office's change counter (every
 * own write takes the next rev), the high-water rev of each origin office's imported replicas, and the row count of
 * each report table. The 工作台 charts recompute when it changes (as a live query it re-runs on any write).
 */
export async function reportInputsVersion(db: JiuzhuDb): Promise<string> {
  return db.transaction('r', [...reportTables, 'counters', 'exchange'], async () => {
    const rev = (await db.counters.get('rev'))?.value ?? 0
    const origins = (await db.exchange
      .where('key')
      .between(EX.origin(''), `${EX.origin('')}\uffff`, true, true)
      .toArray()) as unknown as OriginRow[]
    const counts = await Promise.all(reportTables.map((t) => db.table(t).count()))
    return JSON.stringify([rev, origins.map((o) => [o.unitCode, o.highWaterRev]), counts])
  })
}
