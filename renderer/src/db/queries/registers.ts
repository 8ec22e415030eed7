import { addDays } from '@shared/domain/dates'
import type { Case, Clue, Donation, FollowUp, LedgerEntry } from '@shared/domain/schemas'
import { endedUnpaid } from '@shared/domain/workflow'
import {
  applicationRow,
  clueRow,
  computeFunds,
  decisionRow,
  donationRow,
  donationUse,
  type FundsSummary,
  followUpRow,
  ledgerRow,
  mergeFunds,
  type PartyInfo,
  paymentRow,
  type RegisterContext,
  type RegisterId,
  type RegisterRow,
  recoveryRows,
  registerViewsKey,
  type SavedView,
  savedViewsSchema,
} from '@shared/registers'
import type { Collection, IndexableType, Table } from 'dexie'
import type { JiuzhuDb, StoredRecord, UnitRow } from '../database'
import { getSetting } from './settings'

/**
 * Register rows, loaded by the best index and streamed in chunks (docs/registers.md):
 * - the first page (newest first by the register's date) comes from one bounded index read, so the first screen
 *   does not depend on how much the office holds;
 * - the rest of the period follows in date windows walking backwards through the same index, each window one
 *   bounded read, sized to about CHUNK rows;
 * - every other filter (state, category, origin, priority group, source, office, search) is applied in memory by
 *   the screen, so changing it does not touch storage.
 * The period bounds the index read; a register without a date index of its own (回访, 追回) is found another way
 * (see each loader) and says so in docs/registers.md.
 */

export interface RegisterLoadOptions {
  from?: string
  to?: string
  /** Rows of the first chunk (the first screen). */
  firstPage?: number
  /** Target rows per later chunk. */
  chunk?: number
  signal?: AbortSignal
}

export interface RegisterProgress {
  /** Rows delivered so far. */
  rows: number
  done: boolean
}

export type ChunkSink = (rows: RegisterRow[], progress: RegisterProgress) => void

const FIRST_PAGE = 100
const CHUNK = 4000
const MIN_DATE = '1990-01-01'
const MAX_DATE = '2999-12-31'

class Aborted extends Error {}

function check(signal?: AbortSignal) {
  if (signal?.aborted) throw new Aborted('aborted')
}

/** Lookups shared by every chunk of one load: offices, users, donors (small tables, read once). */
async function baseContext(db: JiuzhuDb): Promise<RegisterContext> {
  const [units, users, departmentNames] = await Promise.all([
    db.units.toArray(),
    db.users.toArray(),
    getSetting(db, 'departmentNames'),
  ])
  return {
    units: new Map(units.map((u) => [u.code, u.shortName || u.name])),
    users: new Map(users.map((u) => [u.id, u.displayName])),
    departmentNames,
  }
}

async function personsOf(db: JiuzhuDb, ids: Iterable<string | undefined>): Promise<Map<string, PartyInfo>> {
  const wanted = [...new Set([...ids].filter((x): x is string => !!x))]
  const rows = await db.persons.bulkGet(wanted)
  const out = new Map<string, PartyInfo>()
  for (const r of rows) {
    if (r) {
      out.set(r.id, {
        name: String(r.name ?? ''),
        idNumber: String(r.idNumber ?? ''),
        priorityFlags: (r.priorityFlags as string[] | undefined) ?? [],
      })
    }
  }
  return out
}

async function casesOf(db: JiuzhuDb, ids: Iterable<string | undefined>): Promise<Map<string, Case>> {
  const wanted = [...new Set([...ids].filter((x): x is string => !!x))]
  const rows = (await db.cases.bulkGet(wanted)) as unknown as (Case | undefined)[]
  return new Map(rows.filter((c): c is Case => !!c).map((c) => [c.id, c]))
}

/** Parties of these cases. */
function partiesOfCases(db: JiuzhuDb, cases: Iterable<Case>) {
  const ids: string[] = []
  for (const c of cases) {
    if (c.applicantId) ids.push(c.applicantId)
    if (c.victimId) ids.push(c.victimId)
  }
  return personsOf(db, ids)
}

/**
 * Walks a date index newest first: the first page by one limited reverse read, then date windows backwards. Each
 * record is yielded once (the first page's last day is re-read whole and de-duplicated).
 */
async function* byDateIndex(
  table: Table<StoredRecord, string>,
  index: string,
  o: RegisterLoadOptions,
  where: (c: Collection<StoredRecord, string>) => Collection<StoredRecord, string> = (c) => c,
): AsyncGenerator<StoredRecord[]> {
  const from = o.from ?? MIN_DATE
  const to = o.to ?? MAX_DATE
  const first = await where(table.where(index).between(from, to, true, true).reverse())
    .limit(o.firstPage ?? FIRST_PAGE)
    .toArray()
  check(o.signal)
  yield first
  if (first.length < (o.firstPage ?? FIRST_PAGE)) return
  const seen = new Set(first.map((r) => r.id))
  const lowest = (await table.where(index).between(from, to, true, true).first()) as StoredRecord | undefined
  if (!lowest) return
  const floor = String(lowest[index] ?? from)
  let upper = first.length ? String(first[first.length - 1][index]) : to
  // the first page's last day, whole, without what was already shown
  const lastDay = (await where(table.where(index).equals(upper as IndexableType)).toArray()).filter(
    (r) => !seen.has(r.id),
  )
  check(o.signal)
  if (lastDay.length) yield lastDay
  let days = 7
  const target = o.chunk ?? CHUNK
  while (upper > floor) {
    const back = addDays(upper, -days)
    // biome-ignore lint/complexity/useMathMinMax: these are YYYY-MM-DD strings, not numbers
    const lower = back < floor ? floor : back
    const rows = await where(table.where(index).between(lower, upper, true, false).reverse()).toArray()
    check(o.signal)
    if (rows.length) yield rows
    upper = lower
    if (rows.length < target / 2) days = Math.min(days * 2, 3660)
    else if (rows.length > target * 2) days = Math.max(1, Math.floor(days / 2))
  }
}

async function* loadClues(db: JiuzhuDb, ctx: RegisterContext, o: RegisterLoadOptions) {
  for await (const chunk of byDateIndex(db.clues, 'referredOn', o)) {
    const clues = chunk as unknown as Clue[]
    const persons = await personsOf(
      db,
      clues.map((c) => c.partyPersonId),
    )
    const cases = await casesOf(
      db,
      clues.map((c) => c.convertedCaseId),
    )
    yield clues.filter((c) => !c.voided).map((c) => clueRow(c, { ...ctx, persons, cases }))
  }
}

async function* loadCasesBy(
  db: JiuzhuDb,
  ctx: RegisterContext,
  o: RegisterLoadOptions,
  index: 'applicationDate' | 'decisionDate',
  derive: (c: Case, ctx: RegisterContext) => RegisterRow | undefined,
) {
  for await (const chunk of byDateIndex(db.cases, index, o)) {
    const cases = (chunk as unknown as Case[]).filter((c) => !c.voided)
    const persons = await partiesOfCases(db, cases)
    const rows: RegisterRow[] = []
    for (const c of cases) {
      const r = derive(c, { ...ctx, persons })
      if (r) rows.push(r)
    }
    yield rows
  }
}

/**
 * 发放台账: disbursement entries by the ledger's date index lead to their cases (one row per paid case); then the
 * historical cases paid in the period, which have no ledger entry (docs/legacy-import.md §2: an import moves no
 * money) — read among the cases in state 已发放, where imported cases stay.
 */
async function* loadPayments(db: JiuzhuDb, ctx: RegisterContext, o: RegisterLoadOptions) {
  yield* loadLedgerPayments(db, ctx, o)
  check(o.signal)
  const inPeriod = (d: string | undefined) => !!d && (!o.from || d >= o.from) && (!o.to || d <= o.to)
  const historical = (await db.cases
    .where('state')
    .equals('paid')
    .filter((c) => !!c.legacyImport && !c.voided && inPeriod((c as unknown as Case).payment?.paidDate))
    .toArray()) as unknown as Case[]
  if (historical.length === 0) return
  const persons = await partiesOfCases(db, historical)
  const rows: RegisterRow[] = []
  for (const c of historical) {
    const r = paymentRow(c, { ...ctx, persons })
    if (r) rows.push(r)
  }
  yield rows
}

async function* loadLedgerPayments(db: JiuzhuDb, ctx: RegisterContext, o: RegisterLoadOptions) {
  const seen = new Set<string>()
  const onlyDisbursements = (c: Collection<StoredRecord, string>) => c.filter((e) => e.kind === 'disbursement')
  for await (const chunk of byDateIndex(db.ledger, 'date', o, onlyDisbursements)) {
    const ids: string[] = []
    for (const e of chunk) {
      const id = e.caseId as string | undefined
      if (id && !seen.has(id)) {
        seen.add(id)
        ids.push(id)
      }
    }
    const cases = [...(await casesOf(db, ids)).values()].filter((c) => !c.voided)
    const persons = await partiesOfCases(db, cases)
    const rows: RegisterRow[] = []
    for (const c of cases) {
      const r = paymentRow(c, { ...ctx, persons })
      if (r && (!o.from || r.date >= o.from) && (!o.to || r.date <= o.to)) rows.push(r)
    }
    yield rows
  }
}

/** Every ledger entry of these donations, reversals included (they carry the donation too; migration 0004). */
async function entriesOfDonations(db: JiuzhuDb, ids: readonly string[]): Promise<LedgerEntry[]> {
  if (ids.length === 0) return []
  return (await db.ledger
    .where('donationId')
    .anyOf([...new Set(ids)])
    .toArray()) as unknown as LedgerEntry[]
}

/** Donor names of these donations (only those a chunk names, so the first page stays one bounded read). */
async function donorsOf(db: JiuzhuDb, ids: Iterable<string | undefined>): Promise<Map<string, string>> {
  const wanted = [...new Set([...ids].filter((x): x is string => !!x))]
  const rows = (await db.donations.bulkGet(wanted)) as unknown as (Donation | undefined)[]
  return new Map(rows.filter((d): d is Donation => !!d).map((d) => [d.id, d.donor.name]))
}

async function* loadLedger(db: JiuzhuDb, ctx: RegisterContext, o: RegisterLoadOptions) {
  for await (const chunk of byDateIndex(db.ledger, 'date', o)) {
    const entries = (chunk as unknown as LedgerEntry[]).filter((e) => !e.voided)
    const donors = await donorsOf(
      db,
      entries.map((e) => e.donationId),
    )
    const cases = await casesOf(
      db,
      entries.map((e) => e.caseId),
    )
    const persons = await partiesOfCases(db, cases.values())
    const targetIds = entries.filter((e) => e.reversesId).map((e) => e.reversesId as string)
    const targets = new Map(
      ((await db.ledger.bulkGet(targetIds)) as unknown as (LedgerEntry | undefined)[])
        .filter((t): t is LedgerEntry => !!t)
        .map((t) => [t.id, t]),
    )
    const c = { ...ctx, cases, persons, donors }
    yield entries.map((e) => ledgerRow(e, c, e.reversesId ? targets.get(e.reversesId) : undefined))
  }
}

async function* loadDonations(db: JiuzhuDb, ctx: RegisterContext, o: RegisterLoadOptions) {
  for await (const chunk of byDateIndex(db.donations, 'receivedOn', o)) {
    const donations = (chunk as unknown as Donation[]).filter((d) => !d.voided)
    const use = donationUse(
      await entriesOfDonations(
        db,
        donations.map((d) => d.id),
      ),
    )
    const cases = await casesOf(
      db,
      donations.flatMap((d) => d.recipientCaseIds),
    )
    const persons = await partiesOfCases(db, cases.values())
    yield donations.map((d) => donationRow(d, { ...ctx, cases, persons, donationUse: use }))
  }
}

/**
 * 追回台账: cases with a recovery have no date index of their own (migration 0001). Open recoveries come first
 * through the `state` index and recoveries that brought money back through the ledger's `kind` index; then a
 * chunked pass over the cases decided up to the period's end completes the register (a recovery closed with
 * nothing recovered has neither mark).
 */
async function* loadRecoveries(db: JiuzhuDb, ctx: RegisterContext, o: RegisterLoadOptions) {
  const seen = new Set<string>()
  const emit = async (cases: Case[]) => {
    const fresh = cases.filter((c) => !c.voided && c.recoveries.length > 0 && !seen.has(c.id))
    for (const c of fresh) seen.add(c.id)
    const persons = await partiesOfCases(db, fresh)
    return fresh
      .flatMap((c) => recoveryRows(c, { ...ctx, persons }))
      .filter((r) => (!o.from || r.date >= o.from) && (!o.to || r.date <= o.to))
  }
  // first screen: a bounded read of open recoveries; then the rest of them, then those that brought money back
  const page = o.firstPage ?? FIRST_PAGE
  const openFirst = (await db.cases.where('state').equals('recovery').limit(page).toArray()) as unknown as Case[]
  check(o.signal)
  yield await emit(openFirst)
  if (openFirst.length === page) {
    const openRest = (await db.cases.where('state').equals('recovery').offset(page).toArray()) as unknown as Case[]
    check(o.signal)
    yield await emit(openRest)
  }
  const recovered = (await db.ledger.where('kind').equals('recovery').toArray()) as unknown as LedgerEntry[]
  const more = await casesOf(
    db,
    recovered.map((e) => e.caseId),
  )
  check(o.signal)
  yield await emit([...more.values()])
  const scanTo = o.to
  for await (const chunk of byDateIndex(db.cases, 'decisionDate', {
    ...o,
    from: undefined,
    to: scanTo,
    firstPage: o.chunk ?? CHUNK,
  })) {
    const rows = await emit(chunk as unknown as Case[])
    if (rows.length) yield rows
  }
}

/** 回访台账: the follow-up table has no date index (migration 0001): a chunked pass by primary key. */
async function* loadFollowUps(db: JiuzhuDb, ctx: RegisterContext, o: RegisterLoadOptions) {
  let after: string | undefined
  let size = o.firstPage ?? FIRST_PAGE
  for (;;) {
    const q = after === undefined ? db.followUps.toCollection() : db.followUps.where(':id').above(after)
    const chunk = (await q.limit(size).toArray()) as unknown as FollowUp[]
    check(o.signal)
    if (chunk.length === 0) return
    after = chunk[chunk.length - 1].id
    const inPeriod = chunk.filter((f) => !f.voided && (!o.from || f.date >= o.from) && (!o.to || f.date <= o.to))
    const cases = await casesOf(
      db,
      inPeriod.map((f) => f.caseId),
    )
    const persons = await partiesOfCases(db, cases.values())
    yield inPeriod.map((f) => followUpRow(f, { ...ctx, cases, persons }))
    size = o.chunk ?? CHUNK
  }
}

/**
 * Streams a register's rows for a period to `sink`, first page first. Resolves with the number of rows when the
 * whole period is loaded; stops quietly (resolving with what was delivered) when `signal` is aborted.
 */
export async function streamRegister(
  db: JiuzhuDb,
  register: RegisterId,
  options: RegisterLoadOptions,
  sink: ChunkSink,
): Promise<number> {
  const ctx = await baseContext(db)
  const loaders: Record<RegisterId, () => AsyncGenerator<RegisterRow[]>> = {
    clues: () => loadClues(db, ctx, options),
    applications: () => loadCasesBy(db, ctx, options, 'applicationDate', applicationRow),
    decisions: () => loadCasesBy(db, ctx, options, 'decisionDate', decisionRow),
    payments: () => loadPayments(db, ctx, options),
    ledger: () => loadLedger(db, ctx, options),
    donations: () => loadDonations(db, ctx, options),
    recoveries: () => loadRecoveries(db, ctx, options),
    followUps: () => loadFollowUps(db, ctx, options),
  }
  let count = 0
  try {
    for await (const rows of loaders[register]()) {
      check(options.signal)
      count += rows.length
      sink(rows, { rows: count, done: false })
    }
  } catch (e) {
    if (e instanceof Aborted) return count
    throw e
  }
  sink([], { rows: count, done: true })
  return count
}

/** Every row of a register for a period, at once (tests, exports from code). */
export async function loadRegister(
  db: JiuzhuDb,
  register: RegisterId,
  options: RegisterLoadOptions = {},
): Promise<RegisterRow[]> {
  const out: RegisterRow[] = []
  await streamRegister(db, register, options, (rows) => {
    for (const r of rows) out.push(r)
  })
  return out
}

/** The offices whose records this office holds (own and replicas), for the office filter. */
export async function registerUnits(db: JiuzhuDb): Promise<UnitRow[]> {
  return db.units.toArray()
}

/**
 * The funds ledger per office account (each computed on its own entries through the ownerUnit index, so memory
 * stays per office at national scale), merged. `units` limits it to those offices.
 */
export async function fundsSummary(
  db: JiuzhuDb,
  units?: readonly string[],
  onProgress?: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<FundsSummary> {
  const held = (await db.ledger.orderBy('ownerUnit').uniqueKeys()) as string[]
  const wanted = units ? held.filter((u) => units.includes(u)) : held
  const parts: FundsSummary[] = []
  for (let i = 0; i < wanted.length; i++) {
    if (signal?.aborted) break
    const entries = (await db.ledger.where('ownerUnit').equals(wanted[i]).toArray()) as unknown as LedgerEntry[]
    parts.push(computeFunds(entries))
    onProgress?.(i + 1, wanted.length)
  }
  return mergeFunds(parts)
}

/** A donation with what the notice to its donor needs: its recipients, what each got from it, and when. */
export async function donationFile(db: JiuzhuDb, donationId: string) {
  const donation = (await db.donations.get(donationId)) as unknown as Donation | undefined
  if (!donation) return undefined
  const cases = await casesOf(db, donation.recipientCaseIds)
  const persons = await partiesOfCases(db, cases.values())
  const donated = await entriesOfDonations(db, [donationId])
  const byId = new Map(donated.map((e) => [e.id, e]))
  const perCase = new Map<string, number>()
  for (const e of donated) {
    const origin = e.kind === 'reversal' && e.reversesId ? byId.get(e.reversesId) : e
    if (!origin || origin.donationId !== donationId || !origin.caseId) continue
    const sign = e.kind === 'reversal' ? -1 : 1
    const delta = origin.kind === 'disbursement' ? e.amountFen : origin.kind === 'recovery' ? -e.amountFen : 0
    perCase.set(origin.caseId, (perCase.get(origin.caseId) ?? 0) + sign * delta)
  }
  const recipients = donation.recipientCaseIds.map((id) => {
    const c = cases.get(id)
    const applicant = c?.applicantId ? persons.get(c.applicantId) : undefined
    return {
      caseId: id,
      name: applicant?.name ?? '',
      caseNo: c?.caseNo ?? '',
      fromDonationFen: perCase.get(id) ?? 0,
      paidDate: c?.payment?.paidDate,
      categoryItemCode: c?.categoryItemCode,
    }
  })
  return { donation, recipients }
}

/**
 * Cases a donation could help: this office's granted or paid cases, newest decision first (picker). An archived
 * case counts only when it was paid (a refused or withdrawn case may be archived too).
 */
export async function donationCandidates(db: JiuzhuDb, unitCode: string, search = '', limit = 200) {
  const states = ['granted', 'awaiting-funds', 'awaiting-collection', 'paid', 'follow-up', 'archived']
  const cases = (
    (await db.cases
      .where('[ownerUnit+state]')
      .anyOf(states.map((s) => [unitCode, s]))
      .toArray()) as unknown as Case[]
  )
    .filter((c) => !c.voided && !endedUnpaid(c))
    .sort((a, b) => (b.decisionDate ?? '').localeCompare(a.decisionDate ?? ''))
  const persons = await partiesOfCases(db, cases)
  const s = search.trim().toUpperCase()
  return cases
    .map((c) => ({
      id: c.id,
      caseNo: c.caseNo ?? '',
      applicant: persons.get(c.applicantId ?? '')?.name ?? '',
      grantedFen: c.decision?.grantedFen ?? 0,
    }))
    .filter((c) => !s || c.caseNo.toUpperCase().includes(s) || c.applicant.includes(s))
    .slice(0, limit)
}

/** The signed-in user's saved register views. */
export async function getSavedViews(db: JiuzhuDb, userId: string): Promise<SavedView[]> {
  const row = await db.settings.get(registerViewsKey(userId))
  const parsed = savedViewsSchema.safeParse(row?.value ?? [])
  return parsed.success ? (parsed.data as SavedView[]) : []
}
