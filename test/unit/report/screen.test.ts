import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reportInputs, reportInputsVersion } from '../../../renderer/src/db'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { dashboardFigures, fenToWan, monthLabel } from '../../../renderer/src/features/dashboard/chartData'
import { categoryOption, officeOption, trendOption } from '../../../renderer/src/features/dashboard/chartOptions'
import {
  cellAlign,
  defaultPeriodChoice,
  exportFileName,
  formatCell,
  periodFromChoice,
  previewColumns,
} from '../../../renderer/src/features/reports/reportModel'
import { runReport } from '../../../renderer/src/features/reports/runReport'
import { safeFileNameSchema } from '../../../shared/ipc/contract'
import { collectStats, statsRollupTable, statsTable } from '../../../shared/report/definitions/stats'
import { parsePeriod } from '../../../shared/report/period'
import { yearOnYear } from '../../../shared/report/yoy'
import { freshDb, setUp } from '../db/fixtures'
import { generateDataset, tableNames, units } from './fixtures'
import { inScope, naiveStats } from './naive'

const ds = generateDataset()

describe('统计报表 screen helpers', () => {
  it('turns the period picker into the statistical period of period.ts', () => {
    const c = defaultPeriodChoice('2026-08-15')
    expect(c).toEqual({ kind: 'year', year: 2026, half: 2, quarter: 3, month: 8 })
    expect(periodFromChoice(c).label).toBe('2026年1月1日至2026年12月31日')
    expect(periodFromChoice({ ...c, kind: 'half', half: 1 })).toMatchObject({ from: '2026-01-01', to: '2026-06-30' })
    expect(periodFromChoice({ ...c, kind: 'quarter' })).toMatchObject({ from: '2026-07-01', to: '2026-09-30' })
    expect(periodFromChoice({ ...c, kind: 'month', month: 2 })).toMatchObject({ from: '2026-02-01', to: '2026-02-28' })
    expect(periodFromChoice({ ...c, kind: 'range', from: '2026-03-05', to: '2026-04-01' }).name).toBe(
      '2026年3月5日至2026年4月1日',
    )
    expect(() => periodFromChoice({ ...c, kind: 'range', from: '2026-03-05' })).toThrow(
      '请选择自定义统计期间的起止日期',
    )
    expect(() => periodFromChoice({ ...c, kind: 'range', from: '2026-05-01', to: '2026-04-01' })).toThrow(
      '结束日期早于开始日期',
    )
  })

  it('nests the HTML-style header rows of every report into preview columns, one leaf per column', async () => {
    const agg = await collectStats(ds, {
      scope: { unitCode: '330000', units },
      generatedAt: '2026-07-01T00:00:00.000Z',
      generatedBy: 't',
      period: parsePeriod('2025'),
    })
    const stats = previewColumns(statsTable(agg))
    expect(stats.map((c) => c.title)).toEqual(['项目', '行次', '本期'])
    expect(stats[0]).toMatchObject({ index: 0 })
    expect(stats[2].children?.map((c) => [c.title, c.index])).toEqual([
      ['件数', 2],
      ['人数', 3],
      ['金额（元）', 4],
    ])
    const rollup = previewColumns(statsRollupTable(agg, 'main'))
    expect(rollup.map((c) => c.title).slice(0, 4)).toEqual(['单位', '线索和告知', '申请和受理', '决定给予救助'])
    expect(rollup.find((c) => c.title === '不予救助件数')).toMatchObject({ index: 11 })
    // a three-row header with a cell spanning two rows in the middle
    const three = previewColumns({
      headerRows: [
        [
          { label: 'A', rowSpan: 3, colSpan: 1 },
          { label: 'B', colSpan: 3, rowSpan: 1 },
        ],
        [
          { label: 'B1', colSpan: 2, rowSpan: 1 },
          { label: 'B2', rowSpan: 2, colSpan: 1 },
        ],
        [
          { label: 'x', colSpan: 1, rowSpan: 1 },
          { label: 'y', colSpan: 1, rowSpan: 1 },
        ],
      ],
      columns: ['a', 'x', 'y', 'b2'].map((key) => ({ key, kind: 'text' as const })),
    })
    expect(three).toEqual([
      { key: 'h0-0', title: 'A', index: 0 },
      {
        key: 'h0-1',
        title: 'B',
        children: [
          {
            key: 'h1-1',
            title: 'B1',
            children: [
              { key: 'h2-1', title: 'x', index: 1 },
              { key: 'h2-2', title: 'y', index: 2 },
            ],
          },
          { key: 'h1-3', title: 'B2', index: 3 },
        ],
      },
    ])
    expect(() =>
      previewColumns({ headerRows: [[{ label: 'A', colSpan: 2 }]], columns: [{ key: 'a', kind: 'text' }] }),
    ).toThrow(RangeError)
  })

  it('shows cells with the Excel number formats: 元 with two decimals, integers, 0.0%, one decimal, — centred', () => {
    expect(formatCell('fen', 123456789)).toBe('1,234,567.89')
    expect(formatCell('fen', 0)).toBe('0.00')
    expect(formatCell('integer', 42)).toBe('42')
    expect(formatCell('percent', 2 / 3)).toBe('66.7%')
    expect(formatCell('decimal', 9.25)).toBe('9.3')
    expect(formatCell('integer', '—')).toBe('—')
    // 同比: signed, one decimal; the fraction is rounded to the printed digit (halves away from zero)
    expect(formatCell('change', yearOnYear(9, 8))).toBe('+12.5%')
    expect(formatCell('change', yearOnYear(97, 100))).toBe('−3.0%')
    expect(formatCell('change', yearOnYear(100, 100))).toBe('0.0%')
    expect(formatCell('change', yearOnYear(0, 7))).toBe('−100.0%')
    expect(yearOnYear(799, 800)).toBe(-0.001) // −0.125 % → −0.1 %
    expect(yearOnYear(2001, 2000)).toBe(0.001) // +0.05 % → +0.1 %
    expect(yearOnYear(5, 0)).toBe('—')
    expect(yearOnYear('—', 3)).toBe('—')
    expect(formatCell('text', null)).toBe('')
    expect(cellAlign('integer', '—')).toBe('center')
    expect(cellAlign('fen', 5)).toBe('right')
    expect(cellAlign('text', '合计')).toBe('left')
  })

  it('names export files so that the IPC contract accepts them', () => {
    for (const text of ['2025', '2025H2', '2025Q3', '2025-03', '2025-01-05..2025-02-01']) {
      const name = exportFileName({ title: '国家司法救助工作情况统计表' }, parsePeriod(text), '20260701-101500')
      expect(safeFileNameSchema.safeParse(name).success, name).toBe(true)
    }
  })

  it('runs each report on the inputs: the 统计表 with its three roll-ups at a higher office, one table otherwise', async () => {
    const inputs = {
      records: Object.fromEntries(tableNames.map((t) => [t, ds[t]])) as never,
      units,
      bundles: { '330100': 'archive_330100_330000_7_20260701' },
    }
    const run = {
      period: parsePeriod('2025'),
      generatedAt: '2026-07-01T00:00:00.000Z',
      generatedBy: '钱统计',
      signatures: { preparer: '钱统计' },
    }
    const province = await runReport(inputs, { ...run, kind: 'stats', unitCode: '330000' })
    expect(province.map((v) => [v.key, v.table.sheetName])).toEqual([
      ['stats', '统计表'],
      ['rollup', '汇总表'],
      ['groups', '重点群体'],
      ['categories', '对象类别'],
    ])
    expect(province[0].table.signatures?.preparer).toBe('钱统计')
    expect(province[0].table.provenanceInfo?.inputs.find((i) => i.unitCode === '330100')?.bundleId).toBe(
      'archive_330100_330000_7_20260701',
    )
    const basic = await runReport(inputs, { ...run, kind: 'stats', unitCode: '330102' })
    expect(basic).toHaveLength(1)
    expect(basic[0].table.unitName).toBe('杭州市上城区人民检察院')
    const pay = await runReport(inputs, { ...run, kind: 'payments', unitCode: '330100' })
    expect(pay.map((v) => v.table.title)).toEqual(['2025年度救助资金发放明细表'])
    const time = await runReport(inputs, { ...run, kind: 'timeliness', unitCode: '330100' })
    expect(time.map((v) => v.table.title)).toEqual(['国家司法救助办案时限情况表'])
  })
})

describe('工作台 chart figures come from the 统计表’s own counters', () => {
  it('trend, categories and offices equal the naive figures; the options carry them unchanged', async () => {
    const period = parsePeriod('2025')
    const agg = await collectStats(ds, {
      scope: { unitCode: '330000', units },
      generatedAt: '2026-07-01T00:00:00.000Z',
      generatedBy: 't',
      period,
    })
    const f = dashboardFigures(agg)
    expect(f.months.map((m) => m.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`),
    )
    const whole = naiveStats(ds, { from: period.from, to: period.to }, inScope)
    const sum = (k: 'applied' | 'granted' | 'paidFen') => f.months.reduce((s, m) => s + m[k], 0)
    expect(sum('applied')).toBe(whole.get('applied')![0])
    expect(sum('granted')).toBe(whole.get('granted')![0])
    expect(sum('paidFen')).toBe(Math.round((whole.get('paid')![2] as number) * 100))
    for (const c of f.categories) {
      expect(c.cases, c.label).toBe(whole.get(`kind:${c.kind}`)![0])
      expect(c.grantedFen, c.label).toBe(Math.round((whole.get(`kind:${c.kind}`)![2] as number) * 100))
    }
    // 330000 is the top of this directory: own row, the two 市院 with their 基层院, and 339901 (not in the directory)
    expect(f.offices.map((o) => o.label)).toEqual(['浙江省院（本级）', '杭州市院', '宁波市院', '未在单位目录中'])
    const members = [['330000'], ['330100', '330102', '330106'], ['330200', '330203'], ['339901']]
    f.offices.forEach((o, i) => {
      const n = naiveStats(ds, { from: period.from, to: period.to }, (u) => members[i].includes(u))
      expect(o.granted, o.label).toBe(n.get('granted')![0])
      expect(o.grantedFen, o.label).toBe(Math.round((n.get('granted')![2] as number) * 100))
      expect(o.paidFen, o.label).toBe(Math.round((n.get('paid')![2] as number) * 100))
    })
    const trend = trendOption(f)
    expect(trend.series.map((s) => s.data)).toEqual([
      f.months.map((m) => m.applied),
      f.months.map((m) => m.granted),
      f.months.map((m) => fenToWan(m.paidFen)),
    ])
    expect((trend.xAxis as { data: string[] }).data[0]).toBe('1月')
    expect(categoryOption(f).series[0].data).toEqual(f.categories.map((c) => ({ name: c.label, value: c.cases })))
    expect(officeOption(f).series[2].data).toEqual(f.offices.map((o) => fenToWan(o.paidFen)))
    expect(fenToWan(123_456_789)).toBe(123.4568)
    expect(monthLabel('2025-11', true)).toBe('2025年11月')
  })

  it('a 基层院 has no office chart', async () => {
    const agg = await collectStats(ds, {
      scope: { unitCode: '330102', units },
      generatedAt: '2026-07-01T00:00:00.000Z',
      generatedBy: 't',
      period: parsePeriod('2025'),
    })
    expect(dashboardFigures(agg).offices).toEqual([])
  })
})

describe('reportInputs: the directory and bundles at once, the records a page at a time', () => {
  const big = generateDataset(7, 100)
  const PAGE = 250 // small pages, so that every table spans several
  let db: JiuzhuDb
  beforeAll(async () => {
    db = freshDb()
    await db.open()
    await setUp(db)
    for (const t of tableNames) await db.table(t).bulkAdd(big[t] as never)
    await db.units.bulkPut(
      units.map((u) => ({
        ...u,
        shortName: u.shortName ?? '',
        caseNoPattern: '',
        rev: 0,
        createdAt: '',
        updatedAt: '',
        createdBy: '',
        updatedBy: '',
      })) as never,
    )
    await db.exchange.put({ key: 'origin:330100', unitCode: '330100', lastBundleId: 'archive_330100_x_1_20260701' })
    await db.exchange.put({ key: 'peer:330100', unitCode: '330100' })
  })
  afterAll(async () => {
    await db.delete()
  })

  async function drain(source: unknown): Promise<{ id: string }[]> {
    const out: { id: string }[] = []
    const stream = (typeof source === 'function' ? source() : source) as AsyncIterable<{ id: string }[]>
    for await (const page of stream) out.push(...page)
    return out
  }

  it('every record of every report table once, in key order; the units; each origin’s last bundle', async () => {
    expect(big.persons.length).toBeGreaterThan(PAGE * 4)
    const inputs = await reportInputs(db, '330000', PAGE)
    for (const t of tableNames) {
      const got = await drain(inputs.records[t])
      expect(
        got.map((r) => r.id),
        t,
      ).toEqual(big[t].map((r) => r.id).sort())
    }
    // a source can be read again (each report reads each table once)
    expect((await drain(inputs.records.persons)).length).toBe(big.persons.length)
    expect(inputs.units.find((u) => u.code === '330102')).toEqual({
      code: '330102',
      name: '杭州市上城区人民检察院',
      shortName: '上城区院',
      level: 'basic',
      parentCode: '330100',
    })
    expect(inputs.bundles).toEqual({ '330100': 'archive_330100_x_1_20260701' })
    // no standards held: the definitions fall back to the built-in rule sets and holiday calendar
    expect(inputs.ruleSets).toBeUndefined()
    expect(inputs.calendar).toBeUndefined()
  })

  it('the figures from the paged sources equal those from the arrays', async () => {
    const inputs = await reportInputs(db, '330000', PAGE)
    const run = {
      scope: { unitCode: '330000', units },
      generatedAt: '2026-07-01T00:00:00.000Z',
      generatedBy: 't',
      period: parsePeriod('2025'),
    }
    const paged = await collectStats(inputs.records as never, run)
    const arrays = await collectStats(big, run)
    expect(statsTable(paged).rows).toEqual(statsTable(arrays).rows)
    expect(paged.provenance.info.inputHash).toBe(arrays.provenance.info.inputHash)
  })

  it('the version marker changes when a record is added or a replica import moves the high-water rev', async () => {
    const v0 = await reportInputsVersion(db)
    expect(await reportInputsVersion(db)).toBe(v0)
    await db.followUps.put({ ...big.followUps[0], id: `${big.followUps[0].id}X` } as never)
    const v1 = await reportInputsVersion(db)
    expect(v1).not.toBe(v0)
    await db.exchange.put({ key: 'origin:330100', unitCode: '330100', highWaterRev: 99, lastBundleId: 'b2' })
    expect(await reportInputsVersion(db)).not.toBe(v1)
  })
})
