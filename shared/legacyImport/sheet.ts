/**
 * A spreadsheet as the main process reads it for 历史台账导入 (docs/legacy-import.md): per sheet, the cells as they
 * are stored — text as text, numbers as numbers (never formatted: an ID number stored as a number must be seen as
 * one), typed dates already as `YYYY-MM-DD` — the merged ranges, and where formulas are.
 */
export type LegacyCell = string | number | null

/** A merged range, 0-based and inclusive: [top, left, bottom, right]. */
export type MergeRange = [number, number, number, number]

export interface LegacySheet {
  name: string
  rows: LegacyCell[][]
  merges: MergeRange[]
  /** Cells holding a formula, 0-based [row, column], with the formula's text. */
  formulas: { r: number; c: number; f: string }[]
  /** The workbook counts days from 1904-01-01 (old Mac Excel) rather than 1900. */
  date1904: boolean
}

export interface LegacyWorkbook {
  fileName: string
  sha256: string
  format: 'xlsx' | 'xls' | 'et' | 'csv'
  /** For CSV: the text encoding found (UTF-8 with or without BOM, GB18030/GBK). */
  encoding?: 'utf-8' | 'gb18030' | 'utf-16le'
  sheets: LegacySheet[]
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(c: number): string {
  let s = ''
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

/** The text of a cell as a user sees it (numbers in full, never in E-notation where exact). */
export function cellText(cell: LegacyCell | undefined): string {
  if (cell === null || cell === undefined) return ''
  if (typeof cell === 'number') return Number.isInteger(cell) ? BigInt(Math.trunc(cell)).toString() : String(cell)
  return cell
}

export function isBlank(cell: LegacyCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '')
}
