import type { CategoryKind } from '../../../domain/rulesets'
import {
  donorKinds,
  fundSources,
  originDepartments,
  priorityGroups,
  type ReferralKind,
  referralKinds,
} from '../../../domain/schemas'
import type { Period } from '../../period'
import type { ScopeIndex } from '../../units'
import type { ProvenanceParts } from '../common'
import type { StatsClue, StatsOptions } from './input'

/*
 * The counter layout of the statistics: every line (STATS_LINES) has three measures, 件 / 人 / 金额（分）, at
 * lineOffset(line) + C / P / F of an office's vector; the aggregate a collection produces.
 */

export const categoryKindLabels: Record<CategoryKind | 'none', string> = {
  'criminal-victim': '刑事被害人及其近亲属',
  witness: '举报人、证人、鉴定人',
  'civil-tort': '民事侵权受害人',
  other: '其他人员',
  none: '未注明救助情形',
}
export const categoryKinds = ['criminal-victim', 'witness', 'civil-tort', 'other', 'none'] as const

/** Referral kinds that link to social assistance (社会救助衔接: 低保、临时救助、医疗、教育、就业). */
export const socialAssistanceKinds: readonly ReferralKind[] = [
  'social-assistance',
  'temporary-assistance',
  'medical',
  'education',
  'employment',
]

export const STATS_LINES = [
  'clues',
  'clues:case-department',
  'clues:external',
  'clues:upper-level',
  'informed',
  'applied',
  'accepted',
  'exOfficio',
  'withdrawn',
  'abandoned',
  'granted',
  'advance',
  'refused',
  'paid',
  'joint',
  'recovered',
  ...originDepartments.map((d) => `origin:${d}`),
  'origin:unspecified',
  'origin:none',
  ...priorityGroups.map((g) => `group:${g}`),
  ...categoryKinds.map((k) => `kind:${k}`),
  'referrals',
  ...referralKinds.map((k) => `referral:${k}`),
  'referral:social',
  'referralCases',
  'followUps',
  'funds',
  ...fundSources.map((s) => `fund:${s}`),
  'donations',
  ...donorKinds.map((k) => `donor:${k}`),
] as const
export type StatsLine = (typeof STATS_LINES)[number] | `origin:${string}` | `group:${string}` | `kind:${string}`

const LINE_INDEX = new Map<string, number>(STATS_LINES.map((l, i) => [l, i * 3]))
/** Offset of a line's first measure in an office vector. */
export function lineOffset(line: string): number {
  const i = LINE_INDEX.get(line)
  if (i === undefined) throw new RangeError(`未知的统计项：${line}`)
  return i
}
export const VECTOR_LENGTH = STATS_LINES.length * 3
/** The three measures of a line: 件 (count), 人 (persons), 金额（分）. */
export const C = 0
export const P = 1
export const F = 2

export const O_CLUES = lineOffset('clues')
export const O_CLUE_SOURCE: Record<StatsClue['source'], number> = {
  'case-department': lineOffset('clues:case-department'),
  external: lineOffset('clues:external'),
  'upper-level': lineOffset('clues:upper-level'),
}
export const O_INFORMED = lineOffset('informed')
export const O_APPLIED = lineOffset('applied')
export const O_ACCEPTED = lineOffset('accepted')
export const O_EX_OFFICIO = lineOffset('exOfficio')
export const O_WITHDRAWN = lineOffset('withdrawn')
export const O_ABANDONED = lineOffset('abandoned')
export const O_GRANTED = lineOffset('granted')
export const O_ADVANCE = lineOffset('advance')
export const O_REFUSED = lineOffset('refused')
export const O_PAID = lineOffset('paid')
export const O_JOINT = lineOffset('joint')
export const O_RECOVERED = lineOffset('recovered')
export const O_ORIGIN = new Map<string, number>(originDepartments.map((d) => [d, lineOffset(`origin:${d}`)]))
export const O_ORIGIN_NONE = lineOffset('origin:none')
export const O_ORIGIN_UNSPECIFIED = lineOffset('origin:unspecified')
/** The government fund levels whose joint funding makes 多级资金联合救助 (省、市、县; not 中央 transfers, not donations). */
export const JOINT_LEVEL_BIT = new Map<string, number>([
  ['province', 1],
  ['city', 2],
  ['county', 4],
])
export const O_GROUP = priorityGroups.map((g) => lineOffset(`group:${g}`))
export const O_KIND = new Map<string, number>(categoryKinds.map((k) => [k, lineOffset(`kind:${k}`)]))
export const O_REFERRALS = lineOffset('referrals')
export const O_REFERRAL_KIND = new Map<string, number>(referralKinds.map((k) => [k, lineOffset(`referral:${k}`)]))
export const O_REFERRAL_SOCIAL = lineOffset('referral:social')
export const O_REFERRAL_CASES = lineOffset('referralCases')
export const O_FOLLOW_UPS = lineOffset('followUps')
export const O_FUNDS = lineOffset('funds')
export const O_FUND = new Map<string, number>(fundSources.map((s) => [s, lineOffset(`fund:${s}`)]))
export const O_DONATIONS = lineOffset('donations')
export const O_DONOR = new Map<string, number>(donorKinds.map((k) => [k, lineOffset(`donor:${k}`)]))
export const SOCIAL = new Set<string>(socialAssistanceKinds)
export const GROUP_BIT = new Map<string, number>(priorityGroups.map((g, i) => [g, 1 << i]))

/** One office's counters. `categories`: item code ('' = none) → [件, 人, 分] of granted cases. */
export class OfficeStats {
  readonly v = new Float64Array(VECTOR_LENGTH)
  readonly categories = new Map<string, Float64Array>()
  readonly referralCases = new Set<string>()
  /** Per month of the period: applications, granted cases, paid 分 (工作台 trend charts). */
  readonly months: Float64Array
  constructor(monthCount: number) {
    this.months = new Float64Array(monthCount * 3)
  }
}

export interface CategoryInfo {
  code: string
  label: string
  kind: CategoryKind | 'none'
  ruleSetId: string
  ruleSetShort: string
}

export interface StatsAggregate {
  options: StatsOptions
  period: Period
  scope: ScopeIndex
  /** In-scope offices that had records, by unit code. */
  offices: Map<string, OfficeStats>
  /** Category rows in print order (rule sets in force in the period, then any other code seen). */
  categories: CategoryInfo[]
  small: { cases: number; grantedFen: number }
  excluded: Record<string, number>
  provenance: ProvenanceParts
  months: string[]
}
