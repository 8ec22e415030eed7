import { sm2 } from 'sm-crypto-v2'
import { fromHex, requireLength, toHex } from './bytes'
import { isSm2PublicKey, requireSm2PublicKey, SM2_ORDER, scalarOf, sm2PublicKeyOf } from './sm2key'

/** The default distinguishing identifier of GB/T 35276-2017 §10 / GM/T 0009-2012 §10: ASCII "1234567812345678". */
export const SM2_DEFAULT_USER_ID = '1234567812345678'
/** Signatures are raw r ‖ s, 32 bytes each, big-endian: fixed length, one encoding (no DER variants). */
export const SM2_SIGNATURE_BYTES = 64

/**
 * Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) with the default user id (GB/T 32918.2-2016 §5.5):
 * what binds a signature to the signer's public key and the curve.
 */
export function sm2ZValue(publicKey: Uint8Array): Uint8Array {
  requireSm2PublicKey(publicKey)
  return sm2.getZ(toHex(publicKey), SM2_DEFAULT_USER_ID)
}

/**
 * SM2 signature (GB/T 32918.2-2016 §6.1) over raw message bytes: e = SM3(Z_A ‖ M) with the default user id, a fresh
 * random k. Verifies with `openssl pkeyutl -verify -rawin -digest sm3 -pkeyopt distid:1234567812345678` once
 * converted to DER.
 */
export function sm2Sign(message: Uint8Array, privateKey: Uint8Array): Uint8Array {
  if (!(message instanceof Uint8Array)) throw new TypeError('签名的消息必须是字节')
  const publicKey = sm2PublicKeyOf(privateKey)
  const hex = sm2.doSignature(message, toHex(privateKey), {
    hash: true,
    der: false,
    publicKey: toHex(publicKey),
    userId: SM2_DEFAULT_USER_ID,
  })
  const signature = fromHex(hex)
  requireLength(signature, SM2_SIGNATURE_BYTES, 'SM2 签名')
  return signature
}

/**
 * Verifies an SM2 signature (GB/T 32918.2-2016 §7.1) made with the default user id. False — never a throw — for a
 * signature of the wrong size, r or s outside [1, n − 1] (steps B1–B2: checked here, before any curve arithmetic —
 * the library leaves them to @noble/curves' scalar checks), a public key not on the curve, or a mismatch.
 */
export function sm2Verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
  if (!(message instanceof Uint8Array) || !(signature instanceof Uint8Array)) return false
  if (signature.length !== SM2_SIGNATURE_BYTES || !isSm2PublicKey(publicKey)) return false
  const r = scalarOf(signature.subarray(0, 32))
  const s = scalarOf(signature.subarray(32))
  if (r < 1n || r >= SM2_ORDER || s < 1n || s >= SM2_ORDER) return false
  try {
    return sm2.doVerifySignature(message, toHex(signature), toHex(publicKey), {
      hash: true,
      der: false,
      userId: SM2_DEFAULT_USER_ID,
    })
  } catch {
    return false
  }
}
