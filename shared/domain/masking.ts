/**
 * 个人信息保护法 minimum necessary (docs/security.md §7): the one way an ID number or a bank account number is
 * shortened for a screen or an export that does not need it whole. An ID number keeps its first 4 and last 4
 * characters (3201**********1234: the province-city and the tail a caller reads back), a bank account its last 4
 * (****1234). Short values keep less, so that at least half of the value is always hidden.
 */
export type SensitiveField = 'idNumber' | 'bankAccount'

export const sensitiveFieldLabels: Record<SensitiveField, string> = {
  idNumber: '证件号码',
  bankAccount: '银行账号',
}

const MASK = '*'

/** How many characters of a value of `length` stay visible at the start and at the end. */
export function keptCharacters(field: SensitiveField, length: number): { head: number; tail: number } {
  const half = Math.floor(length / 2)
  if (field === 'bankAccount') return { head: 0, tail: Math.min(4, half) }
  const each = Math.min(4, Math.floor(half / 2))
  return { head: each, tail: each }
}

/**
 * The value with everything but the kept characters replaced by `*`: an ID number keeps its length, an account
 * number becomes `****` and its tail; '' stays ''.
 */
export function maskNumber(field: SensitiveField, value: string): string {
  const chars = [...value.replace(/\s+/g, '')]
  if (chars.length === 0) return ''
  const { head, tail } = keptCharacters(field, chars.length)
  // an account number's length says nothing the payee needs: a fixed-width mask
  if (field === 'bankAccount') return `${MASK.repeat(4)}${chars.slice(chars.length - tail).join('')}`
  return chars.map((c, i) => (i < head || i >= chars.length - tail ? c : MASK)).join('')
}

/** True when the text shows a masked number (the register's search and the tests tell masked from full). */
export function isMasked(value: string): boolean {
  return value.includes(MASK)
}
