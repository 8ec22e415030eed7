import 'fake-indexeddb/auto'
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest'
import {
  donationFile,
  execute,
  fundsSummary,
  getSavedViews,
  linkDonationRecipients,
  loadRegister,
  markDonorNotified,
  recordDonation,
  recordLedgerEntry,
  saveRegisterViews,
  streamRegister,
} from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import type { LedgerEntry } from '../../../shared/domain/schemas'
import {
  applicationRow,
  clueRow,
  computeFunds,
  decisionRow,
  donationUse,
  paymentRow,
  type RegisterContext,
  type RegisterId,
  type RegisterRow,
  recoveryRows,
} from '../../../shared/registers'
import { ensureAccount } from '../db/accounts'
import { freshDb, setUp, snapshot } from '../db/fixtures'
import { fixtureId, makeRegisterData } from './fixtures'

const UNIT = '110105'
const finance: Actor = { userId: fixtureId(UNIT, 2, 2), unitCode: UNIT, roles: ['finance'] }
const clerk: Actor = { userId: fixtureId(UNIT, 3, 3), unitCode: UNIT, roles: ['case-dept-staff'] }
const auditor: Actor = { userId: fixtureId(UNIT, 4, 4), unitCode: UNIT, roles: ['auditor'] }
const on = (date: string) => ({ clock: () => ({ date, instant: `${date}T02:00:00.000Z` }) })
// own office plus a subordinate's replicas (a city office holding a basic office's records)
const data = makeRegisterData(700, { units: [UNIT, '110106'], seed: 3 })
const P = { from: '2025-01-01', to: '2025-12-31' }
const inP = (d?: string) => !!d && d >= P.from && d <= P.to
const keys = (rows: readonly RegisterRow[]) => rows.map((r) => r.key).sort()

describe('register queries: by index, first page first, the rest streamed', () => {
  let db: JiuzhuDb
  beforeAll(async () => {
    db = freshDb()
    await db.open()
    await setUp(db)
    await db.units.put({
      ...(await db.units.get(UNIT))!,
      code: '110106',
      name: '丰台区院',
      shortName: '丰检',
      parentCode: UNIT,
    })
    await db.persons.bulkAdd(data.persons as never)
    await db.cases.bulkAdd(data.cases as never)
    await db.clues.bulkAdd(data.clues as never)
    await db.ledger.bulkAdd(data.ledger as never)
    await db.donations.bulkAdd(data.donations as never)
    await db.followUps.bulkAdd(data.followUps as never)
    for (const actor of [finance, clerk, auditor]) await ensureAccount(db, actor)
  })
  afterAll(() => db.close())

  const ctx = (): RegisterContext => ({
    persons: new Map(data.persons.map((p) => [p.id, p])),
    cases: new Map(data.cases.map((c) => [c.id, c])),
    donationUse: donationUse(data.ledger),
  })

  it('each register loads exactly the period’s rows derived from the records', async () => {
    const expected: Partial<Record<RegisterId, string[]>> = {
      clues: data.clues.filter((c) => inP(c.referredOn)).map((c) => clueRow(c, ctx()).key),
      applications: data.cases
        .map((c) => applicationRow(c, ctx()))
        .filter((r) => r && inP(r.date))
        .map((r) => r!.key),
      decisions: data.cases
        .map((c) => decisionRow(c, ctx()))
        .filter((r) => r && inP(r.date))
        .map((r) => r!.key),
      payments: data.cases
        .map((c) => paymentRow(c, ctx()))
        .filter((r) => r && inP(r.date))
        .map((r) => r!.key),
      ledger: data.ledger.filter((e) => inP(e.date)).map((e) => e.id),
      donations: data.donations.filter((d) => inP(d.receivedOn)).map((d) => d.id),
      recoveries: data.cases
        .flatMap((c) => recoveryRows(c, ctx()))
        .filter((r) => inP(r.date))
        .map((r) => r.key),
      followUps: data.followUps.filter((f) => inP(f.date)).map((f) => f.id),
    }
    for (const [id, want] of Object.entries(expected)) {
      const rows = await loadRegister(db, id as RegisterId, P)
      expect(keys(rows), id).toEqual([...(want as string[])].sort())
      expect(new Set(rows.map((r) => r.key)).size, `${id} has no duplicates`).toBe(rows.length)
    }
    expect((await loadRegister(db, 'recoveries', {})).length).toBe(
      data.cases.reduce((s, c) => s + c.recoveries.length, 0),
    )
  })

  it('the first chunk is the first page, newest first; later chunks follow in date windows', async () => {
    const chunks: RegisterRow[][] = []
    await streamRegister(db, 'applications', { ...P, firstPage: 50, chunk: 200 }, (rows) => {
      if (rows.length) chunks.push(rows)
    })
    expect(chunks[0].length).toBe(50)
    const all = data.cases.filter((c) => inP(c.applicationDate)).map((c) => c.applicationDate as string)
    all.sort().reverse()
    expect(chunks[0].map((r) => r.date)).toEqual(all.slice(0, 50))
    expect(chunks.length).toBeGreaterThan(2)
    const flat = chunks.flat().map((r) => r.date)
    expect(flat).toEqual([...flat].sort().reverse())
  })

  it('an aborted load stops quietly', async () => {
    const abort = new AbortController()
    let got = 0
    const n = await streamRegister(db, 'ledger', { signal: abort.signal, firstPage: 10, chunk: 50 }, (rows) => {
      got += rows.length
      abort.abort()
    })
    expect(n).toBe(got)
    expect(got).toBeLessThan(data.ledger.length)
  })

  it('the funds summary per office account equals the pure computation; a broken entry shows', async () => {
    const all = await fundsSummary(db)
    expect(all.bySource).toEqual(computeFunds(data.ledger).bySource)
    const own = await fundsSummary(db, [UNIT])
    expect(own.bySource).toEqual(computeFunds(data.ledger.filter((e) => e.ownerUnit === UNIT)).bySource)
    expect(own.problems).toEqual([])
  })

  it('donations: record with the ledger receipt, link recipients, notify; the notice file lists what each got', async () => {
    const paidCases = data.cases.filter((c) => c.ownerUnit === UNIT && c.payment).slice(0, 2)
    const before = await db.ledger.count()
    const res = await execute(
      db,
      recordDonation,
      finance,
      {
        donor: { name: '某慈善基金会', kind: 'organisation' },
        amountFen: 5_000_000,
        restrictions: '用于未成年人',
        receivedOn: '2026-06-01',
      },
      on('2026-06-02'),
    )
    if (!res.ok) throw new Error(res.error.message)
    expect(await db.ledger.count()).toBe(before + 1)
    const receipt = (await db.ledger.where('kind').equals('donation').toArray()).find(
      (e) => e.donationId === res.value.id,
    )
    expect(receipt).toMatchObject({ fundSource: 'donation', amountFen: 5_000_000, date: '2026-06-01' })
    const link = await execute(
      db,
      linkDonationRecipients,
      finance,
      { donationId: res.value.id, recipientCaseIds: paidCases.map((c) => c.id), expectedRev: res.value.rev },
      on('2026-06-03'),
    )
    if (!link.ok) throw new Error(link.error.message)
    const file = await donationFile(db, res.value.id)
    expect(file?.recipients.map((r) => r.caseNo)).toEqual(paidCases.map((c) => c.caseNo))
    const notified = await execute(
      db,
      markDonorNotified,
      finance,
      { donationId: res.value.id, date: '2026-06-04' },
      on('2026-06-04'),
    )
    expect(notified.ok && notified.value.donorNotifiedOn).toBe('2026-06-04')
    const rows = await loadRegister(db, 'donations', { from: '2026-01-01', to: '2026-12-31' })
    expect(rows.find((r) => r.key === res.value.id)?.cells).toMatchObject({
      amountFen: 5_000_000,
      state: '已告知捐助人',
    })
  })

  it('refusals write nothing: a clerk cannot record a donation, unknown recipients, over-reversal', async () => {
    const snap = await snapshot(db)
    const denied = await execute(
      db,
      recordDonation,
      clerk,
      { donor: { name: 'x', kind: 'individual' }, amountFen: 1, receivedOn: '2026-06-01' },
      on('2026-06-02'),
    )
    assert(!denied.ok, 'expected denied to be refused')
    expect(denied.error.message).toContain('无权')
    const unknown = await execute(
      db,
      recordDonation,
      finance,
      {
        donor: { name: 'x', kind: 'individual' },
        amountFen: 1,
        receivedOn: '2026-06-01',
        recipientCaseIds: [fixtureId(UNIT, 424242, 1)],
      },
      on('2026-06-02'),
    )
    expect(unknown.ok).toBe(false)
    const target = data.ledger.find((e) => e.ownerUnit === UNIT && e.kind === 'disbursement') as LedgerEntry
    const over = await execute(
      db,
      recordLedgerEntry,
      finance,
      {
        kind: 'reversal',
        reversesId: target.id,
        amountFen: target.amountFen + 1,
        date: '2026-10-31',
        note: '录入错误',
      },
      on('2026-11-01'),
    )
    expect(over.ok).toBe(false)
    expect(await snapshot(db)).toEqual(snap)
  })

  it('a reversal through the command nets the entry out and keeps the ledger reconciled', async () => {
    const target = data.ledger.find(
      (e) => e.ownerUnit === UNIT && e.kind === 'allocation' && e.fundSource === 'central',
    ) as LedgerEntry
    const before = await fundsSummary(db, [UNIT])
    const pool = await execute(
      db,
      recordLedgerEntry,
      finance,
      {
        kind: 'allocation',
        fundSource: 'central',
        amountFen: target.amountFen,
        date: target.date,
        counterparty: '中央财政',
      },
      on('2026-11-01'),
    )
    expect(pool.ok).toBe(true)
    const rev = await execute(
      db,
      recordLedgerEntry,
      finance,
      { kind: 'reversal', reversesId: target.id, date: '2026-11-01', note: '重复登记' },
      on('2026-11-01'),
    )
    if (!rev.ok) throw new Error(rev.error.message)
    expect(rev.value).toMatchObject({ fundSource: 'central', amountFen: target.amountFen, caseId: target.caseId })
    const after = await fundsSummary(db, [UNIT])
    expect(after.bySource.central.received).toBe(before.bySource.central.received)
    expect(after.bySource.central.difference).toBe(0)
    expect(after.problems).toEqual([])
    const twice = await execute(
      db,
      recordLedgerEntry,
      finance,
      { kind: 'reversal', reversesId: target.id, date: '2026-11-01', note: '再次' },
      on('2026-11-01'),
    )
    expect(twice.ok).toBe(false)
  })

  it('saved views are per user; a read-only auditor may save their own views', async () => {
    const view = {
      name: '本年已发放',
      register: 'payments' as const,
      hidden: ['receivedDate'],
      sort: [{ id: 'amountFen', desc: true }],
      filter: { from: '2026-01-01', states: ['paid'] },
    }
    const res = await execute(db, saveRegisterViews, auditor, { views: [view] }, on('2026-11-01'))
    if (!res.ok) throw new Error(res.error.message)
    expect(await getSavedViews(db, auditor.userId)).toEqual([view])
    expect(await getSavedViews(db, finance.userId)).toEqual([])
  })
})
