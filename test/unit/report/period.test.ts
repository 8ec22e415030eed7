import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addDays, daysInMonth, formatDate, parseDate } from '../../../shared/domain/dates'
import {
  inPeriod,
  monthsOf,
  type PeriodSpec,
  parsePeriod,
  periodDays,
  periodOf,
  sameTimeLastYear,
} from '../../../shared/report/period'

describe('statistical periods', () => {
  it.each([
    ['2025', '2025-01-01', '2025-12-31', '2025年度'],
    ['2025年', '2025-01-01', '2025-12-31', '2025年度'],
    ['2024H1', '2024-01-01', '2024-06-30', '2024年上半年'],
    ['2024-h2', '2024-07-01', '2024-12-31', '2024年下半年'],
    ['2025年下半年', '2025-07-01', '2025-12-31', '2025年下半年'],
    ['2025Q1', '2025-01-01', '2025-03-31', '2025年第一季度'],
    ['2025-Q3', '2025-07-01', '2025-09-30', '2025年第三季度'],
    ['2025年第四季度', '2025-10-01', '2025-12-31', '2025年第四季度'],
    ['2024-02', '2024-02-01', '2024-02-29', '2024年2月'],
    ['2025-2', '2025-02-01', '2025-02-28', '2025年2月'],
    ['2025年12月', '2025-12-01', '2025-12-31', '2025年12月'],
    ['2025-01-01..2025-03-15', '2025-01-01', '2025-03-15', '2025年1月1日至2025年3月15日'],
    ['2025-11-15~2026-02-10', '2025-11-15', '2026-02-10', '2025年11月15日至2026年2月10日'],
    ['2025-11-15至2026-02-10', '2025-11-15', '2026-02-10', '2025年11月15日至2026年2月10日'],
  ])('%s → %s..%s (%s)', (text, from, to, name) => {
    const p = parsePeriod(text)
    expect([p.from, p.to, p.name]).toEqual([from, to, name])
  })

  it('labels the 统计期间 line in Chinese', () => {
    expect(parsePeriod('2025').label).toBe('2025年1月1日至2025年12月31日')
    expect(parsePeriod('2025Q2').label).toBe('2025年4月1日至2025年6月30日')
  })

  it.each(['', '2025Q5', '2025H3', '2025-13', '25', '2025-02-30..2025-03-01', '2025-03-02..2025-03-01', 'abc', '1800'])(
    'refuses %j with a Chinese message',
    (text) => {
      expect(() => parsePeriod(text)).toThrow(/统计期间|年份|季度|月份|半年度/)
    },
  )

  it('splits a year into its halves, quarters and months without gaps or overlaps', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2999 }), (year) => {
        const parts = [
          [periodOf({ kind: 'half', year, half: 1 }), periodOf({ kind: 'half', year, half: 2 })],
          ([1, 2, 3, 4] as const).map((quarter) => periodOf({ kind: 'quarter', year, quarter })),
          Array.from({ length: 12 }, (_, i) => periodOf({ kind: 'month', year, month: i + 1 })),
        ]
        const whole = periodOf({ kind: 'year', year })
        for (const list of parts) {
          expect(list[0].from).toBe(whole.from)
          expect(list.at(-1)!.to).toBe(whole.to)
          for (let i = 1; i < list.length; i++) expect(list[i].from).toBe(addDays(list[i - 1].to, 1))
          expect(list.reduce((s, p) => s + periodDays(p), 0)).toBe(periodDays(whole))
        }
      }),
      { numRuns: 200 },
    )
  })

  it('tests membership by day, lists months, and finds the same span a year earlier', () => {
    const q = parsePeriod('2024Q1')
    expect(inPeriod('2024-01-01', q)).toBe(true)
    expect(inPeriod('2024-03-31', q)).toBe(true)
    expect(inPeriod('2024-04-01', q)).toBe(false)
    expect(inPeriod(undefined, q)).toBe(false)
    expect(monthsOf(parsePeriod('2025-11-15..2026-02-10'))).toEqual(['2025-11', '2025-12', '2026-01', '2026-02'])
    expect(sameTimeLastYear(q).from).toBe('2023-01-01')
    expect(sameTimeLastYear(parsePeriod('2024-02-01..2024-02-29')).to).toBe('2023-02-28')
    expect(periodDays(parsePeriod('2024'))).toBe(366)
  })

  describe('上年同期 (sameTimeLastYear)', () => {
    it.each([
      ['2025', '2024-01-01', '2024-12-31', '2024年度'],
      ['2025H2', '2024-07-01', '2024-12-31', '2024年下半年'],
      ['2025Q3', '2024-07-01', '2024-09-30', '2024年第三季度'],
      ['2025-03', '2024-03-01', '2024-03-31', '2024年3月'],
      ['2025-02', '2024-02-01', '2024-02-29', '2024年2月'],
      ['2024-02', '2023-02-01', '2023-02-28', '2023年2月'],
      ['2025-03-10..2025-06-15', '2024-03-10', '2024-06-15', '2024年3月10日至2024年6月15日'],
      ['2024-02-29..2024-02-29', '2023-02-28', '2023-02-28', '2023年2月28日至2023年2月28日'],
      ['2024-01-15..2024-02-29', '2023-01-15', '2023-02-28', '2023年1月15日至2023年2月28日'],
      ['2025-11-15..2026-02-10', '2024-11-15', '2025-02-10', '2024年11月15日至2025年2月10日'],
    ])('%s → %s..%s (%s)', (text, from, to, name) => {
      const prior = sameTimeLastYear(parsePeriod(text))
      expect([prior.from, prior.to, prior.name]).toEqual([from, to, name])
      expect(prior.spec.kind).toBe(parsePeriod(text).spec.kind)
    })

    it('is the same span one year earlier for any period (property)', () => {
      const day = fc
        .record({
          y: fc.integer({ min: 1991, max: 2099 }),
          m: fc.integer({ min: 1, max: 12 }),
          d: fc.integer({ min: 1, max: 31 }),
        })
        .map(({ y, m, d }) => formatDate({ year: y, month: m, day: Math.min(d, daysInMonth(y, m)) }))
      const spec: fc.Arbitrary<PeriodSpec> = fc.oneof(
        fc.integer({ min: 1991, max: 2099 }).map((year) => ({ kind: 'year' as const, year })),
        fc
          .record({ year: fc.integer({ min: 1991, max: 2099 }), half: fc.constantFrom(1 as const, 2 as const) })
          .map((r) => ({ kind: 'half' as const, ...r })),
        fc
          .record({
            year: fc.integer({ min: 1991, max: 2099 }),
            quarter: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
          })
          .map((r) => ({ kind: 'quarter' as const, ...r })),
        fc
          .record({ year: fc.integer({ min: 1991, max: 2099 }), month: fc.integer({ min: 1, max: 12 }) })
          .map((r) => ({ kind: 'month' as const, ...r })),
        fc.tuple(day, day).map((pair) => {
          const [from, to] = [...pair].sort()
          return { kind: 'range' as const, from, to }
        }),
      )
      /** The day one year earlier: same month and day, 02-29 → 02-28. */
      const yearBefore = (d: string) => {
        const p = parseDate(d)!
        return formatDate({ year: p.year - 1, month: p.month, day: Math.min(p.day, daysInMonth(p.year - 1, p.month)) })
      }
      fc.assert(
        fc.property(spec, (s) => {
          const p = periodOf(s)
          const prior = sameTimeLastYear(p)
          expect(prior.from).toBe(yearBefore(p.from))
          // a custom range ends one year earlier to the day; a whole month, quarter, half or year ends on the
          // last day of its month (2024年2月 → 2023-02-28, 2025年2月 → 2024-02-29)
          const lastMonth = parseDate(yearBefore(p.to))!
          expect(prior.to).toBe(
            s.kind === 'range'
              ? yearBefore(p.to)
              : formatDate({ ...lastMonth, day: daysInMonth(lastMonth.year, lastMonth.month) }),
          )
          expect(prior.spec.kind).toBe(s.kind)
          expect(Number(prior.from.slice(0, 4))).toBe(Number(p.from.slice(0, 4)) - 1)
          // the same span: as many days, or one fewer / more when a 2-29 is in one of the two
          expect(Math.abs(periodDays(prior) - periodDays(p))).toBeLessThanOrEqual(1)
        }),
        { numRuns: 500 },
      )
      // a whole year, half, quarter or month stays whole (its last day is the month's last day)
      fc.assert(
        fc.property(
          spec.filter((s) => s.kind !== 'range'),
          (s) => {
            expect(sameTimeLastYear(periodOf(s))).toEqual(periodOf({ ...s, year: s.year - 1 } as PeriodSpec))
          },
        ),
        { numRuns: 500 },
      )
    })
  })
})
