import { z } from 'zod'
import data from '../../resources/calendar/cn-holidays.json'
import { validationMessage } from '../errors/validation'
import { describeZodError } from '../errors/zodProblems'
import { addDays, compareDates, isValidDate, isWeekend, yearOf } from './dates'

/**
 * Working days under the official public-holiday calendar: the 全国年节及纪念日放假办法 and each year's 国务院办公厅
 * 《关于部分节假日安排的通知》 (放假 periods and 调休 weekend working days). Time limits in docs/domain-reference.md §5 are counted in
 * working days (2014 意见: 10 wd to decide, 2 wd to notify collection; 补正: 5 wd, then 30 days; H via S8, S15).
 * A year missing from the data falls back to Monday–Friday and every Detailed result says so.
 */

const dateSchema = z.string().refine(isValidDate, '日期应为真实的日期（写作“年-月-日”，例如 2026-01-01）')

const yearSchema = z
  .object({
    notice: z.string().optional(),
    holidays: z.array(dateSchema),
    workdays: z.array(dateSchema),
  })
  .strict()

/**
 * The holiday data: version, source and, per calendar year, the days off of every 放假 period (weekend days inside
 * a period included) and the 调休 weekend days that are working days. Each date is filed under its own year (the
 * 元旦 period of 2023 starts on 2022-12-31, which is in "2022"). A standards bundle from a higher office may replace
 * the built-in data if it passes this schema.
 */
export const holidayCalendarSchema = z
  .object({
    version: z.string().min(1),
    source: z.string().min(1),
    years: z.record(z.string().regex(/^\d{4}$/, '年份应为 4 位数字'), yearSchema),
  })
  .strict()
  .superRefine((cal, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message })
    if (Object.keys(cal.years).length === 0) issue(['years'], '至少需要一个年份的数据')
    for (const [year, y] of Object.entries(cal.years)) {
      const seen = new Set<string>()
      for (const list of ['holidays', 'workdays'] as const) {
        y[list].forEach((d, i) => {
          const path = ['years', year, list, i]
          if (!isValidDate(d)) return
          if (!d.startsWith(`${year}-`)) issue(path, `${d} 不属于 ${year} 年`)
          if (seen.has(d)) issue(path, `${d} 重复出现，或同时列为放假日和调休上班日`)
          seen.add(d)
          if (list === 'workdays' && !isWeekend(d)) issue(path, `调休上班日 ${d} 不是星期六或星期日`)
        })
      }
    }
  })

export type HolidayCalendar = z.infer<typeof holidayCalendarSchema>

export type ParseCalendarResult =
  | { ok: true; calendar: HolidayCalendar }
  | { ok: false; code: 'calendar.invalid'; reason: string }

/** Validates holiday data from a file or bundle against holidayCalendarSchema; the reason names the first problem. */
export function parseHolidayCalendar(input: unknown): ParseCalendarResult {
  const r = holidayCalendarSchema.safeParse(input)
  if (r.success) return { ok: true, calendar: r.data }
  const detail = describeZodError(r.error, 1)
  return { ok: false, code: 'calendar.invalid', reason: validationMessage('calendar.invalid', { detail }) }
}

/** The built-in calendar, 2014–2026 (resources/calendar/cn-holidays.json); validated when the module loads. */
export const defaultCalendar: HolidayCalendar = holidayCalendarSchema.parse(data)

interface YearIndex {
  holidays: ReadonlySet<string>
  workdays: ReadonlySet<string>
}

const indexes = new WeakMap<HolidayCalendar, ReadonlyMap<number, YearIndex>>()

function indexOf(cal: HolidayCalendar): ReadonlyMap<number, YearIndex> {
  let idx = indexes.get(cal)
  if (!idx) {
    idx = new Map(
      Object.entries(cal.years).map(([y, v]) => [
        Number(y),
        { holidays: new Set(v.holidays), workdays: new Set(v.workdays) },
      ]),
    )
    indexes.set(cal, idx)
  }
  return idx
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted-workday'

export interface DayInfo {
  working: boolean
  kind: DayKind
  /** True when the date's year is not in the calendar and Monday–Friday was assumed. */
  fallback: boolean
}

/**
 * What kind of day a date is: a 调休 working weekend day ('adjusted-workday'), a day of a 放假 period ('holiday'),
 * otherwise Saturday/Sunday ('weekend') or Monday–Friday ('workday'). Source: the yearly 国务院办公厅 notices
 * (data confidence in docs/domain/identity-money-calendar.md). Throws RangeError on an invalid date.
 */
export function dayInfo(date: string, cal: HolidayCalendar = defaultCalendar): DayInfo {
  const year = indexOf(cal).get(yearOf(date))
  const weekend = isWeekend(date)
  if (year?.workdays.has(date)) return { working: true, kind: 'adjusted-workday', fallback: false }
  if (year?.holidays.has(date)) return { working: false, kind: 'holiday', fallback: false }
  return { working: !weekend, kind: weekend ? 'weekend' : 'workday', fallback: year === undefined }
}

/** True on a working day (see dayInfo). Throws RangeError on an invalid date. */
export function isWorkingDay(date: string, cal: HolidayCalendar = defaultCalendar): boolean {
  return dayInfo(date, cal).working
}

/** Records which fallback years were consulted while a computation looked at days. */
class Probe {
  private readonly years = new Set<number>()
  constructor(private readonly cal: HolidayCalendar) {}
  working(date: string): boolean {
    const info = dayInfo(date, this.cal)
    if (info.fallback) this.years.add(yearOf(date))
    return info.working
  }
  fallbackYears(): number[] {
    return [...this.years].sort((a, b) => a - b)
  }
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(validationMessage('date.count', { value: n }))
}

export interface DetailedDate {
  date: string
  /** Years outside the calendar whose days were counted as Monday–Friday; show fallbackNotice(fallbackYears). */
  fallbackYears: number[]
}

/**
 * The n-th working day after `date`, with the fallback years consulted. The start day is not counted (期间开始的日
 * 不计算在期间内, procedure-law rule for time limits, L for the article). n = 0 gives the date itself when it is a
 * working day, else the next working day. Throws RangeError for an invalid date or n not a non-negative integer.
 */
export function addWorkingDaysDetailed(date: string, n: number, cal: HolidayCalendar = defaultCalendar): DetailedDate {
  assertCount(n)
  const probe = new Probe(cal)
  let d = date
  if (n === 0) {
    while (!probe.working(d)) d = addDays(d, 1)
  } else {
    for (let count = 0; count < n; ) {
      d = addDays(d, 1)
      if (probe.working(d)) count++
    }
  }
  return { date: d, fallbackYears: probe.fallbackYears() }
}

/** addWorkingDaysDetailed(…).date: e.g. 2025-09-30 + 1 working day = 2025-10-09. */
export function addWorkingDays(date: string, n: number, cal: HolidayCalendar = defaultCalendar): string {
  return addWorkingDaysDetailed(date, n, cal).date
}

export interface DetailedCount {
  days: number
  fallbackYears: number[]
}

/**
 * Working days in (a, b] — a not counted, b counted — or −(working days in (b, a]) when b is before a; 0 when equal.
 * For n ≥ 1: workingDaysBetween(a, addWorkingDays(a, n)) = n. Throws RangeError on an invalid date.
 */
export function workingDaysBetweenDetailed(
  a: string,
  b: string,
  cal: HolidayCalendar = defaultCalendar,
): DetailedCount {
  const sign = compareDates(a, b)
  const [from, to] = sign <= 0 ? [a, b] : [b, a]
  const probe = new Probe(cal)
  let days = 0
  for (let d = addDays(from, 1); compareDates(d, to) <= 0; d = addDays(d, 1)) if (probe.working(d)) days++
  return { days: sign > 0 && days > 0 ? -days : days, fallbackYears: probe.fallbackYears() }
}

/** workingDaysBetweenDetailed(…).days. */
export function workingDaysBetween(a: string, b: string, cal: HolidayCalendar = defaultCalendar): number {
  return workingDaysBetweenDetailed(a, b, cal).days
}

/**
 * Deadline of a period counted in calendar days (e.g. 30 days to supply materials, docs/domain-reference.md §5 state 3a, H via S8):
 * `days` days after `date` (start day not counted); if that last day is not a working day, the next working day
 * (期间届满的最后一日是法定休假日的，以休假日后的第一日为期间届满的日期, procedure-law rule, L for the article).
 * Throws RangeError for an invalid date or days not a non-negative integer.
 */
export function addCalendarDaysDeadlineDetailed(
  date: string,
  days: number,
  cal: HolidayCalendar = defaultCalendar,
): DetailedDate {
  assertCount(days)
  const probe = new Probe(cal)
  let d = addDays(date, days)
  while (!probe.working(d)) d = addDays(d, 1)
  return { date: d, fallbackYears: probe.fallbackYears() }
}

/** addCalendarDaysDeadlineDetailed(…).date. */
export function addCalendarDaysDeadline(date: string, days: number, cal: HolidayCalendar = defaultCalendar): string {
  return addCalendarDaysDeadlineDetailed(date, days, cal).date
}

/** First and last year present in the calendar data (years in between that are missing also fall back). */
export function calendarCoverage(cal: HolidayCalendar = defaultCalendar): { firstYear: number; lastYear: number } {
  const years = Object.keys(cal.years).map(Number)
  return { firstYear: Math.min(...years), lastYear: Math.max(...years) }
}

/**
 * The Chinese notice to show beside a result computed with fallback years, e.g. "2027 年的节假日安排尚未导入，已按
 * 周一至周五计算工作日，请导入最新节假日数据后复核。"; '' when there were none.
 */
export function fallbackNotice(years: readonly number[]): string {
  if (years.length === 0) return ''
  const list = [...new Set(years)].sort((a, b) => a - b).join('、')
  return validationMessage('calendar.fallback', { years: list })
}
