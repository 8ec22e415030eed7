import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  adulthoodDate,
  amountText,
  chineseDate,
  chineseNumber,
  dateOfInstant,
  numericDate,
  yuanFigures,
  yuanUppercase,
} from '../../../shared/documents/templates'
import { formatDate } from '../../../shared/domain/dates'

describe('chineseDate: the 落款 date in Chinese numerals', () => {
  it.each([
    ['2026-11-28', '二〇二六年十一月二十八日'],
    ['2026-01-05', '二〇二六年一月五日'],
    ['2030-10-20', '二〇三〇年十月二十日'],
    ['2026-03-31', '二〇二六年三月三十一日'],
    ['2026-12-10', '二〇二六年十二月十日'],
    ['2000-02-29', '二〇〇〇年二月二十九日'],
    ['2019-06-11', '二〇一九年六月十一日'],
    ['1999-09-09', '一九九九年九月九日'],
  ])('%s → %s', (date, text) => {
    expect(chineseDate(date)).toBe(text)
  })

  it('refuses a date that does not exist or is not YYYY-MM-DD', () => {
    expect(() => chineseDate('2026-02-29')).toThrow(RangeError)
    expect(() => chineseDate('2026-2-1')).toThrow(RangeError)
    expect(() => chineseDate('')).toThrow(RangeError)
  })

  it('every day of 1990–2099 reads back to the same date (property)', () => {
    const digits = '〇一二三四五六七八九'
    const read = (s: string) => {
      const m = /^([〇一二三四五六七八九]{4})年(.+)月(.+)日$/.exec(s)
      if (!m) return null
      const year = Number([...m[1]!].map((c) => digits.indexOf(c)).join(''))
      const small = (t: string) => {
        const [tens, ones] = t.includes('十') ? t.split('十') : ['', t]
        return (t.includes('十') ? (tens ? digits.indexOf(tens) : 1) * 10 : 0) + (ones ? digits.indexOf(ones) : 0)
      }
      return formatDate({ year, month: small(m[2]!), day: small(m[3]!) })
    }
    fc.assert(
      fc.property(fc.integer({ min: 7305, max: 47481 }), (epochDay) => {
        const date = new Date(epochDay * 86_400_000).toISOString().slice(0, 10)
        const text = chineseDate(date)
        expect(text).not.toMatch(/[0-9零]/)
        expect(read(text)).toBe(date)
      }),
    )
  })
})

describe('other document formats', () => {
  it.each([
    [0, '零'],
    [5, '五'],
    [10, '十'],
    [15, '十五'],
    [30, '三十'],
    [36, '三十六'],
    [100, '一百'],
    [105, '一百零五'],
    [110, '一百一十'],
    [2000, '二千'],
    [2026, '二千零二十六'],
  ])('chineseNumber(%i) = %s', (n, text) => {
    expect(chineseNumber(n)).toBe(text)
  })

  it('chineseNumber refuses fractions, negatives and 10000', () => {
    for (const n of [1.5, -1, 10_000]) expect(() => chineseNumber(n)).toThrow(RangeError)
  })

  it('numericDate writes the running-text date without leading zeros', () => {
    expect(numericDate('2026-03-04')).toBe('2026年3月4日')
    expect(numericDate('2026-11-28')).toBe('2026年11月28日')
  })

  it('dateOfInstant gives the China calendar day (UTC+8)', () => {
    expect(dateOfInstant('2026-03-11T02:00:00.000Z')).toBe('2026-03-11')
    expect(dateOfInstant('2026-03-11T16:30:00.000Z')).toBe('2026-03-12')
    expect(() => dateOfInstant('yesterday')).toThrow(RangeError)
  })

  it('amounts: figures with ¥, 大写 with 人民币 and no gap (docs/domain-reference.md §11)', () => {
    expect(yuanFigures(3_000_000)).toBe('¥30,000.00')
    expect(yuanUppercase(3_000_000)).toBe('人民币叁万元整')
    expect(amountText(1_234_567)).toBe('人民币壹万贰仟叁佰肆拾伍元陆角柒分（¥12,345.67）')
    expect(amountText(1_640_902)).toBe('人民币壹万陆仟肆佰零玖元零贰分（¥16,409.02）')
  })

  it('adulthoodDate is the 18th birthday (29 February → 1 March in a common year)', () => {
    expect(adulthoodDate('2014-05-06')).toBe('2032-05-06')
    expect(adulthoodDate('2008-02-29')).toBe('2026-03-01')
    expect(adulthoodDate('2012-02-29')).toBe('2030-03-01')
    expect(adulthoodDate('2010-02-28')).toBe('2028-02-28')
  })
})
