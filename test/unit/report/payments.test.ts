import { describe, expect, it } from 'vitest'
import { writeTableStreamXlsx, writeTableXlsx } from '../../../electron/services/excel/writeTable'
import { formatYuanWithUnit } from '../../../shared/domain/money'
import { buildPaymentsReport } from '../../../shared/report/definitions/payments'
import { parsePeriod } from '../../../shared/report/period'
import { generateDataset, units } from './fixtures'
import { type Cell, naivePayments } from './naive'
import { tempDir } from './tempDir'
import { bodyRows, footnotes, merges, readWorkbook, sameMoney, type Value } from './xlsx'

const ds = generateDataset()
const period = parsePeriod('2025')
const run = {
  scope: { unitCode: '330000', units },
  generatedAt: '2026-07-01T02:00:00.000Z',
  generatedBy: '审计员',
  period,
}
const order = ['330000', '330100', '330102', '330106', '330200', '330203', '339901']
const names = Object.fromEntries([...units.map((u) => [u.code, u.name]), ['339901', '339901']])
const W = 19
const money = new Set([10, 11, 12, 13, 14, 15, 17])

const tmp = tempDir('report-payments-')

describe('年度救助资金发放明细表', () => {
  it('has one row per payment of the year, every cell as the naive listing, with 小计 per office and 合计', async () => {
    const { table } = await buildPaymentsReport(ds, run)
    const path = tmp.path('payments.xlsx')
    await writeTableXlsx(path, table)
    const ws = (await readWorkbook(path)).getWorksheet('发放明细')!
    const { stat: expected, small } = naivePayments(ds, { from: period.from, to: period.to }, order, names)
    expect(expected.length).toBeGreaterThan(80)
    // the fixture names the payee's person record on most payments and only the payee's name on the others: the
    // ID number is filled in either way
    expect(expected.every((e) => typeof e.cells[4] === 'string' && e.cells[4] !== '')).toBe(true)
    expect(ds.cases.some((c) => c.payment && !c.payment.payeePersonId)).toBe(true)
    const rows = bodyRows(ws, 2, W)
    const exactly = (got: Value, want: Cell, where: string) => expect(got ?? '', where).toBe(want ?? '')
    const same = (got: Value, want: Cell, where: string) => {
      if (typeof want === 'number' && typeof got === 'number')
        expect(sameMoney(got, want), `${where}: ${got} ≠ ${want}`).toBe(true)
      else expect(got ?? '', where).toBe(want ?? '')
    }
    /** Money to the fen, anything else as printed. */
    const compare = (c: number, want: Cell) => (money.has(c) && want !== null ? same : exactly)
    const sums = (list: typeof expected) => [
      list.reduce((s, e) => s + e.fen, 0),
      ...[0, 1, 2, 3, 4].map((k) => list.reduce((s, e) => s + e.shares[k], 0)),
    ]
    const expectSums = (row: Value[], list: typeof expected, where: string) => {
      const [fen, ...shares] = sums(list)
      expect(sameMoney(row[10], fen / 100), `${where} 金额`).toBe(true)
      for (const [k, x] of shares.entries()) {
        expect(sameMoney(row[11 + k], x / 100), `${where} 来源 ${k}`).toBe(true)
      }
      expect(sameMoney(row[17], list.reduce((s, e) => s + e.recovered, 0) / 100), `${where} 已追回`).toBe(true)
    }
    let r = 0
    for (const office of order) {
      const mine = expected.filter((e) => e.office === office)
      if (mine.length === 0) continue
      for (const e of mine) {
        e.cells.forEach((want, c) => {
          compare(c, want)(rows[r][c], want, `row ${r} col ${c}`)
        })
        // the fund-source columns add up to the amount paid
        expect(e.shares.reduce((a, x) => a + x, 0)).toBe(e.fen)
        r++
      }
      expect(rows[r][1]).toBe(`${names[office]}小计（${mine.length} 笔）`)
      expectSums(rows[r], mine, `${office} 小计`)
      expect(ws.getCell(6 + r, 2).font?.bold).toBe(true)
      r++
    }
    expect(rows[r][1]).toBe(`合计（${expected.length} 笔）`)
    expectSums(rows[r], expected, '合计')
    r++
    // 小额应急性帮扶: apart, after the 合计, then the 发放总计 of both
    expect(small.length).toBeGreaterThan(0)
    expect(String(rows[r][0])).toContain('附：小额应急性帮扶发放')
    r++
    for (const e of small) {
      e.cells.forEach((want, c) => {
        compare(c, want)(rows[r][c], want, `小额 row ${r} col ${c}`)
      })
      r++
    }
    expect(rows[r][1]).toBe(`小额应急性帮扶小计（${small.length} 笔）`)
    expectSums(rows[r], small, '小额小计')
    r++
    expect(rows[r][1]).toBe(`发放总计（${expected.length + small.length} 笔）`)
    expectSums(rows[r], [...expected, ...small], '发放总计')
    expect(rows.length).toBe(r + 1)
    expect(ws.getCell('A1').value).toBe('2025年度救助资金发放明细表')
    expect(ws.getCell(6, 11).numFmt).toBe('#,##0.00')
    expect(ws.getCell(6, 12).numFmt).toBe('#,##0.00')
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5, xSplit: 3 })
    expect(merges(ws)).toEqual(
      expect.arrayContaining([
        { top: 4, left: 4, bottom: 4, right: 5 },
        { top: 4, left: 7, bottom: 4, right: 8 },
        { top: 4, left: 9, bottom: 4, right: 11 },
        { top: 4, left: 12, bottom: 4, right: 16 },
        { top: 4, left: 1, bottom: 5, right: 1 },
      ]),
    )
    expect(['L5', 'M5', 'N5', 'O5', 'P5'].map((a) => ws.getCell(a).value)).toEqual([
      '中央',
      '省级',
      '市级',
      '县级',
      '社会捐助',
    ])
    const smallFen = small.reduce((s, e) => s + e.fen, 0)
    expect(footnotes(ws)[0]).toContain(`本期间共 ${small.length} 笔（发放金额 ${formatYuanWithUnit(smallFen)}）`)
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
    const ra = bodyRows((await readWorkbook(a)).getWorksheet('发放明细')!, 2, W)
    const rb = bodyRows((await readWorkbook(b)).getWorksheet('发放明细')!, 2, W)
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
