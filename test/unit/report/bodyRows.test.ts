import { readFile } from 'node:fs/promises'
import type ExcelJS from 'exceljs'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { escapeCellText } from '../../../electron/services/excel/bodyRows'
import { writeWorkbookXlsx } from '../../../electron/services/excel/writeTable'
import { buildPaymentsReport } from '../../../shared/report/definitions/payments'
import { buildStatsReport } from '../../../shared/report/definitions/stats'
import { buildTimelinessReport } from '../../../shared/report/definitions/timeliness'
import { parsePeriod } from '../../../shared/report/period'
import type { TableModelParsed } from '../../../shared/report/tableModel'
import { generateDataset, units } from './fixtures'
import { tempDir } from './tempDir'
import { readWorkbook } from './xlsx'

/*
 * Body rows are rendered directly as SpreadsheetML (electron/services/excel/bodyRows.ts) instead of through exceljs's
 * Row and Cell objects. The same tables written both ways must read back identically: every cell's value, type and
 * style, every row's height, the merges — and the text that XML must escape or cannot carry.
 */

const tmp = tempDir('report-body-rows-')

const ds = generateDataset()
const run = {
  scope: { unitCode: '330000', units },
  generatedAt: '2026-07-01T02:00:00.000Z',
  generatedBy: '统计员甲',
  period: parsePeriod('2025'),
}

/** A small table with the awkward cells: markup characters, control characters, '—' in money, long wrapped text. */
function awkwardTable(): TableModelParsed {
  return {
    title: '转义检查',
    unitName: '测试院',
    periodLabel: '2025年',
    sheetName: '检查',
    headerRows: [
      [
        { label: '文字', rowSpan: 1, colSpan: 1 },
        { label: '金额', rowSpan: 1, colSpan: 1 },
        { label: '件数', rowSpan: 1, colSpan: 1 },
      ],
    ],
    columns: [
      { key: 'text', kind: 'text', width: 12 },
      { key: 'fen', kind: 'fen' },
      { key: 'n', kind: 'integer' },
    ],
    rows: [
      ['<b>王某 & "李某"</b> \'x\'', 123456, 3],
      ['制表\t换行\n回车\r控制\u0001\u0008\u000b\u001f删除\u007f结束', '—', null],
      ['很长的一段文字需要在单元格里换行显示，行高要随之增加，以便打印时看得全', 0, 0],
      ['𠮷野家（扩展B区汉字）', -5, 1e9],
      ['', null, 2],
      ['第二节', null, null],
    ],
    rowStyles: { '3': 'subtotal', '4': 'total', '5': 'section' },
    footnotes: ['注：测试。'],
    provenance: [],
  } as unknown as TableModelParsed
}

function describeCell(cell: ExcelJS.Cell) {
  return { value: cell.value ?? null, type: cell.type, style: JSON.parse(JSON.stringify(cell.style ?? {})) }
}

async function snapshot(path: string) {
  const wb = await readWorkbook(path)
  return wb.worksheets.map((ws) => {
    const rows: unknown[] = []
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r)
      const cells: unknown[] = []
      for (let c = 1; c <= ws.columnCount; c++) cells.push(describeCell(row.getCell(c)))
      rows.push({ height: row.height ?? null, cells })
    }
    return { name: ws.name, rows, merges: [...((ws.model as { merges?: string[] }).merges ?? [])].sort() }
  })
}

async function bothWays(name: string, tables: TableModelParsed[]) {
  const direct = tmp.path(`${name}-direct.xlsx`)
  const viaExceljs = tmp.path(`${name}-exceljs.xlsx`)
  await writeWorkbookXlsx(direct, tables)
  await writeWorkbookXlsx(viaExceljs, tables, { bodyRows: 'exceljs' })
  return { direct, viaExceljs }
}

describe('body rows rendered directly', () => {
  it('read back exactly as exceljs writes them, for every report model', async () => {
    // with 上年同期: the 统计表's 同比 cells (their own number format) and the 同比（按单位）sheet
    const stats = await buildStatsReport(ds, run, { yoy: true })
    const tables = [
      ...stats.tables,
      (await buildPaymentsReport(ds, run)).table,
      (await buildTimelinessReport(ds, run)).table,
    ]
    const { direct, viaExceljs } = await bothWays('reports', tables)
    const a = await snapshot(direct)
    expect(a.length).toBe(tables.length + 1)
    expect(a.reduce((n, s) => n + s.rows.length, 0)).toBeGreaterThan(300)
    expect(a).toEqual(await snapshot(viaExceljs))
  })

  it('escape markup, drop what XML cannot carry, and keep heights, merges and styles of special rows', async () => {
    const { direct, viaExceljs } = await bothWays('awkward', [awkwardTable()])
    const a = await snapshot(direct)
    expect(a).toEqual(await snapshot(viaExceljs))
    const wb = await readWorkbook(direct)
    const ws = wb.getWorksheet('检查')!
    expect(ws.getCell('A5').value).toBe('<b>王某 & "李某"</b> \'x\'')
    // (an XML reader turns CR into LF, whichever way the cell was written)
    expect(ws.getCell('A6').value).toBe('制表\t换行\n回车\n控制删除结束')
    expect(ws.getCell('B5').value).toBe(1234.56)
    expect(ws.getCell('B5').numFmt).toBe('#,##0.00')
    expect(ws.getCell('B6').value).toBe('—')
    expect(ws.getCell('B6').alignment?.horizontal).toBe('center')
    expect(ws.getRow(7).height).toBeGreaterThan(20)
    expect(ws.getCell('A8').value).toBe('𠮷野家（扩展B区汉字）')
    expect(ws.getCell('A8').font?.bold).toBe(true)
    expect(ws.getCell('C8').value).toBe(1e9)
    // the section row is merged across the table, as exceljs merges it
    expect((ws.model as { merges: string[] }).merges).toContain('A10:C10')
    // the sheet XML itself is well formed where the markup characters are
    const xml = new TextDecoder().decode(unzipSync(await readFile(direct))['xl/worksheets/sheet1.xml'])
    expect(xml).toContain('&lt;b&gt;王某 &amp; &quot;李某&quot;&lt;/b&gt; &apos;x&apos;')
    const dropped = [0x01, 0x08, 0x0b, 0x1f, 0x7f].map((c) => String.fromCharCode(c))
    expect(dropped.filter((ch) => xml.includes(ch))).toEqual([])
  })

  it('escapeCellText escapes as exceljs does and leaves plain text as the same string', () => {
    const plain = '浙江省人民检察院 2025'
    expect(escapeCellText(plain)).toBe(plain)
    expect(escapeCellText('a<b>&\'"c')).toBe('a&lt;b&gt;&amp;&apos;&quot;c')
    expect(escapeCellText('\u0000x\u0009y\u000az\u000dw\u007f')).toBe('x\ty\nz\rw')
  })
})
