import { randomBytes, scryptSync } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { hashPassword, PASSWORD_PARAMS, verifyPassword } from '../../../electron/services/passwords'
import { KDF_POLICY, SCRYPT_N15, SCRYPT_N17 } from '../../../shared/util/kdf'

const PASSWORD = 'Mima2026abc'

/** A hash as an earlier version stored it: scrypt N = 2^15, r = 8, p = 1 (cheap to make here). */
function legacyHash(password: string, logN = 15, r = 8, p = 1): string {
  const salt = randomBytes(16)
  const key = scryptSync(password, salt, 32, { N: 2 ** logN, r, p, maxmem: 512 * 2 ** logN * r })
  return ['scrypt', logN, r, p, salt.toString('base64'), key.toString('base64')].join('$')
}

// the current parameters cost ~128 MiB and a few hundred ms per derivation: hash once for the file
let current: string
let second: string
beforeAll(async () => {
  ;[current, second] = await Promise.all([hashPassword(PASSWORD), hashPassword(PASSWORD)])
})

describe('password hashing (scrypt)', () => {
  it('writes OWASP’s minimum for scrypt (N = 2^17, r = 8, p = 1) with a random salt', () => {
    expect(PASSWORD_PARAMS).toMatchObject({ logN: 17, r: 8, p: 1 })
    expect(KDF_POLICY.password.current).toEqual(SCRYPT_N17)
    expect(current).toMatch(/^scrypt\$17\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/)
    expect(current).not.toBe(second)
  })

  it('verifies the right password (a wrong one is refused: next test, with a cheaper hash)', async () => {
    expect(await verifyPassword(PASSWORD, current)).toEqual({ ok: true, needsRehash: false })
  })

  it('still verifies hashes with the earlier set (N = 2^15) and asks for a re-hash after a correct password', async () => {
    expect(KDF_POLICY.password.accepted).toContainEqual(SCRYPT_N15)
    const old = legacyHash(PASSWORD)
    expect(await verifyPassword(PASSWORD, old)).toEqual({ ok: true, needsRehash: true })
    expect(await verifyPassword('Mima2026abd', old)).toEqual({ ok: false, needsRehash: false })
  })

  it('refuses a hostile hash (logN 20, r 32, p 16) before deriving anything', async () => {
    const hostile = `scrypt$20$32$16$${randomBytes(16).toString('base64')}$${randomBytes(32).toString('base64')}`
    const started = performance.now()
    await expect(verifyPassword(PASSWORD, hostile)).rejects.toMatchObject({ code: 'auth.unsupported-hash' })
    console.log(`hostile password hash (logN 20, r 32, p 16) refused in ${(performance.now() - started).toFixed(1)} ms`)
  })

  it('refuses every parameter set not on the closed list, and malformed hashes, with auth.unsupported-hash', async () => {
    const [, , , , salt, key] = current.split('$')
    for (const stored of [
      `scrypt$14$8$1$${salt}$${key}`, // weaker than any set ever written
      `scrypt$16$8$1$${salt}$${key}`,
      `scrypt$18$8$1$${salt}$${key}`,
      `scrypt$17$16$1$${salt}$${key}`,
      `scrypt$17$8$2$${salt}$${key}`,
      `scrypt$017$8$1$${salt}$${key}`,
      `scrypt$30$8$1$${salt}$${key}`,
      `scrypt$17$8$1$${salt}$${key}$extra`,
      `scrypt$17$8$1$AAAA$${key}`, // salt too short
      `pbkdf2$17$8$1$${salt}$${key}`,
      'plain',
    ]) {
      await expect(verifyPassword(PASSWORD, stored), stored).rejects.toMatchObject({ code: 'auth.unsupported-hash' })
    }
  })
})
