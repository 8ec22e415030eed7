/**
 * Seeded, deterministic synthetic data for 司法救助工作台 (issue 4 "data at three sizes"; docs/data-generator.md):
 * the office hierarchy and, per office, persons, clues, cases driven through the workflow state machine, money
 * ledger, donations, referrals (多元救助), follow-ups and received materials. Pure: no DOM, Node, Dexie or
 * Math.random; the same options give the same records byte for byte in Node, in the renderer and in the CLI.
 *
 * - `generateDemoOffice` — the demo office's records in memory, for 系统设置 → 载入演示数据.
 * - `buildHierarchy` + `generateOffices` — any size, one office at a time (bounded memory), for the CLI.
 */
import type { WageEntry } from '../domain/rulesets'
import type { Unit } from '../domain/schemas'
import { buildHierarchy, type DemoOfficeOverride, type GenerateOptions, type Hierarchy } from './hierarchy'
import { generateOffice, type OfficeData, type OfficeOptions } from './office'

export {
  apportion,
  buildHierarchy,
  DEFAULT_AS_OF,
  type DemoOfficeOverride,
  type DuplicatePlan,
  FIRST_RULES_DATE,
  type GenerateOptions,
  type GenerateSize,
  generateSizes,
  type Hierarchy,
  type OfficeSpec,
  resolveOptions,
  sizeDefaults,
} from './hierarchy'
export {
  type DataTable,
  dataTables,
  generateOffice,
  type OfficeData,
  type OfficeOptions,
  type OfficeRecords,
  type PlantedDuplicate,
  type StaffMember,
} from './office'
export { PROVINCES, type Province, WAGE_SOURCE } from './regions'
export {
  addSummaries,
  emptySummaries,
  type FundBalance,
  ledgerBalances,
  recordAmountFen,
  stateCounts,
  summarizeTables,
  type TableSummary,
} from './summary'

/** Every office of a data set, one at a time, in hierarchy order (each office's records are independent). */
export function* generateOffices(hierarchy: Hierarchy, options: OfficeOptions = {}): Generator<OfficeData> {
  for (const spec of hierarchy.offices) yield generateOffice(hierarchy, spec, options)
}

export interface DemoOptions {
  seed?: number | string
  /** The demo's "today"; the app passes today's date so deadlines and open cases look current. */
  asOf?: string
  /** Cases (default 300 over 3 years). */
  cases?: number
  /** Generate for the signed-in office (its code, names and region), so the records are that office's own. */
  office?: DemoOfficeOverride
}

/** The demo office's data set, ready for the record store's bulk load (renderer/src/db/commands/bulkLoad.ts). */
export interface DemoData extends OfficeData {
  /** The demo office and its parents (city, province, 最高人民检察院 as directory entries). */
  units: Unit[]
  /** The synthetic wage table the amounts were computed with (province level, by year). */
  wageTable: WageEntry[]
  seed: string
  asOf: string
}

/**
 * 载入演示数据: one 基层院 with ~300 cases over 3 years, every workflow state present, in memory. Records carry
 * their ids, `ownerUnit`, `rev` (1…maxRev in order of change) and stamps; the bulk load may restamp `rev` and times.
 * Load the tables in `dataTables` order. Takes well under a second.
 */
export function generateDemoOffice(options: DemoOptions = {}): DemoData {
  const o: GenerateOptions = {
    size: 'demo',
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.asOf ? { asOf: options.asOf } : {}),
    ...(options.cases !== undefined ? { cases: options.cases } : {}),
    ...(options.office ? { office: options.office } : {}),
  }
  const h = buildHierarchy(o)
  const data = generateOffice(h, h.offices[0]!)
  return { ...data, units: h.units, wageTable: h.wageTable, seed: h.seed, asOf: h.asOf }
}
