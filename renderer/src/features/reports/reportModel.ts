import { formatYuan } from '@shared/domain/money'
import { type Period, type PeriodSpec, periodOf } from '@shared/report/period'
import type { CellKind, CellValue, HeaderCell, TableModel, TableModelParsed } from '@shared/report/tableModel'
import { formatChange } from '@shared/report/yoy'

/**
 * Pure helpers of the 统计报表 screen: the period picker's state → a statistical period (shared/report/period.ts),
 * the table model's HTML-style header rows → nested preview columns, and how a cell is shown on screen (the same
 * formats the Excel writer uses: 元 with two decimals, integers, 0.0%, one decimal).
 */

export type PeriodKind = PeriodSpec['kind']

export const periodKindLabels: Record<PeriodKind, string> = {
  year: '年度',
  half: '半年度',
  quarter: '季度',
  month: '月度',
  range: '自定义',
}

/** What the period picker holds; only the fields of the chosen kind are read. */
export interface PeriodChoice {
  kind: PeriodKind
  year: number
  half: 1 | 2
  quarter: 1 | 2 | 3 | 4
  month: number
  /** Custom range, 'YYYY-MM-DD'. */
  from?: string
  to?: string
}

/** The picker's first state: this year, with this half, quarter and month preselected. */
export function defaultPeriodChoice(today: string): PeriodChoice {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  return {
    kind: 'year',
    year,
    half: month <= 6 ? 1 : 2,
    quarter: Math.ceil(month / 3) as 1 | 2 | 3 | 4,
    month,
  }
}

/**
 * The period of a choice. Throws RangeError (with a Chinese message from period.ts, or one of its own) when the
 * custom range is incomplete or reversed.
 */
export function periodFromChoice(c: PeriodChoice): Period {
  switch (c.kind) {
    case 'year':
      return periodOf({ kind: 'year', year: c.year })
    case 'half':
      return periodOf({ kind: 'half', year: c.year, half: c.half })
    case 'quarter':
      return periodOf({ kind: 'quarter', year: c.year, quarter: c.quarter })
    case 'month':
      return periodOf({ kind: 'month', year: c.year, month: c.month })
    case 'range':
      if (!c.from || !c.to) throw new RangeError('请选择自定义统计期间的起止日期')
      return periodOf({ kind: 'range', from: c.from, to: c.to })
  }
}

/** A preview column: a header group with children, or a leaf showing column `index` of the rows. */
export interface PreviewColumn {
  key: string
  title: string
  children?: PreviewColumn[]
  index?: number
}

/**
 * Turns the model's header rows into nested columns. Cells are placed as in an HTML table (left to right, skipping
 * positions covered by a rowSpan from above); a cell's children are the cells placed directly below it within its
 * columns. A cell reaching the last header row is a leaf and must span one column.
 */
export function previewColumns(table: Pick<TableModel, 'headerRows' | 'columns'>): PreviewColumn[] {
  const rows = table.headerRows
  const nRows = rows.length
  const nCols = table.columns.length
  interface Placed {
    row: number
    col: number
    colSpan: number
    rowSpan: number
    label: string
  }
  const placed: Placed[] = []
  const covered: boolean[][] = rows.map(() => new Array<boolean>(nCols).fill(false))
  rows.forEach((cells: readonly HeaderCell[] | readonly Partial<HeaderCell>[], r) => {
    let col = 0
    for (const cell of cells) {
      while (col < nCols && covered[r][col]) col++
      const colSpan = cell.colSpan ?? 1
      const rowSpan = Math.min(cell.rowSpan ?? 1, nRows - r)
      if (col + colSpan > nCols) throw new RangeError(`表头第 ${r + 1} 行超出列数`)
      placed.push({ row: r, col, colSpan, rowSpan, label: cell.label ?? '' })
      for (let rr = r; rr < r + rowSpan; rr++) for (let cc = col; cc < col + colSpan; cc++) covered[rr][cc] = true
      col += colSpan
    }
  })
  const build = (row: number, from: number, to: number): PreviewColumn[] =>
    placed
      .filter((p) => p.row === row && p.col >= from && p.col + p.colSpan <= to)
      .sort((a, b) => a.col - b.col)
      .map((p) => {
        const key = `h${p.row}-${p.col}`
        if (p.row + p.rowSpan >= nRows) {
          if (p.colSpan !== 1) throw new RangeError(`表头“${p.label}”跨多列却没有下级表头`)
          return { key, title: p.label, index: p.col }
        }
        return { key, title: p.label, children: build(p.row + p.rowSpan, p.col, p.col + p.colSpan) }
      })
  const out = build(0, 0, nCols)
  const leaves = new Set<number>()
  const walk = (cols: PreviewColumn[]) => {
    for (const c of cols)
      if (c.children) walk(c.children)
      else leaves.add(c.index as number)
  }
  walk(out)
  if (leaves.size !== nCols) throw new RangeError('表头与列数不一致')
  return out
}

/** A cell as shown on screen: the same number formats as the Excel writer; '—' and text as they are. */
export function formatCell(kind: CellKind, value: CellValue | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  switch (kind) {
    case 'fen':
      return formatYuan(Math.round(value))
    case 'percent':
      return `${(value * 100).toFixed(1)}%`
    case 'decimal':
      return value.toFixed(1)
    case 'change':
      return formatChange(value)
    case 'integer':
      return String(Math.round(value))
    default:
      return String(value)
  }
}

/** Numbers are right-aligned, the '—' of a cell that does not apply is centred, text is left-aligned. */
export function cellAlign(kind: CellKind, value: CellValue | undefined): 'left' | 'right' | 'center' {
  if (value === '—') return 'center'
  if (kind === 'text' || kind === 'date') return 'left'
  return typeof value === 'number' ? 'right' : 'left'
}

/** The export file name: report title and period name, then the time of export (no characters a file may not use). */
export function exportFileName(table: Pick<TableModelParsed, 'title'>, period: Period, stamp: string): string {
  const clean = (s: string) => s.replace(/[^\p{Script=Han}A-Za-z0-9 _\-.（）()〔〕]/gu, '')
  return `${clean(table.title)}-${clean(period.name)}-${stamp}`.slice(0, 120)
}
