/**
 * Entry names allowed in a bundle (docs/bundle-format.md §3). Names are checked twice: a generic safety check
 * for any zip entry (no path tricks), then the layer's allowlist.
 */
export const MANIFEST_ENTRY = 'manifest.json'
export const SIGNATURE_ENTRY = 'manifest.sig'
export const ENCRYPTED_PAYLOAD_ENTRY = 'payload.bin'
export const PLAIN_PAYLOAD_ENTRY = 'payload.zip'

/** One NDJSON file per table: `cases.ndjson`, `ledgerEntries.ndjson` … */
export const TABLE_FILE_PATTERN = /^[a-z][a-zA-Z]{1,40}\.ndjson$/
/** Attachment blobs named by record id: `attachments/110105-01HX…`. */
export const ATTACHMENT_FILE_PATTERN = /^attachments\/[0-9A-Z-]{10,64}$/
export const TABLE_NAME_PATTERN = /^[a-z][a-zA-Z]{1,40}$/
export const MAX_ENTRY_NAME_CHARS = 200

/**
 * Names that already exist on every JavaScript object (`constructor`, `toString`, `hasOwnProperty` …). A table
 * with such a name could shadow built-ins in careless consumer code, so it is refused outright.
 */
export function isReservedName(name: string): boolean {
  return name in Object.prototype || name === 'prototype' || name === '__proto__'
}

/**
 * Generic safety of a zip entry name, whatever the layer: printable ASCII only, bounded length, not absolute,
 * no drive letters, no backslashes, no `.`/`..` segments, no empty segments, no trailing slash (directories).
 * Returns a Chinese reason, or null when the name is safe.
 */
export function entryNameProblem(name: string): string | null {
  if (name.length === 0) return '文件名为空'
  if (name.length > MAX_ENTRY_NAME_CHARS) return '文件名过长'
  if (!/^[\x20-\x7e]+$/.test(name)) return '含有控制字符或非 ASCII 字符'
  if (name.includes('\\')) return '含有反斜杠'
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return '是绝对路径'
  const segments = name.split('/')
  if (segments.some((s) => s === '' || s === '.' || s === '..')) return '含有空路径段、“.”或“..”'
  return null
}

/** True for a payload file name of the allowlist (table NDJSON or attachment), excluding reserved table names. */
export function isPayloadFileName(name: string): boolean {
  if (ATTACHMENT_FILE_PATTERN.test(name)) return true
  return TABLE_FILE_PATTERN.test(name) && !isReservedName(tableNameOf(name) ?? '')
}

/** `cases.ndjson` → `cases`; null for attachments and anything else. */
export function tableNameOf(fileName: string): string | null {
  return TABLE_FILE_PATTERN.test(fileName) ? fileName.slice(0, -'.ndjson'.length) : null
}
