import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto'

/**
 * Password hashing for local accounts (security.md §5.2). scrypt with N = 2^15, r = 8, p = 1 (≈ 32 MiB of memory,
 * ~60–100 ms on an office PC), a 16-byte random salt and a 32-byte key. Stored as
 * `scrypt$<logN>$<r>$<p>$<salt base64>$<key base64>` so parameters can be raised later: verification reads them from
 * the stored string and reports `needsRehash` when they are below the current ones.
 */
export const PASSWORD_PARAMS = { logN: 15, r: 8, p: 1, saltBytes: 16, keyBytes: 32 } as const

function derive(password: string, salt: Buffer, logN: number, r: number, p: number, keyLen: number): Promise<Buffer> {
  const N = 2 ** logN
  const options: ScryptOptions = { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLen, options, (err, key) => (err ? reject(err) : resolve(key)))
  })
}

export async function hashPassword(password: string): Promise<string> {
  const { logN, r, p, saltBytes, keyBytes } = PASSWORD_PARAMS
  const salt = randomBytes(saltBytes)
  const key = await derive(password, salt, logN, r, p, keyBytes)
  return ['scrypt', logN, r, p, salt.toString('base64'), key.toString('base64')].join('$')
}

export async function verifyPassword(password: string, stored: string): Promise<{ ok: boolean; needsRehash: boolean }> {
  const parts = stored.split('$')
  if (parts.length !== 6 || parts[0] !== 'scrypt') return { ok: false, needsRehash: false }
  const [logN, r, p] = parts.slice(1, 4).map(Number)
  if (![logN, r, p].every(Number.isInteger) || logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 16) {
    return { ok: false, needsRehash: false }
  }
  const salt = Buffer.from(parts[4], 'base64')
  const expected = Buffer.from(parts[5], 'base64')
  if (salt.length < 8 || expected.length < 16) return { ok: false, needsRehash: false }
  const key = await derive(password, salt, logN, r, p, expected.length)
  const ok = timingSafeEqual(key, expected)
  const needsRehash = logN < PASSWORD_PARAMS.logN || r < PASSWORD_PARAMS.r
  return { ok, needsRehash: ok && needsRehash }
}
