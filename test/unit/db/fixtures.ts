import 'fake-indexeddb/auto'
import { afterEach, beforeEach } from 'vitest'
import { z } from 'zod'
import { execute, setupOffice } from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { CommandSpec } from '../../../renderer/src/db/commands/execute'
import { JiuzhuDb } from '../../../renderer/src/db/database'
import type { AuditHashAlg } from '../../../shared/audit/hashAlg'

let n = 0
export function freshDb(): JiuzhuDb {
  n++
  return new JiuzhuDb(`test-db-${process.pid}-${n}-${Math.random()}`)
}

export const admin: Actor = { userId: '110105-01ARZ3NDEKTSV4RRFFQ69G5FAV', unitCode: '110105', roles: ['admin'] }
export const clock = () => ({ instant: '2026-03-02T01:00:00.000Z', date: '2026-03-02' })

/**
 * For each test of the calling file: a fresh database with the office set up (`office.db`), deleted after it;
 * `auditHash` as chosen at setup (SHA-256 when not given).
 */
export function eachOffice(auditHash?: AuditHashAlg): { readonly db: JiuzhuDb } {
  const office = { db: freshDb() }
  beforeEach(async () => {
    office.db = freshDb()
    await office.db.open()
    await setUp(office.db, auditHash)
  })
  afterEach(async () => {
    office.db.close()
    await office.db.delete()
  })
  return office
}

/** Deletes `old` and gives a fresh database with the office set up, having chosen `auditHash` at setup. */
export async function replaceOffice(old: JiuzhuDb, auditHash: AuditHashAlg): Promise<JiuzhuDb> {
  old.close()
  await old.delete()
  const db = freshDb()
  await db.open()
  await setUp(db, auditHash)
  return db
}

export async function setUp(db: JiuzhuDb, auditHash?: AuditHashAlg): Promise<void> {
  const res = await execute(
    db,
    setupOffice,
    admin,
    {
      unit: {
        name: '北京市朝阳区人民检察院',
        shortName: '朝检',
        code: '110105',
        level: 'basic',
        parentCode: '110300',
        parentName: '北京市人民检察院第三分院',
      },
      admin: {
        username: 'admin',
        displayName: '王管理',
        passwordHash: `scrypt$15$8$1$${'A'.repeat(24)}$${'B'.repeat(44)}`,
      },
      auditHash,
    },
    { clock },
  )
  if (!res.ok) throw new Error(res.error.message)
}

/** A generic command used to exercise the command layer's mechanics (runs under the 'settings.update' right). */
export function settingCommand(
  opts: { fail?: 'before-write' | 'after-write' } = {},
): CommandSpec<{ key: string; value: string }, string> {
  return {
    name: 'settings.update',
    input: z.object({ key: z.string().min(1, '请填写键'), value: z.string() }).strict(),
    tables: ['settings'],
    async run(ctx, input) {
      if (opts.fail === 'before-write') throw new Error('boom')
      await ctx.put('settings', input.key, { key: input.key, value: input.value })
      if (opts.fail === 'after-write') throw new Error('boom after write')
      return input.value
    },
  }
}

/** Everything in the database, for "nothing changed" assertions. */
export async function snapshot(db: JiuzhuDb): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {}
  for (const t of db.tables) out[t.name] = await t.toArray()
  return out
}
