import type { RuleSet } from '../../../domain/rulesets'
import type { DonorKind, FundSource, OriginDepartment, PriorityGroup, ReferralKind } from '../../../domain/schemas'
import type { Period } from '../../period'
import type { RecordSource, Stamped } from '../../source'
import type { ReportRunOptions } from '../common'

/*
 * What the 国家司法救助工作情况统计表 reads: the report's identity, the fields of each table it reads (full schema
 * records satisfy them) and the run options.
 */

export const STATS_REPORT_ID = 'stats'
/** 2: 救助人数 counts 救助对象; 受理 only applications; 多级联合 by 省/市/县 levels; 六 by the case source (docs/reports.md §3). */
export const STATS_DEFINITION_VERSION = 2

// ---- input shapes: the fields read (full schema records satisfy them) ----

export interface StatsCase extends Stamped {
  smallEmergencyHelp: boolean
  state: string
  /** How the case came to the office: only 'referral' (办案部门移送线索) credits `originDepartment` (§3 六). */
  source: string
  applicationDate?: string
  acceptanceDate?: string
  exOfficio?: { date: string }
  withdrawal?: { date: string }
  supplement?: { dueDate: string }
  informing?: { date: string }
  decisionDate?: string
  decision?: { outcome: 'granted' | 'refused'; grantedFen?: number; advance?: boolean }
  categoryItemCode?: string
  originDepartment?: OriginDepartment
  /** The applicant's and the victim's person records; a victim other than the applicant changes who is assisted. */
  applicantId?: string
  victimId?: string
  victim?: { outcomes: readonly string[] }
  /** ID numbers of the case's persons: the applicant's first, then the victim's (case.open, the generator). */
  personIdNumbers: readonly string[]
  payment?: { paidDate: string; amountFen: number }
  funding?: { splits: readonly { source: FundSource }[] }
  recoveries: readonly { recoveredFen?: number; recoveredDate?: string }[]
}

export interface StatsPerson extends Stamped {
  idNumber: string
  priorityFlags: readonly PriorityGroup[]
}

export interface StatsClue extends Stamped {
  source: 'case-department' | 'external' | 'upper-level'
  referredOn: string
  informing?: { date: string }
  convertedCaseId?: string
}

export interface StatsReferral extends Stamped {
  caseId: string
  kind: ReferralKind
  date: string
}

export interface StatsFollowUp extends Stamped {
  caseId: string
  date: string
}

export interface StatsLedgerEntry extends Stamped {
  kind: 'allocation' | 'donation' | 'disbursement' | 'recovery' | 'reversal'
  fundSource: FundSource
  amountFen: number
  date: string
  caseId?: string
  reversesId?: string
}

export interface StatsDonation extends Stamped {
  donor: { kind: DonorKind }
  amountFen: number
  receivedOn: string
}

/** The records the statistics read; every table but `cases` is optional. */
export interface StatsInput {
  cases: RecordSource<StatsCase>
  persons?: RecordSource<StatsPerson>
  clues?: RecordSource<StatsClue>
  referrals?: RecordSource<StatsReferral>
  followUps?: RecordSource<StatsFollowUp>
  ledger?: RecordSource<StatsLedgerEntry>
  donations?: RecordSource<StatsDonation>
}

export interface StatsOptions extends ReportRunOptions {
  period: Period
  /** Rule sets naming the object categories (default: the built-in 2014 意见, 2016 and 2021 细则). */
  ruleSets?: readonly RuleSet[]
}
