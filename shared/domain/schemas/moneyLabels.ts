import type { WageFallback, WageSeries } from '../ruleCodes'
import { codesOf } from './closedList'

/** Chinese labels of the closed lists about funds, payment, recovery and diversified assistance (see labels.ts). */

/** Funding levels of the fund split and of 财政 allocations (docs/domain-reference.md §4 joint funding, §8; S2, S24). */
export const fundLevelLabels = { central: '中央', province: '省级', city: '市级', county: '县级' } as const
export const fundLevels = codesOf(fundLevelLabels)
export type FundLevel = (typeof fundLevels)[number]

export const fundSourceLabels = { ...fundLevelLabels, donation: '社会捐助' } as const
export const fundSources = codesOf(fundSourceLabels)
export type FundSource = (typeof fundSources)[number]

/** Kinds of the append-only money ledger (docs/architecture.md §3: corrections are reversing entries). */
export const ledgerKindLabels = {
  allocation: '财政拨款',
  donation: '社会捐助',
  disbursement: '救助金发放',
  recovery: '救助金追回',
  reversal: '冲销',
} as const
export const ledgerKinds = codesOf(ledgerKindLabels)
export type LedgerKind = (typeof ledgerKinds)[number]

export const paymentMethodLabels = { transfer: '银行转账', 'in-person': '当面发放（签收）' } as const
export const paymentMethods = codesOf(paymentMethodLabels)
export type PaymentMethod = (typeof paymentMethods)[number]

/** Triggers of recovery (追回; docs/domain-reference.md §6 "Recovery", §8; S28). */
export const recoveryTriggerLabels = {
  fraud: '以虚报、隐瞒、伪造等手段骗取救助金',
  withholding: '截留救助金',
  embezzlement: '侵占、私分救助金',
  misappropriation: '挪用救助金',
  'improper-payment': '违规发放',
} as const
export const recoveryTriggers = codesOf(recoveryTriggerLabels)
export type RecoveryTrigger = (typeof recoveryTriggers)[number]

export const oversightBodyLabels = { 'discipline-inspection': '纪检监察机关', audit: '审计机关' } as const
export const oversightBodies = codesOf(oversightBodyLabels)
export type OversightBody = (typeof oversightBodies)[number]

/** Diversified assistance (多元救助; docs/domain-reference.md §2, §6 "Diversified assistance"; S24). */
export const referralKindLabels = {
  'legal-aid': '法律援助',
  counselling: '心理疏导',
  'social-assistance': '社会救助（低保等）',
  'temporary-assistance': '临时救助',
  medical: '医疗救助',
  education: '教育帮扶',
  employment: '就业帮扶',
  'litigation-relief': '司法救济（缓、减、免交诉讼费用）',
  other: '其他帮扶',
} as const
export const referralKinds = codesOf(referralKindLabels)
export type ReferralKind = (typeof referralKinds)[number]

export const followUpMethodLabels = {
  visit: '上门回访',
  phone: '电话回访',
  letter: '信函回访',
  video: '视频回访',
  other: '其他方式',
} as const
export const followUpMethods = codesOf(followUpMethodLabels)
export type FollowUpMethod = (typeof followUpMethods)[number]

export const donorKindLabels = { individual: '个人', company: '企业', organisation: '社会组织' } as const
export const donorKinds = codesOf(donorKindLabels)
export type DonorKind = (typeof donorKinds)[number]

/** Which wage series the base B uses (docs/domain-reference.md §4, §13 q.4: a local choice). Same codes as rulesets.ts. */
export const wageSeriesLabels = {
  职工: '职工平均工资',
  在岗职工: '在岗职工平均工资',
  全口径: '全口径城镇单位就业人员平均工资',
} as const satisfies Record<WageSeries, string>
export const wageSeries = codesOf(wageSeriesLabels)

/** Why another wage figure than the requested region and year was used (rulesets.ts `monthlyWageFor`). */
export const wageFallbackLabels = {
  'earlier-year': '当年数据未公布，采用最近公布年度',
  prefecture: '本地区无数据，采用所属设区市数据',
  province: '本地区无数据，采用所属省级数据',
} as const satisfies Record<WageFallback, string>
export const wageFallbacks = codesOf(wageFallbackLabels)
