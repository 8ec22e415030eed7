import { describe, expect, it } from 'vitest'
import {
  afterSignInAttempt,
  LOCKOUT_MINUTES,
  MAX_FAILED_LOGINS,
  SIGN_IN_REFUSED,
  signInBlocked,
} from '../../../shared/domain/accountPolicy'
import { passwordProblems } from '../../../shared/domain/passwordPolicy'

const t0 = '2026-03-02T01:00:00.000Z'

describe('account lockout', () => {
  it('locks after exactly MAX_FAILED_LOGINS failures, for LOCKOUT_MINUTES', () => {
    let s = { failedLogins: 0, disabled: false } as { failedLogins: number; disabled: boolean; lockedUntil?: string }
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      s = afterSignInAttempt(s, false, t0)
      expect(s.lockedUntil).toBeUndefined()
      expect(signInBlocked(s, t0)).toBeUndefined()
    }
    s = afterSignInAttempt(s, false, t0)
    expect(s.lockedUntil).toBe('2026-03-02T01:15:00.000Z')
    expect(LOCKOUT_MINUTES).toBe(15)
    expect(signInBlocked(s, '2026-03-02T01:14:00.000Z')).toBe('locked')
    expect(signInBlocked(s, '2026-03-02T01:15:00.001Z')).toBeUndefined()
  })

  it('the sign-in screen has one answer for every refusal: it names no account state and no tries left', () => {
    expect(SIGN_IN_REFUSED).toMatch(/^登录名或密码不正确。/)
    expect(SIGN_IN_REFUSED).toContain(`连续输错密码 ${MAX_FAILED_LOGINS} 次，账号将锁定 ${LOCKOUT_MINUTES} 分钟`)
    expect(SIGN_IN_REFUSED).not.toMatch(/再输错|还剩|不存在/)
  })

  it('a success clears the failure count; a disabled account is refused', () => {
    const s = afterSignInAttempt({ failedLogins: 3, disabled: false }, true, t0)
    expect(s.failedLogins).toBe(0)
    expect(signInBlocked({ failedLogins: 0, disabled: true }, t0)).toBe('disabled')
  })
})

describe('password policy', () => {
  it.each([
    ['Mima2026abc', 'admin', []],
    ['short1', 'admin', ['密码至少 8 位']],
    ['abcdefgh', 'admin', ['密码须包含数字']],
    ['12345678', 'admin', ['密码须包含字母']],
    ['admin2026x', 'admin', ['密码不能包含登录名']],
  ])('%s', (pw, user, problems) => {
    expect(passwordProblems(pw, user)).toEqual(problems)
  })
})
