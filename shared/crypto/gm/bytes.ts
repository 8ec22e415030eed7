import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js'
import { CodedError } from '../../errors/coded'

/**
 * The seam between our byte-typed API and sm-crypto-v2, which speaks lowercase hex strings. Only the files in this
 * folder convert; nothing hex leaves it.
 */
export const toHex = bytesToHex
export const fromHex = hexToBytes

/** `crypto.gm-key-invalid` with what is wrong, for key material and sizes a caller got wrong. */
export function keyInvalid(detail: string): CodedError {
  return new CodedError('crypto.gm-key-invalid', { detail })
}

/** Throws `crypto.gm-key-invalid` unless `bytes` is a Uint8Array of exactly `length` bytes. */
export function requireLength(bytes: Uint8Array, length: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw keyInvalid(`${what}必须是 ${length} 字节（收到 ${bytes instanceof Uint8Array ? bytes.length : '非字节'}）`)
  }
}

/** Equality in time independent of where the inputs differ (tags, check values). */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i]
  return diff === 0
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}
