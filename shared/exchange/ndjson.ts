import { bundleError } from './errors'
import { BUNDLE_LIMITS, type BundleLimits } from './limits'
import { safeJsonParse } from './safeJson'

export type NdjsonLimits = Pick<
  BundleLimits,
  'maxLineChars' | 'maxJsonDepth' | 'maxJsonStringChars' | 'maxJsonKeys' | 'maxNdjsonLines'
>

const strictLine = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })
const LF = 0x0a

/**
 * Parses one NDJSON payload file (docs/bundle-format.md §5): strict UTF-8 without BOM, one JSON object per line,
 * lines separated by LF, an optional final LF, no empty lines, at most `maxLines` lines of at most `maxLineChars`
 * characters, every line through {@link safeJsonParse}. Returns the records in file order.
 *
 * The file is read line by line from its bytes: each line is decoded on its own (LF never occurs inside a UTF-8
 * sequence, so this is as strict as decoding the whole file) and only after its length is checked, so the largest
 * string ever built is one line (≤ `maxLineChars` characters), never the whole file — decoding an 80 MiB file at
 * once would build an 80–160 MB string beside the records (docs/reliability.md “数据包的内存放大”).
 */
export function parseNdjson(
  bytes: Uint8Array,
  maxLines: number,
  file = 'NDJSON',
  limits: NdjsonLimits = BUNDLE_LIMITS,
): Record<string, unknown>[] {
  if (bytes.length === 0) return []
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw bundleError('bundle.bad-json', { file, detail: '开头有字节顺序标记（BOM）' })
  }
  const end = bytes[bytes.length - 1] === LF ? bytes.length - 1 : bytes.length
  const cap = Math.min(maxLines, limits.maxNdjsonLines)
  // A UTF-8 sequence of n bytes is at most n UTF-16 units and at least n/3: lines are measured before decoding.
  const maxLineBytes = 3 * limits.maxLineChars
  const records: Record<string, unknown>[] = []
  let start = 0
  let line = 0
  while (start <= end) {
    let nl = bytes.indexOf(LF, start)
    if (nl < 0 || nl > end) nl = end
    line++
    if (line > cap) throw bundleError('bundle.too-large', { what: file, size: `超过 ${cap} 行`, limit: `${cap} 行` })
    const tooLong = () =>
      bundleError('bundle.bad-json', { file, line, detail: `一行超过 ${limits.maxLineChars} 个字符` })
    if (nl - start > maxLineBytes) throw tooLong()
    let lineText: string
    try {
      lineText = strictLine.decode(bytes.subarray(start, nl))
    } catch {
      throw bundleError('bundle.bad-json', { file, line, detail: '不是有效的 UTF-8 编码' })
    }
    if (lineText.length > limits.maxLineChars) throw tooLong()
    if (lineText.trim() === '') throw bundleError('bundle.bad-json', { file, line, detail: '空行' })
    const value = safeJsonParse(lineText, { file, line }, limits)
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw bundleError('bundle.bad-json', { file, line, detail: '每行必须是一个 JSON 对象' })
    }
    records.push(value as Record<string, unknown>)
    start = nl + 1
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
