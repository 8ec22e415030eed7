import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { layoutHeader } from '../../../electron/services/excel/headerLayout'
import { writeTableXlsx } from '../../../electron/services/excel/writeTable'
import { tableModelSchema } from '../../../shared/report/tableModel'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xlsx-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const table = tableModelSchema.parse({
  title: '国家司法救助工作情况统计表',
  unitName: '某某县人民检察院',
  periodLabel: '2025年1月1日至2025年12月31日',
  sheetName: '统计表',
  headerRows: [
    [
      { label: '单位', rowSpan: 2 },
      { label: '救助情况', colSpan: 2 },
      { label: '金额（元）', rowSpan: 2 },
    ],
    [{ label: '件数' }, { label: '人数' }],
  ],
  columns: [
    { key: 'unit', kind: 'text' },
    { key: 'cases', kind: 'integer' },
    { key: 'persons', kind: 'integer' },
    { key: 'amount', kind: 'fen' },
  ],
  rows: [
    ['甲院', 3, 4, 1234567],
    ['乙院', 1, 1, 50000],
    ['合计', 4, 5, 1284567],
  ],
  rowStyles: { '2': 'total' },
  footnotes: ['注：小额应急性帮扶不纳入本统计。'],
  signatureLine: true,
  provenance: ['本院数据截至变更序号 42'],
})

describe('the one generic Excel writer', () => {
  it('places multi-row headers by HTML table rules', () => {
    expect(layoutHeader(table.headerRows, 4)).toEqual([
      { label: '单位', row: 0, col: 0, rowSpan: 2, colSpan: 1 },
      { label: '救助情况', row: 0, col: 1, rowSpan: 1, colSpan: 2 },
      { label: '金额（元）', row: 0, col: 3, rowSpan: 2, colSpan: 1 },
      { label: '件数', row: 1, col: 1, rowSpan: 1, colSpan: 1 },
      { label: '人数', row: 1, col: 2, rowSpan: 1, colSpan: 1 },
    ])
  })

  it('writes an official-looking sheet that reads back cell for cell', async () => {
    const path = join(dir, 't.xlsx')
    await writeTableXlsx(path, table)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const ws = wb.getWorksheet('统计表')!
    expect(ws.getCell('A1').value).toBe('国家司法救助工作情况统计表')
    expect(ws.getCell('A2').value).toBe('填报单位：某某县人民检察院')
    expect(ws.getCell('C2').value).toBe('统计期间：2025年1月1日至2025年12月31日')
    expect(ws.getCell('A4').value).toBe('单位')
    expect(ws.getCell('B4').value).toBe('救助情况')
    expect(ws.getCell('B5').value).toBe('件数')
    expect(ws.getCell('C5').value).toBe('人数')
    expect(ws.getCell('D4').value).toBe('金额（元）')
    const merges = (
      ws as unknown as {
        _merges: Record<string, { model: { top: number; left: number; bottom: number; right: number } }>
      }
    )._merges
    const ranges = Object.values(merges).map((m) => m.model)
    expect(ranges).toEqual(
      expect.arrayContaining([
        { top: 1, left: 1, bottom: 1, right: 4 },
        { top: 4, left: 1, bottom: 5, right: 1 },
        { top: 4, left: 2, bottom: 4, right: 3 },
        { top: 4, left: 4, bottom: 5, right: 4 },
      ]),
    )
    expect(ws.getCell('A6').value).toBe('甲院')
    expect(ws.getCell('B6').value).toBe(3)
    expect(ws.getCell('D6').value).toBe(12345.67)
    expect(ws.getCell('D6').numFmt).toBe('#,##0.00')
    expect(ws.getCell('B6').numFmt).toBe('0')
    expect(ws.getCell('D8').value).toBe(12845.67)
    expect(ws.getCell('A8').font?.bold).toBe(true)
    expect(ws.getCell('A9').value).toBe('注：小额应急性帮扶不纳入本统计。')
    expect(ws.getCell('A11').value).toBe('单位负责人：　　　　审核人：　　　　填报人：')
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 })
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    })
    expect(wb.getWorksheet('数据来源')!.getCell('A2').value).toBe('本院数据截至变更序号 42')
  })
})
