import { sm2Fingerprint, sm2KeyIdOf } from '../crypto/gm'
import { base64ToBytes } from './base64'

/** The 国密 half of a key record (docs/bundle-format.md §2.3): both SM2 public keys, base64 of 65 bytes, and their id. */
export interface Sm2PublicRecord {
  sm2KeyId?: string
  sm2SigningKey?: string
  sm2EncryptionKey?: string
}

export type WithSm2Keys<T> = T & Required<Sm2PublicRecord>

/** True when a record carries the 国密 pairs (all three fields). */
export function hasSm2Keys<T extends Sm2PublicRecord>(record: T): record is WithSm2Keys<T> {
  return record.sm2KeyId !== undefined && record.sm2SigningKey !== undefined && record.sm2EncryptionKey !== undefined
}

/** Both SM2 public keys as bytes, or null when either is missing or not canonical base64 of 65 bytes. */
export function sm2PublicKeysOf(record: Sm2PublicRecord): { signingKey: Uint8Array; encryptionKey: Uint8Array } | null {
  const signingKey = record.sm2SigningKey === undefined ? null : base64ToBytes(record.sm2SigningKey, 65)
  const encryptionKey = record.sm2EncryptionKey === undefined ? null : base64ToBytes(record.sm2EncryptionKey, 65)
  return signingKey && encryptionKey ? { signingKey, encryptionKey } : null
}

/** The 国密 key id of two SM2 public keys in base64 (first 100 bits of SM3 over both); throws on bad keys. */
export function sm2KeyIdOfRecord(record: { sm2SigningKey: string; sm2EncryptionKey: string }): string {
  const keys = sm2PublicKeysOf(record)
  if (!keys) throw new TypeError('SM2 公钥必须是 65 字节的规范 base64')
  return sm2KeyIdOf(keys)
}

/**
 * What is wrong with the 国密 half of a record, in Chinese, or null when it is absent or sound: the three fields
 * come together, both keys are points on the SM2 curve, and the id is derived from them.
 */
export function sm2RecordProblem(record: Sm2PublicRecord): string | null {
  const present = [record.sm2KeyId, record.sm2SigningKey, record.sm2EncryptionKey].filter((v) => v !== undefined)
  if (present.length === 0) return null
  if (present.length !== 3) return '国密公钥与其编号必须同时给出'
  try {
    if (sm2KeyIdOfRecord(record as Required<Sm2PublicRecord>) !== record.sm2KeyId) return '国密密钥编号与其公钥不符'
  } catch {
    return '国密公钥不是 SM2 曲线上的点'
  }
  return null
}

/** The 国密 fingerprint read aloud at enrollment (labelled 国密指纹), or null for a record without SM2 keys. */
export function sm2FingerprintOf(record: Sm2PublicRecord): string | null {
  const keys = sm2PublicKeysOf(record)
  if (!keys || !hasSm2Keys(record)) return null
  try {
    return sm2Fingerprint(keys)
  } catch {
    return null
  }
}
