import { builtInRuleSets, type CategoryKind, type RuleSet } from '../../domain/rulesets'
import {
  type DonorKind,
  donorKindLabels,
  donorKinds,
  type FundSource,
  fundSourceLabels,
  fundSources,
  type OriginDepartment,
  originDepartmentLabels,
  originDepartments,
  type PriorityGroup,
  priorityGroupLabels,
  priorityGroups,
  type ReferralKind,
  referralKindLabels,
  referralKinds,
} from '../../domain/schemas'
import { monthsOf, type Period, sameTimeLastYear } from '../period'
import { forEachRecord, InputTally, type RecordSource, type Stamped } from '../source'
import type { CellValue, HeaderCell, RowStyle, TableModelParsed } from '../tableModel'
import { type RollupRow, ScopeIndex } from '../units'
import { yearOnYear } from '../yoy'
import {
  buildProvenance,
  formFurniture,
  type ProvenanceParts,
  type ReportRunOptions,
  signaturesFor,
  smallEmergencyFootnote,
} from './common'

/*
 * 国家司法救助工作情况统计表 (issue 8 §2): one pass over each table into per-office counters (typed arrays, no
 * per-record allocation besides a few Set entries), from which the single-office form (rows = items) and the
 * roll-up forms (rows = offices, subtotals by subtree and level, grand total) are laid out. Definitions of every
 * figure: docs/reports.md.
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

// ---- counter layout: every line has three measures, 件 / 人 / 金额（分） ----

export const categoryKindLabels: Record<CategoryKind | 'none', string> = {
  'criminal-victim': '刑事被害人及其近亲属',
  witness: '举报人、证人、鉴定人',
  'civil-tort': '民事侵权受害人',
  other: '其他人员',
  none: '未注明救助情形',
}
const categoryKinds = ['criminal-victim', 'witness', 'civil-tort', 'other', 'none'] as const

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
const VECTOR_LENGTH = STATS_LINES.length * 3
const C = 0
const P = 1
const F = 2

const O_CLUES = lineOffset('clues')
const O_CLUE_SOURCE: Record<StatsClue['source'], number> = {
  'case-department': lineOffset('clues:case-department'),
  external: lineOffset('clues:external'),
  'upper-level': lineOffset('clues:upper-level'),
}
const O_INFORMED = lineOffset('informed')
const O_APPLIED = lineOffset('applied')
const O_ACCEPTED = lineOffset('accepted')
const O_EX_OFFICIO = lineOffset('exOfficio')
const O_WITHDRAWN = lineOffset('withdrawn')
const O_ABANDONED = lineOffset('abandoned')
const O_GRANTED = lineOffset('granted')
const O_ADVANCE = lineOffset('advance')
const O_REFUSED = lineOffset('refused')
const O_PAID = lineOffset('paid')
const O_JOINT = lineOffset('joint')
const O_RECOVERED = lineOffset('recovered')
const O_ORIGIN = new Map<string, number>(originDepartments.map((d) => [d, lineOffset(`origin:${d}`)]))
const O_ORIGIN_NONE = lineOffset('origin:none')
const O_ORIGIN_UNSPECIFIED = lineOffset('origin:unspecified')
/** The government fund levels whose joint funding makes 多级资金联合救助 (省、市、县; not 中央 transfers, not donations). */
const JOINT_LEVEL_BIT = new Map<string, number>([
  ['province', 1],
  ['city', 2],
  ['county', 4],
])
const O_GROUP = priorityGroups.map((g) => lineOffset(`group:${g}`))
const O_KIND = new Map<string, number>(categoryKinds.map((k) => [k, lineOffset(`kind:${k}`)]))
const O_REFERRALS = lineOffset('referrals')
const O_REFERRAL_KIND = new Map<string, number>(referralKinds.map((k) => [k, lineOffset(`referral:${k}`)]))
const O_REFERRAL_SOCIAL = lineOffset('referral:social')
const O_REFERRAL_CASES = lineOffset('referralCases')
const O_FOLLOW_UPS = lineOffset('followUps')
const O_FUNDS = lineOffset('funds')
const O_FUND = new Map<string, number>(fundSources.map((s) => [s, lineOffset(`fund:${s}`)]))
const O_DONATIONS = lineOffset('donations')
const O_DONOR = new Map<string, number>(donorKinds.map((k) => [k, lineOffset(`donor:${k}`)]))
const SOCIAL = new Set<string>(socialAssistanceKinds)
const GROUP_BIT = new Map<string, number>(priorityGroups.map((g, i) => [g, 1 << i]))

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

/**
 * The ID number listed on a case that is not a 救助对象 (docs/reports.md §3 “人数”), or undefined when every listed
 * person is one. When the case names a victim other than the applicant, one of the two is not assisted: a victim who
 * died is not (the close relative who applied is the 救助对象), and when the victim is alive the applicant only acted
 * for them (a minor's parent as 法定代理人, a 委托代理人, a relative applying on the victim's behalf) — the victim is
 * the 救助对象. `personIdNumbers` lists the applicant's ID number first and the victim's second (case.open and the
 * data generator write it so).
 */
function notAssistedId(c: StatsCase, ids: readonly string[], h: InputTally['hasher']): string | undefined {
  const applicant = h.s(c.applicantId)
  const victim = h.s(c.victimId)
  if (applicant === undefined || victim === undefined || applicant === victim || ids.length < 2) return undefined
  const outcomes = h.list(c.victim?.outcomes)
  const died = outcomes?.includes('death') === true
  const out = ids[died ? 1 : 0]
  return out === ids[died ? 0 : 1] ? undefined : out
}

/** 救助人数 of a case: its distinct listed persons other than `notAssisted`, at least 1. */
function assistedCount(ids: readonly string[], notAssisted: string | undefined): number {
  const n = ids.length
  let distinct = 0
  outer: for (let i = 0; i < n; i++) {
    if (ids[i] === notAssisted) continue
    for (let j = 0; j < i; j++) if (ids[j] === ids[i]) continue outer
    distinct++
  }
  return distinct === 0 ? 1 : distinct
}

/** Rule sets in force at some day of the period (the one in force on its first day, and any effective later). */
export function ruleSetsInPeriod(sets: readonly RuleSet[], period: Pick<Period, 'from' | 'to'>): RuleSet[] {
  const sorted = [...sets].sort((a, b) =>
    a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
  )
  return sorted.filter((s, i) => {
    if (s.effectiveDate > period.to) return false
    const next = sorted.slice(i + 1).find((n) => n.effectiveDate > s.effectiveDate)
    return !next || next.effectiveDate > period.from
  })
}

function categoryCatalog(sets: readonly RuleSet[], period: Period, seen: Iterable<string>): CategoryInfo[] {
  const all = new Map<string, CategoryInfo>()
  for (const rs of sets) {
    for (const c of rs.categories) {
      all.set(c.code, { code: c.code, label: c.label, kind: c.kind, ruleSetId: rs.id, ruleSetShort: rs.shortTitle })
    }
  }
  const inForce = ruleSetsInPeriod(sets, period)
  const out: CategoryInfo[] = []
  const added = new Set<string>()
  for (const rs of inForce) {
    for (const c of rs.categories) {
      if (c.courtOnly || added.has(c.code)) continue
      added.add(c.code)
      out.push(all.get(c.code)!)
    }
  }
  for (const code of [...seen].sort()) {
    if (added.has(code)) continue
    added.add(code)
    if (code === '') out.push({ code: '', label: '未注明救助情形', kind: 'none', ruleSetId: '', ruleSetShort: '' })
    else out.push(all.get(code) ?? { code, label: code, kind: 'other', ruleSetId: '', ruleSetShort: '' })
  }
  const kindOrder = (k: string) => categoryKinds.indexOf(k as (typeof categoryKinds)[number])
  return out
    .map((c, i) => ({ c, i }))
    .sort((a, b) => kindOrder(a.c.kind) - kindOrder(b.c.kind) || a.i - b.i)
    .map((x) => x.c)
}

/**
 * Reads the records once each — persons, clues, cases, referrals, follow-ups, ledger, donations, in that order
 * (person flags are needed when cases are read; small-emergency case ids when referrals and ledger entries are)
 * — into per-office counters for the period. Voided records, records of offices outside the scope and
 * 小额应急性帮扶 cases (with their referrals and follow-ups) are not counted; every record read is tallied for
 * the provenance hash.
 */
export async function collectStats(input: StatsInput, options: StatsOptions): Promise<StatsAggregate> {
  const { period } = options
  const from = period.from
  const to = period.to
  const scope = new ScopeIndex(options.scope)
  const tally = new InputTally()
  const months = monthsOf(period)
  const y0 = Number(from.slice(0, 4))
  const m0 = Number(from.slice(5, 7))
  const offices = new Map<string, OfficeStats>()
  const excluded = { smallEmergencyCases: 0, smallEmergencyRelated: 0, voided: 0, outOfScope: 0 }
  const small = { cases: 0, grantedFen: 0 }
  let lastCode = ''
  let last: OfficeStats | undefined
  const officeFor = (code: string): OfficeStats | undefined => {
    if (code === lastCode && last) return last
    let o = offices.get(code)
    if (!o) {
      if (!scope.inScope(code)) return undefined
      o = new OfficeStats(months.length)
      offices.set(code, o)
    }
    lastCode = code
    last = o
    return o
  }
  const F0 = Number(from.replaceAll('-', ''))
  const T0 = Number(to.replaceAll('-', ''))
  const monthIndex = (ymd: number) => (Math.floor(ymd / 10_000) - y0) * 12 + (Math.floor(ymd / 100) % 100) - m0

  /** Filters common to every table; returns the office's counters, or undefined when the record is not counted. */
  const admit = (r: Stamped): OfficeStats | undefined => {
    if (r.voided) {
      excluded.voided++
      return undefined
    }
    const o = officeFor(r.ownerUnit)
    if (!o) excluded.outOfScope++
    return o
  }

  // persons: ID number → priority-group bit mask (only flagged persons are kept)
  const flags = new Map<string, number>()
  await forEachRecord(input.persons, (p) => {
    const h = tally.begin(p)
    if (!p.voided) {
      const id = h.s(p.idNumber)
      const list = h.list(p.priorityFlags)
      if (list.length > 0) {
        let mask = flags.get(id) ?? 0
        for (let i = 0; i < list.length; i++) mask |= GROUP_BIT.get(list[i]) ?? 0
        flags.set(id, mask)
      }
    }
    tally.end('persons', p.ownerUnit, p.rev)
  })

  // 告知 is counted where it is recorded last: on the case (opening a case from a clue copies the clue's 告知 onto
  // it), and on clues not (yet) converted to a case.
  await forEachRecord(input.clues, (c) => {
    const h = tally.begin(c)
    const o = admit(c)
    if (o) {
      const v = o.v
      const referredOn = h.day(c.referredOn)
      if (referredOn >= F0 && referredOn <= T0) {
        v[O_CLUES + C]++
        const off = O_CLUE_SOURCE[h.s(c.source)]
        if (off !== undefined) v[off + C]++
      }
      const informed = h.day(c.informing?.date)
      if (informed >= F0 && informed <= T0 && h.s(c.convertedCaseId) === undefined) {
        v[O_INFORMED + C]++
      }
    }
    tally.end('clues', c.ownerUnit, c.rev)
  })

  const smallCases = new Set<string>()
  const seenCategories = new Set<string>()
  const mCount = months.length
  await forEachRecord(input.cases, (c) => {
    const h = tally.begin(c)
    const o = admit(c)
    if (o) {
      if (h.b01(c.smallEmergencyHelp)) {
        smallCases.add(c.id)
        excluded.smallEmergencyCases++
        const d = h.day(c.decisionDate)
        if (d >= F0 && d <= T0 && h.s(c.decision?.outcome) === 'granted') {
          small.cases++
          small.grantedFen += h.n(c.decision?.grantedFen) ?? 0
        }
      } else countCase(c, o, h)
    }
    tally.end('cases', c.ownerUnit, c.rev)
  })

  function countCase(c: StatsCase, o: OfficeStats, h: InputTally['hasher']): void {
    const v = o.v
    const ids = h.list(c.personIdNumbers)
    const notAssisted = notAssistedId(c, ids, h)
    let persons = -1
    const applied = h.day(c.applicationDate)
    if (applied >= F0 && applied <= T0) {
      persons = assistedCount(ids, notAssisted)
      v[O_APPLIED + C]++
      v[O_APPLIED + P] += persons
      const mi = monthIndex(applied)
      if (mi >= 0 && mi < mCount) o.months[mi * 3]++
    }
    // 受理救助申请 counts accepted applications only: a case started ex officio and taken into review without an
    // application is counted once, under 依职权启动救助
    const accepted = h.day(c.acceptanceDate)
    if (accepted >= F0 && accepted <= T0 && applied > 0) {
      if (persons < 0) persons = assistedCount(ids, notAssisted)
      v[O_ACCEPTED + C]++
      v[O_ACCEPTED + P] += persons
    }
    const exOfficio = h.day(c.exOfficio?.date)
    if (exOfficio >= F0 && exOfficio <= T0) v[O_EX_OFFICIO + C]++
    const withdrawn = h.day(c.withdrawal?.date)
    if (withdrawn >= F0 && withdrawn <= T0) v[O_WITHDRAWN + C]++
    if (h.b01(c.state === 'abandoned')) {
      const due = h.day(c.supplement?.dueDate)
      if (due >= F0 && due <= T0) v[O_ABANDONED + C]++
    }
    const informed = h.day(c.informing?.date)
    if (informed >= F0 && informed <= T0) v[O_INFORMED + C]++
    const decided = h.day(c.decisionDate)
    if (decided >= F0 && decided <= T0 && c.decision) {
      if (persons < 0) persons = assistedCount(ids, notAssisted)
      const outcome = h.s(c.decision.outcome)
      if (outcome === 'granted') {
        const fen = h.n(c.decision.grantedFen) ?? 0
        v[O_GRANTED + C]++
        v[O_GRANTED + P] += persons
        v[O_GRANTED + F] += fen
        const mi = monthIndex(decided)
        if (mi >= 0 && mi < mCount) o.months[mi * 3 + 1]++
        if (h.b01(c.decision.advance)) {
          v[O_ADVANCE + C]++
          v[O_ADVANCE + P] += persons
          v[O_ADVANCE + F] += fen
        }
        const code = h.s(c.categoryItemCode) ?? ''
        let cat = o.categories.get(code)
        if (!cat) {
          cat = new Float64Array(3)
          o.categories.set(code, cat)
          seenCategories.add(code)
        }
        cat[C]++
        cat[P] += persons
        cat[F] += fen
        // 六: a department is credited only with the cases referred from its clue (source 'referral'); the field on
        // other cases (the department of the underlying case, as older data and the generator filled it) is not read
        const referred = h.s(c.source) === 'referral'
        const dept = h.s(c.originDepartment)
        const oo = !referred
          ? O_ORIGIN_NONE
          : dept === undefined
            ? O_ORIGIN_UNSPECIFIED
            : (O_ORIGIN.get(dept) ?? O_ORIGIN_UNSPECIFIED)
        v[oo + C]++
        v[oo + P] += persons
        v[oo + F] += fen
        if (flags.size > 0) {
          let caseMask = 0
          outer: for (let i = 0; i < ids.length; i++) {
            if (ids[i] === notAssisted) continue
            for (let j = 0; j < i; j++) if (ids[j] === ids[i]) continue outer
            const m = flags.get(ids[i])
            if (m === undefined) continue
            caseMask |= m
            for (let g = 0; g < O_GROUP.length; g++) if (m & (1 << g)) v[O_GROUP[g] + P]++
          }
          if (caseMask !== 0) {
            for (let g = 0; g < O_GROUP.length; g++) {
              if (caseMask & (1 << g)) {
                v[O_GROUP[g] + C]++
                v[O_GROUP[g] + F] += fen
              }
            }
          }
        }
      } else if (outcome === 'refused') {
        v[O_REFUSED + C]++
        v[O_REFUSED + P] += persons
      }
    }
    const paid = h.day(c.payment?.paidDate)
    if (paid >= F0 && paid <= T0) {
      if (persons < 0) persons = assistedCount(ids, notAssisted)
      const fen = h.n(c.payment!.amountFen)
      v[O_PAID + C]++
      v[O_PAID + P] += persons
      v[O_PAID + F] += fen
      const mi = monthIndex(paid)
      if (mi >= 0 && mi < mCount) o.months[mi * 3 + 2] += fen
      // 多级资金联合救助: two or more of the 省级、市级、县级 funds share the case (中央 transfers and donations do not count)
      const splits = c.funding?.splits
      if (splits && splits.length > 1) {
        let levels = 0
        for (let i = 0; i < splits.length; i++) levels |= JOINT_LEVEL_BIT.get(h.s(splits[i].source)) ?? 0
        if (levels !== 0 && (levels & (levels - 1)) !== 0) {
          v[O_JOINT + C]++
          v[O_JOINT + F] += fen
        }
      }
    }
    const recoveries = c.recoveries
    for (let i = 0; i < recoveries.length; i++) {
      const r = recoveries[i]
      const d = h.day(r.recoveredDate)
      const fen = h.n(r.recoveredFen)
      if (d >= F0 && d <= T0 && fen !== undefined && fen > 0) {
        v[O_RECOVERED + C]++
        v[O_RECOVERED + F] += fen
      }
    }
  }

  await forEachRecord(input.referrals, (r) => {
    const h = tally.begin(r)
    const o = admit(r)
    if (o) {
      if (smallCases.has(h.s(r.caseId))) excluded.smallEmergencyRelated++
      else {
        const d = h.day(r.date)
        if (d >= F0 && d <= T0) {
          const kind = h.s(r.kind)
          o.v[O_REFERRALS + C]++
          const off = O_REFERRAL_KIND.get(kind)
          if (off !== undefined) o.v[off + C]++
          if (SOCIAL.has(kind)) o.v[O_REFERRAL_SOCIAL + C]++
          o.referralCases.add(r.caseId)
        }
      }
    }
    tally.end('referrals', r.ownerUnit, r.rev)
  })

  await forEachRecord(input.followUps, (f) => {
    const h = tally.begin(f)
    const o = admit(f)
    if (o) {
      if (h.b01(smallCases.has(f.caseId))) excluded.smallEmergencyRelated++
      else {
        const d = h.day(f.date)
        if (d >= F0 && d <= T0) o.v[O_FOLLOW_UPS + C]++
      }
    }
    tally.end('followUps', f.ownerUnit, f.rev)
  })

  // ledger: allocations and donation entries in the period, net of the reversals dated in the period. A reversal
  // names its target, which may come before or after it. Reversals are rare, so when the ledger source can be read
  // again (an array or a function) the targets are looked up in a second, cheap pass only if there are any; a
  // one-shot stream instead keeps every counted entry's source by id during the pass.
  const reiterable = Array.isArray(input.ledger) || typeof input.ledger === 'function'
  const incoming = new Map<string, string>()
  const reversals: { office: OfficeStats; target: string; fen: number }[] = []
  const smallHit = (e: StatsLedgerEntry, h: InputTally['hasher']) => {
    // only whether the entry belongs to a small-emergency case matters to the figures, so only that is hashed
    if (e.caseId === undefined || !h.b01(smallCases.has(e.caseId))) return false
    excluded.smallEmergencyRelated++
    return true
  }
  await forEachRecord(input.ledger, (e) => {
    const h = tally.begin(e)
    const o = admit(e)
    if (o) {
      const kind = h.s(e.kind)
      if (kind === 'allocation' || kind === 'donation') {
        if (!smallHit(e, h)) {
          const source = h.s(e.fundSource)
          if (!reiterable) incoming.set(e.id, source)
          const d = h.day(e.date)
          if (d >= F0 && d <= T0) {
            const fen = h.n(e.amountFen)
            o.v[O_FUNDS + F] += fen
            const off = O_FUND.get(source)
            if (off !== undefined) o.v[off + F] += fen
          }
        }
      } else if (kind === 'reversal' && !smallHit(e, h)) {
        const d = h.day(e.date)
        const target = h.s(e.reversesId)
        if (d >= F0 && d <= T0 && target !== undefined) reversals.push({ office: o, target, fen: h.n(e.amountFen) })
      }
    }
    tally.end('ledger', e.ownerUnit, e.rev)
  })
  if (reversals.length > 0 && reiterable) {
    const targets = new Set(reversals.map((r) => r.target))
    await forEachRecord(input.ledger, (e) => {
      if ((e.kind === 'allocation' || e.kind === 'donation') && targets.has(e.id) && !e.voided) {
        if (scope.inScope(e.ownerUnit) && !(e.caseId !== undefined && smallCases.has(e.caseId))) {
          incoming.set(e.id, e.fundSource)
        }
      }
    })
  }
  for (const r of reversals) {
    const source = incoming.get(r.target)
    if (source === undefined) continue
    r.office.v[O_FUNDS + F] -= r.fen
    const off = O_FUND.get(source)
    if (off !== undefined) r.office.v[off + F] -= r.fen
  }

  await forEachRecord(input.donations, (d) => {
    const h = tally.begin(d)
    const o = admit(d)
    if (o) {
      const day = h.day(d.receivedOn)
      if (day >= F0 && day <= T0) {
        const fen = h.n(d.amountFen)
        o.v[O_DONATIONS + C]++
        o.v[O_DONATIONS + F] += fen
        const off = O_DONOR.get(h.s(d.donor.kind))
        if (off !== undefined) {
          o.v[off + C]++
          o.v[off + F] += fen
        }
      }
    }
    tally.end('donations', d.ownerUnit, d.rev)
  })

  const sets = options.ruleSets ?? builtInRuleSets
  const categories = categoryCatalog(sets, period, seenCategories)
  const kindOf = new Map(categories.map((c) => [c.code, c.kind]))
  for (const o of offices.values()) {
    o.v[O_REFERRAL_CASES + C] = o.referralCases.size
    for (const [code, cat] of o.categories) {
      const off = O_KIND.get(kindOf.get(code) ?? 'other')!
      o.v[off + C] += cat[C]
      o.v[off + P] += cat[P]
      o.v[off + F] += cat[F]
    }
  }
  const parameters = {
    统计期间: `${period.from}..${period.to}`,
    填报单位代码: scope.root.code,
    规则集: ruleSetsInPeriod(sets, period)
      .map((s) => s.id)
      .join(','),
  }
  const provenance = buildProvenance({
    reportId: STATS_REPORT_ID,
    title: '国家司法救助工作情况统计表',
    definitionVersion: STATS_DEFINITION_VERSION,
    parameters,
    extra: { categories: categories.map((c) => [c.code, c.label, c.kind]) },
    tally,
    scope,
    excluded,
    run: options,
  })
  return { options, period, scope, offices, categories, small, excluded, provenance, months }
}

// ---- layout ----

const DASH = '—'
type Measure = 'c' | 'p' | 'f'

/** Sums the office vectors of `members` (all offices with data when omitted). */
export function sumVector(agg: StatsAggregate, members?: readonly string[]): Float64Array {
  const out = new Float64Array(VECTOR_LENGTH)
  const list = members ?? [...agg.offices.keys()]
  for (const code of list) {
    const o = agg.offices.get(code)
    if (!o) continue
    for (let i = 0; i < VECTOR_LENGTH; i++) out[i] += o.v[i]
  }
  return out
}

function sumCategory(agg: StatsAggregate, code: string, members?: readonly string[]): Float64Array {
  const out = new Float64Array(3)
  for (const c of members ?? agg.offices.keys()) {
    const cat = agg.offices.get(c)?.categories.get(code)
    if (cat) for (let i = 0; i < 3; i++) out[i] += cat[i]
  }
  return out
}

interface ItemRow {
  label: string
  /** Line (or category code prefixed 'cat:') and which measures apply. */
  line: string
  measures: readonly Measure[]
  style?: RowStyle
}

const I = '　'
/** 六: cases that did not come from a clue referred by one of the office's case-handling departments. */
export const ORIGIN_NONE_LABEL = '未经本院办案部门移送（当事人申请、依职权启动等）'
/** 六: referred by a case-handling department that the case does not name (older records); shown only when used. */
export const ORIGIN_UNSPECIFIED_LABEL = '办案部门移送，未注明部门'
const CPF: readonly Measure[] = ['c', 'p', 'f']
const CP: readonly Measure[] = ['c', 'p']
const CF: readonly Measure[] = ['c', 'f']
const ONLY_C: readonly Measure[] = ['c']
const ONLY_F: readonly Measure[] = ['f']

/** Category rows of the form: the period's, then (with 上年同期) those only the year before had, by kind. */
function printedCategories(agg: StatsAggregate, prior?: StatsAggregate): CategoryInfo[] {
  if (!prior) return agg.categories
  const codes = new Set(agg.categories.map((c) => c.code))
  const all = [...agg.categories, ...prior.categories.filter((c) => !codes.has(c.code))]
  const kindOrder = (k: string) => categoryKinds.indexOf(k as (typeof categoryKinds)[number])
  return all
    .map((c, i) => ({ c, i }))
    .sort((a, b) => kindOrder(a.c.kind) - kindOrder(b.c.kind) || a.i - b.i)
    .map((x) => x.c)
}

/**
 * The item rows of the single-office form, with section headings. With the year before (上年同期) the rows are
 * those of either period, so a category or origin row that only the year before had is printed too.
 */
export function statsItemRows(agg: StatsAggregate, prior?: StatsAggregate): ItemRow[] {
  const categories = printedCategories(agg, prior)
  const multipleSets = new Set(categories.filter((c) => c.ruleSetId).map((c) => c.ruleSetId)).size > 1
  const rows: ItemRow[] = [
    { label: '一、线索和告知', line: '', measures: [], style: 'section' },
    { label: '受理救助线索', line: 'clues', measures: ONLY_C },
    { label: `${I}其中：本院办案部门移送`, line: 'clues:case-department', measures: ONLY_C },
    { label: `${I}${I}${I}外部单位移送`, line: 'clues:external', measures: ONLY_C },
    { label: `${I}${I}${I}上级院交办`, line: 'clues:upper-level', measures: ONLY_C },
    { label: '告知当事人可以申请救助', line: 'informed', measures: ONLY_C },
    { label: '二、申请和受理', line: '', measures: [], style: 'section' },
    { label: '收到救助申请', line: 'applied', measures: CP },
    { label: '受理救助申请', line: 'accepted', measures: CP },
    { label: '依职权启动救助', line: 'exOfficio', measures: ONLY_C },
    { label: '申请人撤回申请', line: 'withdrawn', measures: ONLY_C },
    { label: '逾期未补正视为放弃申请', line: 'abandoned', measures: ONLY_C },
    { label: '三、审查决定', line: '', measures: [], style: 'section' },
    { label: '决定给予救助', line: 'granted', measures: CPF },
    { label: `${I}其中：先行救助`, line: 'advance', measures: CPF },
    { label: '决定不予救助', line: 'refused', measures: CP },
    { label: '四、救助金发放和追回', line: '', measures: [], style: 'section' },
    { label: '发放救助金', line: 'paid', measures: CPF },
    { label: `${I}其中：多级资金联合救助`, line: 'joint', measures: CF },
    { label: '追回救助金（件为次数）', line: 'recovered', measures: CF },
    { label: '五、决定救助案件按救助对象类别', line: '', measures: [], style: 'section' },
  ]
  for (const kind of categoryKinds) {
    const items = categories.filter((c) => c.kind === kind)
    if (items.length === 0) continue
    rows.push({ label: categoryKindLabels[kind], line: `kind:${kind}`, measures: CPF, style: 'subtotal' })
    if (kind === 'none') continue
    for (const c of items) {
      const label = multipleSets && c.ruleSetShort ? `${c.label}（${c.ruleSetShort}）` : c.label
      rows.push({ label: `${I}${label}`, line: `cat:${c.code}`, measures: CPF })
    }
  }
  rows.push({ label: '六、决定救助案件按线索来源部门', line: '', measures: [], style: 'section' })
  for (const d of originDepartments) rows.push({ label: originDepartmentLabels[d], line: `origin:${d}`, measures: CPF })
  const unspecified = lineOffset('origin:unspecified') + C
  if (sumVector(agg)[unspecified] > 0 || (prior && sumVector(prior)[unspecified] > 0)) {
    rows.push({ label: ORIGIN_UNSPECIFIED_LABEL, line: 'origin:unspecified', measures: CPF })
  }
  rows.push({ label: ORIGIN_NONE_LABEL, line: 'origin:none', measures: CPF })
  rows.push({ label: '七、决定救助案件按重点群体', line: '', measures: [], style: 'section' })
  for (const g of priorityGroups) rows.push({ label: priorityGroupLabels[g], line: `group:${g}`, measures: CPF })
  rows.push({ label: '八、多元救助和回访', line: '', measures: [], style: 'section' })
  rows.push({ label: '开展多元救助（件为次数）', line: 'referrals', measures: ONLY_C })
  for (const k of referralKinds)
    rows.push({ label: `${I}${referralKindLabels[k]}`, line: `referral:${k}`, measures: ONLY_C })
  rows.push({
    label: `${I}其中：衔接社会救助（低保、临时、医疗、教育、就业）`,
    line: 'referral:social',
    measures: ONLY_C,
  })
  rows.push({ label: '开展多元救助的案件', line: 'referralCases', measures: ONLY_C })
  rows.push({ label: '回访（件为次数）', line: 'followUps', measures: ONLY_C })
  rows.push({ label: '九、救助资金', line: '', measures: [], style: 'section' })
  rows.push({ label: '收到救助资金合计', line: 'funds', measures: ONLY_F })
  for (const s of fundSources) {
    const label = s === 'donation' ? '社会捐助入账' : `${fundSourceLabels[s]}财政资金`
    rows.push({ label: `${I}${label}`, line: `fund:${s}`, measures: ONLY_F })
  }
  rows.push({ label: '接受社会捐助', line: 'donations', measures: CF })
  for (const k of donorKinds) rows.push({ label: `${I}${donorKindLabels[k]}捐助`, line: `donor:${k}`, measures: CF })
  return rows
}

function scopeNote(agg: StatsAggregate): string[] {
  const notes: string[] = []
  const codes = [...agg.offices.keys()].filter((c) => c !== agg.scope.root.code)
  if (codes.length > 0) {
    notes.push(`注：本表为${agg.scope.root.name}及所属下级院数据汇总（有数据的下级院 ${codes.length} 个）。`)
  }
  const unknown = codes.filter((c) => !agg.scope.known(c)).sort()
  if (unknown.length > 0 && agg.scope.hasDirectory) {
    const list = unknown.slice(0, 20).join('、') + (unknown.length > 20 ? ` 等 ${unknown.length} 个` : '')
    notes.push(`注：单位 ${list} 未在单位目录中，其数据已计入合计。`)
  }
  return notes
}

function commonFootnotes(agg: StatsAggregate): string[] {
  return [smallEmergencyFootnote(agg.small.cases, agg.small.grantedFen), ...scopeNote(agg)]
}

function baseModel(
  agg: StatsAggregate,
): Pick<
  TableModelParsed,
  | 'unitName'
  | 'periodLabel'
  | 'signatureLine'
  | 'signatures'
  | 'provenance'
  | 'provenanceTable'
  | 'provenanceInfo'
  | 'formCode'
  | 'formIssuer'
> {
  return {
    ...formFurniture(agg.options, 'stats'),
    unitName: agg.scope.root.name,
    periodLabel: agg.period.label,
    signatureLine: true,
    signatures: signaturesFor(agg.options),
    provenance: agg.provenance.lines,
    provenanceTable: agg.provenance.table,
    provenanceInfo: agg.provenance.info,
  }
}

/** A figure of an item row over `members` (every office with data when omitted): '—' where the measure does not apply. */
function itemFigures(agg: StatsAggregate): (item: ItemRow, m: Measure) => CellValue {
  const total = sumVector(agg)
  const idx = { c: C, p: P, f: F }
  return (item, m) => {
    if (!item.measures.includes(m)) return DASH
    if (item.line.startsWith('cat:')) return sumCategory(agg, item.line.slice(4))[idx[m]]
    return total[lineOffset(item.line) + idx[m]]
  }
}

/** The footnote and provenance line of the 上年同期 and 同比 columns (docs/reports.md §3a). */
function priorNotes(prior: StatsAggregate, what: string): { footnote: string; provenance: string } {
  return {
    footnote: `注：上年同期为${prior.period.label}，按与本期相同的口径、由同样的记录统计；同比＝（本期－上年同期）÷上年同期×100%，保留一位小数，上年同期为 0 时记“—”。${what}`,
    provenance: `上年同期（${prior.period.label}）按同一报表定义由同样的记录统计，输入数据校验值（SHA-256）：${prior.provenance.info.inputHash}`,
  }
}

/**
 * 国家司法救助工作情况统计表: rows = items (一 to 九, with 行次), columns = 件数 / 人数 / 金额（元）; the figures are
 * the sum over every office in scope. Cells that do not apply hold '—'. With `prior` (the same statistics of
 * 上年同期, sameTimeLastYear) the 件数 and 金额 of each row are followed by their 上年同期 and 同比 (人数 only for the
 * period: a case has one 救助对象, so its change is that of 件数).
 */
export function statsTable(agg: StatsAggregate, prior?: StatsAggregate): TableModelParsed {
  const items = statsItemRows(agg, prior)
  const now = itemFigures(agg)
  const before = prior ? itemFigures(prior) : undefined
  const width = before ? 9 : 5
  const rows: CellValue[][] = []
  const rowStyles: Record<string, RowStyle> = {}
  let lineNo = 0
  for (const item of items) {
    if (item.style) rowStyles[String(rows.length)] = item.style
    if (item.style === 'section') {
      rows.push([item.label, ...new Array<CellValue>(width - 1).fill(null)])
      continue
    }
    lineNo++
    const row: CellValue[] = [item.label, lineNo, now(item, 'c'), now(item, 'p'), now(item, 'f')]
    if (before) {
      const c = before(item, 'c')
      const f = before(item, 'f')
      row.push(c, f, yearOnYear(row[2], c), yearOnYear(row[4], f))
    }
    rows.push(row)
  }
  const yoy = prior ? priorNotes(prior, '人数只列本期（每件案件一名救助对象，人数的变动与件数相同）。') : undefined
  const footnotes = [
    ...commonFootnotes(agg),
    '注：线索按移送日期、告知按告知日期、申请按申请日期、受理按受理日期、决定按决定日期、发放按发放日期、追回按实际追回日期、多元救助按转介日期、回访按回访日期、资金按入账日期、捐助按接收日期归入统计期间；已作废的记录不计入。',
    '注：人数为救助对象人数：被害人本人申请的为被害人；被害人死亡的为申请救助的近亲属（不计死亡的被害人）；被害人在世而由他人代为申请的（如未成年人的父母作为法定代理人）为被害人（不计代理人）。“受理救助申请”只计有申请的案件，依职权启动的案件计入“依职权启动救助”。',
    '注：第五至七部分为本期决定给予救助的案件，金额为决定救助金额；第六部分只把由本院办案部门移送线索的案件计入该部门，其他来源的案件计入“未经本院办案部门移送”；同一救助对象可属于多个重点群体，第七部分各行之和可能大于合计。',
    '注：“多级资金联合救助”为省级、市级、县级中两级以上资金共同负担的案件（不含只有中央转移支付或社会捐助参与的案件），金额为这些案件的发放金额。',
    '注：收到救助资金为财政拨款和社会捐助入账之和，已扣除本期冲销，不含小额应急性帮扶案件的拨款；“接受社会捐助”按捐助记录统计。',
    ...(yoy ? [yoy.footnote] : []),
  ]
  const base = baseModel(agg)
  const leaf = (label: string) => ({ label, colSpan: 1, rowSpan: 1 })
  return {
    ...base,
    ...(yoy ? { provenance: [...base.provenance, yoy.provenance] } : {}),
    title: '国家司法救助工作情况统计表',
    sheetName: '统计表',
    unitsNote: '计量单位：件、人、元',
    headerRows: [
      [
        { label: '项目', rowSpan: 2, colSpan: 1 },
        { label: '行次', rowSpan: 2, colSpan: 1 },
        { label: '本期', colSpan: 3, rowSpan: 1 },
        ...(prior
          ? [
              { label: '上年同期', colSpan: 2, rowSpan: 1 },
              { label: '同比', colSpan: 2, rowSpan: 1 },
            ]
          : []),
      ],
      [
        leaf('件数'),
        leaf('人数'),
        leaf('金额（元）'),
        ...(prior ? [leaf('件数'), leaf('金额（元）'), leaf('件数'), leaf('金额')] : []),
      ],
    ],
    // with 上年同期 the nine columns fit one A4 landscape page width at ≥ 90 % (printLayout.ts)
    columns: prior
      ? [
          { key: 'item', kind: 'text', width: 38 },
          { key: 'line', kind: 'integer', width: 5 },
          { key: 'cases', kind: 'integer', width: 9 },
          { key: 'persons', kind: 'integer', width: 9 },
          { key: 'fen', kind: 'fen', width: 15 },
          { key: 'priorCases', kind: 'integer', width: 9 },
          { key: 'priorFen', kind: 'fen', width: 15 },
          { key: 'changeCases', kind: 'change', width: 10 },
          { key: 'changeFen', kind: 'change', width: 10 },
        ]
      : [
          { key: 'item', kind: 'text', width: 52 },
          { key: 'line', kind: 'integer', width: 6 },
          { key: 'cases', kind: 'integer', width: 12 },
          { key: 'persons', kind: 'integer', width: 12 },
          { key: 'fen', kind: 'fen', width: 20 },
        ],
    rows,
    rowStyles,
    footnotes,
  }
}

/** A column of a roll-up form: header group (merged above), leaf label, and what it shows. */
export interface RollupColumn {
  group?: string
  label: string
  line: string
  measure: Measure
}

export type StatsRollupView = 'main' | 'groups' | 'categories'

export const rollupViews: Record<StatsRollupView, { title: string; sheetName: string; columns: RollupColumn[] }> = {
  main: {
    title: '国家司法救助工作情况汇总表',
    sheetName: '汇总表',
    columns: [
      { group: '线索和告知', label: '受理线索', line: 'clues', measure: 'c' },
      { group: '线索和告知', label: '告知', line: 'informed', measure: 'c' },
      { group: '申请和受理', label: '收到申请', line: 'applied', measure: 'c' },
      { group: '申请和受理', label: '受理', line: 'accepted', measure: 'c' },
      { group: '申请和受理', label: '依职权启动', line: 'exOfficio', measure: 'c' },
      { group: '决定给予救助', label: '件数', line: 'granted', measure: 'c' },
      { group: '决定给予救助', label: '人数', line: 'granted', measure: 'p' },
      { group: '决定给予救助', label: '金额（元）', line: 'granted', measure: 'f' },
      { group: '其中：先行救助', label: '件数', line: 'advance', measure: 'c' },
      { group: '其中：先行救助', label: '金额（元）', line: 'advance', measure: 'f' },
      { label: '不予救助件数', line: 'refused', measure: 'c' },
      { group: '发放救助金', label: '件数', line: 'paid', measure: 'c' },
      { group: '发放救助金', label: '人数', line: 'paid', measure: 'p' },
      { group: '发放救助金', label: '金额（元）', line: 'paid', measure: 'f' },
      { label: '追回救助金（元）', line: 'recovered', measure: 'f' },
      { label: '多元救助次数', line: 'referrals', measure: 'c' },
      { group: '救助资金', label: '收到资金（元）', line: 'funds', measure: 'f' },
      { group: '救助资金', label: '接受捐助（元）', line: 'donations', measure: 'f' },
    ],
  },
  groups: {
    title: '国家司法救助重点群体救助情况汇总表',
    sheetName: '重点群体',
    columns: priorityGroups.flatMap((g): RollupColumn[] => [
      { group: priorityGroupLabels[g], label: '件数', line: `group:${g}`, measure: 'c' },
      { group: priorityGroupLabels[g], label: '人数', line: `group:${g}`, measure: 'p' },
      { group: priorityGroupLabels[g], label: '金额（元）', line: `group:${g}`, measure: 'f' },
    ]),
  },
  categories: {
    title: '国家司法救助对象类别汇总表',
    sheetName: '对象类别',
    columns: [
      ...categoryKinds.flatMap((k): RollupColumn[] => [
        { group: categoryKindLabels[k], label: '件数', line: `kind:${k}`, measure: 'c' },
        { group: categoryKindLabels[k], label: '人数', line: `kind:${k}`, measure: 'p' },
        { group: categoryKindLabels[k], label: '金额（元）', line: `kind:${k}`, measure: 'f' },
      ]),
      { group: '合计', label: '件数', line: 'granted', measure: 'c' },
      { group: '合计', label: '人数', line: 'granted', measure: 'p' },
      { group: '合计', label: '金额（元）', line: 'granted', measure: 'f' },
    ],
  },
}

/** Two header rows from grouped columns: a group spans its leaves; an ungrouped column spans both rows. */
export function groupedHeader(first: string, columns: readonly { group?: string; label: string }[]): HeaderCell[][] {
  const top: HeaderCell[] = [{ label: first, rowSpan: 2, colSpan: 1 }]
  const bottom: HeaderCell[] = []
  for (let i = 0; i < columns.length; ) {
    const g = columns[i].group
    if (g === undefined) {
      top.push({ label: columns[i].label, rowSpan: 2, colSpan: 1 })
      i++
      continue
    }
    let j = i
    while (j < columns.length && columns[j].group === g) {
      bottom.push({ label: columns[j].label, rowSpan: 1, colSpan: 1 })
      j++
    }
    top.push({ label: g, colSpan: j - i, rowSpan: 1 })
    i = j
  }
  return [top, bottom]
}

/** Rows of a roll-up from per-row member lists; shared by the statistics and the time-limit roll-ups. */
export function layoutRollup(
  rollup: readonly RollupRow[],
  values: (members: readonly string[]) => CellValue[],
): { rows: CellValue[][]; rowStyles: Record<string, RowStyle> } {
  const rows: CellValue[][] = []
  const rowStyles: Record<string, RowStyle> = {}
  for (const r of rollup) {
    if (r.style) rowStyles[String(rows.length)] = r.style
    rows.push([r.label, ...values(r.members)])
  }
  return { rows, rowStyles }
}

/**
 * The roll-up form (higher offices): a row per office in scope — the reporting office, each subordinate with its
 * own subordinates and a 小计, offices missing from the directory — then subtotals by level and the 合计.
 */
export function statsRollupTable(agg: StatsAggregate, view: StatsRollupView = 'main'): TableModelParsed {
  const def = rollupViews[view]
  const rollup = agg.scope.rollupRows(agg.offices.keys())
  const idx = { c: C, p: P, f: F }
  const { rows, rowStyles } = layoutRollup(rollup, (members) => {
    const vec = sumVector(agg, members)
    return def.columns.map((col) => vec[lineOffset(col.line) + idx[col.measure]])
  })
  const footnotes = [...commonFootnotes(agg), '注：“小计”为该院本级及其所属下级院之和；“其中”各行为同一层级各院之和。']
  if (view === 'groups')
    footnotes.push(
      '注：本期决定给予救助的案件；件数为至少一名救助对象属于该群体的案件数，人数为属于该群体的救助对象人数；同一救助对象可属于多个重点群体。',
    )
  if (view === 'categories') footnotes.push('注：本期决定给予救助的案件，按适用的救助情形归类。')
  return {
    ...baseModel(agg),
    title: def.title,
    sheetName: def.sheetName,
    unitsNote: '计量单位：件、人、元',
    headerRows: groupedHeader('单位', def.columns),
    columns: [
      { key: 'unit', kind: 'text', width: 36 },
      ...def.columns.map((c, i) => ({
        key: `c${i}`,
        kind: c.measure === 'f' ? ('fen' as const) : ('integer' as const),
        width: c.measure === 'f' ? 15 : 10,
      })),
    ],
    rows,
    rowStyles,
    footnotes,
    frozenColumns: 1,
  }
}

/** The key figures compared with 上年同期 per office: 决定给予救助 and 发放救助金, 件数 and 金额. */
export const yoyRollupColumns: readonly RollupColumn[] = [
  { group: '决定给予救助', label: '件数', line: 'granted', measure: 'c' },
  { group: '决定给予救助', label: '金额（元）', line: 'granted', measure: 'f' },
  { group: '发放救助金', label: '件数', line: 'paid', measure: 'c' },
  { group: '发放救助金', label: '金额（元）', line: 'paid', measure: 'f' },
]

/**
 * 同比（按单位）(higher offices, with 上年同期): the roll-up rows (offices with data in either period, 小计, levels,
 * 合计) with the key figures of yoyRollupColumns, each as 本期 / 上年同期 / 同比. A page width holds one group
 * (决定给予救助 or 发放救助金) with the office column, so the sheet prints on two page widths at 100 %.
 */
export function statsYoyRollupTable(agg: StatsAggregate, prior: StatsAggregate): TableModelParsed {
  const idx = { c: C, p: P, f: F }
  const rollup = agg.scope.rollupRows(new Set([...agg.offices.keys(), ...prior.offices.keys()]))
  const { rows, rowStyles } = layoutRollup(rollup, (members) => {
    const now = sumVector(agg, members)
    const before = sumVector(prior, members)
    return yoyRollupColumns.flatMap((col) => {
      const i = lineOffset(col.line) + idx[col.measure]
      return [now[i], before[i], yearOnYear(now[i], before[i])]
    })
  })
  const cell = (label: string, colSpan: number, rowSpan = 1): HeaderCell => ({ label, colSpan, rowSpan })
  const groups = [...new Set(yoyRollupColumns.map((c) => c.group!))]
  const yoy = priorNotes(prior, '')
  const base = baseModel(agg)
  return {
    ...base,
    provenance: [...base.provenance, yoy.provenance],
    title: '国家司法救助工作情况同比汇总表',
    sheetName: '同比',
    unitsNote: '计量单位：件、元',
    headerRows: [
      [cell('单位', 1, 3), ...groups.map((g) => cell(g, 3 * yoyRollupColumns.filter((c) => c.group === g).length))],
      yoyRollupColumns.map((c) => cell(c.label, 3)),
      yoyRollupColumns.flatMap(() => [cell('本期', 1), cell('上年同期', 1), cell('同比', 1)]),
    ],
    columns: [
      { key: 'unit', kind: 'text', width: 36 },
      ...yoyRollupColumns.flatMap((c, i) => {
        const kind = c.measure === 'f' ? ('fen' as const) : ('integer' as const)
        const width = c.measure === 'f' ? 15 : 9
        return [
          { key: `c${i}`, kind, width },
          { key: `p${i}`, kind, width },
          { key: `y${i}`, kind: 'change' as const, width: 10 },
        ]
      }),
    ],
    rows,
    rowStyles,
    footnotes: [
      ...commonFootnotes(agg),
      '注：“小计”为该院本级及其所属下级院之和；“其中”各行为同一层级各院之和。件数和金额的口径与统计表“决定给予救助”“发放救助金”两行相同。',
      yoy.footnote,
    ],
    frozenColumns: 1,
  }
}

/**
 * One figure of the 统计表 — a line's 件数 ('c'), 人数 ('p') or 金额 in 分 ('f') — summed over `members` (every
 * office with data when omitted). The same sums the forms print; the 工作台 charts read their figures through this.
 */
export function statsFigure(
  agg: StatsAggregate,
  line: string,
  measure: 'c' | 'p' | 'f',
  members?: readonly string[],
): number {
  const i = measure === 'c' ? C : measure === 'p' ? P : F
  return sumVector(agg, members)[lineOffset(line) + i]
}

/** Monthly figures of the period for the 工作台 trend chart: applications, granted cases, paid 分. */
export function statsTrend(
  agg: StatsAggregate,
  members?: readonly string[],
): { month: string; applied: number; granted: number; paidFen: number }[] {
  const sums = new Float64Array(agg.months.length * 3)
  for (const code of members ?? agg.offices.keys()) {
    const o = agg.offices.get(code)
    if (o) for (let i = 0; i < sums.length; i++) sums[i] += o.months[i]
  }
  return agg.months.map((month, i) => ({
    month,
    applied: sums[i * 3],
    granted: sums[i * 3 + 1],
    paidFen: sums[i * 3 + 2],
  }))
}

/**
 * Convenience: statistics of one period — the form, and at higher offices the roll-up forms too. With `yoy` the
 * same collection runs again for 上年同期 (sameTimeLastYear) and the form gets its 上年同期 and 同比 columns; a higher
 * office gets the 同比（按单位）sheet after the roll-ups.
 */
export async function buildStatsReport(
  input: StatsInput,
  options: StatsOptions,
  extra: { yoy?: boolean } = {},
): Promise<{ aggregate: StatsAggregate; prior?: StatsAggregate; tables: TableModelParsed[] }> {
  const aggregate = await collectStats(input, options)
  const prior = extra.yoy
    ? await collectStats(input, { ...options, period: sameTimeLastYear(options.period) })
    : undefined
  const tables = [statsTable(aggregate, prior)]
  const multi = aggregate.scope.hasDirectory
    ? aggregate.scope.subtree().length > 1 || aggregate.offices.size > 1
    : aggregate.offices.size > 1
  if (multi) {
    for (const view of ['main', 'groups', 'categories'] as const) tables.push(statsRollupTable(aggregate, view))
    if (prior) tables.push(statsYoyRollupTable(aggregate, prior))
  }
  return { aggregate, ...(prior ? { prior } : {}), tables }
}
