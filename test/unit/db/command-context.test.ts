import 'fake-indexeddb/auto'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { execute, verifyStoredAuditChain, verifyStoredRecords } from '../../../renderer/src/db'
import type { CommandContext } from '../../../renderer/src/db/commands/context'
import type { CommandSpec } from '../../../renderer/src/db/commands/execute'
import { JiuzhuDb, type TableName } from '../../../renderer/src/db/database'
import { SECRET_MARKERS } from '../../../shared/audit/records'
import { sha256Hex } from '../../../shared/util/hash'
import { admin, clock, eachOffice } from './fixtures'

const office = eachOffice()

/** Runs `body` as a command of the settings administrator over `tables`. */
function run<R>(tables: TableName[], body: (ctx: CommandContext) => Promise<R>) {
  const spec: CommandSpec<Record<string, never>, R> = {
    name: 'settings.update',
    input: z.object({}).strict(),
    tables,
    run: (ctx) => body(ctx),
  }
  return execute(office.db, spec, admin, {}, { clock })
}

const lastEntries = async (n: number) => (await office.db.audit.orderBy('seq').toArray()).slice(-n)

/** A replica of another office's case as a bundle carries it. */
const replica = (id: string, ownerUnit: string, rev: number) => ({
  id,
  ownerUnit,
  rev,
  caseNo: `京${ownerUnit}救助〔2026〕${rev}号`,
  createdAt: '2026-01-05T02:00:00.000Z',
  updatedAt: '2026-01-05T02:00:00.000Z',
  createdBy: `${ownerUnit}-01ARZ3NDEKTSV4RRFFQ69G5FAV`,
  updatedBy: `${ownerUnit}-01ARZ3NDEKTSV4RRFFQ69G5FAV`,
})

describe('the command context', () => {
  it('holds no database a command could write through: only the read view, which has no writing method', async () => {
    const res = await run([], async (ctx) => {
      // the types refuse it too (npm run typecheck checks these lines)
      // @ts-expect-error the database is private to the context
      expect(ctx.db).toBeUndefined()
      // @ts-expect-error a table of the read view cannot put
      void ctx.read.settings.put
      // @ts-expect-error nor lead back to the Dexie instance
      void ctx.read.settings.db
      // @ts-expect-error nor modify what it finds
      void ctx.read.settings.where('key').equals('x').modify
      return Object.values(ctx).filter((v) => v instanceof JiuzhuDb).length
    })
    expect(res).toEqual({ ok: true, value: 0 })
  })

  it('putReplicas writes the rows as given, with ONE audit entry per origin office naming bundle, file and rows', async () => {
    const rows = [
      replica('110106-A1', '110106', 7),
      replica('110106-A2', '110106', 9),
      replica('110107-B1', '110107', 3),
    ]
    const file = { name: 'cases.ndjson', bytes: 1234, sha256: 'a'.repeat(64) }
    const res = await run(['cases'], (ctx) =>
      ctx.putReplicas('cases', rows, {
        bundleId: 'BUNDLE-1',
        bundleHash: 'b'.repeat(64),
        sender: '110106',
        file: file as never,
        tallies: [
          { unitCode: '110106', table: 'cases', new: 1, updated: 1 },
          { unitCode: '110107', table: 'cases', new: 1, updated: 0 },
        ],
      }),
    )
    expect(res.ok).toBe(true)
    expect(await office.db.cases.bulkGet(rows.map((r) => r.id))).toEqual(rows)
    const [first, second] = await lastEntries(2)
    expect(first).toMatchObject({ table: 'cases', entityId: 'import:BUNDLE-1:110106', before: null })
    expect(first.after).toEqual({
      bundleId: 'BUNDLE-1',
      bundleHash: 'b'.repeat(64),
      sender: '110106',
      origin: '110106',
      new: 1,
      updated: 1,
      count: 2,
      firstId: '110106-A1',
      lastId: '110106-A2',
      revFrom: 7,
      revTo: 9,
      idRevHash: sha256Hex('110106-A1@7\n110106-A2@9'),
      file,
    })
    expect(second).toMatchObject({ entityId: 'import:BUNDLE-1:110107', after: { origin: '110107', count: 1 } })
    // the record check counts them as replicas (their owners hold the originals), not as unaudited records
    expect(await verifyStoredRecords(office.db, { tables: ['cases'] })).toMatchObject({ replicas: 3, mismatches: [] })
    expect(await verifyStoredAuditChain(office.db)).toMatchObject({ ok: true })
  })

  it('a sealed private key never enters the audit log; a new passphrase for the same key is noted beside the marker', async () => {
    const row = { key: 'officeKey', sealed: 'SEALED-ONE', record: { keyId: 'K1' } }
    expect((await run(['exchange'], (ctx) => ctx.put('exchange', 'officeKey', row))).ok).toBe(true)
    expect(
      (
        await run(['exchange'], (ctx) =>
          ctx.put('exchange', 'officeKey', { ...row, sealed: 'SEALED-TWO' }, { resealed: true }),
        )
      ).ok,
    ).toBe(true)
    const [installed, resealed] = await lastEntries(2)
    expect(installed).toMatchObject({ before: null, after: { sealed: SECRET_MARKERS.sealed, record: { keyId: 'K1' } } })
    expect(resealed).toMatchObject({
      before: { sealed: SECRET_MARKERS.sealed },
      after: { sealed: `${SECRET_MARKERS.sealed}（口令已更换）` },
    })
    expect(JSON.stringify(await office.db.audit.toArray())).not.toMatch(/SEALED-(ONE|TWO)/)
    expect(await office.db.exchange.get('officeKey')).toEqual({ ...row, sealed: 'SEALED-TWO' })
    expect(await verifyStoredRecords(office.db, { tables: ['exchange'] })).toMatchObject({ mismatches: [] })
  })

  it('raiseCounter moves a counter up to a number given out elsewhere, never down', async () => {
    expect((await run([], (ctx) => ctx.raiseCounter('transferSeq', 5))).ok).toBe(true)
    expect((await run([], (ctx) => ctx.raiseCounter('transferSeq', 3))).ok).toBe(true)
    expect(await office.db.counters.get('transferSeq')).toEqual({ name: 'transferSeq', value: 5 })
    const res = await run([], async (ctx) => {
      await ctx.raiseCounter('transferSeq', 8)
      return ctx.nextCounter('transferSeq')
    })
    expect(res).toEqual({ ok: true, value: 9 })
  })
})
