import { kdf, sm2 } from 'sm-crypto-v2'
import { CodedError } from '../../errors/coded'
import { concatBytes, equalBytes, fromHex, requireLength, toHex } from './bytes'
import { requireSm2PrivateKey, requireSm2PublicKey, SM2_PUBLIC_KEY_BYTES } from './sm2key'
import { SM3_BYTES, sm3 } from './sm3'
import { SM4_KEY_BYTES } from './sm4gcm'

/** C1 (65) ‖ C3 (32) ‖ C2: the ciphertext layout of GB/T 35276-2017 §7.2 / GM/T 0009 (C1C3C2), not the C1C2C3 of 2012. */
const C1_BYTES = SM2_PUBLIC_KEY_BYTES
const C3_BYTES = SM3_BYTES
/** An SM2 envelope of one SM4 key: 65 + 32 + 16 bytes. */
export const SM2_ENVELOPE_BYTES = C1_BYTES + C3_BYTES + SM4_KEY_BYTES
/** SM2 public-key encryption is for keys and other short secrets; bulk data goes through SM4-GCM. */
const MAX_PLAINTEXT_BYTES = 1024

function failed(): CodedError {
  return new CodedError('crypto.gm-decrypt-failed')
}

/**
 * SM2 public-key encryption (GB/T 32918.4-2016 §6.1) with a fresh random k, written C1 ‖ C3 ‖ C2 with C1 uncompressed
 * (04 ‖ x1 ‖ y1). For short secrets (≤ 1 KiB).
 */
export function sm2Encrypt(plaintext: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  if (!(plaintext instanceof Uint8Array) || plaintext.length < 1 || plaintext.length > MAX_PLAINTEXT_BYTES) {
    throw new TypeError(`SM2 加密的明文须为 1–${MAX_PLAINTEXT_BYTES} 字节`)
  }
  requireSm2PublicKey(recipientPublicKey)
  // The library writes C1 as x1 ‖ y1 without the 04 prefix (sm-crypto's convention); add it back.
  const hex = sm2.doEncrypt(plaintext, toHex(recipientPublicKey), 1)
  return concatBytes(Uint8Array.of(4), fromHex(hex))
}

/**
 * Reverses {@link sm2Encrypt} (GB/T 32918.4-2016 §7.1), step by step on the library's curve arithmetic and KDF so
 * that every check of the standard is made: C1 on the curve (B1; @noble/curves refuses other points), t not all
 * zero (B4), and C3 = SM3(x2 ‖ M ‖ y2) compared in constant time (B6; the library compares hex strings). Any
 * failure is `crypto.gm-decrypt-failed`.
 */
export function sm2Decrypt(ciphertext: Uint8Array, privateKey: Uint8Array): Uint8Array {
  requireSm2PrivateKey(privateKey)
  if (!(ciphertext instanceof Uint8Array)) throw failed()
  const length = ciphertext.length - C1_BYTES - C3_BYTES
  if (length < 1 || length > MAX_PLAINTEXT_BYTES || ciphertext[0] !== 4) throw failed()
  const c1 = ciphertext.subarray(0, C1_BYTES)
  const c3 = ciphertext.subarray(C1_BYTES, C1_BYTES + C3_BYTES)
  const c2 = ciphertext.subarray(C1_BYTES + C3_BYTES)
  let point: Uint8Array
  try {
    point = sm2.ecdh(toHex(privateKey), toHex(c1), false)
  } catch {
    throw failed()
  }
  const x2 = point.subarray(1, 33)
  const y2 = point.subarray(33, 65)
  const t = kdf(concatBytes(x2, y2), length)
  if (t.every((b) => b === 0)) throw failed()
  const message = c2.map((b, i) => b ^ t[i])
  if (!equalBytes(sm3(concatBytes(x2, message, y2)), c3)) throw failed()
  return message
}

/** The digital envelope of one SM4 key to a recipient: SM2-encrypted, 113 bytes (docs/bundle-format.md §6.3). */
export function sealSm4Key(sm4Key: Uint8Array, recipientPublicKey: Uint8Array): Uint8Array {
  requireLength(sm4Key, SM4_KEY_BYTES, 'SM4 密钥')
  return sm2Encrypt(sm4Key, recipientPublicKey)
}

/** Opens {@link sealSm4Key}; anything but a 113-byte envelope that decrypts under this key is `crypto.gm-decrypt-failed`. */
export function openSm4Key(envelope: Uint8Array, privateKey: Uint8Array): Uint8Array {
  if (!(envelope instanceof Uint8Array) || envelope.length !== SM2_ENVELOPE_BYTES) throw failed()
  return sm2Decrypt(envelope, privateKey)
}
