import { validationMessage } from '../errors/validation'

/**
 * Pure helpers on calendar dates written 'YYYY-MM-DD' (proleptic Gregorian calendar, years 0001–9999).
 * All arithmetic is on integer epoch days (days since 1970-01-01); no Date object, no time zone.
 */

/** A calendar date split into numbers. */
export interface DateParts {
  year: number
  month: number
  day: number
}

const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Gregorian leap-year rule: divisible by 4, except centuries not divisible by 400. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Days in a month of the Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

function partsAreValid(p: DateParts): boolean {
  return (
    Number.isInteger(p.year) &&
    Number.isInteger(p.month) &&
    Number.isInteger(p.day) &&
    p.year >= 1 &&
    p.year <= 9999 &&
    p.month >= 1 &&
    p.month <= 12 &&
    p.day >= 1 &&
    p.day <= daysInMonth(p.year, p.month)
  )
}

/** Splits 'YYYY-MM-DD' into numbers; null unless the text names a real day (e.g. no 2025-02-29, no 2025-2-1). */
export function parseDate(text: string): DateParts | null {
  const m = DATE_SHAPE.exec(text)
  if (!m) return null
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
  return partsAreValid(parts) ? parts : null
}

/** True when the text is a real calendar day written 'YYYY-MM-DD'. */
export function isValidDate(text: string): boolean {
  return parseDate(text) !== null
}

/** Writes a date as 'YYYY-MM-DD'. Throws RangeError for a day that does not exist. */
export function formatDate(parts: DateParts): string {
  if (!partsAreValid(parts)) {
    throw new RangeError(validationMessage('date.invalid', { value: `${parts.year}-${parts.month}-${parts.day}` }))
  }
  const pad = (n: number, w: number) => String(n).padStart(w, '0')
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`
}

function mustParse(text: string): DateParts {
  const p = parseDate(text)
  if (!p) throw new RangeError(validationMessage('date.invalid', { value: text }))
  return p
}

/** Days since 1970-01-01 (negative before). Throws RangeError on an invalid date. */
export function toEpochDay(text: string): number {
  const { year, month, day } = mustParse(text)
  // Civil-from-days inverse (H. Hinnant's algorithm), years starting in March.
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yoe = y - era * 400
  const mp = (month + 9) % 12
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
}

/** The 'YYYY-MM-DD' date of an epoch day. Throws RangeError outside years 0001–9999. */
export function fromEpochDay(epochDay: number): string {
  if (!Number.isInteger(epochDay)) throw new RangeError(validationMessage('date.invalid', { value: epochDay }))
  const z = epochDay + 719468
  const era = Math.floor(z / 146097)
  const doe = z - era * 146097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1
  const month = mp < 10 ? mp + 3 : mp - 9
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0)
  return formatDate({ year, month, day })
}

/** The date n days after (n < 0: before) the given date. n must be an integer. */
export function addDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(validationMessage('date.count', { value: n }))
  return fromEpochDay(toEpochDay(date) + n)
}

/** −1, 0 or 1 as a is before, equal to or after b. Throws RangeError on an invalid date. */
export function compareDates(a: string, b: string): -1 | 0 | 1 {
  const d = toEpochDay(a) - toEpochDay(b)
  return d < 0 ? -1 : d > 0 ? 1 : 0
}

/** Day of the week: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(date: string): number {
  return (((toEpochDay(date) + 4) % 7) + 7) % 7
}

/** True on Saturday and Sunday. */
export function isWeekend(date: string): boolean {
  const w = weekday(date)
  return w === 0 || w === 6
}

/** b − a in days (positive when b is later). */
export function daysBetween(a: string, b: string): number {
  return toEpochDay(b) - toEpochDay(a)
}

/** The year of a date. Throws RangeError on an invalid date. */
export function yearOf(date: string): number {
  return mustParse(date).year
}
