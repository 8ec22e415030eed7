import { zodProblemLines } from '../errors/zodProblems'
import { type HolidayCalendar, holidayCalendarSchema } from './calendar'
import { addDays, compareDates, daysBetween, isValidDate, isWeekend, weekday, yearOf } from './dates'

/**
 * One year's 节假日安排 as 国务院办公厅's notice states it — the 放假 periods (first and last day off, weekend days
 * inside included) and the 调休 weekend days that are working days — entered on a form by a higher office and
 * turned into the holiday data it sends down (calendar.ts). Each date is filed under its own calendar year, as the
 * built-in data does: a period of the notice for year Y may begin in the last days of Y − 1 (the 元旦 period of
 * 2023 began on 2022-12-31), and then Y − 1's data in force here gains that day and is sent down with it, so the
 * receiving offices (which take a year's data whole) keep the rest of Y − 1.
 */

export interface HolidayPeriod {
  from: string
  to: string
}

export interface HolidayArrangement {
  year: number
  /** 通知名称, e.g. 国务院办公厅关于2027年部分节假日安排的通知 */
  notice: string
  periods: HolidayPeriod[]
  workdays: string[]
}

export interface ArrangementProblem {
  /** Where on the form: `year`, `notice`, `periods.<i>`, `workdays.<i>`, or `[]` for the whole. */
  path: (string | number)[]
  message: string
}

export type ArrangementResult =
  | {
      ok: true
      calendar: HolidayCalendar
      /** The calendar years the arrangement writes (Y, and Y − 1 when a period or 调休 day falls in it). */
      years: string[]
      /** Whether year Y was already in the data being composed or in force here (its arrangement is replaced). */
      replaces: boolean
    }
  | { ok: false; problems: ArrangementProblem[] }

/** A 放假 period longer than this is a typing mistake (the longest, 春节 2026, was 9 days). */
export const MAX_PERIOD_DAYS = 15
/** How far into December of Y − 1 a period or 调休 day of year Y's notice may reach. */
const EARLIEST_DAY_OF_PREVIOUS_YEAR = '12-20'

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六']

/** 2027-01-01（星期五） — how the form and its messages write a date. */
export function dateWithWeekday(date: string): string {
  return `${date}（${WEEKDAYS[weekday(date)]}）`
}

export function defaultNoticeTitle(year: number): string {
  return `国务院办公厅关于${year}年部分节假日安排的通知`
}

function datesOf(p: HolidayPeriod): string[] {
  const out: string[] = []
  for (let d = p.from; compareDates(d, p.to) <= 0; d = addDays(d, 1)) out.push(d)
  return out
}

function inReach(date: string, year: number): boolean {
  const y = yearOf(date)
  return y === year || (y === year - 1 && date.slice(5) >= EARLIEST_DAY_OF_PREVIOUS_YEAR)
}

function periodProblem(
  p: HolidayPeriod,
  year: number,
  reach: string,
  taken: Map<string, number>,
  i: number,
): string | undefined {
  if (!isValidDate(p.from) || !isValidDate(p.to)) return '请填写放假的起止日期（YYYY-MM-DD）'
  if (compareDates(p.from, p.to) > 0) return `放假起始日 ${p.from} 晚于结束日 ${p.to}`
  if (!inReach(p.from, year) || !inReach(p.to, year)) return `${year} 年的放假时段应在 ${reach} 之间`
  if (daysBetween(p.from, p.to) + 1 > MAX_PERIOD_DAYS) {
    return `一个放假时段不超过 ${MAX_PERIOD_DAYS} 天（${p.from} 至 ${p.to}），请检查日期`
  }
  const dates = datesOf(p)
  const clash = dates.find((d) => taken.has(d))
  if (clash) return `与第 ${(taken.get(clash) as number) + 1} 个放假时段重叠（${clash}）`
  for (const d of dates) taken.set(d, i)
  return undefined
}

function workdayProblem(
  d: string,
  year: number,
  reach: string,
  taken: Map<string, number>,
  seen: Set<string>,
): string | undefined {
  if (!isValidDate(d)) return `“${d}”不是有效的日期（YYYY-MM-DD）`
  if (!inReach(d, year)) return `${year} 年的调休上班日应在 ${reach} 之间`
  if (!isWeekend(d)) return `调休上班日 ${dateWithWeekday(d)} 不是星期六或星期日`
  if (taken.has(d)) return `${d} 在第 ${(taken.get(d) as number) + 1} 个放假时段内，不能同时是上班日`
  if (seen.has(d)) return `${d} 重复填写`
  return undefined
}

/** The problems of an arrangement on its own, in the order of the form. */
export function arrangementProblems(a: HolidayArrangement): ArrangementProblem[] {
  const problems: ArrangementProblem[] = []
  const add = (path: (string | number)[], message: string) => problems.push({ path, message })
  if (!Number.isInteger(a.year) || a.year < 2000 || a.year > 2100)
    add(['year'], '年份应为 2000 至 2100 之间的 4 位数字')
  if (!a.notice.trim()) add(['notice'], '请填写通知名称（如“国务院办公厅关于2027年部分节假日安排的通知”）')
  else if (a.notice.trim().length > 120) add(['notice'], '通知名称不超过 120 个字')
  if (problems.some((p) => p.path[0] === 'year')) return problems
  const reach = `${a.year - 1}-${EARLIEST_DAY_OF_PREVIOUS_YEAR} 至 ${a.year}-12-31`
  if (a.periods.length === 0) add(['periods'], '请至少填写一个放假时段')
  const taken = new Map<string, number>()
  for (const [i, p] of a.periods.entries()) {
    const problem = periodProblem(p, a.year, reach, taken, i)
    if (problem) add(['periods', i], problem)
  }
  const seen = new Set<string>()
  for (const [i, d] of a.workdays.entries()) {
    const problem = workdayProblem(d, a.year, reach, taken, seen)
    if (problem) add(['workdays', i], problem)
    seen.add(d)
  }
  return problems
}

/**
 * The holiday data to send down with the arrangement added: `composing` (the data already in the standards being
 * composed, if any) with year Y replaced and, when the arrangement reaches into Y − 1, Y − 1 as `inForce` here has
 * it plus those days. `inForce` is this office's calendar in force (built-in overlaid with what it holds).
 */
export function withHolidayArrangement(
  composing: HolidayCalendar | undefined,
  inForce: HolidayCalendar,
  a: HolidayArrangement,
  issuer: { name: string; on: string },
): ArrangementResult {
  const problems = arrangementProblems(a)
  if (problems.length > 0) return { ok: false, problems }
  const y = String(a.year)
  const prev = String(a.year - 1)
  const holidays = a.periods.flatMap(datesOf)
  const notice = a.notice.trim()
  const years: HolidayCalendar['years'] = {
    [y]: {
      notice,
      holidays: holidays.filter((d) => d.startsWith(`${y}-`)).sort(),
      workdays: a.workdays.filter((d) => d.startsWith(`${y}-`)).sort(),
    },
  }
  const spillH = holidays.filter((d) => d.startsWith(`${prev}-`))
  const spillW = a.workdays.filter((d) => d.startsWith(`${prev}-`))
  if (spillH.length + spillW.length > 0) {
    const before = composing?.years[prev] ?? inForce.years[prev] ?? { holidays: [], workdays: [] }
    const changed = new Set([...spillH, ...spillW])
    years[prev] = {
      ...(before.notice ? { notice: before.notice } : {}),
      holidays: [...new Set([...before.holidays.filter((d) => !changed.has(d)), ...spillH])].sort(),
      workdays: [...new Set([...before.workdays.filter((d) => !changed.has(d)), ...spillW])].sort(),
    }
  }
  const replaces = Boolean(composing?.years[y] ?? inForce.years[y])
  const calendar = {
    version: composing
      ? `${composing.version}；${y}年（${issuer.on}录入）`
      : `${y}年（${issuer.name}${issuer.on}录入）`,
    source: composing ? `${composing.source}；${notice}` : `${notice}（${issuer.name}录入）`,
    years: { ...(composing?.years ?? {}), ...years },
  }
  const checked = holidayCalendarSchema.safeParse(calendar)
  if (!checked.success) {
    return { ok: false, problems: zodProblemLines(checked.error).map((message) => ({ path: [], message })) }
  }
  return { ok: true, calendar: checked.data, years: Object.keys(years).sort(), replaces }
}

/**
 * A year of holiday data back as a form, to correct it: each run of consecutive days off is one period (a notice's
 * periods never touch) and the 调休 days as they are. Days filed under Y because Y + 1's 元旦 period began in late
 * December of Y show as a period of their own; saved again they stay as they were.
 */
export function arrangementOf(calendar: HolidayCalendar, year: number): HolidayArrangement | undefined {
  const data = calendar.years[String(year)]
  if (!data) return undefined
  const days = [...data.holidays].sort()
  const periods: HolidayPeriod[] = []
  for (const d of days) {
    const last = periods.at(-1)
    if (last && addDays(last.to, 1) === d) last.to = d
    else periods.push({ from: d, to: d })
  }
  return {
    year,
    notice: data.notice ?? defaultNoticeTitle(year),
    periods,
    workdays: [...data.workdays].sort(),
  }
}
