import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  applyLocalMeasures,
  builtInRuleSets,
  exampleLocalMeasures,
  type LocalMeasures,
  localMeasuresApplyTo,
  localMeasuresFor,
  monthlyWageFor,
  parseLocalMeasures,
  parseRuleSet,
  type RuleSet,
  RulesError,
  requireRuleSetFor,
  ruleSetFor,
  ruleSetSchema,
  type WageEntry,
  wageRegionFor,
  wageYearFor,
} from '../../../shared/domain/rulesets'

const byId = (id: string): RuleSet => {
  const s = builtInRuleSets.find((r) => r.id === id)
  if (!s) throw new Error(`no rule set ${id}`)
  return s
}
const y2014 = byId('2014-yijian')
const x2016 = byId('2016-xize')
const x2021 = byId('2021-xize')

describe('built-in rule sets (docs/domain-reference.md §1, §3, §4, §5)', () => {
  it('holds the three national instruments with their dates and issuers', () => {
    expect(builtInRuleSets.map((s) => [s.id, s.effectiveDate])).toEqual([
      ['2014-yijian', '2014-01-17'],
      ['2016-xize', '2016-08-30'],
      ['2021-xize', '2021-12-31'],
    ])
    expect(y2014.documentNumber).toBe('中政委〔2014〕3号')
    expect(y2014.issuer).toContain('中央政法委')
    expect(x2016.documentNumber).toBeUndefined()
    expect(x2016.datesSource.note).toContain('L')
    expect(x2021.adoptedDate).toBe('2021-09-01')
    expect(x2021.issuedDate).toBe('2021-12-31')
    expect(x2021.leadDepartment).toBe('负责控告申诉检察的部门')
    expect(x2016.leadDepartment).toBe('刑事申诉检察部门')
  })

  it.each([
    ['2014-yijian', ['2014-1', '2014-2', '2014-3', '2014-4', '2014-5', '2014-6', '2014-7', '2014-8', '2014-xf']],
    ['2016-xize', ['2016-7-1', '2016-7-2', '2016-7-3', '2016-7-4', '2016-7-5', '2016-7-6', '2016-7-7']],
    ['2021-xize', ['2021-7-1', '2021-7-2', '2021-7-3', '2021-7-4', '2021-7-5', '2021-7-6', '2021-7-7']],
  ])('%s lists its category items', (id, codes) => {
    expect(byId(id).categories.map((c) => c.code)).toEqual(codes)
  })

  it('marks the kind of every item and flags only the maintenance item as court-only', () => {
    const kinds = (s: RuleSet) => s.categories.map((c) => c.kind)
    expect(kinds(y2014)).toEqual([
      'criminal-victim',
      'criminal-victim',
      'criminal-victim',
      'criminal-victim',
      'witness',
      'other',
      'civil-tort',
      'other',
      'other',
    ])
    for (const s of [x2016, x2021]) {
      expect(kinds(s)).toEqual([
        'criminal-victim',
        'criminal-victim',
        'criminal-victim',
        'criminal-victim',
        'witness',
        'civil-tort',
        'other',
      ])
    }
    const courtOnly = builtInRuleSets.flatMap((s) => s.categories.filter((c) => c.courtOnly).map((c) => c.code))
    expect(courtOnly).toEqual(['2014-6'])
    expect(y2014.categories.find((c) => c.code === '2014-6')?.text).toContain('赡养费')
  })

  it('encodes the 2021 changes: time-barred cause, injury instead of life danger, lost working ability, no litigation condition for witnesses', () => {
    const item = (s: RuleSet, code: string) => s.categories.find((c) => c.code === code)!
    expect(item(x2016, '2016-7-1').match.anyOf?.flat()).not.toContain('timeBarred')
    expect(item(x2021, '2021-7-1').match.anyOf?.flat()).toContain('timeBarred')
    expect(item(x2016, '2016-7-2').match.all).toContain('lifeEndangered')
    expect(item(x2021, '2021-7-2').match.all).not.toContain('lifeEndangered')
    expect(item(x2021, '2021-7-3').match.anyOf?.[0]).toEqual(['victimDied', 'lostWorkingAbility'])
    expect(item(x2016, '2016-7-5').match.all).toContain('noLitigationCompensation')
    expect(item(x2021, '2021-7-5').match.all).not.toContain('noLitigationCompensation')
    expect(item(x2021, '2021-7-5').baseRuleExceptions).toEqual(['R0c'])
    expect(item(x2016, '2016-7-5').match.all).toContain('retaliationForProcuratorate')
    expect(item(y2014, '2014-5').match.all).not.toContain('retaliationForProcuratorate')
  })

  it.each([
    ['2014-yijian', ['X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X7'], ['X7']],
    ['2016-xize', ['X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X7', 'X8'], ['X7']],
    ['2021-xize', ['X1', 'X2', 'X3', 'X4', 'X5', 'X6'], []],
  ])('%s exclusions: X1–X6 soft, X7 hard where listed, X8 soft', (id, codes, hard) => {
    const set = byId(id)
    expect(set.exclusions.map((e) => e.code)).toEqual(codes)
    expect(set.exclusions.filter((e) => e.kind === 'hard').map((e) => e.code)).toEqual(hard)
  })

  it('has the time limits 10 wd / 2 wd / 5 wd / 30 days and the 36-month cap in every version', () => {
    for (const s of builtInRuleSets) {
      expect(s.timeLimits.decide.workingDays).toBe(10)
      expect(s.timeLimits.notifyCollection.workingDays).toBe(2)
      expect(s.timeLimits.supplementNotice.workingDays).toBe(5)
      expect(s.timeLimits.supplementPeriod.days).toBe(30)
      expect(s.amountRules.capMonths).toBe(36)
    }
    expect(y2014.amountRules.wageBase.regionKind).toBe('case-jurisdiction')
    expect(x2016.amountRules.wageBase.regionKind).toBe('procuratorate-province')
    expect(x2021.amountRules.wageBase.regionKind).toBe('procuratorate-province')
    expect(y2014.timeLimits.decide.source.confidence).toBe('H')
    expect(x2021.timeLimits.decide.source.confidence).toBe('M')
  })

  it('gives every rule Chinese text and a source with a confidence level', () => {
    for (const s of builtInRuleSets) {
      const rules = [
        ...s.baseRules,
        ...s.categories,
        ...s.exclusions,
        s.oneTimeRule,
        s.materialsRule,
        ...Object.values(s.timeLimits),
        s.amountRules.cap,
        s.amountRules.overCap,
        s.amountRules.courtCeiling,
        s.amountRules.factors,
        s.amountRules.wageBase,
        s.amountRules.latestPublishedWage,
        s.approval,
      ]
      for (const r of rules) {
        expect(r.text).toMatch(/[\u4e00-\u9fff]/)
        expect(['H', 'M', 'L']).toContain(r.source.confidence)
        expect(r.source.document.length).toBeGreaterThan(0)
      }
    }
  })
})

describe('ruleSetSchema', () => {
  const clone = (s: RuleSet) => JSON.parse(JSON.stringify(s)) as Record<string, unknown> & RuleSet

  it('accepts its own data round-tripped through JSON', () => {
    for (const s of builtInRuleSets) expect(ruleSetSchema.parse(clone(s))).toEqual(s)
  })

  it.each([
    ['duplicate item code', (d: RuleSet) => d.categories.push({ ...d.categories[0]! })],
    ['unknown condition', (d: RuleSet) => ((d.categories[0]!.match.all as string[])[0] = 'richEnough')],
    ['impossible date', (d: RuleSet) => Object.assign(d, { effectiveDate: '2021-02-30' })],
    [
      'missing base rule R0c',
      (d: RuleSet) => Object.assign(d, { baseRules: d.baseRules.filter((b) => b.code !== 'R0c') }),
    ],
    ['bad confidence', (d: RuleSet) => Object.assign(d.oneTimeRule.source, { confidence: 'X' })],
    ['unknown field', (d: RuleSet) => Object.assign(d, { extra: 1 })],
    ['item without conditions', (d: RuleSet) => Object.assign(d.categories[0]!, { match: { all: [] } })],
    ['fractional cap months', (d: RuleSet) => Object.assign(d.amountRules, { capMonths: 36.5 })],
  ])('rejects %s', (_name, mutate) => {
    const d = clone(x2021)
    mutate(d)
    expect(ruleSetSchema.safeParse(d).success).toBe(false)
    expect(() => parseRuleSet(d)).toThrow(RulesError)
  })
})

describe('ruleSetFor: the rule set in force on the application date', () => {
  it.each([
    ['2013-12-31', undefined],
    ['2014-01-16', undefined],
    ['2014-01-17', '2014-yijian'],
    ['2016-08-29', '2014-yijian'],
    ['2016-08-30', '2016-xize'],
    ['2021-09-01', '2016-xize'],
    ['2021-12-30', '2016-xize'],
    ['2021-12-31', '2021-xize'],
    ['2026-03-02', '2021-xize'],
  ])('%s → %s', (date, id) => {
    expect(ruleSetFor(date)?.id).toBe(id)
  })

  it('throws a Chinese RulesError from requireRuleSetFor before 2014-01-17', () => {
    expect(() => requireRuleSetFor('2013-06-01')).toThrow(/2013-06-01.*没有可适用的规则/)
    try {
      requireRuleSetFor('2013-06-01')
    } catch (e) {
      expect(e).toBeInstanceOf(RulesError)
      expect((e as RulesError).code).toBe('ruleset.none-in-force')
    }
    expect(requireRuleSetFor('2022-05-05').id).toBe('2021-xize')
  })

  it('rejects malformed dates', () => {
    expect(() => ruleSetFor('2021/12/31')).toThrow(RangeError)
    expect(() => ruleSetFor('2021-13-01')).toThrow(RangeError)
  })

  it('uses the sets it is given; on equal dates the later one wins', () => {
    const replacement = { ...x2021, id: '2021-xize-rev2' }
    expect(ruleSetFor('2023-01-01', [y2014, x2021, replacement])?.id).toBe('2021-xize-rev2')
    expect(ruleSetFor('2023-01-01', [x2021, y2014])?.id).toBe('2021-xize')
    expect(ruleSetFor('2023-01-01', [])).toBeUndefined()
  })

  it('property: the chosen set is the latest one not after the date', () => {
    const day = fc
      .date({ min: new Date('2010-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10))
    fc.assert(
      fc.property(day, (date) => {
        const s = ruleSetFor(date)
        const eligible = builtInRuleSets.filter((r) => r.effectiveDate <= date)
        if (eligible.length === 0) return s === undefined
        return s !== undefined && s.effectiveDate <= date && eligible.every((r) => r.effectiveDate <= s.effectiveDate)
      }),
    )
  })
})

describe('local implementing measures as overlays', () => {
  it('without measures, the effective rules are the national ones', () => {
    const e = applyLocalMeasures(x2021)
    expect(e.local).toBeUndefined()
    expect(e.amount).toEqual({ capMonths: 36, wageRegionKind: 'procuratorate-province' })
    expect(e.timeLimits.supplementNoticeWorkingDays.value).toBe(5)
    expect(e.timeLimits.supplementDays.value).toBe(30)
    expect(e.timeLimits.decideWorkingDays.value).toBe(10)
    expect(e.timeLimits.notifyCollectionWorkingDays.value).toBe(2)
    expect(e.timeLimits.externalApprovalWorkingDays).toBeUndefined()
    expect(e.approvalChain.steps.map((s) => s.role)).toEqual(['case-procurator', 'dept-head', 'chief'])
    expect(e.wageTable).toEqual([])
  })

  it('the example (滨海/株洲 parameters) sets 5万 max, 3000元 floor, 1万 escalation and 政法委 +10 wd', () => {
    const e = applyLocalMeasures(x2021, exampleLocalMeasures)
    expect(e.amount.perCaseMaxFen).toBe(5_000_000)
    expect(e.amount.floorFen).toBe(300_000)
    expect(e.amount.escalationThresholdFen).toBe(1_000_000)
    expect(e.amount.escalationBody).toBe('检察长办公会或党组会')
    expect(e.amount.localSource?.source.note).toContain('S28')
    expect(e.timeLimits.externalApprovalWorkingDays?.value).toBe(10)
    expect(e.timeLimits.externalApprovalWorkingDays?.body).toBe('党委政法委')
    expect(e.approvalChain.escalationStep?.role).toBe('chief-office-meeting')
    expect(e.timeLimits.supplementDays.value).toBe(30)
  })

  it('time-limit overrides replace the national value and cite the local source', () => {
    const m: LocalMeasures = {
      ...exampleLocalMeasures,
      timeLimitOverrides: { decideWorkingDays: 7, source: { document: '某省实施办法', confidence: 'M' } },
    }
    const e = applyLocalMeasures(y2014, m)
    expect(e.timeLimits.decideWorkingDays.value).toBe(7)
    expect(e.timeLimits.decideWorkingDays.rule.source.document).toBe('某省实施办法')
    expect(e.timeLimits.decideWorkingDays.rule.text).toContain('7日')
    expect(e.timeLimits.supplementNoticeWorkingDays.value).toBe(5)
  })

  it.each([
    ['escalation without body', { escalationBody: undefined }],
    ['floor above maximum', { floorFen: 6_000_000 }],
    ['no scope', { scope: {} }],
    ['non-integer fen', { perCaseMaxFen: 5000.5 }],
    ['bad region code', { scope: { regionCode: '3209' } }],
  ])('rejects measures with %s', (_n, patch) => {
    expect(() => parseLocalMeasures({ ...exampleLocalMeasures, ...patch })).toThrow(RulesError)
  })

  it('applies by unit code or region prefix, latest and most specific first', () => {
    const county = exampleLocalMeasures // regionCode 320922
    const province: LocalMeasures = {
      ...county,
      id: 'prov',
      scope: { regionCode: '320000' },
      effectiveDate: '2020-01-01',
    }
    const unit: LocalMeasures = { ...county, id: 'unit', scope: { unitCode: '320922-J' }, effectiveDate: '2022-01-01' }
    expect(localMeasuresApplyTo(province, { regionCode: '320922' })).toBe(true)
    expect(localMeasuresApplyTo(province, { regionCode: '330100' })).toBe(false)
    expect(localMeasuresApplyTo(county, { regionCode: '320900' })).toBe(false)
    expect(localMeasuresApplyTo(unit, { unitCode: '320922-J', regionCode: '999999' })).toBe(true)
    const list = [province, county, unit]
    expect(localMeasuresFor(list, { regionCode: '320922' }, '2021-06-01')?.id).toBe('prov')
    expect(localMeasuresFor(list, { regionCode: '320922' }, '2022-06-01')?.id).toBe(county.id)
    expect(localMeasuresFor(list, { regionCode: '320922', unitCode: '320922-J' }, '2022-06-01')?.id).toBe('unit')
    expect(localMeasuresFor(list, { regionCode: '110000' }, '2022-06-01')).toBeUndefined()
  })
})

describe('monthlyWageFor: wage table with fallbacks (docs/domain-reference.md §4, §13.4)', () => {
  const src = { document: '测试', confidence: 'M' as const }
  const w = (regionCode: string, year: number, monthlyWageFen: number, series: WageEntry['series'] = '职工') => ({
    regionCode,
    year,
    monthlyWageFen,
    series,
    source: src,
  })
  const table = [
    w('320000', 2023, 800_000),
    w('320000', 2024, 830_000),
    w('320900', 2022, 700_000),
    w('320922', 2024, 650_000),
    w('320922', 2024, 690_000, '在岗职工'),
    w('110000', 2024, 1_200_000, '全口径'),
    w('110000', 2024, 1_100_000, '在岗职工'),
  ]
  const rules = { ...applyLocalMeasures(x2021), wageTable: table }

  it.each([
    ['exact region and year', '320922', 2024, 650_000, '320922', 2024, []],
    ['earlier year of the same region', '320922', 2025, 650_000, '320922', 2024, ['earlier-year']],
    ['prefecture when the county is missing', '320923', 2022, 700_000, '320900', 2022, ['prefecture']],
    ['prefecture, earlier year', '320923', 2024, 700_000, '320900', 2022, ['prefecture', 'earlier-year']],
    ['province when county and prefecture are missing', '321102', 2024, 830_000, '320000', 2024, ['province']],
    ['province, earlier year', '321102', 2026, 830_000, '320000', 2024, ['province', 'earlier-year']],
    ['province code itself', '320000', 2023, 800_000, '320000', 2023, []],
    ['series preference 在岗职工 over 全口径', '110101', 2024, 1_100_000, '110000', 2024, ['province']],
  ])('%s', (_n, region, year, fen, usedRegion, usedYear, fallbacks) => {
    const r = monthlyWageFor(rules, region, year)
    expect(r?.monthlyWageFen).toBe(fen)
    expect(r?.regionCode).toBe(usedRegion)
    expect(r?.year).toBe(usedYear)
    expect(r?.fallbacks).toEqual(fallbacks)
    expect(r?.notes).toHaveLength(fallbacks.length)
  })

  it('explains fallbacks in Chinese', () => {
    expect(monthlyWageFor(rules, '321102', 2026)?.notes).toEqual([
      '地区 321102 没有工资数据，改用所属省级地区（320000）的数据。',
      '2026年度工资数据尚未公布，按最近公布的2024年度数据计算（参照法院做法）。',
    ])
  })

  it('returns undefined when nothing fits and never uses a later year', () => {
    expect(monthlyWageFor(rules, '440300', 2024)).toBeUndefined()
    expect(monthlyWageFor(rules, '320000', 2022)).toBeUndefined()
  })

  it('honours the series fixed by local measures', () => {
    const local = { ...rules, amount: { ...rules.amount, wageSeries: '在岗职工' as const } }
    expect(monthlyWageFor(local, '320922', 2024)?.monthlyWageFen).toBe(690_000)
    expect(monthlyWageFor(local, '320000', 2024)).toBeUndefined()
  })

  it('uses the example measures’ table', () => {
    const e = applyLocalMeasures(x2021, exampleLocalMeasures)
    expect(monthlyWageFor(e, '320000', 2024)?.monthlyWageFen).toBe(830_000)
    expect(monthlyWageFor(e, '320922', 2024)).toMatchObject({ regionCode: '320900', year: 2023 })
  })

  it('rejects malformed region codes and years', () => {
    expect(() => monthlyWageFor(rules, '3209', 2024)).toThrow(RangeError)
    expect(() => monthlyWageFor(rules, '320922', 2024.5)).toThrow(RangeError)
  })

  it('property: the figure used is never from a later year nor from an unrelated region', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('320922', '320923', '321102', '320000', '110101', '440300'),
        fc.integer({ min: 2015, max: 2030 }),
        (region, year) => {
          const r = monthlyWageFor(rules, region, year)
          if (!r) return true
          const allowed = [region, `${region.slice(0, 4)}00`, `${region.slice(0, 2)}0000`]
          return (
            r.year <= year && allowed.includes(r.regionCode) && r.year < year === r.fallbacks.includes('earlier-year')
          )
        },
      ),
    )
  })

  it('wageRegionFor follows the rule set: 2014 case jurisdiction, 2016/2021 procuratorate province', () => {
    const where = { caseJurisdictionRegionCode: '320922', procuratorateRegionCode: '320981' }
    expect(wageRegionFor(applyLocalMeasures(y2014), where)).toBe('320922')
    expect(wageRegionFor(applyLocalMeasures(x2016), where)).toBe('320000')
    expect(wageRegionFor(applyLocalMeasures(x2021), where)).toBe('320000')
    const fujian = applyLocalMeasures(x2021, { ...exampleLocalMeasures, wageRegionKind: 'procuratorate-prefecture' })
    expect(wageRegionFor(fujian, where)).toBe('320900')
    expect(wageYearFor('2026-03-02')).toBe(2025)
  })
})
