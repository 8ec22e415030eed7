import { sm2 } from 'sm-crypto-v2'
import { fromHex, keyInvalid, requireLength, toHex } from './bytes'

/** Order n of the SM2 recommended curve (GB/T 32918.5-2017 §3, sm2p256v1). */
export const SM2_ORDER = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n
export const SM2_PRIVATE_KEY_BYTES = 32
/** Public keys are uncompressed points 04 ‖ x ‖ y (GB/T 32918.1-2016 §4.2.9), 65 bytes. */
export const SM2_PUBLIC_KEY_BYTES = 65

export interface Sm2KeyPair {
  /** d, 32 bytes big-endian, 1 ≤ d ≤ n − 2 (n − 1 has no (1 + d)⁻¹ for signing, GB/T 32918.2 §6.1). */
  privateKey: Uint8Array
  /** 04 ‖ x ‖ y, 65 bytes. */
  publicKey: Uint8Array
}

export function scalarOf(bytes: Uint8Array): bigint {
  return BigInt(`0x${toHex(bytes) || '0'}`)
}

/** Throws `crypto.gm-key-invalid` unless `privateKey` is 32 bytes with 1 ≤ d ≤ n − 2. */
export function requireSm2PrivateKey(privateKey: Uint8Array): void {
  requireLength(privateKey, SM2_PRIVATE_KEY_BYTES, 'SM2 私钥')
  const d = scalarOf(privateKey)
  if (d < 1n || d > SM2_ORDER - 2n) throw keyInvalid('SM2 私钥不在 [1, n−2] 范围内')
}

/** True for a 65-byte uncompressed point that lies on the SM2 curve (not the point at infinity). */
export function isSm2PublicKey(publicKey: Uint8Array): boolean {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== SM2_PUBLIC_KEY_BYTES || publicKey[0] !== 4) {
    return false
  }
  try {
    return sm2.verifyPublicKey(toHex(publicKey))
  } catch {
    return false
  }
}

/** Throws `crypto.gm-key-invalid` unless {@link isSm2PublicKey}. */
export function requireSm2PublicKey(publicKey: Uint8Array): void {
  if (!isSm2PublicKey(publicKey)) throw keyInvalid('SM2 公钥必须是曲线上的点，以 65 字节的未压缩形式（04 ‖ x ‖ y）给出')
}

/** The public key P = [d]G of a private key. */
export function sm2PublicKeyOf(privateKey: Uint8Array): Uint8Array {
  requireSm2PrivateKey(privateKey)
  return fromHex(sm2.getPublicKeyFromPrivateKey(toHex(privateKey)))
}

/** A fresh SM2 key pair from the platform's CSPRNG (crypto.getRandomValues, via @noble/curves). */
export function generateSm2KeyPair(): Sm2KeyPair {
  for (;;) {
    const pair = sm2.generateKeyPairHex()
    const privateKey = fromHex(pair.privateKey)
    const d = scalarOf(privateKey)
    // randomPrivateKey gives 1 ≤ d ≤ n − 1; d = n − 1 (probability 2⁻²⁵⁶) cannot sign, so draw again.
    if (d >= 1n && d <= SM2_ORDER - 2n) return { privateKey, publicKey: fromHex(pair.publicKey) }
  }
}
