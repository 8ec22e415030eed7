import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { base64PatternFor, bytesToBase64 } from '../../../shared/exchange/base64'
import { bundleError } from '../../../shared/exchange/errors'
import { fingerprint, keyIdOf, type OfficePublicKeys } from '../../../shared/exchange/fingerprint'
import {
  KEY_ROTATION_FORMAT,
  type KeyRotation,
  keyRotationSchema,
  type OfficeKeyRecord,
  officeKeyRecordSchema,
} from '../../../shared/exchange/keyRecord'
import { safeJsonParse } from '../../../shared/exchange/safeJson'
import { canonicalJson } from '../../../shared/util/canonicalJson'
import {
  acceptedScrypt,
  describeAccepted,
  describeScrypt,
  isCurrentScrypt,
  KDF_POLICY,
  type ScryptParams,
} from '../../../shared/util/kdf'
import type { RandomBytes } from '../../../shared/util/recordId'
import { deriveScrypt } from '../scrypt'
import {
  privateKeyObject,
  ROTATION_SIGNATURE_CONTEXT,
  rawPublicKey,
  signWithContext,
  verifyWithContext,
} from './crypto'

export type { KeyRotation, OfficeKeyRecord, OfficePublicKeys }
export { fingerprint, keyIdOf }

/**
 * Office keys (docs/bundle-format.md §2; docs/security-reference.md §2.2 "Key distribution"): each office holds an Ed25519 signing
 * pair and an X25519 encryption pair, generated locally at first-run setup. Private keys are raw 32-byte seeds in
 * base64 and are stored only sealed with a passphrase (scrypt + AES-256-GCM, as in backup.ts).
 */
export interface OfficeKeys extends OfficeKeyRecord {
  /** Ed25519 private key: base64 of the 32-byte seed (RFC 8032 §5.1.5). */
  signingPrivateKey: string
  /** X25519 private key: base64 of the 32-byte scalar (RFC 7748 §5). */
  encryptionPrivateKey: string
}

const nodeRandom: RandomBytes = (n) => randomBytes(n)

/**
 * Generates an office's key pairs. `createdAt` defaults to now; `random` is injectable only so tests and golden
 * files are reproducible — production code uses the CSPRNG.
 */
export function generateOfficeKeys(
  input: { unitCode: string; createdAt?: string; previousKeyId?: string },
  random: RandomBytes = nodeRandom,
): OfficeKeys {
  const signingSeed = random(32)
  const encryptionSeed = random(32)
  const signingKey = rawPublicKey(privateKeyObject('ed25519', signingSeed))
  const encryptionKey = rawPublicKey(privateKeyObject('x25519', encryptionSeed))
  const keys: OfficeKeys = {
    unitCode: input.unitCode,
    keyId: keyIdOf({ signingKey, encryptionKey }),
    createdAt: input.createdAt ?? new Date().toISOString(),
    ...(input.previousKeyId ? { previousKeyId: input.previousKeyId } : {}),
    signingKey,
    encryptionKey,
    signingPrivateKey: bytesToBase64(signingSeed),
    encryptionPrivateKey: bytesToBase64(encryptionSeed),
  }
  return assertOfficeKeys(keys)
}

/** The public record of a key (what the unit directory and rotation announcements carry). */
export function publicKeyRecord(keys: OfficeKeyRecord): OfficeKeyRecord {
  const { unitCode, keyId, createdAt, previousKeyId, signingKey, encryptionKey } = keys
  return { unitCode, keyId, createdAt, ...(previousKeyId ? { previousKeyId } : {}), signingKey, encryptionKey }
}

/** Checks that the private keys belong to the public keys and the key id is derived from them. */
export function assertOfficeKeys(keys: OfficeKeys): OfficeKeys {
  const record = officeKeyRecordSchema.safeParse(publicKeyRecord(keys))
  if (!record.success) throw bundleError('bundle.keys-invalid', { detail: '密钥记录格式不对' })
  if (keyIdOf(keys) !== keys.keyId) throw bundleError('bundle.keys-invalid', { detail: '密钥编号与公钥不符' })
  if (
    rawPublicKey(privateKeyObject('ed25519', keys.signingPrivateKey)) !== keys.signingKey ||
    rawPublicKey(privateKeyObject('x25519', keys.encryptionPrivateKey)) !== keys.encryptionKey
  ) {
    throw bundleError('bundle.keys-invalid', { detail: '私钥与公钥不匹配' })
  }
  return keys
}

// ---- sealing -------------------------------------------------------------------------------------------------

export const SEALED_KEYS_FORMAT = 'jiuzhu-office-keys'
/** What is written now (shared/util/kdf.ts); unsealing accepts only the sets on that closed list. */
export const KEY_SEAL_PARAMS: ScryptParams = KDF_POLICY['office-keys'].current
export const MIN_PASSPHRASE_CHARS = 8
const MAX_SEALED_CHARS = 16 * 1024

/** Version 2 adds `headerSum`; version 1 files (written before it) still open and are re-sealed on the next unlock. */
const SEALED_KEYS_VERSION = 2

interface SealedHeader extends OfficeKeyRecord {
  format: typeof SEALED_KEYS_FORMAT
  version: 1 | 2
  kdf: { alg: 'scrypt'; logN: number; r: number; p: number; salt: string }
  cipher: { alg: 'aes-256-gcm'; iv: string }
  /** Passphrase verifier: bytes 32–47 of the scrypt output, base64. Tells a wrong passphrase from a damaged body. */
  check: string
  /**
   * Version 2: SHA-256 (base64) of the canonical JSON of every other header field. A salt, parameter or verifier
   * damaged into other valid bytes would otherwise read as a wrong passphrase; with it, it reads as a damaged file.
   * It detects damage only — anyone can recompute it; a deliberate change is stopped by the AES-GCM tag over the
   * header (docs/security.md §1).
   */
  headerSum?: string
}

const SALT_BYTES = 16
const IV_BYTES = 12
const CHECK_BYTES = 16

const scrypt64 = (passphrase: string, salt: Buffer, kdf: ScryptParams) =>
  deriveScrypt('office-keys', passphrase, salt, 64, kdf)

const headerAad = (header: SealedHeader) => Buffer.from(canonicalJson(header), 'utf8')

const headerSumOf = (fields: Record<string, unknown>) =>
  createHash('sha256').update(canonicalJson(fields), 'utf8').digest('base64')

/**
 * Seals the private keys under a passphrase: scrypt (KEY_SEAL_PARAMS, now N = 2^15, r = 8, p = 1) derives 64 bytes — an
 * AES-256-GCM key and a passphrase verifier; the public header, with its checksum, is the GCM additional data.
 * Returns canonical JSON text.
 */
export async function sealPrivateKeys(keys: OfficeKeys, passphrase: string): Promise<string> {
  if (passphrase.length < MIN_PASSPHRASE_CHARS) {
    throw bundleError('bundle.keys-passphrase-too-short', { min: MIN_PASSPHRASE_CHARS })
  }
  assertOfficeKeys(keys)
  const salt = randomBytes(SALT_BYTES)
  const iv = randomBytes(IV_BYTES)
  const derived = await scrypt64(passphrase, salt, KEY_SEAL_PARAMS)
  const fields: SealedHeader = {
    format: SEALED_KEYS_FORMAT,
    version: SEALED_KEYS_VERSION,
    ...publicKeyRecord(keys),
    kdf: {
      alg: 'scrypt',
      logN: KEY_SEAL_PARAMS.logN,
      r: KEY_SEAL_PARAMS.r,
      p: KEY_SEAL_PARAMS.p,
      salt: salt.toString('base64'),
    },
    cipher: { alg: 'aes-256-gcm', iv: iv.toString('base64') },
    check: derived.subarray(32, 32 + CHECK_BYTES).toString('base64'),
  }
  const header: SealedHeader = { ...fields, headerSum: headerSumOf({ ...fields }) }
  const cipher = createCipheriv('aes-256-gcm', derived.subarray(0, 32), iv)
  cipher.setAAD(headerAad(header))
  const secret = Buffer.from(
    canonicalJson({ encryptionPrivateKey: keys.encryptionPrivateKey, signingPrivateKey: keys.signingPrivateKey }),
  )
  const sealed = Buffer.concat([cipher.update(secret), cipher.final(), cipher.getAuthTag()]).toString('base64')
  return canonicalJson({ ...header, sealed })
}

function parseSealed(sealed: string): { header: SealedHeader; body: Buffer } {
  if (typeof sealed !== 'string' || sealed.length > MAX_SEALED_CHARS) {
    throw bundleError('bundle.keys-damaged', { detail: '文件大小不对' })
  }
  let raw: unknown
  try {
    raw = safeJsonParse(sealed, { file: 'keys' })
  } catch {
    throw bundleError('bundle.keys-damaged', { detail: '不是有效的 JSON' })
  }
  const o = raw as Record<string, unknown>
  if (o?.format !== SEALED_KEYS_FORMAT || (o.version !== 1 && o.version !== 2)) {
    throw bundleError('bundle.keys-damaged', { detail: '不是本软件的密钥文件' })
  }
  const { format: _f, version, kdf, cipher, check, headerSum, sealed: body, ...record } = o
  // version 2: the header's checksum first, so damaged parameters, salt or verifier read as damage (not as a wrong
  // passphrase) and nothing is derived from them
  if (version === 2 && headerSum !== checksumOf(o)) {
    throw bundleError('bundle.keys-damaged', { detail: '文件头校验值不符' })
  }
  if (version === 1 && headerSum !== undefined)
    throw bundleError('bundle.keys-damaged', { detail: '字段不全或格式不对' })
  const rec = officeKeyRecordSchema.safeParse(record)
  const k = kdf as SealedHeader['kdf']
  const c = cipher as SealedHeader['cipher']
  // the scrypt parameters come from the file before anything is authenticated: only a set on the closed list
  // (shared/util/kdf.ts) is used, anything else is refused here, before deriving (docs/security.md §1)
  if (k?.alg === 'scrypt' && !acceptedScrypt('office-keys', k)) {
    throw bundleError('bundle.keys-damaged', {
      detail: `密钥派生参数 ${describeScrypt(k)} 不是本软件使用的参数（${describeAccepted('office-keys')}），未尝试解开`,
    })
  }
  const canonical = (v: unknown, n: number): v is string => typeof v === 'string' && base64PatternFor(n).test(v)
  const kdfOk = k?.alg === 'scrypt' && canonical(k.salt, SALT_BYTES) && Object.keys(k).length === 5
  const cipherOk = c?.alg === 'aes-256-gcm' && canonical(c.iv, IV_BYTES) && Object.keys(c).length === 2
  if (!rec.success || !kdfOk || !cipherOk || !canonical(check, CHECK_BYTES) || typeof body !== 'string') {
    throw bundleError('bundle.keys-damaged', { detail: '字段不全或格式不对' })
  }
  if (keyIdOf(rec.data) !== rec.data.keyId) throw bundleError('bundle.keys-damaged', { detail: '密钥编号与公钥不符' })
  const header: SealedHeader = {
    format: SEALED_KEYS_FORMAT,
    version: version as 1 | 2,
    ...rec.data,
    kdf: { alg: 'scrypt', logN: k.logN, r: k.r, p: k.p, salt: k.salt },
    cipher: { alg: 'aes-256-gcm', iv: c.iv },
    check,
    ...(version === 2 ? { headerSum: headerSum as string } : {}),
  }
  return { header, body: Buffer.from(body, 'base64') }
}

/** The checksum a version-2 file's header should carry: over every field but the checksum and the ciphertext. */
function checksumOf(o: Record<string, unknown>): string | undefined {
  const { headerSum: _s, sealed: _b, ...fields } = o
  try {
    return headerSumOf(fields)
  } catch {
    return undefined
  }
}

/**
 * True when a sealed key file is not in the current format — scrypt parameters other than KEY_SEAL_PARAMS, or no
 * header checksum (version 1) — and should be sealed again, under the same passphrase, after it next opens.
 */
export function sealNeedsUpgrade(sealed: string): boolean {
  const { header } = parseSealed(sealed)
  return header.version !== SEALED_KEYS_VERSION || !isCurrentScrypt('office-keys', header.kdf)
}

/** The public key record inside a sealed key file, readable without the passphrase. */
export function readSealedKeyRecord(sealed: string): OfficeKeyRecord {
  return publicKeyRecord(parseSealed(sealed).header)
}

/**
 * Opens sealed keys. A wrong passphrase is `bundle.keys-wrong-passphrase`; a file that was altered or damaged
 * (bad JSON, header changed, ciphertext changed, private keys not matching the public ones) is `bundle.keys-damaged`.
 */
export async function unsealPrivateKeys(sealed: string, passphrase: string): Promise<OfficeKeys> {
  const { header, body } = parseSealed(sealed)
  const derived = await scrypt64(passphrase, Buffer.from(header.kdf.salt, 'base64'), header.kdf)
  const expected = Buffer.from(header.check, 'base64')
  const actual = derived.subarray(32, 32 + CHECK_BYTES)
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw bundleError('bundle.keys-wrong-passphrase')
  }
  let secret: { signingPrivateKey?: unknown; encryptionPrivateKey?: unknown }
  try {
    if (body.length < 17) throw new Error('short')
    const decipher = createDecipheriv('aes-256-gcm', derived.subarray(0, 32), Buffer.from(header.cipher.iv, 'base64'))
    decipher.setAAD(headerAad(header))
    decipher.setAuthTag(body.subarray(body.length - 16))
    const plain = Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()])
    secret = safeJsonParse(plain.toString('utf8'), { file: 'keys' }) as typeof secret
  } catch {
    throw bundleError('bundle.keys-damaged', { detail: '密文校验失败' })
  }
  if (typeof secret?.signingPrivateKey !== 'string' || typeof secret.encryptionPrivateKey !== 'string') {
    throw bundleError('bundle.keys-damaged', { detail: '私钥字段缺失' })
  }
  const keys: OfficeKeys = {
    ...publicKeyRecord(header),
    signingPrivateKey: secret.signingPrivateKey,
    encryptionPrivateKey: secret.encryptionPrivateKey,
  }
  try {
    return assertOfficeKeys(keys)
  } catch {
    throw bundleError('bundle.keys-damaged', { detail: '私钥与公钥不匹配' })
  }
}

// ---- rotation ------------------------------------------------------------------------------------------------

function rotationBody(unitCode: string, previousKeyId: string, next: OfficeKeyRecord) {
  return {
    format: KEY_ROTATION_FORMAT as typeof KEY_ROTATION_FORMAT,
    version: 1 as const,
    unitCode,
    previousKeyId,
    next: publicKeyRecord(next),
  }
}

/**
 * Announces a new key signed by the old one (docs/security-reference.md §2.2 "Rotation: the new key is announced in a bundle
 * signed by the old key"). The signature covers `jiuzhu-key-rotation-v1\0 ‖ canonicalJson(body)`.
 */
export function signRotation(oldKeys: OfficeKeys, newPublic: OfficeKeyRecord): KeyRotation {
  if (newPublic.unitCode !== oldKeys.unitCode)
    throw bundleError('bundle.keys-invalid', { detail: '新旧密钥不属于同一单位' })
  if (newPublic.previousKeyId !== oldKeys.keyId) {
    throw bundleError('bundle.keys-invalid', { detail: '新密钥的 previousKeyId 必须是旧密钥的编号' })
  }
  if (keyIdOf(newPublic) !== newPublic.keyId || newPublic.keyId === oldKeys.keyId) {
    throw bundleError('bundle.keys-invalid', { detail: '新密钥编号与其公钥不符，或与旧密钥相同' })
  }
  const body = rotationBody(oldKeys.unitCode, oldKeys.keyId, newPublic)
  const signature = signWithContext(
    ROTATION_SIGNATURE_CONTEXT,
    Buffer.from(canonicalJson(body)),
    oldKeys.signingPrivateKey,
  )
  return { ...body, signature }
}

/**
 * True when `rotation` is a well-formed announcement of a new key for the same office, chained to `oldPublic`
 * (previousKeyId), with key ids derived from the keys, and signed by `oldPublic`'s signing key.
 */
export function verifyRotation(rotation: unknown, oldPublic: OfficePublicKeys & { unitCode?: string }): boolean {
  const parsed = keyRotationSchema.safeParse(rotation)
  if (!parsed.success) return false
  const r = parsed.data
  try {
    if (keyIdOf(oldPublic) !== oldPublic.keyId || keyIdOf(r.next) !== r.next.keyId) return false
  } catch {
    return false
  }
  if (r.previousKeyId !== oldPublic.keyId || r.next.previousKeyId !== oldPublic.keyId) return false
  if (r.next.unitCode !== r.unitCode || (oldPublic.unitCode !== undefined && oldPublic.unitCode !== r.unitCode)) {
    return false
  }
  if (r.next.keyId === oldPublic.keyId) return false
  const body = Buffer.from(canonicalJson(rotationBody(r.unitCode, r.previousKeyId, r.next)))
  return verifyWithContext(ROTATION_SIGNATURE_CONTEXT, body, r.signature, oldPublic.signingKey)
}
