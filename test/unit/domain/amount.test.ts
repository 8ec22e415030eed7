import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type AmountCheckInput,
  amountCheckInputFrom,
  amountComputationRecord,
  assistanceCap,
  checkProposedAmount,
} from '../../../shared/domain/amount'
import type { Finding } from '../../../shared/domain/findings'
import { applyLocalMeasures, builtInRuleSets, exampleLocalMeasures } from '../../../shared/domain/rulesets'

const WAGE = 800_000 // 8,000.00元
const CAP = 28_800_000 // 36 × 8,000.00元 = 288,000.00元
const yuan = (n: number) => n * 100

const codes = (fs: Finding[]) => fs.map((f) => `${f.severity}:${f.code}`)
const blocking = (fs: Finding[]) => fs.filter((f) => f.severity === 'blocking')

describe('assistanceCap: 36 × previous-year average monthly wage (docs/domain-reference.md §4)', () => {
  it.each([
    [800_000, undefined, 28_800_000],
    [800_000, 36, 28_800_000],
    [1, 36, 36],
    [0, 36, 0],
    [650_050, 36, 23_401_800],
    [800_000, 24, 19_200_000],
    [800_000, 0, 0],
  ])('wage %i fen × %s months → %i fen', (monthlyWageFen, months, cap) => {
    expect(assistanceCap({ monthlyWageFen, ...(months === undefined ? {} : { months }) })).toBe(cap)
  })

  it.each([
    [{ monthlyWageFen: 8000.5 }],
    [{ monthlyWageFen: -1 }],
    [{ monthlyWageFen: Number.NaN }],
    [{ monthlyWageFen: Number.POSITIVE_INFINITY }],
    [{ monthlyWageFen: 800_000, months: -1 }],
    [{ monthlyWageFen: 800_000, months: 1.5 }],
    [{ monthlyWageFen: Number.MAX_SAFE_INTEGER, months: 36 }],
  ])('throws RangeError for %o', (input) => {
    expect(() => assistanceCap(input)).toThrow(RangeError)
  })

  it('property: the cap is monotonic in the wage and in the months', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 120 }),
        (a, b, m) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a]
          return (
            assistanceCap({ monthlyWageFen: lo, months: m }) <= assistanceCap({ monthlyWageFen: hi, months: m }) &&
            assistanceCap({ monthlyWageFen: lo, months: m }) <= assistanceCap({ monthlyWageFen: lo, months: m + 1 })
          )
        },
      ),
    )
  })
})

describe('checkProposedAmount', () => {
  const approval = { ref: '某检救审〔2025〕3号', body: '检察委员会' }
  const base: AmountCheckInput = { proposedFen: CAP, monthlyWageFen: WAGE }

  it.each<[string, Partial<AmountCheckInput>, string[]]>([
    ['exactly the cap (288,000.00元) is clean', {}, []],
    ['well under the cap is clean', { proposedFen: yuan(20_000) }, []],
    [
      'one fen over the cap, no approval, no ceiling',
      { proposedFen: CAP + 1 },
      ['blocking:amount.over-cap-no-approval', 'blocking:amount.court-ceiling-missing'],
    ],
    [
      'over the cap, no approval, ceiling recorded',
      { proposedFen: CAP + 1, courtAwardCeilingFen: yuan(400_000) },
      ['blocking:amount.over-cap-no-approval'],
    ],
    [
      'over the cap with approval but without the court-award ceiling',
      { proposedFen: yuan(300_000), overCapApproval: approval },
      ['blocking:amount.court-ceiling-missing'],
    ],
    [
      'over the cap with approval, within the court-award ceiling',
      { proposedFen: yuan(300_000), overCapApproval: approval, courtAwardCeilingFen: yuan(300_000) },
      ['info:amount.over-cap-approved'],
    ],
    [
      'over the cap with approval, above the court-award ceiling',
      { proposedFen: yuan(300_000), overCapApproval: approval, courtAwardCeilingFen: yuan(290_000) },
      ['blocking:amount.over-court-ceiling'],
    ],
    [
      'an approval with a blank reference does not count',
      {
        proposedFen: yuan(300_000),
        overCapApproval: { ref: '  ', body: '检察委员会' },
        courtAwardCeilingFen: yuan(350_000),
      },
      ['blocking:amount.over-cap-no-approval'],
    ],
    [
      'a null approval and null ceiling behave as absent',
      { proposedFen: CAP + 1, overCapApproval: null, courtAwardCeilingFen: null },
      ['blocking:amount.over-cap-no-approval', 'blocking:amount.court-ceiling-missing'],
    ],
    ['zero', { proposedFen: 0 }, ['blocking:amount.not-positive']],
    [
      'negative, even with local parameters',
      { proposedFen: -100, floorFen: yuan(3000) },
      ['blocking:amount.not-positive'],
    ],
    ['local 5万 maximum: exactly 50,000.00元 is fine', { proposedFen: yuan(50_000), perCaseMaxFen: yuan(50_000) }, []],
    [
      'local 5万 maximum: 50,000.01元 is a warning',
      { proposedFen: yuan(50_000) + 1, perCaseMaxFen: yuan(50_000) },
      ['warning:amount.over-local-max'],
    ],
    ['local 3000元 floor: exactly 3,000.00元 is fine', { proposedFen: yuan(3000), floorFen: yuan(3000) }, []],
    [
      'local 3000元 floor: 2,999.99元 is a warning',
      { proposedFen: yuan(3000) - 1, floorFen: yuan(3000) },
      ['warning:amount.below-local-floor'],
    ],
    [
      '1万 escalation: 9,999.99元 needs nothing',
      { proposedFen: yuan(10_000) - 1, escalationThresholdFen: yuan(10_000) },
      [],
    ],
    [
      '1万 escalation: exactly 10,000.00元 needs the approval (≥)',
      { proposedFen: yuan(10_000), escalationThresholdFen: yuan(10_000) },
      ['blocking:amount.escalation-needed'],
    ],
    [
      '1万 escalation with the approval recorded',
      {
        proposedFen: yuan(12_000),
        escalationThresholdFen: yuan(10_000),
        escalationApproval: { ref: '党组会纪要〔2025〕7号', body: '党组会' },
      },
      ['info:amount.escalation-approved'],
    ],
    [
      'all local parameters at once (60,000.00元 with 5万 max and 1万 threshold)',
      {
        proposedFen: yuan(60_000),
        perCaseMaxFen: yuan(50_000),
        floorFen: yuan(3000),
        escalationThresholdFen: yuan(10_000),
      },
      ['warning:amount.over-local-max', 'blocking:amount.escalation-needed'],
    ],
  ])('%s', (_name, patch, expected) => {
    expect(codes(checkProposedAmount({ ...base, ...patch }))).toEqual(expected)
  })

  it('writes Chinese messages with formatted yuan and cites the rule beside each finding', () => {
    const [a, b] = checkProposedAmount({ proposedFen: CAP + 1, monthlyWageFen: WAGE })
    expect(a?.message).toBe(
      '拟救助金额 288,000.01元 超过 36 个月工资上限 288,000.00元（月平均工资 8,000.00元），须经特别审批；尚未记录超限审批文号。',
    )
    expect(a?.rule.text).toContain('突破救助限额')
    expect(b?.rule.text).toContain('人民法院依法应当判决的赔偿数额')
    expect(a?.rule.source.document).toBe('《人民检察院开展国家司法救助工作细则》')
  })

  it('names the escalation body from the local measures, or a default', () => {
    const named = checkProposedAmount({
      proposedFen: yuan(10_000),
      monthlyWageFen: WAGE,
      escalationThresholdFen: yuan(10_000),
      escalationBody: '党委政法委',
    })
    expect(named[0]?.message).toContain('须经党委政法委审批')
    const dflt = checkProposedAmount({
      proposedFen: yuan(10_000),
      monthlyWageFen: WAGE,
      escalationThresholdFen: yuan(10_000),
    })
    expect(dflt[0]?.message).toContain('检察委员会、检察长办公会或党组会')
  })

  it('uses the rule texts of the rule set it is given', () => {
    const y2014 = builtInRuleSets[0]!
    const [f] = checkProposedAmount({
      proposedFen: CAP + 1,
      monthlyWageFen: WAGE,
      ruleSet: y2014,
      courtAwardCeilingFen: CAP + 1,
    })
    expect(f?.rule.source.document).toContain('关于建立完善国家司法救助制度的意见')
  })

  it('fills local parameters from the effective rules (example measures)', () => {
    const rules = applyLocalMeasures(builtInRuleSets.at(-1)!, exampleLocalMeasures)
    const input = amountCheckInputFrom(rules, { proposedFen: yuan(60_000), monthlyWageFen: WAGE })
    expect(input).toMatchObject({
      months: 36,
      perCaseMaxFen: 5_000_000,
      floorFen: 300_000,
      escalationThresholdFen: 1_000_000,
      escalationBody: '检察长办公会或党组会',
    })
    const fs = checkProposedAmount(input)
    expect(codes(fs)).toEqual(['warning:amount.over-local-max', 'blocking:amount.escalation-needed'])
    expect(fs[1]?.message).toContain('检察长办公会或党组会')
    expect(fs[0]?.rule.text).toContain(exampleLocalMeasures.title)
    expect(fs[0]?.rule.source.note).toContain('S28')
  })

  it.each<[Partial<AmountCheckInput>]>([
    [{ proposedFen: 100.5 }],
    [{ monthlyWageFen: -1 }],
    [{ courtAwardCeilingFen: 1.5 }],
    [{ perCaseMaxFen: -5 }],
    [{ floorFen: Number.NaN }],
    [{ escalationThresholdFen: 0.1 }],
  ])('throws RangeError on invalid numbers %o', (patch) => {
    expect(() => checkProposedAmount({ ...base, ...patch })).toThrow(RangeError)
  })

  it('property: any amount from 1 fen to the cap, with no local measures, has no finding at all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (wage, t) => {
        const cap = assistanceCap({ monthlyWageFen: wage })
        const proposedFen = Math.max(1, Math.floor(cap * t))
        return checkProposedAmount({ proposedFen, monthlyWageFen: wage }).length === 0
      }),
    )
  })

  it('property: above the cap there is always a blocking finding unless approval and a sufficient ceiling exist', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 500_000_000 }), { nil: undefined }),
        (wage, excess, withApproval, ceiling) => {
          const proposedFen = assistanceCap({ monthlyWageFen: wage }) + excess
          const fs = checkProposedAmount({
            proposedFen,
            monthlyWageFen: wage,
            overCapApproval: withApproval ? approval : null,
            courtAwardCeilingFen: ceiling,
          })
          const ok = withApproval && ceiling !== undefined && proposedFen <= ceiling
          return ok ? blocking(fs).length === 0 : blocking(fs).length > 0
        },
      ),
    )
  })

  it('property: adding an approval never adds a blocking finding', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 100_000_000 }),
        fc.integer({ min: 0, max: 2_000_000 }),
        fc.option(fc.integer({ min: 0, max: 100_000_000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: undefined }),
        (proposedFen, wage, ceiling, threshold) => {
          const input = {
            proposedFen,
            monthlyWageFen: wage,
            courtAwardCeilingFen: ceiling,
            escalationThresholdFen: threshold,
          }
          const before = blocking(checkProposedAmount(input)).length
          const after = blocking(
            checkProposedAmount({ ...input, overCapApproval: approval, escalationApproval: approval }),
          ).length
          return after <= before
        },
      ),
    )
  })
})

describe('amountComputationRecord (docs/domain-reference.md §4 suggested record)', () => {
  it('records B, months, the cap and the proposal; the ceiling only when over the cap', () => {
    const r = amountComputationRecord({
      ruleSetId: '2021-xize',
      wageYear: 2024,
      wageRegionCode: '320000',
      monthlyWageFen: WAGE,
      wageSeries: '职工',
      proposedFen: yuan(30_000),
      courtAwardCeilingFen: yuan(500_000),
      overCapApproval: approval(),
      factorsText: '重伤二级；无过错；家庭无其他收入；加害人已赔偿 2,000.00元',
    })
    expect(r).toEqual({
      ruleSetId: '2021-xize',
      wageYear: 2024,
      wageRegionCode: '320000',
      wageSeries: '职工',
      wageFallbacks: [],
      baseMonthlyWageFen: 800_000,
      monthsFactor: 36,
      computedCapFen: 28_800_000,
      proposedFen: 3_000_000,
      overCapFlag: false,
      overCapApprovalRef: null,
      overCapApprovalBody: null,
      courtAwardCeilingFen: null,
      factorsText: '重伤二级；无过错；家庭无其他收入；加害人已赔偿 2,000.00元',
      formula: '36 × 8,000.00元 = 288,000.00元',
    })
  })

  it('over the cap it keeps the approval and the court-award ceiling', () => {
    const r = amountComputationRecord({
      wageYear: 2023,
      wageRegionCode: '320000',
      monthlyWageFen: WAGE,
      wageFallbacks: ['earlier-year'],
      proposedFen: yuan(300_000),
      courtAwardCeilingFen: yuan(320_000),
      overCapApproval: approval(),
      factorsText: '损失特别重大、生活特别困难',
    })
    expect(r).toMatchObject({
      ruleSetId: null,
      overCapFlag: true,
      overCapApprovalRef: '某检救审〔2025〕3号',
      overCapApprovalBody: '检察委员会',
      courtAwardCeilingFen: 32_000_000,
      wageFallbacks: ['earlier-year'],
    })
  })

  it('property: the record’s cap is months × B and the flag is proposed > cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3_000_000 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 200_000_000 }),
        (wage, months, proposedFen) => {
          const r = amountComputationRecord({
            wageYear: 2024,
            wageRegionCode: '110000',
            monthlyWageFen: wage,
            months,
            proposedFen,
            factorsText: '',
          })
          return r.computedCapFen === wage * months && r.overCapFlag === proposedFen > wage * months
        },
      ),
    )
  })

  function approval() {
    return { ref: '某检救审〔2025〕3号', body: '检察委员会' }
  }
})

describe('checkProposedAmount: the cap months follow the rule set given', () => {
  it('uses the rule set’s capMonths when months is not passed; an explicit months still wins', () => {
    const latest = builtInRuleSets.at(-1)!
    const ruleSet = { ...latest, amountRules: { ...latest.amountRules, capMonths: 24 } }
    const over = checkProposedAmount({ proposedFen: 24 * WAGE + 1, monthlyWageFen: WAGE, ruleSet })
    expect(codes(over)).toEqual(['blocking:amount.over-cap-no-approval', 'blocking:amount.court-ceiling-missing'])
    expect(over[0]!.message).toContain('超过 24 个月工资上限 192,000.00元')
    expect(checkProposedAmount({ proposedFen: 24 * WAGE, monthlyWageFen: WAGE, ruleSet })).toEqual([])
    expect(checkProposedAmount({ proposedFen: 24 * WAGE + 1, monthlyWageFen: WAGE, ruleSet, months: 36 })).toEqual([])
  })
})
