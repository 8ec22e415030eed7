import 'fake-indexeddb/auto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { execute, verifyStoredAuditChain } from '../../../renderer/src/db'
import { START_CHECK_TABLES, syncAuditAnchor, verifyStoredRecords } from '../../../renderer/src/db/audit'
import { bulkLoad } from '../../../renderer/src/db/commands/bulkLoad'
import { loadDemoOffice } from '../../../renderer/src/db/commands/demo'
import type { CommandSpec } from '../../../renderer/src/db/commands/execute'
import { createUser } from '../../../renderer/src/db/commands/users'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { SEALED_REDACTED } from '../../../renderer/src/db/exchange'
import { type AuditHashAlg, auditHashAlgs } from '../../../shared/audit/hashAlg'
import { isRedactionMarker } from '../../../shared/audit/records'
import { generateDemoOffice } from '../../../shared/generate'
import { createApi } from '../../../shared/ipc/api'
import { dispatch } from '../../../shared/ipc/dispatch'
import { webServices } from '../../mocks/services'
import { admin, clock, freshDb, replaceOffice, settingCommand, setUp } from './fixtures'
import { resealChain } from './forgeAudit'

/**
 * “守得住” #2: tampering done in IndexedDB, past the command layer, is visible — 校验审计链 compares every record with
 * the audit log's last entry for it, and the main process's anchor catches deleted and rewritten audit entries.
 */
let db: JiuzhuDb
beforeEach(async () => {
  db = freshDb()
  await db.open()
  await setUp(db)
})
afterEach(async () => {
  db.close()
  await db.delete()
})

const HASH = `scrypt$15$8$1$${'C'.repeat(24)}$${'D'.repeat(44)}`

async function addClerk(): Promise<string> {
  const res = await execute(
    db,
    createUser,
    admin,
    { username: 'zhangsan', profile: { displayName: '张承办', roles: ['case-procurator'] }, passwordHash: HASH },
    { clock },
  )
  if (!res.ok) throw new Error(res.error.message)
  return res.value.id
}

describe('校验审计链: every record against the audit log', () => {
  it('an untouched office matches; the clerk edited to admin, a lockout cleared and the unit row edited do not', async () => {
    const clerk = await addClerk()
    await execute(db, settingCommand(), admin, { key: 'k', value: '1' }, { clock })
    expect(await verifyStoredRecords(db)).toMatchObject({ mismatches: [], more: 0 })
    expect((await verifyStoredRecords(db)).checked).toBeGreaterThanOrEqual(6)

    // the adversary's edits, straight into IndexedDB
    const row = (await db.users.get(clerk))!
    await db.users.put({ ...row, roles: ['admin'], failedLogins: 0, lockedUntil: undefined })
    const unit = (await db.units.get('110105'))!
    await db.units.put({ ...unit, name: '别的检察院' })
    await db.settings.put({ key: 'planted', value: 1 })
    await db.settings.delete('k')

    // the chain itself is intact: only the records tell
    expect((await verifyStoredAuditChain(db)).ok).toBe(true)
    const found = await verifyStoredRecords(db)
    const byId = Object.fromEntries(found.mismatches.map((m) => [m.id, m]))
    expect(byId[clerk]).toMatchObject({ kind: 'changed', table: 'users' })
    expect(byId[clerk].message).toMatch(
      /^用户记录 .* 与审计日志第 \d+ 条记载的不一致：字段 roles被改动（未经本软件）。$/,
    )
    expect(byId['110105'].message).toMatch(/单位记录 110105 .*字段 name被改动/)
    expect(byId.planted).toMatchObject({ kind: 'unaudited' })
    expect(byId.planted.message).toMatch(/在审计日志中没有任何记载/)
    expect(byId.k).toMatchObject({ kind: 'deleted' })
    expect(byId.k.message).toMatch(/系统设置记录 k 不见了/)
    expect(found.mismatches).toHaveLength(4)
    // the start-up check covers the small tables that grant rights and name the office
    const start = await verifyStoredRecords(db, { tables: START_CHECK_TABLES })
    expect(start.mismatches.map((m) => m.id).sort()).toEqual(['110105', clerk, 'k', 'planted'].sort())
    // the start-up check reads each present record's entries by index: the deleted setting is left to the full check
    const quick = await verifyStoredRecords(db, { tables: START_CHECK_TABLES, byRecord: true })
    expect(quick.mismatches.map((m) => m.id).sort()).toEqual(['110105', clerk, 'planted'].sort())
    expect(quick.mismatches.map((m) => m.message)).toEqual(
      expect.arrayContaining(found.mismatches.filter((m) => m.id !== 'k').map((m) => m.message)),
    )
  })

  it('a lockout written past the command layer shows, naming the fields', async () => {
    const clerk = await addClerk()
    const locked = { ...(await db.users.get(clerk))!, failedLogins: 5, lockedUntil: '2026-03-02T01:15:00.000Z' }
    await db.users.put(locked)
    const found = await verifyStoredRecords(db, { tables: ['users'] })
    expect(found.mismatches[0].message).toMatch(/字段 failedLogins、lockedUntil被改动/)
  })

  it('a record changed past the command layer and then written again through it still shows (the log keeps both)', async () => {
    await execute(db, settingCommand(), admin, { key: 'k', value: '1' }, { clock })
    await db.settings.put({ key: 'k', value: 'X' })
    await execute(db, settingCommand(), admin, { key: 'k', value: '2' }, { clock })
    const found = await verifyStoredRecords(db)
    expect(found.mismatches).toHaveLength(1)
    const last = (await db.audit.orderBy('seq').last())!
    expect(found.mismatches[0]).toMatchObject({ kind: 'changed', table: 'settings', id: 'k', seq: last.seq })
    expect(found.mismatches[0].message).toBe(
      `系统设置记录 k：审计日志第 ${last.seq} 条记载的原值与第 ${last.seq - 1} 条记载的新值不同（字段 value）：两次写入之间，它在本软件之外被改动过。`,
    )
  })

  it('secrets kept only as markers in the log compare as present (password hash, sealed keys)', async () => {
    expect(isRedactionMarker('〔已隐去〕')).toBe(true)
    expect(isRedactionMarker(SEALED_REDACTED)).toBe(true)
    expect(isRedactionMarker(`${SEALED_REDACTED}（口令已更换）`)).toBe(true)
    expect(isRedactionMarker('普通值')).toBe(false)
    const clerk = await addClerk()
    expect((await verifyStoredRecords(db)).mismatches).toEqual([])
    // a password hash swapped past the command layer is not seen by value (the log never holds it) — documented
    await db.users.update(clerk, { passwordHash: HASH.replace('C', 'E') })
    expect((await verifyStoredRecords(db)).mismatches).toEqual([])
    // but removing it is
    await db.users.update(clerk, { passwordHash: '' })
    expect((await verifyStoredRecords(db)).mismatches).toHaveLength(1)
  })

  it('records of a bulk load are put back together and compared with the load’s content hash', async () => {
    const records = Array.from({ length: 5 }, (_, i) => ({
      id: `110105-01J0000000000000000000000${i}`,
      name: `人员${i}`,
    }))
    const res = await execute(db, bulkLoad, admin, { table: 'persons', records }, { clock })
    if (!res.ok) throw new Error(res.error.message)
    expect(await verifyStoredRecords(db)).toMatchObject({ mismatches: [] })
    await db.persons.update(records[2].id, { name: '改过的' })
    const found = await verifyStoredRecords(db)
    expect(found.mismatches).toHaveLength(1)
    expect(found.mismatches[0]).toMatchObject({ kind: 'bulk', table: 'persons' })
    expect(found.mismatches[0].message).toMatch(/批量写入（人员 5 条.*其中有记录被改动/)
    await db.persons.delete(records[4].id)
    expect((await verifyStoredRecords(db)).mismatches[0].message).toMatch(/其中 1 条不见了/)
  })

  it('a whole demo office (bulk loads, accounts, later updates) matches record by record', async () => {
    const data = generateDemoOffice({ asOf: '2026-11-29', seed: 7 })
    const adminId = `${data.unit.code}-01J00000000000000000000ADM`
    const demo = freshDb()
    await demo.open()
    try {
      const on = { clock: () => ({ date: '2026-11-29', instant: '2026-11-29T02:00:00.000Z' }) }
      const res = await execute(
        demo,
        loadDemoOffice,
        { userId: adminId, unitCode: data.unit.code, roles: ['admin'] },
        { data, adminId, passwordHash: HASH },
        on,
      )
      if (!res.ok) throw new Error(res.error.message)
      // a later update through the command layer of a record from the bulk load: the load is put back together
      // from that update's `before`
      const person = data.persons[1] as { id: string }
      const rename: CommandSpec<{ id: string }, unknown> = {
        name: 'settings.update',
        input: z.object({ id: z.string() }).strict(),
        tables: ['persons'],
        run: (ctx, { id }) => ctx.update('persons', id, (r) => ({ ...r, name: '更名后' })),
      }
      const renamed = await execute(
        demo,
        rename,
        { userId: adminId, unitCode: data.unit.code, roles: ['admin'] },
        { id: person.id },
        on,
      )
      if (!renamed.ok) throw new Error(renamed.error.message)
      const clean = await verifyStoredRecords(demo)
      expect(clean.mismatches).toEqual([])
      expect(clean.checked).toBeGreaterThan(data.cases.length)
      const one = data.cases[3]
      await demo.cases.update(one.id, { approvedAmountFen: 99_999_900 })
      const found = await verifyStoredRecords(demo)
      expect(found.mismatches).toHaveLength(1)
      expect(found.mismatches[0]).toMatchObject({ kind: 'bulk', table: 'cases' })
    } finally {
      demo.close()
      await demo.delete()
    }
  })
})

describe.each(auditHashAlgs)(
  'the audit anchor from the renderer, through the real main-process service (%s)',
  (alg) => {
    let dir: string
    let api: ReturnType<typeof createApi>
    beforeEach(async () => {
      // this office chose `alg` at setup: the anchor follows its links whichever hash made them
      db = await replaceOffice(db, alg)
      dir = await mkdtemp(join(tmpdir(), 'anchor-db-'))
      const services = webServices(dir, join(dir, 'exports'), join(dir, 'backups'))
      api = createApi((channel, args) => dispatch(services, channel, args))
    })
    afterEach(async () => {
      await rm(dir, { recursive: true, force: true })
    })

    async function state() {
      const res = await syncAuditAnchor(db, api, 'office')
      if (!res?.ok) throw new Error(res ? res.error.message : 'no unit')
      return res.value
    }

    it('follows every command; the last 3 entries deleted and entry 3 rewritten and re-hashed are found', async () => {
      expect((await state()).state).toBe('established')
      await addClerk()
      for (const v of ['1', '2', '3']) await execute(db, settingCommand(), admin, { key: 'k', value: v }, { clock })
      expect(await state()).toMatchObject({ state: 'ok', anchor: { seq: await db.audit.count() } })

      const entries = await db.audit.orderBy('seq').toArray()
      // delete the last 3 entries
      await db.audit.bulkDelete(entries.slice(-3).map((e) => e.seq))
      // rewrite entry 3 and re-hash the chain after it (under the office's algorithm) so that 校验审计链 finds nothing
      const forged = resealChain(entries.slice(0, -3), (e) =>
        e.seq === 3 ? { ...e, after: { ...(e.after as object), displayName: '伪造' } } : e,
      )
      await db.audit.bulkPut(forged)
      expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, alg })

      const answer = await state()
      expect(answer.state).toBe('behind')
      expect(answer.detail).toMatch(/本机校验点记有 \d+ 条审计记录.*现在只有 \d+ 条/)

      // three new commands bring the count back to the anchor's: the rewrite still shows
      for (const v of ['4', '5', '6']) await execute(db, settingCommand(), admin, { key: 'k', value: v }, { clock })
      const again = await state()
      expect(again.state).toBe('diverged')
      expect(again.detail).toMatch(/校验值与本机校验点.*不符：该条或其之前的审计记录被改写/)
    })

    it('the whole log re-sealed under the other algorithm (entry 1 changed to name it) is a chain, and the anchor finds it rewritten', async () => {
      expect((await state()).state).toBe('established')
      await execute(db, settingCommand(), admin, { key: 'k', value: '1' }, { clock })
      expect((await state()).state).toBe('ok')
      const other = auditHashAlgs.find((a) => a !== alg) as AuditHashAlg
      const entries = await db.audit.orderBy('seq').toArray()
      const forged = resealChain(entries, (e) => (e.seq === 1 ? { ...e, after: { auditHash: other } } : e), other)
      await db.audit.bulkPut(forged)
      expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, alg: other, count: entries.length })
      const answer = await state()
      expect(answer.state).toBe('diverged')
      expect(answer.detail).toMatch(/该条或其之前的审计记录被改写/)
    })
  },
)
