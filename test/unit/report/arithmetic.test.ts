import { describe, expect, it } from 'vitest'
import { writeWorkbookXlsx } from '../../../electron/services/excel/writeTable'
import { type FundSource, fundSources, type LedgerEntry, referralKinds } from '../../../shared/domain/schemas'
import { buildHierarchy, generateDemoOffice, generateOffices } from '../../../shared/generate'
import {
  buildPaymentsReport,
  PAYMENT_AMOUNT_COLUMN,
  PAYMENT_FIRST_FUND_COLUMN,
} from '../../../shared/report/definitions/payments'
import {
  buildStatsReport,
  type StatsAggregate,
  statsItemRows,
  statsRollupTable,
  statsTable,
  yoyRollupColumns,
} from '../../../shared/report/definitions/stats'
import { parsePeriod, sameTimeLastYear } from '../../../shared/report/period'
import type { CellValue, TableModelParsed } from '../../../shared/report/tableModel'
import type { ReportUnit } from '../../../shared/report/units'
import type { Dataset } from './fixtures'
import { naiveStats } from './naive'
import { tempDir } from './tempDir'
import { bodyRows, cellValue, readWorkbook } from './xlsx'

/*
 * The forms' own arithmetic on generated data (shared/generate, cases driven through the real workflow), over
 * several seeds: every total of the 统计表 is the sum of its parts where the form says so, every 其中 is at most its
 * total, the roll-ups add up (offices → 小计 → 合计, levels → 合计), and the 发放明细 reconciles with the funds ledger
 * (statistics' payments + 小额应急性帮扶 = the ledger's 救助金发放 of the period, per fund source too). The
 * definitions of docs/reports.md §3 that these rely on (救助对象, 受理 vs 依职权, 多级联合, 六 by source) are also
 * checked against the naive recomputation of naive.ts.
 */

const generatedAt = '2026-12-01T01:00:00.000Z'

interface Sample {
  name: string
  ds: Dataset
  units: ReportUnit[]
  unitCode: string
}

function demo(seed: number): Sample {
  const d = generateDemoOffice({ seed })
  const units = d.units.map((u) => ({
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    level: u.level,
    ...(u.parentCode ? { parentCode: u.parentCode } : {}),
  }))
  return {
    name: `demo seed ${seed}`,
    ds: {
      persons: d.persons,
      clues: d.clues,
      cases: d.cases,
      referrals: d.referrals,
      followUps: d.followUps,
      ledger: d.ledger,
      donations: d.donations,
    },
    units,
    unitCode: units.find((u) => u.level === 'basic')!.code,
  }
}

function province(seed: number): Sample {
  const h = buildHierarchy({ size: 'province', cases: 400, seed })
  const ds: Dataset = { persons: [], clues: [], cases: [], referrals: [], followUps: [], ledger: [], donations: [] }
  for (const o of generateOffices(h))
    for (const t of Object.keys(ds) as (keyof Dataset)[]) ds[t].push(...(o[t] as never[]))
  const units = h.units.map((u) => ({
    code: u.code,
    name: u.name,
    shortName: u.shortName,
    level: u.level,
    ...(u.parentCode ? { parentCode: u.parentCode } : {}),
  }))
  return { name: `province seed ${seed}`, ds, units, unitCode: units.find((u) => u.level === 'province')!.code }
}

const samples = [demo(7), demo(23), demo(41), province(5)]

const num = (v: CellValue | undefined): number => (typeof v === 'number' ? v : 0)

/** The 统计表 as line key → [件, 人, 分] ('—' read as 0), from the printed rows and the form's own row list. */
function printed(agg: StatsAggregate): Map<string, [number, number, number]> {
  const table = statsTable(agg)
  const items = statsItemRows(agg)
  expect(items.length).toBe(table.rows.length)
  const out = new Map<string, [number, number, number]>()
  items.forEach((item, i) => {
    if (item.style === 'section') return
    const r = table.rows[i]
    out.set(item.line, [num(r[2]), num(r[3]), num(r[4])])
  })
  return out
}

function sumOf(lines: [number, number, number][]): [number, number, number] {
  return lines.reduce<[number, number, number]>((a, x) => [a[0] + x[0], a[1] + x[1], a[2] + x[2]], [0, 0, 0])
}

/** The ledger's 救助金发放 of the period per fund source: disbursements dated in it, less reversals of them. */
function ledgerDisbursements(ledger: readonly LedgerEntry[], from: string, to: string): Record<FundSource, number> {
  const live = ledger.filter((e) => !e.voided)
  const byId = new Map(live.map((e) => [e.id, e]))
  const out = Object.fromEntries(fundSources.map((s) => [s, 0])) as Record<FundSource, number>
  for (const e of live) {
    if (e.date < from || e.date > to) continue
    if (e.kind === 'disbursement') out[e.fundSource] += e.amountFen
    if (e.kind === 'reversal' && byId.get(e.reversesId ?? '')?.kind === 'disbursement') out[e.fundSource] -= e.amountFen
  }
  return out
}

describe.each(samples)('the forms add up on generated data ($name)', (sample) => {
  const { ds, units, unitCode } = sample
  for (const text of ['2024', '2025', '2025H2']) {
    it(`统计表 ${text}: totals are the sums of their parts, 其中 within their totals; the definitions as in docs`, async () => {
      const period = parsePeriod(text)
      const run = { scope: { unitCode, units }, generatedAt, generatedBy: '统计员', period }
      const { aggregate, tables } = await buildStatsReport(ds, run)
      const v = printed(aggregate)
      const line = (k: string) => v.get(k) ?? [0, 0, 0]
      const lines = (prefix: string) => [...v.entries()].filter(([k]) => k.startsWith(prefix)).map(([, x]) => x)

      // 一: clues by source
      expect(line('clues')[0]).toBe(sumOf(lines('clues:'))[0])
      // 三/五/六: every granted case falls in exactly one object category and one origin row
      const granted = line('granted')
      expect(granted[0]).toBeGreaterThan(0)
      expect(sumOf(lines('kind:'))).toEqual(granted)
      // a category's subtotal is the sum of its items (the rows under it)
      const items = statsItemRows(aggregate)
      const rows = statsTable(aggregate).rows
      const triple = (r: CellValue[]): [number, number, number] => [num(r[2]), num(r[3]), num(r[4])]
      for (let i = 0; i < items.length; i++) {
        if (!items[i].line.startsWith('kind:') || items[i].line === 'kind:none') continue
        const parts: [number, number, number][] = []
        for (let j = i + 1; j < items.length && items[j].line.startsWith('cat:'); j++) parts.push(triple(rows[j]))
        expect(sumOf(parts), `五 ${items[i].label}`).toEqual(triple(rows[i]))
      }
      expect(sumOf(lines('origin:')), '六').toEqual(granted)
      // 其中 rows are within their totals
      for (let m = 0; m < 3; m++) expect(line('advance')[m]).toBeLessThanOrEqual(granted[m])
      expect(line('joint')[0]).toBeLessThanOrEqual(line('paid')[0])
      expect(line('joint')[2]).toBeLessThanOrEqual(line('paid')[2])
      // 七: each group within the granted cases; a case in a group has at least one 救助对象 in it
      for (const [, g] of [...v.entries()].filter(([k]) => k.startsWith('group:'))) {
        expect(g[0]).toBeLessThanOrEqual(granted[0])
        expect(g[2]).toBeLessThanOrEqual(granted[2])
        expect(g[1]).toBeGreaterThanOrEqual(g[0])
        expect(g[1]).toBeLessThanOrEqual(granted[1])
      }
      // 人数 = 救助对象: a generated case has one (the applicant, or the living victim the applicant acted for)
      for (const k of ['applied', 'accepted', 'granted', 'refused', 'paid']) expect(line(k)[1], k).toBe(line(k)[0])
      // 八, 九
      expect(line('referrals')[0]).toBe(referralKinds.reduce((a, k) => a + line(`referral:${k}`)[0], 0))
      expect(line('referral:social')[0]).toBe(
        ['social-assistance', 'temporary-assistance', 'medical', 'education', 'employment'].reduce(
          (s, k) => s + line(`referral:${k}`)[0],
          0,
        ),
      )
      expect(line('referralCases')[0]).toBeLessThanOrEqual(line('referrals')[0])
      expect(line('funds')[2]).toBe(sumOf(lines('fund:'))[2])
      expect(line('donations')).toEqual(sumOf(lines('donor:')))

      // 受理 ≤ 收到申请 + applications carried over from before the period; ex officio cases are not 受理申请
      const stat = ds.cases.filter((c) => !c.voided && !c.smallEmergencyHelp)
      const carried = stat.filter(
        (c) =>
          c.applicationDate !== undefined &&
          c.applicationDate < period.from &&
          (c.acceptanceDate === undefined || c.acceptanceDate >= period.from),
      ).length
      expect(line('accepted')[0]).toBeLessThanOrEqual(line('applied')[0] + carried)
      const exOfficioAccepted = stat.filter(
        (c) =>
          c.exOfficio &&
          !c.applicationDate &&
          c.acceptanceDate !== undefined &&
          c.acceptanceDate >= period.from &&
          c.acceptanceDate <= period.to,
      )
      // (the generator takes ex officio cases into review without an application: some in 2025)
      expect(exOfficioAccepted.length).toBeGreaterThanOrEqual(text === '2025' ? 1 : 0)

      // the definitions equal the naive recomputation
      const naive = naiveStats(ds, { from: period.from, to: period.to }, () => true)
      for (const k of [
        'applied',
        'accepted',
        'exOfficio',
        'granted',
        'paid',
        'joint',
        'origin:none',
        'origin:prosecution',
      ]) {
        const want = naive.get(k)!
        const got = line(k)
        // 件 always; 人 and 元 where the line counts them
        const counted = [0, 1, 2].filter((j) => typeof want[j] === 'number')
        expect(counted[0], k).toBe(0)
        expect(
          counted.map((j) => got[j]),
          k,
        ).toEqual(counted.map((j) => (j === 2 ? Math.round((want[2] as number) * 100) : want[j])))
      }
      for (const [k, want] of naive) {
        if (!k.startsWith('group:')) continue
        expect(line(k)[0], k).toBe(want[0])
        expect(line(k)[1], k).toBe(want[1])
      }
      // 六: only cases referred by a case-handling department are credited to one
      const referredGranted = stat.filter(
        (c) =>
          c.source === 'referral' &&
          c.decision?.outcome === 'granted' &&
          c.decisionDate! >= period.from &&
          c.decisionDate! <= period.to,
      )
      expect(granted[0] - line('origin:none')[0]).toBe(referredGranted.length)
      expect(line('origin:none')[0]).toBeGreaterThan(0)
      // 多级联合 (two or more of 省/市/县) is a true subset of the payments with several fund sources
      const paidIn = stat.filter(
        (x) => x.payment && x.payment.paidDate >= period.from && x.payment.paidDate <= period.to,
      )
      const severalSources = paidIn.filter((c) => new Set((c.funding?.splits ?? []).map((s) => s.source)).size > 1)
      expect(line('joint')[0]).toBeLessThanOrEqual(severalSources.length)

      // the roll-ups (higher offices): offices → 小计 → 合计, levels → 合计, 合计 = the 统计表
      if (tables.length > 1) {
        for (const view of ['main', 'groups', 'categories'] as const) checkRollup(statsRollupTable(aggregate, view))
        // the 汇总表's 合计 row is the 统计表's own figures: 线索、告知、收到申请、受理、依职权启动, then 决定给予救助
        const total = statsRollupTable(aggregate, 'main').rows.at(-1)!.slice(1).map(num)
        expect(total.slice(5, 8)).toEqual(v.get('granted'))
        expect(total[3]).toBe(v.get('accepted')![0])
        expect(total[4]).toBe(v.get('exOfficio')![0])
      } else expect(tables.map((t) => t.sheetName)).toEqual(['统计表']) // an office with none below: no roll-up
    })

    it(`发放明细 ${text}: columns and rows add up; the statistics' 合计 plus 小额应急性帮扶 is the ledger's 救助金发放`, async () => {
      const period = parsePeriod(text)
      const run = { scope: { unitCode, units }, generatedAt, generatedBy: '计财', period }
      const { table, items, smallItems } = await buildPaymentsReport(ds, run)
      const stats = printed((await buildStatsReport(ds, run)).aggregate)
      const rowBy = (label: RegExp) => table.rows.filter((r) => typeof r[1] === 'string' && label.test(r[1]))
      const total = rowBy(/^合计（/)
      expect(total).toHaveLength(1)
      const amount = (r: CellValue[]) => num(r[PAYMENT_AMOUNT_COLUMN])
      const shares = (r: CellValue[]) => fundSources.map((_, k) => num(r[PAYMENT_FIRST_FUND_COLUMN + k]))
      // every payment row: the fund-source columns add up to the amount, the ID number is filled in
      const itemRows = table.rows.filter((r, i) => typeof r[0] === 'number' && table.rowStyles[String(i)] === undefined)
      expect(itemRows.length).toBe(items.length + smallItems.length)
      for (const r of itemRows) {
        expect(
          shares(r).reduce((a, x) => a + x, 0),
          String(r[2]),
        ).toBe(amount(r))
        expect(String(r[4]), String(r[2])).toMatch(/^\d{17}[\dX]$/)
        expect(String(r[1])).toMatch(/人民检察院$/)
      }
      // the 合计 = its rows = the 统计表's 发放救助金
      const statRows = itemRows.slice(0, items.length)
      expect(amount(total[0])).toBe(statRows.reduce((s, r) => s + amount(r), 0))
      expect(shares(total[0])).toEqual(fundSources.map((_, k) => statRows.reduce((s, r) => s + shares(r)[k], 0)))
      expect(total[0][1]).toBe(`合计（${items.length} 笔）`)
      expect(items.length).toBe(stats.get('paid')![0])
      expect(amount(total[0])).toBe(stats.get('paid')![2])
      // each office's 小计 = its rows
      for (const sub of rowBy(/小计（/).filter((r) => !String(r[1]).startsWith('小额'))) {
        const name = String(sub[1]).replace(/小计（.*$/, '')
        const mine = statRows.filter((r) => r[1] === name)
        expect(amount(sub), name).toBe(mine.reduce((s, r) => s + amount(r), 0))
      }
      // the payment form records the payee by name only: the ID numbers come out the same from the case's persons
      const byName = await buildPaymentsReport(
        {
          cases: ds.cases.map((c) => {
            if (!c.payment) return c
            const { payeePersonId: _, ...payment } = c.payment
            return { ...c, payment }
          }),
          persons: ds.persons,
        },
        run,
      )
      expect(byName.table.rows.map((r) => r[4])).toEqual(table.rows.map((r) => r[4]))
      // reconciliation with the funds ledger of the offices in scope
      const ledger = ledgerDisbursements(ds.ledger, period.from, period.to)
      const smallFen = smallItems.reduce((s, it) => s + it.amountFen, 0)
      const grand = smallItems.length > 0 ? rowBy(/^发放总计（/)[0] : total[0]
      expect(amount(grand)).toBe(amount(total[0]) + smallFen)
      expect(amount(grand)).toBe(fundSources.reduce((s, f) => s + ledger[f], 0))
      expect(shares(grand)).toEqual(fundSources.map((f) => ledger[f]))
      // a 小额应急性帮扶 subtotal row exactly when there are such payments, of their sum
      const small = rowBy(/^小额应急性帮扶小计（/).map(amount)
      expect(small).toEqual(smallItems.length > 0 ? [smallFen] : [])
    })
  }
})

/** A roll-up's arithmetic: 合计 = Σ office rows = Σ level rows; a 小计 = its own row + the rows nested under it. */
function checkRollup(t: TableModelParsed) {
  const width = t.columns.length
  const rows = t.rows.map((r, i) => ({ label: String(r[0]), style: t.rowStyles[String(i)], v: r.slice(1).map(num) }))
  const add = (xs: number[][]) => Array.from({ length: width - 1 }, (_, j) => xs.reduce((s, x) => s + x[j], 0))
  const total = rows.find((r) => r.label === '合计')!
  const offices = rows.filter((r) => r.style === undefined)
  expect(add(offices.map((r) => r.v)), `${t.sheetName} 合计 = 各单位`).toEqual(total.v)
  const levels = rows.filter((r) => /^(其中：|　　　)(省级院|市级院|基层院)/.test(r.label))
  expect(levels.length, t.sheetName).toBeGreaterThan(0)
  expect(add(levels.map((r) => r.v)), `${t.sheetName} 合计 = 各层级`).toEqual(total.v)
  for (let i = 0; i < rows.length; i++) {
    if (!rows[i].label.endsWith('小计')) continue
    const name = rows[i].label.trim().replace(/小计$/, '')
    const own = rows.findIndex((r) => r.label.trim() === `${name}（本级）`)
    const members = rows.slice(own, i).filter((r) => r.style === undefined)
    expect(members.length).toBeGreaterThan(0)
    expect(add(members.map((r) => r.v)), `${t.sheetName} ${name}小计`).toEqual(rows[i].v)
    expect(rows[i].label).toMatch(/人民检察院小计$/)
  }
}

/**
 * 同比 by its definition (docs/reports.md §3a), computed apart from shared/report/yoy.ts: '—' without a base,
 * otherwise (本期 − 上年同期) ÷ 上年同期 printed with one decimal of a percent — the stored fraction is within half
 * a printed digit of the exact change and is a whole number of tenths of a percent.
 */
function expectChange(got: CellValue, current: CellValue, prior: CellValue, what: string) {
  if (typeof prior !== 'number' || prior === 0 || typeof current !== 'number') expect(got, what).toBe('—')
  else {
    expect(typeof got, what).toBe('number')
    const exact = (current - prior) / prior
    expect(Math.abs((got as number) - exact), what).toBeLessThanOrEqual(0.0005 + 1e-12)
    expect(Number.isInteger(Math.round((got as number) * 1e6) / 1000), what).toBe(true)
    // the sign of the change (a change rounded to 0.0% keeps its sign; no change is 0)
    expect(Math.sign(got as number) || Math.sign(exact), what).toBe(Math.sign(exact))
  }
}

const yoyDir = tempDir('jiuzhu-yoy-')

describe.each(samples)('上年同期 and 同比 on generated data ($name)', (sample) => {
  const { ds, units, unitCode } = sample
  for (const text of ['2025', '2025H2']) {
    it(`统计表 ${text}: 上年同期 is the naive recomputation of the year before, 同比 as defined; the xlsx reads back`, async () => {
      const period = parsePeriod(text)
      const run = { scope: { unitCode, units }, generatedAt, generatedBy: '统计员', period }
      const { aggregate, prior, tables } = await buildStatsReport(ds, run, { yoy: true })
      const before = sameTimeLastYear(period)
      expect(prior!.period).toEqual(before)
      const table = tables[0]
      expect(table.headerRows[0].map((h) => h.label)).toEqual(['项目', '行次', '本期', '上年同期', '同比'])
      expect(table.columns.map((c) => c.kind)).toEqual([
        'text',
        'integer',
        'integer',
        'integer',
        'fen',
        'integer',
        'fen',
        'change',
        'change',
      ])
      const items = statsItemRows(aggregate, prior)
      expect(table.rows.length).toBe(items.length)
      const naiveNow = naiveStats(ds, { from: period.from, to: period.to }, () => true)
      const naivePrior = naiveStats(ds, { from: before.from, to: before.to }, () => true)
      const fen = (yuan: number | string | null) => (typeof yuan === 'number' ? Math.round(yuan * 100) : yuan)
      let compared = 0
      let changes = 0
      items.forEach((item, i) => {
        const r = table.rows[i]
        if (item.style === 'section') return
        const now = naiveNow.get(item.line)
        const want = naivePrior.get(item.line)
        expect(want, item.line).toBeDefined()
        // 本期 as before; 上年同期 = the naive recomputation for the year before
        expect([r[2], r[3], r[4]], `${item.label} 本期`).toEqual([now![0], now![1], fen(now![2])])
        expect([r[5], r[6]], `${item.label} 上年同期`).toEqual([want![0], fen(want![2])])
        expectChange(r[7], r[2], r[5], `${item.label} 同比 件数`)
        expectChange(r[8], r[4], r[6], `${item.label} 同比 金额`)
        compared++
        if (typeof r[7] === 'number') changes++
      })
      expect(compared).toBeGreaterThan(60)
      // the year before had cases: most rows have a base, so 同比 is printed
      expect(changes).toBeGreaterThan(10)
      expect(table.footnotes.at(-1)).toContain(`上年同期为${before.label}`)

      // the same figures as the plain 统计表 run for the year before (one definition)
      const plainBefore = (await buildStatsReport(ds, { ...run, period: before })).tables[0]
      const byLabel = new Map(plainBefore.rows.map((r) => [r[0], r]))
      const numbered = table.rows.filter((r) => typeof r[1] === 'number')
      expect(numbered.length).toBeGreaterThan(60)
      expect(numbered.map((r) => [r[0], r[5], r[6]])).toEqual(
        numbered.map((r) => [r[0], byLabel.get(r[0])?.[2], byLabel.get(r[0])?.[4]]),
      )

      // higher offices: the 同比（按单位）sheet — each office row's 上年同期 is the naive recomputation for its members
      const yoySheet = tables.find((t) => t.sheetName === '同比')
      if (tables.length > 1) {
        expect(tables.map((t) => t.sheetName)).toEqual(['统计表', '汇总表', '重点群体', '对象类别', '同比'])
        const rollup = aggregate.scope.rollupRows(new Set([...aggregate.offices.keys(), ...prior!.offices.keys()]))
        expect(yoySheet!.rows.length).toBe(rollup.length)
        rollup.forEach((row, i) => {
          const r = yoySheet!.rows[i]
          const mine = (u: string) => row.members.includes(u)
          const n = naiveStats(ds, { from: period.from, to: period.to }, mine)
          const b = naiveStats(ds, { from: before.from, to: before.to }, mine)
          yoyRollupColumns.forEach((col, k) => {
            const m = col.measure === 'f' ? 2 : 0
            const want = (x: typeof n) => (m === 2 ? fen(x.get(col.line)![2]) : x.get(col.line)![0])
            const [cur, old, change] = r.slice(1 + 3 * k, 4 + 3 * k)
            expect([cur, old], `${row.label} ${col.group}${col.label}`).toEqual([want(n), want(b)])
            expectChange(change, cur, old, `${row.label} ${col.group}${col.label} 同比`)
          })
        })
        // the 合计 row is the 统计表's 决定给予救助 and 发放救助金
        const total = yoySheet!.rows.at(-1)!
        expect(total[0]).toBe('合计')
        const line = (key: string) => table.rows[items.findIndex((it) => it.line === key)]
        const pick = (r: CellValue[]) => [r[2], r[5], r[7], r[4], r[6], r[8]]
        expect(total.slice(1)).toEqual([...pick(line('granted')), ...pick(line('paid'))])
      } else expect(yoySheet).toBeUndefined()

      // read back with exceljs: the same cells, money in 元, 同比 with its sign format
      const path = yoyDir.path(`${sample.name}-${text}.xlsx`)
      await writeWorkbookXlsx(path, tables)
      const wb = await readWorkbook(path)
      const ws = wb.getWorksheet('统计表')!
      expect([3, 5, 6, 7, 8, 9].map((c) => cellValue(ws.getCell(4, c)))).toEqual([
        '本期',
        '本期',
        '上年同期',
        '上年同期',
        '同比',
        '同比',
      ])
      expect([3, 4, 5, 6, 7, 8, 9].map((c) => cellValue(ws.getCell(5, c)))).toEqual([
        '件数',
        '人数',
        '金额（元）',
        '件数',
        '金额（元）',
        '件数',
        '金额',
      ])
      const back = bodyRows(ws, 2, 9)
      expect(back.length).toBe(table.rows.length)
      back.forEach((r, i) => {
        if (table.rowStyles[String(i)] === 'section') return
        const m = table.rows[i]
        const yuan = (v: CellValue) => (typeof v === 'number' ? v / 100 : v)
        expect(r, String(m[0])).toEqual([m[0], m[1], m[2], m[3], yuan(m[4]), m[5], yuan(m[6]), m[7], m[8]])
      })
      // 决定给予救助: 上年同期 金额 in 元, 同比 with its sign
      const granted = 6 + items.findIndex((it) => it.line === 'granted')
      expect(ws.getCell(granted, 7).numFmt).toBe('#,##0.00')
      expect(ws.getCell(granted, 8).numFmt).toBe('+0.0%;"−"0.0%;0.0%')
      expect(ws.getCell(granted, 9).numFmt).toBe('+0.0%;"−"0.0%;0.0%')
    })
  }
})
