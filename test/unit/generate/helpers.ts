import { expect } from 'vitest'
import type { z } from 'zod'
import {
  caseSchema,
  clueSchema,
  donationSchema,
  followUpSchema,
  type LedgerEntry,
  ledgerEntrySchema,
  materialSchema,
  personSchema,
  referralSchema,
} from '../../../shared/domain/schemas'
import { isRecordId } from '../../../shared/domain/schemas/primitives'
import {
  buildHierarchy,
  type DataTable,
  dataTables,
  generateDemoOffice,
  generateOffice,
  type Hierarchy,
  ledgerBalances,
  type OfficeData,
  type OfficeRecords,
} from '../../../shared/generate'

export const tableSchemas: Record<DataTable, z.ZodType> = {
  persons: personSchema,
  clues: clueSchema,
  cases: caseSchema,
  ledger: ledgerEntrySchema,
  donations: donationSchema,
  referrals: referralSchema,
  followUps: followUpSchema,
  materials: materialSchema,
}

/** Every schema failure of a data set, as `table id: path message` lines (empty when all records pass). */
export function schemaProblems(records: OfficeRecords): string[] {
  const out: string[] = []
  for (const t of dataTables) {
    for (const r of records[t] as { id: string }[]) {
      const parsed = tableSchemas[t].safeParse(r)
      if (!parsed.success) {
        for (const i of parsed.error.issues.slice(0, 2)) out.push(`${t} ${r.id}: ${i.path.join('.')} ${i.message}`)
      }
    }
  }
  return out
}

/** Concatenation of many offices' records (for checks over a whole sample). */
export function merge(list: readonly OfficeRecords[]): OfficeRecords {
  const out = Object.fromEntries(dataTables.map((t) => [t, [] as unknown[]])) as unknown as OfficeRecords
  for (const r of list) for (const t of dataTables) (out[t] as unknown[]).push(...(r[t] as unknown[]))
  return out
}

let demo: ReturnType<typeof generateDemoOffice> | undefined
/** The default demo data set (seed 1), generated once per test file. */
export function demoData() {
  demo ??= generateDemoOffice({ seed: 1 })
  return demo
}

let province: { h: Hierarchy; offices: OfficeData[] } | undefined
/**
 * A province-shaped sample: the real province hierarchy (~100–200 offices) with 6,000 cases instead of 100,000, so
 * every office, the state coverage office and the planted duplicates are there but the run takes seconds.
 */
export function provinceSample() {
  if (!province) {
    const h = buildHierarchy({ size: 'province', seed: 7, cases: 6000 })
    province = { h, offices: h.offices.map((spec) => generateOffice(h, spec, { mode: 'trusted' })) }
  }
  return province
}

/**
 * The money checks that must hold for any generated office or set of offices (docs/architecture.md §3; issue 4 "ledgers that
 * reconcile"). Collects every violation and asserts once, so a failure lists them all.
 */
export function moneyChecks(r: OfficeRecords) {
  const problems: string[] = []
  const fail = (what: string) => problems.length < 20 && problems.push(what)
  const ledger = r.ledger.filter((e) => !e.voided)
  const reversed = new Set(ledger.filter((e) => e.kind === 'reversal').map((e) => e.reversesId))
  const live = (e: LedgerEntry) => e.kind !== 'reversal' && !reversed.has(e.id)

  // received − paid + recovered (± reversals) = balance, per fund source, never negative.
  for (const [source, b] of Object.entries(ledgerBalances(ledger))) {
    if (b!.balance !== b!.received - b!.paid + b!.recovered + b!.reversed) fail(`${source}: balance formula`)
    if (b!.balance < 0) fail(`${source}: negative balance ${b!.balance}`)
    const liveIn = ledger
      .filter((e) => e.fundSource === source && (e.kind === 'allocation' || e.kind === 'donation') && live(e))
      .reduce((s, e) => s + e.amountFen, 0)
    if (b!.received + b!.reversed !== liveIn) fail(`${source}: reversals do not cancel the entries they name`)
  }

  // Paid cases match their disbursements to the fen, split by split; allocations match the fiscal splits.
  const byCase = new Map<string, LedgerEntry[]>()
  for (const e of ledger) if (e.caseId) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e])
  const total = (list: readonly LedgerEntry[], kind: LedgerEntry['kind']) =>
    list.filter((e) => e.kind === kind && live(e)).reduce((s, e) => s + e.amountFen, 0)
  let paidCases = 0
  for (const c of r.cases) {
    const entries = byCase.get(c.id) ?? []
    const paidOut = total(entries, 'disbursement')
    if (c.payment) {
      paidCases++
      if (c.payment.amountFen !== c.decision?.grantedFen) fail(`${c.id}: paid ≠ granted`)
      if (paidOut !== c.payment.amountFen) fail(`${c.id}: disbursed ${paidOut} ≠ paid ${c.payment.amountFen}`)
      const splits = c.funding?.splits ?? []
      if (splits.reduce((s, x) => s + x.amountFen, 0) !== c.payment.amountFen) fail(`${c.id}: splits ≠ paid`)
      for (const s of splits) {
        const match = entries.some(
          (e) => e.kind === 'disbursement' && e.fundSource === s.source && e.amountFen === s.amountFen,
        )
        if (!match) fail(`${c.id}: no disbursement for the ${s.source} split`)
      }
    } else if (paidOut !== 0) fail(`${c.id}: disbursement without payment`)
    const fiscal = c.funding?.receivedDate
      ? c.funding.splits.filter((s) => s.source !== 'donation').reduce((s, x) => s + x.amountFen, 0)
      : 0
    if (total(entries, 'allocation') !== fiscal) fail(`${c.id}: allocations ≠ fiscal splits`)
    const back = c.recoveries.reduce((s, x) => s + (x.recoveredFen ?? 0), 0)
    if (total(entries, 'recovery') !== back) fail(`${c.id}: recovery entries ≠ recovered`)
  }
  if (paidCases === 0) fail('no paid case')

  // Donations: never more spent than given; the recipients are the cases their money went to.
  const spent = new Map<string, number>()
  const booked = new Map<string, number[]>()
  for (const e of ledger) {
    if (!e.donationId) continue
    if (e.kind === 'disbursement') spent.set(e.donationId, (spent.get(e.donationId) ?? 0) + e.amountFen)
    if (e.kind === 'donation') booked.set(e.donationId, [...(booked.get(e.donationId) ?? []), e.amountFen])
  }
  const used = new Map<string, Set<string>>()
  for (const c of r.cases) {
    for (const s of c.funding?.splits ?? []) {
      if (s.donationId) used.set(s.donationId, (used.get(s.donationId) ?? new Set()).add(c.id))
    }
  }
  for (const d of r.donations) {
    if ((spent.get(d.id) ?? 0) > d.amountFen) fail(`${d.id}: donation overspent`)
    if ([...(used.get(d.id) ?? [])].sort().join() !== [...d.recipientCaseIds].sort().join()) fail(`${d.id}: recipients`)
    if ((booked.get(d.id) ?? []).join() !== String(d.amountFen)) fail(`${d.id}: donation not booked once`)
  }
  expect(problems).toEqual([])
}

/** Every calendar date field of a record at any depth (`date`, `…Date`, `…On`), except running deadlines (`dueDate`). */
function datesOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const v of value) datesOf(v, out)
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (typeof v === 'string' && /^(date|.*Date|.*On)$/.test(k) && k !== 'dueDate' && /^\d{4}-\d\d-\d\d$/.test(v)) {
        out.push(v)
      } else datesOf(v, out)
    }
  }
  return out
}

/** Ids, owners, stamps and dates of every record (collects violations, asserts once). */
export function commonChecks(records: OfficeRecords, asOf: string) {
  const problems: string[] = []
  const fail = (what: string) => problems.length < 20 && problems.push(what)
  const ids = new Set<string>()
  for (const t of dataTables) {
    for (const r of records[t] as { id: string; ownerUnit: string; createdAt: string; updatedAt: string }[]) {
      if (!isRecordId(r.id) || r.id.slice(0, 6) !== r.ownerUnit) fail(`${t} ${r.id}: id or owner`)
      if (ids.has(r.id)) fail(`${t} ${r.id}: duplicate id`)
      ids.add(r.id)
      if (r.createdAt > r.updatedAt) fail(`${t} ${r.id}: updated before created`)
      if (r.updatedAt.slice(0, 10) > asOf) fail(`${t} ${r.id}: updated after asOf`)
      for (const d of datesOf(r)) if (d > asOf) fail(`${t} ${r.id}: dated ${d} after ${asOf}`)
    }
  }
  expect(problems).toEqual([])
}
