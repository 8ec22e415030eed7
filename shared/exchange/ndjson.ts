import { bundleError } from './errors'
import { BUNDLE_LIMITS, type BundleLimits } from './limits'
import { decodeUtf8Strict, safeJsonParse } from './safeJson'

export type NdjsonLimits = Pick<
  BundleLimits,
  'maxLineChars' | 'maxJsonDepth' | 'maxJsonStringChars' | 'maxJsonKeys' | 'maxNdjsonLines'
>

/**
 * Parses one NDJSON payload file (docs/bundle-format.md §5): strict UTF-8 without BOM, one JSON object per line,
 * lines separated by LF, an optional final LF, no empty lines, at most `maxLines` lines of at most `maxLineChars`
 * characters, every line through {@link safeJsonParse}. Returns the records in file order.
 */
export function parseNdjson(
  bytes: Uint8Array,
  maxLines: number,
  file = 'NDJSON',
  limits: NdjsonLimits = BUNDLE_LIMITS,
): Record<string, unknown>[] {
  const text = decodeUtf8Strict(bytes, file)
  if (text.length === 0) return []
  const body = text.endsWith('\n') ? text.slice(0, -1) : text
  const cap = Math.min(maxLines, limits.maxNdjsonLines)
  const records: Record<string, unknown>[] = []
  let start = 0
  let line = 0
  while (start <= body.length) {
    const nl = body.indexOf('\n', start)
    const end = nl < 0 ? body.length : nl
    line++
    if (line > cap) throw bundleError('bundle.too-large', { what: file, size: `超过 ${cap} 行`, limit: `${cap} 行` })
    if (end - start > limits.maxLineChars) {
      throw bundleError('bundle.bad-json', { file, line, detail: `一行超过 ${limits.maxLineChars} 个字符` })
    }
    const lineText = body.slice(start, end)
    if (lineText.trim() === '') throw bundleError('bundle.bad-json', { file, line, detail: '空行' })
    const value = safeJsonParse(lineText, { file, line }, limits)
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw bundleError('bundle.bad-json', { file, line, detail: '每行必须是一个 JSON 对象' })
    }
    records.push(value as Record<string, unknown>)
    start = end + 1
  }
  return records
}

/** Number of records in an NDJSON file as {@link parseNdjson} counts them, without parsing (for the packer). */
export function countNdjsonLines(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0
  let n = 0
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) n++
  return bytes[bytes.length - 1] === 0x0a ? n : n + 1
}

const encoder = new TextEncoder()

/** Writes records as NDJSON: one `JSON.stringify` per line, each followed by LF. */
export function toNdjson(records: readonly unknown[]): Uint8Array {
  return encoder.encode(records.map((r) => `${JSON.stringify(r)}\n`).join(''))
}
