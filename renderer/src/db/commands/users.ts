import { afterSignInAttempt } from '@shared/domain/accountPolicy'
import {
  changeOwnPasswordSchema,
  createUserSchema,
  recordSignInSchema,
  resetPasswordSchema,
  setUserDisabledSchema,
  updateUserSchema,
} from '@shared/domain/userAccount'
import { CodedError } from '@shared/errors/coded'
import type { UserRow } from '../database'
import type { CommandContext } from './context'
import type { CommandSpec } from './execute'

type Row = Record<string, unknown>

async function userOf(ctx: CommandContext, id: string): Promise<UserRow> {
  const user = (await ctx.read.users.get(id)) as UserRow | undefined
  if (!user || user.unitCode !== ctx.actor.unitCode) throw new CodedError('command.not-found', { table: '用户', id })
  return user
}

function updateUser(ctx: CommandContext, id: string, change: (u: UserRow) => UserRow): Promise<Row> {
  return ctx.update<Row>('users', id, (r) => change(r as UserRow) as unknown as Row)
}

/** At least one enabled administrator must remain, or nobody could manage accounts again. */
async function assertAnAdminRemains(
  ctx: CommandContext,
  changedId: string,
  next: { roles: string[]; disabled: boolean },
) {
  const users = await ctx.read.users.where('unitCode').equals(ctx.actor.unitCode).toArray()
  const admins = users.filter((u) => {
    const roles = u.id === changedId ? next.roles : u.roles
    const disabled = u.id === changedId ? next.disabled : u.disabled
    return roles.includes('admin') && !disabled
  })
  if (admins.length === 0) throw new CodedError('user.last-admin')
}

export const createUser: CommandSpec<import('zod').infer<typeof createUserSchema>, { id: string }> = {
  name: 'user.create',
  input: createUserSchema,
  tables: ['users'],
  async run(ctx, { username, profile, passwordHash }) {
    if (await ctx.read.users.where('username').equals(username).first())
      throw new CodedError('user.username-taken', { username })
    const id = ctx.newId()
    const base = {
      createdAt: ctx.now.instant,
      updatedAt: ctx.now.instant,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
    }
    const user: UserRow = {
      id,
      unitCode: ctx.actor.unitCode,
      username,
      displayName: profile.displayName,
      roles: profile.roles,
      department: profile.department || undefined,
      passwordHash,
      disabled: false,
      failedLogins: 0,
      mustChangePassword: true,
      rev: await ctx.nextRev(),
      ...base,
    }
    await ctx.put('users', id, user)
    return { id }
  },
}

export const updateUserProfile: CommandSpec<import('zod').infer<typeof updateUserSchema>, void> = {
  name: 'user.update',
  input: updateUserSchema,
  tables: ['users'],
  async run(ctx, { id, profile }) {
    const user = await userOf(ctx, id)
    await assertAnAdminRemains(ctx, id, { roles: profile.roles, disabled: user.disabled })
    await updateUser(ctx, id, (u) => ({
      ...u,
      displayName: profile.displayName,
      roles: profile.roles,
      department: profile.department || undefined,
    }))
  },
}

export const setUserDisabled: CommandSpec<import('zod').infer<typeof setUserDisabledSchema>, void> = {
  name: 'user.disable',
  input: setUserDisabledSchema,
  tables: ['users'],
  async run(ctx, { id, disabled, reason }) {
    const user = await userOf(ctx, id)
    if (disabled && id === ctx.actor.userId) throw new CodedError('user.cannot-disable-self')
    await assertAnAdminRemains(ctx, id, { roles: user.roles, disabled })
    await updateUser(ctx, id, (u) => ({ ...u, disabled, disabledReason: reason }))
  },
}

export const resetUserPassword: CommandSpec<import('zod').infer<typeof resetPasswordSchema>, void> = {
  name: 'user.resetPassword',
  input: resetPasswordSchema,
  tables: ['users'],
  async run(ctx, { id, passwordHash }) {
    await userOf(ctx, id)
    await updateUser(ctx, id, (u) => ({
      ...u,
      passwordHash,
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: undefined,
    }))
  },
}

export const changeOwnPassword: CommandSpec<import('zod').infer<typeof changeOwnPasswordSchema>, void> = {
  name: 'user.changeOwnPassword',
  input: changeOwnPasswordSchema,
  tables: ['users'],
  async run(ctx, { passwordHash }) {
    await userOf(ctx, ctx.actor.userId)
    await updateUser(ctx, ctx.actor.userId, (u) => ({ ...u, passwordHash, mustChangePassword: false }))
  },
}

/** The audit name of a failed sign-in: its own event in the audit log (“登录失败”), apart from the sign-ins. */
export const FAILED_LOGIN_COMMAND = 'user.recordLogin:failed'

/**
 * Records a sign-in attempt on the account that was tried (the actor is that account): failures count towards
 * the lockout; a success clears them. Every attempt is in the audit log, a failure as its own event
 * (`FAILED_LOGIN_COMMAND`, “登录失败”). A successful sign-in may carry a new hash
 * of the same password when the stored one has older scrypt parameters (docs/security.md §2): it replaces the old
 * hash in this same transaction and audit entry (shown there only as “〔已隐去〕”).
 */
export const recordSignIn: CommandSpec<import('zod').infer<typeof recordSignInSchema>, UserRow> = {
  name: 'user.recordLogin',
  input: recordSignInSchema,
  tables: ['users'],
  auditName: (input) => (input.success ? 'user.recordLogin' : FAILED_LOGIN_COMMAND),
  async run(ctx, { success, passwordHash }) {
    await userOf(ctx, ctx.actor.userId)
    return (await updateUser(ctx, ctx.actor.userId, (u) => {
      const next = afterSignInAttempt(u, success, ctx.now.instant)
      return {
        ...u,
        ...(success && passwordHash ? { passwordHash } : {}),
        failedLogins: next.failedLogins,
        lockedUntil: next.lockedUntil,
        lastSignInAt: success ? ctx.now.instant : u.lastSignInAt,
      }
    })) as unknown as UserRow
  },
}
