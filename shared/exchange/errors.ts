import { CodedError } from '../errors/coded'
import { type ExchangeErrorCode, exchangeMessages } from '../errors/exchange'
import type { MessageParams } from '../errors/types'

/** A bundle failure as a CodedError with a 'bundle.*' code (docs/bundle-format.md §9). */
export function bundleError(code: ExchangeErrorCode, params: MessageParams = {}): CodedError {
  return new CodedError(code, params)
}

/** The 'bundle.*' code of a bundle failure, or null for anything else. */
export function bundleCodeOf(e: unknown): ExchangeErrorCode | null {
  if (!(e instanceof CodedError)) return null
  const code: string = e.code
  return Object.hasOwn(exchangeMessages, code) ? (code as ExchangeErrorCode) : null
}

/** True for a CodedError carrying one of the 'bundle.*' codes. */
export function isBundleError(e: unknown): e is CodedError {
  return bundleCodeOf(e) !== null
}

/** The Chinese text for a bundle failure; anything else is reported as an internal error. */
export function bundleErrorMessage(e: unknown): string {
  const code = bundleCodeOf(e)
  if (code) return exchangeMessages[code]((e as CodedError).params)
  return exchangeMessages['bundle.internal']({ detail: e instanceof Error ? e.message : String(e) })
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g

/**
 * Makes an untrusted name safe to show in a message: control and format characters become `\uXXXX`, and long
 * names are cut to `max` characters.
 */
export function displayName(raw: string, max = 60): string {
  const escaped = raw.replace(UNSAFE_CHARS, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
  return escaped.length > max ? `${escaped.slice(0, max)}…` : escaped
}
