import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addWorkingDays,
  defaultCalendar,
  type HolidayCalendar,
  isWorkingDay,
  workingDaysBetween,
} from '../../../shared/domain/calendar'
import { addDays, compareDates } from '../../../shared/domain/dates'
import {
  type ApplicantKind,
  type ApplicationFacts,
  type Assessment,
  type AssessmentContext,
  assessApplication,
  type ExclusionFact,
  type MaterialReceipt,
  normaliseCaseNo,
  normalisePersonId,
  type PriorGrant,
  type RelationToVictim,
} from '../../../shared/domain/eligibility'
import type { Finding } from '../../../shared/domain/findings'
import {
  applyLocalMeasures,
  builtInRuleSets,
  type EffectiveRules,
  type ExclusionCode,
  exampleLocalMeasures,
  parseLocalMeasures,
  parseRuleSet,
  type RuleSet,
} from '../../../shared/domain/rulesets'

/*
 * assessApplication (shared/domain/eligibility.ts) against the three national rule sets, table-driven from the
 * examples of docs/domain-reference.md §3 (base rule, category items, exclusions, one-time rule), §5 states 3a/6 (补正, decision
 * limit) and §6 (materials, proof of hardship, 补正 fields), with property tests where a law-like statement holds.
 */

const byId = (id: string): RuleSet => {
  const s = builtInRuleSets.find((r) => r.id === id)
  if (!s) throw new Error(`no rule set ${id}`)
  return s
}
const y2014 = byId('2014-yijian')
const x2016 = byId('2016-xize')
const x2021 = byId('2021-xize')
const sets = { '2014': y2014, '2016': x2016, '2021': x2021 } as const
type SetKey = keyof typeof sets

/** An application date on which each rule set is the one in force. */
const inForceOn: Record<SetKey, string> = { '2014': '2015-06-01', '2016': '2018-06-04', '2021': '2025-03-03' }

const ID = '11010519491231002X' // docs/domain-reference.md §10.4 test vector
const ID_15 = '110105491231002' // the same person's 15-digit legacy number
const OTHER_ID = '31010819840330008X'
const CASE_NO = '京朝检刑诉〔2025〕123号'

const ALWAYS = ['application', 'identity', 'harmProof', 'hardshipProof', 'compensationStatement'] as const
const received = (on: string, codes: readonly MaterialReceipt['code'][] = ALWAYS): MaterialReceipt[] =>
  codes.map((code) => ({ code, received: true, receivedOn: on }))

/** A complete, clean application of a seriously injured crime victim whose offender cannot pay (2021 art. 7(1)). */
function facts(patch: Partial<ApplicationFacts> = {}, key: SetKey = '2021'): ApplicationFacts {
  const applicationDate = patch.applicationDate ?? inForceOn[key]
  return {
    caseId: 'case-1',
    applicationDate,
    applicantKind: 'natural-person',
    applicantIdNumber: ID,
    relationToVictim: 'self',
    criminalCase: true,
    capacity: { kind: 'self' },
    linkedToProcuratorateCase: true,
    underlyingCaseNo: CASE_NO,
    harm: { seriousInjury: true },
    offender: { unableToPay: true },
    hardship: { urgent: true, proofPresent: true },
    materials: received(applicationDate),
    ...patch,
  }
}

function ctx(patch: Partial<AssessmentContext> = {}, applicationDate = inForceOn['2021']): AssessmentContext {
  return { today: addDays(applicationDate, 2), priorGrants: [], ...patch }
}

function assess(key: SetKey, patch: Partial<ApplicationFacts> = {}, ctxPatch: Partial<AssessmentContext> = {}) {
  const f = facts(patch, key)
  return assessApplication(f, sets[key], ctx(ctxPatch, f.applicationDate))
}

const codes = (a: Assessment | Finding[]) => ('findings' in a ? a.findings : a).map((f) => `${f.severity}:${f.code}`)
const items = (a: Assessment) => a.matchedItems.map((m) => m.itemCode)
const find = (a: Assessment, code: string) => a.findings.find((f) => f.code === code)
const has = (a: Assessment, code: string) => a.findings.some((f) => f.code === code)
const blocking = (a: Assessment) => a.findings.filter((f) => f.severity === 'blocking').map((f) => f.code)

describe('a complete, clean application', () => {
  it('is eligible under the 2021 细则 with one info finding naming art. 7(1) and why', () => {
    const a = assess('2021')
    expect(a.eligible).toBe(true)
    expect(codes(a)).toEqual(['info:eligibility.item-matched'])
    expect(a.matchedItems).toEqual([
      {
        itemCode: '2021-7-1',
        why: '被害人重伤，加害人没有赔偿能力或赔偿能力不足，损害由犯罪行为造成（刑事案件被害人），生活面临急迫困难',
      },
    ])
    const f = a.findings[0]!
    expect(f.message).toBe(
      '符合救助情形“重伤或严重残疾”（2021-7-1）：被害人重伤，加害人没有赔偿能力或赔偿能力不足，损害由犯罪行为造成（刑事案件被害人），生活面临急迫困难。',
    )
    expect(f.rule.source).toMatchObject({ article: '第七条第（一）项', confidence: 'H' })
    expect(a.exclusions).toEqual([])
    expect(a.deadlines).toEqual({ isAbandoned: false, decideBy: '2025-03-17', calendarFallbackYears: [] })
  })

  it('accepts the rule set with local measures merged (EffectiveRules) and gives the same result', () => {
    const f = facts()
    expect(assessApplication(f, applyLocalMeasures(x2021), ctx())).toEqual(assessApplication(f, x2021, ctx()))
  })

  it.each<[SetKey, string]>([
    ['2014', '2014-1'],
    ['2016', '2016-7-1'],
  ])('is eligible under the %s rules as well (%s)', (key, item) => {
    const a = assess(key)
    expect(a.eligible).toBe(true)
    expect(items(a)).toEqual([item])
  })
})

describe('category items: what matches and why (docs/domain-reference.md §3.2–§3.4)', () => {
  type Row = [SetKey, string, Partial<ApplicationFacts>, string[], string[]?]
  const rows: Row[] = [
    // 2014 意见 (§3.2)
    [
      '2014',
      '(1) serious injury, case unsolved',
      { harm: { seriousInjury: true }, offender: { unknownOrUnsolved: true } },
      ['2014-1'],
      ['被害人重伤', '案件无法侦破'],
    ],
    [
      '2014',
      '(1) severe disability, offender dead',
      { harm: { severeDisability: true, disabilityGrade: 2 }, offender: { dead: true } },
      ['2014-1'],
      ['被害人严重残疾（伤残2级）', '加害人死亡'],
    ],
    [
      '2014',
      '(1) serious injury without one of the listed causes',
      { harm: { seriousInjury: true }, offender: {} },
      [],
    ],
    [
      '2014',
      '(2) life endangered, urgent treatment, cannot pay',
      { harm: { lifeEndangered: true, urgentTreatment: true, cannotAffordMedicalCosts: true }, offender: {} },
      ['2014-2'],
      ['危及生命', '急需救治', '无力承担医疗救治费用'],
    ],
    [
      '2014',
      '(2) injured and in urgent treatment, but life not endangered',
      { harm: { personalInjury: true, urgentTreatment: true, cannotAffordMedicalCosts: true }, offender: {} },
      [],
    ],
    [
      '2014',
      '(3) victim died, spouse applies, offender cannot pay',
      { relationToVictim: 'spouse', harm: { death: true }, offender: { unableToPay: true } },
      ['2014-3'],
      ['被害人死亡', '配偶（近亲属）'],
    ],
    [
      '2014',
      '(3) victim died, a dependant who is not a close relative applies',
      { relationToVictim: 'dependant', harm: { death: true }, offender: { unableToPay: true } },
      [],
    ],
    [
      '2014',
      '(4) major property loss, case unsolved',
      { harm: { majorPropertyLoss: true, propertyLossFen: 8_000_000 }, offender: { unknownOrUnsolved: true } },
      ['2014-4'],
      ['财产遭受重大损失'],
    ],
    [
      '2014',
      '(5) informant retaliated against (any authority), injured',
      { harm: { personalInjury: true, retaliation: { role: 'informant', forProcuratorate: false } }, offender: {} },
      ['2014-5'],
      ['因举报受到打击报复', '人身受到伤害', '无法通过诉讼获得赔偿'],
    ],
    [
      '2014',
      '(7) road-traffic accident with injury',
      { harm: { trafficAccident: true, personalInjury: true }, offender: {} },
      ['2014-7'],
      ['道路交通事故造成人身伤害'],
    ],
    [
      '2014',
      '(7) other civil tort with injury',
      { harm: { civilTort: true, personalInjury: true }, offender: {} },
      ['2014-7'],
      ['民事侵权行为造成人身伤害'],
    ],
    [
      '2014',
      '(7) civil tort with property loss only',
      { harm: { civilTort: true, majorPropertyLoss: true }, offender: {} },
      [],
    ],
    [
      '2014',
      '(8) other persons, with the reason stated',
      { harm: { personalInjury: true }, offender: {}, otherNeedReason: '家中唯一劳动力致残' },
      ['2014-8'],
      ['认为需要救助的理由：家中唯一劳动力致残'],
    ],
    [
      '2014',
      '(8) a blank reason is no reason',
      { harm: { personalInjury: true }, offender: {}, otherNeedReason: '  ' },
      [],
    ],
    [
      '2014',
      '信访: reasonable demand, no legal route, agrees to stop petitioning',
      { harm: {}, offender: {}, petition: { demandReasonable: true, agreesToStopPetitioning: true } },
      ['2014-xf'],
      ['信访诉求具有一定合理性', '通过法律途径难以解决', '愿意接受救助后息诉息访'],
    ],
    [
      '2014',
      '信访: the matter can be resolved by legal means',
      {
        harm: {},
        offender: {},
        petition: { demandReasonable: true, cannotBeResolvedLegally: false, agreesToStopPetitioning: true },
      },
      [],
    ],
    [
      '2014',
      '信访: does not agree to stop petitioning',
      { harm: {}, offender: {}, petition: { demandReasonable: true, agreesToStopPetitioning: false } },
      [],
    ],
    // 2016 细则 art. 7 (§3.3)
    ['2016', 'A: serious injury, offender cannot pay', {}, ['2016-7-1'], ['被害人重伤']],
    ['2016', 'A: an unsolved case is not among the 2016 causes', { offender: { unknownOrUnsolved: true } }, []],
    [
      '2016',
      'B: life endangered',
      { harm: { lifeEndangered: true, urgentTreatment: true, cannotAffordMedicalCosts: true }, offender: {} },
      ['2016-7-2'],
    ],
    [
      '2016',
      'B: injury without danger to life is not enough in 2016',
      { harm: { personalInjury: true, urgentTreatment: true, cannotAffordMedicalCosts: true }, offender: {} },
      [],
    ],
    [
      '2016',
      'C: victim died, a dependant applies',
      { relationToVictim: 'dependant', harm: { death: true }, offender: { dead: true } },
      ['2016-7-3'],
      ['申请人系被害人赡养、扶养、抚养的人'],
    ],
    [
      '2016',
      'C: lost working ability is not in the 2016 text',
      { relationToVictim: 'child', harm: { lostWorkingAbility: true }, offender: { dead: true } },
      [],
    ],
    [
      '2016',
      'C: a relative outside the close relatives and dependants',
      { relationToVictim: 'other', harm: { death: true }, offender: { dead: true } },
      [],
    ],
    [
      '2016',
      'D: major property loss, offender dead',
      { harm: { majorPropertyLoss: true }, offender: { dead: true } },
      ['2016-7-4'],
    ],
    [
      '2016',
      'E: witness retaliated against for testifying to the procuratorate',
      { harm: { majorPropertyLoss: true, retaliation: { role: 'witness', forProcuratorate: true } }, offender: {} },
      ['2016-7-5'],
      ['因作证受到打击报复', '系因向检察机关举报、作证或受检察机关委托鉴定'],
    ],
    [
      '2016',
      'E: retaliation for testifying elsewhere',
      { harm: { personalInjury: true, retaliation: { role: 'witness', forProcuratorate: false } }, offender: {} },
      [],
    ],
    [
      '2016',
      'F: traffic accident',
      { harm: { trafficAccident: true, seriousInjury: true }, offender: {} },
      ['2016-7-6'],
    ],
    [
      '2016',
      'G: other situations',
      { harm: { personalInjury: true }, offender: {}, otherNeedReason: '未成年被害人' },
      ['2016-7-7'],
    ],
    // 2021 细则 art. 7 (§3.4)
    [
      '2021',
      '(1) serious injury, case unsolved',
      { offender: { unknownOrUnsolved: true } },
      ['2021-7-1'],
      ['案件无法侦破'],
    ],
    [
      '2021',
      '(1) serious injury, prosecution time-barred (new in 2021)',
      { offender: { timeBarred: true } },
      ['2021-7-1'],
      ['已过追诉时效'],
    ],
    [
      '2021',
      '(1) severe disability, offender dead',
      { harm: { severeDisability: true }, offender: { dead: true } },
      ['2021-7-1'],
      ['被害人严重残疾，'],
    ],
    ['2021', '(1) no cause at all', { offender: {} }, []],
    [
      '2021',
      '(2) personal injury needing urgent treatment (life danger no longer required)',
      {
        harm: { personalInjury: true, urgentTreatment: true, cannotAffordMedicalCosts: true },
        offender: {},
        hardship: { urgent: false, proofPresent: true },
      },
      ['2021-7-2'],
      ['人身受到伤害', '急需救治'],
    ],
    [
      '2021',
      '(2) urgent treatment but affordable',
      { harm: { personalInjury: true, urgentTreatment: true }, offender: {} },
      [],
    ],
    [
      '2021',
      '(3) victim died, parent applies, time-barred',
      { relationToVictim: 'parent', harm: { death: true }, offender: { timeBarred: true } },
      ['2021-7-3'],
      ['被害人死亡', '父母（近亲属）', '已过追诉时效'],
    ],
    [
      '2021',
      '(3) victim lost the ability to work, child applies (new in 2021)',
      { relationToVictim: 'child', harm: { lostWorkingAbility: true }, offender: { unknownOrUnsolved: true } },
      ['2021-7-3'],
      ['被害人丧失劳动能力', '子女（近亲属）'],
    ],
    [
      '2021',
      '(3) victim died, sibling applies',
      { relationToVictim: 'sibling', harm: { death: true }, offender: { dead: true } },
      ['2021-7-3'],
      ['兄弟姐妹（近亲属）'],
    ],
    [
      '2021',
      '(4) major property loss, time-barred',
      { harm: { majorPropertyLoss: true }, offender: { timeBarred: true } },
      ['2021-7-4'],
    ],
    ['2021', '(4) major property loss, offender able to pay', { harm: { majorPropertyLoss: true }, offender: {} }, []],
    [
      '2021',
      '(5) appraiser retaliated against for a procuratorate appraisal',
      { harm: { personalInjury: true, retaliation: { role: 'appraiser', forProcuratorate: true } }, offender: {} },
      ['2021-7-5'],
      ['因鉴定受到打击报复'],
    ],
    [
      '2021',
      '(6) traffic accident with injury',
      { harm: { trafficAccident: true, personalInjury: true }, offender: {} },
      ['2021-7-6'],
    ],
    [
      '2021',
      '(7) other situations the procuratorate considers',
      { harm: { personalInjury: true }, offender: {}, otherNeedReason: '困难妇女' },
      ['2021-7-7'],
    ],
    [
      '2021',
      'several items at once: serious injury and urgent treatment',
      {
        harm: { seriousInjury: true, urgentTreatment: true, cannotAffordMedicalCosts: true },
        offender: { dead: true },
      },
      ['2021-7-1', '2021-7-2'],
    ],
  ]

  it.each(rows)('%s %s', (key, _name, patch, expected, why = []) => {
    const a = assess(key, patch)
    expect(items(a)).toEqual(expected)
    const text = a.matchedItems.map((m) => m.why).join('；')
    for (const w of why) expect(text).toContain(w)
    const matchedFindings = a.findings.filter((f) => f.code === 'eligibility.item-matched')
    expect(matchedFindings.map((f) => f.params?.item)).toEqual(expected)
    for (const f of matchedFindings) {
      const item = sets[key].categories.find((c) => c.code === f.params?.item)!
      expect(f.rule).toEqual({ text: item.text, source: item.source })
    }
  })

  const unmatched = rows.filter(([, , , expected]) => expected.length === 0)
  it('some of those rows match no item (the check below has cases)', () => {
    expect(unmatched.length).toBeGreaterThan(3)
  })
  it.each(unmatched)('%s %s: matching no item blocks, naming the rules', (key, _name, patch) => {
    const a = assess(key, patch)
    expect(codes(a)).toContain('blocking:eligibility.no-item-matched')
    expect(a.eligible).toBe(false)
    expect(find(a, 'eligibility.no-item-matched')?.message).toContain(sets[key].shortTitle)
  })

  it('the court-side maintenance item (2014 (6)) is recognised but is not a procuratorate item (§13 q.11)', () => {
    const a = assess('2014', { harm: { maintenanceUnpaid: true }, offender: {} })
    expect(items(a)).toEqual(['2014-6'])
    expect(codes(a)).toEqual([
      'blocking:eligibility.no-harm',
      'warning:eligibility.court-only-item',
      'blocking:eligibility.no-item-matched',
    ])
    expect(find(a, 'eligibility.court-only-item')?.message).toContain('人民法院的救助范围')
    expect(a.eligible).toBe(false)
  })

  it('a 2014 信访 applicant needs no injury or property loss: R0b is waived with a warning, not blocked', () => {
    const a = assess('2014', {
      harm: {},
      offender: {},
      petition: { demandReasonable: true, agreesToStopPetitioning: true },
    })
    expect(codes(a)).toEqual(['warning:eligibility.no-harm-waived', 'info:eligibility.item-matched'])
    expect(a.eligible).toBe(true)
    expect(find(a, 'eligibility.no-harm-waived')?.message).toContain('涉法涉诉信访人')
  })

  it('2021 art. 7(5) does not require that litigation failed: compensation obtained is a warning, not a block', () => {
    const patch: Partial<ApplicationFacts> = {
      harm: { personalInjury: true, retaliation: { role: 'informant', forProcuratorate: true } },
      offender: {},
      compensationObtainedViaLitigation: true,
    }
    const a2021 = assess('2021', patch)
    expect(items(a2021)).toEqual(['2021-7-5'])
    expect(codes(a2021)).toEqual(['warning:eligibility.compensation-obtained-waived', 'info:eligibility.item-matched'])
    expect(a2021.eligible).toBe(true)
    const a2016 = assess('2016', patch)
    expect(items(a2016)).toEqual([])
    expect(blocking(a2016)).toEqual(['eligibility.compensation-obtained', 'eligibility.no-item-matched'])
  })
})

describe('刑事案件被害人 items need a crime; 民事侵权 items need a personal injury', () => {
  /** A civil tort (no crime) that caused a major property loss only; the tortfeasor cannot pay; urgent hardship. */
  const civilPropertyLoss: Partial<ApplicationFacts> = {
    criminalCase: false,
    harm: { civilTort: true, majorPropertyLoss: true, propertyLossFen: 8_000_000 },
    offender: { unableToPay: true },
  }

  it.each<[SetKey, string, string]>([
    ['2021', '2021 细则 第七条（四）', '2021-7-4'],
    ['2016', '2016 细则 第七条（四）', '2016-7-4'],
    ['2014', '2014 意见 救助对象（四）', '2014-4'],
  ])('%s: 民事侵权造成的财产损失不属于刑事案件被害人救助情形（%s）', (key, _source, item) => {
    const a = assess(key, civilPropertyLoss)
    expect(items(a)).toEqual([])
    expect(items(a)).not.toContain(item)
    expect(blocking(a)).toEqual(['eligibility.no-item-matched'])
    expect(a.eligible).toBe(false)
    // The same loss caused by a crime is the item.
    const crime = assess(key, { ...civilPropertyLoss, criminalCase: true, harm: { majorPropertyLoss: true } })
    expect(items(crime)).toEqual([item])
    expect(crime.matchedItems[0]?.why).toContain('损害由犯罪行为造成（刑事案件被害人）')
  })

  it.each<[SetKey, string, string]>([
    ['2021', '2021 细则 第七条（六）', '2021-7-6'],
    ['2016', '2016 细则 第七条（六）', '2016-7-6'],
    ['2014', '2014 意见 救助对象（七）', '2014-7'],
  ])('%s: 民事侵权、交通事故只有造成人身伤害的才属救助情形，单纯财产损失不属于（%s）', (key, _source, item) => {
    for (const harm of [
      { civilTort: true, majorPropertyLoss: true },
      { trafficAccident: true, majorPropertyLoss: true },
    ]) {
      expect(items(assess(key, { criminalCase: false, harm, offender: {} }))).toEqual([])
      expect(items(assess(key, { criminalCase: false, harm, offender: { unableToPay: true } }))).toEqual([])
      expect(
        items(assess(key, { criminalCase: false, harm: { ...harm, personalInjury: true }, offender: {} })),
      ).toEqual([item])
    }
  })

  // For each criminal-victim item: facts that match it as a crime, which must not match it without one.
  const crimeRows: [SetKey, string, string, Partial<ApplicationFacts>][] = [
    ['2014', '2014 意见 救助对象（一）', '2014-1', { harm: { seriousInjury: true }, offender: { dead: true } }],
    [
      '2014',
      '2014 意见 救助对象（二）',
      '2014-2',
      { harm: { lifeEndangered: true, urgentTreatment: true, cannotAffordMedicalCosts: true }, offender: {} },
    ],
    ['2014', '2014 意见 救助对象（三）', '2014-3', { relationToVictim: 'spouse', harm: { death: true } }],
    ['2014', '2014 意见 救助对象（四）', '2014-4', { harm: { majorPropertyLoss: true } }],
    ['2016', '2016 细则 第七条（一）', '2016-7-1', { harm: { severeDisability: true } }],
    [
      '2016',
      '2016 细则 第七条（二）',
      '2016-7-2',
      { harm: { lifeEndangered: true, urgentTreatment: true, cannotAffordMedicalCosts: true }, offender: {} },
    ],
    ['2016', '2016 细则 第七条（三）', '2016-7-3', { relationToVictim: 'dependant', harm: { death: true } }],
    ['2016', '2016 细则 第七条（四）', '2016-7-4', { harm: { majorPropertyLoss: true } }],
    ['2021', '2021 细则 第七条（一）', '2021-7-1', { harm: { seriousInjury: true }, offender: { timeBarred: true } }],
    [
      '2021',
      '2021 细则 第七条（二）',
      '2021-7-2',
      { harm: { personalInjury: true, urgentTreatment: true, cannotAffordMedicalCosts: true }, offender: {} },
    ],
    ['2021', '2021 细则 第七条（三）', '2021-7-3', { relationToVictim: 'child', harm: { lostWorkingAbility: true } }],
    ['2021', '2021 细则 第七条（四）', '2021-7-4', { harm: { majorPropertyLoss: true } }],
  ]

  it.each(crimeRows)('%s %s (%s): 只适用于刑事案件被害人', (key, _source, item, patch) => {
    expect(items(assess(key, { ...patch, criminalCase: true }))).toContain(item)
    expect(items(assess(key, { ...patch, criminalCase: false }))).not.toContain(item)
    expect(items(assess(key, { ...patch, criminalCase: undefined }))).not.toContain(item)
    const civil = { ...patch, criminalCase: false, harm: { ...patch.harm, civilTort: true } }
    expect(items(assess(key, civil))).not.toContain(item)
  })

  it('every criminal-victim item of the three rule sets requires criminalVictim in its data', () => {
    for (const rs of [y2014, x2016, x2021]) {
      for (const c of rs.categories) {
        expect(c.match.all.includes('criminalVictim'), c.code).toBe(c.kind === 'criminal-victim')
      }
    }
  })

  it('an older rule set without the criminalVictim condition (from a standards bundle) still parses and still requires a crime for its criminal-victim items', () => {
    const older = structuredClone(x2021)
    for (const c of older.categories) c.match.all = c.match.all.filter((x) => x !== 'criminalVictim')
    const parsed = parseRuleSet(JSON.parse(JSON.stringify(older)))
    expect(parsed.categories.find((c) => c.code === '2021-7-4')?.match.all).toEqual(['majorPropertyLoss', 'hardship'])
    const f = facts(civilPropertyLoss)
    expect(assessApplication(f, parsed, ctx()).matchedItems).toEqual([])
    const crime = facts({ ...civilPropertyLoss, criminalCase: true })
    const matched = assessApplication(crime, parsed, ctx()).matchedItems
    expect(matched).toEqual(assessApplication(crime, x2021, ctx()).matchedItems)
    expect(matched.map((m) => m.itemCode)).toEqual(['2021-7-4'])
  })
})

describe('base rule R0a–R0e (docs/domain-reference.md §3.1)', () => {
  it.each<[string, Partial<ApplicationFacts>, string, string]>([
    [
      'R0a: hardship unrelated to a procuratorate case → social-assistance referral',
      { linkedToProcuratorateCase: false },
      'eligibility.no-case-link',
      'R0a',
    ],
    [
      'R0a: the link not established counts as absent',
      { linkedToProcuratorateCase: undefined },
      'eligibility.no-case-link',
      'R0a',
    ],
    ['R0b: no injury or major property loss', { harm: {}, otherNeedReason: '其他' }, 'eligibility.no-harm', 'R0b'],
    [
      'R0c: effective compensation obtained through litigation',
      { compensationObtainedViaLitigation: true },
      'eligibility.compensation-obtained',
      'R0c',
    ],
    ['R0d: no urgent hardship', { hardship: { urgent: false, proofPresent: true } }, 'eligibility.no-hardship', 'R0d'],
  ])('%s', (_name, patch, code, rule) => {
    for (const key of ['2014', '2016', '2021'] as const) {
      const a = assess(key, patch)
      const f = find(a, code)
      expect(f?.severity, key).toBe('blocking')
      const base = sets[key].baseRules.find((b) => b.code === rule)!
      expect(f?.rule).toEqual({ text: base.text, source: base.source })
      expect(a.eligible).toBe(false)
    }
  })

  it('R0a message points to social assistance; R0d is met by an unaffordable urgent treatment', () => {
    expect(find(assess('2021', { linkedToProcuratorateCase: false }), 'eligibility.no-case-link')?.message).toContain(
      '社会救助',
    )
    const a = assess('2021', {
      hardship: { urgent: false, proofPresent: true },
      harm: { personalInjury: true, urgentTreatment: true, cannotAffordMedicalCosts: true },
      offender: {},
    })
    expect(has(a, 'eligibility.no-hardship')).toBe(false)
    expect(a.eligible).toBe(true)
  })

  it('R0e: 户籍 plays no part — every rule set says so and the facts have no residence field', () => {
    for (const s of builtInRuleSets) expect(s.baseRules.find((b) => b.code === 'R0e')?.text).toContain('不论其户籍')
    const withResidence = { ...facts(), residenceRegionCode: '469002' } as ApplicationFacts
    expect(assessApplication(withResidence, x2021, ctx())).toEqual(assessApplication(facts(), x2021, ctx()))
  })
})

describe('exclusions X1–X6 soft, X7 hard where listed (docs/domain-reference.md §3.5)', () => {
  const SOFT = ['X1', 'X2', 'X3', 'X4', 'X5', 'X6'] as const
  const excl = (code: ExclusionCode, fact: Partial<ExclusionFact> = {}) => ({
    exclusions: { [code]: { applies: true, evidence: '被害人先动手殴打他人', ...fact } },
  })
  const cases = (['2014', '2016', '2021'] as const).flatMap((k) => SOFT.map((c) => [k, c] as const))

  it.each(cases)('%s %s applies: “一般不予救助” → needs an override with a stated reason', (key, code) => {
    const a = assess(key, excl(code))
    expect(a.eligible).toBe('needs-override')
    expect(a.exclusions).toHaveLength(1)
    expect(a.exclusions[0]).toMatchObject({ code, kind: 'soft', status: 'pending-override' })
    const f = find(a, 'eligibility.exclusion-soft')!
    expect(f.severity).toBe('warning')
    expect(f.message).toContain('一般不予救助')
    expect(f.message).toContain('被害人先动手殴打他人')
    expect(f.message).toContain('须由审批人写明理由')
    const rule = sets[key].exclusions.find((e) => e.code === code)!
    expect(f.rule).toEqual({ text: rule.text, source: rule.source })
  })

  it.each(cases)('%s %s overridden with a reason → eligible, and the override is on record', (key, code) => {
    const a = assess(key, excl(code, { override: { reason: ' 过错轻微，且家庭极端困难 ', by: '王检察长' } }))
    expect(a.eligible).toBe(true)
    expect(a.exclusions[0]).toMatchObject({
      status: 'overridden',
      override: { reason: '过错轻微，且家庭极端困难', by: '王检察长' },
    })
    const f = find(a, 'eligibility.exclusion-overridden')!
    expect(f.severity).toBe('info')
    expect(f.message).toContain('王检察长已说明理由')
    expect(f.message).toContain('过错轻微，且家庭极端困难')
  })

  it.each(['', '   ', '\n\t'])('an override with the blank reason %j does not count', (reason) => {
    const a = assess('2021', excl('X4', { override: { reason, by: '王检察长' } }))
    expect(a.eligible).toBe('needs-override')
    expect(a.exclusions[0]?.status).toBe('pending-override')
    expect(codes(a)).toContain('warning:eligibility.override-reason-missing')
  })

  it('an override without a name is attributed to “审批人”; missing evidence is said to be missing', () => {
    const a = assess('2021', excl('X6', { evidence: ' ', override: { reason: '低保金额远不足以维持生活', by: '' } }))
    expect(find(a, 'eligibility.exclusion-overridden')?.message).toContain('审批人已说明理由')
    expect(a.exclusions[0]?.evidence).toBe('（未写明依据）')
  })

  it('a fact that does not apply is ignored', () => {
    const a = assess('2021', { exclusions: { X1: { applies: false, evidence: '' } } })
    expect(a.exclusions).toEqual([])
    expect(a.eligible).toBe(true)
  })

  it('several soft exclusions: eligible only when every one is overridden', () => {
    const ov = { reason: '理由', by: '检察长' }
    const one = assess('2021', {
      exclusions: { X1: { applies: true, evidence: 'a', override: ov }, X5: { applies: true, evidence: 'b' } },
    })
    expect(one.eligible).toBe('needs-override')
    const both = assess('2021', {
      exclusions: {
        X1: { applies: true, evidence: 'a', override: ov },
        X5: { applies: true, evidence: 'b', override: ov },
      },
    })
    expect(both.eligible).toBe(true)
  })

  it('a pending soft exclusion does not hide a blocking finding: eligible is false', () => {
    const a = assess('2021', { ...excl('X2'), linkedToProcuratorateCase: false })
    expect(a.eligible).toBe(false)
  })

  it.each<[SetKey, 'legal-person' | 'organisation']>([
    ['2014', 'legal-person'],
    ['2014', 'organisation'],
    ['2016', 'legal-person'],
    ['2016', 'organisation'],
  ])('%s: a %s applicant is a hard block (X7), found from the applicant kind alone', (key, applicantKind) => {
    const a = assess(key, { applicantKind })
    expect(a.eligible).toBe(false)
    expect(a.exclusions).toEqual([
      expect.objectContaining({ code: 'X7', kind: 'hard', status: 'hard', evidence: '申请人为法人或其他组织' }),
    ])
    expect(find(a, 'eligibility.exclusion-hard')?.message).toBe(
      '具有“申请人为法人或其他组织”情形（X7），不予救助：申请人为法人或其他组织。',
    )
  })

  it('X7 cannot be overridden, even with a reason', () => {
    const a = assess('2016', {
      applicantKind: 'legal-person',
      exclusions: { X7: { applies: true, evidence: '申请人为公司', override: { reason: '小微企业', by: '检察长' } } },
    })
    expect(a.eligible).toBe(false)
    expect(codes(a)).toEqual(
      expect.arrayContaining(['blocking:eligibility.exclusion-hard', 'warning:eligibility.override-not-allowed']),
    )
    expect(a.exclusions[0]?.status).toBe('hard')
    expect(a.exclusions[0]?.override).toBeUndefined()
  })

  it.each<ApplicantKind>(['legal-person', 'organisation'])(
    '2021 细则 第八条未列 X7（§13 q.5）: %s 申请仍不予救助，援引 2016 细则 第八条“对法人、其他组织不予救助”',
    (applicantKind) => {
      const a = assess('2021', { applicantKind })
      expect(codes(a)).toEqual(['info:eligibility.item-matched', 'blocking:eligibility.legal-person-unlisted'])
      expect(a.eligible).toBe(false)
      expect(a.exclusions).toEqual([
        expect.objectContaining({ code: 'X7', kind: 'hard', status: 'hard', evidence: '申请人为法人或其他组织' }),
      ])
      const f = find(a, 'eligibility.legal-person-unlisted')!
      expect(f.message).toBe(
        '申请人为法人或其他组织（X7），不予救助，也不能例外决定：申请人为法人或其他组织。“2021年细则”所列不予救助情形中未见此项（待核实），依据《人民检察院国家司法救助工作细则（试行）》第八条“对法人、其他组织不予救助”的规定，国家司法救助只救助自然人。',
      )
      expect(f.rule).toEqual({
        text: '对法人、其他组织不予救助。',
        source: x2016.exclusions.find((e) => e.code === 'X7')!.source,
      })
    },
  )

  it('2021 细则: a recorded X7 fact blocks too, and an override of it is refused (not “exclusion-not-listed”)', () => {
    const a = assess('2021', {
      applicantKind: 'natural-person',
      exclusions: { X7: { applies: true, evidence: '实为公司申请', override: { reason: '小微企业', by: '检察长' } } },
    })
    expect(a.eligible).toBe(false)
    expect(codes(a)).toEqual([
      'info:eligibility.item-matched',
      'blocking:eligibility.legal-person-unlisted',
      'warning:eligibility.override-not-allowed',
    ])
    expect(a.exclusions).toEqual([expect.objectContaining({ code: 'X7', status: 'hard', evidence: '实为公司申请' })])
    expect(a.exclusions[0]?.override).toBeUndefined()
  })

  it('2021 细则 alone known (no earlier rule set to cite): X7 still blocks, citing the 2014 意见’s words', () => {
    const a = assess('2021', { applicantKind: 'organisation' }, { ruleSets: [x2021] })
    expect(a.eligible).toBe(false)
    expect(find(a, 'eligibility.legal-person-unlisted')?.message).toContain(
      '依据《关于建立完善国家司法救助制度的意见（试行）》“对法人、其他组织不予救助”的规定',
    )
  })

  it('2016 X8 (catch-all, L) is soft; under 2021 it is not listed and is only reported', () => {
    const x8 = { exclusions: { X8: { applies: true, evidence: '其他情形' } } }
    const a2016 = assess('2016', x8)
    expect(a2016.eligible).toBe('needs-override')
    expect(a2016.exclusions[0]).toMatchObject({ code: 'X8', kind: 'soft' })
    const a2021 = assess('2021', x8)
    expect(a2021.eligible).toBe(true)
    expect(codes(a2021)).toContain('warning:eligibility.exclusion-not-listed')
    expect(find(a2021, 'eligibility.exclusion-not-listed')?.message).toContain('X8')
  })
})

describe('one-time rule: same person, same underlying case, granted anywhere known (docs/domain-reference.md §3.5, §4)', () => {
  const grant = (patch: Partial<PriorGrant> = {}): PriorGrant => ({
    personIdNumber: ID,
    underlyingCaseNo: CASE_NO,
    unitCode: '110105',
    unitName: '北京市朝阳区人民检察院',
    caseId: 'other-case',
    decidedOn: '2024-11-20',
    ...patch,
  })
  const withGrants = (priorGrants: PriorGrant[], patch: Partial<ApplicationFacts> = {}) =>
    assess('2021', patch, { priorGrants })

  it('a grant by another office for the same person and case blocks, naming the office, date and case', () => {
    const a = withGrants([grant()])
    expect(a.eligible).toBe(false)
    const f = find(a, 'eligibility.one-time')!
    expect(f.severity).toBe('blocking')
    expect(f.message).toBe(
      `该申请人已于 2024-11-20 由北京市朝阳区人民检察院（110105）就案件 ${CASE_NO} 获得救助（救助案件 other-case）。同一案件的同一救助对象只救助一次。`,
    )
    expect(f.rule).toEqual(x2021.oneTimeRule)
  })

  it.each<[string, Partial<PriorGrant>, Partial<ApplicationFacts>]>([
    ['case number with half-width brackets', { underlyingCaseNo: '京朝检刑诉(2025)123号' }, {}],
    ['case number with full-width digits and spaces', { underlyingCaseNo: ' 京朝检刑诉〔２０２５〕 １２３号 ' }, {}],
    ['case number with square brackets', { underlyingCaseNo: '京朝检刑诉[2025]123号' }, {}],
    ['ID with a lower-case x', { personIdNumber: ID.toLowerCase() }, {}],
    ['the prior grant under the 15-digit legacy number', { personIdNumber: ID_15 }, {}],
    ['the application under the 15-digit legacy number', {}, { applicantIdNumber: ID_15 }],
    ['ID with inner spaces', { personIdNumber: '110105 19491231 002X' }, {}],
    ['a passport number in another case', { personIdNumber: 'e12345678' }, { applicantIdNumber: 'E12345678' }],
    ['no unit name recorded', { unitName: undefined }, {}],
  ])('still the same person and case: %s', (_name, g, patch) => {
    const a = withGrants([grant(g)], patch)
    expect(blocking(a)).toEqual(['eligibility.one-time'])
  })

  it('without a unit name the unit code is shown', () => {
    expect(find(withGrants([grant({ unitName: undefined })]), 'eligibility.one-time')?.message).toContain('由110105就')
  })

  it('the same grant known twice (own data and a replica) gives one finding', () => {
    const a = withGrants([grant(), grant({ unitName: '朝阳区院' })])
    expect(a.findings.filter((f) => f.code === 'eligibility.one-time')).toHaveLength(1)
  })

  it('two different earlier grants give two findings', () => {
    const a = withGrants([grant(), grant({ caseId: 'third-case', unitCode: '110000', unitName: '北京市人民检察院' })])
    expect(a.findings.filter((f) => f.code === 'eligibility.one-time')).toHaveLength(2)
  })

  it('the grant of this very case is not a prior grant', () => {
    expect(withGrants([grant({ caseId: 'case-1' })]).eligible).toBe(true)
  })

  it('without a case id every matching grant counts', () => {
    expect(withGrants([grant({ caseId: 'case-1' })], { caseId: undefined }).eligible).toBe(false)
  })

  it('the same person in another case may be assisted again', () => {
    const a = withGrants([grant({ underlyingCaseNo: '京朝检刑诉〔2023〕9号' })])
    expect(a.eligible).toBe(true)
    expect(codes(a)).toEqual(['info:eligibility.item-matched'])
  })

  it('another person in the same case: info, so the reviewer can check for a family grant twice', () => {
    const a = withGrants([
      grant({ personIdNumber: OTHER_ID }),
      grant({ personIdNumber: OTHER_ID, unitName: 'replica' }),
      grant({ personIdNumber: 'G12345678', caseId: 'x' }),
    ])
    expect(a.eligible).toBe(true)
    const f = find(a, 'eligibility.same-case-other-person')!
    expect(f.severity).toBe('info')
    expect(f.params?.count).toBe(2)
    expect(f.message).toContain('2 人次')
  })

  it.each<[string, Partial<ApplicationFacts>, string]>([
    ['no ID number', { applicantIdNumber: undefined }, '缺少申请人身份证号码，'],
    ['a blank ID number', { applicantIdNumber: '  ' }, '缺少申请人身份证号码，'],
    ['no underlying case number', { underlyingCaseNo: undefined }, '缺少原案件编号，'],
    ['neither', { applicantIdNumber: '', underlyingCaseNo: '' }, '缺少申请人身份证号码和原案件编号，'],
  ])('cannot be checked with %s: a warning, never a silent pass', (_name, patch, text) => {
    const a = withGrants([grant()], patch)
    const f = find(a, 'eligibility.one-time-unchecked')!
    expect(f.severity).toBe('warning')
    expect(f.message.startsWith(text)).toBe(true)
    expect(has(a, 'eligibility.one-time')).toBe(false)
  })

  it('normalisation helpers: case numbers and person IDs', () => {
    expect(normaliseCaseNo('京朝检刑诉（２０２５）１２３号')).toBe(normaliseCaseNo(CASE_NO))
    expect(normaliseCaseNo('x检x救【2024】1号')).toBe('X检X救〔2024〕1号')
    expect(normalisePersonId(ID_15)).toBe(ID)
    expect(normalisePersonId(' １１０１０５１９４９１２３１００２ｘ ')).toBe(ID)
    expect(normalisePersonId('g1234567')).toBe('G1234567')
  })
})

describe('materials (docs/domain-reference.md §6 checklist; S7, S8)', () => {
  const missingItems = (a: Assessment) => find(a, 'eligibility.materials-missing')?.params?.items

  it('nothing received: the five always-required items, in checklist order', () => {
    const a = assess('2021', { materials: undefined, hardship: { urgent: true } })
    expect(missingItems(a)).toBe(
      '救助申请书或口头申请笔录、身份证明、实际损害结果证明、生活困难证明、已获赔偿或救助情况说明',
    )
    expect(find(a, 'eligibility.materials-missing')?.severity).toBe('warning')
    expect(find(a, 'eligibility.materials-missing')?.rule).toEqual(x2021.materialsRule)
  })

  it.each<[string, Partial<ApplicationFacts>, string | undefined]>([
    ['all received', {}, undefined],
    [
      'an item listed but not received',
      {
        materials: [...received('2025-03-03', ALWAYS.slice(0, 4)), { code: 'compensationStatement', received: false }],
      },
      '已获赔偿或救助情况说明',
    ],
    [
      'proof of hardship: the applicant could not get it and the procuratorate obtains it (S8)',
      {
        materials: received('2025-03-03', ['application', 'identity', 'harmProof', 'compensationStatement']),
        hardship: { urgent: true, procuratorateObtainsProof: true },
      },
      undefined,
    ],
    [
      'proof of hardship flagged as present',
      {
        materials: received('2025-03-03', ['application', 'identity', 'harmProof', 'compensationStatement']),
        hardship: { urgent: true, proofPresent: true },
      },
      undefined,
    ],
    [
      'proof of hardship neither received nor obtained',
      {
        materials: received('2025-03-03', ['application', 'identity', 'harmProof', 'compensationStatement']),
        hardship: { urgent: true },
      },
      '生活困难证明',
    ],
    ['a close relative applies: proof of relationship', { relationToVictim: 'spouse' }, '亲属或法定代理关系证明'],
    [
      'a close relative with the proof recorded on the capacity',
      { relationToVictim: 'spouse', capacity: { kind: 'self', relationshipProof: true } },
      undefined,
    ],
    [
      'a legal representative applies for the victim: proof of relationship',
      { capacity: { kind: 'legal-representative' } },
      '亲属或法定代理关系证明',
    ],
    ['an entrusted agent applies: 授权委托书', { capacity: { kind: 'entrusted-agent' } }, '授权委托书'],
    [
      'an entrusted agent with the 授权委托书 received',
      { materials: received('2025-03-03', [...ALWAYS, 'powerOfAttorney']), capacity: { kind: 'entrusted-agent' } },
      undefined,
    ],
    [
      'an agent for a relative: both',
      { relationToVictim: 'child', capacity: { kind: 'entrusted-agent' } },
      '亲属或法定代理关系证明、授权委托书',
    ],
  ])('%s', (_name, patch, expected) => {
    expect(missingItems(assess('2021', patch))).toBe(expected)
  })

  it('“other materials” is never required', () => {
    expect(x2021.materials.find((m) => m.code === 'other')?.requiredWhen).toBe('optional')
    expect(has(assess('2021', { materials: received('2025-03-03') }), 'eligibility.materials-missing')).toBe(false)
  })

  it('missing materials alone do not make the applicant ineligible; they start the 补正 clock', () => {
    const a = assess('2021', { materials: received('2025-03-03', ['application', 'identity']) })
    expect(a.eligible).toBe(true)
    expect(a.deadlines.notifyIncompleteBy).toBe('2025-03-10')
  })
})

describe('补正: notice within 5 working days, 30 days to supply, deemed abandoned after (docs/domain-reference.md §5 3a; S8)', () => {
  const incomplete = (on: string) => received(on, ['application', 'identity', 'hardshipProof', 'compensationStatement'])
  const complete = (on: string) => received(on)

  type Row = [string, Partial<ApplicationFacts>, string, Record<string, unknown>, string[]]
  const rows: Row[] = [
    [
      'not yet notified, within the 5 working days (National Day counted as days off)',
      { applicationDate: '2025-09-26', materials: incomplete('2025-09-26') },
      '2025-09-30',
      { notifyIncompleteBy: '2025-10-10', decideBy: '2025-10-16', isAbandoned: false },
      ['info:eligibility.supplement-notice-due'],
    ],
    [
      'not yet notified on the last day of the 5 working days',
      { applicationDate: '2025-09-26', materials: incomplete('2025-09-26') },
      '2025-10-10',
      { notifyIncompleteBy: '2025-10-10' },
      ['info:eligibility.supplement-notice-due'],
    ],
    [
      'not notified and the 5 working days have passed',
      { applicationDate: '2025-09-26', materials: incomplete('2025-09-26') },
      '2025-10-13',
      { notifyIncompleteBy: '2025-10-10' },
      ['warning:eligibility.supplement-notice-overdue'],
    ],
    [
      'notified on the last permitted day: not late; 30 days end on a Sunday → Monday',
      { applicationDate: '2025-09-26', materials: incomplete('2025-09-26'), notifiedIncompleteOn: '2025-10-10' },
      '2025-10-20',
      { notifyIncompleteBy: '2025-10-10', supplementDueBy: '2025-11-10', abandonedAfter: '2025-11-10' },
      ['info:eligibility.supplement-awaiting'],
    ],
    [
      'notified one working day late',
      { applicationDate: '2025-09-26', materials: incomplete('2025-09-26'), notifiedIncompleteOn: '2025-10-13' },
      '2025-10-20',
      { supplementDueBy: '2025-11-12' },
      ['warning:eligibility.supplement-notice-late', 'info:eligibility.supplement-awaiting'],
    ],
    [
      'notified on the spot; 30 days end on an ordinary working day',
      { applicationDate: '2025-03-03', materials: incomplete('2025-03-03'), notifiedIncompleteOn: '2025-03-03' },
      '2025-03-20',
      { notifyIncompleteBy: '2025-03-10', supplementDueBy: '2025-04-02', isAbandoned: false },
      ['info:eligibility.supplement-awaiting'],
    ],
    [
      'the 30th day is 2025-10-01 (National Day): the period runs to 2025-10-09',
      { applicationDate: '2025-08-27', materials: incomplete('2025-08-27'), notifiedIncompleteOn: '2025-09-01' },
      '2025-10-09',
      { supplementDueBy: '2025-10-09', abandonedAfter: '2025-10-09', isAbandoned: false },
      ['info:eligibility.supplement-awaiting'],
    ],
    [
      'the day after the moved period end, nothing arrived: deemed abandoned',
      { applicationDate: '2025-08-27', materials: incomplete('2025-08-27'), notifiedIncompleteOn: '2025-09-01' },
      '2025-10-10',
      { supplementDueBy: '2025-10-09', isAbandoned: true },
      ['blocking:eligibility.abandoned'],
    ],
    [
      'supplied on the moved last day: in time, the decision clock starts then',
      {
        applicationDate: '2025-08-27',
        materials: complete('2025-08-27'),
        notifiedIncompleteOn: '2025-09-01',
        supplementReceivedOn: '2025-10-09',
      },
      '2025-10-10',
      { supplementDueBy: '2025-10-09', isAbandoned: false, decideBy: '2025-10-22' },
      [],
    ],
    [
      'supplied one day after the period: abandoned',
      {
        applicationDate: '2025-08-27',
        materials: complete('2025-08-27'),
        notifiedIncompleteOn: '2025-09-01',
        supplementReceivedOn: '2025-10-10',
      },
      '2025-10-10',
      { isAbandoned: true },
      ['blocking:eligibility.abandoned'],
    ],
    [
      'the 30th day is in the 2026 Spring Festival: the period runs to 2026-02-24',
      { applicationDate: '2026-01-14', materials: incomplete('2026-01-14'), notifiedIncompleteOn: '2026-01-20' },
      '2026-02-24',
      { supplementDueBy: '2026-02-24', isAbandoned: false },
      ['info:eligibility.supplement-awaiting'],
    ],
    [
      'the 30th day is a Sunday: the period runs to Monday',
      { applicationDate: '2025-11-05', materials: incomplete('2025-11-05'), notifiedIncompleteOn: '2025-11-07' },
      '2025-12-09',
      { supplementDueBy: '2025-12-08', isAbandoned: true },
      ['blocking:eligibility.abandoned'],
    ],
    [
      'the 30th day is in the 劳动节 holiday: the period runs to 2025-05-06',
      { applicationDate: '2025-04-01', materials: incomplete('2025-04-01'), notifiedIncompleteOn: '2025-04-03' },
      '2025-05-06',
      { supplementDueBy: '2025-05-06' },
      ['info:eligibility.supplement-awaiting'],
    ],
    [
      'materials complete after the notice but no supplement date: the latest receipt date stands for it',
      {
        applicationDate: '2025-08-27',
        materials: [...incomplete('2025-08-27'), { code: 'harmProof', received: true, receivedOn: '2025-09-19' }],
        notifiedIncompleteOn: '2025-09-01',
      },
      '2025-11-03',
      { isAbandoned: false, decideBy: '2025-10-10' },
      [],
    ],
    [
      'materials complete after the notice, no date anywhere: not called abandoned, but flagged',
      {
        applicationDate: '2025-08-27',
        materials: [...incomplete('2025-08-27'), { code: 'harmProof', received: true }],
        notifiedIncompleteOn: '2025-09-01',
      },
      '2025-11-03',
      { isAbandoned: false, supplementDueBy: '2025-10-09' },
      ['warning:eligibility.supplement-date-unknown'],
    ],
  ]

  it.each(rows)('%s', (_name, patch, today, expected, expectedCodes) => {
    const a = assess('2021', patch, { today })
    expect(a.deadlines).toMatchObject(expected)
    const deadlineCodes = codes(a).filter((c) => /supplement|abandoned/.test(c))
    expect(deadlineCodes).toEqual(expectedCodes)
    expect(a.eligible === false).toBe(a.deadlines.isAbandoned)
    // no date of abandonment without a 补正 due date
    const { supplementDueBy, abandonedAfter } = a.deadlines
    expect(supplementDueBy !== undefined || abandonedAfter === undefined, 'abandonedAfter without a due date').toBe(
      true,
    )
  })

  const awaited = rows.filter(([, patch]) => patch.notifiedIncompleteOn && !patch.supplementReceivedOn)
  it.each(awaited)(
    '%s: while 补正 is awaited, no decision deadline but the one the row names',
    (_n, patch, today, exp) => {
      expect(assess('2021', patch, { today }).deadlines.decideBy).toBe(exp.decideBy)
    },
  )
  it('some rows await 补正 (the check above has cases)', () => {
    expect(awaited.length).toBeGreaterThan(2)
  })

  it('messages say the last day is included, and cite the rule set’s 补正 texts', () => {
    const due = assess(
      '2021',
      { applicationDate: '2025-03-03', materials: incomplete('2025-03-03'), notifiedIncompleteOn: '2025-03-03' },
      { today: '2025-03-05' },
    )
    const f = find(due, 'eligibility.supplement-awaiting')!
    expect(f.message).toBe('已于 2025-03-03 告知补正，申请人应在 2025-04-02（含当日）前补正材料。')
    expect(f.rule).toEqual({
      text: x2021.timeLimits.supplementPeriod.text,
      source: x2021.timeLimits.supplementPeriod.source,
    })
    const gone = assess(
      '2021',
      { applicationDate: '2025-03-03', materials: incomplete('2025-03-03'), notifiedIncompleteOn: '2025-03-03' },
      { today: '2025-04-03' },
    )
    expect(find(gone, 'eligibility.abandoned')?.message).toBe(
      '申请人未在补正期限 2025-04-02（含当日）内补正材料，视为放弃救助申请。',
    )
    const notice = assess('2021', { materials: incomplete('2025-03-03') })
    expect(find(notice, 'eligibility.supplement-notice-due')?.rule.text).toBe(x2021.timeLimits.supplementNotice.text)
  })

  it('a complete application has no 补正 deadlines; the decision is due 10 working days after it', () => {
    const a = assess(
      '2021',
      { applicationDate: '2025-09-26', materials: complete('2025-09-26') },
      { today: '2025-09-26' },
    )
    expect(a.deadlines).toEqual({ isAbandoned: false, decideBy: '2025-10-16', calendarFallbackYears: [] })
  })

  it('local measures: 政法委 approval adds 10 working days after the decision limit (S16)', () => {
    const rules = applyLocalMeasures(x2021, exampleLocalMeasures)
    const a = assessApplication(facts(), rules, ctx())
    expect(a.deadlines).toMatchObject({ decideBy: '2025-03-17', externalApprovalBy: '2025-03-31' })
  })

  it('local measures may change the 补正 limits; the rule text says so and cites them', () => {
    const source = { document: '某市实施办法', confidence: 'M' as const }
    const local = parseLocalMeasures({
      ...exampleLocalMeasures,
      timeLimitOverrides: { supplementNoticeWorkingDays: 3, supplementDays: 15, source },
    })
    const rules: EffectiveRules = applyLocalMeasures(x2021, local)
    const a = assessApplication(
      facts({ materials: incomplete('2025-03-03'), notifiedIncompleteOn: '2025-03-03' }),
      rules,
      ctx({ today: '2025-03-10' }),
    )
    expect(a.deadlines).toMatchObject({ notifyIncompleteBy: '2025-03-06', supplementDueBy: '2025-03-18' })
    const f = find(a, 'eligibility.supplement-awaiting')!
    expect(f.rule.text).toContain('本地实施办法调整为15日')
    expect(f.rule.source).toEqual(source)
  })

  it('uses the calendar passed in the context', () => {
    const cal: HolidayCalendar = {
      version: 't',
      source: 't',
      years: { '2025': { holidays: ['2025-03-04'], workdays: [] } },
    }
    const a = assess('2021', { materials: incomplete('2025-03-03') }, { calendar: cal })
    expect(a.deadlines.notifyIncompleteBy).toBe('2025-03-11')
  })

  it('a year missing from the calendar falls back to Monday–Friday and says so, never silently', () => {
    const a = assess(
      '2021',
      { applicationDate: '2026-12-25', materials: incomplete('2026-12-25') },
      { today: '2026-12-28' },
    )
    expect(a.deadlines.notifyIncompleteBy).toBe('2027-01-01')
    expect(a.deadlines.calendarFallbackYears).toEqual([2027])
    const f = find(a, 'eligibility.calendar-fallback')!
    expect(f.severity).toBe('warning')
    expect(f.message).toBe('2027 年的节假日安排尚未导入，期限已按周一至周五计算工作日，请导入最新节假日数据后复核。')
    expect(has(assess('2021'), 'eligibility.calendar-fallback')).toBe(false)
  })
})

describe('the rule set used must be the one in force on the application date (ruleSetFor)', () => {
  it('a rule set not yet in force on the application date: warning', () => {
    const a = assessApplication(facts({ applicationDate: '2020-05-06' }), x2021, ctx({}, '2020-05-06'))
    const f = find(a, 'eligibility.ruleset-not-in-force')!
    expect(f.severity).toBe('warning')
    expect(f.message).toContain('2021-12-31')
  })

  it('a superseded rule set: warning naming the one in force', () => {
    const a = assessApplication(facts(), y2014, ctx())
    expect(find(a, 'eligibility.ruleset-superseded')?.message).toBe(
      '所用规则“2014年意见”在申请日期 2025-03-03 已由“2021年细则”（自 2021-12-31 起施行）取代；应按申请日有效的规则审查。',
    )
    expect(
      has(assessApplication(facts({}, '2016'), x2016, ctx({}, inForceOn['2016'])), 'eligibility.ruleset-superseded'),
    ).toBe(false)
    expect(has(assessApplication(facts(), y2014, ctx({ ruleSets: [y2014] })), 'eligibility.ruleset-superseded')).toBe(
      false,
    )
  })

  it.each<[string, Partial<ApplicationFacts>, Partial<AssessmentContext>]>([
    ['application date', { applicationDate: '2025-02-30' }, {}],
    ['today', {}, { today: '2025/03/05' }],
    ['notice date', { notifiedIncompleteOn: '20250303' }, {}],
    ['supplement date', { notifiedIncompleteOn: '2025-03-03', supplementReceivedOn: '2025-13-01' }, {}],
  ])('throws RangeError on a malformed %s', (_name, patch, ctxPatch) => {
    expect(() => assessApplication({ ...facts(), ...patch }, x2021, ctx(ctxPatch))).toThrow(RangeError)
  })
})

// ---------------------------------------------------------------------------------------------------------------
// Properties

const bool = fc.boolean()
const relation = fc.constantFrom<RelationToVictim>('self', 'spouse', 'parent', 'child', 'sibling', 'dependant', 'other')
const exclusionFact = fc.record({
  applies: bool,
  evidence: fc.constantFrom('', '有证据'),
  override: fc.option(fc.record({ reason: fc.constantFrom('', '  ', '过错轻微'), by: fc.constantFrom('', '检察长') }), {
    nil: null,
  }),
})
const exclusionsArb = fc
  .uniqueArray(fc.constantFrom<ExclusionCode>('X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X7', 'X8'), { maxLength: 4 })
  .chain((list) => fc.tuple(...list.map((c) => exclusionFact.map((f) => [c, f] as const))))
  .map((pairs) => Object.fromEntries(pairs) as Partial<Record<ExclusionCode, ExclusionFact>>)

/** Random facts over the whole vocabulary, from a clean base. */
const factsArb: fc.Arbitrary<Partial<ApplicationFacts>> = fc.record({
  applicantKind: fc.constantFrom<ApplicantKind>('natural-person', 'natural-person', 'legal-person', 'organisation'),
  relationToVictim: relation,
  criminalCase: bool,
  linkedToProcuratorateCase: fc.oneof(bool, fc.constant(true)),
  compensationObtainedViaLitigation: bool,
  harm: fc.record(
    {
      death: bool,
      seriousInjury: bool,
      severeDisability: bool,
      personalInjury: bool,
      lostWorkingAbility: bool,
      lifeEndangered: bool,
      urgentTreatment: bool,
      cannotAffordMedicalCosts: bool,
      majorPropertyLoss: bool,
      civilTort: bool,
      trafficAccident: bool,
      maintenanceUnpaid: bool,
      retaliation: fc.option(
        fc.record({
          role: fc.constantFrom<'informant' | 'witness' | 'appraiser'>('informant', 'witness', 'appraiser'),
          forProcuratorate: bool,
        }),
        { nil: null },
      ),
    },
    { requiredKeys: [] },
  ),
  offender: fc.record(
    { unknownOrUnsolved: bool, timeBarred: bool, dead: bool, unableToPay: bool },
    { requiredKeys: [] },
  ),
  hardship: fc.record({ urgent: bool, proofPresent: bool }),
  petition: fc.option(
    fc.record({ demandReasonable: bool, cannotBeResolvedLegally: bool, agreesToStopPetitioning: bool }),
    { nil: null },
  ),
  otherNeedReason: fc.constantFrom('', ' ', '家庭唯一劳动力'),
  exclusions: exclusionsArb,
})

describe('properties', () => {
  it('eligible is false exactly when a finding blocks; needs-override exactly when a soft exclusion is pending', () => {
    fc.assert(
      fc.property(fc.constantFrom<SetKey>('2014', '2016', '2021'), factsArb, (key, patch) => {
        const a = assess(key, patch)
        const anyBlocking = a.findings.some((f) => f.severity === 'blocking')
        const pending = a.exclusions.some((e) => e.status === 'pending-override')
        expect(a.eligible).toBe(anyBlocking ? false : pending ? 'needs-override' : true)
        const known = new Set(sets[key].categories.map((c) => c.code))
        for (const m of a.matchedItems) expect(known.has(m.itemCode)).toBe(true)
        for (const f of a.findings) {
          expect(f.message).toMatch(/[\u4e00-\u9fff]/)
          expect(f.message).not.toMatch(/undefined|\[object/)
          expect(f.rule.text.length).toBeGreaterThan(0)
          expect(['H', 'M', 'L']).toContain(f.rule.source.confidence)
        }
        for (const e of a.exclusions) {
          const listed = sets[key].exclusions.find((x) => x.code === e.code)
          // X7 is hard under every rule set, also where the rule set does not list it (2021).
          expect(e.kind).toBe(e.code === 'X7' ? 'hard' : listed?.kind)
          // an override always gives its reason; a hard exclusion is never overridden (nor merely pending)
          expect(e.status !== 'overridden' || (e.override?.reason.trim().length ?? 0) > 0, e.code).toBe(true)
          expect(e.status === 'hard', e.code).toBe(e.kind === 'hard')
        }
      }),
      { numRuns: 600 },
    )
  })

  it('a soft exclusion never makes an application ineligible on its own; an override needs a non-blank reason', () => {
    const SOFT = ['X1', 'X2', 'X3', 'X4', 'X5', 'X6'] as const
    const choice = fc.constantFrom<'none' | 'pending' | 'blank' | 'overridden'>(
      'none',
      'pending',
      'blank',
      'overridden',
    )
    fc.assert(
      fc.property(
        fc.constantFrom<SetKey>('2014', '2016', '2021'),
        fc.tuple(...SOFT.map(() => choice)),
        (key, choices) => {
          const exclusions: Partial<Record<ExclusionCode, ExclusionFact>> = {}
          choices.forEach((c, i) => {
            if (c === 'none') return
            exclusions[SOFT[i]!] = {
              applies: true,
              evidence: '依据',
              override:
                c === 'overridden'
                  ? { reason: '理由', by: '检察长' }
                  : c === 'blank'
                    ? { reason: ' ', by: '检察长' }
                    : null,
            }
          })
          const a = assess(key, { exclusions })
          const stillPending = choices.some((c) => c === 'pending' || c === 'blank')
          expect(a.eligible).toBe(stillPending ? 'needs-override' : true)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('legal persons and other organisations are never eligible under any rule set (X7 hard, also 2021)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<SetKey>('2014', '2016', '2021'),
        factsArb,
        fc.constantFrom<ApplicantKind>('legal-person', 'organisation'),
        (key, patch, kind) => {
          const a = assess(key, { ...patch, applicantKind: kind })
          expect(a.eligible).toBe(false)
          expect(a.exclusions.some((e) => e.code === 'X7' && e.status === 'hard')).toBe(true)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('a criminal-victim item matches only a crime; a civil-tort item only a personal injury (all rule sets)', () => {
    fc.assert(
      fc.property(fc.constantFrom<SetKey>('2014', '2016', '2021'), factsArb, (key, patch) => {
        const f = facts(patch, key)
        const a = assess(key, patch)
        const h = f.harm ?? {}
        const grounds: Record<string, boolean> = {
          'criminal-victim': f.criminalCase === true,
          'civil-tort':
            !!(h.personalInjury || h.seriousInjury || h.severeDisability || h.lostWorkingAbility) ||
            !!(h.lifeEndangered || h.urgentTreatment),
        }
        for (const code of items(a)) {
          const kind = sets[key].categories.find((c) => c.code === code)!.kind
          // other kinds of item need neither
          expect([code, grounds[kind] ?? true]).toEqual([code, true])
        }
      }),
      { numRuns: 600 },
    )
  })

  it('the 2021 细则 only widened art. 7: every item matched under 2016 matches its 2021 counterpart', () => {
    fc.assert(
      fc.property(factsArb, (patch) => {
        const a2016 = assess('2016', patch)
        const a2021 = assess('2021', { ...patch, applicationDate: inForceOn['2021'] })
        for (const code of items(a2016)) expect(items(a2021)).toContain(code.replace('2016-', '2021-'))
      }),
      { numRuns: 600 },
    )
  })

  it('one-time rule: blocked exactly when a grant of another case has the same person and underlying case', () => {
    const idVariants = [ID, ID.toLowerCase(), ID_15, ` ${ID} `, OTHER_ID]
    const caseVariants = [CASE_NO, '京朝检刑诉(2025)123号', '京朝检刑诉〔２０２５〕１２３号', '京朝检刑诉〔2025〕124号']
    const grantArb = fc.record({
      personIdNumber: fc.constantFrom(...idVariants),
      underlyingCaseNo: fc.constantFrom(...caseVariants),
      unitCode: fc.constantFrom('110105', '320922'),
      caseId: fc.constantFrom('case-1', 'case-2', 'case-3'),
      decidedOn: fc.constant('2024-01-02'),
    })
    fc.assert(
      fc.property(fc.array(grantArb, { maxLength: 6 }), (priorGrants) => {
        const a = assess('2021', {}, { priorGrants })
        const same = priorGrants.filter(
          (g) => g.caseId !== 'case-1' && g.personIdNumber !== OTHER_ID && !g.underlyingCaseNo.endsWith('124号'),
        )
        const blocked = a.findings.filter((f) => f.code === 'eligibility.one-time')
        expect(blocked.length).toBe(new Set(same.map((g) => g.caseId)).size)
        expect(a.eligible).toBe(same.length === 0)
        // Adding a matching grant always blocks; a grant for another case never adds a blocking finding.
        const extra = (g: Partial<PriorGrant>): PriorGrant[] => [
          ...priorGrants,
          {
            personIdNumber: ID_15,
            underlyingCaseNo: CASE_NO,
            unitCode: '320922',
            caseId: 'case-9',
            decidedOn: '2020-01-01',
            ...g,
          },
        ]
        expect(assess('2021', {}, { priorGrants: extra({}) }).eligible).toBe(false)
        expect(blocking(assess('2021', {}, { priorGrants: extra({ underlyingCaseNo: '另案〔2020〕1号' }) }))).toEqual(
          blocking(a),
        )
      }),
      { numRuns: 300 },
    )
  })

  it('补正: notice due 5 working days after the application; period end a working day ≥ notice + 30; abandoned only after it', () => {
    const day = fc.integer({ min: 0, max: 4700 }).map((n) => addDays('2014-02-01', n)) // 2014-02 … 2026-12
    fc.assert(
      fc.property(
        day,
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 60 }),
        fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
        (applicationDate, noticeAfter, todayAfter, receivedAfter) => {
          const notice = addDays(applicationDate, noticeAfter)
          const today = addDays(notice, todayAfter)
          const supplementReceivedOn = receivedAfter === undefined ? undefined : addDays(notice, receivedAfter)
          const key: SetKey =
            applicationDate >= '2021-12-31' ? '2021' : applicationDate >= '2016-08-30' ? '2016' : '2014'
          const a = assess(
            key,
            {
              applicationDate,
              materials: received(applicationDate, ['application']),
              notifiedIncompleteOn: notice,
              supplementReceivedOn,
            },
            { today },
          )
          const d = a.deadlines
          expect(d.notifyIncompleteBy).toBe(addWorkingDays(applicationDate, 5))
          expect(workingDaysBetween(applicationDate, d.notifyIncompleteBy!)).toBe(5)
          expect(has(a, 'eligibility.supplement-notice-late')).toBe(notice > d.notifyIncompleteBy!)
          const due = d.supplementDueBy!
          const nominal = addDays(notice, 30)
          expect(isWorkingDay(due)).toBe(true)
          expect(compareDates(due, nominal)).toBeGreaterThanOrEqual(0)
          for (let x = nominal; x < due; x = addDays(x, 1)) expect(isWorkingDay(x)).toBe(false)
          const abandoned = supplementReceivedOn === undefined ? today > due : supplementReceivedOn > due
          expect(d.isAbandoned).toBe(abandoned)
          expect(!abandoned || a.eligible === false, 'abandoned yet eligible').toBe(true)
          // 10 working days from the 补正 received in time; none while it is awaited or once it is abandoned
          const decideBy = !abandoned && supplementReceivedOn ? addWorkingDays(supplementReceivedOn, 10) : undefined
          expect(d.decideBy).toBe(decideBy)
        },
      ),
      { numRuns: 400 },
    )
  })

  it('the deadlines are computed on the default calendar when none is given', () => {
    const f = facts({ materials: received('2025-03-03', ['application']) })
    expect(assessApplication(f, x2021, ctx())).toEqual(assessApplication(f, x2021, ctx({ calendar: defaultCalendar })))
  })
})
