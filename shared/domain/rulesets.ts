import { z } from 'zod'
import yijian2014 from '../../resources/rulesets/2014-yijian.json'
import xize2016 from '../../resources/rulesets/2016-xize.json'
import xize2021 from '../../resources/rulesets/2021-xize.json'
import localExample from '../../resources/rulesets/local-example.json'
import { type RulesCode, rulesMessages } from '../errors/rules'
import type { MessageParams } from '../errors/types'
import { describeZodError } from '../errors/zodProblems'
import type { RuleRef } from './findings'
import { ruleChainProblems } from './gate/chain'
import {
  type ApprovalStep,
  approvalStepSchema,
  exclusionCodeSchema,
  materialCodeSchema,
  type WageFallback,
  type WageSeries,
  wageSeriesSchema,
} from './ruleCodes'

export {
  type ApprovalRole,
  type ApprovalStep,
  approvalRoleSchema,
  approvalStepSchema,
  type ExclusionCode,
  exclusionCodeSchema,
  type MaterialCode,
  materialCodeSchema,
  type WageFallback,
  type WageSeries,
  wageSeriesSchema,
} from './ruleCodes'

/*
 * Rule sets as versioned data (docs/architecture.md §3; docs/domain-reference.md §1, §3, §4, §5): the 2014 意见, the 2016 细则(试行) and the
 * 2021 细则, each in resources/rulesets/*.json, validated by ruleSetSchema so that a downward standards bundle can
 * replace them. Local implementing measures are overlays (LocalMeasures) merged by applyLocalMeasures.
 */

const isoDate = z.iso.date()

export const confidenceSchema = z.enum(['H', 'M', 'L'])

export const ruleSourceSchema = z.strictObject({
  document: z.string().min(1),
  article: z.string().min(1).optional(),
  confidence: confidenceSchema,
  note: z.string().min(1).optional(),
})

export const ruleTextSchema = z.strictObject({ text: z.string().min(1), source: ruleSourceSchema })

/**
 * The closed vocabulary of facts a category item can require. eligibility.ts evaluates each one against
 * ApplicationFacts; the rule-set data only combines them (all of `all`, and at least one of each `anyOf` group).
 * The vocabulary only grows: a rule set written before a condition existed (e.g. `criminalVictim`) still parses.
 */
export const conditionSchema = z.enum([
  /** The harm was caused by a crime (刑事案件被害人): required by every item of kind 'criminal-victim'. */
  'criminalVictim',
  'seriousInjury',
  'severeDisability',
  'personalInjury',
  'lifeEndangered',
  'urgentTreatment',
  'cannotAffordMedical',
  'victimDied',
  'lostWorkingAbility',
  'majorPropertyLoss',
  'retaliated',
  'retaliationForProcuratorate',
  'civilTortInjury',
  'maintenanceUnpaid',
  'caseUnsolved',
  'timeBarred',
  'offenderDead',
  'offenderUnableToPay',
  'noLitigationCompensation',
  'hardship',
  'applicantCloseRelative',
  'applicantCloseRelativeOrDependant',
  'petitionDemandReasonable',
  'petitionCannotBeResolvedLegally',
  'petitionAgreesToStop',
  'otherNeedStated',
])
export type Condition = z.infer<typeof conditionSchema>

export const categoryKindSchema = z.enum(['criminal-victim', 'witness', 'civil-tort', 'other'])
export type CategoryKind = z.infer<typeof categoryKindSchema>

export const baseRuleCodeSchema = z.enum(['R0a', 'R0b', 'R0c', 'R0d', 'R0e'])
export type BaseRuleCode = z.infer<typeof baseRuleCodeSchema>

export const wageRegionKindSchema = z.enum(['case-jurisdiction', 'procuratorate-province', 'procuratorate-prefecture'])
export type WageRegionKind = z.infer<typeof wageRegionKindSchema>

const label = z.string().min(1).max(24)
const regionCode = z.string().regex(/^\d{6}$/, '地区代码须为6位数字')
const fen = z.number().int().nonnegative()
const positiveFen = z.number().int().positive()
const dayCount = z.number().int().positive().max(366)

export const categoryItemSchema = z.strictObject({
  code: z.string().regex(/^\d{4}-[0-9a-z-]+$/),
  label,
  kind: categoryKindSchema,
  courtOnly: z.boolean().optional(),
  text: z.string().min(1),
  match: z.strictObject({
    all: z.array(conditionSchema),
    anyOf: z.array(z.array(conditionSchema).min(1)).optional(),
  }),
  /** Base rules this item does not require (2021 art. 7(5) dropped the litigation condition). */
  baseRuleExceptions: z.array(baseRuleCodeSchema).optional(),
  source: ruleSourceSchema,
})
export type CategoryItem = z.infer<typeof categoryItemSchema>

export const exclusionSchema = z.strictObject({
  code: exclusionCodeSchema,
  kind: z.enum(['soft', 'hard']),
  label,
  text: z.string().min(1),
  source: ruleSourceSchema,
})
export type Exclusion = z.infer<typeof exclusionSchema>

export const baseRuleSchema = z.strictObject({
  code: baseRuleCodeSchema,
  label,
  text: z.string().min(1),
  source: ruleSourceSchema,
})
export type BaseRule = z.infer<typeof baseRuleSchema>

const workingDaysLimit = z.strictObject({ workingDays: dayCount, text: z.string().min(1), source: ruleSourceSchema })
const calendarDaysLimit = z.strictObject({ days: dayCount, text: z.string().min(1), source: ruleSourceSchema })

export const materialItemSchema = z.strictObject({
  code: materialCodeSchema,
  label,
  requiredWhen: z.enum(['always', 'relative-or-representative', 'entrusted-agent', 'optional']),
  source: ruleSourceSchema,
})
export type MaterialItem = z.infer<typeof materialItemSchema>

export const ruleSetSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    id: z.string().regex(/^[0-9a-z-]+$/),
    title: z.string().min(1),
    shortTitle: label,
    documentNumber: z.string().min(1).optional(),
    issuer: z.string().min(1),
    adoptedDate: isoDate.optional(),
    issuedDate: isoDate.optional(),
    effectiveDate: isoDate,
    datesSource: ruleSourceSchema,
    supersedes: z.string().optional(),
    leadDepartment: z.string().min(1),
    baseRules: z.array(baseRuleSchema).min(1),
    categories: z.array(categoryItemSchema).min(1),
    exclusions: z.array(exclusionSchema),
    /**
     * 一次性救助. `exception`, where the rule set words one (“原则上只救助一次”), is the text that allows a second
     * grant as its own recorded step approved by the 检察长; no built-in rule set has one.
     */
    oneTimeRule: ruleTextSchema.extend({ exception: ruleTextSchema.optional() }),
    materialsRule: ruleTextSchema,
    materials: z.array(materialItemSchema).min(1),
    timeLimits: z.strictObject({
      decide: workingDaysLimit,
      notifyCollection: workingDaysLimit,
      supplementNotice: workingDaysLimit,
      supplementPeriod: calendarDaysLimit,
    }),
    amountRules: z.strictObject({
      capMonths: z.number().int().positive().max(120),
      cap: ruleTextSchema,
      overCap: ruleTextSchema,
      courtCeiling: ruleTextSchema,
      factors: ruleTextSchema,
      wageBase: z.strictObject({
        regionKind: wageRegionKindSchema,
        series: wageSeriesSchema,
        text: z.string().min(1),
        source: ruleSourceSchema,
      }),
      latestPublishedWage: ruleTextSchema,
    }),
    approval: z.strictObject({
      steps: z.array(approvalStepSchema).min(1),
      text: z.string().min(1),
      source: ruleSourceSchema,
    }),
  })
  .superRefine((rs, ctx) => {
    const unique = (what: string, codes: string[]) => {
      const dup = codes.find((c, i) => codes.indexOf(c) !== i)
      if (dup) ctx.addIssue({ code: 'custom', message: `${what}代码重复：${dup}` })
    }
    unique(
      '救助情形',
      rs.categories.map((c) => c.code),
    )
    unique(
      '不予救助情形',
      rs.exclusions.map((e) => e.code),
    )
    unique(
      '基本条件',
      rs.baseRules.map((b) => b.code),
    )
    unique(
      '申请材料',
      rs.materials.map((m) => m.code),
    )
    for (const code of ['R0a', 'R0b', 'R0c', 'R0d'] as const) {
      if (!rs.baseRules.some((b) => b.code === code)) ctx.addIssue({ code: 'custom', message: `缺少基本条件 ${code}` })
    }
    for (const c of rs.categories) {
      if (!c.code.startsWith(`${rs.effectiveDate.slice(0, 4)}-`) && !c.code.startsWith(`${rs.id.slice(0, 4)}-`)) {
        ctx.addIssue({ code: 'custom', message: `救助情形代码 ${c.code} 应以规则年份开头` })
      }
      if (c.match.all.length === 0 && !c.match.anyOf?.length) {
        ctx.addIssue({ code: 'custom', message: `救助情形 ${c.code} 没有任何条件` })
      }
    }
  })
export type RuleSet = z.infer<typeof ruleSetSchema>

export const wageEntrySchema = z.strictObject({
  regionCode,
  year: z.number().int().min(1990).max(2200),
  monthlyWageFen: positiveFen,
  series: wageSeriesSchema,
  source: ruleSourceSchema,
})
export type WageEntry = z.infer<typeof wageEntrySchema>

export const localMeasuresSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    id: z.string().regex(/^[0-9A-Za-z-]+$/),
    title: z.string().min(1),
    document: z.string().min(1),
    scope: z.strictObject({ unitCode: z.string().min(1).optional(), regionCode: regionCode.optional() }),
    effectiveDate: isoDate,
    source: ruleSourceSchema,
    perCaseMaxFen: positiveFen.optional(),
    floorFen: fen.optional(),
    /** Amounts at or above this (≥, as in 滨海 “1万元以上”) need the escalation body's approval. */
    escalationThresholdFen: positiveFen.optional(),
    escalationBody: z.string().min(1).optional(),
    /** A local text allowing a second grant for the same person and case by the 检察长's approval (see oneTimeRule). */
    oneTimeException: ruleTextSchema.optional(),
    wageRegionKind: wageRegionKindSchema.optional(),
    wageSeries: wageSeriesSchema.optional(),
    wageTable: z.array(wageEntrySchema),
    approvalChain: z
      .strictObject({ steps: z.array(approvalStepSchema).min(1), escalationStep: approvalStepSchema.optional() })
      .optional(),
    timeLimitOverrides: z
      .strictObject({
        decideWorkingDays: dayCount.optional(),
        notifyCollectionWorkingDays: dayCount.optional(),
        supplementNoticeWorkingDays: dayCount.optional(),
        supplementDays: dayCount.optional(),
        externalApprovalWorkingDays: dayCount.optional(),
        externalApprovalBody: z.string().min(1).optional(),
        source: ruleSourceSchema,
      })
      .optional(),
  })
  .superRefine((m, ctx) => {
    if (!m.scope.unitCode && !m.scope.regionCode) {
      ctx.addIssue({ code: 'custom', message: '本地实施办法须注明适用的单位代码或地区代码' })
    }
    if (m.escalationThresholdFen !== undefined && !m.escalationBody) {
      ctx.addIssue({ code: 'custom', message: '规定了提级审批金额的，须注明审批机构（检委会、党组或政法委）' })
    }
    if (m.floorFen !== undefined && m.perCaseMaxFen !== undefined && m.floorFen > m.perCaseMaxFen) {
      ctx.addIssue({ code: 'custom', message: '最低救助金额不能高于每案最高金额' })
    }
    const keys = m.wageTable.map((w) => `${w.regionCode}/${w.year}/${w.series}`)
    const dup = keys.find((k, i) => keys.indexOf(k) !== i)
    if (dup) ctx.addIssue({ code: 'custom', message: `工资表重复：${dup}` })
    if (m.approvalChain) {
      for (const p of ruleChainProblems(m.approvalChain)) {
        ctx.addIssue({ code: 'custom', path: ['approvalChain'], message: rulesMessages[p.code]({ label: p.label }) })
      }
    }
  })
export type LocalMeasures = z.infer<typeof localMeasuresSchema>

/** A coded failure of the rule machinery; the Chinese message comes from shared/errors/rules.ts. */
export class RulesError extends Error {
  readonly code: RulesCode
  readonly params: MessageParams
  constructor(code: RulesCode, params: MessageParams = {}) {
    super(rulesMessages[code](params))
    this.name = 'RulesError'
    this.code = code
    this.params = params
  }
}

/**
 * Validates rule-set data (built-in or from a standards bundle). Throws RulesError('ruleset.invalid') naming the
 * first problem.
 */
export function parseRuleSet(data: unknown): RuleSet {
  const r = ruleSetSchema.safeParse(data)
  if (!r.success) throw new RulesError('ruleset.invalid', { detail: describeZodError(r.error, 1) })
  return r.data
}

/** Validates local implementing measures. Throws RulesError('ruleset.invalid'). */
export function parseLocalMeasures(data: unknown): LocalMeasures {
  const r = localMeasuresSchema.safeParse(data)
  if (!r.success) throw new RulesError('ruleset.invalid', { detail: describeZodError(r.error, 1) })
  return r.data
}

/** The three national rule sets, oldest first (2014 意见, 2016 细则(试行), 2021 细则). */
export const builtInRuleSets: readonly RuleSet[] = [yijian2014, xize2016, xize2021].map(parseRuleSet)

/** An example of local implementing measures (figures are illustrative, not official statistics). */
export const exampleLocalMeasures: LocalMeasures = parseLocalMeasures(localExample)

/**
 * The rule set in force on the application date: the one with the latest effectiveDate ≤ date (a case is judged by
 * the rules in force when it was applied for, docs/architecture.md §3). Equal effective dates: the later one in `sets` wins.
 * Returns undefined before the first rule set (2014-01-17, 2014 意见, H): there was no national judicial assistance
 * system then, only local pilots. Throws RangeError on a malformed date.
 */
export function ruleSetFor(applicationDate: string, sets: readonly RuleSet[] = builtInRuleSets): RuleSet | undefined {
  assertIsoDate(applicationDate)
  let found: RuleSet | undefined
  for (const s of sets) {
    if (s.effectiveDate <= applicationDate && (!found || s.effectiveDate >= found.effectiveDate)) found = s
  }
  return found
}

/** Like ruleSetFor, but throws RulesError('ruleset.none-in-force') with a Chinese message when none applies. */
export function requireRuleSetFor(applicationDate: string, sets: readonly RuleSet[] = builtInRuleSets): RuleSet {
  const s = ruleSetFor(applicationDate, sets)
  if (!s) throw new RulesError('ruleset.none-in-force', { date: applicationDate })
  return s
}

export function assertIsoDate(date: string): void {
  if (!isoDate.safeParse(date).success) throw new RangeError(`日期格式不正确：${date}（应为 YYYY-MM-DD）`)
}

/** A time limit after local overrides, with the rule text and source to show. */
export interface EffectiveLimit {
  value: number
  rule: RuleRef
}

/** A rule set with the local implementing measures merged in: what the checks actually use. */
export interface EffectiveRules {
  ruleSet: RuleSet
  local?: LocalMeasures
  timeLimits: {
    decideWorkingDays: EffectiveLimit
    notifyCollectionWorkingDays: EffectiveLimit
    supplementNoticeWorkingDays: EffectiveLimit
    supplementDays: EffectiveLimit
    /** Extra review outside the procuratorate (e.g. 政法委 审批 +10 working days, S16, M); absent nationally. */
    externalApprovalWorkingDays?: EffectiveLimit & { body: string }
  }
  amount: {
    capMonths: number
    perCaseMaxFen?: number
    floorFen?: number
    escalationThresholdFen?: number
    escalationBody?: string
    wageRegionKind: WageRegionKind
    wageSeries?: WageSeries
    localSource?: RuleRef
  }
  wageTable: readonly WageEntry[]
  approvalChain: { steps: readonly ApprovalStep[]; escalationStep?: ApprovalStep }
  /** The text allowing an exception to the one-time rule, if the rule set or local measures word one. */
  oneTimeException?: RuleRef
}

/**
 * Merges local implementing measures into a national rule set (docs/domain-reference.md §4 “local parameters”, M; §13.3, §13.6:
 * limits and approval chains are local choices). Local values win where given; everything else comes from the rule
 * set. Without measures the result carries the national rules only.
 */
export function applyLocalMeasures(ruleSet: RuleSet, measures?: LocalMeasures | null): EffectiveRules {
  const t = ruleSet.timeLimits
  const o = measures?.timeLimitOverrides
  const limit = (base: { text: string; source: RuleRef['source'] }, national: number, local?: number) =>
    local === undefined || !o
      ? { value: national, rule: { text: base.text, source: base.source } }
      : { value: local, rule: { text: `${base.text}（本地实施办法调整为${local}日）`, source: o.source } }
  const localRule = measures ? { text: measures.title, source: measures.source } : undefined
  return {
    ruleSet,
    ...(measures ? { local: measures } : {}),
    timeLimits: {
      decideWorkingDays: limit(t.decide, t.decide.workingDays, o?.decideWorkingDays),
      notifyCollectionWorkingDays: limit(
        t.notifyCollection,
        t.notifyCollection.workingDays,
        o?.notifyCollectionWorkingDays,
      ),
      supplementNoticeWorkingDays: limit(
        t.supplementNotice,
        t.supplementNotice.workingDays,
        o?.supplementNoticeWorkingDays,
      ),
      supplementDays: limit(t.supplementPeriod, t.supplementPeriod.days, o?.supplementDays),
      ...(o?.externalApprovalWorkingDays
        ? {
            externalApprovalWorkingDays: {
              value: o.externalApprovalWorkingDays,
              body: o.externalApprovalBody ?? '党委政法委',
              rule: {
                text: `报${o.externalApprovalBody ?? '党委政法委'}审批的，另加${o.externalApprovalWorkingDays}个工作日`,
                source: o.source,
              },
            },
          }
        : {}),
    },
    amount: {
      capMonths: ruleSet.amountRules.capMonths,
      ...(measures?.perCaseMaxFen !== undefined ? { perCaseMaxFen: measures.perCaseMaxFen } : {}),
      ...(measures?.floorFen !== undefined ? { floorFen: measures.floorFen } : {}),
      ...(measures?.escalationThresholdFen !== undefined
        ? { escalationThresholdFen: measures.escalationThresholdFen, escalationBody: measures.escalationBody }
        : {}),
      wageRegionKind: measures?.wageRegionKind ?? ruleSet.amountRules.wageBase.regionKind,
      ...(measures?.wageSeries ? { wageSeries: measures.wageSeries } : {}),
      ...(localRule ? { localSource: localRule } : {}),
    },
    wageTable: measures?.wageTable ?? [],
    approvalChain: measures?.approvalChain ?? { steps: ruleSet.approval.steps },
    ...(measures?.oneTimeException || ruleSet.oneTimeRule.exception
      ? { oneTimeException: measures?.oneTimeException ?? ruleSet.oneTimeRule.exception }
      : {}),
  }
}

/**
 * Whether local measures cover a unit or region: a unit-scoped measure matches that unit code exactly; a
 * region-scoped one matches the region and everything under it (GB/T 2260 prefixes: 320000 covers 32xxxx,
 * 320900 covers 3209xx).
 */
export function localMeasuresApplyTo(
  measures: LocalMeasures,
  where: { unitCode?: string; regionCode?: string },
): boolean {
  const { unitCode, regionCode: rc } = measures.scope
  if (unitCode) return where.unitCode === unitCode
  if (!rc || !where.regionCode) return false
  const prefix = rc.replace(/(00)+$/, '')
  return where.regionCode.startsWith(prefix)
}

/**
 * Of several local measures, those covering the unit or region and in force on the date; the latest effective one
 * wins, and on the same date a unit-scoped measure beats a region-scoped one. undefined when none applies.
 */
export function localMeasuresFor(
  list: readonly LocalMeasures[],
  where: { unitCode?: string; regionCode?: string },
  date: string,
): LocalMeasures | undefined {
  assertIsoDate(date)
  const specificity = (m: LocalMeasures) =>
    m.scope.unitCode ? 10 : (m.scope.regionCode ?? '').replace(/(00)+$/, '').length
  return list
    .filter((m) => m.effectiveDate <= date && localMeasuresApplyTo(m, where))
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate) || specificity(a) - specificity(b))
    .at(-1)
}

/**
 * Which region's wage figure to use under the rules in force (docs/domain-reference.md §4, §13.4): the 2014 意见 uses the case's
 * jurisdiction (案件管辖地, H, S1); the 2016 细则 the province of the handling procuratorate (H, S10; assumed
 * unchanged in 2021, M); some localities the 设区市 (福建, S31).
 */
export function wageRegionFor(
  rules: EffectiveRules,
  where: { caseJurisdictionRegionCode: string; procuratorateRegionCode: string },
): string {
  switch (rules.amount.wageRegionKind) {
    case 'case-jurisdiction':
      return where.caseJurisdictionRegionCode
    case 'procuratorate-province':
      return `${where.procuratorateRegionCode.slice(0, 2)}0000`
    case 'procuratorate-prefecture':
      return `${where.procuratorateRegionCode.slice(0, 4)}00`
  }
}

/** The wage year for an application: the previous calendar year (上一年度, H, S1, S10). */
export function wageYearFor(applicationDate: string): number {
  assertIsoDate(applicationDate)
  return Number(applicationDate.slice(0, 4)) - 1
}

export interface WageLookup {
  monthlyWageFen: number
  /** The region and year of the figure actually used. */
  regionCode: string
  year: number
  series: WageSeries
  source: RuleRef['source']
  requestedRegionCode: string
  requestedYear: number
  /** Empty when the exact region and year were found. */
  fallbacks: WageFallback[]
  /** Chinese explanations of the fallbacks, for the computation record. */
  notes: string[]
}

const SERIES_PREFERENCE: readonly WageSeries[] = ['职工', '在岗职工', '全口径']

/**
 * The average monthly wage for a region and year from the effective wage table (docs/domain-reference.md §4, base B). When the
 * year is not yet published, the latest earlier year is used (北京 court practice, M); when the region has no
 * figure at all, its 设区市 (first 4 digits + '00') and then its province (first 2 digits + '0000'). Never a later
 * year. Local measures may fix the series (职工/在岗职工/全口径, §13.4); otherwise 职工 is preferred, then 在岗职工,
 * then 全口径. Returns undefined when nothing fits.
 */
export function monthlyWageFor(rules: EffectiveRules, regionCode: string, year: number): WageLookup | undefined {
  if (!/^\d{6}$/.test(regionCode)) throw new RangeError(`地区代码须为6位数字：${regionCode}`)
  if (!Number.isInteger(year)) throw new RangeError(`年度须为整数：${year}`)
  const candidates: { code: string; fallback?: WageFallback }[] = [{ code: regionCode }]
  const prefecture = `${regionCode.slice(0, 4)}00`
  const province = `${regionCode.slice(0, 2)}0000`
  if (prefecture !== regionCode) candidates.push({ code: prefecture, fallback: 'prefecture' })
  if (province !== regionCode && province !== prefecture) candidates.push({ code: province, fallback: 'province' })
  const rank = (s: WageSeries) => SERIES_PREFERENCE.indexOf(s)
  for (const c of candidates) {
    const best = rules.wageTable
      .filter((w) => w.regionCode === c.code && w.year <= year)
      .filter((w) => !rules.amount.wageSeries || w.series === rules.amount.wageSeries)
      .sort((a, b) => b.year - a.year || rank(a.series) - rank(b.series))[0]
    if (!best) continue
    const fallbacks: WageFallback[] = []
    const notes: string[] = []
    if (c.fallback) {
      fallbacks.push(c.fallback)
      notes.push(rulesMessages[`wage.fallback-${c.fallback}`]({ requested: regionCode, used: c.code }))
    }
    if (best.year < year) {
      fallbacks.push('earlier-year')
      notes.push(rulesMessages['wage.fallback-earlier-year']({ requestedYear: year, usedYear: best.year }))
    }
    return {
      monthlyWageFen: best.monthlyWageFen,
      regionCode: best.regionCode,
      year: best.year,
      series: best.series,
      source: best.source,
      requestedRegionCode: regionCode,
      requestedYear: year,
      fallbacks,
      notes,
    }
  }
  return undefined
}
