import { type ValidationCode, validationMessage } from '../errors/validation'

/**
 * Money is integer 分 (fen) everywhere (docs/domain-reference.md §11 "do all arithmetic in integer 分"). This module formats fen as
 * 元 with thousands separators, reads typed amounts back, and writes and reads 大写金额 (PBOC 《正确填写票据和结算凭证的
 * 基本规定》, docs/domain-reference.md §11, H via S27).
 */

/** Largest amount handled: 9,999,999,999,999.99 元, in fen (15 digits, well inside Number.MAX_SAFE_INTEGER). */
export const MAX_FEN = 999_999_999_999_999

export type MoneyCode = Extract<ValidationCode, `money.${string}`>

export type ParseYuanResult = { ok: true; fen: number } | { ok: false; code: MoneyCode; reason: string }

function assertFen(fen: number): void {
  if (!Number.isSafeInteger(fen)) throw new RangeError(validationMessage('money.not-fen', { value: String(fen) }))
}

/**
 * Formats fen as 元 with two decimals and thousands separators: 1234567 → '12,345.67', −1234567 → '-12,345.67'.
 * Throws RangeError on a non-integer or unsafe number (amounts are integer 分, docs/domain-reference.md §11).
 */
export function formatYuan(fen: number): string {
  assertFen(fen)
  const abs = Math.abs(fen)
  const digits = String(Math.floor(abs / 100))
  // thousands separators without a regular expression: reports format hundreds of thousands of amounts
  let whole = digits.slice(0, digits.length % 3 || 3)
  for (let i = whole.length; i < digits.length; i += 3) whole += `,${digits.slice(i, i + 3)}`
  const cents = abs % 100
  return `${fen < 0 ? '-' : ''}${whole}.${cents < 10 ? '0' : ''}${cents}`
}

/** formatYuan followed by 元: 1234567 → '12,345.67元'. */
export function formatYuanWithUnit(fen: number): string {
  return `${formatYuan(fen)}元`
}

const FULL_WIDTH: Record<string, string> = { '，': ',', '．': '.', '。': '.', '　': ' ' }

/** Full-width digits and punctuation (typed with a Chinese input method) → ASCII. */
function toHalfWidth(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[，．。　]/g, (c) => FULL_WIDTH[c]!)
}

const PLAIN = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/

/**
 * Reads an amount typed in 元 and returns fen. Accepts '12345.67', '12,345.67', '¥12,345.67', '12345.6', '12345',
 * '12345.67元', surrounding spaces, full-width digits, '，' and '．'. Refuses an empty text, a negative amount, more
 * than two decimals (amounts are exact to the 分), misplaced separators or other characters, and amounts above
 * 9,999,999,999,999.99 元, each with its own code and Chinese reason.
 */
export function parseYuan(text: string): ParseYuanResult {
  const fail = (code: MoneyCode): ParseYuanResult => ({
    ok: false,
    code,
    reason: validationMessage(code, { text: text.trim(), max: `${formatYuan(MAX_FEN)}元` }),
  })
  let s = toHalfWidth(text).trim()
  if (s === '') return fail('money.empty')
  s = s
    .replace(/^[¥￥]\s*/, '')
    .replace(/\s*元$/, '')
    .trim()
  if (/^[-−－]/.test(s)) return fail('money.negative')
  const m = PLAIN.exec(s)
  if (!m) return fail('money.format')
  const decimals = m[1] ?? ''
  if (decimals.length > 2) return fail('money.decimals')
  const whole = s.slice(0, s.length - (m[1] === undefined ? 0 : decimals.length + 1)).replace(/,/g, '')
  const digits = whole.replace(/^0+(?=\d)/, '')
  if (digits.length > 13) return fail('money.too-large')
  const fen = Number(digits) * 100 + Number(decimals.padEnd(2, '0'))
  return fen > MAX_FEN ? fail('money.too-large') : { ok: true, fen }
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖'
const SMALL_UNITS = ['', '拾', '佰', '仟'] as const

/** A number 1..9999 in capital numerals, no leading 零; inner zero runs → one 零; trailing zeros → nothing. */
function section(n: number): string {
  let out = ''
  let pendingZero = false
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(n / 10 ** p) % 10
    if (d === 0) {
      pendingZero = out !== ''
    } else {
      out += (pendingZero ? '零' : '') + DIGITS[d] + SMALL_UNITS[p]
      pendingZero = false
    }
  }
  return out
}

/**
 * A positive integer below 10^13 in capital numerals. Groups of four digits take 万 and 亿; a run of zeros between two
 * non-zero digits gives one 零, also across a 万 or 亿 boundary (1,0005,0000 → 壹亿零伍万); a group ending in zero
 * followed by a group starting with a non-zero digit gets no 零 (107000 → 壹拾万柒仟).
 */
function integerPart(n: number): string {
  for (const [size, unit] of [
    [100_000_000, '亿'],
    [10_000, '万'],
  ] as const) {
    if (n >= size) {
      const high = Math.floor(n / size)
      const low = n % size
      if (low === 0) return `${integerPart(high)}${unit}`
      return `${integerPart(high)}${unit}${low < size / 10 ? '零' : ''}${integerPart(low)}`
    }
  }
  return section(n)
}

/**
 * 大写金额 for an amount in fen, without the 人民币 prefix (PBOC rules, docs/domain-reference.md §11, H via S27):
 * - 零元整 for 0; '整' after 元 when there are no 角 and 分; nothing after 角 when 分 is 0 (整 is optional there;
 *   we omit it); never 整 after 分.
 * - 壹拾 for a leading ten (壹拾伍元整, common practice, M).
 * - one 零 for each run of zeros between non-zero digits of the 元 part, including runs across 万/亿.
 * - where the rules allow 零 or not — the 元 digit is 0 and 角 is not — we write it (1680.32 → …捌拾元零叁角贰分);
 *   a 万 digit of 0 followed by a non-zero 仟 digit gets none (107000.53 → 壹拾万柒仟元零伍角叁分).
 * - 角 = 0 and 分 ≠ 0 → 元零X分 (16409.02 → 壹万陆仟肆佰零玖元零贰分).
 * - below 1 元 the 元 part is left out: 50 → 伍角, 5 → 伍分.
 * Throws RangeError on a negative, non-integer, non-finite or too large (> MAX_FEN) amount.
 */
export function toChineseUppercase(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0 || fen > MAX_FEN) {
    throw new RangeError(validationMessage('money.out-of-range', { value: String(fen), max: MAX_FEN }))
  }
  if (fen === 0) return '零元整'
  const yuan = Math.floor(fen / 100)
  const jiao = Math.floor(fen / 10) % 10
  const cents = fen % 10
  const head = yuan > 0 ? `${integerPart(yuan)}元` : ''
  if (jiao === 0 && cents === 0) return `${head}整`
  const zero = yuan > 0 && (jiao === 0 || yuan % 10 === 0) ? '零' : ''
  return `${head}${zero}${jiao > 0 ? `${DIGITS[jiao]}角` : ''}${cents > 0 ? `${DIGITS[cents]}分` : ''}`
}

const VARIANTS: Record<string, string> = {
  貳: '贰',
  參: '叁',
  陸: '陆',
  億: '亿',
  萬: '万',
  圓: '元',
  圆: '元',
  正: '整',
}
const DIGIT_VALUE = new Map([...DIGITS].map((c, i) => [c, i]))
const SMALL_UNIT_VALUE = new Map<string, number>([
  ['拾', 10],
  ['佰', 100],
  ['仟', 1000],
])

/**
 * Reads a group below 10^4: digit-unit pairs in falling order, a 零 exactly where a place is skipped before a
 * later non-zero digit; `leadingTen` lets a bare 拾 open the group (拾伍 = 15). Returns null when malformed.
 */
function parseSection(s: string, leadingTen: boolean): number | null {
  let value = 0
  let lastPlace = 0
  let i = 0
  let sawZero = false
  if (leadingTen && s.startsWith('拾')) s = `壹${s}`
  while (i < s.length) {
    if (s[i] === '零') {
      if (sawZero || i === 0) return null
      sawZero = true
      i++
      continue
    }
    const d = DIGIT_VALUE.get(s[i]!)
    if (d === undefined || d === 0) return null
    const unit = i + 1 < s.length ? SMALL_UNIT_VALUE.get(s[i + 1]!) : undefined
    const place = unit ?? 1
    if (unit === undefined && i + 1 < s.length) return null
    if (lastPlace > 0 && (place >= lastPlace || sawZero !== place * 10 < lastPlace)) return null
    value += d * place
    lastPlace = place
    sawZero = false
    i += unit === undefined ? 1 : 2
  }
  return value > 0 && !sawZero ? value : null
}

/**
 * Reads a positive integer below 10^13 written with 万 and 亿 groups; the inverse of integerPart, also accepting the
 * optional 零 after a group that ends in zero (壹拾万零柒仟) allowed by docs/domain-reference.md §11.
 */
function parseInteger(s: string, first: boolean): number | null {
  for (const [size, unit] of [
    [100_000_000, '亿'],
    [10_000, '万'],
  ] as const) {
    const at = s.lastIndexOf(unit)
    if (at < 0) continue
    const high = parseInteger(s.slice(0, at), first)
    if (high === null || high >= (unit === '亿' ? 100_000 : 10_000)) return null
    let rest = s.slice(at + 1)
    if (rest === '') return high * size
    const zero = rest.startsWith('零')
    if (zero) rest = rest.slice(1)
    const low = parseInteger(rest, false)
    if (low === null || low >= size) return null
    const needZero = low < size / 10
    if (needZero !== zero && !(zero && high % 10 === 0)) return null
    return high * size + low
  }
  return parseSection(s, first)
}

/** X角, X角Y分 or Y分 → fen (1..99), null otherwise. */
function fraction(s: string): number | null {
  const m = /^(?:([壹贰叁肆伍陆柒捌玖])角)?(?:([壹贰叁肆伍陆柒捌玖])分)?$/.exec(s)
  if (!m || s === '') return null
  return (m[1] ? DIGIT_VALUE.get(m[1])! : 0) * 10 + (m[2] ? DIGIT_VALUE.get(m[2])! : 0)
}

/**
 * The inverse of toChineseUppercase: 大写金额 text → fen, or null when the text is not a well-formed amount.
 * Accepts an optional 人民币 prefix, the traditional forms 貳 參 陸 億 萬 圓 and 正 for 整, the optional 零 forms of
 * docs/domain-reference.md §11 (…元叁角贰分, 壹拾万零柒仟元…), 整 after 角 or after 元, a bare leading 拾, and 零元 before 角/分.
 * Refuses 整 after 分, a missing required 零, misplaced units and anything else.
 */
export function parseChineseUppercase(text: string): number | null {
  let s = [...text.trim().replace(/^人民币/, '')].map((c) => VARIANTS[c] ?? c).join('')
  const whole = s.endsWith('整')
  if (whole) s = s.slice(0, -1)
  if (s.includes('整') || (whole && s.endsWith('分'))) return null
  const at = s.indexOf('元')
  if (at !== s.lastIndexOf('元')) return null
  if (at < 0) return s === '' ? null : fraction(s)
  const intText = s.slice(0, at)
  const yuan = intText === '零' ? 0 : parseInteger(intText, true)
  if (yuan === null || yuan > Math.floor(MAX_FEN / 100)) return null
  let frac = s.slice(at + 1)
  const zero = frac.startsWith('零')
  if (zero) frac = frac.slice(1)
  const small = frac === '' ? 0 : fraction(frac)
  if (small === null) return null
  // 零 after 元: required when 角 is 0 and 分 is not; optional when the 元 digit is 0 and 角 is not; else refused.
  const jiaoZero = small > 0 && small < 10
  const zeroAllowed = yuan > 0 && (jiaoZero || (small >= 10 && yuan % 10 === 0))
  if ((zero && !zeroAllowed) || (jiaoZero && yuan > 0 && !zero)) return null
  return yuan * 100 + small
}
