import { addWorkingDaysDetailed, dayInfo, defaultCalendar, type HolidayCalendar } from '../domain/calendar'
import { fromEpochDay, isLeapYear, toEpochDay } from '../domain/dates'

/**
 * Working-day arithmetic for reports over many cases, on the official calendar of shared/domain/calendar.ts:
 * `add` is calendar.addWorkingDays memoised per (date, n) — a year has only ~365 distinct start days — and
 * `between` equals calendar.workingDaysBetween but reads per-year prefix sums built once from calendar.dayInfo.
 * Years missing from the calendar fall back to Monday–Friday as calendar.ts does; they are collected in
 * `fallbackYears` so the report can say so (calendar.fallbackNotice).
 */
export class WorkingDays {
  readonly fallbackYears = new Set<number>()
  private readonly addMemo = new Map<string, string>()
  private readonly years = new Map<number, { cum: Int16Array; total: number }>()

  constructor(private readonly calendar: HolidayCalendar = defaultCalendar) {}

  /** The n-th working day after `date` (calendar.addWorkingDays). */
  add(date: string, n: number): string {
    const key = `${date}+${n}`
    let due = this.addMemo.get(key)
    if (due === undefined) {
      const r = addWorkingDaysDetailed(date, n, this.calendar)
      for (const y of r.fallbackYears) this.fallbackYears.add(y)
      due = r.date
      this.addMemo.set(key, due)
    }
    return due
  }

  private year(y: number): { cum: Int16Array; total: number } {
    let entry = this.years.get(y)
    if (!entry) {
      const days = isLeapYear(y) ? 366 : 365
      const cum = new Int16Array(days + 1)
      const start = toEpochDay(`${String(y).padStart(4, '0')}-01-01`)
      for (let i = 1; i <= days; i++) {
        const info = dayInfo(fromEpochDay(start + i - 1), this.calendar)
        if (info.fallback) this.fallbackYears.add(y)
        cum[i] = cum[i - 1] + (info.working ? 1 : 0)
      }
      entry = { cum, total: cum[days] }
      this.years.set(y, entry)
    }
    return entry
  }

  /** Working days in (a, b] (negative when b is before a), like calendar.workingDaysBetween. */
  between(a: string, b: string): number {
    if (a > b) return -this.between(b, a) || 0
    const ya = Number(a.slice(0, 4))
    const yb = Number(b.slice(0, 4))
    const da = toEpochDay(a) - toEpochDay(`${a.slice(0, 4)}-01-01`) + 1
    const db = toEpochDay(b) - toEpochDay(`${b.slice(0, 4)}-01-01`) + 1
    if (ya === yb) {
      const { cum } = this.year(ya)
      return cum[db] - cum[da]
    }
    const first = this.year(ya)
    let n = first.total - first.cum[da]
    for (let y = ya + 1; y < yb; y++) n += this.year(y).total
    return n + this.year(yb).cum[db]
  }
}
