import { sha256 } from '@noble/hashes/sha2.js'
import { base64ToBytes } from './base64'

/** An office's public keys as carried in manifests and the unit directory: base64 of the raw 32-byte keys. */
export interface OfficePublicKeys {
  keyId: string
  /** Ed25519 public key, base64 of the raw 32 bytes (RFC 8032). */
  signingKey: string
  /** X25519 public key, base64 of the raw 32 bytes (RFC 7748). */
  encryptionKey: string
}

/** Crockford base32 without I, L, O, U: nothing to confuse when read aloud or copied by hand. */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'
export const KEY_ID_PATTERN = /^[0-9A-HJKMNP-TV-Z]{20}$/
export const FINGERPRINT_PATTERN = /^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/

/** The first 100 bits of sha256(ed25519 ‖ x25519) as 20 Crockford base32 characters. */
function digest32(signingKey: string, encryptionKey: string): string {
  const ed = base64ToBytes(signingKey, 32)
  const x = base64ToBytes(encryptionKey, 32)
  if (!ed || !x) throw new TypeError('公钥必须是 32 字节的规范 base64')
  const joined = new Uint8Array(64)
  joined.set(ed, 0)
  joined.set(x, 32)
  return crockford100(sha256(joined))
}

/**
 * The first 100 bits of a digest (at least 13 bytes) as 20 Crockford base32 characters, most significant bit first:
 * the key id of both suites (docs/bundle-format.md §2; the 国密 key id in shared/crypto/gm/fingerprint.ts).
 */
export function crockford100(h: Uint8Array): string {
  if (h.length < 13) throw new TypeError('摘要至少需要 13 字节')
  let out = ''
  for (let i = 0; i < 20; i++) {
    const bit = i * 5
    const byte = bit >> 3
    const word = (h[byte] << 8) | h[byte + 1]
    out += CROCKFORD[(word >> (11 - (bit & 7))) & 31]
  }
  return out
}

/**
 * Key id of an office key pair: derived from the keys themselves (docs/bundle-format.md §2), so a manifest's
 * `sender.keyId` can be checked against the keys it carries and a directory lookup by key id is unambiguous.
 */
export function keyIdOf(keys: { signingKey: string; encryptionKey: string }): string {
  return digest32(keys.signingKey, keys.encryptionKey)
}

/**
 * The fingerprint read aloud over the phone when an office enrolls (docs/architecture.md §4 "confirmed by fingerprint over
 * the phone"): the 100-bit key id as four groups of five characters, e.g. `7K2QD-M9X4A-0BC3E-FGH5J`.
 */
export function fingerprint(keys: { signingKey: string; encryptionKey: string }): string {
  return formatFingerprint(keyIdOf(keys))
}

/** Key id → fingerprint groups (`ABCDE-FGHJK-…`), for display next to a stored key id. */
export function formatFingerprint(keyId: string): string {
  return keyId.match(/.{1,5}/g)?.join('-') ?? keyId
}
