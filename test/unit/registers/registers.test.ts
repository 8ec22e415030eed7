import { describe, expect, it } from 'vitest'
import type { LedgerEntry } from '../../../shared/domain/schemas'
import {
  applicationRow,
  clueRow,
  computeFunds,
  decisionRow,
  donationNoticeHtml,
  donationRow,
  donationUse,
  filterRows,
  followUpRow,
  ledgerRow,
  mergeFunds,
  paymentRow,
  type RegisterContext,
  recoveryRows,
  registerIds,
  registers,
  registerTableModel,
  registerTotals,
  sortRows,
  unitWithSubordinates,
} from '../../../shared/registers'
import { fixtureId, makeRegisterData } from './fixtures'

const data = makeRegisterData(3000, { units: ['110105', '110106', '110000'], seed: 11 })
const ctx: RegisterContext = {
  persons: new Map(data.persons.map((p) => [p.id, p])),
  cases: new Map(data.cases.map((c) => [c.id, c])),
  units: new Map([
    ['110105', '朝检'],
    ['110106', '丰检'],
    ['110000', '京检'],
  ]),
  donationUse: donationUse(data.ledger),
}
const P = { from: '2025-01-01', to: '2025-12-31' }
const inP = (d?: string) => !!d && d >= P.from && d <= P.to
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)
const defined = <T>(x: T | undefined): x is T => x !== undefined
const meta = {
  unitName: '北京市朝阳区人民检察院',
  periodLabel: '2025年',
  generatedAt: 'x',
  generatedBy: '王',
  filterLines: [],
}

describe('register definitions', () => {
  it('every register has a date column first, unique column keys and a title', () => {
    for (const id of registerIds) {
      const def = registers[id]
      expect(def.columns[0].key).toBe('date')
      expect(new Set(def.columns.map((c) => c.key)).size).toBe(def.columns.length)
      expect(def.title).toMatch(/台账$/)
      expect(def.columns.every((c) => c.total !== 'sum' || c.kind === 'fen')).toBe(true)
    }
  })
})

describe('register rows and totals match independent sums over the records', () => {
  it('受理台账: one row per application in the period; 决定金额 and 已发放金额 totals', () => {
    const rows = filterRows(data.cases.map((c) => applicationRow(c, ctx)).filter(defined), P)
    const expected = data.cases.filter((c) => inP(c.applicationDate))
    expect(rows.length).toBe(expected.length)
    const t = registerTotals(registers.applications, rows)
    expect(t.sums.grantedFen).toBe(sum(expected.map((c) => c.decision?.grantedFen ?? 0)))
    expect(t.sums.paidFen).toBe(sum(expected.map((c) => c.payment?.amountFen ?? 0)))
    expect(t.count).toBe(expected.length)
  })

  it('救助决定台账: decisions dated in the period; granted total; refusals listed with reasons', () => {
    const rows = filterRows(data.cases.map((c) => decisionRow(c, ctx)).filter(defined), P)
    const expected = data.cases.filter((c) => c.decision && inP(c.decisionDate))
    expect(rows.length).toBe(expected.length)
    expect(registerTotals(registers.decisions, rows).sums.grantedFen).toBe(
      sum(expected.map((c) => c.decision?.grantedFen ?? 0)),
    )
    const refused = filterRows(rows, { states: ['refused'] })
    expect(refused.length).toBe(expected.filter((c) => c.decision?.outcome === 'refused').length)
    expect(refused[0].cells.refusalReasons).toContain('生活困难非案件原因所致')
  })

  it('发放台账: every payment in the period with each level’s share; shares add up to the amount', () => {
    const rows = filterRows(data.cases.map((c) => paymentRow(c, ctx)).filter(defined), P)
    const expected = data.cases.filter((c) => c.payment && inP(c.payment.paidDate))
    expect(rows.length).toBe(expected.length)
    const t = registerTotals(registers.payments, rows).sums
    expect(t.amountFen).toBe(sum(expected.map((c) => c.payment?.amountFen ?? 0)))
    for (const s of ['central', 'province', 'city', 'county', 'donation'] as const) {
      const direct = sum(
        expected.flatMap((c) => (c.funding?.splits ?? []).filter((x) => x.source === s).map((x) => x.amountFen)),
      )
      expect(t[s]).toBe(direct)
    }
    expect(t.central + t.province + t.city + t.county + t.donation).toBe(t.amountFen)
  })

  it('资金台账: 收入 and 支出 totals equal the entries by kind', () => {
    const rows = filterRows(
      data.ledger.map((e) => ledgerRow(e, ctx)),
      P,
    )
    const es = data.ledger.filter((e) => inP(e.date))
    const t = registerTotals(registers.ledger, rows).sums
    expect(t.inFen).toBe(sum(es.filter((e) => e.kind !== 'disbursement').map((e) => e.amountFen)))
    expect(t.outFen).toBe(sum(es.filter((e) => e.kind === 'disbursement').map((e) => e.amountFen)))
    const onlyCentral = filterRows(rows, { sources: ['central'] })
    expect(onlyCentral.length).toBe(es.filter((e) => e.fundSource === 'central').length)
  })

  it('追回台账, 捐助台账, 回访台账, 线索移送台账', () => {
    const rec = data.cases.flatMap((c) => recoveryRows(c, ctx))
    expect(rec.length).toBe(sum(data.cases.map((c) => c.recoveries.length)))
    expect(registerTotals(registers.recoveries, rec).sums.recoveredFen).toBe(
      sum(data.cases.flatMap((c) => c.recoveries.map((r) => r.recoveredFen ?? 0))),
    )
    expect(filterRows(rec, { states: ['open'] }).length).toBe(data.cases.filter((c) => c.state === 'recovery').length)
    const don = data.donations.map((d) => donationRow(d, ctx))
    for (const row of don) {
      const d = data.donations.find((x) => x.id === row.key) as (typeof data.donations)[number]
      const out = sum(
        data.ledger.filter((e) => e.donationId === d.id && e.kind === 'disbursement').map((e) => e.amountFen),
      )
      const back = sum(
        data.ledger.filter((e) => e.donationId === d.id && e.kind === 'recovery').map((e) => e.amountFen),
      )
      expect(row.cells.usedFen).toBe(out - back)
      expect(row.cells.remainingFen).toBe(d.amountFen - out + back)
    }
    const fu = data.followUps.map((f) => followUpRow(f, ctx))
    expect(fu.every((r) => typeof r.cells.caseNo === 'string' && r.cells.caseNo !== '')).toBe(true)
    const clues = filterRows(
      data.clues.map((c) => clueRow(c, ctx)),
      P,
    )
    expect(clues.length).toBe(data.clues.filter((c) => inP(c.referredOn)).length)
    expect(clues.every((r) => r.cells.caseNo !== '')).toBe(true)
  })
})

describe('filters, search, sort and export of the view', () => {
  const rows = data.cases.map((c) => applicationRow(c, ctx)).filter(defined)
  it('state, category, origin, priority group and office filters are "any of"; they combine with AND', () => {
    const f = filterRows(rows, { states: ['paid', 'archived'], categories: ['2021-serious-injury'], groups: ['minor'] })
    const direct = data.cases.filter((c) => {
      const flags = [c.applicantId, c.victimId].flatMap((id) => ctx.persons?.get(id ?? '')?.priorityFlags ?? [])
      return (
        (c.state === 'paid' || c.state === 'archived') &&
        c.categoryItemCode === '2021-serious-injury' &&
        flags.includes('minor')
      )
    })
    expect(f.map((r) => r.key).sort()).toEqual(direct.map((c) => c.id).sort())
    expect(filterRows(rows, { units: ['110106'] }).length).toBe(
      data.cases.filter((c) => c.ownerUnit === '110106').length,
    )
    expect(filterRows(rows, { origins: ['juvenile'] }).length).toBe(
      data.cases.filter((c) => c.originDepartment === 'juvenile').length,
    )
  })

  it('search finds by name, ID number (lower-case x too) and case number', () => {
    const c = data.cases[17]
    const applicant = ctx.persons?.get(c.applicantId ?? '')
    expect(filterRows(rows, { search: c.caseNo }).map((r) => r.key)).toContain(c.id)
    expect(filterRows(rows, { search: applicant?.idNumber.toLowerCase() }).map((r) => r.key)).toEqual([c.id])
    expect(filterRows(rows, { search: applicant?.name }).every((r) => r.search.includes(applicant?.name ?? '?'))).toBe(
      true,
    )
  })

  it('subordinate offices are found through the directory, cycles tolerated', () => {
    const units = [
      { code: '110000' },
      { code: '110300', parentCode: '110000' },
      { code: '110105', parentCode: '110300' },
      { code: '110106', parentCode: '110300' },
      { code: '999999', parentCode: '999998' },
      { code: '999998', parentCode: '999999' },
    ]
    expect(unitWithSubordinates('110000', units).sort()).toEqual(['110000', '110105', '110106', '110300'])
    expect(unitWithSubordinates('999999', units).sort()).toEqual(['999998', '999999'])
  })

  it('the export is exactly the view: its columns, its order, its rows and a totals row', () => {
    const view = sortRows(filterRows(rows, { states: ['paid'] }), [{ id: 'grantedFen', desc: true }])
    const cols = registers.applications.columns.filter((c) => ['date', 'caseNo', 'grantedFen'].includes(c.key))
    const model = registerTableModel(registers.applications, cols, view, meta)
    expect(model.headerRows[0].map((h) => h.label)).toEqual(['序号', '申请日期', '救助案件编号', '决定金额'])
    expect(model.rows.length).toBe(view.length + 1)
    expect(model.rows[0]).toEqual([1, view[0].cells.date, view[0].cells.caseNo, view[0].cells.grantedFen])
    const amounts = model.rows.slice(0, -1).map((r) => r[3] as number)
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a))
    expect(model.rows[view.length]).toEqual([null, `合计（${view.length} 条）`, null, sum(amounts)])
    expect(model.rowStyles).toEqual({ [String(view.length)]: 'total' })
  })
})

// ——— funds ledger ———

const UNIT = '110105'
let n = 900_000
const entry = (
  e: Partial<LedgerEntry> & Pick<LedgerEntry, 'kind' | 'fundSource' | 'amountFen' | 'date'>,
): LedgerEntry => ({
  id: fixtureId(UNIT, ++n, n),
  ownerUnit: UNIT,
  rev: n,
  createdAt: '2026-11-01T01:00:00.000Z',
  updatedAt: '2026-11-01T01:00:00.000Z',
  createdBy: fixtureId(UNIT, 1, 1),
  updatedBy: fixtureId(UNIT, 1, 1),
  counterparty: '对方',
  ...e,
})
const CASE_A = fixtureId(UNIT, 5, 5)
const CASE_B = fixtureId(UNIT, 6, 6)

describe('funds ledger: balance per source and reconciliation', () => {
  it('generated data reconciles: received − paid + recovered = balance per source, no broken entries', () => {
    const f = computeFunds(data.ledger)
    for (const s of ['central', 'province', 'city', 'county', 'donation'] as const) {
      const of = (kinds: string[]) =>
        sum(data.ledger.filter((e) => e.fundSource === s && kinds.includes(e.kind)).map((e) => e.amountFen))
      const received = of(['allocation', 'donation'])
      const paid = of(['disbursement'])
      const recovered = of(['recovery'])
      expect(f.bySource[s]).toEqual({ received, paid, recovered, balance: received - paid + recovered, difference: 0 })
    }
    expect(f.problems).toEqual([])
    expect(f.total.balance).toBe(sum(data.ledger.map((e) => (e.kind === 'disbursement' ? -e.amountFen : e.amountFen))))
    // per office, then merged, equals all at once
    const parts = ['110105', '110106', '110000'].map((u) => computeFunds(data.ledger.filter((e) => e.ownerUnit === u)))
    expect(mergeFunds(parts).bySource).toEqual(f.bySource)
  })

  it('a deliberately broken entry — a reversal of an unknown entry — breaks the equation by its amount and is listed', () => {
    const bad = entry({
      kind: 'reversal',
      fundSource: 'county',
      amountFen: 12_345,
      date: '2026-05-01',
      reversesId: fixtureId(UNIT, 99, 99),
    })
    const f = computeFunds([...data.ledger.filter((e) => e.ownerUnit === UNIT), bad])
    expect(f.bySource.county.difference).toBe(-12_345)
    expect(f.bySource.central.difference).toBe(0)
    expect(f.problems).toHaveLength(1)
    expect(f.problems[0]).toMatchObject({ code: 'reversal-unknown-target', entryId: bad.id, affectedFen: 12_345 })
    expect(f.problems[0].message).toContain('冲销的分录不存在')
  })

  it('a disbursement without a matching allocation is listed; an unassigned allocation of the source covers it', () => {
    const alloc = entry({
      kind: 'allocation',
      fundSource: 'county',
      amountFen: 10_000,
      date: '2026-01-05',
      caseId: CASE_A,
    })
    const pay = entry({
      kind: 'disbursement',
      fundSource: 'county',
      amountFen: 30_000,
      date: '2026-01-06',
      caseId: CASE_A,
    })
    const f = computeFunds([alloc, pay])
    expect(f.problems.map((p) => [p.code, p.affectedFen])).toEqual([
      ['balance-negative', 20_000],
      ['disbursement-unfunded', 20_000],
    ])
    expect(f.bySource.county).toMatchObject({ received: 10_000, paid: 30_000, balance: -20_000, difference: 0 })
    const pool = entry({ kind: 'allocation', fundSource: 'county', amountFen: 50_000, date: '2026-01-02' })
    expect(computeFunds([pool, alloc, pay]).problems).toEqual([])
  })

  it('reversals: a correct reversal nets out; over-reversal, source mismatch and reversing a reversal are handled', () => {
    const alloc = entry({
      kind: 'allocation',
      fundSource: 'city',
      amountFen: 40_000,
      date: '2026-02-01',
      caseId: CASE_B,
    })
    const pay = entry({
      kind: 'disbursement',
      fundSource: 'city',
      amountFen: 40_000,
      date: '2026-02-03',
      caseId: CASE_B,
    })
    const rev = entry({
      kind: 'reversal',
      fundSource: 'city',
      amountFen: 40_000,
      date: '2026-02-04',
      reversesId: pay.id,
      caseId: CASE_B,
    })
    const ok = computeFunds([alloc, pay, rev])
    expect(ok.problems).toEqual([])
    expect(ok.bySource.city).toMatchObject({ received: 40_000, paid: 0, balance: 40_000, difference: 0 })
    const again = entry({
      kind: 'reversal',
      fundSource: 'county',
      amountFen: 1_000,
      date: '2026-02-05',
      reversesId: pay.id,
    })
    const bad = computeFunds([alloc, pay, rev, again])
    expect(bad.problems.map((p) => p.code).sort()).toEqual(['reversal-exceeds-target', 'reversal-source-mismatch'])
    const undo = entry({
      kind: 'reversal',
      fundSource: 'city',
      amountFen: 40_000,
      date: '2026-02-06',
      reversesId: rev.id,
    })
    expect(computeFunds([alloc, pay, rev, undo]).bySource.city).toMatchObject({
      paid: 40_000,
      balance: 0,
      difference: 0,
    })
  })

  it('donated money: unknown donation and overspending are listed; a recovery of a never-paid case too', () => {
    const don = fixtureId(UNIT, 77, 77)
    const pay = entry({
      kind: 'disbursement',
      fundSource: 'donation',
      amountFen: 5_000,
      date: '2026-03-01',
      caseId: CASE_A,
      donationId: don,
    })
    expect(computeFunds([pay]).problems.map((p) => p.code)).toContain('donation-unknown')
    const gift = entry({
      kind: 'donation',
      fundSource: 'donation',
      amountFen: 3_000,
      date: '2026-02-01',
      donationId: don,
    })
    expect(computeFunds([gift, pay]).problems.map((p) => [p.code, p.affectedFen])).toEqual([
      ['balance-negative', 2_000],
      ['donation-overspent', 2_000],
    ])
    const back = entry({ kind: 'recovery', fundSource: 'county', amountFen: 1_000, date: '2026-03-02', caseId: CASE_B })
    expect(computeFunds([back]).problems.map((p) => p.code)).toEqual(['recovery-without-payment'])
  })
})

describe('donor notice', () => {
  it('names each recipient, what each got from the donation, the total and the balance; text is escaped', () => {
    const d = { ...data.donations[0], donor: { name: '<b>某公司</b>', kind: 'company' as const } }
    const html = donationNoticeHtml(
      d,
      [
        { name: '张三', caseNo: '朝检控救〔2025〕1号', fromDonationFen: 1_000_000, paidDate: '2025-03-01' },
        { name: '李四', caseNo: '朝检控救〔2025〕2号', fromDonationFen: 500_000 },
      ],
      { unitName: '北京市朝阳区人民检察院' },
      '2026-11-30',
    )
    expect(html).toContain('社会捐助资金使用情况告知书')
    expect(html).toContain('张三')
    expect(html).toContain('李四')
    expect(html).toContain('15,000.00')
    expect(html).toContain('结余185,000.00元')
    expect(html).toContain('&lt;b&gt;某公司&lt;/b&gt;')
    expect(html).not.toContain('<b>某公司')
  })
})
