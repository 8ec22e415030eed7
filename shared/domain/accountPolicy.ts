/**
 * Account rules for a shared office PC (GB/T 22239-2019 level 3 §8.1.4.1; security.md §5.2): lock an account
 * after repeated failed sign-ins, lock the screen after a period without input.
 */
export const MAX_FAILED_LOGINS = 5
export const LOCKOUT_MINUTES = 15
export const DEFAULT_IDLE_LOCK_MINUTES = 10
export const IDLE_LOCK_RANGE = { min: 1, max: 120 } as const

export interface LoginState {
  failedLogins: number
  lockedUntil?: string
  disabled: boolean
}

/** Whether the account may try to sign in at `nowIso`, and if not, why (Chinese). */
export function signInBlocked(state: LoginState, nowIso: string): string | undefined {
  if (state.disabled) return '该账号已停用，请联系系统管理员。'
  if (state.lockedUntil && state.lockedUntil > nowIso) {
    const minutes = Math.max(1, Math.ceil((Date.parse(state.lockedUntil) - Date.parse(nowIso)) / 60_000))
    return `连续输错密码 ${MAX_FAILED_LOGINS} 次，账号已锁定，请 ${minutes} 分钟后再试，或请系统管理员重置密码。`
  }
  return undefined
}

/** The account state after one sign-in attempt. */
export function afterSignInAttempt(state: LoginState, success: boolean, nowIso: string): LoginState {
  if (success) return { ...state, failedLogins: 0, lockedUntil: undefined }
  const failedLogins = state.failedLogins + 1
  if (failedLogins >= MAX_FAILED_LOGINS) {
    return {
      ...state,
      failedLogins: 0,
      lockedUntil: new Date(Date.parse(nowIso) + LOCKOUT_MINUTES * 60_000).toISOString(),
    }
  }
  return { ...state, failedLogins }
}

export function failedAttemptMessage(state: LoginState): string {
  if (state.lockedUntil) return `密码不正确。连续输错 ${MAX_FAILED_LOGINS} 次，账号已锁定 ${LOCKOUT_MINUTES} 分钟。`
  return `登录名或密码不正确。再输错 ${MAX_FAILED_LOGINS - state.failedLogins} 次账号将被锁定 ${LOCKOUT_MINUTES} 分钟。`
}
