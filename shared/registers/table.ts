import { maskNumber } from '../domain/masking'
import { formatYuan } from '../domain/money'
import type { CellValue, TableModel } from '../report/tableModel'
import type { RegisterColumn, RegisterDefinition, RegisterFilter, RegisterRow } from './types'

/** Totals of a view (pure): the sum of every 'sum' column, in 分, and the row count. */
export function registerTotals(
  def: RegisterDefinition,
  rows: readonly RegisterRow[],
): { count: number; sums: Record<string, number> } {
  const keys = def.columns.filter((c) => c.total === 'sum').map((c) => c.key)
  const sums: Record<string, number> = Object.fromEntries(keys.map((k) => [k, 0]))
  for (const r of rows) {
    for (const k of keys) {
      const v = r.cells[k]
      if (typeof v === 'number') sums[k] += v
    }
  }
  return { count: rows.length, sums }
}

export interface SortKey {
  id: string
  desc: boolean
}

const collator = new Intl.Collator('zh-Hans-CN')
const ASCII = /^[\x20-\x7e]*$/

/** Compares two cells: numbers numerically, text in Chinese collation, empty last. */
export function compareCells(a: CellValue | undefined, b: CellValue | undefined): number {
  const ea = a === null || a === undefined || a === ''
  const eb = b === null || b === undefined || b === ''
  if (ea || eb) return ea === eb ? 0 : ea ? 1 : -1
  if (typeof a === 'number' && typeof b === 'number') return a - b
  const x = String(a)
  const y = String(b)
  // dates and codes compare as plain strings (fast); Chinese text in Chinese collation
  if (ASCII.test(x) && ASCII.test(y)) return x < y ? -1 : x > y ? 1 : 0
  return collator.compare(x, y)
}

/** The view's order (pure; the screen sorts with react-table, which uses the same comparison). */
export function sortRows(rows: readonly RegisterRow[], sort: readonly SortKey[]): RegisterRow[] {
  if (sort.length === 0) return [...rows]
  return [...rows].sort((x, y) => {
    for (const s of sort) {
      const c = compareCells(x.cells[s.id], y.cells[s.id])
      if (c !== 0) return s.desc ? -c : c
    }
    return 0
  })
}

/** The printed description of the view's filters, for the export's footnotes and provenance. */
export function describeFilter(
  def: RegisterDefinition,
  filter: RegisterFilter,
  labels: { units?: (codes: readonly string[]) => string; category?: (c: string) => string } & Partial<
    Record<'origin' | 'group' | 'source', (c: string) => string>
  > = {},
): string[] {
  const out: string[] = []
  if (filter.from || filter.to) out.push(`${def.dateLabel}：${filter.from ?? '最早'} 至 ${filter.to ?? '最近'}`)
  if (filter.units?.length) out.push(`单位：${labels.units ? labels.units(filter.units) : filter.units.join('、')}`)
  const list = (title: string, codes: readonly string[] | undefined, name: (c: string) => string = (c) => c) => {
    if (codes?.length) out.push(`${title}：${codes.map(name).join('、')}`)
  }
  list(def.stateLabel, filter.states, (c) => def.states[c] ?? c)
  list('救助情形', filter.categories, labels.category)
  list('移送部门', filter.origins, labels.origin)
  list('重点群体', filter.groups, labels.group)
  list('资金来源', filter.sources, labels.source)
  if (filter.search?.trim()) out.push(`检索：${filter.search.trim()}`)
  return out
}

export interface ExportMeta {
  unitName: string
  periodLabel: string
  generatedAt: string
  generatedBy: string
  filterLines: readonly string[]
  /** ID numbers whole (a role that needs them ticked it; docs/security.md §7); otherwise masked. */
  fullNumbers?: boolean
}

/** A cell of a register as shown or exported: personal numbers masked unless `full`. */
export function registerCell(column: RegisterColumn, value: CellValue | undefined, full: boolean): CellValue {
  if (value === undefined) return null
  if (column.sensitive && !full && typeof value === 'string') return maskNumber(column.sensitive, value)
  return value
}

/** A filter line without a whole ID number typed into 检索 (an export with masked numbers keeps it masked). */
export function maskedFilterLine(line: string): string {
  return line.replace(/[0-9Xx]{8,}/g, (n) => maskNumber('idNumber', n))
}

/**
 * Exactly the current view as the generic table model (excel:exportTable): the visible columns in their order,
 * the rows in the view's order with a 序号, and a bold 合计 row with the view's totals.
 */
export function registerTableModel(
  def: RegisterDefinition,
  columns: readonly RegisterColumn[],
  rows: readonly RegisterRow[],
  meta: ExportMeta,
): TableModel {
  const full = meta.fullNumbers === true
  const filterLines = full ? meta.filterLines : meta.filterLines.map(maskedFilterLine)
  const body: CellValue[][] = new Array(rows.length + 1)
  for (let i = 0; i < rows.length; i++) {
    const cells = rows[i].cells
    const line: CellValue[] = new Array(columns.length + 1)
    line[0] = i + 1
    for (let c = 0; c < columns.length; c++) line[c + 1] = registerCell(columns[c], cells[columns[c].key], full)
    body[i] = line
  }
  const totals = registerTotals(def, rows)
  body[rows.length] = [
    null,
    ...columns.map((c, i) =>
      i === 0 ? `合计（${rows.length} 条）` : c.total === 'sum' ? (totals.sums[c.key] ?? 0) : null,
    ),
  ]
  const sumLine = columns
    .filter((c) => c.total === 'sum')
    .map((c) => `${c.title} ${formatYuan(totals.sums[c.key] ?? 0)} 元`)
    .join('，')
  return {
    title: def.title,
    unitName: meta.unitName,
    periodLabel: meta.periodLabel,
    sheetName: def.title.slice(0, 31),
    unitsNote: '金额单位：元',
    headerRows: [[{ label: '序号' }, ...columns.map((c) => ({ label: c.title }))]],
    columns: [
      { key: 'seq', kind: 'integer', width: 7 },
      ...columns.map((c) => ({ key: c.key, kind: c.kind, ...(c.width ? { width: c.width } : {}) })),
    ],
    rows: body,
    rowStyles: { [String(rows.length)]: 'total' },
    footnotes: [
      def.scope,
      `共 ${rows.length} 条。${sumLine ? `合计：${sumLine}。` : ''}`,
      ...(filterLines.length ? [`筛选条件：${filterLines.join('；')}`] : []),
    ],
    provenance: [
      `导出时间：${meta.generatedAt}`,
      `导出人：${meta.generatedBy}`,
      `台账：${def.title}（${rows.length} 条，按屏幕上的排序、筛选和列选择导出）`,
      ...filterLines.map((l) => `筛选条件：${l}`),
      full ? '证件号码：完整号码（导出人按职责选择，已记入审计日志）' : '证件号码：已遮蔽（个人信息最少必要）',
    ],
    // 序号 and the key columns the screen keeps at the left (they come first in the screen's column order)
    frozenColumns: 1 + leadingFrozen(def, columns),
  }
}

/** How many of the leading columns are the register's frozen key columns (the screen puts them first). */
export function leadingFrozen(def: RegisterDefinition, columns: readonly RegisterColumn[]): number {
  let n = 0
  while (n < columns.length && def.frozen.includes(columns[n].key)) n++
  return n
}
