import ExcelJS from 'exceljs'
import type { CellValue, TableModelParsed } from '../../../shared/report/tableModel'
import { layoutHeader } from './headerLayout'

const thin = { style: 'thin' as const }
const border = { top: thin, left: thin, bottom: thin, right: thin }
const FEN_FORMAT = '#,##0.00'
const INTEGER_FORMAT = '0'

function cellFor(kind: string, value: CellValue): string | number | null {
  if (value === null || value === undefined) return null
  if (kind === 'fen' && typeof value === 'number') return value / 100
  return value
}

/**
 * The one generic Excel writer: lays out any TableModel as an official-looking sheet — title, 填报单位 and period,
 * merged multi-row headers, 元 with two decimals and integer counts, bold subtotal/total rows, footnotes, the
 * 填报人/审核人/填报日期 line, frozen header panes and A4 landscape fitted to the page width — plus a 数据来源
 * sheet with the provenance. Streams rows (exceljs WorkbookWriter), so detail sheets of 100k+ rows stay in memory
 * bounds.
 */
export async function writeTableXlsx(path: string, table: TableModelParsed): Promise<{ rows: number }> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false })
  wb.creator = '司法救助工作台'
  const width = table.columns.length
  const headerTop = 4
  const headerBottom = headerTop + table.headerRows.length - 1
  const ws = wb.addWorksheet(table.sheetName, {
    views: [{ state: 'frozen', ySplit: headerBottom, xSplit: 0 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${headerTop}:${headerBottom}`,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
  })
  ws.columns = table.columns.map((c) => ({ key: c.key, width: c.width ?? (c.kind === 'text' ? 16 : 14) }))

  const title = ws.getRow(1)
  title.getCell(1).value = table.title
  title.getCell(1).font = { bold: true, size: 16 }
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' }
  title.height = 28
  ws.mergeCells(1, 1, 1, width)
  title.commit()

  const meta = ws.getRow(2)
  const half = Math.max(1, Math.floor(width / 2))
  meta.getCell(1).value = table.unitName ? `填报单位：${table.unitName}` : ''
  meta.getCell(half + 1 <= width ? half + 1 : 1).value = table.periodLabel ? `统计期间：${table.periodLabel}` : ''
  if (width > 1) {
    ws.mergeCells(2, 1, 2, half)
    if (half + 1 <= width) ws.mergeCells(2, half + 1, 2, width)
    meta.getCell(half + 1).alignment = { horizontal: 'right' }
  }
  meta.commit()
  ws.getRow(3).commit()

  const placed = layoutHeader(table.headerRows, width)
  for (let r = headerTop; r <= headerBottom; r++) {
    const row = ws.getRow(r)
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c)
      cell.border = border
      cell.font = { bold: true }
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } }
    }
    for (const h of placed.filter((p) => p.row === r - headerTop)) row.getCell(h.col + 1).value = h.label
  }
  for (const h of placed) {
    if (h.rowSpan > 1 || h.colSpan > 1) {
      ws.mergeCells(headerTop + h.row, h.col + 1, headerTop + h.row + h.rowSpan - 1, h.col + h.colSpan)
    }
  }
  for (let r = headerTop; r <= headerBottom; r++) ws.getRow(r).commit()

  const kinds = table.columns.map((c) => c.kind)
  const numFmts = kinds.map((k) => (k === 'fen' ? FEN_FORMAT : k === 'integer' ? INTEGER_FORMAT : undefined))
  let rowNo = headerBottom
  table.rows.forEach((values, i) => {
    rowNo++
    const row = ws.getRow(rowNo)
    const style = table.rowStyles[String(i)]
    for (let c = 0; c < width; c++) {
      const cell = row.getCell(c + 1)
      cell.value = cellFor(kinds[c], values[c] ?? null)
      cell.border = border
      const fmt = numFmts[c]
      if (fmt) cell.numFmt = fmt
      if (style) cell.font = { bold: true }
    }
    row.commit()
  })

  for (const note of table.footnotes) {
    rowNo++
    const row = ws.getRow(rowNo)
    row.getCell(1).value = note
    row.getCell(1).alignment = { wrapText: true, vertical: 'top' }
    ws.mergeCells(rowNo, 1, rowNo, width)
    row.commit()
  }
  if (table.signatureLine) {
    rowNo += 2
    const row = ws.getRow(rowNo)
    const third = Math.max(1, Math.floor(width / 3))
    row.getCell(1).value = '填报人：'
    if (third + 1 <= width) row.getCell(third + 1).value = '审核人：'
    if (2 * third + 1 <= width) row.getCell(2 * third + 1).value = '填报日期：'
    row.commit()
  }
  ws.commit()

  if (table.provenance.length > 0) {
    const prov = wb.addWorksheet('数据来源')
    prov.columns = [{ width: 120 }]
    prov.getRow(1).getCell(1).value = '数据来源与生成信息'
    prov.getRow(1).getCell(1).font = { bold: true }
    prov.getRow(1).commit()
    table.provenance.forEach((line, i) => {
      const row = prov.getRow(i + 2)
      row.getCell(1).value = line
      row.commit()
    })
    prov.commit()
  }
  await wb.commit()
  return { rows: table.rows.length }
}
