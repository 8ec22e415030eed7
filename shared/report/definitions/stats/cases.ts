import { forEachRecord, type InputTally } from '../../source'
import { assistedCount, notAssistedId } from './assisted'
import type { StatsCase, StatsInput } from './input'
import {
  C,
  F,
  JOINT_LEVEL_BIT,
  O_ABANDONED,
  O_ACCEPTED,
  O_ADVANCE,
  O_APPLIED,
  O_EX_OFFICIO,
  O_GRANTED,
  O_GROUP,
  O_INFORMED,
  O_JOINT,
  O_ORIGIN,
  O_ORIGIN_NONE,
  O_ORIGIN_UNSPECIFIED,
  O_PAID,
  O_RECOVERED,
  O_REFUSED,
  O_WITHDRAWN,
  type OfficeStats,
  P,
} from './lines'
import type { StatsPass } from './pass'

/*
 * The cases' part of the statistics: 二 申请和受理, 三 审查决定, 四 发放和追回, and of the granted cases 五 类别,
 * 六 来源部门, 七 重点群体 and the monthly trend. The fields are read through the tally's hasher in a fixed order
 * (the provenance hash depends on it): persons, application, decision, payment, recoveries.
 */

type Hasher = InputTally['hasher']

/** The case's listed persons and, once needed, its 救助人数 (counted at most once per case). */
interface Assisted {
  ids: readonly string[]
  notAssisted: string | undefined
  persons: number
}

function personsOf(a: Assisted): number {
  if (a.persons < 0) a.persons = assistedCount(a.ids, a.notAssisted)
  return a.persons
}

/**
 * Counts the cases of the period; 小额应急性帮扶 cases are left out (counted in `pass.small`). Returns the ids of
 * those cases: their referrals, follow-ups and ledger entries are left out too.
 */
export async function countCases(
  pass: StatsPass,
  cases: StatsInput['cases'],
  flags: ReadonlyMap<string, number>,
): Promise<Set<string>> {
  const smallCases = new Set<string>()
  await forEachRecord(cases, (c) => {
    const h = pass.tally.begin(c)
    const o = pass.admit(c)
    if (o) {
      if (h.b01(c.smallEmergencyHelp)) {
        smallCases.add(c.id)
        pass.excluded.smallEmergencyCases++
        const d = h.day(c.decisionDate)
        if (pass.within(d) && h.s(c.decision?.outcome) === 'granted') {
          pass.small.cases++
          pass.small.grantedFen += h.n(c.decision?.grantedFen) ?? 0
        }
      } else countCase(pass, c, o, h, flags)
    }
    pass.tally.end('cases', c.ownerUnit, c.rev)
  })
  return smallCases
}

function countCase(pass: StatsPass, c: StatsCase, o: OfficeStats, h: Hasher, flags: ReadonlyMap<string, number>): void {
  const ids = h.list(c.personIdNumbers)
  const who: Assisted = { ids, notAssisted: notAssistedId(c, ids, h), persons: -1 }
  countApplication(pass, c, o, h, who)
  countDecision(pass, c, o, h, who, flags)
  countPayment(pass, c, o, h, who)
  countRecoveries(pass, c, o, h)
}

/** 收到申请, 受理, 依职权启动, 撤回, 视为放弃, 告知. */
function countApplication(pass: StatsPass, c: StatsCase, o: OfficeStats, h: Hasher, who: Assisted): void {
  const v = o.v
  const applied = h.day(c.applicationDate)
  if (pass.within(applied)) {
    v[O_APPLIED + C]++
    v[O_APPLIED + P] += personsOf(who)
    const mi = pass.monthIndex(applied)
    if (mi >= 0 && mi < pass.mCount) o.months[mi * 3]++
  }
  // 受理救助申请 counts accepted applications only: a case started ex officio and taken into review without an
  // application is counted once, under 依职权启动救助
  const accepted = h.day(c.acceptanceDate)
  if (pass.within(accepted) && applied > 0) {
    v[O_ACCEPTED + C]++
    v[O_ACCEPTED + P] += personsOf(who)
  }
  if (pass.within(h.day(c.exOfficio?.date))) v[O_EX_OFFICIO + C]++
  if (pass.within(h.day(c.withdrawal?.date))) v[O_WITHDRAWN + C]++
  if (h.b01(c.state === 'abandoned')) {
    if (pass.within(h.day(c.supplement?.dueDate))) v[O_ABANDONED + C]++
  }
  if (pass.within(h.day(c.informing?.date))) v[O_INFORMED + C]++
}

/** 决定给予救助 (with 先行救助, the category, origin and priority-group lines) and 决定不予救助. */
function countDecision(
  pass: StatsPass,
  c: StatsCase,
  o: OfficeStats,
  h: Hasher,
  who: Assisted,
  flags: ReadonlyMap<string, number>,
): void {
  const decided = h.day(c.decisionDate)
  if (!pass.within(decided) || !c.decision) return
  const v = o.v
  const persons = personsOf(who)
  const outcome = h.s(c.decision.outcome)
  if (outcome === 'refused') {
    v[O_REFUSED + C]++
    v[O_REFUSED + P] += persons
    return
  }
  if (outcome !== 'granted') return
  const fen = h.n(c.decision.grantedFen) ?? 0
  v[O_GRANTED + C]++
  v[O_GRANTED + P] += persons
  v[O_GRANTED + F] += fen
  const mi = pass.monthIndex(decided)
  if (mi >= 0 && mi < pass.mCount) o.months[mi * 3 + 1]++
  if (h.b01(c.decision.advance)) {
    v[O_ADVANCE + C]++
    v[O_ADVANCE + P] += persons
    v[O_ADVANCE + F] += fen
  }
  countCategory(pass, c, o, h, persons, fen)
  countOrigin(c, o, h, persons, fen)
  if (flags.size > 0) countGroups(o, who, flags, fen)
}

/** 五: the granted case under its 救助情形 code ('' when none). */
function countCategory(pass: StatsPass, c: StatsCase, o: OfficeStats, h: Hasher, persons: number, fen: number): void {
  const code = h.s(c.categoryItemCode) ?? ''
  let cat = o.categories.get(code)
  if (!cat) {
    cat = new Float64Array(3)
    o.categories.set(code, cat)
    pass.seenCategories.add(code)
  }
  cat[C]++
  cat[P] += persons
  cat[F] += fen
}

/**
 * 六: a department is credited only with the cases referred from its clue (source 'referral'); the field on other
 * cases (the department of the underlying case, as older data and the generator filled it) is not read.
 */
function countOrigin(c: StatsCase, o: OfficeStats, h: Hasher, persons: number, fen: number): void {
  const referred = h.s(c.source) === 'referral'
  const dept = h.s(c.originDepartment)
  const oo = !referred
    ? O_ORIGIN_NONE
    : dept === undefined
      ? O_ORIGIN_UNSPECIFIED
      : (O_ORIGIN.get(dept) ?? O_ORIGIN_UNSPECIFIED)
  o.v[oo + C]++
  o.v[oo + P] += persons
  o.v[oo + F] += fen
}

/** 七: persons per priority group among the case's 救助对象, and the case once under each group any of them is in. */
function countGroups(o: OfficeStats, who: Assisted, flags: ReadonlyMap<string, number>, fen: number): void {
  const v = o.v
  const { ids, notAssisted } = who
  let caseMask = 0
  outer: for (let i = 0; i < ids.length; i++) {
    if (ids[i] === notAssisted) continue
    for (let j = 0; j < i; j++) if (ids[j] === ids[i]) continue outer
    const m = flags.get(ids[i])
    if (m === undefined) continue
    caseMask |= m
    for (let g = 0; g < O_GROUP.length; g++) if (m & (1 << g)) v[O_GROUP[g] + P]++
  }
  if (caseMask === 0) return
  for (let g = 0; g < O_GROUP.length; g++) {
    if (caseMask & (1 << g)) {
      v[O_GROUP[g] + C]++
      v[O_GROUP[g] + F] += fen
    }
  }
}

/** 发放救助金 and 其中：多级资金联合救助. */
function countPayment(pass: StatsPass, c: StatsCase, o: OfficeStats, h: Hasher, who: Assisted): void {
  const paid = h.day(c.payment?.paidDate)
  if (!pass.within(paid)) return
  const v = o.v
  const persons = personsOf(who)
  const fen = h.n(c.payment!.amountFen)
  v[O_PAID + C]++
  v[O_PAID + P] += persons
  v[O_PAID + F] += fen
  const mi = pass.monthIndex(paid)
  if (mi >= 0 && mi < pass.mCount) o.months[mi * 3 + 2] += fen
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

/** 追回救助金: each recovery of the period with an amount (件 = times). */
function countRecoveries(pass: StatsPass, c: StatsCase, o: OfficeStats, h: Hasher): void {
  const recoveries = c.recoveries
  for (let i = 0; i < recoveries.length; i++) {
    const r = recoveries[i]
    const d = h.day(r.recoveredDate)
    const fen = h.n(r.recoveredFen)
    if (pass.within(d) && fen !== undefined && fen > 0) {
      o.v[O_RECOVERED + C]++
      o.v[O_RECOVERED + F] += fen
    }
  }
}
