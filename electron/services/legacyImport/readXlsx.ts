import ExcelJS from 'exceljs'
import { CodedError } from '../../../shared/errors/coded'
import type { LegacyReadLimits } from '../../../shared/legacyImport/limits'
import type { LegacyCell, LegacySheet, MergeRange } from '../../../shared/legacyImport/sheet'
import { guardWorkbookZip } from './zipGuard'

/**
 * An .xlsx register read with exceljs after the zip guard: each sheet's cells as stored (numbers stay numbers, typed
 * dates become `YYYY-MM-DD`, rich text its plain text, a formula its cached result plus its place in `formulas`),
 * its merged ranges and the workbook's date system. Sheets beyond the row, column or cell caps are refused whole.
 */
export async function readXlsx(bytes: Uint8Array, limits: LegacyReadLimits): Promise<LegacySheet[]> {
  guardWorkbookZip(bytes, limits)
  const wb = new ExcelJS.Workbook()
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer)
  } catch (e) {
    throw new CodedError('legacy.file-damaged', { detail: e instanceof Error ? e.message.slice(0, 200) : '未知原因' })
  }
  const date1904 = !!(wb.properties as { date1904?: boolean }).date1904
  const sheets: LegacySheet[] = []
  wb.eachSheet((ws) => {
    const rowCount = ws.actualRowCount === 0 ? 0 : ws.rowCount
    const colCount = ws.columnCount
    if (rowCount > limits.maxRows || colCount > limits.maxColumns || rowCount * colCount > limits.maxCells) {
      throw new CodedError('legacy.too-many-rows', { sheet: ws.name, max: limits.maxRows, maxCells: limits.maxCells })
    }
    const rows: LegacyCell[][] = Array.from({ length: rowCount }, () => [])
    const formulas: LegacySheet['formulas'] = []
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const out = rows[rowNumber - 1]
      row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
        const v = cell.value as unknown
        if (v && typeof v === 'object' && ('formula' in v || 'sharedFormula' in v)) {
          const f = v as { formula?: string; sharedFormula?: string; result?: unknown }
          formulas.push({ r: rowNumber - 1, c: colNumber - 1, f: f.formula ?? f.sharedFormula ?? '' })
          out[colNumber - 1] = plain(f.result)
        } else out[colNumber - 1] = plain(v)
      })
      for (let c = 0; c < out.length; c++) if (out[c] === undefined) out[c] = null
    })
    const merges = mergesOf(ws)
    // exceljs repeats a merged range's value in every cell of it; the register has it once, in the top-left cell
    for (const [t, l, b, r] of merges) {
      for (let i = t; i <= b && i < rows.length; i++) {
        for (let j = l; j <= r; j++) if ((i !== t || j !== l) && j < rows[i].length) rows[i][j] = null
      }
    }
    sheets.push({ name: ws.name, rows, merges, formulas, date1904 })
  })
  return sheets
}

function plain(v: unknown): LegacyCell {
  if (v === null || v === undefined) return null
  if (typeof v === 'number') return Number.isFinite(v) ? v : null
  if (typeof v === 'string') return v
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10)
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; error?: string }
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('')
    if (typeof o.text === 'string') return o.text
    if (typeof o.error === 'string') return o.error
  }
  return String(v)
}

function mergesOf(ws: ExcelJS.Worksheet): MergeRange[] {
  const ranges = ((ws.model as { merges?: string[] }).merges ?? []) as string[]
  return ranges.map(parseRange).filter((m): m is MergeRange => m !== null)
}

function parseRange(ref: string): MergeRange | null {
  const m = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(ref)
  if (!m) return null
  return [Number(m[2]) - 1, colIndex(m[1]), Number(m[4]) - 1, colIndex(m[3])]
}

function colIndex(letters: string): number {
  let n = 0
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64)
  return n - 1
}
