import { parseDate } from '../../domain/dates'
import { formatYuan, toChineseUppercase } from '../../domain/money'
import { chinaDateOf } from '../../util/clock'

/**
 * Text formats of printed documents: dates in the body as 2026年3月4日, the signature date (落款) in Chinese
 * numerals as 二〇二六年十一月二十八日 (the traditional form of 检察法律文书), small counts in Chinese (三十日) and amounts
 * in figures with their 大写 (人民币叁万元整（¥30,000.00）; docs/domain-reference.md §11).
 */

const DIGITS = '〇一二三四五六七八九'

function mustParse(date: string) {
  const p = parseDate(date)
  if (!p) throw new RangeError(`日期格式不正确：${date}（应为 YYYY-MM-DD）`)
  return p
}

/**
 * A whole number 0–9999 in lower-case Chinese numerals as written in running text: 0 → 零, 10 → 十, 15 → 十五,
 * 30 → 三十, 36 → 三十六, 105 → 一百零五, 2000 → 二千. Throws RangeError outside 0–9999 or for a fraction.
 */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`不支持的数字：${n}`)
  if (n === 0) return '零'
  const units = ['', '十', '百', '千']
  let out = ''
  let zero = false
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(n / 10 ** p) % 10
    if (d === 0) {
      zero = out !== ''
      continue
    }
    out += (zero ? '零' : '') + (d === 1 && p === 1 && out === '' ? '' : '零一二三四五六七八九'[d]) + units[p]
    zero = false
  }
  return out
}

/**
 * The signature date of a document (落款) in Chinese numerals: 2026-11-28 → 二〇二六年十一月二十八日,
 * 2026-01-05 → 二〇二六年一月五日, 2030-10-20 → 二〇三〇年十月二十日. The year is read digit by digit with 〇 for zero.
 */
export function chineseDate(date: string): string {
  const { year, month, day } = mustParse(date)
  const y = [...String(year).padStart(4, '0')].map((d) => DIGITS[Number(d)]).join('')
  return `${y}年${chineseNumber(month)}月${chineseNumber(day)}日`
}

/** A date in running text: 2026-03-04 → 2026年3月4日. */
export function numericDate(date: string): string {
  const { year, month, day } = mustParse(date)
  return `${year}年${month}月${day}日`
}

/** The blank date of a form filled in by hand. */
export const BLANK_DATE = '　　　　年　　月　　日'

/** The China calendar day (UTC+8) of an ISO instant such as 2026-03-11T02:00:00.000Z. */
export function dateOfInstant(instant: string): string {
  const ms = Date.parse(instant)
  if (Number.isNaN(ms)) throw new RangeError(`时间格式不正确：${instant}`)
  return chinaDateOf(ms)
}

/** Figures with the yuan sign: 3000000 → ¥30,000.00. */
export function yuanFigures(fen: number): string {
  return `¥${formatYuan(fen)}`
}

/** 大写 with the 人民币 prefix written without a gap (docs/domain-reference.md §11): 3000000 → 人民币叁万元整. */
export function yuanUppercase(fen: number): string {
  return `人民币${toChineseUppercase(fen)}`
}

/** The amount as a decision states it: 人民币叁万元整（¥30,000.00）. */
export function amountText(fen: number): string {
  return `${yuanUppercase(fen)}（${yuanFigures(fen)}）`
}

/** The date 18 years after a birth date (a 29 February birthday falls on 1 March in a common year). */
export function adulthoodDate(birthDate: string): string {
  const { year, month, day } = mustParse(birthDate)
  const y = year + 18
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0
  if (month === 2 && day === 29 && !leap) return `${y}-03-01`
  return `${y}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}
