import { describe, expect, it } from 'vitest'
import { toChineseUppercase } from '../../../shared/domain/money'
import { readAmount, readDate, readFundSources, readIdNumber, readName } from '../../../shared/legacyImport/values'
import { ID_A, idOf } from '../../legacyCorpus'

const TODAY = '2026-12-07'

describe('历史台账 cell readers: the traps of real spreadsheets', () => {
  it('refuses an 18-digit ID number stored as a number, in every form it reads back as', () => {
    for (const cell of [110101198001011230, 1.10101e17, '1.10101E+17', '110101198001011000']) {
      const r = readIdNumber(cell, TODAY)
      expect(r.ok).toBe(false)
      expect(!r.ok && r.code).toBe('legacy.row.id-as-number')
    }
    const shown = readIdNumber(110101198001011230, TODAY)
    expect(!shown.ok && shown.params.text).toBe('1.10101E+17')
  })

  it('reads an ID number stored as text, with spaces and a lower-case x, and a 15-digit one stored as a number', () => {
    expect(readIdNumber(` ${ID_A.slice(0, 6)} ${ID_A.slice(6)} `, TODAY)).toEqual({ ok: true, value: ID_A })
    const x = idOf('11010519491231002')
    expect(x.endsWith('X')).toBe(true)
    expect(readIdNumber(x.toLowerCase(), TODAY)).toEqual({ ok: true, value: x })
    expect(readIdNumber(110101800101123, TODAY)).toEqual({
      ok: true,
      value: expect.stringMatching(/^11010119800101123/),
    })
    const wrong = readIdNumber(`${ID_A.slice(0, 17)}${ID_A.endsWith('0') ? '1' : '0'}`, TODAY)
    expect(!wrong.ok && wrong.code).toBe('legacy.row.id-invalid')
  })

  it('reads Excel serial dates in the 1900 and 1904 systems and dates written as text', () => {
    expect(readDate(45717, '决定日期', false, TODAY)).toEqual({ ok: true, value: '2025-03-01' })
    expect(readDate(44255, '决定日期', true, TODAY)).toEqual({ ok: true, value: '2025-03-01' })
    for (const text of ['2025-03-01', '2025/3/1', '2025.3.1', '2025年3月1日', '20250301', '２０２５年３月１日']) {
      expect(readDate(text, '决定日期', false, TODAY)).toEqual({ ok: true, value: '2025-03-01' })
    }
    const bad = readDate('2025-02-30', '决定日期', false, TODAY)
    expect(!bad.ok && bad.code).toBe('legacy.row.date')
    const future = readDate('2030-01-01', '决定日期', false, TODAY)
    expect(!future.ok && future.code).toBe('legacy.row.date-range')
    const old = readDate(100, '决定日期', false, TODAY)
    expect(!old.ok && old.code).toBe('legacy.row.date-range')
  })

  it('reads amounts in 元 and 万元, with thousands separators, and in 大写, to exact 分', () => {
    expect(readAmount(30000, '救助金额', false)).toEqual({ ok: true, value: 3_000_000 })
    expect(readAmount('12,500.50元', '救助金额', false)).toEqual({ ok: true, value: 1_250_050 })
    expect(readAmount('¥ 8,000', '救助金额', false)).toEqual({ ok: true, value: 800_000 })
    expect(readAmount('1.5万元', '救助金额', false)).toEqual({ ok: true, value: 1_500_000 })
    expect(readAmount(2.35, '救助金额', true)).toEqual({ ok: true, value: 2_350_000 })
    expect(readAmount('壹万贰仟元整', '救助金额', false)).toEqual({ ok: true, value: 1_200_000 })
    expect(readAmount(toChineseUppercase(3_456_789), '救助金额', false)).toEqual({ ok: true, value: 3_456_789 })
    for (const text of ['一万块', '12.345', '1,2,3', '']) {
      const r = readAmount(text, '救助金额', false)
      expect(r.ok).toBe(false)
    }
    const zero = readAmount(0, '救助金额', false)
    expect(!zero.ok && zero.code).toBe('legacy.row.amount-zero')
  })

  it('cleans names typed with spaces and refuses digits in a name', () => {
    expect(readName('陈  小 明')).toEqual({ ok: true, value: '陈小明' })
    expect(readName('John  Smith')).toEqual({ ok: true, value: 'John Smith' })
    expect(readName('张三1').ok).toBe(false)
  })

  it('reads fund sources as written and refuses an unknown one', () => {
    expect(readFundSources('中央、省级')).toEqual({ ok: true, value: ['central', 'province'] })
    expect(readFundSources('县财政+社会捐助')).toEqual({ ok: true, value: ['county', 'donation'] })
    const r = readFundSources('乡镇')
    expect(!r.ok && r.code).toBe('legacy.row.fund-source')
  })
})
