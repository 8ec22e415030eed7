import { formatYuan } from '../domain/money'
import type { LedgerEntry } from '../domain/schemas'
import { type FundSource, fundSourceLabels, fundSources } from '../domain/schemas/labels'

/**
 * The funds ledger (资金台账) computation, pure. Each office keeps its own account; a higher office holding its
 * subordinates' replicas sees their accounts side by side and summed.
 *
 * Per fund source (中央/省级/市级/县级/社会捐助):
 * - received  = 财政拨款 + 社会捐助, less reversals of them;
 * - paid      = 救助金发放, less reversals of them;
 * - recovered = 救助金追回, less reversals of them;
 * - balance   = the running sum of the entries in date order as booked (+ in, − out; a reversal takes the opposite of
 *   the entry it reverses).
 * Reconciliation: received − paid + recovered = balance. It holds for every entry whose meaning is known; an entry
 * that cannot be classified (a reversal of an unknown entry, booked as money out) breaks it, and the difference is
 * listed with the entries that cause it. Other entries that break the ledger's rules are listed too: a disbursement
 * without a matching allocation (neither for its case nor from an unassigned allocation of the same source), a
 * donated disbursement beyond or without its donation, a reversal larger than the entry it reverses or in another
 * source, a recovery for a case never paid, and a running balance that goes below zero.
 */

export interface SourceBalance {
  received: number
  paid: number
  recovered: number
  balance: number
  /** balance − (received − paid + recovered); 0 when the source reconciles. */
  difference: number
}

export const ledgerProblemLabels = {
  'reversal-unknown-target': '冲销的分录不存在',
  'reversal-exceeds-target': '冲销金额超过被冲销分录（或重复冲销）',
  'reversal-source-mismatch': '冲销分录与被冲销分录的资金来源不一致',
  'disbursement-unfunded': '发放没有对应的拨款',
  'donation-unknown': '发放注明的捐助没有入账记录',
  'donation-overspent': '捐助资金发放超过捐助金额',
  'recovery-without-payment': '追回的案件没有发放记录',
  'balance-negative': '资金余额为负',
} as const
export type LedgerProblemCode = keyof typeof ledgerProblemLabels

export interface LedgerProblem {
  code: LedgerProblemCode
  entryId: string
  ownerUnit: string
  date: string
  kind: LedgerEntry['kind']
  fundSource: FundSource
  /** The entry's amount. */
  amountFen: number
  /** The amount at issue (uncovered part, excess, balance shortfall, or the entry's amount). */
  affectedFen: number
  caseId?: string
  message: string
}

export interface FundsSummary {
  bySource: Record<FundSource, SourceBalance>
  total: SourceBalance
  /** Per office: its account's totals over all sources. */
  byUnit: Record<string, SourceBalance>
  problems: LedgerProblem[]
  entries: number
}

const zero = (): SourceBalance => ({ received: 0, paid: 0, recovered: 0, balance: 0, difference: 0 })

type Category = 'received' | 'paid' | 'recovered'
interface Effect {
  category: Category
  /** +1 for the entry itself, −1 for a reversal of it (−−1 for a reversal of a reversal). */
  sign: 1 | -1
  /** The original (non-reversal) entry the effect comes from. */
  origin: LedgerEntry
}

const categoryOf: Record<Exclude<LedgerEntry['kind'], 'reversal'>, Category> = {
  allocation: 'received',
  donation: 'received',
  disbursement: 'paid',
  recovery: 'recovered',
}

/** Within one day: receipts first, then reversals, then payments (funds arrive before they are paid). */
const kindRank: Record<LedgerEntry['kind'], number> = {
  allocation: 0,
  donation: 0,
  recovery: 1,
  reversal: 2,
  disbursement: 3,
}

function bookDelta(category: Category, amount: number): number {
  return category === 'paid' ? -amount : amount
}

export function computeFunds(all: readonly LedgerEntry[]): FundsSummary {
  const entries = all
    .filter((e) => !e.voided)
    .sort((a, b) => a.date.localeCompare(b.date) || kindRank[a.kind] - kindRank[b.kind] || a.id.localeCompare(b.id))
  const byId = new Map(entries.map((e) => [e.id, e]))
  const problems: LedgerProblem[] = []
  const problem = (e: LedgerEntry, code: LedgerProblemCode, affectedFen: number, detail = '') =>
    problems.push({
      code,
      entryId: e.id,
      ownerUnit: e.ownerUnit,
      date: e.date,
      kind: e.kind,
      fundSource: e.fundSource,
      amountFen: e.amountFen,
      affectedFen,
      ...(e.caseId ? { caseId: e.caseId } : {}),
      message: `${ledgerProblemLabels[code]}${detail ? `：${detail}` : ''}`,
    })

  const effects = new Map<string, Effect | null>()
  const effectOf = (e: LedgerEntry, depth = 0): Effect | null => {
    const known = effects.get(e.id)
    if (known !== undefined) return known
    let eff: Effect | null
    if (e.kind !== 'reversal') eff = { category: categoryOf[e.kind], sign: 1, origin: e }
    else {
      const target = e.reversesId ? byId.get(e.reversesId) : undefined
      const inner = target && depth < 20 && target.id !== e.id ? effectOf(target, depth + 1) : null
      eff = inner ? { category: inner.category, sign: inner.sign === 1 ? -1 : 1, origin: inner.origin } : null
    }
    effects.set(e.id, eff)
    return eff
  }

  const bySource = Object.fromEntries(fundSources.map((s) => [s, zero()])) as Record<FundSource, SourceBalance>
  const byUnit: Record<string, SourceBalance> = {}
  const running = new Map<string, number>() // unit|source → balance
  const reversedOf = new Map<string, number>() // target id → amount reversed so far
  // matching: unit|case|source → allocated / disbursed (net); unit|source → unassigned allocations; donation use
  const allocated = new Map<string, number>()
  const disbursed = new Map<string, { net: number; last: LedgerEntry }>()
  const pool = new Map<string, number>()
  const donationIn = new Map<string, number>()
  const donationOut = new Map<string, { net: number; last: LedgerEntry; flaggedUnknown: boolean }>()
  const paidCases = new Set<string>()
  const recoveries: LedgerEntry[] = []
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v)

  for (const e of entries) {
    byUnit[e.ownerUnit] ??= zero()
    const unit = byUnit[e.ownerUnit]
    const src = bySource[e.fundSource]
    const eff = effectOf(e)
    let delta: number
    if (!eff) {
      // a reversal of an unknown entry: booked as money out, not classifiable → breaks the reconciliation
      delta = -e.amountFen
      problem(e, 'reversal-unknown-target', e.amountFen, `被冲销的分录 ${e.reversesId ?? '（未注明）'} 不在本台账中`)
    } else {
      const signed = eff.sign * e.amountFen
      src[eff.category] += signed
      unit[eff.category] += signed
      delta = bookDelta(eff.category, signed)
      if (e.kind === 'reversal') {
        const target = byId.get(e.reversesId as string) as LedgerEntry
        const total = (reversedOf.get(target.id) ?? 0) + e.amountFen
        reversedOf.set(target.id, total)
        if (total > target.amountFen) {
          problem(
            e,
            'reversal-exceeds-target',
            total - target.amountFen,
            `被冲销分录金额 ${formatYuan(target.amountFen)} 元，累计冲销 ${formatYuan(total)} 元`,
          )
        }
        if (target.fundSource !== e.fundSource) {
          problem(e, 'reversal-source-mismatch', e.amountFen, `被冲销分录为${fundSourceLabels[target.fundSource]}资金`)
        }
      }
      // matching by the original entry's case and donation, in this entry's source
      const o = eff.origin
      const caseId = o.caseId
      if (eff.category === 'received' && o.kind === 'allocation') {
        if (caseId) add(allocated, `${e.ownerUnit}|${caseId}|${e.fundSource}`, signed)
        else add(pool, `${e.ownerUnit}|${e.fundSource}`, signed)
      }
      if (eff.category === 'received' && o.kind === 'donation' && o.donationId)
        add(donationIn, `${e.ownerUnit}|${o.donationId}`, signed)
      if (eff.category === 'paid') {
        if (caseId) paidCases.add(`${e.ownerUnit}|${caseId}`)
        if (e.fundSource !== 'donation' && caseId) {
          const k = `${e.ownerUnit}|${caseId}|${e.fundSource}`
          const d = disbursed.get(k) ?? { net: 0, last: e }
          d.net += signed
          if (e.kind === 'disbursement') d.last = e
          disbursed.set(k, d)
        }
      }
      if (o.donationId && (eff.category === 'paid' || eff.category === 'recovered')) {
        const k = `${e.ownerUnit}|${o.donationId}`
        const d = donationOut.get(k) ?? { net: 0, last: e, flaggedUnknown: false }
        d.net += eff.category === 'paid' ? signed : -signed
        if (eff.category === 'paid' && e.kind === 'disbursement') {
          d.last = e
          const inflow = donationIn.get(k)
          if (inflow === undefined && !d.flaggedUnknown) {
            problem(e, 'donation-unknown', e.amountFen, `捐助记录 ${o.donationId}`)
            d.flaggedUnknown = true
          } else if (inflow !== undefined && d.net > inflow) {
            problem(
              e,
              'donation-overspent',
              Math.min(e.amountFen, d.net - inflow),
              `捐助 ${formatYuan(inflow)} 元，已发放 ${formatYuan(d.net)} 元`,
            )
          }
        }
        donationOut.set(k, d)
      }
      if (e.kind === 'recovery') recoveries.push(e)
    }
    src.balance += delta
    unit.balance += delta
    const rk = `${e.ownerUnit}|${e.fundSource}`
    const before = running.get(rk) ?? 0
    const after = before + delta
    running.set(rk, after)
    if (after < 0 && before >= 0) {
      problem(e, 'balance-negative', -after, `${fundSourceLabels[e.fundSource]}资金余额 ${formatYuan(after)} 元`)
    }
  }

  // disbursements beyond their case's allocation, covered from unassigned allocations of the source in date order
  const shortfalls = [...disbursed.entries()]
    .map(([k, d]) => ({ k, d, short: d.net - (allocated.get(k) ?? 0) }))
    .filter((s) => s.short > 0)
    .sort((a, b) => a.d.last.date.localeCompare(b.d.last.date) || a.d.last.id.localeCompare(b.d.last.id))
  for (const s of shortfalls) {
    const [unit, , source] = s.k.split('|')
    const pk = `${unit}|${source}`
    const available = Math.max(0, pool.get(pk) ?? 0)
    const covered = Math.min(available, s.short)
    pool.set(pk, available - covered)
    if (covered < s.short) {
      problem(
        s.d.last,
        'disbursement-unfunded',
        s.short - covered,
        `本案${fundSourceLabels[source as FundSource]}资金拨款 ${formatYuan(allocated.get(s.k) ?? 0)} 元，发放 ${formatYuan(s.d.net)} 元`,
      )
    }
  }
  for (const r of recoveries) {
    if (r.caseId && !paidCases.has(`${r.ownerUnit}|${r.caseId}`)) problem(r, 'recovery-without-payment', r.amountFen)
  }

  const total = zero()
  for (const s of fundSources) {
    const b = bySource[s]
    b.difference = b.balance - (b.received - b.paid + b.recovered)
    for (const k of ['received', 'paid', 'recovered', 'balance', 'difference'] as const) total[k] += b[k]
  }
  for (const u of Object.values(byUnit)) u.difference = u.balance - (u.received - u.paid + u.recovered)
  problems.sort(
    (a, b) => a.date.localeCompare(b.date) || a.entryId.localeCompare(b.entryId) || a.code.localeCompare(b.code),
  )
  return { bySource, total, byUnit, problems, entries: entries.length }
}

/** Sums the summaries of separate offices' accounts (each computed on its own entries). */
export function mergeFunds(parts: readonly FundsSummary[]): FundsSummary {
  const bySource = Object.fromEntries(fundSources.map((s) => [s, zero()])) as Record<FundSource, SourceBalance>
  const total = zero()
  const byUnit: Record<string, SourceBalance> = {}
  const problems: LedgerProblem[] = []
  let entries = 0
  const keys = ['received', 'paid', 'recovered', 'balance', 'difference'] as const
  for (const p of parts) {
    for (const s of fundSources) for (const k of keys) bySource[s][k] += p.bySource[s][k]
    for (const k of keys) total[k] += p.total[k]
    for (const [u, b] of Object.entries(p.byUnit)) {
      byUnit[u] ??= zero()
      const t = byUnit[u]
      for (const k of keys) t[k] += b[k]
    }
    problems.push(...p.problems)
    entries += p.entries
  }
  problems.sort(
    (a, b) => a.date.localeCompare(b.date) || a.entryId.localeCompare(b.entryId) || a.code.localeCompare(b.code),
  )
  return { bySource, total, byUnit, problems, entries }
}

/** 分 disbursed from each donation, net of reversals and recoveries (捐助台账 已使用). */
export function donationUse(entries: readonly LedgerEntry[]): Map<string, number> {
  const byId = new Map(entries.map((e) => [e.id, e]))
  const use = new Map<string, number>()
  for (const e of entries) {
    if (e.voided) continue
    const target = e.kind === 'reversal' && e.reversesId ? byId.get(e.reversesId) : undefined
    const origin = target ?? e
    if (!origin.donationId) continue
    const sign = e.kind === 'reversal' ? -1 : 1
    const delta = origin.kind === 'disbursement' ? e.amountFen : origin.kind === 'recovery' ? -e.amountFen : 0
    if (delta) use.set(origin.donationId, (use.get(origin.donationId) ?? 0) + sign * delta)
  }
  return use
}
