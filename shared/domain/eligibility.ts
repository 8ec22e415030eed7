import { addCalendarDaysDeadlineDetailed, addWorkingDaysDetailed, type HolidayCalendar } from './calendar'
import { type Finding, hasBlocking, makeFinding, type RuleRef } from './findings'
import { parseResidentId } from './idcard'
import { formatYuanWithUnit, toChineseUppercase } from './money'
import {
  applyLocalMeasures,
  assertIsoDate,
  type BaseRuleCode,
  builtInRuleSets,
  type CategoryItem,
  type Condition,
  type EffectiveRules,
  type Exclusion,
  type ExclusionCode,
  type MaterialCode,
  type RuleSet,
  ruleSetFor,
} from './rulesets'

export type ApplicantKind = 'natural-person' | 'legal-person' | 'organisation'
/** 近亲属 in criminal procedure: spouse, parents, children, siblings; 'dependant' = 其赡养、扶养、抚养的其他人. */
export type RelationToVictim = 'self' | 'spouse' | 'parent' | 'child' | 'sibling' | 'dependant' | 'other'
export type CapacityKind = 'self' | 'legal-representative' | 'entrusted-agent'

export interface Override {
  reason: string
  by: string
}

export interface ExclusionFact {
  applies: boolean
  evidence: string
  /** An approver's decision to proceed despite a soft exclusion; needs a non-empty reason. */
  override?: Override | null
}

export interface MaterialReceipt {
  code: MaterialCode
  received: boolean
  receivedOn?: string
}

/** What the reviewer has established about an application; independent of database records. */
export interface ApplicationFacts {
  /** The assistance case being assessed, so that its own grant is not counted as a prior grant. */
  caseId?: string
  applicationDate: string
  applicantKind?: ApplicantKind
  /** 18-digit ID of the applicant (救助对象), for the one-time rule. */
  applicantIdNumber?: string
  relationToVictim?: RelationToVictim
  /**
   * The harm was caused by a crime: the victim is a 刑事案件被害人 (criminal case, whether or not it was solved or
   * prosecuted). Required by the criminal-victim items (2014 意见 救助对象(一)–(四), 2016 and 2021 细则 第七条
   * (一)–(四)); a civil tort or traffic accident that is no crime is `harm.civilTort` / `harm.trafficAccident` alone.
   */
  criminalCase?: boolean
  capacity?: { kind: CapacityKind; relationshipProof?: boolean; powerOfAttorney?: boolean }
  harm?: {
    death?: boolean
    seriousInjury?: boolean
    severeDisability?: boolean
    /** 伤残等级 1–10 (1 most severe); recorded and shown, the severeDisability flag decides. */
    disabilityGrade?: number
    personalInjury?: boolean
    lostWorkingAbility?: boolean
    lifeEndangered?: boolean
    urgentTreatment?: boolean
    cannotAffordMedicalCosts?: boolean
    majorPropertyLoss?: boolean
    propertyLossFen?: number
    retaliation?: { role: 'informant' | 'witness' | 'appraiser'; forProcuratorate: boolean } | null
    civilTort?: boolean
    trafficAccident?: boolean
    /** 追索赡养费、扶养费、抚育费 unpaid (court-side item of the 2014 意见). */
    maintenanceUnpaid?: boolean
  }
  offender?: {
    unknownOrUnsolved?: boolean
    timeBarred?: boolean
    dead?: boolean
    unableToPay?: boolean
    paidFen?: number
  }
  hardship?: { urgent: boolean; proofPresent?: boolean; procuratorateObtainsProof?: boolean }
  /** R0a: the hardship arises from a case the procuratorate handles. */
  linkedToProcuratorateCase?: boolean
  underlyingCaseNo?: string
  /** R0c: effective compensation was obtained through litigation. */
  compensationObtainedViaLitigation?: boolean
  /** 涉法涉诉信访 facts; cannotBeResolvedLegally defaults to true when omitted. */
  petition?: { demandReasonable: boolean; cannotBeResolvedLegally?: boolean; agreesToStopPetitioning: boolean } | null
  /** The stated reason for the catch-all item (其他需要救助的情形). */
  otherNeedReason?: string
  exclusions?: Partial<Record<ExclusionCode, ExclusionFact>>
  materials?: readonly MaterialReceipt[]
  notifiedIncompleteOn?: string
  supplementReceivedOn?: string
}

/** A grant known from own records, replicas of other offices, or imported case-transfer packages. */
export interface PriorGrant {
  personIdNumber: string
  underlyingCaseNo: string
  unitCode: string
  unitName?: string
  caseId: string
  decidedOn: string
  /** Known from an imported case transfer package (移送材料) rather than from a case record. */
  via?: 'transfer'
  /** For `via: 'transfer'`: the decision's outcome, amount, document number and payment day as the package states. */
  outcome?: 'granted' | 'refused'
  amountFen?: number
  documentNo?: string
  paidOn?: string
}

export interface AssessmentContext {
  today: string
  priorGrants: readonly PriorGrant[]
  calendar?: HolidayCalendar
  /** The rule sets known to this office, to warn when a newer one was in force on the application date. */
  ruleSets?: readonly RuleSet[]
}

export interface MatchedItem {
  itemCode: string
  why: string
}

export interface ExclusionResult {
  code: ExclusionCode
  kind: 'soft' | 'hard'
  label: string
  evidence: string
  status: 'hard' | 'pending-override' | 'overridden'
  override?: Override
  rule: RuleRef
}

export interface Deadlines {
  /** Decision due (10 working days from a complete application); absent while materials are awaited. */
  decideBy?: string
  /** When the local measures add an outside approval (e.g. 政法委 +10 working days). */
  externalApprovalBy?: string
  /** 补正 notice due: 5 working days after the application. Present when materials are missing or a notice was sent. */
  notifyIncompleteBy?: string
  /** 补正 due: 30 days after the notice, moved to the next working day. */
  supplementDueBy?: string
  /** The application counts as abandoned once this date has passed without the supplement. */
  abandonedAfter?: string
  isAbandoned: boolean
  /** Years outside the holiday calendar whose days were counted as Monday–Friday (never silently: see findings). */
  calendarFallbackYears: number[]
}

export interface Assessment {
  eligible: boolean | 'needs-override'
  findings: Finding[]
  matchedItems: MatchedItem[]
  exclusions: ExclusionResult[]
  deadlines: Deadlines
}

type Facts = ApplicationFacts & {
  harm: NonNullable<ApplicationFacts['harm']>
  offender: NonNullable<ApplicationFacts['offender']>
}

const CLOSE_RELATIVES: ReadonlySet<RelationToVictim> = new Set(['spouse', 'parent', 'child', 'sibling'])
const RELATION_LABEL: Record<RelationToVictim, string> = {
  self: '本人',
  spouse: '配偶',
  parent: '父母',
  child: '子女',
  sibling: '兄弟姐妹',
  dependant: '被扶养人',
  other: '其他人',
}
const RETALIATION_ACT = { informant: '举报', witness: '作证', appraiser: '鉴定' } as const

function injured(f: Facts): boolean {
  const h = f.harm
  return !!(
    h.personalInjury ||
    h.seriousInjury ||
    h.severeDisability ||
    h.lostWorkingAbility ||
    h.lifeEndangered ||
    h.urgentTreatment
  )
}

function urgentHardship(f: Facts): boolean {
  return !!f.hardship?.urgent || !!(f.harm.urgentTreatment && f.harm.cannotAffordMedicalCosts)
}

/** Each condition of the rule-set vocabulary: whether it holds, and how to say so in the “why”. */
const CONDITIONS: Record<Condition, { holds: (f: Facts) => boolean; why: (f: Facts) => string }> = {
  criminalVictim: { holds: (f) => !!f.criminalCase, why: () => '损害由犯罪行为造成（刑事案件被害人）' },
  seriousInjury: { holds: (f) => !!f.harm.seriousInjury, why: () => '被害人重伤' },
  severeDisability: {
    holds: (f) => !!f.harm.severeDisability,
    why: (f) => (f.harm.disabilityGrade ? `被害人严重残疾（伤残${f.harm.disabilityGrade}级）` : '被害人严重残疾'),
  },
  personalInjury: { holds: injured, why: () => '人身受到伤害' },
  lifeEndangered: { holds: (f) => !!f.harm.lifeEndangered, why: () => '危及生命' },
  urgentTreatment: { holds: (f) => !!f.harm.urgentTreatment, why: () => '急需救治' },
  cannotAffordMedical: { holds: (f) => !!f.harm.cannotAffordMedicalCosts, why: () => '无力承担医疗救治费用' },
  victimDied: { holds: (f) => !!f.harm.death, why: () => '被害人死亡' },
  lostWorkingAbility: { holds: (f) => !!f.harm.lostWorkingAbility, why: () => '被害人丧失劳动能力' },
  majorPropertyLoss: { holds: (f) => !!f.harm.majorPropertyLoss, why: () => '财产遭受重大损失' },
  retaliated: {
    holds: (f) => !!f.harm.retaliation,
    why: (f) => `因${f.harm.retaliation ? RETALIATION_ACT[f.harm.retaliation.role] : '举报、作证、鉴定'}受到打击报复`,
  },
  retaliationForProcuratorate: {
    holds: (f) => !!f.harm.retaliation?.forProcuratorate,
    why: () => '系因向检察机关举报、作证或受检察机关委托鉴定',
  },
  civilTortInjury: {
    holds: (f) => !!(f.harm.civilTort || f.harm.trafficAccident) && injured(f),
    why: (f) => (f.harm.trafficAccident ? '道路交通事故造成人身伤害' : '民事侵权行为造成人身伤害'),
  },
  maintenanceUnpaid: {
    holds: (f) => !!f.harm.maintenanceUnpaid,
    why: () => '追索赡养费、扶养费、抚育费，对方无履行能力',
  },
  caseUnsolved: { holds: (f) => !!f.offender.unknownOrUnsolved, why: () => '案件无法侦破' },
  timeBarred: { holds: (f) => !!f.offender.timeBarred, why: () => '已过追诉时效' },
  offenderDead: { holds: (f) => !!f.offender.dead, why: () => '加害人死亡' },
  offenderUnableToPay: { holds: (f) => !!f.offender.unableToPay, why: () => '加害人没有赔偿能力或赔偿能力不足' },
  noLitigationCompensation: { holds: (f) => !f.compensationObtainedViaLitigation, why: () => '无法通过诉讼获得赔偿' },
  hardship: { holds: urgentHardship, why: () => '生活面临急迫困难' },
  applicantCloseRelative: {
    holds: (f) => CLOSE_RELATIVES.has(f.relationToVictim ?? 'self'),
    why: (f) => `申请人系被害人的${RELATION_LABEL[f.relationToVictim ?? 'self']}（近亲属）`,
  },
  applicantCloseRelativeOrDependant: {
    holds: (f) => CLOSE_RELATIVES.has(f.relationToVictim ?? 'self') || f.relationToVictim === 'dependant',
    why: (f) =>
      f.relationToVictim === 'dependant'
        ? '申请人系被害人赡养、扶养、抚养的人'
        : `申请人系被害人的${RELATION_LABEL[f.relationToVictim ?? 'self']}（近亲属）`,
  },
  petitionDemandReasonable: { holds: (f) => !!f.petition?.demandReasonable, why: () => '信访诉求具有一定合理性' },
  petitionCannotBeResolvedLegally: {
    holds: (f) => !!f.petition && f.petition.cannotBeResolvedLegally !== false,
    why: () => '通过法律途径难以解决',
  },
  petitionAgreesToStop: { holds: (f) => !!f.petition?.agreesToStopPetitioning, why: () => '愿意接受救助后息诉息访' },
  otherNeedStated: {
    holds: (f) => !!f.otherNeedReason?.trim(),
    why: (f) => `认为需要救助的理由：${f.otherNeedReason?.trim() ?? ''}`,
  },
}

/**
 * The conditions an item requires in full. A criminal-victim item always requires `criminalVictim`, also when its
 * rule set was written before that condition existed (an older rule set from a standards bundle): otherwise a civil
 * tort's property loss would pass for a crime victim's (2021 细则 第七条（四）).
 */
function requiredAll(item: CategoryItem): readonly Condition[] {
  const all = item.match.all
  return item.kind === 'criminal-victim' && !all.includes('criminalVictim') ? ['criminalVictim', ...all] : all
}

/** Whether a category item's conditions hold; if so, the Chinese “why”. */
function matchItem(item: CategoryItem, f: Facts): string | undefined {
  const groups = item.match.anyOf ?? []
  const all = requiredAll(item)
  if (!all.every((c) => CONDITIONS[c].holds(f))) return undefined
  if (!groups.every((g) => g.some((c) => CONDITIONS[c].holds(f)))) return undefined
  const reasons = [
    ...groups.map((g) =>
      g
        .filter((c) => CONDITIONS[c].holds(f))
        .map((c) => CONDITIONS[c].why(f))
        .join('、'),
    ),
    ...all.map((c) => CONDITIONS[c].why(f)),
  ]
  return reasons.join('，')
}

/**
 * One person, one key: whitespace removed, full-width digits and letters made ASCII, upper case; a valid 居民身份证
 * number in its 18-digit form, so a 15-digit legacy number meets the 18-digit number of the same person.
 */
export function normalisePersonId(id: string): string {
  const s = id
    .replace(/\s+/g, '')
    .replace(/[０-９Ａ-Ｚａ-ｚ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase()
  const r = parseResidentId(s)
  return r.ok ? r.id : s
}

/**
 * The index keys under which records of one person may be stored: the normalised number, and for a 居民身份证 of
 * someone born in the 1900s also its legacy 15-digit form (records imported from old registers may keep it).
 */
export function personIdKeys(id: string): string[] {
  const n = normalisePersonId(id)
  const keys = [n]
  if (/^\d{6}19\d{9}[\dX]$/.test(n)) keys.push(n.slice(0, 6) + n.slice(8, 17))
  return keys
}

/** Case numbers compared loosely: no spaces, full-width digits and the usual bracket variants unified. */
export function normaliseCaseNo(caseNo: string): string {
  return caseNo
    .replace(/\s+/g, '')
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[[［【(（〔]/g, '〔')
    .replace(/[\]］】)）〕]/g, '〕')
    .toUpperCase()
}

function baseRef(rs: RuleSet, code: BaseRuleCode): RuleRef {
  const r = rs.baseRules.find((b) => b.code === code)
  return r ? { text: r.text, source: r.source } : { text: code, source: { document: rs.title, confidence: 'L' } }
}

function itemRef(item: CategoryItem): RuleRef {
  return { text: item.text, source: item.source }
}

/**
 * Assesses an application against the rule set in force (docs/domain-reference.md §3, §5 states 2–3a, §6):
 * - the rule set must be the one in force on the application date (ruleSetFor): a later or a superseded one →
 *   warning (context.ruleSets, default the built-in sets);
 * - base rule R0a–R0d (H, S6, S12): each failure is blocking, except R0b/R0c when a matched item waives it
 *   (`baseRuleExceptions`: 2021 细则 art. 7(5) drops R0c, H; the 2014 信访 clause has no harm condition, M) → warning;
 * - category items (2014 意见 H S2/S3; 2016 细则 art. 7 H S6/S10; 2021 细则 art. 7 H S13/S14): each match with its
 *   reasons; no procuratorate item → blocking; a court-only item (maintenance, 2014) → warning;
 * - exclusions (art. 8): soft X1–X6, X8 → 'needs-override' until an approver overrides with a non-empty reason;
 *   X7 (legal person or organisation) → blocking, no override, under every rule set: where the rule set does not
 *   list it (2021), the X7 text and source of the latest earlier rule set that does are cited
 *   ('eligibility.legal-person-unlisted', docs/domain/rules-amounts-eligibility.md §2.4);
 * - one-time rule (H, S2, S6): same person (normalisePersonId) and same underlying case (normaliseCaseNo) already
 *   granted in any data known (own, replicas, transfer packages) → blocking;
 * - materials (H, S7, S8) missing → warning; 补正 (H, S8): notice within 5 working days of the application,
 *   supply within 30 days of the notice (moved to the next working day), otherwise deemed abandoned → blocking;
 * - working days from calendar.ts; a year missing from the holiday data → warning naming it (never silent).
 * eligible: false with any blocking finding, else 'needs-override' while a soft exclusion is pending, else true.
 * Throws RangeError on a malformed date.
 */
export function assessApplication(
  application: ApplicationFacts,
  rules: RuleSet | EffectiveRules,
  context: AssessmentContext,
): Assessment {
  assertIsoDate(application.applicationDate)
  assertIsoDate(context.today)
  const eff = 'ruleSet' in rules ? rules : applyLocalMeasures(rules)
  const rs = eff.ruleSet
  const f: Facts = { ...application, harm: application.harm ?? {}, offender: application.offender ?? {} }
  const findings: Finding[] = []

  if (rs.effectiveDate > f.applicationDate) {
    findings.push(
      makeFinding(
        'eligibility.ruleset-not-in-force',
        'warning',
        { text: rs.title, source: rs.datesSource },
        { ruleSet: rs.shortTitle, effectiveDate: rs.effectiveDate, applicationDate: f.applicationDate },
      ),
    )
  } else {
    const inForce = ruleSetFor(f.applicationDate, context.ruleSets ?? builtInRuleSets)
    if (inForce && inForce.id !== rs.id && inForce.effectiveDate > rs.effectiveDate) {
      findings.push(
        makeFinding(
          'eligibility.ruleset-superseded',
          'warning',
          { text: inForce.title, source: inForce.datesSource },
          {
            ruleSet: rs.shortTitle,
            newer: inForce.shortTitle,
            effectiveDate: inForce.effectiveDate,
            applicationDate: f.applicationDate,
          },
        ),
      )
    }
  }

  // Category items
  const matched = rs.categories.flatMap((item) => {
    const why = matchItem(item, f)
    return why === undefined ? [] : [{ item, why }]
  })
  const procuratorateItems = matched.filter((m) => !m.item.courtOnly)

  // Base rule. R0b and R0c fail softly (warning) when a matched item of the rule set does not require them.
  const waiverOf = (code: BaseRuleCode) => procuratorateItems.find((m) => m.item.baseRuleExceptions?.includes(code))
  const failBase = (code: 'R0b' | 'R0c', blocked: 'eligibility.no-harm' | 'eligibility.compensation-obtained') => {
    const waiver = waiverOf(code)
    findings.push(
      waiver
        ? makeFinding(`${blocked}-waived`, 'warning', itemRef(waiver.item), {
            item: waiver.item.code,
            label: waiver.item.label,
          })
        : makeFinding(blocked, 'blocking', baseRef(rs, code)),
    )
  }
  if (!f.linkedToProcuratorateCase)
    findings.push(makeFinding('eligibility.no-case-link', 'blocking', baseRef(rs, 'R0a')))
  if (!injured(f) && !f.harm.death && !f.harm.majorPropertyLoss) failBase('R0b', 'eligibility.no-harm')
  if (f.compensationObtainedViaLitigation) failBase('R0c', 'eligibility.compensation-obtained')
  if (!urgentHardship(f)) findings.push(makeFinding('eligibility.no-hardship', 'blocking', baseRef(rs, 'R0d')))

  for (const { item, why } of matched) {
    findings.push(
      item.courtOnly
        ? makeFinding('eligibility.court-only-item', 'warning', itemRef(item), { item: item.code, label: item.label })
        : makeFinding('eligibility.item-matched', 'info', itemRef(item), { item: item.code, label: item.label, why }),
    )
  }
  if (procuratorateItems.length === 0) {
    findings.push(
      makeFinding(
        'eligibility.no-item-matched',
        'blocking',
        { text: rs.categories.map((c) => `${c.code} ${c.label}`).join('；'), source: rs.categories[0]!.source },
        { ruleSet: rs.shortTitle },
      ),
    )
  }

  const exclusions = assessExclusions(f, rs, context.ruleSets ?? builtInRuleSets, findings)
  findings.push(...oneTimeFindings(f, rs, context.priorGrants))
  const missing = missingMaterials(f, rs)
  if (missing.length > 0) {
    findings.push(
      makeFinding('eligibility.materials-missing', 'warning', rs.materialsRule, {
        items: missing.map((m) => m.label).join('、'),
      }),
    )
  }
  const deadlines = supplementDeadlines(f, eff, context, missing.length > 0, findings)

  const pending = exclusions.some((e) => e.status === 'pending-override')
  return {
    eligible: hasBlocking(findings) ? false : pending ? 'needs-override' : true,
    findings,
    matchedItems: matched.map((m) => ({ itemCode: m.item.code, why: m.why })),
    exclusions,
    deadlines,
  }
}

/** When no known rule set lists X7: the 2014 意见's words (救助对象, “对法人、其他组织不予救助”, M). */
const X7_FALLBACK: Exclusion = {
  code: 'X7',
  kind: 'hard',
  label: '申请人为法人或其他组织',
  text: '对法人、其他组织不予救助。',
  source: { document: '《关于建立完善国家司法救助制度的意见（试行）》', confidence: 'M' },
}

/**
 * X7 as the rule set lists it, else as the latest earlier rule set known lists it (2021: the 2016 细则 第八条), so
 * that a legal person or other organisation is blocked under every rule set. Always hard.
 */
function x7Of(rs: RuleSet, known: readonly RuleSet[]): { exclusion: Exclusion; listed: boolean } {
  const own = rs.exclusions.find((e) => e.code === 'X7')
  if (own) return { exclusion: { ...own, kind: 'hard' }, listed: true }
  const earlier = [...known]
    .filter((k) => k.effectiveDate <= rs.effectiveDate)
    .sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate))
    .flatMap((k) => k.exclusions.filter((e) => e.code === 'X7'))
    .at(-1)
  return { exclusion: { ...(earlier ?? X7_FALLBACK), kind: 'hard' }, listed: false }
}

function sourceText(source: RuleRef['source']): string {
  return `${source.document}${source.article ?? ''}`
}

/** Exclusions that apply (those of the rule set, and X7 always), with their override status; pushes the findings. */
function assessExclusions(f: Facts, rs: RuleSet, known: readonly RuleSet[], findings: Finding[]): ExclusionResult[] {
  const results: ExclusionResult[] = []
  const isOrganisation = !!f.applicantKind && f.applicantKind !== 'natural-person'
  const x7 = x7Of(rs, known)
  const list = x7.listed
    ? rs.exclusions.map((e) => (e.code === 'X7' ? x7.exclusion : e))
    : [...rs.exclusions, x7.exclusion]
  for (const e of list) {
    const fact = f.exclusions?.[e.code]
    const auto = e.code === 'X7' && isOrganisation
    if (!fact?.applies && !auto) continue
    const rule: RuleRef = { text: e.text, source: e.source }
    const evidence = fact?.evidence?.trim() || (auto ? '申请人为法人或其他组织' : '（未写明依据）')
    const p = { code: e.code, label: e.label, evidence }
    const ov = fact?.override
    if (e.kind === 'hard') {
      results.push({ code: e.code, kind: e.kind, label: e.label, evidence, status: 'hard', rule })
      findings.push(
        e.code === 'X7' && !x7.listed
          ? makeFinding('eligibility.legal-person-unlisted', 'blocking', rule, {
              ...p,
              ruleSet: rs.shortTitle,
              rule: e.text.replace(/[。；]$/, ''),
              source: sourceText(e.source),
            })
          : makeFinding('eligibility.exclusion-hard', 'blocking', rule, p),
      )
      if (ov) findings.push(makeFinding('eligibility.override-not-allowed', 'warning', rule, p))
      continue
    }
    if (ov && ov.reason.trim().length > 0) {
      const override = { reason: ov.reason.trim(), by: ov.by.trim() }
      results.push({ code: e.code, kind: e.kind, label: e.label, evidence, status: 'overridden', override, rule })
      findings.push(
        makeFinding('eligibility.exclusion-overridden', 'info', rule, {
          ...p,
          reason: override.reason,
          by: override.by || '审批人',
        }),
      )
      continue
    }
    results.push({ code: e.code, kind: e.kind, label: e.label, evidence, status: 'pending-override', rule })
    findings.push(makeFinding('eligibility.exclusion-soft', 'warning', rule, p))
    if (ov) findings.push(makeFinding('eligibility.override-reason-missing', 'warning', rule, p))
  }
  const listed = new Set(list.map((e) => e.code))
  const setRef: RuleRef = { text: rs.title, source: rs.datesSource }
  for (const [code, fact] of Object.entries(f.exclusions ?? {})) {
    if (fact?.applies && !listed.has(code as ExclusionCode)) {
      findings.push(
        makeFinding('eligibility.exclusion-not-listed', 'warning', setRef, { code, ruleSet: rs.shortTitle }),
      )
    }
  }
  return results
}

/** The one-time rule across every grant known (own data, replicas, transfer packages). */
function oneTimeFindings(f: Facts, rs: RuleSet, priorGrants: readonly PriorGrant[]): Finding[] {
  const rule = rs.oneTimeRule
  const missing = [
    f.applicantIdNumber?.trim() ? '' : '申请人身份证号码',
    f.underlyingCaseNo?.trim() ? '' : '原案件编号',
  ].filter(Boolean)
  const out: Finding[] = []
  if (missing.length > 0) {
    out.push(makeFinding('eligibility.one-time-unchecked', 'warning', rule, { missing: missing.join('和') }))
    if (!f.applicantIdNumber?.trim()) return out
  }
  const id = normalisePersonId(f.applicantIdNumber!)
  const caseNo = f.underlyingCaseNo?.trim() ? normaliseCaseNo(f.underlyingCaseNo) : null
  const sameCase = priorGrants.filter(
    (g) =>
      caseNo !== null &&
      normaliseCaseNo(g.underlyingCaseNo) === caseNo &&
      (f.caseId === undefined || g.caseId !== f.caseId),
  )
  const seen = new Set<string>()
  for (const g of sameCase) {
    if (normalisePersonId(g.personIdNumber) !== id || seen.has(g.caseId)) continue
    seen.add(g.caseId)
    if (g.via === 'transfer') {
      out.push(transferFinding(g, true, rule))
      continue
    }
    out.push(
      makeFinding('eligibility.one-time', 'blocking', rule, {
        unit: g.unitName ? `${g.unitName}（${g.unitCode}）` : g.unitCode,
        caseNo: g.underlyingCaseNo,
        caseId: g.caseId,
        decidedOn: g.decidedOn,
      }),
    )
  }
  // A transfer package names the person; the case number it gives may be the court's or the police's, so the same
  // person under another case number is shown for the reviewer to check rather than silently passed.
  for (const g of priorGrants) {
    if (g.via !== 'transfer' || seen.has(g.caseId) || normalisePersonId(g.personIdNumber) !== id) continue
    seen.add(g.caseId)
    out.push(transferFinding(g, false, rule))
  }
  const others = sameCase.filter((g) => normalisePersonId(g.personIdNumber) !== id)
  if (others.length > 0) {
    out.push(
      makeFinding('eligibility.same-case-other-person', 'info', rule, {
        caseNo: f.underlyingCaseNo,
        count: new Set(others.map((g) => g.caseId)).size,
      }),
    )
  }
  return out
}

function transferFinding(g: PriorGrant, sameCase: boolean, rule: RuleRef): Finding {
  const unit = g.unitName ? `${g.unitName}（${g.unitCode}）` : g.unitCode
  const common = { unit, caseNo: g.underlyingCaseNo || '（未载明）', decidedOn: g.decidedOn, caseId: g.caseId }
  if (g.outcome === 'refused') return makeFinding('eligibility.prior-transfer-refused', 'info', rule, common)
  const money = g.amountFen !== undefined && g.amountFen > 0
  const amounts = {
    amount: money ? formatYuanWithUnit(g.amountFen!) : '（金额未载明）',
    amountInWords: money ? toChineseUppercase(g.amountFen!) : '—',
  }
  return sameCase
    ? makeFinding('eligibility.one-time-transfer', 'blocking', rule, {
        ...common,
        ...amounts,
        paidOn: g.paidOn,
        documentNo: g.documentNo,
      })
    : makeFinding('eligibility.prior-transfer-other-case', 'warning', rule, { ...common, ...amounts })
}

/**
 * The one-time rule alone (for the case screen): the same findings `assessApplication` gives for it, from the
 * applicant's ID number and the underlying case number, against every grant known (own cases, other offices'
 * replicas, imported transfer packages).
 */
export function oneTimeCheck(
  application: Pick<ApplicationFacts, 'caseId' | 'applicantIdNumber' | 'underlyingCaseNo'>,
  rules: RuleSet | EffectiveRules,
  priorGrants: readonly PriorGrant[],
): Finding[] {
  const rs = 'ruleSet' in rules ? rules.ruleSet : rules
  const f = { ...application, applicationDate: '', harm: {}, offender: {} } as Facts
  return oneTimeFindings(f, rs, priorGrants)
}

/** Required materials of the rule set not yet received, in checklist order. */
function missingMaterials(f: Facts, rs: RuleSet) {
  const capacity = f.capacity?.kind ?? 'self'
  const relative = (f.relationToVictim ?? 'self') !== 'self' || capacity === 'legal-representative'
  const received = (code: MaterialCode) =>
    !!f.materials?.some((m) => m.code === code && m.received) ||
    (code === 'hardshipProof' && !!(f.hardship?.proofPresent || f.hardship?.procuratorateObtainsProof)) ||
    (code === 'relationshipProof' && !!f.capacity?.relationshipProof) ||
    (code === 'powerOfAttorney' && !!f.capacity?.powerOfAttorney)
  return rs.materials.filter((m) => {
    const required =
      m.requiredWhen === 'always' ||
      (m.requiredWhen === 'relative-or-representative' && relative) ||
      (m.requiredWhen === 'entrusted-agent' && capacity === 'entrusted-agent')
    return required && !received(m.code)
  })
}

/**
 * 补正 and decision deadlines (docs/domain-reference.md §5 states 3a and 6); pushes the deadline findings. When the materials are
 * complete after a notice but no supplement date was entered, the latest receipt date recorded on a material (on or
 * after the notice) stands for it; without one the date is unknown and the application is not called abandoned.
 */
function supplementDeadlines(
  f: Facts,
  eff: EffectiveRules,
  context: AssessmentContext,
  incomplete: boolean,
  findings: Finding[],
): Deadlines {
  const cal = context.calendar
  const t = eff.timeLimits
  const fallbackYears = new Set<number>()
  const track = (r: { date: string; fallbackYears: number[] }) => {
    for (const y of r.fallbackYears) fallbackYears.add(y)
    return r.date
  }
  const addWd = (date: string, n: number) => track(addWorkingDaysDetailed(date, n, cal))
  const deadlines: Deadlines = { isAbandoned: false, calendarFallbackYears: [] }
  const notified = f.notifiedIncompleteOn
  if (notified) assertIsoDate(notified)
  if (f.supplementReceivedOn) assertIsoDate(f.supplementReceivedOn)
  let received = f.supplementReceivedOn
  let receivedUnknown = false

  if (incomplete || notified) {
    const notifyBy = addWd(f.applicationDate, t.supplementNoticeWorkingDays.value)
    deadlines.notifyIncompleteBy = notifyBy
    const noticeRule = t.supplementNoticeWorkingDays.rule
    if (!notified) {
      findings.push(
        context.today > notifyBy
          ? makeFinding('eligibility.supplement-notice-overdue', 'warning', noticeRule, { by: notifyBy })
          : makeFinding('eligibility.supplement-notice-due', 'info', noticeRule, { by: notifyBy }),
      )
    } else {
      if (notified > notifyBy) {
        findings.push(
          makeFinding('eligibility.supplement-notice-late', 'warning', noticeRule, { on: notified, by: notifyBy }),
        )
      }
      const dueBy = track(addCalendarDaysDeadlineDetailed(notified, t.supplementDays.value, cal))
      deadlines.supplementDueBy = dueBy
      deadlines.abandonedAfter = dueBy
      const periodRule = t.supplementDays.rule
      if (received === undefined && !incomplete) {
        received = (f.materials ?? [])
          .flatMap((m) => (m.received && m.receivedOn && m.receivedOn >= notified ? [m.receivedOn] : []))
          .sort()
          .at(-1)
        receivedUnknown = received === undefined
      }
      const suppliedInTime = received !== undefined && received <= dueBy
      deadlines.isAbandoned = !receivedUnknown && !suppliedInTime && (context.today > dueBy || (received ?? '') > dueBy)
      if (deadlines.isAbandoned) {
        findings.push(makeFinding('eligibility.abandoned', 'blocking', periodRule, { after: dueBy }))
      } else if (receivedUnknown) {
        findings.push(makeFinding('eligibility.supplement-date-unknown', 'warning', periodRule, { by: dueBy }))
      } else if (received === undefined) {
        findings.push(makeFinding('eligibility.supplement-awaiting', 'info', periodRule, { on: notified, by: dueBy }))
      }
    }
  }

  const start = notified ? (deadlines.isAbandoned ? undefined : received) : f.applicationDate
  if (start) {
    deadlines.decideBy = addWd(start, t.decideWorkingDays.value)
    const extra = t.externalApprovalWorkingDays
    if (extra) deadlines.externalApprovalBy = addWd(deadlines.decideBy, extra.value)
  }
  deadlines.calendarFallbackYears = [...fallbackYears].sort((a, b) => a - b)
  if (fallbackYears.size > 0) {
    findings.push(
      makeFinding(
        'eligibility.calendar-fallback',
        'warning',
        {
          text: '期限按国务院办公厅公布的节假日和调休安排计算工作日。',
          source: { document: '国务院办公厅关于部分节假日安排的通知', confidence: 'H' },
        },
        { years: deadlines.calendarFallbackYears.join('、') },
      ),
    )
  }
  return deadlines
}
