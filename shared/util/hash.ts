import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { canonicalJson } from './canonicalJson'

/**
 * SHA-256 as lowercase hex, synchronous (pure JS) so it can run inside an IndexedDB transaction without letting
 * it auto-commit (awaiting crypto.subtle would), and the same in the renderer, in Node and in the CLI.
 */
export function sha256Hex(data: string | Uint8Array): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data))
}

export function hashOf(value: unknown): string {
  return sha256Hex(canonicalJson(value))
}
