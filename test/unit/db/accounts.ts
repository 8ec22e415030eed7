import type { Actor } from '../../../renderer/src/db/commands/context'
import type { JiuzhuDb, UserRow } from '../../../renderer/src/db/database'

/**
 * The command layer acts with the roles of the stored account (not those of the actor object the caller passes), so
 * every test actor that takes a workflow action is an account of its office: created on first use, its roles set
 * to the actor's. Test set-up only: real accounts are made by 新建用户 (user.create).
 */
export async function ensureAccount(db: JiuzhuDb, actor: Actor): Promise<void> {
  const row = await db.users.get(actor.userId)
  if (row && !row.disabled && sameRoles(row.roles, actor.roles)) return
  const now = '2026-01-01T00:00:00.000Z'
  const account: UserRow = {
    ...(row ?? {
      id: actor.userId,
      unitCode: actor.unitCode,
      username: `t${actor.userId.replace(/[^0-9A-Za-z]/g, '').toLowerCase()}`,
      displayName: actor.displayName ?? `测试${actor.roles.join('')}`,
      passwordHash: `scrypt$15$8$1$${'A'.repeat(24)}$${'B'.repeat(44)}`,
      failedLogins: 0,
      mustChangePassword: false,
      rev: 0,
      createdAt: now,
      updatedAt: now,
      createdBy: actor.userId,
      updatedBy: actor.userId,
      ownerUnit: actor.unitCode,
    }),
    roles: [...actor.roles],
    // a case department's account names its department (it records and sees only that department's clues)
    ...(actor.roles.includes('case-dept-staff') ? { department: row?.department ?? 'prosecution' } : {}),
    disabled: false,
  } as UserRow
  await db.users.put(account)
}

function sameRoles(a: readonly string[], b: readonly string[]): boolean {
  return !!a && !!b && a.length === b.length && a.every((r) => b.includes(r))
}
