import fc from 'fast-check'
import { assert, describe, expect, it } from 'vitest'
import {
  addCalendarDaysDeadline,
  addCalendarDaysDeadlineDetailed,
  addWorkingDays,
  addWorkingDaysDetailed,
  calendarCoverage,
  dayInfo,
  defaultCalendar,
  fallbackNotice,
  type HolidayCalendar,
  holidayCalendarSchema,
  isWorkingDay,
  parseHolidayCalendar,
  workingDaysBetween,
  workingDaysBetweenDetailed,
} from '../../../shared/domain/calendar'
import { addDays, compareDates, fromEpochDay, isWeekend, toEpochDay } from '../../../shared/domain/dates'

function span(from: string, to: string): string[] {
  const out: string[] = []
  for (let d = from; compareDates(d, to) <= 0; d = addDays(d, 1)) out.push(d)
  return out
}

const dayIn = (from: string, to: string) =>
  fc.integer({ min: toEpochDay(from), max: toEpochDay(to) }).map((n) => fromEpochDay(n))

describe('built-in data: the confirmed 2025 and 2026 arrangements', () => {
  const cases = [
    {
      year: '2025',
      holidays: [
        ['2025-01-01', '2025-01-01'],
        ['2025-01-28', '2025-02-04'],
        ['2025-04-04', '2025-04-06'],
        ['2025-05-01', '2025-05-05'],
        ['2025-05-31', '2025-06-02'],
        ['2025-10-01', '2025-10-08'],
      ],
      workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    },
    {
      year: '2026',
      holidays: [
        ['2026-01-01', '2026-01-03'],
        ['2026-02-15', '2026-02-23'],
        ['2026-04-04', '2026-04-06'],
        ['2026-05-01', '2026-05-05'],
        ['2026-06-19', '2026-06-21'],
        ['2026-09-25', '2026-09-27'],
        ['2026-10-01', '2026-10-07'],
      ],
      workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    },
  ]

  it.each(cases)('$year matches the State Council notice exactly', ({ year, holidays, workdays }) => {
    const data = defaultCalendar.years[year]!
    expect(data.holidays).toEqual(holidays.flatMap(([a, b]) => span(a!, b!)))
    expect(data.workdays).toEqual(workdays)
    for (const d of workdays) expect(dayInfo(d)).toEqual({ working: true, kind: 'adjusted-workday', fallback: false })
    for (const d of data.holidays) expect(dayInfo(d)).toEqual({ working: false, kind: 'holiday', fallback: false })
  })

  it('covers 2014–2026', () => {
    expect(calendarCoverage()).toEqual({ firstYear: 2014, lastYear: 2026 })
    expect(Object.keys(defaultCalendar.years)).toEqual(
      span('2014-01-01', '2026-01-01')
        .filter((d) => d.endsWith('-01-01'))
        .map((d) => d.slice(0, 4)),
    )
  })

  // Days off beyond the weekends = statutory holidays: 11 a year (全国年节及纪念日放假办法 2013), 13 from 2025
  // (2024 revision); 2015 +1 (抗战胜利70周年纪念日 9-03), 2020 +2 (春节 extended to 2-02 by 国办发明电〔2020〕1号).
  it.each([
    [2014, 11, 250],
    [2015, 12, 249],
    [2016, 11, 250],
    [2017, 11, 249],
    [2018, 11, 250],
    [2019, 11, 250],
    [2020, 13, 249],
    [2021, 11, 250],
    [2022, 11, 249],
    [2023, 11, 249],
    [2024, 11, 251],
    [2025, 13, 248],
    [2026, 13, 248],
  ])('%i has %i extra days off and %i working days', (year, extra, working) => {
    const days = span(`${year}-01-01`, `${year}-12-31`)
    const off = days.filter((d) => !isWorkingDay(d)).length
    const weekends = days.filter(isWeekend).length
    expect(off - weekends).toBe(extra)
    expect(days.length - off).toBe(working)
    expect(workingDaysBetween(`${year - 1}-12-31`, `${year}-12-31`)).toBe(working)
  })

  it('marks plain days by weekday', () => {
    expect(dayInfo('2025-10-13')).toEqual({ working: true, kind: 'workday', fallback: false })
    expect(dayInfo('2025-10-12')).toEqual({ working: false, kind: 'weekend', fallback: false })
    expect(dayInfo('2020-02-01')).toEqual({ working: false, kind: 'holiday', fallback: false }) // cancelled 调休
  })
})

describe('addWorkingDays: table of real dates', () => {
  it.each([
    ['2025-09-30', 1, '2025-10-09'],
    ['2026-02-13', 1, '2026-02-14'], // Saturday, adjusted working day
    ['2025-01-24', 2, '2025-01-27'], // via Sunday 2025-01-26 (adjusted)
    ['2025-01-24', 1, '2025-01-26'],
    ['2025-01-27', 1, '2025-02-05'],
    ['2025-04-30', 1, '2025-05-06'],
    ['2025-09-25', 10, '2025-10-15'], // 10 wd decision limit across 国庆
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-10-09', 1, '2026-10-10'],
    ['2026-02-13', 2, '2026-02-24'],
    ['2025-12-31', 1, '2026-01-04'], // Sunday, adjusted working day
    ['2025-12-31', 2, '2026-01-05'],
    ['2025-06-03', 5, '2025-06-10'],
    ['2025-10-01', 0, '2025-10-09'], // n = 0 on a holiday: the next working day
    ['2025-09-30', 0, '2025-09-30'], // n = 0 on a working day: the day itself
    ['2025-01-26', 0, '2025-01-26'],
  ])('%s + %i working days = %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected)
    expect(addWorkingDaysDetailed(date, n)).toEqual({ date: expected, fallbackYears: [] })
  })

  it.each([-1, 1.5, Number.NaN])('throws RangeError for n = %s', (n) => {
    expect(() => addWorkingDays('2025-01-01', n)).toThrow(RangeError)
  })

  it('throws RangeError for an invalid date', () => {
    expect(() => addWorkingDays('2025-02-29', 1)).toThrow(/不是有效的日期/)
    expect(() => isWorkingDay('2025/01/01')).toThrow(RangeError)
  })
})

describe('workingDaysBetween', () => {
  it.each([
    ['2025-09-30', '2025-10-09', 1],
    ['2025-10-09', '2025-09-30', -1],
    ['2025-10-01', '2025-10-01', 0],
    ['2025-09-30', '2025-10-08', 0],
    ['2025-01-24', '2025-01-27', 2],
    ['2026-02-13', '2026-02-24', 2],
    ['2024-12-31', '2025-12-31', 248],
    ['2025-12-31', '2024-12-31', -248],
  ])('(%s, %s] has %i working days', (a, b, n) => {
    expect(workingDaysBetween(a, b)).toBe(n)
    expect(workingDaysBetweenDetailed(a, b)).toEqual({ days: n, fallbackYears: [] })
  })
})

describe('addCalendarDaysDeadline: day-count periods ending on a working day', () => {
  it.each([
    ['2025-09-01', 30, '2025-10-01', '2025-10-09'], // 30-day 补正 period ending in 国庆
    ['2025-03-01', 30, '2025-03-31', '2025-03-31'],
    ['2025-01-25', 1, '2025-01-26', '2025-01-26'], // Sunday, adjusted working day
    ['2025-06-02', 5, '2025-06-07', '2025-06-09'], // Saturday → Monday
    ['2026-01-20', 30, '2026-02-19', '2026-02-24'],
    ['2025-10-09', 0, '2025-10-09', '2025-10-09'],
  ])('%s + %i days: nominal %s, deadline %s', (date, days, nominalDate, deadline) => {
    expect(addCalendarDaysDeadline(date, days)).toBe(deadline)
    expect(addCalendarDaysDeadlineDetailed(date, days)).toEqual({ date: deadline, fallbackYears: [] })
    expect(addDays(date, days)).toBe(nominalDate)
  })

  it('throws RangeError for a negative or fractional count', () => {
    expect(() => addCalendarDaysDeadline('2025-01-01', -1)).toThrow(RangeError)
    expect(() => addCalendarDaysDeadline('2025-01-01', 0.5)).toThrow(RangeError)
  })
})

describe('years outside the calendar fall back to Monday–Friday, never silently', () => {
  it('flags the fallback in dayInfo', () => {
    expect(dayInfo('2027-10-01')).toEqual({ working: true, kind: 'workday', fallback: true })
    expect(dayInfo('2027-10-02')).toEqual({ working: false, kind: 'weekend', fallback: true })
    expect(dayInfo('2013-10-01')).toEqual({ working: true, kind: 'workday', fallback: true })
  })

  it('lists the fallback years in the Detailed results', () => {
    expect(addWorkingDaysDetailed('2026-12-30', 3)).toEqual({ date: '2027-01-04', fallbackYears: [2027] })
    expect(addWorkingDaysDetailed('2026-12-30', 1)).toEqual({ date: '2026-12-31', fallbackYears: [] })
    expect(workingDaysBetweenDetailed('2026-12-25', '2028-01-03')).toMatchObject({ fallbackYears: [2027, 2028] })
    expect(addCalendarDaysDeadlineDetailed('2026-12-20', 30)).toEqual({ date: '2027-01-19', fallbackYears: [2027] })
    expect(addCalendarDaysDeadlineDetailed('2026-12-20', 6)).toEqual({ date: '2026-12-28', fallbackYears: [] })
  })

  it('writes the Chinese notice', () => {
    expect(fallbackNotice([2027])).toBe(
      '2027 年的节假日安排尚未导入，已按周一至周五计算工作日，请导入最新节假日数据后复核。',
    )
    expect(fallbackNotice([2028, 2027, 2027])).toBe(
      '2027、2028 年的节假日安排尚未导入，已按周一至周五计算工作日，请导入最新节假日数据后复核。',
    )
    expect(fallbackNotice([])).toBe('')
  })

  it('uses a calendar passed in, including its gaps', () => {
    const only2025: HolidayCalendar = { version: 't', source: 't', years: { '2025': defaultCalendar.years['2025']! } }
    expect(calendarCoverage(only2025)).toEqual({ firstYear: 2025, lastYear: 2025 })
    expect(addWorkingDaysDetailed('2025-12-31', 1, only2025)).toEqual({ date: '2026-01-01', fallbackYears: [2026] })
    expect(addWorkingDays('2025-09-30', 1, only2025)).toBe('2025-10-09')
  })
})

describe('holidayCalendarSchema / parseHolidayCalendar', () => {
  const base = { version: '1', source: 's', years: { '2025': { holidays: ['2025-01-01'], workdays: ['2025-01-26'] } } }
  const withYear = (y: unknown) => ({ ...base, years: { '2025': y } })

  it('accepts the built-in data and a minimal calendar', () => {
    expect(holidayCalendarSchema.safeParse(defaultCalendar).success).toBe(true)
    expect(parseHolidayCalendar(base)).toEqual({ ok: true, calendar: base })
  })

  it.each([
    ['a workday on a weekday', withYear({ holidays: [], workdays: ['2025-01-27'] }), '不是星期六或星期日'],
    ['a date filed under another year', withYear({ holidays: ['2026-01-01'], workdays: [] }), '不属于 2025 年'],
    ['a day both off and worked', withYear({ holidays: ['2025-01-26'], workdays: ['2025-01-26'] }), '重复'],
    [
      'an impossible date',
      withYear({ holidays: ['2025-02-29'], workdays: [] }),
      '2025·节假日·第1项：日期应为真实的日期（写作“年-月-日”',
    ],
    ['no years', { ...base, years: {} }, '至少需要一个年份'],
    ['a bad year key', { ...base, years: { '25': base.years['2025'] } }, ''],
    ['a missing version', { source: 's', years: base.years }, ''],
    ['an unknown field', { ...base, extra: 1 }, ''],
  ])('refuses %s', (_, input, text) => {
    const r = parseHolidayCalendar(input)
    assert(!r.ok, 'expected r to be refused')
    expect(r.code).toBe('calendar.invalid')
    expect(r.reason).toContain('节假日数据不合格')
    expect(r.reason).toContain(text)
  })
})

describe('properties over 2014–2030 (fallback years included)', () => {
  const start = dayIn('2014-01-01', '2030-12-31')
  const count = fc.integer({ min: 0, max: 400 })

  it('workingDaysBetween(a, addWorkingDays(a, n)) = n for n ≥ 1, and for n = 0 it is 0 on a working day, else 1', () => {
    fc.assert(
      fc.property(start, count, (a, n) => {
        const b = addWorkingDays(a, n)
        const expected = n > 0 ? n : isWorkingDay(a) ? 0 : 1
        expect(workingDaysBetween(a, b)).toBe(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('the result is always a working day, and strictly later when n ≥ 1', () => {
    fc.assert(
      fc.property(start, count, (a, n) => {
        const b = addWorkingDays(a, n)
        expect(isWorkingDay(b)).toBe(true)
        expect(compareDates(b, a)).toBe(n > 0 ? 1 : isWorkingDay(a) ? 0 : 1)
      }),
      { numRuns: 300 },
    )
  })

  it('is strictly monotonic in n ≥ 1, with only non-working days in between; n = 0 and n = 1 meet off working days', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 60 }), (a, n) => {
        const b = addWorkingDays(a, n)
        const c = addWorkingDays(a, n + 1)
        expect(compareDates(b, c)).toBe(n === 0 && !isWorkingDay(a) ? 0 : -1)
        for (let d = addDays(b, 1); compareDates(d, c) < 0; d = addDays(d, 1)) expect(isWorkingDay(d)).toBe(false)
      }),
      { numRuns: 300 },
    )
  })

  it('workingDaysBetween is antisymmetric and additive', () => {
    fc.assert(
      fc.property(start, start, start, (a, b, c) => {
        expect(workingDaysBetween(b, a) + workingDaysBetween(a, b)).toBe(0)
        expect(workingDaysBetween(a, b) + workingDaysBetween(b, c)).toBe(workingDaysBetween(a, c))
      }),
      { numRuns: 100 },
    )
  })

  it('reports exactly the uncovered years among the days it consulted', () => {
    fc.assert(
      fc.property(start, count, (a, n) => {
        const r = addWorkingDaysDetailed(a, n)
        const from = n === 0 ? a : addDays(a, 1)
        const years = new Set(span(from, r.date).map((d) => Number(d.slice(0, 4))))
        expect(r.fallbackYears).toEqual([...years].filter((y) => y > 2026).sort())
      }),
      { numRuns: 200 },
    )
  })

  it('a calendar-day deadline is the first working day on or after the nominal date', () => {
    fc.assert(
      fc.property(start, fc.integer({ min: 0, max: 120 }), (a, days) => {
        const r = addCalendarDaysDeadlineDetailed(a, days)
        const nominal = addDays(a, days)
        expect(isWorkingDay(r.date)).toBe(true)
        expect(compareDates(r.date, nominal)).toBeGreaterThanOrEqual(0)
        for (let d = nominal; compareDates(d, r.date) < 0; d = addDays(d, 1)) expect(isWorkingDay(d)).toBe(false)
      }),
      { numRuns: 300 },
    )
  })
})
