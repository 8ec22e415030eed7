import { type ScryptOptions, scrypt } from 'node:crypto'
import { acceptedScrypt, type KdfUse, type ScryptParams, scryptMemoryBytes } from '../../shared/util/kdf'

/**
 * The one scrypt call of the main process (passwords, backups, office key files). It runs only for a parameter set
 * on the closed list for `use` (shared/util/kdf.ts): callers check what they read from a file or a stored hash and
 * refuse with their own message first; this is the last guard, so no path can derive with parameters a file chose.
 * `maxmem` is twice scrypt's need (Node refuses when 128 · N · r exceeds it) plus 1 MiB.
 */
export function deriveScrypt(
  use: KdfUse,
  secret: string,
  salt: Buffer,
  keyLen: number,
  params: ScryptParams,
): Promise<Buffer> {
  const known = acceptedScrypt(use, params)
  if (!known) return Promise.reject(new Error(`scrypt parameters not accepted for ${use}`))
  const options: ScryptOptions = {
    N: 2 ** known.logN,
    r: known.r,
    p: known.p,
    maxmem: 2 * scryptMemoryBytes(known) + 1024 * 1024,
  }
  return new Promise((resolve, reject) =>
    scrypt(secret.normalize('NFC'), salt, keyLen, options, (err, key) => (err ? reject(err) : resolve(key))),
  )
}
