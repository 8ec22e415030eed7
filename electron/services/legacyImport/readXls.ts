import { read, type WorkSheet } from '@e965/xlsx'
import { CodedError } from '../../../shared/errors/coded'
import type { LegacyReadLimits } from '../../../shared/legacyImport/limits'
import type { LegacyCell, LegacySheet, MergeRange } from '../../../shared/legacyImport/sheet'

/**
 * An .xls (BIFF, Excel 97–2003) or WPS .et register read with SheetJS 0.20.3 (`@e965/xlsx`, the Apache-2.0 republish
 * on npm; README “依赖及选择理由”): in the main process only, the whole file already under the byte cap, at most
 * `maxRows` rows a sheet read (`sheetRows`), no dates converted (serials stay numbers, as in .xlsx), formulas kept so
 * that a formula cell is flagged. Sheets over the column or cell caps are refused whole.
 */
export function readXls(bytes: Uint8Array, limits: LegacyReadLimits): LegacySheet[] {
  let wb: ReturnType<typeof read>
  try {
    wb = read(bytes, {
      type: 'buffer',
      dense: true,
      cellDates: false,
      cellFormula: true,
      cellHTML: false,
      cellStyles: false,
      sheetRows: limits.maxRows + 1,
    })
  } catch (e) {
    throw new CodedError('legacy.file-damaged', { detail: e instanceof Error ? e.message.slice(0, 200) : '未知原因' })
  }
  const date1904 = !!wb.Workbook?.WBProps?.date1904
  return wb.SheetNames.map((name) => sheetOf(name, wb.Sheets[name], date1904, limits))
}

type DenseCell = { t?: string; v?: unknown; f?: string; w?: string }

function sheetOf(name: string, ws: WorkSheet, date1904: boolean, limits: LegacyReadLimits): LegacySheet {
  const data = ((ws as unknown as { '!data'?: (DenseCell[] | undefined)[] })['!data'] ?? []) as (
    | DenseCell[]
    | undefined
  )[]
  const width = Math.max(0, ...data.map((r) => r?.length ?? 0))
  if (data.length > limits.maxRows || width > limits.maxColumns || data.length * width > limits.maxCells) {
    throw new CodedError('legacy.too-many-rows', { sheet: name, max: limits.maxRows, maxCells: limits.maxCells })
  }
  const formulas: LegacySheet['formulas'] = []
  const rows: LegacyCell[][] = data.map((row, r) =>
    Array.from({ length: row?.length ?? 0 }, (_, c) => {
      const cell = row?.[c]
      if (!cell) return null
      if (cell.f) formulas.push({ r, c, f: cell.f })
      if (cell.t === 'n' && typeof cell.v === 'number') return Number.isFinite(cell.v) ? cell.v : null
      if (cell.t === 's' && typeof cell.v === 'string') return cell.v
      if (cell.t === 'b') return cell.v ? '是' : '否'
      if (cell.t === 'e') return cell.w ?? '#错误'
      return cell.v === undefined || cell.v === null ? null : String(cell.v)
    }),
  )
  const merges: MergeRange[] = (
    (ws['!merges'] ?? []) as { s: { r: number; c: number }; e: { r: number; c: number } }[]
  ).map((m) => [m.s.r, m.s.c, m.e.r, m.e.c])
  return { name, rows, merges, formulas, date1904 }
}
