/**
 * Base64 (standard alphabet, padded) for bytes of any length crossing the IPC contract as JSON: picked files, scans,
 * backups, attached documents. Web-standard `btoa`/`atob` (in browsers and in Node), in chunks so a large file does
 * not overflow the argument list. Fixed-size binary fields of the bundle format (keys, nonces) use the canonical
 * codec in shared/exchange/base64.ts instead, which also refuses non-canonical encodings.
 */
export function encodeBase64(bytes: Uint8Array): string {
  let s = ''
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(s)
}

/** The bytes of base64 `text`; throws (DOMException InvalidCharacterError) on text that is not base64. */
export function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text)
  const out = new Uint8Array(s.length)
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i)
  return out
}

/** The bytes of base64 `text`, or undefined when it is not base64. */
export function decodeBase64OrUndefined(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return decodeBase64(text)
  } catch {
    return undefined
  }
}
