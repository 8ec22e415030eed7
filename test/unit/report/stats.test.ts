import { beforeAll, describe, expect, it } from 'vitest'
import { writeWorkbookXlsx } from '../../../electron/services/excel/writeTable'
import * as S from '../../../shared/domain/schemas'
import { buildStatsReport, collectStats, statsTable, statsTrend } from '../../../shared/report/definitions/stats'
import { parsePeriod } from '../../../shared/report/period'
import type { RecordStream } from '../../../shared/report/source'
import { type Dataset, dataOffices, generateDataset, tableNames, units } from './fixtures'
import { inScope, naiveRollupColumns, naiveRollupRows, naiveStats, naiveStatsLayout } from './naive'
import { tempDir } from './tempDir'
import { bodyRows, footnotes, merges, readWorkbook, sameMoney, type Value } from './xlsx'

const ds = generateDataset()
const period = parsePeriod('2025')
const window = { from: period.from, to: period.to }
const run = {
  scope: { unitCode: '330000', units },
  generatedAt: '2026-07-01T02:00:00.000Z',
  generatedBy: '统计员甲',
  period,
}

const tmp = tempDir('report-stats-')

function expectCell(actual: Value, expected: string | number | null, where: string) {
  if (typeof expected === 'number' && typeof actual === 'number' && !Number.isInteger(expected)) {
    expect(sameMoney(actual, expected), `${where}: ${actual} ≠ ${expected}`).toBe(true)
  } else if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.round(actual * 100), where).toBe(Math.round(expected * 100))
  } else expect(actual, where).toBe(expected)
}

describe('the fixture province', () => {
  it('holds only records that pass the record schemas, in every state the reports distinguish', () => {
    const schemas: Record<(typeof tableNames)[number], { safeParse: (v: unknown) => { success: boolean } }> = {
      persons: S.personSchema,
      clues: S.clueSchema,
      cases: S.caseSchema,
      referrals: S.referralSchema,
      followUps: S.followUpSchema,
      ledger: S.ledgerEntrySchema,
      donations: S.donationSchema,
    }
    for (const t of tableNames) {
      const bad = (ds[t] as unknown[]).filter((r) => !schemas[t].safeParse(r).success)
      expect(bad, t).toEqual([])
    }
    const states = new Set(ds.cases.map((c) => c.state))
    for (const s of [
      'paid',
      'follow-up',
      'refused',
      'needs-supplement',
      'abandoned',
      'withdrawn',
      'approval',
      'applied',
    ]) {
      expect(states.has(s as S.CaseState), s).toBe(true)
    }
    expect(ds.cases.some((c) => c.smallEmergencyHelp && c.payment)).toBe(true)
    expect(ds.cases.some((c) => c.voided)).toBe(true)
    expect(ds.cases.some((c) => c.decision?.advance && c.payment)).toBe(true)
    expect(ds.cases.some((c) => c.recoveries.length > 0)).toBe(true)
    expect(ds.ledger.some((e) => e.kind === 'reversal')).toBe(true)
  })
})

describe('国家司法救助工作情况统计表', () => {
  let path = ''
  beforeAll(async () => {
    const { tables } = await buildStatsReport(ds, run)
    path = tmp.path('stats.xlsx')
    await writeWorkbookXlsx(path, tables)
  })

  it('every cell of the 统计表 equals the naive recomputation, read back from the xlsx', async () => {
    const wb = await readWorkbook(path)
    const ws = wb.getWorksheet('统计表')!
    const expected = naiveStats(ds, window, inScope)
    const hasNone = ds.cases.some(
      (c) =>
        !c.voided &&
        !c.smallEmergencyHelp &&
        inScope(c.ownerUnit) &&
        c.decision?.outcome === 'granted' &&
        c.decisionDate! >= window.from &&
        c.decisionDate! <= window.to &&
        c.categoryItemCode === undefined,
    )
    const layout = naiveStatsLayout(hasNone)
    const rows = bodyRows(ws, 2, 5)
    expect(rows.map((r) => r[0])).toEqual(layout.map(([label]) => label))
    let line = 0
    let nonZero = 0
    layout.forEach(([label, key], i) => {
      if (key === null) return
      line++
      expect(rows[i][1], label).toBe(line)
      const want = expected.get(key)!
      for (let m = 0; m < 3; m++) {
        expectCell(rows[i][2 + m], want[m], `${label} 第 ${m + 1} 列`)
        if (typeof want[m] === 'number' && want[m] !== 0) nonZero++
      }
    })
    expect(nonZero).toBeGreaterThan(120)
    expect(ws.getCell('A1').value).toBe('国家司法救助工作情况统计表')
    expect(ws.getCell('A2').value).toBe('填报单位：浙江省人民检察院')
    expect(String(ws.getCell('C2').value)).toContain('2025年1月1日至2025年12月31日')
  })

  for (const text of ['2025Q2', '2025-03', '2025-11-15..2026-02-10', '2026H1']) {
    it(`every cell of the 统计表 for ${text} equals the naive recomputation, read back from the xlsx`, async () => {
      const p = parsePeriod(text)
      const w = { from: p.from, to: p.to }
      const file = tmp.path(`stats-${text.replace(/\W/g, '')}.xlsx`)
      const { tables } = await buildStatsReport(ds, { ...run, period: p })
      await writeWorkbookXlsx(file, tables.slice(0, 1))
      const ws = (await readWorkbook(file)).getWorksheet('统计表')!
      const expected = naiveStats(ds, w, inScope)
      const rows = bodyRows(ws, 2, 5)
      const hasNone = rows.some((r) => r[0] === '未注明救助情形')
      const layout = naiveStatsLayout(hasNone)
      expect(rows.map((r) => r[0])).toEqual(layout.map(([label]) => label))
      layout.forEach(([label, key], i) => {
        if (key === null) return
        const want = expected.get(key)!
        for (let m = 0; m < 3; m++) expectCell(rows[i][2 + m], want[m], `${text} ${label} 第 ${m + 1} 列`)
      })
      expect(String(ws.getCell('C2').value)).toBe(`统计期间：${p.label}`)
    })
  }

  it('every cell of the three roll-up sheets (office rows, 小计, subtotals by level, 合计) equals the naive figures', async () => {
    const wb = await readWorkbook(path)
    for (const [view, sheet] of [
      ['main', '汇总表'],
      ['groups', '重点群体'],
      ['categories', '对象类别'],
    ] as const) {
      const ws = wb.getWorksheet(sheet)!
      const columns = naiveRollupColumns[view]
      const rows = bodyRows(ws, 2, 1 + columns.length)
      expect(
        rows.map((r) => r[0]),
        sheet,
      ).toEqual(naiveRollupRows.map(([label]) => label))
      naiveRollupRows.forEach(([label, members], i) => {
        const expected = naiveStats(ds, window, (u) => members.includes(u))
        columns.forEach(([key, m], j) => {
          const want = expected.get(key)![m]
          expectCell(rows[i][1 + j], want === '—' ? 0 : want, `${sheet} ${label} 第 ${j + 2} 列`)
        })
        const bold = ws.getCell(5 + 1 + i, 1).font?.bold === true
        expect(bold, `${sheet} ${label} 加粗`).toBe(/小计|合计|^其中|^　　　/.test(label))
      })
    }
  })

  it('lays the form out officially: merged multi-row headers, 元 with two decimals, integer counts, frozen panes, A4 landscape', async () => {
    const wb = await readWorkbook(path)
    const ws = wb.getWorksheet('统计表')!
    expect(merges(ws)).toEqual(
      expect.arrayContaining([
        { top: 1, left: 1, bottom: 1, right: 5 },
        { top: 4, left: 1, bottom: 5, right: 1 },
        { top: 4, left: 2, bottom: 5, right: 2 },
        { top: 4, left: 3, bottom: 4, right: 5 },
        { top: 6, left: 1, bottom: 6, right: 5 }, // 一、线索和告知 spans the row
      ]),
    )
    expect(ws.getCell('C4').value).toBe('本期')
    expect(['C5', 'D5', 'E5'].map((a) => ws.getCell(a).value)).toEqual(['件数', '人数', '金额（元）'])
    expect(ws.getCell('A3').value).toBe('计量单位：件、人、元')
    const granted = bodyRows(ws, 2, 5).findIndex((r) => r[0] === '决定给予救助') + 6
    expect(ws.getCell(granted, 3).numFmt).toBe('0')
    expect(ws.getCell(granted, 5).numFmt).toBe('#,##0.00')
    expect(ws.getCell(granted, 4).alignment?.horizontal).toBe('right')
    const clues = bodyRows(ws, 2, 5).findIndex((r) => r[0] === '受理救助线索') + 6
    expect(ws.getCell(clues, 4).value).toBe('—')
    expect(ws.getCell(clues, 4).alignment?.horizontal).toBe('center')
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5, xSplit: 0 })
    expect(ws.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    })
    expect(ws.pageSetup.printTitlesRow).toBe('4:5')
    const roll = wb.getWorksheet('汇总表')!
    expect(roll.views[0]).toMatchObject({ state: 'frozen', ySplit: 5, xSplit: 1 })
    expect(roll.getCell('B4').value).toBe('线索和告知')
    expect(merges(roll)).toEqual(
      expect.arrayContaining([
        { top: 4, left: 1, bottom: 5, right: 1 },
        { top: 4, left: 2, bottom: 4, right: 3 },
      ]),
    )
    expect(roll.getCell('L4').value).toBe('不予救助件数')
    expect(merges(roll)).toEqual(expect.arrayContaining([{ top: 4, left: 12, bottom: 5, right: 12 }]))
    expect(['D5', 'E5', 'F5'].map((a) => roll.getCell(a).value)).toEqual(['收到申请', '受理', '依职权启动'])
    // signature line: 单位负责人 / 审核人 / 填报人 / 联系电话 / 填报日期, the date filled in from the generation day
    const texts: string[] = []
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))))
    // (a narrow sheet puts the last parts of the line in one cell)
    expect(texts.join('　　').split(/　+/)).toEqual(
      expect.arrayContaining(['单位负责人：', '填报人：', '审核人：', '联系电话：', '填报日期：2026年7月1日']),
    )
  })

  it('excludes 小额应急性帮扶 and says so in a footnote of every sheet', async () => {
    const wb = await readWorkbook(path)
    const smallGranted = ds.cases.filter(
      (c) =>
        !c.voided &&
        inScope(c.ownerUnit) &&
        c.smallEmergencyHelp &&
        c.decision?.outcome === 'granted' &&
        c.decisionDate! >= window.from &&
        c.decisionDate! <= window.to,
    )
    expect(smallGranted.length).toBeGreaterThan(0)
    const fen = smallGranted.reduce((s, c) => s + c.decision!.grantedFen!, 0)
    for (const sheet of ['统计表', '汇总表', '重点群体', '对象类别']) {
      const notes = footnotes(wb.getWorksheet(sheet)!)
      expect(notes[0], sheet).toContain('小额应急性帮扶不属于国家司法救助，不纳入本表统计')
      expect(notes[0], sheet).toContain(`本期间共排除 ${smallGranted.length} 件`)
      expect(notes[0], sheet).toContain((fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2 }))
    }
    // flipping one granted case to small emergency help takes it out of every figure
    const victim = ds.cases.find(
      (c) =>
        !c.voided &&
        inScope(c.ownerUnit) &&
        !c.smallEmergencyHelp &&
        c.decision?.outcome === 'granted' &&
        c.decisionDate! >= window.from &&
        c.decisionDate! <= window.to &&
        c.payment &&
        c.payment.paidDate <= window.to,
    )!
    const before = statsTable(await collectStats(ds, run))
    const flipped = {
      ...ds,
      cases: ds.cases.map((c) => (c === victim ? { ...c, smallEmergencyHelp: true, rev: c.rev + 1 } : c)),
    }
    const after = statsTable(await collectStats(flipped, run))
    const row = (t: typeof before, label: string) => t.rows.find((r) => r[0] === label)!
    expect(row(after, '决定给予救助')[2]).toBe((row(before, '决定给予救助')[2] as number) - 1)
    expect(row(after, '决定给予救助')[4]).toBe(
      (row(before, '决定给予救助')[4] as number) - victim.decision!.grantedFen!,
    )
    expect(after.footnotes[0]).toContain(`本期间共排除 ${smallGranted.length + 1} 件`)
  })

  it('gives the same figures and hash for the same inputs — any order, arrays or async chunks, any time or user', async () => {
    const base = await collectStats(ds, run)
    const reversed: Dataset = Object.fromEntries(tableNames.map((t) => [t, [...ds[t]].reverse()])) as unknown as Dataset
    const shuffledRun = { ...run, generatedAt: '2030-01-01T00:00:00.000Z', generatedBy: '另一个人' }
    const again = await collectStats(reversed, shuffledRun)
    async function* chunks<T>(xs: T[]): AsyncIterable<T[]> {
      for (let i = 0; i < xs.length; i += 7) yield xs.slice(i, i + 7)
    }
    const asAsync = Object.fromEntries(tableNames.map((t) => [t, () => chunks(ds[t] as unknown[])])) as Record<
      string,
      () => RecordStream<never>
    >
    const streamed = await collectStats(asAsync as never, run)
    // a one-shot stream (not re-readable) for the ledger: reversals are resolved during the single pass
    const oneShot = await collectStats({ ...ds, ledger: chunks(ds.ledger) } as never, run)
    expect(statsTable(oneShot).rows).toEqual(statsTable(base).rows)
    expect(oneShot.provenance.info.inputHash).toBe(base.provenance.info.inputHash)
    const h = base.provenance.info.inputHash
    expect(again.provenance.info.inputHash).toBe(h)
    expect(streamed.provenance.info.inputHash).toBe(h)
    expect(statsTable(again).rows).toEqual(statsTable(base).rows)
    expect(statsTable(streamed).rows).toEqual(statsTable(base).rows)
    expect(again.provenance.info.generatedBy).toBe('另一个人')
  })

  it('changes the hash when any input changes: a field, a rev, a new record, a removed record, the period', async () => {
    const h = (await collectStats(ds, run)).provenance.info.inputHash
    const paidCase = ds.cases.find((c) => c.payment && !c.voided)!
    const variants: [string, Dataset, typeof run][] = [
      [
        'amount',
        {
          ...ds,
          cases: ds.cases.map((c) =>
            c === paidCase ? { ...c, payment: { ...c.payment!, amountFen: c.payment!.amountFen + 1 } } : c,
          ),
        },
        run,
      ],
      ['rev', { ...ds, cases: ds.cases.map((c) => (c === paidCase ? { ...c, rev: c.rev + 1000 } : c)) }, run],
      [
        'added clue',
        { ...ds, clues: [...ds.clues, { ...ds.clues[0], id: `${ds.clues[0].ownerUnit}-01JZZZZZZZZZZZZZZZZZZZZZZZ` }] },
        run,
      ],
      ['removed person', { ...ds, persons: ds.persons.slice(1) }, run],
      [
        'voided ledger entry',
        {
          ...ds,
          ledger: ds.ledger.map((e, i) =>
            i === 3 ? { ...e, voided: { at: '2026-07-01T00:00:00.000Z', by: e.createdBy, reason: '作废' } } : e,
          ),
        },
        run,
      ],
      ['period', ds, { ...run, period: parsePeriod('2025H1') }],
    ]
    const seen = new Set([h])
    for (const [what, data, r] of variants) {
      const hv = (await collectStats(data, r)).provenance.info.inputHash
      expect(seen.has(hv), what).toBe(false)
      seen.add(hv)
    }
  })

  it('states its provenance: when, by whom, own records up to rev N, each subordinate office up to rev M', async () => {
    const agg = await collectStats(ds, { ...run, bundles: { '330100': 'BUNDLE-330100-0007' } })
    const info = agg.provenance.info
    const maxRev = (unit: string) =>
      Math.max(
        ...tableNames.flatMap((t) =>
          (ds[t] as { ownerUnit: string; rev: number }[]).filter((r) => r.ownerUnit === unit).map((r) => r.rev),
        ),
      )
    expect(info.inputs.map((i) => i.unitCode)).toEqual([...dataOffices].sort())
    for (const i of info.inputs) expect(i.maxRev, i.unitCode).toBe(maxRev(i.unitCode))
    expect(info.inputs.find((i) => i.unitCode === '330000')!.tables.cases.count).toBe(
      ds.cases.filter((c) => c.ownerUnit === '330000').length,
    )
    expect(agg.provenance.lines).toEqual(
      expect.arrayContaining([
        '生成人：统计员甲',
        `本院数据：截至变更序号 ${maxRev('330000')}（${'案件'} ${ds.cases.filter((c) => c.ownerUnit === '330000').length} 条、人员 ${ds.persons.filter((p) => p.ownerUnit === '330000').length} 条、线索 ${ds.clues.filter((p) => p.ownerUnit === '330000').length} 条、多元救助 ${ds.referrals.filter((p) => p.ownerUnit === '330000').length} 条、回访 ${ds.followUps.filter((p) => p.ownerUnit === '330000').length} 条、资金台账 ${ds.ledger.filter((p) => p.ownerUnit === '330000').length} 条、捐助 ${ds.donations.filter((p) => p.ownerUnit === '330000').length} 条）`,
        `输入数据校验值（SHA-256）：${info.inputHash}`,
      ]),
    )
    const row = agg.provenance.table.rows.find((r) => r[0] === '330100')!
    expect(row.at(-2)).toBe(maxRev('330100'))
    expect(row.at(-1)).toBe('BUNDLE-330100-0007')
    expect(agg.provenance.table.rows.find((r) => r[0] === '320102')![1]).toContain('不属统计范围')
    const wb = await readWorkbook(path)
    const prov = wb.getWorksheet('数据来源')!
    const texts: string[] = []
    prov.eachRow((r) => texts.push(String(r.getCell(1).value)))
    expect(texts.some((t) => t.startsWith('输入数据校验值（SHA-256）：'))).toBe(true)
    expect(texts).toEqual(expect.arrayContaining(['330000', '330100', '339901']))
  })

  it('a basic office alone gets the form without roll-ups, from its own records only', async () => {
    const own = await buildStatsReport(ds, { ...run, scope: { unitCode: '330102', units } })
    expect(own.tables.map((t) => t.sheetName)).toEqual(['统计表'])
    const expected = naiveStats(ds, window, (u) => u === '330102')
    const granted = own.tables[0].rows.find((r) => r[0] === '决定给予救助')!
    expect(granted.slice(2)).toEqual([
      expected.get('granted')![0],
      expected.get('granted')![1],
      Math.round((expected.get('granted')![2] as number) * 100),
    ])
    expect(own.aggregate.excluded.outOfScope).toBeGreaterThan(0)
  })

  it('gives monthly trends that add up to the period figures', async () => {
    const agg = await collectStats(ds, run)
    const trend = statsTrend(agg)
    expect(trend.map((t) => t.month)).toEqual([
      '2025-01',
      '2025-02',
      '2025-03',
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
    ])
    const expected = naiveStats(ds, window, inScope)
    expect(trend.reduce((s, t) => s + t.applied, 0)).toBe(expected.get('applied')![0])
    expect(trend.reduce((s, t) => s + t.granted, 0)).toBe(expected.get('granted')![0])
    expect(trend.reduce((s, t) => s + t.paidFen, 0)).toBe(Math.round((expected.get('paid')![2] as number) * 100))
  })
})
