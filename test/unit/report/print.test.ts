import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs'
import ExcelJS from 'exceljs'
import { unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { PAGE_FOOTER, writeTableXlsx } from '../../../electron/services/excel/writeTable'
import { buildPaymentsReport } from '../../../shared/report/definitions/payments'
import { buildStatsReport } from '../../../shared/report/definitions/stats'
import { buildTimelinessReport } from '../../../shared/report/definitions/timeliness'
import { parsePeriod } from '../../../shared/report/period'
import { type TableModelParsed, tableModelSchema } from '../../../shared/report/tableModel'
import { generateDataset, units } from './fixtures'
import { tempDir } from './tempDir'
import { readWorkbook } from './xlsx'

/*
 * Printing legibly (issue 16): every exported sheet prints on A4 landscape with its 10-pt body at 9 pt or more, the
 * header rows repeated on every page and a 第 x 页 共 y 页 footer. Checked twice: the page setup read back from the
 * xlsx, and the PDF LibreOffice prints from it — the glyph height of every word on every page, against a reference
 * sheet of 10-pt text printed at 100 % (pdftotext -bbox gives each word's box; its height is the font's line height,
 * a fixed multiple of the point size).
 */

const tmp = tempDir('report-print-')
const ds = generateDataset(20260630, 90)
const run = {
  scope: { unitCode: '330000', units },
  generatedAt: '2026-07-01T02:00:00.000Z',
  generatedBy: '统计员甲',
  period: parsePeriod('2025'),
  signatures: { preparer: '张三', reviewer: '李四', unitHead: '王五' },
}

/** A register-like export with many wide text columns (the generic path: registers, audit log). */
const wideRegister: TableModelParsed = tableModelSchema.parse({
  title: '宽台账',
  sheetName: '宽台账',
  headerRows: [
    [{ label: '序号' }, { label: '案件编号' }, ...Array.from({ length: 14 }, (_, i) => ({ label: `栏目${i + 1}` }))],
  ],
  columns: [
    { key: 'seq', kind: 'integer', width: 7 },
    { key: 'no', kind: 'text', width: 22 },
    ...Array.from({ length: 14 }, (_, i) => ({ key: `c${i}`, kind: i % 2 ? ('fen' as const) : ('text' as const) })),
  ],
  rows: Array.from({ length: 80 }, (_, r) => [
    r + 1,
    `浙杭检司救〔2025〕${r + 1}号`,
    ...Array.from({ length: 14 }, (_, i) => (i % 2 ? r * 1234 + i : `第${r + 1}行的一段较长的说明文字${i}`)),
  ]),
  frozenColumns: 2,
})

async function sheets(): Promise<TableModelParsed[]> {
  const stats = await buildStatsReport(ds, run)
  // 附上年同期、同比: the 统计表 with its four more columns, and the higher office's 同比（按单位）sheet
  const yoy = (await buildStatsReport(ds, run, { yoy: true })).tables
  return [
    ...stats.tables,
    (await buildPaymentsReport(ds, run)).table,
    (await buildTimelinessReport(ds, run)).table,
    wideRegister,
    { ...yoy[0], sheetName: '统计表（附上年同期）' },
    yoy.find((t) => t.sheetName === '同比')!,
  ]
}

interface Word {
  page: number
  height: number
  text: string
}

/** Every word of a PDF with its page and box height (pdftotext -bbox). */
function words(pdf: string): { pages: number; words: Word[] } {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  const out: Word[] = []
  let page = 0
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++
    const m = /<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/.exec(line)
    if (m) out.push({ page, height: Number(m[2]) - Number(m[1]), text: m[3] })
  }
  return { pages: page, words: out }
}

/** The 10-pt reference: a sheet written directly with exceljs at 100 %, no fitting. */
async function writeReference(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('参照', { pageSetup: { paperSize: 9, orientation: 'landscape', scale: 100 } })
  ws.getCell('A1').value = '参照文字十磅'
  ws.getCell('A1').font = { name: '宋体', size: 10 }
  await wb.xlsx.writeFile(path)
}

describe('printing every exported sheet legibly', () => {
  it('sets up A4 landscape pages without squeezing, header rows repeated, 第 x 页 共 y 页, and prints at ≥ 9 pt', async () => {
    const tables = await sheets()
    const files: string[] = []
    for (const [i, t] of tables.entries()) {
      const path = tmp.path(`sheet${i}.xlsx`)
      await writeTableXlsx(path, t)
      files.push(path)
    }
    // page setup read back
    for (const [i, t] of tables.entries()) {
      const wb = await readWorkbook(files[i])
      const ws = wb.getWorksheet(t.sheetName)!
      const setup = ws.pageSetup
      expect(setup.paperSize, t.title).toBe(9)
      expect(setup.orientation, t.title).toBe('landscape')
      expect(setup.printTitlesRow, t.title).toBe(`4:${3 + t.headerRows.length}`)
      expect(ws.headerFooter.oddFooter, t.title).toBe(PAGE_FOOTER)
      expect(PAGE_FOOTER).toBe('&C第 &P 页 共 &N 页')
      if (setup.fitToPage) expect([setup.fitToWidth, setup.fitToHeight], t.title).toEqual([1, 0])
      else expect(setup.scale, t.title).toBeGreaterThanOrEqual(90)
    }
    const wide = (name: string) => {
      const i = tables.findIndex((t) => t.sheetName === name)
      return readWorkbook(files[i]).then((wb) => wb.getWorksheet(name)!)
    }
    // the 19-column 发放明细 does not fit one page width at 9 pt: page columns, 序号/发放单位/案件编号 on each
    const payments = await wide('发放明细')
    expect(payments.pageSetup.fitToPage).toBe(false)
    expect(payments.pageSetup.printTitlesColumn).toBe('A:C')
    expect(payments.pageSetup.pageOrder).toBe('overThenDown')
    const xml = new TextDecoder().decode(
      unzipSync(readFileSync(files[tables.findIndex((t) => t.sheetName === '发放明细')]))['xl/worksheets/sheet1.xml'],
    )
    // one break, before the 资金来源 group (column L, 0-based 11): the group is not split between pages
    expect(xml.match(/<colBreaks.*<\/colBreaks>/)?.[0]).toMatch(
      /<colBreaks count="1" manualBreakCount="1"><brk id="11" max="1048575" man="1"\/><\/colBreaks>/,
    )

    const reference = tmp.path('reference.xlsx')
    await writeReference(reference)
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', tmp.dir, reference, ...files], {
      timeout: 300_000,
      stdio: 'ignore',
    })
    // kept for looking at (pdftoppm -png -r 60 test-results/print-*.pdf)
    mkdirSync('test-results', { recursive: true })
    for (const [i, t] of tables.entries())
      copyFileSync(tmp.path(`sheet${i}.pdf`), `test-results/print-${t.sheetName}.pdf`)
    // 发放明细 page 2 is the second page column of the same rows: row labels and the 资金来源 group's header
    const paymentsPdf = words(tmp.path(`sheet${tables.findIndex((t) => t.sheetName === '发放明细')}.pdf`)).words
    const page2 = paymentsPdf.filter((w) => w.page === 2).map((w) => w.text)
    expect(page2).toEqual(
      expect.arrayContaining(['序号', '发放单位', '救助案件编号', '资金来源（元）', '社会捐助', '备注']),
    )
    expect(page2).not.toContain('证件号码')
    // the 统计表 with 上年同期 and 同比 fits one page width at ≥ 90 %; the 同比（按单位）sheet prints a group
    // (决定给予救助, 发放救助金) per page width with the 单位 column repeated
    const yoyForm = await wide('统计表（附上年同期）')
    expect(yoyForm.pageSetup.fitToPage).toBe(true)
    const yoyRollup = await wide('同比')
    expect(yoyRollup.pageSetup.fitToPage).toBe(false)
    expect(yoyRollup.pageSetup.printTitlesColumn).toBe('A:A')
    const yoyPdf = words(tmp.path(`sheet${tables.findIndex((t) => t.sheetName === '同比')}.pdf`)).words
    const yoyPage = (p: number) => yoyPdf.filter((w) => w.page === p).map((w) => w.text)
    expect(yoyPage(1)).toEqual(expect.arrayContaining(['单位', '决定给予救助', '本期', '上年同期', '同比']))
    expect(yoyPage(1)).not.toContain('发放救助金')
    expect(yoyPage(2)).toEqual(expect.arrayContaining(['单位', '发放救助金', '本期', '上年同期', '同比', '合计']))
    const ref = words(tmp.path('reference.pdf')).words.find((w) => w.text === '参照文字十磅')!
    const pointsPerHeight = 10 / ref.height
    for (const [i, t] of tables.entries()) {
      const { pages, words: ws } = words(tmp.path(`sheet${i}.pdf`))
      expect(ws.length, t.title).toBeGreaterThan(20)
      const smallest = Math.min(...ws.map((w) => w.height * pointsPerHeight))
      expect(smallest, `${t.title}：最小字号 ${smallest.toFixed(2)} 磅`).toBeGreaterThanOrEqual(8.99)
      // the header rows on every page of the table (the 数据来源 sheet's pages follow)
      const firstHeader = t.headerRows[0][0].label
      const provenancePage = ws.find((w) => w.text.startsWith('数据来源与生成信息'))?.page ?? pages + 1
      const tablePages = Array.from({ length: provenancePage - 1 }, (_, p) => p + 1)
      expect(tablePages.length, t.title).toBeGreaterThan(1)
      const withHeader = new Set(ws.filter((w) => w.text === firstHeader).map((w) => w.page))
      expect(
        tablePages.filter((p) => !withHeader.has(p)),
        `${t.title}：缺表头的页`,
      ).toEqual([])
      for (let p = 1; p <= pages; p++) {
        const texts = ws.filter((w) => w.page === p).map((w) => w.text)
        expect(texts.join(' '), `${t.title} 第 ${p} 页`).toMatch(new RegExp(`第 ${p} 页 共 ${pages} 页`))
      }
    }
  }, 400_000)
})
