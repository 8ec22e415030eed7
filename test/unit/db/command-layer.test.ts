import 'fake-indexeddb/auto'
import { forceCloseDatabase } from 'fake-indexeddb'
import { afterEach, assert, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { allocateCaseNumber, execute, getOwnUnit, verifyStoredAuditChain } from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { CommandSpec } from '../../../renderer/src/db/commands/execute'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { GENESIS_HASH, verifyAuditChain } from '../../../shared/audit/chain'
import { auditHashAlgs } from '../../../shared/audit/hashAlg'
import { ensureAccount } from './accounts'
import { admin, clock, freshDb, replaceOffice, settingCommand, setUp, snapshot } from './fixtures'

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

describe('the command layer', () => {
  it('first-run setup stores the unit, its parent as a directory entry, the admin and a chained audit trail', async () => {
    const unit = await getOwnUnit(db)
    expect(unit).toMatchObject({ code: '110105', shortName: '朝检', level: 'basic', parentCode: '110300' })
    expect(await db.units.get('110300')).toMatchObject({
      name: '北京市人民检察院第三分院',
      level: 'city',
      directoryOnly: true,
    })
    const audit = await db.audit.orderBy('seq').toArray()
    // entry 1 names the chain's hash (SHA-256 by default), then the unit, its parent, the admin and the unit setting
    expect(audit.map((a) => a.table)).toEqual(['audit', 'units', 'units', 'users', 'settings'])
    expect(audit[0]).toMatchObject({ seq: 1, entityId: 'audit-hash', after: { auditHash: 'sha256' } })
    expect(audit[0].prevHash).toBe(GENESIS_HASH)
    expect(audit.every((a) => a.userId === admin.userId && a.command === 'office.setup')).toBe(true)
    expect(JSON.stringify(audit)).not.toContain('scrypt$')
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 5, alg: 'sha256' })
  })

  it('setup cannot run twice', async () => {
    const before = await snapshot(db)
    const { setupOffice } = await import('../../../renderer/src/db')
    const res = await execute(db, setupOffice, admin, {
      unit: {
        name: '另一个检察院',
        shortName: '另',
        code: '110106',
        level: 'basic',
        parentCode: '110300',
        parentName: '三分院',
      },
      admin: { username: 'other', displayName: '李四', passwordHash: 'x'.repeat(30) },
    })
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'setup.already-done', message: '本院已完成首次设置，不能重复设置。' },
    })
    expect(await snapshot(db)).toEqual(before)
  })

  it('a successful command stamps the next rev and appends one audit entry per change, old → new', async () => {
    const res = await execute(db, settingCommand(), admin, { key: 'k', value: '1' }, { clock })
    expect(res).toEqual({ ok: true, value: '1' })
    await execute(db, settingCommand(), admin, { key: 'k', value: '2' }, { clock })
    const last = await db.audit.orderBy('seq').last()
    expect(last).toMatchObject({
      command: 'settings.update',
      table: 'settings',
      entityId: 'k',
      before: { key: 'k', value: '1' },
      after: { key: 'k', value: '2' },
    })
    expect((await verifyStoredAuditChain(db)).ok).toBe(true)
  })

  it('a command that fails after writing leaves nothing behind', async () => {
    const before = await snapshot(db)
    const res = await execute(db, settingCommand({ fail: 'after-write' }), admin, { key: 'k', value: '1' })
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.message).toMatch(/本次保存未生效，原有数据未改动/)
    expect(await snapshot(db)).toEqual(before)
  })

  it('refuses a role without the right, with a Chinese reason, and writes nothing', async () => {
    const auditor: Actor = { userId: '110105-01J00000000000000000AUDT', unitCode: '110105', roles: ['auditor'] }
    await ensureAccount(db, auditor)
    const before = await snapshot(db)
    const res = await execute(db, settingCommand(), auditor, { key: 'k', value: '1' })
    expect(res).toMatchObject({ ok: false, error: { code: 'command.permission-denied' } })
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.message).toBe('您（审计查阅）无权执行“修改系统设置”。此操作需要以下角色之一：系统管理员。')
    expect(await snapshot(db)).toEqual(before)
  })

  it('refuses invalid input with the schema message and writes nothing', async () => {
    const before = await snapshot(db)
    const res = await execute(db, settingCommand(), admin, { key: '', value: '1' })
    expect(res).toMatchObject({ ok: false, error: { code: 'command.invalid-input' } })
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.message).toContain('请填写键')
    expect(await snapshot(db)).toEqual(before)
  })

  it('replicas of other offices are read-only', async () => {
    await db.cases.add({
      id: '110106-01ARZ3NDEKTSV4RRFFQ69G5FAV',
      ownerUnit: '110106',
      rev: 7,
      createdAt: '',
      updatedAt: '',
      createdBy: '',
      updatedBy: '',
    })
    const edit: CommandSpec<{ id: string }, unknown> = {
      name: 'settings.update',
      input: z.object({ id: z.string() }),
      tables: ['cases'],
      run: (ctx, { id }) => ctx.update('cases', id, (r) => ({ ...r, state: 'paid' })),
    }
    const res = await execute(db, edit, admin, { id: '110106-01ARZ3NDEKTSV4RRFFQ69G5FAV' })
    expect(res).toMatchObject({ ok: false, error: { code: 'command.replica-read-only' } })
    expect((await db.cases.get('110106-01ARZ3NDEKTSV4RRFFQ69G5FAV'))?.state).toBeUndefined()
  })

  it('records are voided with a reason, never deleted; a voided record cannot be edited', async () => {
    const create: CommandSpec<Record<string, never>, string> = {
      name: 'settings.update',
      input: z.object({}),
      tables: ['referrals'],
      run: async (ctx) => (await ctx.insert('referrals', { kind: 'legal-aid' })).id,
    }
    const created = await execute(db, create, admin, {}, { clock })
    if (!created.ok) throw new Error(created.error.message)
    const voidIt: CommandSpec<Record<string, never>, unknown> = {
      ...create,
      run: (ctx) => ctx.voidRecord('referrals', created.value, '录入错误'),
    }
    expect((await execute(db, voidIt, admin, {}, { clock })).ok).toBe(true)
    const row = await db.referrals.get(created.value)
    expect(row?.voided).toMatchObject({ reason: '录入错误', by: admin.userId })
    const again = await execute(db, voidIt, admin, {}, { clock })
    expect(again).toMatchObject({ ok: false, error: { code: 'command.voided' } })
    expect(row?.rev).toBeGreaterThan(1)
    expect(row?.ownerUnit).toBe('110105')
  })
})

describe('case numbers', () => {
  const allocate = (fail = false): CommandSpec<Record<string, never>, string> => ({
    name: 'settings.update',
    input: z.object({}),
    tables: ['units'],
    async run(ctx) {
      const n = await allocateCaseNumber(ctx, 2026)
      if (fail) throw new Error('after allocation')
      return n.caseNo
    },
  })

  it('are gap-free and unique under concurrent commands, even when some fail', async () => {
    const runs = Array.from({ length: 24 }, (_, i) => execute(db, allocate(i % 4 === 3), admin, {}))
    const results = await Promise.all(runs)
    const numbers = results.filter((r) => r.ok).map((r) => (r.ok ? r.value : ''))
    expect(numbers).toHaveLength(18)
    expect(new Set(numbers).size).toBe(18)
    const seqs = numbers.map((s) => Number(/〔2026〕(\d+)号/.exec(s)![1])).sort((a, b) => a - b)
    expect(seqs).toEqual(Array.from({ length: 18 }, (_, i) => i + 1))
    expect(numbers).toContain('朝检控救〔2026〕1号')
  })
})

describe('storage faults reach the user as Chinese messages and leave data unchanged', () => {
  it('a quota error injected mid-transaction (while writing the audit entries) rolls back the whole command', async () => {
    const before = await snapshot(db)
    db.close()
    db.use({
      stack: 'dbcore',
      name: 'inject-quota',
      create: (down) => ({
        ...down,
        table: (name) => {
          const t = down.table(name)
          if (name !== 'audit') return t
          return {
            ...t,
            mutate: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
          }
        },
      }),
    })
    await db.open()
    const res = await execute(db, settingCommand(), admin, { key: 'k', value: '1' })
    expect(res).toMatchObject({ ok: false, error: { code: 'db.quota-exceeded' } })
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.message).toBe('磁盘空间不足，本次保存未生效，原有数据未改动。请清理磁盘空间后重试。')
    db.close()
    const { JiuzhuDb } = await import('../../../renderer/src/db/database')
    const reopened = new JiuzhuDb(db.name)
    expect(await snapshot(reopened)).toEqual(before)
    reopened.close()
    await db.open()
  })

  it('a database closed under a running command (forceCloseDatabase) never leaves half a command behind', async () => {
    const before = await snapshot(db)
    const closing: CommandSpec<Record<string, never>, unknown> = {
      name: 'settings.update',
      input: z.object({}),
      tables: ['settings'],
      async run(ctx) {
        await ctx.put('settings', 'a', { key: 'a', value: 1 })
        forceCloseDatabase(db.backendDB() as never)
        await ctx.put('settings', 'b', { key: 'b', value: 2 })
      },
    }
    const res = await execute(db, closing, admin, {})
    db.close()
    await db.open()
    const after = await snapshot(db)
    if (res.ok) {
      expect(after.settings).toHaveLength(before.settings.length + 2)
      expect(after.audit).toHaveLength(before.audit.length + 2)
      expect((await verifyStoredAuditChain(db)).ok).toBe(true)
    } else {
      expect(res.error.code).toBe('db.closed')
      expect(after).toEqual(before)
    }
  })

  it('a database closed for good gives the Chinese db.closed message and writes nothing', async () => {
    const before = await snapshot(db)
    db.close({ disableAutoOpen: true })
    const res = await execute(db, settingCommand(), admin, { key: 'k', value: '1' })
    expect(res).toMatchObject({ ok: false, error: { code: 'db.closed' } })
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.message).toMatch(/数据库连接已关闭.*本次保存未生效/)
    await db.open()
    expect(await snapshot(db)).toEqual(before)
  })

  it('after the database was closed from outside, the next command reopens it and succeeds', async () => {
    forceCloseDatabase(db.backendDB() as never)
    expect((await execute(db, settingCommand(), admin, { key: 'k', value: '1' })).ok).toBe(true)
    expect((await db.settings.get('k'))?.value).toBe('1')
  })

  it('an upgrade blocked by another open connection is reported, not hung', async () => {
    const { openProfile } = await import('../../../renderer/src/db')
    const name = `blocked-${Math.random()}`
    // an old connection at a higher-than-app version that ignores versionchange would block; simulate the app's
    // upgrade being blocked by an old connection of version 0.1 (raw IndexedDB, no onversionchange handler)
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.open(name, 1)
      req.onsuccess = () => resolve()
      req.onerror = () => reject(req.error)
    })
    await expect(openProfile('office', name)).rejects.toMatchObject({ code: 'db.upgrade-blocked' })
  })
})

describe.each(auditHashAlgs)('audit chain verification on the stored log (%s)', (alg) => {
  beforeEach(async () => {
    db = await replaceOffice(db, alg)
  })

  it('detects altering, removing and reordering entries, at the first broken entry', async () => {
    for (let i = 0; i < 4; i++) await execute(db, settingCommand(), admin, { key: `k${i}`, value: String(i) })
    const entries = await db.audit.orderBy('seq').toArray()
    expect(verifyAuditChain(entries)).toMatchObject({ ok: true, alg, count: 9 })
    const altered = structuredClone(entries)
    ;(altered[5].after as { value: string }).value = '999'
    expect(verifyAuditChain(altered)).toMatchObject({ ok: false, brokenAt: 6, reason: 'hash' })
    const removed = entries.filter((e) => e.seq !== 3)
    expect(verifyAuditChain(removed)).toMatchObject({ ok: false, brokenAt: 4, reason: 'seq-gap' })
    const swapped = [...entries]
    ;[swapped[2], swapped[3]] = [swapped[3], swapped[2]]
    expect(verifyAuditChain(swapped)).toMatchObject({ ok: false, brokenAt: 4 })
    // tampering in the stored log itself is found by the stored-chain check
    await db.audit.update(2, { userId: 'someone-else' })
    const verdict = await verifyStoredAuditChain(db)
    expect(verdict).toMatchObject({ ok: false, brokenAt: 2, reason: 'hash' })
    assert(!verdict.ok, 'expected verdict to be refused')
    expect(verdict.message).toBe('第 2 条审计记录的内容与其校验值不符：该记录被改动。')
  })
})
