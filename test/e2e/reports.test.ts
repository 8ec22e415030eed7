import { copyFile, readdir } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { formatYuan } from '../../shared/domain/money'
import { buildPaymentsReport } from '../../shared/report/definitions/payments'
import {
  buildStatsReport,
  collectStats,
  statsFigure,
  statsTable,
  statsTrend,
} from '../../shared/report/definitions/stats'
import { buildTimelinessReport } from '../../shared/report/definitions/timeliness'
import { parsePeriod } from '../../shared/report/period'
import type { CellValue, TableModelParsed } from '../../shared/report/tableModel'
import type { ReportUnit } from '../../shared/report/units'
import { units as fixtureUnits, generateDataset, tableNames } from '../unit/report/fixtures'
import { inScope, naiveRollupColumns, naiveRollupRows, naiveStats, naiveStatsLayout } from '../unit/report/naive'
import { bodyRows, cellValue, merges, sameMoney, type Value } from '../unit/report/xlsx'
import { field, fillSetup, goTo, type Office, RESULTS, readStore, shot, startOffice, writeStores } from './harness'

/**
 * 统计报表 and the 工作台 charts at a 省级院 holding its own records and the replicas of its subordinates (the
 * report tests' fixture province: 省院 → 2 市院 → 3 基层院, plus an office missing from the directory and one outside
 * the province), written into the office's IndexedDB as an import would leave them. Every figure on screen is
 * compared with the naive second implementation of test/unit/report/naive.ts (or, for the payment detail and the
 * time limits, with the shared definition run here in Node on the same records), and the exported xlsx read back
 * with exceljs is compared the same way.
 */
type Page = Office['page']

const ds = generateDataset()
const PROVINCE = {
  name: '浙江省人民检察院',
  shortName: '浙江省院',
  code: '330000',
  level: '省级院',
  parentCode: '100000',
  parentName: '最高人民检察院',
  admin: { username: 'zjadmin', name: '钱统计', password: 'Tongji2026abc' },
}
/** The app's directory also holds 最高人民检察院 (the parent, by name only), so 330000 is not the top of it: the
 * records of 339901 (missing from the directory) are read but not counted — as the provenance says. */
const counted = (u: string) => inScope(u) && u !== '339901'
const T = '2026-07-01T00:00:00.000Z'
const BUNDLE_330100 = 'archive_330100_330000_7_20260701'

async function setUpProvince(page: Page): Promise<void> {
  await fillSetup(page, PROVINCE)
  await page.getByTestId('current-user').waitFor()
}

/** The directory and the records, written as the exchange import leaves them (replicas keep their owner and rev). */
async function seed(page: Page): Promise<void> {
  const unitRows = fixtureUnits
    .filter((u) => u.code !== PROVINCE.code)
    .map((u) => ({
      ...u,
      shortName: u.shortName ?? '',
      caseNoPattern: '',
      rev: 0,
      createdAt: T,
      updatedAt: T,
      createdBy: 'import',
      updatedBy: 'import',
    }))
  const maxRev = Math.max(...tableNames.flatMap((t) => ds[t].filter((r) => r.ownerUnit === '330100').map((r) => r.rev)))
  const stores: Record<string, unknown[]> = {
    ...Object.fromEntries(tableNames.map((t) => [t, ds[t]])),
    units: unitRows,
    exchange: [
      {
        key: 'origin:330100',
        unitCode: '330100',
        highWaterRev: maxRev,
        via: '330100',
        updatedAt: T,
        lastBundleId: BUNDLE_330100,
        revGaps: [],
      },
    ],
  }
  await writeStores(page, stores)
}

/** The directory as the app reads it (the report screen's reportInputs), for the Node-side runs. */
async function appUnits(page: Page): Promise<ReportUnit[]> {
  const rows = (await readStore(page, 'units')) as ReportUnit[]
  return rows.map((u) => ({
    code: u.code,
    name: u.name,
    ...(u.shortName ? { shortName: u.shortName } : {}),
    level: u.level,
    ...(u.parentCode ? { parentCode: u.parentCode } : {}),
  }))
}

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).click()
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click()
}

async function generate(page: Page, report: string, period: { kind: string; year?: string; part?: [string, string] }) {
  await page.locator('label.ant-radio-button-wrapper', { hasText: report }).click()
  await choose(page, '期间类型', period.kind)
  if (period.year) await choose(page, '年份', period.year)
  if (period.part) await choose(page, period.part[0], period.part[1])
  await page.getByRole('button', { name: '生成报表' }).click()
  await page.getByTestId('report-preview').waitFor()
}

/** The preview's body as shown: one array of cell texts per row (a section heading is one cell). */
function previewRows(page: Page): Promise<string[][]> {
  return page
    .getByTestId('report-table')
    .locator('.ant-table-tbody > tr.ant-table-row')
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll(':scope > td')].map((td) => td.textContent ?? '')))
}

/** How the screen shows an expected figure: 元 with two decimals, counts as integers, '—' as it is. */
function shown(v: string | number | null, money: boolean): string {
  if (v === null) return ''
  if (typeof v === 'string') return v
  return money ? formatYuan(Math.round(v * 100)) : String(v)
}

/** The preview's rows are the table's, as printed; a section heading (the 发放明细's 小额应急性帮扶 part) spans its row. */
function expectShownRows(shown: string[][], table: TableModelParsed, where: string) {
  expect(shown.length, where).toBe(table.rows.length)
  table.rows.forEach((r, i) => {
    const section = table.rowStyles[String(i)] === 'section'
    const want = section ? [r[0]] : r.map((v, j) => shownCell(table.columns[j].kind, v))
    expect(shown[i], `${where} 第 ${i + 1} 行`).toEqual(want)
  })
}

function shownCell(kind: string, v: CellValue): string {
  if (v === null) return ''
  if (typeof v === 'string') return v
  if (kind === 'fen') return formatYuan(v)
  if (kind === 'percent') return `${(v * 100).toFixed(1)}%`
  if (kind === 'decimal') return v.toFixed(1)
  if (kind === 'change') return `${v > 0 ? '+' : v < 0 ? '−' : ''}${(Math.abs(v) * 100).toFixed(1)}%`
  return String(v)
}

/** Exports the sheet on screen and reads the file back; the demo profile's files are named 【演示】… */
async function exportAndRead(office: Office, page: Page, prefix: string, demo = false): Promise<ExcelJS.Worksheet> {
  const name = `${demo ? '【演示】' : ''}${prefix}`
  // the export folder is made by the first export
  const written = async () =>
    (await readdir(office.exportDir).catch(() => [] as string[])).filter(
      (f) => f.startsWith(name) && f.endsWith('.xlsx'),
    )
  const before = new Set(await written())
  await page.getByRole('button', { name: '导出 Excel' }).click()
  await page.getByText(`已导出“${prefix}”`).first().waitFor()
  // the file this export wrote (an earlier test's notice or file of the same table must not stand in for it)
  let made: string[] = []
  await expect
    .poll(
      async () => {
        made = (await written()).filter((f) => !before.has(f))
        return made.length
      },
      { message: prefix, timeout: 30_000 },
    )
    .toBe(1)
  const path = `${office.exportDir}/${made[0]}`
  // kept with the screenshots, to be opened (or rendered through LibreOffice) and looked at
  await copyFile(path, `${RESULTS}/reports-export-${prefix}.xlsx`)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(path)
  return wb.worksheets[0]
}

/** A screenshot of the page from the top of `locator` down `height` pixels (full-page shots are too tall to read). */
async function shotFrom(page: Page, locator: ReturnType<Page['getByTestId']>, name: string, height = 820) {
  await locator.scrollIntoViewIfNeeded()
  const box = await locator.boundingBox()
  const scrolled = await page.evaluate(() => window.scrollY)
  const y = Math.max(0, Math.floor((box?.y ?? 0) + scrolled - 40))
  await page.screenshot({ path: `${RESULTS}/${name}.png`, fullPage: true, clip: { x: 0, y, width: 1366, height } })
}

/** The sheet's body rows equal the table model's rows (money in 元, text and '—' as they are, empty as empty). */
function expectSheetEquals(ws: ExcelJS.Worksheet, table: TableModelParsed, where: string) {
  const sheet = bodyRows(ws, table.headerRows.length, table.columns.length)
  expect(sheet.length, `${where}: rows`).toBe(table.rows.length)
  table.rows.forEach((r, i) => {
    // a section heading spans its row: the merged cells read back as the heading
    const cells = table.rowStyles[String(i)] === 'section' ? r.slice(0, 1) : r
    cells.forEach((v, j) => {
      const at = `${where} 第 ${i + 1} 行第 ${j + 1} 列`
      const kind = table.columns[j].kind
      if (typeof v === 'number' && kind === 'fen')
        expect([typeof sheet[i][j], sameMoney(sheet[i][j], v / 100)], at).toEqual(['number', true])
      else if (typeof v === 'number') expect(sheet[i][j] as number, at).toBeCloseTo(v, 6)
      else expect(sheet[i][j], at).toBe(v === null || v === '' ? null : v)
    })
  })
}

function sameFigure(actual: Value, expected: string | number | null, where: string) {
  if (typeof expected === 'number') {
    expect(typeof actual, where).toBe('number')
    expect(sameMoney(actual, expected), `${where}: ${actual} ≠ ${expected}`).toBe(true)
  } else expect(actual, where).toBe(expected)
}

describe('统计报表 and 工作台 charts at a 省级院 with its subordinates’ replicas', () => {
  let office: Office
  let page: Page
  let units: ReportUnit[]
  const year = parsePeriod('2025')
  const w = { from: year.from, to: year.to }

  /** Anything the page's Content Security Policy refused (ECharts must draw without eval or inline scripts). */
  const refused: string[] = []

  beforeAll(async () => {
    office = await startOffice()
    page = office.page
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) refused.push(m.text())
    })
    await setUpProvince(page)
    await seed(page)
    units = await appUnits(page)
    await goTo(page, '统计报表')
  })
  afterAll(async () => {
    await office?.close()
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await shot(page, 'reports-failed').catch(() => {})
  })

  it('previews a year’s 统计表: every cell equals the naive recomputation; footnotes and provenance are shown', async () => {
    await generate(page, '统计表', { kind: '年度', year: '2025年' })
    await expect.poll(() => page.getByTestId('report-title').textContent()).toBe('国家司法救助工作情况统计表')
    const rows = await previewRows(page)
    const expected = naiveStats(ds, w, counted)
    const hasNone = rows.some((r) => r[0] === '未注明救助情形')
    const layout = naiveStatsLayout(hasNone)
    expect(rows.map((r) => r[0])).toEqual(layout.map(([label]) => label))
    let line = 0
    let nonZero = 0
    layout.forEach(([label, key], i) => {
      // a heading row (no key) is the label alone
      if (key === null) expect(rows[i], label).toHaveLength(1)
      else {
        line++
        expect(rows[i][1], label).toBe(String(line))
        const want = expected.get(key)!
        for (let m = 0; m < 3; m++) {
          expect(rows[i][2 + m], `${label} 第 ${m + 3} 列`).toBe(shown(want[m], m === 2))
          if (typeof want[m] === 'number' && want[m] !== 0) nonZero++
        }
      }
    })
    expect(nonZero).toBeGreaterThan(100)
    const preview = page.getByTestId('report-preview')
    await preview.getByText('填报单位：浙江省人民检察院', { exact: true }).waitFor()
    await preview.getByText('统计期间：2025年1月1日至2025年12月31日', { exact: true }).waitFor()
    // the 小额应急性帮扶 note is the first footnote, with this year's count
    const small = ds.cases.filter(
      (c) => counted(c.ownerUnit) && !c.voided && c.smallEmergencyHelp && c.decisionDate?.startsWith('2025'),
    )
    const notes = await page.getByTestId('report-footnotes').locator('.ant-typography').allTextContents()
    expect(notes[0]).toContain('小额应急性帮扶不属于国家司法救助，不纳入本表统计')
    expect(small.length).toBeGreaterThan(0)
    expect(notes[0]).toContain('本期间共排除')
    // 填报人 is the signed-in user
    await page.getByTestId('report-signatures').getByText(`填报人：${PROVINCE.admin.name}`).waitFor()
    // provenance: own records up to rev N, each subordinate up to rev M (and bundle K), the input hash — the same
    // hash the shared definition gives in Node on the same records (it does not depend on when or by whom)
    const node = await collectStats(ds, {
      scope: { unitCode: PROVINCE.code, units },
      generatedAt: T,
      generatedBy: 'node',
      period: year,
    })
    const provenance = (await page.getByTestId('report-provenance').textContent()) ?? ''
    const ownRev = Math.max(...ds.cases.filter((c) => c.ownerUnit === '330000').map((c) => c.rev))
    const own = node.provenance.info.inputs.find((i) => i.unitCode === PROVINCE.code)!
    expect(own.maxRev).toBeGreaterThanOrEqual(ownRev)
    expect(provenance).toContain(`本院数据：截至变更序号 ${own.maxRev}（`)
    const city = node.provenance.info.inputs.find((i) => i.unitCode === '330100')!
    const cityRow = page.getByTestId('report-provenance').getByRole('row', { name: /^330100/ })
    await cityRow.getByRole('cell', { name: String(city.maxRev), exact: true }).waitFor()
    expect(provenance).toContain('下级院数据：5 个单位')
    expect(provenance).toContain('另读入不属本院统计范围的 2 个单位的记录')
    expect(provenance).toContain(BUNDLE_330100)
    expect(provenance).toContain(`生成人：${PROVINCE.admin.name}`)
    expect(provenance).toContain(`输入数据校验值（SHA-256）：${node.provenance.info.inputHash}`)
    await shot(page, 'reports-stats-preview')
    await shotFrom(page, page.getByRole('heading', { name: '统计报表' }), 'reports-stats-top')
    await shotFrom(page, page.getByTestId('report-footnotes'), 'reports-stats-provenance', 1000)
  })

  it('exports the 统计表; the xlsx read back has the same cells, merged headers and signature line', async () => {
    // names typed after the preview go onto the signature line at once (they are not part of the figures)
    await field(page, '审核人').fill('孙审核')
    await page.getByTestId('report-signatures').getByText('审核人：孙审核').waitFor()
    const ws = await exportAndRead(office, page, '国家司法救助工作情况统计表')
    expect(ws.getCell('A1').value).toBe('国家司法救助工作情况统计表')
    expect(ws.getCell('A2').value).toBe('填报单位：浙江省人民检察院')
    const expected = naiveStats(ds, w, counted)
    const rows = bodyRows(ws, 2, 5)
    const layout = naiveStatsLayout(rows.some((r) => r[0] === '未注明救助情形'))
    expect(rows.map((r) => r[0])).toEqual(layout.map(([label]) => label))
    layout.forEach(([label, key], i) => {
      if (key === null) return
      const want = expected.get(key)!
      for (let m = 0; m < 3; m++) sameFigure(rows[i][2 + m], want[m], `${label} 第 ${m + 3} 列`)
    })
    expect(merges(ws)).toEqual(expect.arrayContaining([{ top: 4, left: 3, bottom: 4, right: 5 }]))
    const texts: string[] = []
    for (let r = 1; r <= ws.rowCount; r++) {
      for (let c = 1; c <= 5; c++) {
        const x = cellValue(ws.getCell(r, c))
        if (typeof x === 'string') texts.push(x)
      }
    }
    // the signature line's parts (a narrow sheet puts the last ones in one cell)
    const signed = texts.find((t) => t.startsWith('单位负责人：')) !== undefined ? texts.join('　　').split(/　+/) : []
    expect(signed).toContain(`填报人：${PROVINCE.admin.name}`)
    expect(signed).toContain('审核人：孙审核')
    const sources = ws.workbook.getWorksheet('数据来源')
    expect(sources, '数据来源 sheet').toBeTruthy()
  })

  it('the roll-up: a row per subordinate office, 小计, subtotals by level and 合计, on screen and in the xlsx', async () => {
    const rollupRows = naiveRollupRows
      .filter(([label]) => !label.includes('339901'))
      .map(([label, members]): [string, string[]] => [label, members.filter((m) => m !== '339901')])
    for (const [view, segment, sheetPrefix] of [
      ['main', '汇总表（按单位）', '国家司法救助工作情况汇总表'],
      ['groups', '重点群体（按单位）', '国家司法救助重点群体救助情况汇总表'],
      ['categories', '对象类别（按单位）', '国家司法救助对象类别汇总表'],
    ] as const) {
      await page.getByRole('radiogroup', { name: '报表视图' }).getByText(segment).click()
      await page.getByTestId('report-title').getByText(sheetPrefix).waitFor()
      const rows = await previewRows(page)
      expect(
        rows.map((r) => r[0]),
        segment,
      ).toEqual(rollupRows.map(([label]) => label))
      const columns = naiveRollupColumns[view]
      const ws = await exportAndRead(office, page, sheetPrefix)
      const sheet = bodyRows(ws, 2, 1 + columns.length)
      expect(sheet.map((r) => r[0])).toEqual(rollupRows.map(([label]) => label))
      rollupRows.forEach(([label, members], i) => {
        const expected = naiveStats(ds, w, (u) => members.includes(u))
        columns.forEach(([key, m], j) => {
          const raw = expected.get(key)![m]
          const want = raw === '—' ? 0 : raw
          expect(rows[i][1 + j], `${segment} ${label} 第 ${j + 2} 列`).toBe(shown(want, m === 2))
          sameFigure(sheet[i][1 + j], want, `${sheetPrefix}.xlsx ${label} 第 ${j + 2} 列`)
        })
      })
      if (view === 'main')
        await shotFrom(page, page.getByRole('heading', { name: '统计报表' }), 'reports-rollup-preview')
    }
  })

  it('发放明细表 for a half-year and 办案时限 for a quarter: the screen and the xlsx equal the definition run in Node', async () => {
    const half = parsePeriod('2025H2')
    await generate(page, '发放明细表', { kind: '半年度', year: '2025年', part: ['上下半年', '下半年'] })
    const run = { scope: { unitCode: PROVINCE.code, units }, generatedAt: T, generatedBy: 'node' }
    const payments = (await buildPaymentsReport(ds, { ...run, period: half })).table
    await checkAgainst(payments, payments.title)
    await shotFrom(page, page.getByRole('heading', { name: '统计报表' }), 'reports-payments-preview')
    const quarter = parsePeriod('2025Q3')
    await generate(page, '办案时限', { kind: '季度', year: '2025年', part: ['第几季度', '第三季度'] })
    const timeliness = (await buildTimelinessReport(ds, { ...run, period: quarter })).table
    await checkAgainst(timeliness, timeliness.title)
    await shotFrom(page, page.getByRole('heading', { name: '统计报表' }), 'reports-timeliness-preview')

    async function checkAgainst(table: TableModelParsed, prefix: string) {
      await page.getByTestId('report-title').getByText(table.title).waitFor()
      expect(table.rows.length).toBeGreaterThan(5)
      const rows = await previewRows(page)
      expectShownRows(rows, table, prefix)
      expectSheetEquals(await exportAndRead(office, page, prefix), table, prefix)
    }
  })

  it('导出全套报表: the year’s 统计表 with its three roll-ups, 发放明细表 and 办案时限 in one workbook, every cell as in Node', async () => {
    await choose(page, '期间类型', '年度')
    await choose(page, '年份', '2025年')
    // (the export folder is made by the first export)
    const before = new Set(await readdir(office.exportDir).catch(() => []))
    await page.getByRole('button', { name: '导出全套报表' }).click()
    await page.getByText('已导出司法救助统计报表（全套）（6 张表）').waitFor()
    const files = (await readdir(office.exportDir)).filter((f) => !before.has(f))
    expect(files).toHaveLength(1)
    expect(files[0]).toMatch(/^司法救助统计报表（全套）-2025年度-\d{8}-\d{6}\.xlsx$/)
    const path = `${office.exportDir}/${files[0]}`
    await copyFile(path, `${RESULTS}/reports-export-all.xlsx`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const run = { scope: { unitCode: PROVINCE.code, units }, generatedAt: T, generatedBy: 'node', period: year }
    const expected = [
      ...(await buildStatsReport(ds, run)).tables,
      (await buildPaymentsReport(ds, run)).table,
      (await buildTimelinessReport(ds, run)).table,
    ]
    expect(wb.worksheets.map((ws) => ws.name)).toEqual([...expected.map((t) => t.sheetName), '数据来源'])
    wb.worksheets.slice(0, -1).forEach((ws, i) => {
      expect(ws.getCell('A1').value, ws.name).toBe(expected[i].title)
      expectSheetEquals(ws, expected[i], ws.name)
    })
    // one 数据来源 sheet naming each report's inputs
    const sources: string[] = []
    wb.getWorksheet('数据来源')!.eachRow((row) => sources.push(String(cellValue(row.getCell(1)) ?? '')))
    for (const t of ['国家司法救助工作情况统计表', expected[4].title, expected[5].title])
      expect(
        sources.some((l) => l.includes(t)),
        t,
      ).toBe(true)
  })

  it('附上年同期、同比: the 统计表 and the 同比（按单位）sheet carry 2024 beside 2025; screen and xlsx as in Node', async () => {
    const yoy = page.getByRole('checkbox', { name: '附上年同期、同比' })
    expect(await yoy.isChecked()).toBe(false)
    await yoy.check()
    try {
      await generate(page, '统计表', { kind: '年度', year: '2025年' })
      const run = { scope: { unitCode: PROVINCE.code, units }, generatedAt: T, generatedBy: 'node', period: year }
      const node = (await buildStatsReport(ds, run, { yoy: true })).tables
      expect(node.map((t) => t.sheetName)).toEqual(['统计表', '汇总表', '重点群体', '对象类别', '同比'])
      const [form, byOffice] = [node[0], node[4]]
      // the 上年同期 columns are 2024's figures, recomputed naively
      const before = naiveStats(ds, { from: '2024-01-01', to: '2024-12-31' }, counted)
      const rows = await previewRows(page)
      expect(rows.length).toBe(form.rows.length)
      const at = (label: string) => rows.find((r) => r[0] === label)!
      for (const [label, key] of [
        ['收到救助申请', 'applied'],
        ['决定给予救助', 'granted'],
        ['发放救助金', 'paid'],
      ] as const) {
        const want = before.get(key)!
        expect(at(label)[5], `${label} 上年同期件数`).toBe(shown(want[0], false))
        expect(at(label)[6], `${label} 上年同期金额`).toBe(shown(want[2], true))
        expect(at(label)[7], `${label} 同比`).toMatch(/^([+−]\d+\.\d%|0\.0%|—)$/)
      }
      expect(Number(at('决定给予救助')[5])).toBeGreaterThan(0)
      // every cell on screen as the definition gives it in Node
      form.rows.forEach((r, i) => {
        if (form.rowStyles[String(i)] === 'section') return
        r.forEach((v, j) => {
          expect(rows[i][j], `统计表 第 ${i + 1} 行第 ${j + 1} 列`).toBe(shownCell(form.columns[j].kind, v))
        })
      })
      await page
        .getByTestId('report-footnotes')
        .getByText('上年同期为2024年1月1日至2024年12月31日', { exact: false })
        .waitFor()
      await shotFrom(page, page.getByRole('heading', { name: '统计报表' }), 'reports-yoy-preview')
      // the downloaded file: same cells, the 本期 / 上年同期 / 同比 headers, 同比 printed with its sign
      const ws = await exportAndRead(office, page, form.title)
      expectSheetEquals(ws, form, '统计表（附上年同期）')
      expect([3, 6, 8].map((c) => cellValue(ws.getCell(4, c)))).toEqual(['本期', '上年同期', '同比'])
      const grantedRow = 6 + form.rows.findIndex((r) => r[0] === '决定给予救助')
      expect(ws.getCell(grantedRow, 8).numFmt).toBe('+0.0%;"−"0.0%;0.0%')
      // the 同比（按单位）view: a row per office with 决定给予救助 and 发放救助金 of both years
      await page.getByRole('radiogroup', { name: '报表视图' }).getByText('同比（按单位）').click()
      await page.getByTestId('report-title').getByText(byOffice.title).waitFor()
      const officeRows = await previewRows(page)
      byOffice.rows.forEach((r, i) => {
        r.forEach((v, j) => {
          expect(officeRows[i][j], `同比 第 ${i + 1} 行第 ${j + 1} 列`).toBe(shownCell(byOffice.columns[j].kind, v))
        })
      })
      await shotFrom(page, page.getByRole('heading', { name: '统计报表' }), 'reports-yoy-offices')
      expectSheetEquals(await exportAndRead(office, page, byOffice.title), byOffice, '同比（按单位）')
    } finally {
      await yoy.uncheck()
    }
  })

  it('工作台 charts: canvases drawn; the series are the 统计表’s own figures for the year', async () => {
    await goTo(page, '工作台')
    const charts = page.getByTestId('dashboard-charts')
    await choose(page, '图表年份', '2025年')
    // the charts of the year shown before (the current one) stay until 2025's figures are in: wait for 2025's
    await charts.getByRole('img', { name: '2025年月度趋势' }).waitFor()
    for (const id of ['chart-trend', 'chart-category', 'chart-office']) {
      await charts.getByTestId(id).locator('canvas').first().waitFor()
    }
    const agg = await collectStats(ds, {
      scope: { unitCode: PROVINCE.code, units },
      generatedAt: T,
      generatedBy: 'node',
      period: year,
    })
    const series = async (id: string) =>
      JSON.parse((await charts.getByTestId(id).getAttribute('data-series')) ?? '[]') as {
        name: string
        data: (number | { name: string; value: number })[]
      }[]
    const trend = statsTrend(agg)
    const t = await series('chart-trend')
    expect(t.map((s) => s.name)).toEqual(['收到申请（件）', '决定救助（件）', '发放金额（万元）'])
    expect(t[0].data).toEqual(trend.map((m) => m.applied))
    expect(t[1].data).toEqual(trend.map((m) => m.granted))
    expect(t[2].data).toEqual(trend.map((m) => Math.round(m.paidFen / 100) / 10_000))
    // the months add up to the 统计表's lines (naive figures)
    const expected = naiveStats(ds, w, counted)
    expect((t[1].data as number[]).reduce((a, b) => a + b, 0)).toBe(expected.get('granted')![0])
    expect((t[0].data as number[]).reduce((a, b) => a + b, 0)).toBe(expected.get('applied')![0])
    const c = await series('chart-category')
    const kinds = ['criminal-victim', 'witness', 'civil-tort', 'other', 'none']
    const labels = ['刑事被害人及其近亲属', '举报人、证人、鉴定人', '民事侵权受害人', '其他人员', '未注明救助情形']
    const pie = kinds
      .map((k, i) => ({ name: labels[i], value: expected.get(`kind:${k}`)![0] as number }))
      .filter((x) => x.value > 0)
    expect(c[0].data).toEqual(pie)
    const o = await series('chart-office')
    const members: [string, string[]][] = [
      ['330000', ['330000']],
      ['330100', ['330100', '330102', '330106']],
      ['330200', ['330200', '330203']],
    ]
    expect(o[0].data).toEqual(members.map(([, m]) => naiveStats(ds, w, (u) => m.includes(u)).get('granted')![0]))
    expect(o[1].data).toEqual(members.map(([, m]) => Math.round(statsFigure(agg, 'granted', 'f', m) / 100) / 10_000))
    await shotFrom(page, charts, 'reports-dashboard-charts', 900)
    expect(refused).toEqual([])
  })

  it('系统设置 → 统计报表表式与签署: the 表号, 制表机关, signatories and phone print on the preview and the exported sheet', async () => {
    await goTo(page, '系统设置')
    const card = page.getByTestId('report-form-card')
    await card.getByLabel('统计表表号').fill('高检救统1表')
    await card.getByLabel('单位负责人').fill('王检察长')
    await card.getByLabel('审核人').fill('李审核')
    await card.getByLabel('联系电话').fill('0571-87654321')
    await card.getByRole('button', { name: '保存表式与签署' }).click()
    await page.getByText('已保存：统计报表表式与签署').waitFor()
    expect(await card.getByLabel('统计表表号').inputValue()).toBe('高检救统1表')
    await shotFrom(page, card, 'reports-settings-form', 360)
    // a bad phone number is refused in Chinese; what was saved stays
    await card.getByLabel('联系电话').fill('找王科长')
    await card.getByRole('button', { name: '保存表式与签署' }).click()
    await card.getByRole('alert').getByText('联系电话只能填写数字、短横线、括号和“转”', { exact: false }).waitFor()
    // the refused phone is unsaved input: leaving asks first, and the clerk gives it up
    await goTo(page, '统计报表')
    const leave = page.getByRole('dialog').filter({ hasText: '有未保存的内容' })
    await leave.getByRole('button', { name: '放弃并离开' }).click()
    await leave.waitFor({ state: 'detached' })
    await generate(page, '统计表', { kind: '年度', year: '2025年' })
    const preview = page.getByTestId('report-preview')
    await preview.getByText('表号：高检救统1表　　制表机关：最高人民检察院', { exact: true }).waitFor()
    const signatures = page.getByTestId('report-signatures')
    for (const part of [
      '单位负责人：王检察长',
      '审核人：李审核',
      `填报人：${PROVINCE.admin.name}`,
      '联系电话：0571-87654321',
    ])
      await signatures.getByText(part, { exact: true }).waitFor()
    await page.getByTestId('report-seal').getByText('填报单位（盖章）', { exact: true }).waitFor()
    await shotFrom(page, page.getByTestId('report-footnotes'), 'reports-furniture-preview', 500)
    const ws = await exportAndRead(office, page, '国家司法救助工作情况统计表')
    const texts: string[] = []
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const x = cellValue(c)
        if (c.master.address === c.address && typeof x === 'string') texts.push(x)
      }),
    )
    expect(texts).toContain('表号：高检救统1表　　制表机关：最高人民检察院')
    expect(texts).toContain('填报单位（盖章）')
    const signed = texts
      .filter((t) => /^(单位负责人|审核人|填报人|联系电话|填报日期)：/.test(t))
      .join('　　')
      .split(/　+/)
    expect(signed.slice(0, 4)).toEqual([
      '单位负责人：王检察长',
      '审核人：李审核',
      `填报人：${PROVINCE.admin.name}`,
      '联系电话：0571-87654321',
    ])
  })
})

describe('统计报表 on the demo profile (a 基层院 with three years of generated cases)', () => {
  let office: Office
  let page: Page
  const DB = 'jiuzhu-desk-demo'

  beforeAll(async () => {
    office = await startOffice()
    page = office.page
    await page.getByText('司法救助工作台 · 首次设置').waitFor()
    await page.getByRole('button', { name: /打开演示环境/ }).click()
    await page.getByRole('button', { name: '载入演示数据' }).click()
    await page.getByText('演示环境：数据为程序生成，非正式记录').waitFor({ timeout: 90_000 })
    const row = page.getByRole('row', { name: /控申承办检察官/ }).first()
    const username = (await row.getByRole('cell').first().textContent())?.trim() ?? ''
    await field(page, '登录名').fill(username)
    await field(page, '密码').fill('Yanshi2026')
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.getByTestId('current-user').waitFor()
  })
  afterAll(async () => {
    await office?.close()
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && page) await shot(page, 'reports-demo-failed').catch(() => {})
  })

  async function demoRecords() {
    const records = Object.fromEntries(
      await Promise.all(tableNames.map(async (t) => [t, await readStore(page, t, DB)] as const)),
    ) as unknown as typeof ds
    const units = ((await readStore(page, 'units', DB)) as ReportUnit[]).map((u) => ({
      code: u.code,
      name: u.name,
      ...(u.shortName ? { shortName: u.shortName } : {}),
      level: u.level,
      ...(u.parentCode ? { parentCode: u.parentCode } : {}),
    }))
    const own = ((await readStore(page, 'settings', DB)) as { key: string; value: unknown }[]).find(
      (s) => s.key === 'ownUnit',
    )?.value as string | undefined
    return { records, units, own }
  }

  it('a year’s 统计表 and a custom range’s 发放明细表 equal the naive figures and the definitions in Node; the exports too', async () => {
    const { records, units, own } = await demoRecords()
    const unitCode = own ?? records.cases[0].ownerUnit
    expect(records.cases.length).toBeGreaterThan(200)
    await goTo(page, '统计报表')
    await generate(page, '统计表', { kind: '年度', year: '2025年' })
    const period = parsePeriod('2025')
    const rows = await previewRows(page)
    const mine = (u: string) => u === unitCode
    const naive = naiveStats(records, { from: period.from, to: period.to }, mine)
    // the items the naive implementation names are all there with the same figures
    const byLabel = new Map(rows.map((r) => [r[0], r]))
    for (const [label, key] of [
      ['受理救助线索', 'clues'],
      ['收到救助申请', 'applied'],
      ['受理救助申请', 'accepted'],
      ['决定给予救助', 'granted'],
      ['　其中：先行救助', 'advance'],
      ['决定不予救助', 'refused'],
      ['发放救助金', 'paid'],
      ['追回救助金（件为次数）', 'recovered'],
      ['开展多元救助（件为次数）', 'referrals'],
      ['回访（件为次数）', 'followUps'],
      ['收到救助资金合计', 'funds'],
      ['接受社会捐助', 'donations'],
    ] as const) {
      const want = naive.get(key)!
      const row = byLabel.get(label)
      expect(row, label).toBeTruthy()
      for (let m = 0; m < 3; m++) expect(row![2 + m], `${label} 第 ${m + 3} 列`).toBe(shown(want[m], m === 2))
    }
    expect(Number(byLabel.get('决定给予救助')![2])).toBeGreaterThan(10)
    // and every cell equals the definition run here on the same records
    const run = { scope: { unitCode, units }, generatedAt: T, generatedBy: 'node', period }
    const node = statsTable(await collectStats(records, run))
    expectShownRows(rows, node, '统计表')
    const ws = await exportAndRead(office, page, '国家司法救助工作情况统计表', true)
    const sheet = bodyRows(ws, 2, 5)
    expect(sheet.length).toBe(node.rows.length)
    node.rows.forEach((r, i) => {
      if (node.rowStyles[String(i)] === 'section') return
      for (let j = 2; j < 5; j++) {
        const v = r[j]
        const where = `统计表.xlsx 第 ${i + 1} 行第 ${j + 1} 列`
        sameFigure(sheet[i][j], typeof v === 'number' && j === 4 ? v / 100 : v, where)
      }
    })
    await shotFrom(page, page.getByRole('heading', { name: '统计报表' }), 'reports-demo-stats')

    // a custom range typed into the date range picker
    await page.locator('label.ant-radio-button-wrapper', { hasText: '发放明细表' }).click()
    await choose(page, '期间类型', '自定义')
    const range = page.getByLabel('起止日期')
    await range.first().click()
    await page.locator('.ant-picker-range input').first().fill('2025-03-10')
    await page.keyboard.press('Enter')
    await page.locator('.ant-picker-range input').last().fill('2025-09-20')
    await page.keyboard.press('Enter')
    await page.getByRole('button', { name: '生成报表' }).click()
    await page
      .getByTestId('report-preview')
      .getByText('统计期间：2025年3月10日至2025年9月20日', { exact: true })
      .waitFor()
    const custom = parsePeriod('2025-03-10..2025-09-20')
    const payments = (await buildPaymentsReport(records, { ...run, period: custom })).table
    const shownRows = await previewRows(page)
    expectShownRows(shownRows, payments, '发放明细')
    const paid = records.cases.filter(
      (c) =>
        mine(c.ownerUnit) &&
        !c.voided &&
        !c.smallEmergencyHelp &&
        c.payment &&
        c.payment.paidDate >= custom.from &&
        c.payment.paidDate <= custom.to,
    )
    expect(paid.length).toBeGreaterThan(5)
    // the 合计 of the statistics' payments (小额应急性帮扶, if any, follow it apart, then the 发放总计)
    expect(shownRows.some((r) => r[1] === `合计（${paid.length} 笔）`)).toBe(true)
    const pws = await exportAndRead(office, page, payments.title, true)
    expect(bodyRows(pws, 2, payments.columns.length).length).toBe(payments.rows.length)
  })

  it('the 工作台 of a 基层院: trend and category charts, no office chart', async () => {
    const { records, units, own } = await demoRecords()
    const unitCode = own ?? records.cases[0].ownerUnit
    await goTo(page, '工作台')
    const charts = page.getByTestId('dashboard-charts')
    await choose(page, '图表年份', '2025年')
    await charts.getByRole('img', { name: '2025年月度趋势' }).waitFor()
    await charts.getByTestId('chart-trend').locator('canvas').first().waitFor()
    await charts.getByTestId('chart-category').locator('canvas').first().waitFor()
    expect(await charts.getByTestId('chart-office').count()).toBe(0)
    const agg = await collectStats(records, {
      scope: { unitCode, units },
      generatedAt: T,
      generatedBy: 'node',
      period: parsePeriod('2025'),
    })
    const t = JSON.parse((await charts.getByTestId('chart-trend').getAttribute('data-series')) ?? '[]')
    expect(t[1].data).toEqual(statsTrend(agg).map((m) => m.granted))
    await shotFrom(page, charts, 'reports-demo-dashboard', 760)
  })
})
