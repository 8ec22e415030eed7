import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { writeWorkbookXlsx } from '../../../electron/services/excel/writeTable'
import { buildPaymentsReport } from '../../../shared/report/definitions/payments'
import { buildStatsReport } from '../../../shared/report/definitions/stats'
import { buildTimelinessReport } from '../../../shared/report/definitions/timeliness'
import { parsePeriod } from '../../../shared/report/period'
import { tableModelSchema } from '../../../shared/report/tableModel'
import { generateDataset, units } from './fixtures'
import { tempDir } from './tempDir'
import { merges, readWorkbook } from './xlsx'

const tmp = tempDir('report-writer-')

const ds = generateDataset()
const run = {
  scope: { unitCode: '330000', units },
  generatedAt: '2026-07-01T02:00:00.000Z',
  generatedBy: '统计员甲',
  period: parsePeriod('2025'),
  signatures: { preparer: '张三', reviewer: '李四', unitHead: '王五' },
}

async function allTables() {
  const stats = await buildStatsReport(ds, run)
  return [...stats.tables, (await buildPaymentsReport(ds, run)).table, (await buildTimelinessReport(ds, run)).table]
}

describe('the generic writer with report models', () => {
  it('every report model passes the IPC table-model schema unchanged (so the renderer can send it)', async () => {
    for (const t of await allTables()) {
      const parsed = tableModelSchema.parse(t)
      expect(parsed).toEqual(t)
    }
  })

  it('writes one workbook with a sheet per report and one 数据来源 sheet per distinct input', async () => {
    const path = tmp.path('all.xlsx')
    await writeWorkbookXlsx(path, await allTables())
    const wb = await readWorkbook(path)
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '统计表',
      '汇总表',
      '重点群体',
      '对象类别',
      '发放明细',
      '办案时限',
      '数据来源',
    ])
    const prov = wb.getWorksheet('数据来源')!
    const hashes: string[] = []
    prov.eachRow((r) => {
      const v = String(r.getCell(1).value)
      if (v.startsWith('输入数据校验值')) hashes.push(v)
    })
    expect(hashes).toHaveLength(3) // stats (shared by its four sheets), payments, timeliness
    for (const name of ['统计表', '汇总表', '发放明细', '办案时限']) {
      const ws = wb.getWorksheet(name)!
      expect(ws.pageSetup, name).toMatchObject({ paperSize: 9, orientation: 'landscape' })
      // fitted to the page width only where that keeps 9 pt (print.test.ts measures the printed size)
      if (ws.pageSetup.fitToPage) expect([ws.pageSetup.fitToWidth, ws.pageSetup.fitToHeight], name).toEqual([1, 0])
      else expect(ws.pageSetup.scale, name).toBeGreaterThanOrEqual(90)
      expect(ws.pageSetup.printTitlesRow, name).toBe('4:5')
      expect(ws.headerFooter?.oddFooter, name).toContain('&P')
      expect(ws.getCell('A1').font?.bold, name).toBe(true)
      // the title spans the first page column (all columns when fitted to the page width)
      const title = merges(ws)[0]
      expect(title, name).toMatchObject({ top: 1, left: 1, bottom: 1 })
      if (ws.pageSetup.fitToPage) expect(title.right, name).toBe(ws.columnCount)
      else expect(title.right, name).toBeLessThan(ws.columnCount)
      const texts: string[] = []
      ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))))
      expect(texts.join('　　').split(/　+/), name).toEqual(
        expect.arrayContaining(['单位负责人：王五', '填报人：张三', '审核人：李四', '填报日期：2026年7月1日']),
      )
    }
  })

  it('makes sheet names unique and keeps rows of 100k+ cells streaming', async () => {
    const t = tableModelSchema.parse({
      title: '测试',
      sheetName: '表',
      headerRows: [[{ label: '序号' }, { label: '金额（元）' }]],
      columns: [
        { key: 'n', kind: 'integer' },
        { key: 'f', kind: 'fen' },
      ],
      rows: Array.from({ length: 60_000 }, (_, i) => [i + 1, i * 101]),
    })
    const path = tmp.path('big.xlsx')
    const r = await writeWorkbookXlsx(path, [t, t])
    expect(r.rows).toEqual([60_000, 60_000])
    const wb = await readWorkbook(path)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['表', '表(2)'])
    expect(wb.getWorksheet('表(2)')!.getCell(60_004, 2).value).toBe((59_999 * 101) / 100)
  })

  // LibreOffice is installed by .ci/run (libreoffice-calc); a machine without it fails here rather than skip
  it('renders through LibreOffice to PDF (A4 landscape pages)', async () => {
    const path = tmp.path('render.xlsx')
    await writeWorkbookXlsx(path, (await allTables()).slice(0, 2))
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', tmp.dir, path], {
      timeout: 120_000,
      stdio: 'ignore',
    })
    const pdf = tmp.path('render.pdf')
    expect(existsSync(pdf)).toBe(true)
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
    expect(info).toMatch(/Page size:\s+841\.\d+ x 595\.\d+ pts/)
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' })
    expect(text).toContain('国家司法救助工作情况统计表')
    expect(text).toContain('填报单位：浙江省人民检察院')
  }, 120_000)
})
