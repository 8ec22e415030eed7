import ExcelJS from 'exceljs'

/** Reading back what the writer wrote, the way a user's spreadsheet would see it. */

export async function readWorkbook(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb
}

export type Value = string | number | null

export function cellValue(cell: ExcelJS.Cell): Value {
  const v = cell.value
  if (v === null || v === undefined) return null
  if (typeof v === 'number' || typeof v === 'string') return v
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((t) => t.text).join('')
  return String(v)
}

/** The body rows: from the first row under the header down to the last row before the footnotes. */
export function bodyRows(ws: ExcelJS.Worksheet, headerRows: number, width: number): Value[][] {
  const rows: Value[][] = []
  for (let r = 4 + headerRows; r <= ws.rowCount; r++) {
    const first = cellValue(ws.getCell(r, 1))
    if (typeof first === 'string' && first.startsWith('注：')) break
    if (first === null && cellValue(ws.getCell(r, 2)) === null) break
    const row: Value[] = []
    for (let c = 1; c <= width; c++) row.push(cellValue(ws.getCell(r, c)))
    rows.push(row)
  }
  return rows
}

export function footnotes(ws: ExcelJS.Worksheet): string[] {
  const out: string[] = []
  for (let r = 1; r <= ws.rowCount; r++) {
    const v = cellValue(ws.getCell(r, 1))
    if (typeof v === 'string' && v.startsWith('注：')) out.push(v)
  }
  return out
}

export function merges(ws: ExcelJS.Worksheet): { top: number; left: number; bottom: number; right: number }[] {
  const m = (
    ws as unknown as {
      _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number } }>
    }
  )._merges
  return Object.values(m).map((x) => x.model)
}

/** Money as the sheet shows it (yuan with two decimals) equals the expected value to the cent. */
export function sameMoney(actual: Value, expectedYuan: number): boolean {
  return typeof actual === 'number' && Math.round(actual * 100) === Math.round(expectedYuan * 100)
}
