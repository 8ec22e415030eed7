import { describe, expect, it } from 'vitest'
import { addWorkingDays, defaultCalendar, type HolidayCalendar, isWorkingDay } from '../../../shared/domain/calendar'
import {
  arrangementOf,
  arrangementProblems,
  defaultNoticeTitle,
  type HolidayArrangement,
  withHolidayArrangement,
} from '../../../shared/domain/holidayArrangement'

const issuer = { name: '最高人民检察院', on: '2026-12-03' }

/** A made-up 2027 arrangement (not the real notice): 元旦 from 2026-12-31, 春节 with two 调休 Saturdays/Sundays. */
const y2027: HolidayArrangement = {
  year: 2027,
  notice: defaultNoticeTitle(2027),
  periods: [
    { from: '2026-12-31', to: '2027-01-02' },
    { from: '2027-02-05', to: '2027-02-13' },
  ],
  workdays: ['2027-01-31', '2027-02-20'],
}

/** The data in force at a receiving office: the built-in years with the sent years over them (standardsRules). */
const overlay = (sent: HolidayCalendar): HolidayCalendar => ({
  ...defaultCalendar,
  years: { ...defaultCalendar.years, ...sent.years },
})

describe('节假日安排 entered on a form', () => {
  it('every built-in year, read back as a form and entered again, gives exactly the same data', () => {
    for (const year of Object.keys(defaultCalendar.years).map(Number)) {
      const form = arrangementOf(defaultCalendar, year)
      expect(form, String(year)).toBeDefined()
      const r = withHolidayArrangement(undefined, defaultCalendar, form as HolidayArrangement, issuer)
      if (!r.ok) throw new Error(`${year}: ${r.problems.map((p) => p.message).join('；')}`)
      expect(r.years).toEqual([String(year)])
      expect(r.replaces).toBe(true)
      expect(r.calendar.years[String(year)]).toEqual({
        notice: defaultCalendar.years[String(year)].notice ?? defaultNoticeTitle(year),
        holidays: [...defaultCalendar.years[String(year)].holidays].sort(),
        workdays: [...defaultCalendar.years[String(year)].workdays].sort(),
      })
    }
  })

  it('a new year: its days off and 调休 days count at the offices; a day in late December goes under 2026', () => {
    const r = withHolidayArrangement(undefined, defaultCalendar, y2027, issuer)
    if (!r.ok) throw new Error(r.problems[0].message)
    expect(r.replaces).toBe(false)
    expect(r.years).toEqual(['2026', '2027'])
    expect(r.calendar.years['2027'].holidays).toEqual([
      '2027-01-01',
      '2027-01-02',
      ...Array.from({ length: 9 }, (_, i) => `2027-02-${String(5 + i).padStart(2, '0')}`),
    ])
    expect(r.calendar.years['2027'].workdays).toEqual(['2027-01-31', '2027-02-20'])
    // 2026 as built in, plus 2026-12-31 off: nothing else of 2026 changes at the receiving offices
    const d2026 = defaultCalendar.years['2026']
    expect(r.calendar.years['2026']).toEqual({
      notice: d2026.notice,
      holidays: [...d2026.holidays, '2026-12-31'].sort(),
      workdays: [...d2026.workdays].sort(),
    })
    expect(r.calendar.source).toBe(`${defaultNoticeTitle(2027)}（最高人民检察院录入）`)
    const there = overlay(r.calendar)
    expect(isWorkingDay('2026-12-31', defaultCalendar)).toBe(true)
    expect(isWorkingDay('2026-12-31', there)).toBe(false)
    expect(isWorkingDay('2027-01-31', there)).toBe(true) // a Sunday, 调休
    expect(isWorkingDay('2027-02-08', there)).toBe(false) // a Monday in 春节
    // 10 working days after 2026-12-28 (Mon): 29, 30 | 4–8 Jan, 11, 12, 13 → 2027-01-13; without the arrangement
    // 31 Dec and 1 Jan (a Friday) count: 29, 30, 31, 1 | 4–8, 11 → 2027-01-11
    expect(addWorkingDays('2026-12-28', 10, there)).toBe('2027-01-13')
    expect(addWorkingDays('2026-12-28', 10, defaultCalendar)).toBe('2027-01-11')
    // a 调休 Sunday counts: 5 working days from 2027-01-28 (Thu): 29, 31 (Sun), 1, 2, 3 Feb
    expect(addWorkingDays('2027-01-28', 5, there)).toBe('2027-02-03')
  })

  it('added to data already being composed: its other years are kept and its version and source say both', () => {
    const composing: HolidayCalendar = {
      version: '省院调整 1',
      source: '某省调整',
      years: { '2025': defaultCalendar.years['2025'] },
    }
    const r = withHolidayArrangement(composing, defaultCalendar, y2027, issuer)
    if (!r.ok) throw new Error(r.problems[0].message)
    expect(Object.keys(r.calendar.years).sort()).toEqual(['2025', '2026', '2027'])
    expect(r.calendar.years['2025']).toEqual(defaultCalendar.years['2025'])
    expect(r.calendar.version).toBe('省院调整 1；2027年（2026-12-03录入）')
    expect(r.calendar.source).toBe(`某省调整；${defaultNoticeTitle(2027)}`)
  })

  it('each mistake is named in Chinese at its place on the form, and nothing is produced', () => {
    const bad = (patch: Partial<HolidayArrangement>) => {
      const r = withHolidayArrangement(undefined, defaultCalendar, { ...y2027, ...patch }, issuer)
      expect(r.ok).toBe(false)
      return r.ok ? [] : r.problems.map((p) => [p.path.join('.'), p.message])
    }
    expect(bad({ year: 27 })).toEqual([['year', '年份应为 2000 至 2100 之间的 4 位数字']])
    expect(bad({ notice: '  ' })[0][0]).toBe('notice')
    expect(bad({ periods: [] })).toEqual([['periods', '请至少填写一个放假时段']])
    expect(bad({ periods: [{ from: '2027-02-13', to: '2027-02-05' }] })).toEqual([
      ['periods.0', '放假起始日 2027-02-13 晚于结束日 2027-02-05'],
    ])
    expect(bad({ periods: [{ from: '2027-13-01', to: '2027-13-02' }] })).toEqual([
      ['periods.0', '请填写放假的起止日期（YYYY-MM-DD）'],
    ])
    expect(bad({ periods: [{ from: '2026-10-01', to: '2026-10-07' }] })).toEqual([
      ['periods.0', '2027 年的放假时段应在 2026-12-20 至 2027-12-31 之间'],
    ])
    expect(bad({ periods: [{ from: '2027-01-01', to: '2027-01-20' }] })[0][1]).toMatch(/不超过 15 天/)
    expect(
      bad({
        periods: [
          { from: '2027-02-05', to: '2027-02-13' },
          { from: '2027-02-13', to: '2027-02-14' },
        ],
      }),
    ).toEqual([['periods.1', '与第 1 个放假时段重叠（2027-02-13）']])
    expect(bad({ workdays: ['2027-02-01'] })).toEqual([
      ['workdays.0', '调休上班日 2027-02-01（星期一） 不是星期六或星期日'],
    ])
    expect(bad({ workdays: ['2027-02-06'] })).toEqual([
      ['workdays.0', '2027-02-06 在第 2 个放假时段内，不能同时是上班日'],
    ])
    expect(bad({ workdays: ['2027-01-31', '2027-01-31'] })).toEqual([['workdays.1', '2027-01-31 重复填写']])
    expect(bad({ workdays: ['2027-1-31'] })).toEqual([['workdays.0', '“2027-1-31”不是有效的日期（YYYY-MM-DD）']])
    expect(arrangementProblems(y2027)).toEqual([])
  })
})
