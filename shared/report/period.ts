import { daysInMonth, formatDate, isValidDate, parseDate, toEpochDay } from '../domain/dates'

/**
 * Statistical periods (统计期间): a month, a quarter, a half-year, a year or a custom range of calendar days. Every
 * period is a closed range [from, to] of 'YYYY-MM-DD' days (China time), so "in the period" is two string
 * comparisons — no Date objects in the aggregation loops.
 */
export type PeriodSpec =
  | { kind: 'year'; year: number }
  | { kind: 'half'; year: number; half: 1 | 2 }
  | { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 }
  | { kind: 'month'; year: number; month: number }
  | { kind: 'range'; from: string; to: string }

export interface Period {
  spec: PeriodSpec
  /** First day, inclusive. */
  from: string
  /** Last day, inclusive. */
  to: string
  /** Short name for titles and file names: '2025年度', '2025年上半年', '2025年第三季度', '2025年3月', or the range. */
  name: string
  /** The 统计期间 line: '2025年1月1日至2025年12月31日'. */
  label: string
}

const QUARTER_NAMES = ['', '第一季度', '第二季度', '第三季度', '第四季度'] as const

/** '2025-03-07' → '2025年3月7日'. */
export function chineseDate(date: string): string {
  const p = parseDate(date)
  if (!p) throw new RangeError(`日期格式不正确：${date}（应为 YYYY-MM-DD）`)
  return `${p.year}年${p.month}月${p.day}日`
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1990 || year > 2999) throw new RangeError(`年份不正确：${year}`)
}

function monthRange(year: number, first: number, last: number): { from: string; to: string } {
  return {
    from: formatDate({ year, month: first, day: 1 }),
    to: formatDate({ year, month: last, day: daysInMonth(year, last) }),
  }
}

/** The period of a spec, with its name and 统计期间 label. Throws RangeError for an impossible period. */
export function periodOf(spec: PeriodSpec): Period {
  let range: { from: string; to: string }
  let name: string
  switch (spec.kind) {
    case 'year':
      checkYear(spec.year)
      range = monthRange(spec.year, 1, 12)
      name = `${spec.year}年度`
      break
    case 'half':
      checkYear(spec.year)
      if (spec.half !== 1 && spec.half !== 2) throw new RangeError(`半年度只能是 1 或 2：${spec.half}`)
      range = spec.half === 1 ? monthRange(spec.year, 1, 6) : monthRange(spec.year, 7, 12)
      name = `${spec.year}年${spec.half === 1 ? '上' : '下'}半年`
      break
    case 'quarter':
      checkYear(spec.year)
      if (![1, 2, 3, 4].includes(spec.quarter)) throw new RangeError(`季度只能是 1–4：${spec.quarter}`)
      range = monthRange(spec.year, spec.quarter * 3 - 2, spec.quarter * 3)
      name = `${spec.year}年${QUARTER_NAMES[spec.quarter]}`
      break
    case 'month':
      checkYear(spec.year)
      if (!Number.isInteger(spec.month) || spec.month < 1 || spec.month > 12) {
        throw new RangeError(`月份只能是 1–12：${spec.month}`)
      }
      range = monthRange(spec.year, spec.month, spec.month)
      name = `${spec.year}年${spec.month}月`
      break
    case 'range':
      if (!isValidDate(spec.from) || !isValidDate(spec.to)) {
        throw new RangeError(`统计期间的日期不正确：${spec.from} 至 ${spec.to}`)
      }
      if (spec.to < spec.from) throw new RangeError(`统计期间的结束日期早于开始日期：${spec.from} 至 ${spec.to}`)
      range = { from: spec.from, to: spec.to }
      name = `${chineseDate(spec.from)}至${chineseDate(spec.to)}`
      break
  }
  return { spec, ...range, name, label: `${chineseDate(range.from)}至${chineseDate(range.to)}` }
}

const CN_QUARTER: Record<string, 1 | 2 | 3 | 4> = { 一: 1, 二: 2, 三: 3, 四: 4, '1': 1, '2': 2, '3': 3, '4': 4 }

/**
 * Reads a period as typed on the command line or in a form:
 * `2025` · `2025H1` / `2025-H2` / `2025年上半年` · `2025Q3` / `2025-Q3` / `2025年第三季度` · `2025-03` / `2025年3月` ·
 * `2025-01-01..2025-03-15` (also `2025-01-01~2025-03-15`, `2025-01-01至2025-03-15`).
 * Throws RangeError with a Chinese message when the text is not a period.
 */
export function parsePeriod(text: string): Period {
  const t = text.trim().replace(/\s+/g, '')
  let m = /^(\d{4})(?:年|年度)?$/.exec(t)
  if (m) return periodOf({ kind: 'year', year: Number(m[1]) })
  m = /^(\d{4})-?[Hh]([12])$/.exec(t) ?? /^(\d{4})年([上下])半年$/.exec(t)
  if (m) {
    const half = m[2] === '上' || m[2] === '1' ? 1 : 2
    return periodOf({ kind: 'half', year: Number(m[1]), half })
  }
  m = /^(\d{4})-?[Qq]([1-4])$/.exec(t) ?? /^(\d{4})年第?([一二三四1-4])季度$/.exec(t)
  if (m) return periodOf({ kind: 'quarter', year: Number(m[1]), quarter: CN_QUARTER[m[2]] })
  m = /^(\d{4})-(\d{1,2})$/.exec(t) ?? /^(\d{4})年(\d{1,2})月$/.exec(t)
  if (m) return periodOf({ kind: 'month', year: Number(m[1]), month: Number(m[2]) })
  m = /^(\d{4}-\d{2}-\d{2})(?:\.\.|~|至|\/)(\d{4}-\d{2}-\d{2})$/.exec(t)
  if (m) return periodOf({ kind: 'range', from: m[1], to: m[2] })
  throw new RangeError(
    `无法识别统计期间“${text}”。可写：2025（年度）、2025H1（半年）、2025Q3（季度）、2025-03（月）、2025-01-01..2025-03-15（自定义）`,
  )
}

/** True when the day lies in the period (undefined → false). Plain string comparison of 'YYYY-MM-DD'. */
export function inPeriod(date: string | undefined, period: Pick<Period, 'from' | 'to'>): boolean {
  return date !== undefined && date >= period.from && date <= period.to
}

/** The months of a period as 'YYYY-MM', in order (for monthly trends). */
export function monthsOf(period: Pick<Period, 'from' | 'to'>): string[] {
  const out: string[] = []
  let y = Number(period.from.slice(0, 4))
  let m = Number(period.from.slice(5, 7))
  const endY = Number(period.to.slice(0, 4))
  const endM = Number(period.to.slice(5, 7))
  while (y < endY || (y === endY && m <= endM)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`)
    m++
    if (m > 12) {
      m = 1
      y++
    }
  }
  return out
}

/**
 * 上年同期: the same span one year earlier — a year, half-year, quarter or month is the same one of the year before;
 * a custom range has both dates moved back one year, 02-29 becoming 02-28. Throws RangeError (periodOf) when the
 * year before is out of range.
 */
export function sameTimeLastYear(period: Period): Period {
  const back = (d: string) => {
    const p = parseDate(d)!
    const day = Math.min(p.day, daysInMonth(p.year - 1, p.month))
    return formatDate({ year: p.year - 1, month: p.month, day })
  }
  const spec = period.spec
  switch (spec.kind) {
    case 'range':
      return periodOf({ kind: 'range', from: back(spec.from), to: back(spec.to) })
    default:
      return periodOf({ ...spec, year: spec.year - 1 } as PeriodSpec)
  }
}

/** Number of calendar days in the period (both ends counted). */
export function periodDays(period: Pick<Period, 'from' | 'to'>): number {
  return toEpochDay(period.to) - toEpochDay(period.from) + 1
}
