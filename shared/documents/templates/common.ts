import { formatYuanWithUnit } from '../../domain/money'
import { applyLocalMeasures, type CategoryItem, type EffectiveRules, ruleSetFor } from '../../domain/rulesets'
import { governingDate } from '../../domain/rulesInForce'
import {
  type Case,
  caseStageLabels,
  type Explanation,
  type ExplanationMethod,
  idTypeLabels,
  type Person,
  priorityGroupLabels,
  type RefusalReason,
  refusalReasonLabels,
  relationLabels,
  sexLabels,
  victimOutcomeLabels,
} from '../../domain/schemas'
import { numericDate } from './format'
import type { DocumentContext, Needs } from './types'

/** Shared readings of the record for the templates: persons, names, rules and the sentences several documents use. */

export const NO_CASE = '救助案件记录（尚未立案）'

export function personById(ctx: DocumentContext, id: string | undefined): Person | undefined {
  return id === undefined ? undefined : ctx.persons?.find((p) => p.id === id)
}

export function applicantOf(ctx: DocumentContext): Person | undefined {
  return personById(ctx, ctx.case?.applicantId)
}

/** The victim when it is another person than the applicant. */
export function otherVictimOf(ctx: DocumentContext): Person | undefined {
  const c = ctx.case
  if (!c?.victimId || c.victimId === c.applicantId) return undefined
  return personById(ctx, c.victimId)
}

/** Requires the case, its applicant and any other victim, with their person records present in `persons`. */
export function needParties(ctx: DocumentContext, n: Needs): { c: Case; applicant: Person } {
  const c = n.need(ctx.case, NO_CASE)
  if (c && !c.applicantId) n.fail('申请人（案件尚未登记申请人）')
  else if (c) n.need(applicantOf(ctx), '申请人的身份信息（人员记录未提供）')
  if (c?.victimId && c.victimId !== c.applicantId)
    n.need(personById(ctx, c.victimId), '被害人的身份信息（人员记录未提供）')
  return { c, applicant: applicantOf(ctx) as Person }
}

export function userName(ctx: DocumentContext, id: string | undefined): string {
  if (!id) return ''
  return ctx.users?.find((u) => u.id === id)?.displayName ?? ''
}

export function unitName(ctx: DocumentContext, code: string | undefined): string {
  if (!code) return ''
  if (code === ctx.office.code) return ctx.office.name
  return ctx.units?.find((u) => u.code === code)?.name ?? `单位代码${code}`
}

/** The rules in force: the context's, else the built-in rule set for the case's governing date. */
export function rulesOf(ctx: DocumentContext): EffectiveRules | undefined {
  if (ctx.rules) return ctx.rules
  const c = ctx.case
  const date = c ? governingDate(c, ctx.today) : (ctx.clue?.referredOn ?? ctx.today)
  const set = ruleSetFor(date)
  return set ? applyLocalMeasures(set) : undefined
}

/** “根据《人民检察院开展国家司法救助工作细则》的规定” or, before any rule set, “根据国家司法救助的有关规定”. */
export function accordingTo(ctx: DocumentContext): string {
  const set = rulesOf(ctx)?.ruleSet
  return set ? `根据《${set.title}》的规定` : '根据国家司法救助的有关规定'
}

export function categoryOf(ctx: DocumentContext): CategoryItem | undefined {
  const code = ctx.case?.categoryItemCode
  return code ? rulesOf(ctx)?.ruleSet.categories.find((c) => c.code === code) : undefined
}

/** 《细则》第七条第（一）项规定的“重伤或严重残疾”情形, or the recorded code when the rule set does not know it. */
export function categoryCitation(ctx: DocumentContext): string | undefined {
  const item = categoryOf(ctx)
  if (item) {
    const article = item.source.article ?? ''
    return `${item.source.document}${article}规定的“${item.label}”情形`
  }
  const code = ctx.case?.categoryItemCode
  return code ? `救助情形（${code}）` : undefined
}

/** The 文号 of a document the record does not number: the given number, else the case number. */
export function docNoOf(ctx: DocumentContext): string | undefined {
  return ctx.docNo ?? ctx.case?.caseNo
}

/** 男 / 女 and the birth date, joined for a description: “男，1949年12月31日出生”. */
function sexAndBirth(p: Person): string[] {
  return [p.sex ? sexLabels[p.sex] : '', p.birthDate ? `${numericDate(p.birthDate)}出生` : ''].filter(Boolean)
}

export function idText(p: Person): string {
  return `${idTypeLabels[p.idType]}号码${p.idNumber}`
}

export function addressOf(p: Person): string {
  return p.residence?.address || p.household?.address || ''
}

/** “张三，男，1949年12月31日出生，居民身份证号码…，户籍地…，住…，联系电话…” */
export function describePerson(p: Person, opts: { phone?: boolean } = {}): string {
  const parts = [p.name, ...sexAndBirth(p), idText(p)]
  if (p.household?.address) parts.push(`户籍地${p.household.address}`)
  if (p.residence?.address && p.residence.address !== p.household?.address) parts.push(`住${p.residence.address}`)
  if (opts.phone !== false && p.phone) parts.push(`联系电话${p.phone}`)
  return parts.join('，')
}

export function priorityText(p: Person): string {
  return p.priorityFlags.map((f) => priorityGroupLabels[f]).join('、')
}

/** “申请人与被害人的关系：配偶。” from the case's relation, when the applicant is another person than the victim. */
export function relationText(c: Case): string | undefined {
  if (!c.relation || c.relation === 'self') return undefined
  return `申请人与被害人的关系：${relationLabels[c.relation]}。`
}

/** “故意伤害” from a charge typed as “故意伤害罪” or “故意伤害”: a case is named by its 案由, never “…罪一案”. */
function chargeName(charge: string): string {
  return charge.replace(/罪$/, '')
}

/**
 * The underlying case by its number and 案由: “京朝检刑诉〔2026〕88号故意伤害案（审查起诉阶段）”. Names no person, so
 * nobody reads as the offender (docs/documents.md “原案件的写法”).
 */
export function underlyingText(c: Case): string | undefined {
  const u = c.underlyingCase
  if (!u?.caseNo && !u?.charge) return undefined
  const name = `${u.caseNo ?? '原'}${u.charge ? chargeName(u.charge) : ''}案`
  return u.stage ? `${name}（${caseStageLabels[u.stage]}阶段）` : name
}

/**
 * Who the applicant is in the underlying case, for the opening of a decision: “申请人张秀兰系京朝检刑诉〔2026〕88号
 * 故意伤害案被害人李小明的父母” or, when the applicant is the victim, “申请人李小明系…案的被害人”. The case is named
 * by number and 案由 and the victim by name; the applicant is never put as the subject of the crime.
 */
export function applicantStanding(c: Case, applicant: Person, victim: Person | undefined): string {
  const underlying = underlyingText(c) ?? '原案'
  if (!victim) return `申请人${applicant.name}系${underlying}的被害人`
  const rel = c.relation && c.relation !== 'self' && c.relation !== 'other' ? relationLabels[c.relation] : '近亲属'
  return `申请人${applicant.name}系${underlying}被害人${victim.name}的${rel}`
}

/** What the victim suffered: “重伤、致残（七级），医疗费用12,000.00元”. */
export function harmText(c: Case): string | undefined {
  const v = c.victim
  if (!v) return undefined
  const outcomes = v.outcomes
    .map((o) =>
      o === 'disability' && v.disabilityGrade ? `致残（${v.disabilityGrade}级伤残）` : victimOutcomeLabels[o],
    )
    .join('、')
  const parts = [outcomes]
  if (v.medicalCostsFen) parts.push(`医疗费用${formatYuanWithUnit(v.medicalCostsFen)}`)
  if (v.propertyLossFen) parts.push(`财产损失${formatYuanWithUnit(v.propertyLossFen)}`)
  if (v.appraisalRef) parts.push(`鉴定意见${v.appraisalRef}`)
  return parts.join('，')
}

export function refusalReasonList(reasons: readonly RefusalReason[]): string[] {
  return reasons.map((r, i) => `${i + 1}. ${refusalReasonLabels[r]}。`)
}

/** Contact of the 控申 department for notices to the party: “联系人：李承办；联系电话：…；地址：…”. */
export function contactText(ctx: DocumentContext): string {
  const c = ctx.contact
  const parts = [
    `联系人：${c?.name || '　　　　'}`,
    `联系电话：${c?.phone || '　　　　　　'}`,
    ...(c?.address ? [`地址：${c.address}`] : []),
    ...(c?.postcode ? [`邮政编码：${c.postcode}`] : []),
  ]
  return parts.join('；')
}

/** The contact as a closing paragraph of a notice. */
export function contactParagraph(ctx: DocumentContext): string {
  return `如有疑问，请与本院控告申诉检察部门联系（${contactText(ctx)}）。`
}

/**
 * The sentence on social assistance for those not (or not fully) helped (SPP 2014 implementing opinion, 三), to the
 * party (“你”) or about the applicant in a decision.
 */
export function socialAssistanceSentence(to: 'party' | 'applicant'): string {
  return to === 'party'
    ? '你如生活仍有困难、符合社会救助条件的，本院可以协调你户籍所在地的有关部门，帮助你申请纳入社会救助范围。'
    : '申请人生活仍有困难、符合社会救助条件的，本院可以协调其户籍所在地的有关部门，帮助其申请纳入社会救助范围。'
}

const EXPLAINED: Record<ExplanationMethod, string> = {
  'in-person': '当面',
  phone: '通过电话',
  written: '书面',
  other: '以其他方式',
}

/** “本院已于2026年4月8日当面向申请人解释说明了不予救助的理由。” */
export function explanationSentence(e: Pick<Explanation, 'method' | 'date'>, to: 'party' | 'applicant'): string {
  return `本院已于${numericDate(e.date)}${EXPLAINED[e.method]}向${to === 'party' ? '你' : '申请人'}解释说明了不予救助的理由。`
}

/** The one-time rule as it is told to the party (docs/domain-reference.md §2 一次性救助; H, S2, S6). */
export const ONE_TIME_SENTENCE = '国家司法救助对同一案件的同一救助对象只救助一次，不收取任何费用。'
