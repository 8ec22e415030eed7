/**
 * Account rules for a shared office PC (GB/T 22239-2019 level 3 §8.1.4.1; docs/security.md §3): lock an account
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

/**
 * Whether the account may sign in at `nowIso`: undefined if it may, else why not. The reason is for the account's
 * record and the administrator; the sign-in screen shows SIGN_IN_REFUSED for every refusal, so it does not reveal
 * which login names exist, which are locked or how many tries remain (docs/security.md §3).
 */
export function signInBlocked(state: LoginState, nowIso: string): 'disabled' | 'locked' | undefined {
  if (state.disabled) return 'disabled'
  if (state.lockedUntil && state.lockedUntil > nowIso) return 'locked'
  return undefined
}

/**
 * The one answer of the sign-in screen to an unknown login name, a wrong password, a locked and a disabled account
 * alike. It states the lockout rule without saying whether it applies to the name typed.
 */
export const SIGN_IN_REFUSED = `登录名或密码不正确。连续输错密码 ${MAX_FAILED_LOGINS} 次，账号将锁定 ${LOCKOUT_MINUTES} 分钟；账号已锁定或停用时也无法登录，请稍后再试或联系系统管理员。`

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
