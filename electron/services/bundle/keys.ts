import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { SM4_KEY_BYTES, sm2PublicKeyOf, sm4GcmDecrypt, sm4GcmEncrypt } from '../../../shared/crypto/gm'
import { base64PatternFor, base64ToBytes, bytesToBase64 } from '../../../shared/exchange/base64'
import { bundleError } from '../../../shared/exchange/errors'
import { fingerprint, keyIdOf, type OfficePublicKeys } from '../../../shared/exchange/fingerprint'
import { hasSm2Keys, sm2FingerprintOf, sm2KeyIdOfRecord, sm2RecordProblem } from '../../../shared/exchange/gmKeys'
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
export { fingerprint, keyIdOf, sm2FingerprintOf }

/**
 * Office keys (docs/bundle-format.md §2; docs/security-reference.md §2.2 "Key distribution"): each office holds an Ed25519 signing
 * pair and an X25519 encryption pair, generated locally at first-run setup, and — since the 国密 suite (§2.3) — an
 * SM2 signing pair and an SM2 encryption pair. Private keys are raw 32-byte values in base64 and are stored only
 * sealed with a passphrase (scrypt + AES-256-GCM or SM4-GCM).
 */
export interface OfficeKeys extends OfficeKeyRecord {
  /** Ed25519 private key: base64 of the 32-byte seed (RFC 8032 §5.1.5). */
  signingPrivateKey: string
  /** X25519 private key: base64 of the 32-byte scalar (RFC 7748 §5). */
  encryptionPrivateKey: string
  /** SM2 signing private key d, base64 of 32 bytes big-endian; present exactly when the record has SM2 keys. */
  sm2SigningPrivateKey?: string
  /** SM2 encryption private key d, base64 of 32 bytes big-endian. */
  sm2EncryptionPrivateKey?: string
}

/** An SM2 private key d drawn from `random` (again while outside [1, n − 2]) with its public key, both base64. */
function sm2PairFrom(random: RandomBytes): { privateKey: string; publicKey: string } {
  for (;;) {
    const d = random(32)
    try {
      return { privateKey: bytesToBase64(d), publicKey: bytesToBase64(sm2PublicKeyOf(d)) }
    } catch {
      // d = 0 or d ≥ n − 1 (probability about 2⁻³²): draw again
    }
  }
}

/** The SM2 public key of a base64 private key, base64; throws `bundle.keys-invalid` for anything else. */
function sm2PublicOf(privateKey: string): string {
  const d = base64ToBytes(privateKey, 32)
  if (!d) throw bundleError('bundle.keys-invalid', { detail: 'SM2 私钥不是 32 字节的规范 base64' })
  try {
    return bytesToBase64(sm2PublicKeyOf(d))
  } catch {
    throw bundleError('bundle.keys-invalid', { detail: 'SM2 私钥不在曲线阶的范围内' })
  }
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
  // drawn after the Ed25519/X25519 seeds, so a seeded source gives the same current-suite keys as before
  const sm2Signing = sm2PairFrom(random)
  const sm2Encryption = sm2PairFrom(random)
  const sm2 = { sm2SigningKey: sm2Signing.publicKey, sm2EncryptionKey: sm2Encryption.publicKey }
  const keys: OfficeKeys = {
    unitCode: input.unitCode,
    keyId: keyIdOf({ signingKey, encryptionKey }),
    createdAt: input.createdAt ?? new Date().toISOString(),
    ...(input.previousKeyId ? { previousKeyId: input.previousKeyId } : {}),
    signingKey,
    encryptionKey,
    sm2KeyId: sm2KeyIdOfRecord(sm2),
    ...sm2,
    signingPrivateKey: bytesToBase64(signingSeed),
    encryptionPrivateKey: bytesToBase64(encryptionSeed),
    sm2SigningPrivateKey: sm2Signing.privateKey,
    sm2EncryptionPrivateKey: sm2Encryption.privateKey,
  }
  return assertOfficeKeys(keys)
}

/** The public record of a key (what the unit directory and rotation announcements carry). */
export function publicKeyRecord(keys: OfficeKeyRecord): OfficeKeyRecord {
  const { unitCode, keyId, createdAt, previousKeyId, signingKey, encryptionKey } = keys
  return {
    unitCode,
    keyId,
    createdAt,
    ...(previousKeyId ? { previousKeyId } : {}),
    signingKey,
    encryptionKey,
    ...(hasSm2Keys(keys)
      ? { sm2KeyId: keys.sm2KeyId, sm2SigningKey: keys.sm2SigningKey, sm2EncryptionKey: keys.sm2EncryptionKey }
      : {}),
  }
}

/** What is wrong with a key record (schema, either key id), in Chinese, or null. */
export function keyRecordProblem(record: unknown): string | null {
  const parsed = officeKeyRecordSchema.safeParse(record)
  if (!parsed.success) return '密钥记录格式不对'
  try {
    if (keyIdOf(parsed.data) !== parsed.data.keyId) return '密钥编号与公钥不符'
  } catch {
    return '密钥编号与公钥不符'
  }
  return sm2RecordProblem(parsed.data)
}

/** Checks that the private keys belong to the public keys and both key ids are derived from them. */
export function assertOfficeKeys(keys: OfficeKeys): OfficeKeys {
  const problem = keyRecordProblem(publicKeyRecord(keys))
  if (problem) throw bundleError('bundle.keys-invalid', { detail: problem })
  if (
    rawPublicKey(privateKeyObject('ed25519', keys.signingPrivateKey)) !== keys.signingKey ||
    rawPublicKey(privateKeyObject('x25519', keys.encryptionPrivateKey)) !== keys.encryptionKey
  ) {
    throw bundleError('bundle.keys-invalid', { detail: '私钥与公钥不匹配' })
  }
  const privates = [keys.sm2SigningPrivateKey, keys.sm2EncryptionPrivateKey].filter((k) => k !== undefined)
  if (privates.length !== (hasSm2Keys(keys) ? 2 : 0)) {
    throw bundleError('bundle.keys-invalid', { detail: '国密私钥与公钥必须同时给出' })
  }
  if (
    hasSm2Keys(keys) &&
    (sm2PublicOf(keys.sm2SigningPrivateKey as string) !== keys.sm2SigningKey ||
      sm2PublicOf(keys.sm2EncryptionPrivateKey as string) !== keys.sm2EncryptionKey)
  ) {
    throw bundleError('bundle.keys-invalid', { detail: '国密私钥与公钥不匹配' })
  }
  return keys
}

// ---- sealing -------------------------------------------------------------------------------------------------

export const SEALED_KEYS_FORMAT = 'jiuzhu-office-keys'
/** What is written now (shared/util/kdf.ts); unsealing accepts only the sets on that closed list. */
export const KEY_SEAL_PARAMS: ScryptParams = KDF_POLICY['office-keys'].current
export const MIN_PASSPHRASE_CHARS = 8
const MAX_SEALED_CHARS = 16 * 1024

/**
 * Version 2 adds `headerSum`; version 3 carries the SM2 private keys (when the keys have them) and may be sealed with
 * SM4-GCM (`cipher.alg: "sm4-gcm"`). Versions 1 and 2 still open and are re-sealed as version 3 on the next unlock.
 */
const SEALED_KEYS_VERSION = 3

/** The ciphers a key file may be sealed with: the current suite's, or the 国密 one (docs/bundle-format.md §2.1). */
export const keySealCiphers = ['aes-256-gcm', 'sm4-gcm'] as const
export type KeySealCipher = (typeof keySealCiphers)[number]

interface SealedHeader extends OfficeKeyRecord {
  format: typeof SEALED_KEYS_FORMAT
  version: 1 | 2 | 3
  kdf: { alg: 'scrypt'; logN: number; r: number; p: number; salt: string }
  cipher: { alg: KeySealCipher; iv: string }
  /** Passphrase verifier: bytes 32–47 of the scrypt output, base64. Tells a wrong passphrase from a damaged body. */
  check: string
  /**
   * Version 2 and later: SHA-256 (base64) of the canonical JSON of every other header field. A salt, parameter or
   * verifier damaged into other valid bytes would otherwise read as a wrong passphrase; with it, it reads as a
   * damaged file. It detects damage only — anyone can recompute it; a deliberate change is stopped by the GCM tag
   * over the header (docs/security.md §1).
   */
  headerSum?: string
}

const SALT_BYTES = 16
const IV_BYTES = 12
const CHECK_BYTES = 16
const TAG_BYTES = 16

const scrypt64 = (passphrase: string, salt: Buffer, kdf: ScryptParams) =>
  deriveScrypt('office-keys', passphrase, salt, 64, kdf)

const headerAad = (header: SealedHeader) => Buffer.from(canonicalJson(header), 'utf8')

const headerSumOf = (fields: Record<string, unknown>) =>
  createHash('sha256').update(canonicalJson(fields), 'utf8').digest('base64')

/** GCM under the header's cipher: AES-256 with scrypt bytes 0–31, or SM4 with bytes 0–15. Output ‖ 16-byte tag. */
function sealBody(alg: KeySealCipher, derived: Buffer, iv: Buffer, aad: Buffer, plaintext: Buffer): Buffer {
  if (alg === 'sm4-gcm') {
    return Buffer.from(sm4GcmEncrypt({ key: derived.subarray(0, SM4_KEY_BYTES), iv, aad, plaintext }))
  }
  const cipher = createCipheriv('aes-256-gcm', derived.subarray(0, 32), iv)
  cipher.setAAD(aad)
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()])
}

/** Reverses {@link sealBody}; throws on any mismatch. */
function openBody(alg: KeySealCipher, derived: Buffer, iv: Buffer, aad: Buffer, body: Buffer): Buffer {
  if (body.length < TAG_BYTES + 1) throw new Error('short')
  if (alg === 'sm4-gcm') {
    return Buffer.from(sm4GcmDecrypt({ key: derived.subarray(0, SM4_KEY_BYTES), iv, aad, sealed: body }))
  }
  const decipher = createDecipheriv('aes-256-gcm', derived.subarray(0, 32), iv)
  decipher.setAAD(aad)
  decipher.setAuthTag(body.subarray(body.length - TAG_BYTES))
  return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()])
}

/**
 * Seals the private keys under a passphrase: scrypt (KEY_SEAL_PARAMS) derives 64 bytes — the GCM key (AES-256:
 * bytes 0–31; SM4: bytes 0–15) and a passphrase verifier (bytes 32–47); the public header, with its checksum, is
 * the GCM additional data. `cipher` is AES-256-GCM unless the office uses the 国密 suite. Returns canonical JSON text.
 */
export async function sealPrivateKeys(
  keys: OfficeKeys,
  passphrase: string,
  options: { cipher?: KeySealCipher } = {},
): Promise<string> {
  if (passphrase.length < MIN_PASSPHRASE_CHARS) {
    throw bundleError('bundle.keys-passphrase-too-short', { min: MIN_PASSPHRASE_CHARS })
  }
  assertOfficeKeys(keys)
  const alg = options.cipher ?? 'aes-256-gcm'
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
    cipher: { alg, iv: iv.toString('base64') },
    check: derived.subarray(32, 32 + CHECK_BYTES).toString('base64'),
  }
  const header: SealedHeader = { ...fields, headerSum: headerSumOf({ ...fields }) }
  const secret = Buffer.from(
    canonicalJson({
      encryptionPrivateKey: keys.encryptionPrivateKey,
      signingPrivateKey: keys.signingPrivateKey,
      ...(hasSm2Keys(keys)
        ? { sm2EncryptionPrivateKey: keys.sm2EncryptionPrivateKey, sm2SigningPrivateKey: keys.sm2SigningPrivateKey }
        : {}),
    }),
  )
  const sealed = sealBody(alg, derived, iv, headerAad(header), secret).toString('base64')
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
  if (o?.format !== SEALED_KEYS_FORMAT || (o.version !== 1 && o.version !== 2 && o.version !== 3)) {
    throw bundleError('bundle.keys-damaged', { detail: '不是本软件的密钥文件' })
  }
  const { format: _f, version, kdf, cipher, check, headerSum, sealed: body, ...record } = o
  // version 2 and later: the header's checksum first, so damaged parameters, salt or verifier read as damage (not
  // as a wrong passphrase) and nothing is derived from them
  if (version !== 1 && headerSum !== checksumOf(o)) {
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
  // SM4-GCM and SM2 keys came with version 3; an earlier version naming them was not written by this software
  const algOk = c?.alg === 'aes-256-gcm' || (c?.alg === 'sm4-gcm' && version === 3)
  const cipherOk = algOk && canonical(c.iv, IV_BYTES) && Object.keys(c).length === 2
  const sm2Ok = version === 3 || (rec.success && !hasSm2Keys(rec.data) && rec.data.sm2KeyId === undefined)
  if (!rec.success || !kdfOk || !cipherOk || !sm2Ok || !canonical(check, CHECK_BYTES) || typeof body !== 'string') {
    throw bundleError('bundle.keys-damaged', { detail: '字段不全或格式不对' })
  }
  const problem = keyRecordProblem(rec.data)
  if (problem) throw bundleError('bundle.keys-damaged', { detail: problem })
  const header: SealedHeader = {
    format: SEALED_KEYS_FORMAT,
    version: version as 1 | 2 | 3,
    ...rec.data,
    kdf: { alg: 'scrypt', logN: k.logN, r: k.r, p: k.p, salt: k.salt },
    cipher: { alg: c.alg, iv: c.iv },
    check,
    ...(version !== 1 ? { headerSum: headerSum as string } : {}),
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
 * True when a sealed key file is not in the current format — scrypt parameters other than KEY_SEAL_PARAMS, or a
 * version before 3 — and should be sealed again, under the same passphrase and cipher, after it next opens.
 */
export function sealNeedsUpgrade(sealed: string): boolean {
  const { header } = parseSealed(sealed)
  return header.version !== SEALED_KEYS_VERSION || !isCurrentScrypt('office-keys', header.kdf)
}

/** The public key record inside a sealed key file, readable without the passphrase. */
export function readSealedKeyRecord(sealed: string): OfficeKeyRecord {
  return publicKeyRecord(parseSealed(sealed).header)
}

/** The cipher a key file is sealed with, so that re-sealing it (new passphrase, upgrade) keeps it. */
export function readSealCipher(sealed: string): KeySealCipher {
  return parseSealed(sealed).header.cipher.alg
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
  let secret: Record<string, unknown>
  try {
    const plain = openBody(header.cipher.alg, derived, Buffer.from(header.cipher.iv, 'base64'), headerAad(header), body)
    secret = safeJsonParse(plain.toString('utf8'), { file: 'keys' }) as typeof secret
  } catch {
    throw bundleError('bundle.keys-damaged', { detail: '密文校验失败' })
  }
  const { signingPrivateKey, encryptionPrivateKey, sm2SigningPrivateKey, sm2EncryptionPrivateKey } = secret ?? {}
  const strings = [signingPrivateKey, encryptionPrivateKey, sm2SigningPrivateKey, sm2EncryptionPrivateKey]
  const sm2Wanted = hasSm2Keys(header)
  if (!strings.every((v, i) => typeof v === 'string' || (i >= 2 && v === undefined && !sm2Wanted))) {
    throw bundleError('bundle.keys-damaged', { detail: '私钥字段缺失' })
  }
  const keys: OfficeKeys = {
    ...publicKeyRecord(header),
    signingPrivateKey: signingPrivateKey as string,
    encryptionPrivateKey: encryptionPrivateKey as string,
    ...(sm2Wanted
      ? {
          sm2SigningPrivateKey: sm2SigningPrivateKey as string,
          sm2EncryptionPrivateKey: sm2EncryptionPrivateKey as string,
        }
      : {}),
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
  const sm2Problem = sm2RecordProblem(newPublic)
  if (sm2Problem) throw bundleError('bundle.keys-invalid', { detail: sm2Problem })
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
  if (r.next.keyId === oldPublic.keyId || sm2RecordProblem(r.next) !== null) return false
  const body = Buffer.from(canonicalJson(rotationBody(r.unitCode, r.previousKeyId, r.next)))
  return verifyWithContext(ROTATION_SIGNATURE_CONTEXT, body, r.signature, oldPublic.signingKey)
}
