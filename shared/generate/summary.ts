import type { Case, CaseState, FundSource, LedgerEntry, LedgerKind } from '../domain/schemas'
import { type DataTable, dataTables, type OfficeRecords } from './office'

/** Count and money total of one table (the money a bundle manifest's `totals.amountFen` would carry). */
export interface TableSummary {
  count: number
  /** cases: granted amounts; ledger: every entry's amount (all kinds); donations: amounts received. */
  amountFen?: number
}

/** The money figure of a record for its table's total, or undefined for tables without money. */
export function recordAmountFen(table: DataTable, record: unknown): number | undefined {
  const r = record as { amountFen?: number; decision?: Case['decision'] }
  if (table === 'cases') return r.decision?.outcome === 'granted' ? (r.decision.grantedFen ?? 0) : 0
  if (table === 'ledger' || table === 'donations') return r.amountFen ?? 0
  return undefined
}

const MONEY_TABLES: ReadonlySet<DataTable> = new Set(['cases', 'ledger', 'donations'])

export function summarizeTables(records: OfficeRecords): Record<DataTable, TableSummary> {
  const out = {} as Record<DataTable, TableSummary>
  for (const t of dataTables) {
    const list = records[t] as unknown[]
    if (!MONEY_TABLES.has(t)) {
      out[t] = { count: list.length }
      continue
    }
    let total = 0
    for (const r of list) total += recordAmountFen(t, r) ?? 0
    out[t] = { count: list.length, amountFen: total }
  }
  return out
}

export function addSummaries(
  into: Record<DataTable, TableSummary>,
  add: Readonly<Record<DataTable, TableSummary>>,
): Record<DataTable, TableSummary> {
  for (const t of dataTables) {
    const a = into[t] ?? { count: 0 }
    const b = add[t]
    into[t] = {
      count: a.count + b.count,
      ...(a.amountFen !== undefined || b.amountFen !== undefined
        ? { amountFen: (a.amountFen ?? 0) + (b.amountFen ?? 0) }
        : {}),
    }
  }
  return into
}

export function emptySummaries(): Record<DataTable, TableSummary> {
  const out = {} as Record<DataTable, TableSummary>
  for (const t of dataTables) out[t] = { count: 0 }
  return out
}

/** One fund source's money: what came in (财政拨款, 捐助), went out (发放), came back (追回), and what is left. */
export interface FundBalance {
  received: number
  paid: number
  recovered: number
  /** Net effect of reversing entries (negative when they cancel receipts). */
  reversed: number
  balance: number
}

const SIGN: Record<Exclude<LedgerKind, 'reversal'>, 1 | -1> = {
  allocation: 1,
  donation: 1,
  disbursement: -1,
  recovery: 1,
}

/**
 * Balances per fund source: received − paid + recovered (± reversals, each cancelling the entry it names) = balance
 * (docs/architecture.md §3: money registers are append-only; a correction is a reversing entry).
 */
export function ledgerBalances(ledger: readonly LedgerEntry[]): Partial<Record<FundSource, FundBalance>> {
  const byId = new Map(ledger.map((e) => [e.id, e]))
  const out: Partial<Record<FundSource, FundBalance>> = {}
  for (const e of ledger) {
    const b = out[e.fundSource] ?? { received: 0, paid: 0, recovered: 0, reversed: 0, balance: 0 }
    out[e.fundSource] = b
    if (e.voided) continue
    switch (e.kind) {
      case 'allocation':
      case 'donation':
        b.received += e.amountFen
        break
      case 'disbursement':
        b.paid += e.amountFen
        break
      case 'recovery':
        b.recovered += e.amountFen
        break
      case 'reversal': {
        const target = e.reversesId ? byId.get(e.reversesId) : undefined
        const sign = target && target.kind !== 'reversal' ? SIGN[target.kind] : 1
        b.reversed -= sign * e.amountFen
        break
      }
    }
    b.balance = b.received - b.paid + b.recovered + b.reversed
  }
  return out
}

/** Cases by state. */
export function stateCounts(cases: readonly Pick<Case, 'state'>[]): Partial<Record<CaseState, number>> {
  const out: Partial<Record<CaseState, number>> = {}
  for (const c of cases) out[c.state] = (out[c.state] ?? 0) + 1
  return out
}
