import { failedAttemptMessage, signInBlocked } from '@shared/domain/accountPolicy'
import type { Role } from '@shared/domain/roles'
import { execute, findUserByUsername, type JiuzhuDb, recordSignIn, type UserRow } from '../../db'
import { api } from '../../platform/api'

export type SignInOutcome = { ok: true; user: UserRow } | { ok: false; message: string }

/**
 * Checks a password for an account and records the attempt: lockout after repeated failures, disabled accounts
 * refused. The same path serves the sign-in page and the idle-lock screen.
 */
export async function signIn(db: JiuzhuDb, username: string, password: string): Promise<SignInOutcome> {
  const user = await findUserByUsername(db, username)
  if (!user) return { ok: false, message: '登录名或密码不正确。' }
  const blocked = signInBlocked(user, new Date().toISOString())
  if (blocked) return { ok: false, message: blocked }
  const checked = await api.authVerifyPassword({ password, hash: user.passwordHash })
  if (!checked.ok) return { ok: false, message: checked.error.message }
  const actor = { userId: user.id, unitCode: user.unitCode, roles: user.roles as Role[] }
  const recorded = await execute(db, recordSignIn, actor, { success: checked.value.ok })
  if (!recorded.ok) return { ok: false, message: recorded.error.message }
  if (!checked.value.ok) return { ok: false, message: failedAttemptMessage(recorded.value) }
  return { ok: true, user: recorded.value }
}
