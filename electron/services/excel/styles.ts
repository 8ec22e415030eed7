import type ExcelJS from 'exceljs'
import type { CellKind, RowStyle } from '../../../shared/report/tableModel'
import { CHANGE_FORMAT } from '../../../shared/report/yoy'

/**
 * Cell styles of the official-looking sheet. Every data cell gets one of a few *shared* style objects: exceljs's
 * style registry caches style ids per object identity (a WeakMap), so sharing makes a styled streaming write cost
 * about the same as an unstyled one (per-cell style objects cost ~3.5×, see docs/performance-floors.md §2a).
 */

export const FEN_FORMAT = '#,##0.00'
export const INTEGER_FORMAT = '0'
export const PERCENT_FORMAT = '0.0%'
export const DECIMAL_FORMAT = '0.0'

const thin = { style: 'thin' as const }
export const border: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin }

export const BODY_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10 }
export const BOLD_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10, bold: true }
export const HEADER_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 10, bold: true }
export const TITLE_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 16, bold: true }
export const META_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10 }

export const HEADER_STYLE: Partial<ExcelJS.Style> = {
  border,
  font: HEADER_FONT,
  alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
}

export function numFmtOf(kind: CellKind): string | undefined {
  switch (kind) {
    case 'fen':
      return FEN_FORMAT
    case 'integer':
      return INTEGER_FORMAT
    case 'percent':
      return PERCENT_FORMAT
    case 'decimal':
      return DECIMAL_FORMAT
    case 'change':
      return CHANGE_FORMAT
    default:
      return undefined
  }
}

type Variant = 'plain' | 'bold' | 'section'

/** Shared style objects per column: [variant][column], plus the centred variant for '—' in numeric columns. */
export class ColumnStyles {
  private readonly byVariant: Record<Variant, Partial<ExcelJS.Style>[]>
  private readonly dash: Record<Variant, Partial<ExcelJS.Style>>

  constructor(kinds: readonly CellKind[]) {
    const make = (kind: CellKind, bold: boolean): Partial<ExcelJS.Style> => {
      const numFmt = numFmtOf(kind)
      const numeric = numFmt !== undefined
      return {
        border,
        font: bold ? BOLD_FONT : BODY_FONT,
        alignment: {
          vertical: 'middle',
          horizontal: numeric ? 'right' : kind === 'date' ? 'center' : 'left',
          wrapText: !numeric,
          // text would otherwise touch the cell's left border in print
          ...(numeric || kind === 'date' ? {} : { indent: 1 }),
        },
        ...(numFmt ? { numFmt } : {}),
      }
    }
    this.byVariant = {
      plain: kinds.map((k) => make(k, false)),
      bold: kinds.map((k) => make(k, true)),
      section: kinds.map((k) => make(k, true)),
    }
    const dash = (bold: boolean): Partial<ExcelJS.Style> => ({
      border,
      font: bold ? BOLD_FONT : BODY_FONT,
      alignment: { vertical: 'middle', horizontal: 'center' },
    })
    this.dash = { plain: dash(false), bold: dash(true), section: dash(true) }
  }

  /** The shared style of a data cell. */
  of(col: number, rowStyle: RowStyle | undefined, isText: boolean): Partial<ExcelJS.Style> {
    const variant: Variant = rowStyle === undefined ? 'plain' : rowStyle === 'section' ? 'section' : 'bold'
    return isText && this.byVariant[variant][col].numFmt !== undefined
      ? this.dash[variant]
      : this.byVariant[variant][col]
  }
}

/**
 * Approximate width of a text in Excel character units at 10 pt: CJK and full-width characters ≈ 1.7, others ≈ 1
 * (Excel's unit is the width of '0' in the 11-pt default font). Used to size rows of wrapped text, since neither
 * Excel nor LibreOffice grows a row with an explicit layout on its own for merged cells.
 */
export function displayWidth(text: string): number {
  let w = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    // a character outside the BMP is two UTF-16 units: count its high surrogate (≥ 0x2e80) once, skip the low one
    if (code >= 0xdc00 && code <= 0xdfff) continue
    w += code >= 0x2e80 || (code >= 0xff00 && code <= 0xffef) ? 1.7 : 1
  }
  return w
}

/** Lines a text needs in a cell `width` characters wide (wrapping), at least 1. */
export function linesNeeded(text: string, width: number): number {
  const perLine = Math.max(1, width - 1)
  if (text.indexOf('\n') < 0) return Math.max(1, Math.ceil(displayWidth(text) / perLine))
  let lines = 0
  for (const part of text.split('\n')) lines += Math.max(1, Math.ceil(displayWidth(part) / perLine))
  return Math.max(1, lines)
}
