import { describe, expect, it } from 'vitest'
import { writeTableStreamXlsx, writeTableXlsx } from '../../../electron/services/excel/writeTable'
import { buildPaymentsReport } from '../../../shared/report/definitions/payments'
import { parsePeriod } from '../../../shared/report/period'
import { generateDataset, units } from './fixtures'
import { naivePayments } from './naive'
import { tempDir } from './tempDir'
import { bodyRows, footnotes, merges, readWorkbook, sameMoney } from './xlsx'

const ds = generateDataset()
const period = parsePeriod('2025')
const run = {
  scope: { unitCode: '330000', units },
  generatedAt: '2026-07-01T02:00:00.000Z',
  generatedBy: '审计员',
  period,
}
const order = ['330000', '330100', '330102', '330106', '330200', '330203', '339901']
const shortNames = Object.fromEntries([...units.map((u) => [u.code, u.shortName ?? u.name]), ['339901', '339901']])

const tmp = tempDir('report-payments-')

describe('年度救助资金发放明细表', () => {
  it('has one row per payment of the year, every cell as the naive listing, with 小计 per office and 合计', async () => {
    const { table } = await buildPaymentsReport(ds, run)
    const path = tmp.path('payments.xlsx')
    await writeTableXlsx(path, table)
    const ws = (await readWorkbook(path)).getWorksheet('发放明细')!
    const expected = naivePayments(ds, { from: period.from, to: period.to }, order, shortNames)
    expect(expected.length).toBeGreaterThan(80)
    const rows = bodyRows(ws, 2, 15)
    let r = 0
    for (const office of order) {
      const mine = expected.filter((e) => e.office === office)
      if (mine.length === 0) continue
      for (const e of mine) {
        e.cells.forEach((want, c) => {
          const got = rows[r][c]
          if (c === 10 || c === 13)
            expect(sameMoney(got, want as number), `row ${r} col ${c}: ${got} ≠ ${want}`).toBe(true)
          else expect(got ?? '', `row ${r} col ${c}`).toBe(want)
        })
        r++
      }
      expect(rows[r][1]).toBe(`${shortNames[office]}小计（${mine.length} 笔）`)
      expect(sameMoney(rows[r][10], mine.reduce((s, e) => s + e.fen, 0) / 100)).toBe(true)
      expect(sameMoney(rows[r][13], mine.reduce((s, e) => s + e.recovered, 0) / 100)).toBe(true)
      expect(ws.getCell(6 + r, 2).font?.bold).toBe(true)
      r++
    }
    expect(rows[r][1]).toBe(`合计（${expected.length} 笔）`)
    expect(sameMoney(rows[r][10], expected.reduce((s, e) => s + e.fen, 0) / 100)).toBe(true)
    expect(rows.length).toBe(r + 1)
    expect(ws.getCell('A1').value).toBe('2025年度救助资金发放明细表')
    expect(ws.getCell(6, 11).numFmt).toBe('#,##0.00')
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5, xSplit: 3 })
    expect(merges(ws)).toEqual(
      expect.arrayContaining([
        { top: 4, left: 4, bottom: 4, right: 5 },
        { top: 4, left: 7, bottom: 4, right: 8 },
        { top: 4, left: 9, bottom: 4, right: 11 },
        { top: 4, left: 1, bottom: 5, right: 1 },
      ]),
    )
    const small = ds.cases.filter(
      (c) => !c.voided && c.ownerUnit !== '320102' && c.smallEmergencyHelp && c.payment?.paidDate.startsWith('2025'),
    )
    expect(small.length).toBeGreaterThan(0)
    expect(footnotes(ws)[0]).toContain(`本期间共排除 ${small.length} 件（发放金额`)
  })

  it('writes the same workbook cells through the streaming path', async () => {
    const { table } = await buildPaymentsReport(ds, run)
    async function* rows() {
      for (const r of table.rows) yield r
    }
    const a = tmp.path('a.xlsx')
    const b = tmp.path('b.xlsx')
    await writeTableXlsx(a, table)
    await writeTableStreamXlsx(b, { ...table, rows: [] }, rows())
    const ra = bodyRows((await readWorkbook(a)).getWorksheet('发放明细')!, 2, 15)
    const rb = bodyRows((await readWorkbook(b)).getWorksheet('发放明细')!, 2, 15)
    expect(rb).toEqual(ra)
  })

  it('is the same for any record order, and its hash follows the inputs', async () => {
    const a = await buildPaymentsReport(ds, run)
    const b = await buildPaymentsReport({ cases: [...ds.cases].reverse(), persons: [...ds.persons].reverse() }, run)
    expect(b.table.rows).toEqual(a.table.rows)
    expect(b.table.provenanceInfo!.inputHash).toBe(a.table.provenanceInfo!.inputHash)
    const payee = ds.persons.find((p) =>
      ds.cases.some((c) => c.payment?.payeePersonId === p.id && c.payment.paidDate.startsWith('2025')),
    )!
    const changed = await buildPaymentsReport(
      {
        cases: ds.cases,
        persons: ds.persons.map((p) => (p === payee ? { ...p, idNumber: '11010519491231002X', rev: p.rev + 1 } : p)),
      },
      run,
    )
    expect(changed.table.provenanceInfo!.inputHash).not.toBe(a.table.provenanceInfo!.inputHash)
  })
})
