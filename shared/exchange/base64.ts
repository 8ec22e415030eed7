/**
 * Canonical base64 (RFC 4648 §4, standard alphabet, with padding) for fixed-size binary fields, in pure code.
 * "Canonical" means the unused low bits of the last character are zero, so every byte string has exactly one
 * encoding (age and the bundle format both refuse other encodings: a flipped padding bit must not verify).
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Regex source for canonical base64 of exactly `n` bytes. */
export function base64PatternFor(n: number): RegExp {
  const full = Math.floor(n / 3) * 4
  const rest = n % 3
  if (rest === 0) return new RegExp(`^[A-Za-z0-9+/]{${full}}$`)
  // 1 leftover byte → 2 chars, the second with its low 4 bits zero; 2 bytes → 3 chars, the third with 2 low bits zero
  const last = rest === 1 ? '[AQgw]==' : '[AEIMQUYcgkosw048]='
  return new RegExp(`^[A-Za-z0-9+/]{${full + (rest === 1 ? 1 : 2)}}${last}$`)
}

/** Standard base64 with padding (always canonical), without Buffer so it works in shared code. */
export function bytesToBase64(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0
    out += ALPHABET[a >> 2] + ALPHABET[((a & 3) << 4) | (b >> 4)]
    out += i + 1 < bytes.length ? ALPHABET[((b & 15) << 2) | (c >> 6)] : '='
    out += i + 2 < bytes.length ? ALPHABET[c & 63] : '='
  }
  return out
}

/** Decodes canonical base64 of exactly `n` bytes, or returns null. */
export function base64ToBytes(text: string, n: number): Uint8Array | null {
  if (!base64PatternFor(n).test(text)) return null
  const out = new Uint8Array(n)
  let bits = 0
  let acc = 0
  let j = 0
  for (const ch of text) {
    if (ch === '=') break
    acc = (acc << 6) | ALPHABET.indexOf(ch)
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out[j++] = (acc >> bits) & 0xff
    }
  }
  return j === n ? out : null
}
