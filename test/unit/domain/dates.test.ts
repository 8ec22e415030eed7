import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  compareDates,
  daysBetween,
  formatDate,
  fromEpochDay,
  isValidDate,
  isWeekend,
  parseDate,
  toEpochDay,
  weekday,
  yearOf,
} from '../../../shared/domain/dates'

const FIRST = toEpochDay('0001-01-01')
const LAST = toEpochDay('9999-12-31')
/** Reference conversion through the platform's UTC arithmetic (tests only; shared/ never uses Date). */
const viaDate = (epochDay: number) => new Date(epochDay * 86_400_000).toISOString().slice(0, 10)
const epochDays = fc.integer({ min: FIRST, max: LAST })

describe('isValidDate / parseDate', () => {
  it.each([
    ['2024-02-29', true],
    ['2000-02-29', true],
    ['2025-02-28', true],
    ['2025-12-31', true],
    ['0001-01-01', true],
    ['9999-12-31', true],
    ['2025-02-29', false],
    ['1900-02-29', false],
    ['2100-02-29', false],
    ['2025-04-31', false],
    ['2025-13-01', false],
    ['2025-00-10', false],
    ['2025-01-00', false],
    ['0000-01-01', false],
    ['2025-2-1', false],
    ['20250201', false],
    [' 2025-02-01', false],
    ['', false],
  ])('%s → %s', (text, valid) => {
    expect(isValidDate(text)).toBe(valid)
    expect(parseDate(text) !== null).toBe(valid)
  })

  it('splits a date into numbers and writes it back', () => {
    expect(parseDate('2025-03-07')).toEqual({ year: 2025, month: 3, day: 7 })
    expect(formatDate({ year: 987, month: 3, day: 7 })).toBe('0987-03-07')
    expect(() => formatDate({ year: 2025, month: 2, day: 29 })).toThrow(RangeError)
  })
})

describe('epoch days, weekday and arithmetic', () => {
  it.each([
    ['1970-01-01', 0, 4],
    ['1969-12-31', -1, 3],
    ['2000-01-01', 10957, 6],
    ['2000-03-01', 11017, 3],
    ['2025-10-01', 20362, 3],
    ['2026-02-14', 20498, 6],
  ])('%s is epoch day %i, weekday %i', (date, epochDay, wd) => {
    expect(toEpochDay(date)).toBe(epochDay)
    expect(fromEpochDay(epochDay)).toBe(date)
    expect(weekday(date)).toBe(wd)
  })

  it('agrees with UTC Date arithmetic over years 0001–9999', () => {
    fc.assert(
      fc.property(epochDays, (n) => {
        const d = fromEpochDay(n)
        expect(d).toBe(viaDate(n))
        expect(toEpochDay(d)).toBe(n)
        expect(weekday(d)).toBe(new Date(n * 86_400_000).getUTCDay())
        expect(yearOf(d)).toBe(Number(d.slice(0, 4)))
      }),
      { numRuns: 2000 },
    )
  })

  it('addDays, daysBetween and compareDates are consistent', () => {
    const pair = fc.tuple(
      fc.integer({ min: toEpochDay('1900-01-01'), max: toEpochDay('2100-12-31') }),
      fc.integer({ min: -5000, max: 5000 }),
    )
    fc.assert(
      fc.property(pair, ([n, k]) => {
        const a = fromEpochDay(n)
        const b = addDays(a, k)
        expect(daysBetween(a, b)).toBe(k)
        expect(addDays(b, -k)).toBe(a)
        expect(compareDates(a, b)).toBe(Math.sign(k) === 0 ? 0 : -Math.sign(k))
        expect(compareDates(b, a)).toBe(Math.sign(k) === 0 ? 0 : Math.sign(k))
      }),
    )
  })

  it('crosses month, leap-day and year boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29')
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01')
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01')
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31')
    expect(daysBetween('2025-01-01', '2026-01-01')).toBe(365)
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366)
  })

  it('marks Saturday and Sunday as weekend', () => {
    expect(['2025-10-04', '2025-10-05'].map(isWeekend)).toEqual([true, true])
    expect(['2025-10-06', '2025-10-10'].map(isWeekend)).toEqual([false, false])
  })

  it('refuses invalid dates and counts with a Chinese RangeError', () => {
    expect(() => addDays('2025-02-30', 1)).toThrow(/不是有效的日期/)
    expect(() => addDays('2025-02-01', 1.5)).toThrow(RangeError)
    expect(() => weekday('2025/02/01')).toThrow(RangeError)
    expect(() => compareDates('2025-01-01', 'x')).toThrow(RangeError)
    expect(() => yearOf('')).toThrow(RangeError)
    expect(() => fromEpochDay(LAST + 1)).toThrow(RangeError)
    expect(() => fromEpochDay(FIRST - 1)).toThrow(RangeError)
  })
})
