import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  bulkLoad,
  changeOwnPassword,
  createUser,
  execute,
  recordSignIn,
  recordWageFigures,
  saveRegisterViews,
  setUserDisabled,
  setupOffice,
  updateSetting,
  updateUserProfile,
} from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { CommandSpec } from '../../../renderer/src/db/commands/execute'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { beginExport } from '../../../renderer/src/db/exchange'
import { admin, freshDb, setUp, snapshot } from './fixtures'

/**
 * The command layer acts with the roles of the acting user's STORED account, read inside the command's
 * transaction — not with the roles of the actor object the caller passes, which a page edited in DevTools can set
 * to anything (docs/security.md §5). Every refusal is in Chinese and leaves the store exactly as it was.
 */
const HASH = `scrypt$17$8$1$${'A'.repeat(24)}$${'B'.repeat(44)}`
let db: JiuzhuDb
let clerkId: string
beforeEach(async () => {
  db = freshDb()
  await db.open()
  await setUp(db)
  // a stored 控申承办检察官 account, created by the administrator as 新建用户 does
  const made = await execute(db, createUser, admin, {
    username: 'kongshen',
    profile: { displayName: '李控申', roles: ['case-procurator'] },
    passwordHash: HASH,
  })
  if (!made.ok) throw new Error(made.error.message)
  clerkId = made.value.id
})
afterEach(() => db.close())

/** The clerk's account, presented by an actor object that claims 系统管理员. */
const claimingAdmin = (): Actor => ({ userId: clerkId, unitCode: '110105', roles: ['admin'], displayName: '李控申' })

/** Administrator-only commands (and one of 部门负责人's), each with input that an administrator could run. */
const adminOnly: [string, CommandSpec<never, unknown>, () => unknown][] = [
  [
    '新建用户',
    createUser as never,
    () => ({ username: 'forged', profile: { displayName: '冒名', roles: ['admin'] }, passwordHash: HASH }),
  ],
  [
    '修改用户',
    updateUserProfile as never,
    () => ({ id: clerkId, profile: { displayName: '李控申', roles: ['admin', 'case-procurator'] } }),
  ],
  ['停用/启用用户', setUserDisabled as never, () => ({ id: admin.userId, disabled: true, reason: '夺权' })],
  ['修改系统设置', updateSetting as never, () => ({ key: 'idleLockMinutes', value: 120 })],
  [
    '录入职工月平均工资标准',
    recordWageFigures as never,
    () => ({
      figures: [
        {
          regionCode: '110000',
          year: 2025,
          series: '职工',
          monthlyWageFen: 99_999_900,
          document: '伪造的统计公报',
        },
      ],
    }),
  ],
  ['导出数据包', beginExport as never, () => ({ receiver: null })],
  [
    '载入演示或生成数据',
    bulkLoad as never,
    () => ({ table: 'persons', records: [{ id: '110105-01J00000000000000000PERS', name: '张三' }] }),
  ],
]

describe('roles come from the stored account, for every command', () => {
  for (const [label, spec, input] of adminOnly) {
    it(`an actor claiming 系统管理员 whose account is 控申承办检察官 cannot ${label}; nothing changes`, async () => {
      const before = await snapshot(db)
      const res = await execute(db, spec, claimingAdmin(), input())
      expect(res).toMatchObject({ ok: false, error: { code: 'command.permission-denied' } })
      expect(res.ok ? '' : res.error.message).toBe(
        `您（控申承办检察官）无权执行“${label}”。此操作需要以下角色之一：${label === '录入职工月平均工资标准' ? '系统管理员、控申部门负责人' : '系统管理员'}。`,
      )
      expect(await snapshot(db)).toEqual(before)
    })
  }

  it('the same account acts with its stored roles even when the actor object claims none', async () => {
    const res = await execute(db, saveRegisterViews, { ...claimingAdmin(), roles: [] }, { views: [] })
    expect(res.ok).toBe(true)
    const entry = await db.audit.orderBy('seq').last()
    expect(entry).toMatchObject({ command: 'register.saveView', userId: clerkId })
  })

  it('an account that does not exist, or belongs to another office, runs nothing', async () => {
    const before = await snapshot(db)
    const ghost: Actor = { userId: '110105-01J00000000000000000GHST', unitCode: '110105', roles: ['admin'] }
    const elsewhere: Actor = { ...claimingAdmin(), unitCode: '110106' }
    for (const actor of [ghost, elsewhere]) {
      const res = await execute(db, updateSetting, actor, { key: 'idleLockMinutes', value: 120 })
      expect(res).toMatchObject({ ok: false, error: { code: 'command.unknown-account' } })
      expect(res.ok ? '' : res.error.message).toMatch(
        /^当前登录的账号（.+）在本院账号中不存在、已停用或已锁定，不能执行“修改系统设置”，数据未改动。/,
      )
    }
    expect(await snapshot(db)).toEqual(before)
  })

  it('a disabled account and a locked account run nothing, not even on themselves', async () => {
    const own = { ...claimingAdmin(), roles: ['case-procurator' as const] }
    for (let i = 0; i < 5; i++) expect((await execute(db, recordSignIn, own, { success: false })).ok).toBe(true)
    expect((await db.users.get(clerkId))?.lockedUntil).toBeDefined()
    const lockedBefore = await snapshot(db)
    const locked = await execute(db, changeOwnPassword, own, { passwordHash: HASH.replace('A', 'C') })
    expect(locked).toMatchObject({ ok: false, error: { code: 'command.unknown-account' } })
    expect(await snapshot(db)).toEqual(lockedBefore)

    const disabled = await execute(db, setUserDisabled, admin, { id: clerkId, disabled: true, reason: '调离' })
    expect(disabled.ok).toBe(true)
    const disabledBefore = await snapshot(db)
    const res = await execute(db, saveRegisterViews, own, { views: [] })
    expect(res).toMatchObject({ ok: false, error: { code: 'command.unknown-account' } })
    expect(await snapshot(db)).toEqual(disabledBefore)
  })

  it('首次设置 is the one command without a stored account, and only while the profile is empty', async () => {
    const before = await snapshot(db)
    const again = await execute(db, setupOffice, claimingAdmin(), {
      unit: {
        name: '冒名检察院',
        shortName: '冒检',
        code: '110105',
        level: 'basic',
        parentCode: '110300',
        parentName: '北京市人民检察院第三分院',
      },
      admin: { username: 'admin2', displayName: '冒名管理员', passwordHash: HASH },
    })
    expect(again).toMatchObject({ ok: false, error: { code: 'setup.already-done' } })
    expect(await snapshot(db)).toEqual(before)
  })
})
