import { type ValidationCode, validationMessage } from '../errors/validation'
import { compareDates, isValidDate } from './dates'

/**
 * 居民身份证号码 (GB 11643-1999, docs/domain-reference.md §10.4, confidence H via S26): 6-digit address code + 8-digit birth date
 * YYYYMMDD + 3-digit sequence (odd = male, even = female) + 1 check character (ISO 7064 MOD 11-2).
 */

export type Sex = 'M' | 'F'

export type IdCardCode = Extract<ValidationCode, `idcard.${string}`>

export type ResidentIdResult =
  | { ok: true; id: string; birthDate: string; sex: Sex; regionCode: string }
  | { ok: false; code: IdCardCode; reason: string }

/** W_i = 2^(18−i) mod 11, i = 1..17 (GB 11643-1999 §7, ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const
/** Check character for r = S mod 11, r = 0..10. */
const CHECK_CHARS = '10X98765432'

/** Earliest birth year accepted: no living person, or plausible record, was born before it. */
export const EARLIEST_BIRTH_YEAR = 1850
/** Latest birth year accepted when the caller does not pass today's date. */
export const LATEST_BIRTH_YEAR_WITHOUT_TODAY = 2099

/**
 * GB/T 2260 province-level codes used as the first two digits of a resident ID: 11–15, 21–23, 31–37, 41–46,
 * 50–54, 61–65 and 71 (台湾省, listed in GB/T 2260). 81/82/83 are handled separately: they mark 港澳台居民居住证.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set(
  [
    [11, 15],
    [21, 23],
    [31, 37],
    [41, 46],
    [50, 54],
    [61, 65],
    [71, 71],
  ].flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String(from + i))),
)

/** Address-code prefixes of 港澳台居民居住证 (香港 81, 澳门 82, 台湾 83). */
export const RESIDENCE_PERMIT_PREFIXES = ['81', '82', '83'] as const

/**
 * The check character of an 18-character ID from its first 17 digits: S = Σ a_i × W_i, r = S mod 11,
 * '10X98765432'[r] (GB 11643-1999, ISO 7064 MOD 11-2; docs/domain-reference.md §10.4, H). Throws RangeError unless 17 digits.
 */
export function residentIdCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`需要 17 位数字，收到“${first17}”`)
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK_CHARS[sum % 11]!
}

/** Why an 18-character GB 11643 number failed; the caller maps it to its own message code. */
export type Gb11643Failure = 'chars' | 'date' | 'future' | 'check'

export type Gb11643Result =
  | { ok: true; birthDate: string; sex: Sex }
  | { ok: false; failure: Gb11643Failure; date: string }

/**
 * Checks the common structure shared by 居民身份证, 港澳台居民居住证 and the 2023 外国人永久居留身份证: 17 digits + check
 * character (already upper-case), a real birth date at positions 7–14 from 1850 on and not after `today` (or, with
 * no `today`, not after 2099), and the MOD 11-2 check character. Sex comes from the parity of position 17.
 * Source: GB 11643-1999 (docs/domain-reference.md §10.4, H). Throws RangeError when `today` is given but is not a valid date.
 */
export function checkGb11643Structure(id18: string, today?: string): Gb11643Result {
  if (today !== undefined && !isValidDate(today))
    throw new RangeError(validationMessage('date.invalid', { value: today }))
  const birth = `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`
  if (!/^\d{17}[\dX]$/.test(id18)) return { ok: false, failure: 'chars', date: birth }
  const year = Number(id18.slice(6, 10))
  if (!isValidDate(birth) || year < EARLIEST_BIRTH_YEAR) return { ok: false, failure: 'date', date: birth }
  if (today !== undefined ? compareDates(birth, today) > 0 : year > LATEST_BIRTH_YEAR_WITHOUT_TODAY) {
    return { ok: false, failure: today !== undefined ? 'future' : 'date', date: birth }
  }
  if (residentIdCheckChar(id18.slice(0, 17)) !== id18[17]) return { ok: false, failure: 'check', date: birth }
  return { ok: true, birthDate: birth, sex: Number(id18[16]) % 2 === 1 ? 'M' : 'F' }
}

function fail(code: IdCardCode, params: Record<string, string | number> = {}): ResidentIdResult {
  return { ok: false, code, reason: validationMessage(code, params) }
}

/**
 * Parses and validates a 居民身份证号码 (GB 11643-1999; docs/domain-reference.md §10.4, H). Surrounding whitespace is trimmed and a
 * lower-case x is normalised to X. A 15-digit legacy number (6 region + YYMMDD + 3 sequence) is converted to 18
 * digits by inserting '19' before the year and appending the computed check character (docs/domain-reference.md §10.4, H).
 * Checks, in order: empty, illegal characters, length, province prefix (81/82/83 → 港澳台居民居住证), real birth date
 * (1850–2099), not after `today` when given, check character. The reason never reveals the expected check
 * character. Throws RangeError only when `today` is given and invalid.
 */
export function parseResidentId(input: string, today?: string): ResidentIdResult {
  const s = input.trim().replace(/x/g, 'X')
  if (s === '') return fail('idcard.empty')
  if (/[^0-9X]/.test(s)) return fail('idcard.chars')
  if (s.length !== 18 && s.length !== 15) return fail('idcard.length', { length: s.length })
  if (s.slice(0, -1).includes('X') || (s.length === 15 && s.endsWith('X'))) return fail('idcard.chars')
  const prefix = s.slice(0, 2)
  if (s.length === 18 && (RESIDENCE_PERMIT_PREFIXES as readonly string[]).includes(prefix)) {
    return fail('idcard.residence-permit', { prefix })
  }
  if (!PROVINCE_CODES.has(prefix)) return fail('idcard.region', { prefix })
  const id =
    s.length === 18 ? s : `${s.slice(0, 6)}19${s.slice(6)}${residentIdCheckChar(`${s.slice(0, 6)}19${s.slice(6)}`)}`
  const r = checkGb11643Structure(id, today)
  if (!r.ok) {
    if (r.failure === 'future') return fail('idcard.future', { date: r.date, today: today ?? '' })
    return fail(r.failure === 'check' ? 'idcard.check' : r.failure === 'date' ? 'idcard.date' : 'idcard.chars', {
      date: r.date,
    })
  }
  return { ok: true, id, birthDate: r.birthDate, sex: r.sex, regionCode: id.slice(0, 6) }
}

/** True when parseResidentId accepts the text (no `today`: birth dates up to 2099 pass). */
export function isValidResidentId(input: string): boolean {
  return parseResidentId(input).ok
}
