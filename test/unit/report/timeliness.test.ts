import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { writeTableXlsx } from '../../../electron/services/excel/writeTable'
import { addWorkingDays, workingDaysBetween } from '../../../shared/domain/calendar'
import { addDays } from '../../../shared/domain/dates'
import { buildTimelinessReport } from '../../../shared/report/definitions/timeliness'
import { parsePeriod } from '../../../shared/report/period'
import { WorkingDays } from '../../../shared/report/workingDays'
import { generateDataset, units } from './fixtures'
import { naiveRollupRows, naiveTimeliness } from './naive'
import { tempDir } from './tempDir'
import { bodyRows, footnotes, readWorkbook } from './xlsx'

const ds = generateDataset()
const run = { scope: { unitCode: '330000', units }, generatedAt: '2026-07-01T02:00:00.000Z', generatedBy: '督导员' }

const tmp = tempDir('report-timeliness-')

describe('办案时限情况表', () => {
  for (const text of ['2025', '2026H1', '2025Q4']) {
    it(`every cell for ${text} equals the naive count on calendar.ts, read back from the xlsx`, async () => {
      const period = parsePeriod(text)
      const { table } = await buildTimelinessReport(ds, { ...run, period })
      const path = tmp.path(`t-${text}.xlsx`)
      await writeTableXlsx(path, table)
      const ws = (await readWorkbook(path)).getWorksheet('办案时限')!
      const rows = bodyRows(ws, 2, 19)
      expect(rows.map((r) => r[0])).toEqual(naiveRollupRows.map(([label]) => label))
      let decided = 0
      naiveRollupRows.forEach(([label, members], i) => {
        const want = naiveTimeliness(ds, { from: period.from, to: period.to }, (u) => members.includes(u))
        want.forEach((w, j) => {
          const got = rows[i][1 + j]
          if (typeof w === 'number' && !Number.isInteger(w))
            expect(got as number, `${label} 第 ${j + 2} 列`).toBeCloseTo(w, 10)
          else expect(got, `${label} 第 ${j + 2} 列`).toBe(w)
        })
        if (label === '合计') decided = want[0] as number
      })
      expect(decided).toBeGreaterThan(20)
      expect(ws.getCell(6, 5).numFmt).toBe('0.0%')
      expect(ws.getCell(6, 6).numFmt).toBe('0.0')
      expect(ws.getCell('B4').value).toBe('决定（10个工作日）')
      expect(ws.getCell('H4').value).toBe('通知领取（2个工作日）')
      expect(footnotes(ws)[0]).toContain('小额应急性帮扶不属于国家司法救助')
    })
  }

  it('finds late decisions, late notices, late 补正 notices and expired 补正 in the fixture (so the checks bite)', async () => {
    const { aggregate } = await buildTimelinessReport(ds, { ...run, period: parsePeriod('2025-01-01..2026-06-30') })
    const total = new Float64Array(16)
    for (const v of aggregate.offices.values()) {
      for (let i = 0; i < v.length; i++) total[i] += v[i]
    }
    expect(total[2]).toBeGreaterThan(0) // decided late
    expect(total[7]).toBeGreaterThan(0) // notified late
    expect(total[11]).toBeGreaterThan(0) // 补正 notice late
    expect(total[14] + total[15]).toBeGreaterThan(0) // expired 补正
  })

  it('extends the decision limit when an outside body approves and the local measures grant days', async () => {
    const base = ds.cases.find(
      (c) =>
        c.decisionDate &&
        c.applicationDate &&
        !c.supplement &&
        !c.voided &&
        !c.smallEmergencyHelp &&
        !c.decision?.advance,
    )!
    const due10 = addWorkingDays(base.applicationDate!, 10)
    const late = {
      ...base,
      ownerUnit: '330000',
      decisionDate: addWorkingDays(base.applicationDate!, 15),
      decision: { ...base.decision! },
      approvalRound: {
        ...base.approvalRound!,
        chain: [{ step: 'zfw', role: 'chief' as const, label: '政法委审批', external: true }],
      },
    }
    expect(late.decisionDate > due10).toBe(true)
    const limits = {
      decideWorkingDays: {
        value: 10,
        rule: { text: '十个工作日', source: { document: 'x', confidence: 'H' as const } },
      },
      notifyCollectionWorkingDays: {
        value: 2,
        rule: { text: '二', source: { document: 'x', confidence: 'H' as const } },
      },
      supplementNoticeWorkingDays: {
        value: 5,
        rule: { text: '五', source: { document: 'x', confidence: 'H' as const } },
      },
      supplementDays: { value: 30, rule: { text: '三十', source: { document: 'x', confidence: 'H' as const } } },
      externalApprovalWorkingDays: {
        value: 10,
        body: '政法委',
        rule: { text: '另加十个工作日', source: { document: 'x', confidence: 'M' as const } },
      },
    }
    const period = parsePeriod(`${late.decisionDate.slice(0, 4)}`)
    const plain = await buildTimelinessReport({ cases: [late] }, { ...run, period })
    const extended = await buildTimelinessReport({ cases: [late] }, { ...run, period, timeLimits: limits })
    expect(plain.aggregate.offices.get('330000')![2]).toBe(1)
    expect(extended.aggregate.offices.get('330000')![1]).toBe(1)
    expect(extended.table.provenanceInfo!.inputHash).not.toBe(plain.table.provenanceInfo!.inputHash)
  })

  it('says so when a year is missing from the holiday calendar', async () => {
    const c = ds.cases.find(
      (x) =>
        x.decisionDate &&
        x.applicationDate &&
        !x.voided &&
        !x.smallEmergencyHelp &&
        !x.supplement &&
        !x.decision?.advance,
    )!
    const moved = {
      ...c,
      applicationDate: '2031-03-03',
      acceptanceDate: '2031-03-03',
      decisionDate: '2031-03-10',
      payment: undefined,
      funding: undefined,
    }
    const { table } = await buildTimelinessReport({ cases: [moved] }, { ...run, period: parsePeriod('2031') })
    expect(table.footnotes.join('')).toContain('2031')
  })
})

describe('WorkingDays (report helper) agrees with calendar.ts', () => {
  it('between = workingDaysBetween and add = addWorkingDays for random dates 2014–2027', () => {
    const wd = new WorkingDays()
    const day = fc.integer({ min: 0, max: 365 * 13 }).map((n) => addDays('2014-01-01', n))
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), fc.integer({ min: 0, max: 15 }), (a, span, n) => {
        const b = addDays(a, span)
        expect(wd.between(a, b)).toBe(workingDaysBetween(a, b))
        expect(wd.add(a, n)).toBe(addWorkingDays(a, n))
      }),
      { numRuns: 400 },
    )
  })
})
