import ExcelJS from 'exceljs'
import { formLine, SEAL_LABEL, SIGNATURE_GAP, signatureLines } from '../../../shared/report/furniture'
import type { CellValue, ProvenanceTable, RowStyle, TableModelParsed } from '../../../shared/report/tableModel'
import { bodyRowWriter } from './bodyRows'
import { layoutHeader } from './headerLayout'
import { colBreaksXml, type PrintPlan, planPrint } from './printLayout'
import {
  BODY_FONT,
  border,
  ColumnStyles,
  displayWidth,
  HEADER_STYLE,
  linesNeeded,
  META_FONT,
  TITLE_FONT,
} from './styles'

/** Rows for the streaming path: any (async) iterable of row values, e.g. produced while reading NDJSON. */
export type RowStream = Iterable<readonly CellValue[]> | AsyncIterable<readonly CellValue[]>

/** One sheet of a workbook: the table model, optionally with its rows streamed instead of `table.rows`. */
export interface SheetSpec {
  table: TableModelParsed
  /** Rows to write instead of `table.rows` (rowStyles still index into them). */
  rows?: RowStream
}

export interface WriteOptions {
  /**
   * How body rows are written: rendered directly (bodyRows.ts, the default) or through exceljs's Row and Cell objects
   * (the fallback when exceljs's internals are not as expected; tests compare the two).
   */
  bodyRows?: 'direct' | 'exceljs'
}

const HEADER_TOP = 4
/** Footer: 第 x 页 共 y 页 (Excel header/footer codes; LibreOffice prints them too). */
export const PAGE_FOOTER = '&C第 &P 页 共 &N 页'

function columnLetter(col: number): string {
  let s = ''
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s
  return s
}

/** A4 landscape at ≥ 9 pt (printLayout.ts): fitted to the page width, or a fixed scale with page columns. */
function pageSetupOf(plan: PrintPlan, headerBottom: number): Partial<ExcelJS.PageSetup> {
  return {
    paperSize: 9,
    orientation: 'landscape',
    ...(plan.fitToWidth
      ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
      : {
          fitToPage: false,
          scale: plan.scale,
          pageOrder: 'overThenDown' as const,
          ...(plan.repeatColumns > 0 ? { printTitlesColumn: `A:${columnLetter(plan.repeatColumns)}` } : {}),
        }),
    horizontalCentered: plan.fitToWidth,
    printTitlesRow: `${HEADER_TOP}:${headerBottom}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  }
}

/**
 * Manual column breaks: exceljs's streaming writer has no colBreaks, so the element is written right after its
 * rowBreaks (their place in the worksheet XML). Without the expected internals the breaks are left to the
 * spreadsheet (it breaks at the page width by itself, possibly inside a header group).
 */
function addColumnBreaks(ws: ExcelJS.Worksheet, breaks: readonly number[]): void {
  if (breaks.length === 0) return
  const w = ws as unknown as { _writeRowBreaks?: () => void; stream?: { write(chunk: string): unknown } }
  const original = w._writeRowBreaks
  if (typeof original !== 'function') return
  w._writeRowBreaks = function (this: typeof w) {
    original.call(this)
    this.stream?.write(colBreaksXml(breaks))
  }
}
/** Points per text line of 10-pt 宋体, plus padding. */
const LINE_HEIGHT = 13.5

function cellFor(kind: string, value: CellValue | undefined): string | number | null {
  if (value === null || value === undefined) return null
  if (kind === 'fen' && typeof value === 'number') return value / 100
  return value
}

function defaultWidth(kind: string): number {
  return kind === 'text' ? 16 : kind === 'fen' ? 15 : kind === 'date' ? 11 : 10
}

/** Column widths: as given, else from the header labels and (for in-memory rows) the first 2,000 rows' text. */
function columnWidths(table: TableModelParsed, rowsInMemory: boolean): number[] {
  const widths = table.columns.map((c) => c.width ?? 0)
  const placed = layoutHeader(table.headerRows, table.columns.length)
  table.columns.forEach((c, i) => {
    if (c.width) return
    let w = defaultWidth(c.kind)
    for (const h of placed) if (h.col === i && h.colSpan === 1) w = Math.max(w, Math.min(24, displayWidth(h.label) + 2))
    if (rowsInMemory && c.kind === 'text') {
      const n = Math.min(table.rows.length, 2000)
      for (let r = 0; r < n; r++) {
        const v = table.rows[r][i]
        if (typeof v === 'string') w = Math.max(w, Math.min(60, displayWidth(v) + 2))
      }
    }
    widths[i] = w
  })
  return widths
}

async function* iterate(rows: RowStream): AsyncIterable<readonly CellValue[]> {
  if (Symbol.asyncIterator in rows) yield* rows as AsyncIterable<readonly CellValue[]>
  else yield* rows as Iterable<readonly CellValue[]>
}

/**
 * Lays out one table model as an official-looking sheet — title, 填报单位 and period, units and 表号, merged
 * multi-row headers, 元 with two decimals from integer 分, integer counts, bold subtotal/total rows, footnotes, the
 * 单位负责人/填报人/审核人/填报日期 line, frozen header panes and A4 landscape fitted to the page width with the
 * header repeated on every page — committing each row as it goes (exceljs WorkbookWriter).
 */
async function writeSheet(
  wb: ExcelJS.stream.xlsx.WorkbookWriter,
  spec: SheetSpec,
  sheetName: string,
  options: WriteOptions,
): Promise<number> {
  const table = spec.table
  const width = table.columns.length
  const headerBottom = HEADER_TOP + table.headerRows.length - 1
  const plan = planPrint(
    columnWidths(table, spec.rows === undefined).map((w, i) => ({ width: w, text: table.columns[i].kind === 'text' })),
    table.headerRows,
    table.frozenColumns ?? 0,
  )
  const widths = plan.widths
  // title, meta lines, notes and signatures stay within the first page column (a merged cell split between pages
  // would print half its text on each)
  const span = plan.firstPageColumns
  const spanWidth = widths.slice(0, span).reduce((a, b) => a + b, 0)
  const ws = wb.addWorksheet(sheetName, {
    views: [{ state: 'frozen', ySplit: headerBottom, xSplit: table.frozenColumns ?? 0 }],
    pageSetup: pageSetupOf(plan, headerBottom),
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
  })
  addColumnBreaks(ws, plan.breaks)
  ws.columns = table.columns.map((c, i) => ({ key: c.key, width: widths[i] }))

  const title = ws.getRow(1)
  title.getCell(1).value = table.title
  title.getCell(1).font = TITLE_FONT
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' }
  title.height = 30
  if (span > 1) ws.mergeCells(1, 1, 1, span)
  title.commit()

  // Line 2: 填报单位 (left) and 统计期间 (right); line 3: 计量单位 (left) and 表号 (right).
  const half = Math.max(1, Math.floor(span / 2))
  const metaLine = (rowNo: number, left: string, right: string) => {
    const row = ws.getRow(rowNo)
    row.getCell(1).value = left
    row.getCell(1).font = META_FONT
    const rightCol = half + 1 <= span ? half + 1 : 1
    if (right) row.getCell(rightCol).value = right
    row.getCell(rightCol).font = META_FONT
    if (span > 1) {
      ws.mergeCells(rowNo, 1, rowNo, half)
      if (half + 1 <= span) ws.mergeCells(rowNo, half + 1, rowNo, span)
      row.getCell(half + 1).alignment = { horizontal: 'right' }
    }
    row.commit()
  }
  metaLine(
    2,
    table.unitName ? `填报单位：${table.unitName}` : '',
    table.periodLabel ? `统计期间：${table.periodLabel}` : '',
  )
  if (table.unitsNote || formLine(table)) metaLine(3, table.unitsNote ?? '', formLine(table))
  else ws.getRow(3).commit()

  const placed = layoutHeader(table.headerRows, width)
  for (let r = HEADER_TOP; r <= headerBottom; r++) {
    const row = ws.getRow(r)
    for (let c = 1; c <= width; c++) row.getCell(c).style = HEADER_STYLE
    let lines = 1
    for (const h of placed) {
      if (h.row !== r - HEADER_TOP) continue
      row.getCell(h.col + 1).value = h.label
      if (h.rowSpan === 1) {
        const w = widths.slice(h.col, h.col + h.colSpan).reduce((a, b) => a + b, 0)
        lines = Math.max(lines, linesNeeded(h.label, w))
      }
    }
    row.height = Math.max(18, lines * LINE_HEIGHT + 4)
  }
  for (const h of placed) {
    if (h.rowSpan > 1 || h.colSpan > 1) {
      ws.mergeCells(HEADER_TOP + h.row, h.col + 1, HEADER_TOP + h.row + h.rowSpan - 1, h.col + h.colSpan)
    }
  }
  for (let r = HEADER_TOP; r <= headerBottom; r++) ws.getRow(r).commit()

  const kinds = table.columns.map((c) => c.kind)
  const styles = new ColumnStyles(kinds)
  const wrapWidth = table.columns.map((c, i) => (c.kind === 'text' ? widths[i] : 0))
  const styleAt = new Map<number, RowStyle>(Object.entries(table.rowStyles).map(([k, v]) => [Number(k), v]))
  let rowNo = headerBottom
  let index = 0
  const body = options.bodyRows === 'exceljs' ? undefined : bodyRowWriter(wb, ws, width)
  const values: (string | number | null)[] = new Array(width).fill(null)
  const cellStyles: Partial<ExcelJS.Style>[] = new Array(width)
  const writeRow = (row: readonly CellValue[]) => {
    rowNo++
    const rowStyle: RowStyle | undefined = styleAt.get(index)
    let lines = 1
    for (let c = 0; c < width; c++) {
      const v = row[c]
      values[c] = cellFor(kinds[c], v)
      cellStyles[c] = styles.of(c, rowStyle, typeof v === 'string')
      if (wrapWidth[c] > 0 && typeof v === 'string' && v.length * 1.7 > wrapWidth[c] - 1 && rowStyle !== 'section') {
        lines = Math.max(lines, linesNeeded(v, wrapWidth[c]))
      }
    }
    const height = lines > 1 ? lines * LINE_HEIGHT + 4 : undefined
    const merged = rowStyle === 'section' && width > 1
    if (body && !merged) body.row(rowNo, values, cellStyles, height)
    else {
      body?.flush()
      const xlRow = ws.getRow(rowNo)
      for (let c = 0; c < width; c++) {
        const cell = xlRow.getCell(c + 1)
        cell.value = values[c]
        cell.style = cellStyles[c]
      }
      if (merged) ws.mergeCells(rowNo, 1, rowNo, width)
      if (height) xlRow.height = height
      xlRow.commit()
    }
    index++
  }
  if (spec.rows === undefined) for (const values of table.rows) writeRow(values)
  else for await (const values of iterate(spec.rows)) writeRow(values)
  body?.flush()

  for (const note of table.footnotes) {
    rowNo++
    const row = ws.getRow(rowNo)
    row.getCell(1).value = note
    row.getCell(1).font = BODY_FONT
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' }
    row.height = linesNeeded(note, spanWidth) * LINE_HEIGHT + 3
    if (span > 1) ws.mergeCells(rowNo, 1, rowNo, span)
    row.commit()
  }
  if (table.signatureLine) {
    // one cell per line, merged over the first page column: legible on any sheet, however few or narrow its columns
    rowNo++
    for (const parts of signatureLines(table.signatures ?? {})) {
      rowNo++
      const row = ws.getRow(rowNo)
      row.getCell(1).value = parts.join(SIGNATURE_GAP)
      row.getCell(1).font = META_FONT
      row.getCell(1).alignment = { vertical: 'middle' }
      if (span > 1) ws.mergeCells(rowNo, 1, rowNo, span)
      row.height = 22
      row.commit()
    }
    // the place for the seal: the right half of the first page column, tall enough for the stamp
    rowNo++
    const seal = ws.getRow(rowNo)
    const sealCol = Math.min(span, half + 1)
    seal.getCell(sealCol).value = SEAL_LABEL
    seal.getCell(sealCol).font = META_FONT
    seal.getCell(sealCol).alignment = { horizontal: 'center', vertical: 'top' }
    if (span > sealCol) ws.mergeCells(rowNo, sealCol, rowNo, span)
    seal.height = 60
    seal.commit()
  }
  ws.commit()
  return index
}

/** The 数据来源 sheet: the provenance lines of each distinct report, then each one's per-office input table. */
async function writeProvenance(wb: ExcelJS.stream.xlsx.WorkbookWriter, tables: TableModelParsed[]): Promise<void> {
  const blocks: { title: string; lines: string[]; table?: ProvenanceTable }[] = []
  const seen = new Set<string>()
  for (const t of tables) {
    if (t.provenance.length === 0 && !t.provenanceTable) continue
    const key = t.provenanceInfo
      ? `${t.provenanceInfo.reportId}:${t.provenanceInfo.inputHash}`
      : t.provenance.join('\n')
    if (seen.has(key)) continue
    seen.add(key)
    blocks.push({ title: t.title, lines: t.provenance, table: t.provenanceTable })
  }
  if (blocks.length === 0) return
  const cols = Math.max(1, ...blocks.map((b) => b.table?.headers.length ?? 1))
  // A4 landscape fitted to the page width, at 9 pt or more: the per-office table's columns stay within 124 units
  // (printLayout.ts) — names and headers wrap, the counts are narrow
  const ws = wb.addWorksheet('数据来源', {
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: PAGE_FOOTER, evenFooter: PAGE_FOOTER },
  })
  // the last column of the per-office table is the bundle id (e.g. archive_330100_330000_7_20260701): wide enough
  const bundleColumn = blocks.some((b) => b.table?.headers[cols - 1] === '数据包')
  const colWidths =
    cols === 1
      ? [120]
      : Array.from({ length: cols }, (_, i) => (i === 1 ? 22 : i === 0 ? 8 : i === cols - 1 && bundleColumn ? 30 : 7))
  ws.columns = colWidths.map((width) => ({ width }))
  const total = colWidths.reduce((a, b) => a + b, 0)
  let rowNo = 0
  const line = (text: string, bold = false) => {
    rowNo++
    const row = ws.getRow(rowNo)
    row.getCell(1).value = text
    row.getCell(1).font = bold ? { ...BODY_FONT, bold: true } : BODY_FONT
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' }
    if (cols > 1) ws.mergeCells(rowNo, 1, rowNo, cols)
    row.height = linesNeeded(text, total) * LINE_HEIGHT + 3
    row.commit()
  }
  blocks.forEach((b, i) => {
    if (i > 0) rowNo++
    line(blocks.length > 1 ? `数据来源与生成信息：${b.title}` : '数据来源与生成信息', true)
    for (const l of b.lines) line(l)
    if (b.table) {
      rowNo++
      const head = ws.getRow(++rowNo)
      let lines = 1
      b.table.headers.forEach((h, c) => {
        head.getCell(c + 1).value = h
        head.getCell(c + 1).style = HEADER_STYLE
        lines = Math.max(lines, linesNeeded(h, colWidths[c] ?? 10))
      })
      head.height = lines * LINE_HEIGHT + 4
      head.commit()
      for (const values of b.table.rows) {
        const row = ws.getRow(++rowNo)
        values.forEach((v, c) => {
          row.getCell(c + 1).value = v
          row.getCell(c + 1).border = border
          row.getCell(c + 1).font = BODY_FONT
        })
        row.commit()
      }
    }
  })
  ws.commit()
}

/**
 * Writes several table models into one workbook, one sheet each (sheet names made unique), plus one 数据来源
 * sheet with the provenance. Streams every row (WorkbookWriter), so detail sheets of 100k+ rows stay in bounds.
 */
export async function writeWorkbookXlsx(
  path: string,
  sheets: readonly (TableModelParsed | SheetSpec)[],
  options: WriteOptions = {},
): Promise<{ rows: number[] }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false })
  wb.creator = '司法救助工作台'
  const specs = sheets.map((s): SheetSpec => ('table' in s ? s : { table: s }))
  const used = new Set<string>(['数据来源'])
  const rows: number[] = []
  for (const spec of specs) {
    let name = spec.table.sheetName
    for (let n = 2; used.has(name); n++) name = `${spec.table.sheetName.slice(0, 28)}(${n})`
    used.add(name)
    rows.push(await writeSheet(wb, spec, name, options))
  }
  await writeProvenance(
    wb,
    specs.map((s) => s.table),
  )
  await wb.commit()
  return { rows }
}

/**
 * The one generic Excel writer for a single table model (IPC `excel:exportTable`): see writeSheet for the layout;
 * the provenance goes to a 数据来源 sheet.
 */
export async function writeTableXlsx(path: string, table: TableModelParsed): Promise<{ rows: number }> {
  const r = await writeWorkbookXlsx(path, [table])
  return { rows: r.rows[0] }
}

/** The streaming path for large detail sheets: the header and notes from `table`, the rows from `rows`. */
export async function writeTableStreamXlsx(
  path: string,
  table: TableModelParsed,
  rows: RowStream,
): Promise<{ rows: number }> {
  const r = await writeWorkbookXlsx(path, [{ table, rows }])
  return { rows: r.rows[0] }
}
