import { describe, expect, it } from 'vitest'
import { parseHolidayCalendar } from '../../../shared/domain/calendar'
import { builtInRuleSets, exampleLocalMeasures, type WageEntry } from '../../../shared/domain/rulesets'
import { standardsContentSchema } from '../../../shared/exchange/downward'
import {
  editStandards,
  emptyStandards,
  type StandardsEdit,
  type WageInput,
  wageEntryOf,
} from '../../../shared/exchange/standardsDraft'

/** 编制本院标准: the edits a composing office makes before publishing, one at a time. */
const line = (over: Partial<WageInput> = {}): WageInput => ({
  regionCode: '110000',
  year: '2025',
  amount: '12,345.67',
  series: '职工',
  source: '北京市统计局公报',
  ...over,
})
const wage = (over: Partial<WageInput> = {}): WageEntry => {
  const entry = wageEntryOf(line(over))
  if (!entry) throw new Error('test wage line invalid')
  return entry
}
const apply = (...edits: StandardsEdit[]) => edits.reduce(editStandards, emptyStandards)

describe('wage line as typed', () => {
  it('becomes a wage figure in 分, with its source', () => {
    expect(wageEntryOf(line())).toEqual({
      regionCode: '110000',
      year: 2025,
      monthlyWageFen: 1234567,
      series: '职工',
      source: { document: '北京市统计局公报', confidence: 'H' },
    })
    expect(wageEntryOf(line({ source: '  ' }))?.source.document).toBe('（未注明出处）')
  })

  it('is refused when a part is wrong: region code, year, amount zero or not money, series', () => {
    for (const bad of [
      { regionCode: '11000' },
      { year: '25' },
      { amount: '0' },
      { amount: '一万' },
      { amount: '' },
      { series: '临时工' },
    ]) {
      expect(wageEntryOf(line(bad)), JSON.stringify(bad)).toBeUndefined()
    }
  })
})

describe('editing the standards being composed', () => {
  it('a wage figure of the same region, year and series replaces the one held; the table stays in order', () => {
    const content = apply(
      { type: 'put-wage', entry: wage({ regionCode: '310000' }) },
      { type: 'put-wage', entry: wage({ year: '2024', amount: '9000' }) },
      { type: 'put-wage', entry: wage({ amount: '10000' }) },
      { type: 'put-wage', entry: wage({ series: '在岗职工', amount: '11000' }) },
      { type: 'put-wage', entry: wage({ amount: '10500' }) },
    )
    expect(content.wageTable.map((w) => [w.regionCode, w.year, w.series, w.monthlyWageFen])).toEqual([
      ['110000', 2024, '职工', 900000],
      ['110000', 2025, '在岗职工', 1100000],
      ['110000', 2025, '职工', 1050000],
      ['310000', 2025, '职工', 1234567],
    ])
    const removed = editStandards(content, { type: 'remove-wage', entry: wage({ series: '在岗职工', amount: '1' }) })
    expect(removed.wageTable.map((w) => w.series)).toEqual(['职工', '职工', '职工'])
  })

  it('local measures replace those of the same id, and the one edited under its old id', () => {
    const a = { ...exampleLocalMeasures, id: 'a', title: '甲办法' }
    const b = { ...exampleLocalMeasures, id: 'b', title: '乙办法' }
    const held = apply({ type: 'put-measures', measures: [a, b] })
    const fromFile = editStandards(held, { type: 'put-measures', measures: [{ ...a, title: '甲办法（修订）' }] })
    expect(fromFile.localMeasures.map((m) => m.title)).toEqual(['乙办法', '甲办法（修订）'])
    const renamed = editStandards(held, { type: 'put-measures', measures: [{ ...b, id: 'c' }], replacing: 'b' })
    expect(renamed.localMeasures.map((m) => m.id)).toEqual(['a', 'c'])
    expect(editStandards(renamed, { type: 'remove-measures', id: 'a' }).localMeasures.map((m) => m.id)).toEqual(['c'])
  })

  it('a calendar is set or dropped; a rule set replaces the one of its id', () => {
    const parsed = parseHolidayCalendar({
      version: '2026-test',
      source: '国务院办公厅通知',
      years: { '2026': { holidays: ['2026-01-01'], workdays: [] } },
    })
    const calendar = parsed.ok ? parsed.calendar : undefined
    expect(calendar).toBeDefined()
    const withCalendar = apply({ type: 'set-calendar', calendar: calendar! })
    expect(withCalendar.calendar?.version).toBe('2026-test')
    expect('calendar' in editStandards(withCalendar, { type: 'drop-calendar' })).toBe(false)

    const [rs] = builtInRuleSets
    const twice = apply(
      { type: 'put-rule-set', ruleSet: rs },
      { type: 'put-rule-set', ruleSet: { ...rs, shortTitle: '改' } },
    )
    expect(twice.ruleSets.map((r) => r.shortTitle)).toEqual(['改'])
    expect(editStandards(twice, { type: 'remove-rule-set', id: rs.id }).ruleSets).toEqual([])
  })

  it('what is composed from valid parts is valid content; loading starts from an edition held', () => {
    const content = apply(
      { type: 'put-wage', entry: wage() },
      { type: 'put-measures', measures: [exampleLocalMeasures] },
      { type: 'put-rule-set', ruleSet: builtInRuleSets[2] },
    )
    expect(standardsContentSchema.safeParse(content).success).toBe(true)
    expect(editStandards(emptyStandards, { type: 'load', content })).toBe(content)
    expect(emptyStandards).toEqual({ wageTable: [], localMeasures: [], ruleSets: [] })
  })
})
