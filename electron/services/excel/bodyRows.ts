import type ExcelJS from 'exceljs'

/**
 * The body rows of a streamed sheet, rendered as SpreadsheetML here instead of through exceljs's Row and Cell
 * objects. exceljs builds a Row, a Cell per value, a cell model and an XML node tree for every cell and joins them
 * per row: for a 100k-row styled detail sheet that costs more than the whole unstyled write (see
 * docs/performance.md, issue 8). Body rows of a table model are regular — each cell a number, a string or empty,
 * with one of a few shared style objects — so they are rendered here exactly as exceljs renders such cells (the
 * same `<row>`/`<c>` elements, attributes, string escaping and style ids from the workbook's own style registry)
 * and written straight to the worksheet's stream. Everything else (title, headers, merges, footnotes, print setup,
 * the workbook parts) stays with exceljs.
 *
 * This relies on exceljs 4.x WorksheetWriter internals (its pending-row list, the sheetData start and its output
 * stream). `bodyRowWriter` checks them and returns undefined when they are not as expected, and the caller then
 * writes rows through exceljs; test/unit/report/bodyRows.test.ts writes the same table both ways and compares every
 * cell, style and row height read back.
 */

interface WorksheetWriterInternals {
  _rows: unknown[]
  _rowZero: number
  startedData: boolean
  _writeColumns(): void
  _writeOpenSheetData(): void
  stream: { write(chunk: string): unknown }
}

interface StyleRegistry {
  addStyleModel(style: Partial<ExcelJS.Style>, cellType?: number): number
}

/** exceljs's ValueType.Number: the cell type a style is first registered with for number cells. */
const NUMBER_CELL = 2
/** Flush rendered rows to the stream in chunks of about this many characters. */
const CHUNK = 1 << 16

/** Cell text as exceljs writes it: `<>&'"` as entities; DEL and control characters other than tab, LF, CR dropped. */
export function escapeCellText(text: string): string {
  let out = ''
  let last = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code > 62 && code !== 127) continue
    let rep: string
    if (code === 34) rep = '&quot;'
    else if (code === 38) rep = '&amp;'
    else if (code === 39) rep = '&apos;'
    else if (code === 60) rep = '&lt;'
    else if (code === 62) rep = '&gt;'
    else if (code === 127 || (code <= 31 && code !== 9 && code !== 10 && code !== 13)) rep = ''
    else continue
    out += text.slice(last, i) + rep
    last = i + 1
  }
  return last === 0 ? text : out + text.slice(last)
}

/** Column letters A, B, …, Z, AA, … for 1-based column numbers. */
function columnLetters(col: number): string {
  let s = ''
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

export interface BodyRowWriter {
  /** Writes row `rowNo` (1-based, after every row written so far) with one value and shared style per column. */
  row(
    rowNo: number,
    values: readonly (string | number | null)[],
    styles: readonly Partial<ExcelJS.Style>[],
    height?: number,
  ): void
  /** Writes what is buffered, so that exceljs can write the next row itself (e.g. a merged section row). */
  flush(): void
}

/**
 * A writer of body rows into `ws` (a streaming worksheet whose earlier rows are all committed), or undefined when
 * exceljs's internals are not as this module expects.
 */
export function bodyRowWriter(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  ws: ExcelJS.Worksheet,
  width: number,
): BodyRowWriter | undefined {
  const w = ws as unknown as Partial<WorksheetWriterInternals>
  const registry = (wb as unknown as { styles?: Partial<StyleRegistry> }).styles
  if (
    !Array.isArray(w._rows) ||
    w._rows.some((r) => r !== undefined) ||
    typeof w._rowZero !== 'number' ||
    typeof w.startedData !== 'boolean' ||
    typeof w._writeColumns !== 'function' ||
    typeof w._writeOpenSheetData !== 'function' ||
    typeof w.stream?.write !== 'function' ||
    typeof registry?.addStyleModel !== 'function'
  )
    return undefined
  const internals = w as WorksheetWriterInternals
  const styles = registry as StyleRegistry
  const letters = Array.from({ length: width }, (_, i) => columnLetters(i + 1))
  const ids = new Map<Partial<ExcelJS.Style>, number>()
  const styleId = (style: Partial<ExcelJS.Style>): number => {
    let id = ids.get(style)
    if (id === undefined) {
      id = styles.addStyleModel(style, NUMBER_CELL)
      ids.set(style, id)
    }
    return id
  }
  if (!internals.startedData) {
    internals._writeColumns()
    internals._writeOpenSheetData()
    internals.startedData = true
  }
  const spans = `1:${width}`
  let buffer = ''
  return {
    row(rowNo, values, cellStyles, height) {
      let xml = height ? `<row r="${rowNo}" ht="${height}" customHeight="1"` : `<row r="${rowNo}"`
      xml += ` spans="${spans}" x14ac:dyDescent="0.25">`
      for (let c = 0; c < width; c++) {
        const v = values[c]
        const s = styleId(cellStyles[c])
        const ref = `${letters[c]}${rowNo}`
        if (v === null || v === undefined) xml += s ? `<c r="${ref}" s="${s}"/>` : ''
        else if (typeof v === 'number')
          xml += s ? `<c r="${ref}" s="${s}"><v>${v}</v></c>` : `<c r="${ref}"><v>${v}</v></c>`
        else xml += `<c r="${ref}"${s ? ` s="${s}"` : ''} t="str"><v>${escapeCellText(v)}</v></c>`
      }
      buffer += `${xml}</row>`
      if (buffer.length >= CHUNK) this.flush()
      // exceljs's next row (getRow, mergeCells) counts from here
      internals._rowZero = rowNo + 1
    },
    flush() {
      if (buffer) internals.stream.write(buffer)
      buffer = ''
    },
  }
}
