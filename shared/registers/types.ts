import type { SensitiveField } from '../domain/masking'
import type { CellKind, CellValue } from '../report/tableModel'

/** The eight registers (台账) of issue 7, in the order of the 台账 screen. */
export const registerIds = [
  'clues',
  'applications',
  'decisions',
  'payments',
  'ledger',
  'donations',
  'recoveries',
  'followUps',
] as const
export type RegisterId = (typeof registerIds)[number]

/**
 * One register row, derived from records by the register's definition (rows.ts). `cells` hold the printed values
 * keyed by column — money as integer 分 (formatted at the edge: the screen and the Excel writer) — and the other
 * fields hold what the filters and search look at, as codes, so no filter compares Chinese labels.
 */
export interface RegisterRow {
  /** Unique within the register (record id, or record id + sub-record index). */
  key: string
  /** The case to open on click-through (#/cases/<id>), when the row belongs to one. */
  caseId?: string
  /** The office that owns the record (own office or a subordinate's replica). */
  ownerUnit: string
  /** The register's date (filter by period, default sort, newest first); '' when the record has none. */
  date: string
  /** The register's state code (clue status, case state, decision outcome, ledger kind …). */
  state: string
  /** 救助情形 item code of the case, when known. */
  category?: string
  /** Origin department code (which department referred the clue), when known. */
  origin?: string
  /** Fund source codes (a ledger entry's source; the sources that paid a case's shares). */
  sources?: readonly string[]
  /** Priority groups of the parties (申请人 and 被害人). */
  groups: readonly string[]
  /** Upper-case haystack for search: names, ID numbers, case numbers, document numbers. */
  search: string
  cells: Record<string, CellValue>
}

export interface RegisterColumn {
  key: string
  title: string
  kind: CellKind
  /** Width in characters (screen and Excel). */
  width?: number
  /** How the totals row fills this column. */
  total?: 'sum' | 'count'
  /** Hidden until the user shows it in the column chooser. */
  hidden?: boolean
  /** A personal number: masked on screen, and in exports unless the user may and does choose whole numbers. */
  sensitive?: SensitiveField
}

/** The filters a register offers beyond period, office and search. */
export type FilterKey = 'state' | 'category' | 'origin' | 'group' | 'source'

export interface RegisterDefinition {
  id: RegisterId
  title: string
  /** The label of the register's date (the period filter applies to it). */
  dateLabel: string
  /** Label of the state filter and its closed list (code → label). */
  stateLabel: string
  states: Readonly<Record<string, string>>
  filters: readonly FilterKey[]
  columns: readonly RegisterColumn[]
  /** One line on what the register lists, shown under its title and printed as a footnote. */
  scope: string
  /**
   * The key columns kept at the left while the rest scroll sideways (案件编号 and 申请人 on a case register): on the
   * screen they come first and stay put, and the exported sheet freezes them (with 序号) the same way.
   */
  frozen: readonly string[]
}

/** What the user narrowed the view to. Every list is "any of"; empty or absent means no restriction. */
export interface RegisterFilter {
  from?: string
  to?: string
  states?: readonly string[]
  categories?: readonly string[]
  origins?: readonly string[]
  groups?: readonly string[]
  sources?: readonly string[]
  /** Offices whose records to show (own office and/or subordinate replicas); absent = all held. */
  units?: readonly string[]
  search?: string
}

/** A named, saved view of one register for one user (column choice, sort and filters). */
export interface SavedView {
  name: string
  register: RegisterId
  hidden: readonly string[]
  sort: readonly { id: string; desc: boolean }[]
  filter: RegisterFilter
  /** The chosen office and whether its subordinates' replicas are included. */
  office?: { unit: string; subordinates: boolean }
}
