import { bundleError } from './errors'
import { BUNDLE_LIMITS, type BundleLimits } from './limits'

/** Keys that can reach Object.prototype through a later merge or assignment (docs/security-reference.md §3.1). */
export const FORBIDDEN_JSON_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])

export type JsonLimits = Pick<BundleLimits, 'maxJsonDepth' | 'maxJsonStringChars' | 'maxJsonKeys'>

/**
 * Walks a parsed JSON value without recursion and returns the first problem (Chinese), or null. Refuses the keys
 * `__proto__`, `constructor` and `prototype` at any depth (also when written with \u escapes, since the check runs
 * on parsed keys), nesting deeper than `maxJsonDepth`, strings or keys longer than `maxJsonStringChars`, objects
 * with more than `maxJsonKeys` keys, and non-finite numbers (`1e999` parses as Infinity).
 */
export function jsonValueProblem(value: unknown, limits: JsonLimits = BUNDLE_LIMITS): string | null {
  const stack: [unknown, number][] = [[value, 1]]
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!
    if (typeof v === 'string') {
      if (v.length > limits.maxJsonStringChars) return `字符串超过 ${limits.maxJsonStringChars} 个字符`
      continue
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return '含有超出范围的数值'
      continue
    }
    if (v === null || typeof v !== 'object') continue
    if (depth > limits.maxJsonDepth) return `嵌套超过 ${limits.maxJsonDepth} 层`
    if (Array.isArray(v)) {
      for (const item of v) stack.push([item, depth + 1])
      continue
    }
    const keys = Object.keys(v)
    if (keys.length > limits.maxJsonKeys) return `对象的字段超过 ${limits.maxJsonKeys} 个`
    for (const k of keys) {
      if (FORBIDDEN_JSON_KEYS.has(k)) return `含有不允许的键名“${k}”`
      if (k.length > limits.maxJsonStringChars) return '键名过长'
      stack.push([(v as Record<string, unknown>)[k], depth + 1])
    }
  }
  return null
}

/**
 * JSON.parse for untrusted text, safe against prototype pollution and resource abuse (docs/security-reference.md §3.1):
 * refuses what {@link jsonValueProblem} refuses. Throws `bundle.bad-json` naming `file` and `line`.
 */
export function safeJsonParse(
  text: string,
  where: { file: string; line?: number } = { file: 'JSON' },
  limits: JsonLimits = BUNDLE_LIMITS,
): unknown {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw bundleError('bundle.bad-json', { ...where, detail: '不是有效的 JSON' })
  }
  const problem = jsonValueProblem(value, limits)
  if (problem) throw bundleError('bundle.bad-json', { ...where, detail: problem })
  return value
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Strict UTF-8 decoding: invalid sequences and a leading byte-order mark are refused. */
export function decodeUtf8Strict(bytes: Uint8Array, file: string): string {
  let text: string
  try {
    text = strictUtf8.decode(bytes)
  } catch {
    throw bundleError('bundle.bad-json', { file, detail: '不是有效的 UTF-8 编码' })
  }
  if (text.charCodeAt(0) === 0xfeff) throw bundleError('bundle.bad-json', { file, detail: '开头有字节顺序标记（BOM）' })
  return text
}
