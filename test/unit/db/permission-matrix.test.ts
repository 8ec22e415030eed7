import 'fake-indexeddb/auto'
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest'
import {
  changeOwnPassword,
  createUser,
  execute,
  recordSignIn,
  resetUserPassword,
  setUserDisabled,
  updateSetting,
  updateUserProfile,
} from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { CommandSpec } from '../../../renderer/src/db/commands/execute'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { commandNames, commandTable, mayRun } from '../../../shared/domain/permissions'
import { roleLabels, roles } from '../../../shared/domain/roles'
import { ensureAccount } from './accounts'
import { admin, freshDb, setUp, snapshot } from './fixtures'

/**
 * The expected matrix, written out independently of the permission table: who may run which command.
 * ✓ = allowed. Read-only roles run nothing; only the administrator manages accounts and settings.
 */
const EXPECTED: Record<string, readonly string[]> = {
  'office.setup': roles, // bootstrap: before any account exists
  'office.update': ['admin'],
  'user.create': ['admin'],
  'user.update': ['admin'],
  'user.disable': ['admin'],
  'user.resetPassword': ['admin'],
  'user.changeOwnPassword': roles,
  'user.recordLogin': roles,
  'settings.update': ['admin'],
  'wage.record': ['admin', 'dept-head'],
  'data.loadGenerated': ['admin'],
  'clue.record': ['case-dept-staff', 'case-procurator', 'dept-head'],
  'clue.close': ['case-procurator', 'dept-head'],
  'clue.correct': ['case-dept-staff', 'case-procurator', 'dept-head'],
  'case.correct': ['case-procurator', 'dept-head'],
  'case.open': ['case-procurator', 'dept-head'],
  // every role that takes some workflow step; the step's own roles are checked by the workflow (case-commands test)
  'case.act': ['case-dept-staff', 'case-procurator', 'dept-head', 'chief', 'finance'],
  'person.update': ['case-procurator', 'dept-head'],
  'case.attach': ['case-procurator', 'dept-head', 'finance'],
  'draft.save': roles,
  'case.document': ['case-dept-staff', 'case-procurator', 'dept-head', 'chief', 'finance'],
  'case.referral': ['case-procurator', 'dept-head'],
  'case.followUp': ['case-procurator', 'dept-head'],
  'donation.record': ['finance', 'dept-head'],
  'donation.link': ['finance', 'case-procurator', 'dept-head'],
  'donation.notify': ['finance', 'case-procurator', 'dept-head'],
  'ledger.record': ['finance'],
  'register.saveView': roles,
  // any signed-in user; the access table decides inside the command whether the role needs the whole number
  'person.reveal': roles,
  'register.export': roles,
  'exchange.keys': ['admin'],
  'exchange.enroll': ['admin'],
  'exchange.export': ['admin'],
  'exchange.import': ['admin'],
  'standards.compose': ['admin'],
  'supervision.write': ['dept-head', 'chief'],
  'supervision.reply': ['case-procurator', 'dept-head', 'chief'],
  'duplicates.review': ['dept-head', 'chief'],
  'filing.prepare': ['admin'],
  'update.receive': ['admin'],
  'update.relay': ['admin'],
  'update.create': ['admin'],
  'transfer.export': ['case-procurator', 'dept-head', 'admin'],
  'transfer.import': ['case-procurator', 'dept-head', 'admin'],
  'legacy.import': ['case-procurator', 'dept-head', 'admin'],
  'legacy.importPayments': ['case-procurator', 'dept-head', 'admin'],
  'legacy.importFollowUps': ['case-procurator', 'dept-head', 'admin'],
  'legacy.withdraw': ['case-procurator', 'dept-head', 'admin'],
  'legacy.saveMapping': ['case-procurator', 'dept-head', 'admin'],
}

const HASH = `scrypt$15$8$1$${'A'.repeat(24)}$${'B'.repeat(44)}`

describe('role × command permission matrix', () => {
  it('the expected matrix covers every command in the table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...commandNames].sort())
  })

  for (const command of commandNames) {
    for (const role of roles) {
      const allowed = EXPECTED[command].includes(role)
      it(`${roleLabels[role]} × ${commandTable[command].label}: ${allowed ? '允许' : '拒绝'}`, () => {
        expect(mayRun([role], command)).toBe(allowed)
      })
    }
  }
})

describe('the command layer enforces the matrix, refusing with a Chinese reason and writing nothing', () => {
  let db: JiuzhuDb
  let targetId: string
  beforeAll(async () => {
    db = freshDb()
    await db.open()
    await setUp(db)
    const res = await execute(db, createUser, admin, {
      username: 'target',
      profile: { displayName: '目标用户', roles: ['finance'] },
      passwordHash: HASH,
    })
    if (!res.ok) throw new Error(res.error.message)
    targetId = res.value.id
  })
  afterAll(() => db.close())

  const specs: [CommandSpec<never, unknown>, () => unknown][] = [
    [
      createUser as never,
      () => ({ username: 'newuser', profile: { displayName: '新用户', roles: ['finance'] }, passwordHash: HASH }),
    ],
    [updateUserProfile as never, () => ({ id: targetId, profile: { displayName: '改名', roles: ['finance'] } })],
    [setUserDisabled as never, () => ({ id: targetId, disabled: true, reason: '调离' })],
    [resetUserPassword as never, () => ({ id: targetId, passwordHash: HASH })],
    [updateSetting as never, () => ({ key: 'idleLockMinutes', value: 5 })],
  ]

  for (const role of roles.filter((r) => r !== 'admin')) {
    it(`${roleLabels[role]} cannot manage accounts or settings`, async () => {
      const actor: Actor = {
        userId: `110105-01J0000000000000000${roles.indexOf(role)}ROLE`,
        unitCode: '110105',
        roles: [role],
      }
      await ensureAccount(db, actor)
      const before = await snapshot(db)
      for (const [spec, input] of specs) {
        const res = await execute(db, spec, actor, input())
        assert(!res.ok, 'expected res to be refused')
        expect(res.error.code).toBe('command.permission-denied')
        expect(res.error.message).toContain(`您（${roleLabels[role]}）无权执行`)
        expect(res.error.message).toContain('系统管理员')
      }
      expect(await snapshot(db)).toEqual(before)
    })
  }

  it('the administrator can; the last enabled administrator cannot be removed or disabled', async () => {
    for (const [spec, input] of specs.slice(0, 2)) expect((await execute(db, spec, admin, input())).ok).toBe(true)
    const demote = await execute(db, updateUserProfile, admin, {
      id: admin.userId,
      profile: { displayName: '王管理', roles: ['auditor'] },
    })
    expect(demote).toMatchObject({ ok: false, error: { code: 'user.last-admin' } })
    const self = await execute(db, setUserDisabled, admin, { id: admin.userId, disabled: true, reason: '测试' })
    expect(self).toMatchObject({ ok: false, error: { code: 'user.cannot-disable-self' } })
  })

  it('a user changes only their own password; sign-in attempts are recorded on the account tried', async () => {
    const actor = { userId: targetId, unitCode: '110105', roles: ['finance' as const] }
    expect((await execute(db, changeOwnPassword, actor, { passwordHash: HASH.replace('A', 'C') })).ok).toBe(true)
    expect((await db.users.get(targetId))?.mustChangePassword).toBe(false)
    for (let i = 0; i < 5; i++) await execute(db, recordSignIn, actor, { success: false })
    const locked = await db.users.get(targetId)
    expect(locked?.lockedUntil).toBeDefined()
    expect(locked?.failedLogins).toBe(0)
    await execute(db, resetUserPassword, admin, { id: targetId, passwordHash: HASH })
    expect((await db.users.get(targetId))?.lockedUntil).toBeUndefined()
  })
})
