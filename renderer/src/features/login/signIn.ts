import { sha256 } from '@noble/hashes/sha2.js'
import { utf8ToBytes } from '@noble/hashes/utils.js'
import { signInBlocked } from '@shared/domain/accountPolicy'
import type { Role } from '@shared/domain/roles'
import { appError, fail, type Result } from '@shared/errors'
import { bytesToBase64 } from '@shared/exchange/base64'
import { KDF_POLICY } from '@shared/util/kdf'
import type { ProfileStore } from '../../app/store'
import { findUserByUsername, recordSignIn, type UserRow } from '../../db'
import { api } from '../../platform/api'

/**
 * A stand-in hash for a login name that has no account: current parameters, a salt derived from the name and a key
 * no password yields. Checking it costs what checking a real account costs, and the main process's delay after
 * repeated failures (kept per hash) applies to each unknown name as it does to each account.
 */
export function standInHash(username: string): string {
  const { logN, r, p } = KDF_POLICY.password.current
  const salt = bytesToBase64(sha256(utf8ToBytes(`jiuzhu-no-such-account\u0000${username}`)).subarray(0, 16))
  return ['scrypt', logN, r, p, salt, bytesToBase64(new Uint8Array(32))].join('$')
}

/**
 * Checks a password for an account and records the attempt: lockout after repeated failures, disabled accounts
 * refused. The same path serves the sign-in page and the idle-lock screen.
 *
 * Every refusal gives the same answer (`auth.sign-in-refused`, SIGN_IN_REFUSED) after the same work: an unknown login name is checked against
 * a stand-in hash, a locked or disabled account's password is checked too, so neither the words nor the time tell
 * which names exist, which are locked, or how many tries remain (docs/security.md §3). The lockout itself is kept in
 * the account record by `user.recordLogin`; attempts on a locked account are not recorded (the lock is not extended).
 * After a correct password for a hash with older scrypt parameters, the new hash is stored by the same command.
 */
export async function signIn(store: ProfileStore, username: string, password: string): Promise<Result<UserRow>> {
  const user = await store.read(findUserByUsername, username)
  const checked = await api.authVerifyPassword({ password, hash: user?.passwordHash ?? standInHash(username) })
  if (!checked.ok) return checked
  if (!user || signInBlocked(user, new Date().toISOString())) return fail(appError('auth.sign-in-refused'))
  const success = checked.value.ok
  let passwordHash: string | undefined
  if (success && checked.value.needsRehash) {
    const rehashed = await api.authHashPassword({ password })
    // a failed re-hash does not stop the sign-in: the old hash stays and is re-hashed next time
    if (rehashed.ok) passwordHash = rehashed.value.hash
  }
  const actor = { userId: user.id, unitCode: user.unitCode, roles: user.roles as Role[] }
  const recorded = await store.executeAs(actor, recordSignIn, { success, ...(passwordHash ? { passwordHash } : {}) })
  if (!recorded.ok || success) return recorded
  return fail(appError('auth.sign-in-refused'))
}
