import { addDays, isValidDate } from '../domain/dates'
import { parseResidentId } from '../domain/idcard'
import { parseChineseUppercase, parseYuan } from '../domain/money'
import type { FundSource } from '../domain/schemas/moneyLabels'
import { MAX_AMOUNT_FEN } from '../domain/schemas/primitives'
import { cleanNameInput, cleanNumberInput, toHalfWidth } from '../domain/textInput'
import type { LegacyImportErrorCode } from '../errors/legacyImport'
import type { MessageParams } from '../errors/types'
import { cellText, type LegacyCell } from './sheet'

/**
 * One cell of an old register read as one field, with the traps of real spreadsheets (docs/legacy-import.md §3):
 * each reader gives the value or a coded problem — never a guess.
 */
export type Read<T> = { ok: true; value: T } | { ok: false; code: LegacyImportErrorCode; params: MessageParams }

const bad = (code: LegacyImportErrorCode, params: MessageParams): Read<never> => ({ ok: false, code, params })

/**
 * An 18-digit ID number kept as a number has lost its last digits (Excel keeps 15 significant digits; a double
 * keeps about 16): a number cell with 16 or more digits, text in E-notation (“1.10101E+17”, as a CSV shows it), or
 * 18 digits ending in 000 that fail the check digit (what such a column exports as). A 15-digit number is exact.
 */
export function readIdNumber(cell: LegacyCell, today: string): Read<string> {
  const text = cellText(cell).trim()
  if (typeof cell === 'number') {
    if (!Number.isInteger(cell) || Math.abs(cell) >= 1e15)
      return bad('legacy.row.id-as-number', { text: eNotation(cell) })
  }
  const s = cleanNumberInput(text)
  if (/^\d(\.\d+)?E\+?\d+$/i.test(s)) return bad('legacy.row.id-as-number', { text: s })
  const r = parseResidentId(s, today)
  if (r.ok) return { ok: true, value: r.id }
  if (/^\d{15}000$/.test(s)) return bad('legacy.row.id-as-number', { text: s })
  return bad('legacy.row.id-invalid', { text: s, reason: r.reason })
}

/** How Excel shows a long number in a General cell (1.10101E+17). */
function eNotation(n: number): string {
  const [m, e] = n.toExponential(5).split('e')
  return `${m.replace(/\.?0+$/, '')}E${/^[-+]/.test(e) ? e : `+${e}`}`
}

/** A person's name: spaces from a Chinese input method dropped (“陈  小 明” → 陈小明); digits are not a name. */
export function readName(cell: LegacyCell): Read<string> {
  const raw = cellText(cell)
  const s = cleanNameInput(toHalfWidth(raw)).trim()
  if (s.length > 50) return bad('legacy.row.name', { text: raw, reason: '超过 50 个字' })
  if (/\d/.test(s)) return bad('legacy.row.name', { text: raw, reason: '姓名中不应有数字' })
  return { ok: true, value: s }
}

const EXCEL_1900 = '1899-12-30'
const EXCEL_1904 = '1904-01-01'

/**
 * A date as registers keep it: an Excel serial (a date cell formatted as a number; the 1900 or 1904 system of the
 * workbook), `YYYY-MM-DD` from a typed date cell, or text — 2025-03-01, 2025/3/1, 2025.3.1, 2025年3月1日, 20250301.
 * A date before 1990 or after today is refused (a typo or a serial read in the wrong system).
 */
export function readDate(cell: LegacyCell, field: string, date1904: boolean, today: string): Read<string> {
  const text = cellText(cell).trim()
  let date: string | null = null
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell > 0 && cell < 2_958_466) {
      // the 1900 system counts a 29 February 1900 that never was: serials after it are one day late
      date = date1904
        ? addDays(EXCEL_1904, cell)
        : cell >= 61
          ? addDays(EXCEL_1900, cell)
          : addDays(EXCEL_1900, cell + 1)
    }
  } else {
    const s = toHalfWidth(text).replace(/\s+/g, '')
    const m = /^(\d{4})(?:[-/.年])(\d{1,2})(?:[-/.月])(\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s)
    if (m) date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`
  }
  if (date === null || !isValidDate(date)) return bad('legacy.row.date', { field, text })
  if (date < '1990-01-01' || date > today) return bad('legacy.row.date-range', { field, text, date })
  return { ok: true, value: date }
}

const UPPERCASE_MONEY = /[零壹贰貳叁參肆伍陆陸柒捌玖拾佰仟万萬亿億圆圓角分整正]/

/**
 * An amount in 元 (or 万元 when the cell or its column header says so) → 分: numbers, 12,345.67, ¥12345.67元,
 * 1.5万元, and 大写 (壹万贰仟元整, the inverse of shared/domain/money.ts `toChineseUppercase`). More decimals than the
 * 分 allows are refused rather than rounded.
 */
export function readAmount(cell: LegacyCell, field: string, headerInWan: boolean): Read<number> {
  const text = cellText(cell).trim()
  const fail = () => bad('legacy.row.amount', { field, text })
  let fen: number | null
  if (typeof cell === 'number') {
    fen = decimalToFen(String(cell), headerInWan ? 4 : 0)
  } else {
    let s = toHalfWidth(text)
      .replace(/\s+/g, '')
      .replace(/^人民币/, '')
    if (UPPERCASE_MONEY.test(s) && !/\d/.test(s)) {
      fen = parseChineseUppercase(s)
    } else {
      const wan = /万元?$/.test(s) || (headerInWan && !/元$/.test(s))
      s = s.replace(/万元?$/, '').replace(/^[¥￥]/, '')
      if (wan) fen = /^\d+(\.\d+)?$/.test(s) ? decimalToFen(s, 4) : null
      else {
        const r = parseYuan(s)
        fen = r.ok ? r.fen : null
      }
    }
  }
  if (fen === null || fen > MAX_AMOUNT_FEN) return fail()
  if (fen <= 0) return bad('legacy.row.amount-zero', { field, text })
  return { ok: true, value: fen }
}

/** “12.5” × 10^shift 元 → 分, exactly (string arithmetic), or null when it does not come out in whole 分. */
function decimalToFen(s: string, shift: number): number | null {
  if (/e/i.test(s)) s = Number(s).toFixed(10)
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s)
  if (!m) return null
  const frac = (m[3] ?? '').replace(/0+$/, '')
  const places = shift + 2
  if (frac.length > places) return null
  const digits = `${m[2]}${frac.padEnd(places, '0')}`
  const fen = Number(digits)
  if (!Number.isSafeInteger(fen)) return null
  return m[1] ? -fen : fen
}

const fundWords: [RegExp, FundSource][] = [
  [/^(中央|中央财政|中央资金)$/, 'central'],
  [/^(省|省级|省级财政|省财政)$/, 'province'],
  [/^(市|市级|市级财政|市财政)$/, 'city'],
  [/^(县|县级|区|区级|县区|县级财政|区级财政|县财政|区财政)$/, 'county'],
  [/^(捐助|社会捐助|捐款|社会捐款)$/, 'donation'],
]

/** 资金来源 as written (“中央、省级”, “县财政+社会捐助”) → the fund sources; an unknown word is refused. */
export function readFundSources(cell: LegacyCell): Read<FundSource[]> {
  const text = cellText(cell).trim()
  const parts = toHalfWidth(text)
    .split(/[、,，/;；+和及\s]+/)
    .map((p) => p.replace(/(资金|经费)$/, ''))
    .filter(Boolean)
  const out: FundSource[] = []
  for (const p of parts) {
    const hit = fundWords.find(([re]) => re.test(p))
    if (!hit) return bad('legacy.row.fund-source', { text })
    if (!out.includes(hit[1])) out.push(hit[1])
  }
  return { ok: true, value: out }
}

/** Free text (case numbers, document numbers, charges): half-width, spaces trimmed, at most `max` characters. */
export function readText(cell: LegacyCell, max: number): string {
  return toHalfWidth(cellText(cell)).replace(/\s+/g, ' ').trim().slice(0, max)
}
