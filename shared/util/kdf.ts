/**
 * The scrypt parameter sets this software accepts, for each use (docs/security.md §1). It is a closed list: a stored
 * password hash, a backup header or an office key file naming any other set is refused before anything is derived,
 * because the parameters are read before the password or the file is authenticated — a hostile file could otherwise
 * name N = 2^20, r = 32, p = 16 and cost minutes of CPU and gigabytes of memory (“守得住” #4).
 *
 * `current` is what is written now; `accepted` adds the sets earlier versions wrote, so their files and hashes still
 * open. Raising the cost means adding a new set here (and a line in docs/security.md), never widening a range.
 */
export interface ScryptParams {
  readonly logN: number
  readonly r: number
  readonly p: number
}

/** N = 2^15, r = 8, p = 1: 32 MiB, the set every earlier version wrote. */
export const SCRYPT_N15: ScryptParams = Object.freeze({ logN: 15, r: 8, p: 1 })
/** N = 2^17, r = 8, p = 1: 128 MiB, OWASP's minimum for scrypt password storage. */
export const SCRYPT_N17: ScryptParams = Object.freeze({ logN: 17, r: 8, p: 1 })

export type KdfUse = 'password' | 'backup' | 'office-keys'

export interface KdfPolicy {
  readonly current: ScryptParams
  readonly accepted: readonly ScryptParams[]
}

export const KDF_POLICY: Readonly<Record<KdfUse, KdfPolicy>> = Object.freeze({
  password: { current: SCRYPT_N17, accepted: [SCRYPT_N17, SCRYPT_N15] },
  backup: { current: SCRYPT_N17, accepted: [SCRYPT_N17, SCRYPT_N15] },
  // 2^15 files (earlier versions) are re-sealed at 2^17 at the next export: docs/security.md §1
  'office-keys': { current: SCRYPT_N17, accepted: [SCRYPT_N17, SCRYPT_N15] },
})

const sameParams = (a: ScryptParams, b: { logN?: unknown; r?: unknown; p?: unknown }) =>
  a.logN === b.logN && a.r === b.r && a.p === b.p

/** The accepted set equal to `candidate` (numbers compared exactly, no coercion), or undefined. */
export function acceptedScrypt(use: KdfUse, candidate: unknown): ScryptParams | undefined {
  if (!candidate || typeof candidate !== 'object') return undefined
  return KDF_POLICY[use].accepted.find((known) => sameParams(known, candidate as Record<string, unknown>))
}

/** True when `params` is the set written now for `use` (an older accepted set asks for a re-hash or re-seal). */
export function isCurrentScrypt(use: KdfUse, params: ScryptParams): boolean {
  return sameParams(KDF_POLICY[use].current, params)
}

/** Maximum memory scrypt needs for `params`, in bytes: 128 · N · r (the V array) plus 128 · r · p (B). */
export function scryptMemoryBytes(params: ScryptParams): number {
  return 128 * 2 ** params.logN * params.r + 128 * params.r * params.p
}

/** A short, safe description of parameters read from a file, for a message (hostile values are cut short). */
export function describeScrypt(candidate: unknown): string {
  const o = candidate && typeof candidate === 'object' ? (candidate as Record<string, unknown>) : {}
  const show = (v: unknown) => (typeof v === 'number' ? String(v) : JSON.stringify(v ?? null).slice(0, 12))
  return `logN=${show(o.logN)}、r=${show(o.r)}、p=${show(o.p)}`
}

/** The accepted sets for `use`, as text for messages: “logN=17、r=8、p=1 或 logN=15、r=8、p=1”. */
export function describeAccepted(use: KdfUse): string {
  return KDF_POLICY[use].accepted.map(describeScrypt).join(' 或 ')
}
