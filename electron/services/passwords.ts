import { randomBytes, timingSafeEqual } from 'node:crypto'
import { CodedError } from '../../shared/errors/coded'
import { acceptedScrypt, describeScrypt, isCurrentScrypt, KDF_POLICY, type ScryptParams } from '../../shared/util/kdf'
import { deriveScrypt } from './scrypt'

/**
 * Password hashing for local accounts (docs/security.md §1–2). New hashes use scrypt N = 2^17, r = 8, p = 1 (OWASP's
 * minimum for scrypt: 128 MiB of memory, a few hundred ms on an office PC), a 16-byte random salt and a 32-byte key,
 * stored as `scrypt$<logN>$<r>$<p>$<salt base64>$<key base64>`. Verification reads the parameters from the stored
 * string but accepts only the sets on the closed list (shared/util/kdf.ts: the current one and N = 2^15 written by
 * earlier versions); anything else is refused before scrypt runs. A hash with the older set verifies and reports
 * `needsRehash`, and the sign-in stores a new hash (renderer/src/features/login/signIn.ts).
 */
export const PASSWORD_PARAMS = { ...KDF_POLICY.password.current, saltBytes: 16, keyBytes: 32 } as const

const HASH_FORMAT =
  /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/]{8,88}={0,2})\$([A-Za-z0-9+/]{16,88}={0,2})$/

export interface ParsedPasswordHash {
  params: ScryptParams
  salt: Buffer
  expected: Buffer
}

/**
 * The parameters, salt and key of a stored hash, or `auth.unsupported-hash` when the string is not in the format or
 * names a parameter set that is not accepted. Nothing is derived here.
 */
export function parsePasswordHash(stored: string): ParsedPasswordHash {
  const m = HASH_FORMAT.exec(stored)
  if (!m) throw new CodedError('auth.unsupported-hash', { detail: '不是本软件的密码记录格式' })
  const named = { logN: Number(m[1]), r: Number(m[2]), p: Number(m[3]) }
  const params = acceptedScrypt('password', named)
  if (!params) throw new CodedError('auth.unsupported-hash', { detail: `参数 ${describeScrypt(named)} 不被接受` })
  const salt = Buffer.from(m[4], 'base64')
  const expected = Buffer.from(m[5], 'base64')
  if (salt.length < 8 || salt.length > 64 || expected.length < 16 || expected.length > 64) {
    throw new CodedError('auth.unsupported-hash', { detail: '盐或密钥的长度不对' })
  }
  return { params, salt, expected }
}

export async function hashPassword(password: string): Promise<string> {
  const { saltBytes, keyBytes } = PASSWORD_PARAMS
  const params = KDF_POLICY.password.current
  const salt = randomBytes(saltBytes)
  const key = await deriveScrypt('password', password, salt, keyBytes, params)
  return ['scrypt', params.logN, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$')
}

/**
 * Checks a password against a stored hash. A hash that is malformed or names parameters not on the list is refused
 * (`auth.unsupported-hash`, thrown) before anything is derived; `needsRehash` is true after a correct password for a
 * hash with an older accepted set.
 */
export async function verifyPassword(password: string, stored: string): Promise<{ ok: boolean; needsRehash: boolean }> {
  const { params, salt, expected } = parsePasswordHash(stored)
  const key = await deriveScrypt('password', password, salt, expected.length, params)
  const ok = timingSafeEqual(key, expected)
  return { ok, needsRehash: ok && !isCurrentScrypt('password', params) }
}
