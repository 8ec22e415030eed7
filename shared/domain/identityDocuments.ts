import type { MessageParams } from '../errors/types'
import { type ValidationCode, validationMessage } from '../errors/validation'
import { checkGb11643Structure, type Gb11643Failure, type IdCardCode, parseResidentId, type Sex } from './idcard'

/**
 * Identity documents an applicant or beneficiary may present (docs/domain-reference.md §6 "ID type", §10.4: ID cards, 港澳台居民
 * 居住证, foreigners' permanent residence IDs, passports — L for everything beyond the resident ID).
 */
export const idDocumentTypes = [
  'resident',
  'hkmo-tw-residence',
  'foreign-permanent',
  'passport',
  'hkmo-pass',
  'tw-pass',
  'other',
] as const

export type IdDocumentType = (typeof idDocumentTypes)[number]

/** Chinese names of the document types, for lists and messages. */
export const idDocumentTypeLabels = {
  resident: '居民身份证',
  'hkmo-tw-residence': '港澳台居民居住证',
  'foreign-permanent': '外国人永久居留身份证',
  passport: '护照',
  'hkmo-pass': '港澳居民来往内地通行证',
  'tw-pass': '台湾居民来往大陆通行证',
  other: '其他证件',
} as const satisfies Record<IdDocumentType, string>

export type IdDocCode = Extract<ValidationCode, `iddoc.${string}`>

export type IdDocumentResult =
  | { ok: true; normalized: string; birthDate?: string; sex?: Sex }
  | { ok: false; code: IdDocCode | IdCardCode; reason: string }

/** Longest number accepted for 'other' documents. */
export const OTHER_DOCUMENT_MAX_LENGTH = 50

type Validator = (s: string, doc: string, today?: string) => IdDocumentResult

function fail(code: IdDocCode, params: MessageParams): IdDocumentResult {
  return { ok: false, code, reason: validationMessage(code, params) }
}

const failureCodes: Record<Gb11643Failure, IdDocCode> = {
  chars: 'iddoc.format',
  date: 'iddoc.date',
  future: 'iddoc.future',
  check: 'iddoc.check',
}

/** Runs the GB 11643 structure check and maps a failure to an iddoc.* code. */
function gb11643(s: string, doc: string, today: string | undefined): IdDocumentResult {
  const r = checkGb11643Structure(s, today)
  if (r.ok) return { ok: true, normalized: s, birthDate: r.birthDate, sex: r.sex }
  return fail(failureCodes[r.failure], {
    doc,
    date: r.date,
    today: today ?? '',
    rule: '前 17 位为数字，最后一位为数字或 X',
  })
}

/**
 * 港澳台居民居住证 (2018): 18 characters, address code 810000 (香港), 820000 (澳门) or 830000 (台湾), then birth date,
 * sequence and a GB 11643 check character (docs/domain-reference.md §10.4: prefixes 81/82/83, M; the exact 6-digit codes and the
 * shared check algorithm, L from background knowledge of the 2018 国务院办公厅 measures).
 */
const residencePermit: Validator = (s, doc, today) => {
  if (/[^0-9X]/.test(s)) return fail('iddoc.format', { doc, rule: '只能由数字组成，最后一位可以是 X' })
  if (s.length !== 18) return fail('iddoc.length', { doc, expected: '18 位', length: s.length })
  if (!['810000', '820000', '830000'].includes(s.slice(0, 6))) {
    return fail('iddoc.prefix', { doc, expected: '810000（香港）、820000（澳门）或 830000（台湾）' })
  }
  return gb11643(s, doc, today)
}

/**
 * 外国人永久居留身份证: the 2017 card keeps the older 15-character number (3-letter nationality code + 12 digits;
 * format check only, L) and the 2023 card has 18 characters starting with 9 (9 + 2-digit province of acceptance +
 * 3-digit nationality code + YYYYMMDD + 3-digit sequence + GB 11643 check character; L, background knowledge of the
 * 国家移民管理局 announcement of 2023, not seen in a source).
 */
const foreignPermanent: Validator = (s, doc, today) => {
  if (/^[A-Z]{3}\d{12}$/.test(s)) return { ok: true, normalized: s }
  if (s.length === 18 && /^\d{17}[\dX]$/.test(s)) {
    if (!s.startsWith('9')) return fail('iddoc.prefix', { doc, expected: '9（2023 年版 18 位号码）' })
    return gb11643(s, doc, today)
  }
  if (s.length === 15 || s.length === 18) {
    return fail('iddoc.format', {
      doc,
      rule: '15 位号码为 3 位字母加 12 位数字，18 位号码为以 9 开头的数字（末位可为 X）',
    })
  }
  return fail('iddoc.length', { doc, expected: '15 位（旧版）或 18 位（2023 年版）', length: s.length })
}

/** A pattern-only check: illegal characters, length, then the full pattern with its rule text. */
function patternValidator(allowed: RegExp, lengths: readonly number[], full: RegExp, rule: string): Validator {
  return (s, doc) => {
    if (!allowed.test(s)) return fail('iddoc.format', { doc, rule })
    if (!lengths.includes(s.length)) {
      const expected = lengths.length > 2 ? `${lengths[0]} 至 ${lengths.at(-1)} 位` : `${lengths.join(' 或 ')} 位`
      return fail('iddoc.length', { doc, expected, length: s.length })
    }
    return full.test(s) ? { ok: true, normalized: s } : fail('iddoc.format', { doc, rule })
  }
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

/** Passports: letters and digits only, 5–17 characters (format check only; issuing-country rules vary, L). */
const passport = patternValidator(/^[A-Z0-9]+$/, range(5, 17), /^[A-Z0-9]{5,17}$/, '只能由字母和数字组成')

/** 港澳居民来往内地通行证 (回乡证): H (香港) or M (澳门) + 8 digits, or + 10 digits on older cards (L). */
const hkmoPass = patternValidator(
  /^[A-Z0-9]+$/,
  [9, 11],
  /^[HM](\d{8}|\d{10})$/,
  '以字母 H（香港居民）或 M（澳门居民）开头，后接 8 位或 10 位数字',
)

/** 台湾居民来往大陆通行证 (台胞证, 2015 card): 8 digits (L). */
const twPass = patternValidator(/^\d+$/, [8], /^\d{8}$/, '只能由数字组成')

/** Other documents: any printable text up to 50 characters; the number is kept as typed (trimmed). */
const other: Validator = (s) => {
  if (s.length > OTHER_DOCUMENT_MAX_LENGTH) return fail('iddoc.too-long', { max: OTHER_DOCUMENT_MAX_LENGTH })
  if (/\p{Cc}/u.test(s)) return fail('iddoc.format', { doc: idDocumentTypeLabels.other, rule: '不能包含控制字符' })
  return { ok: true, normalized: s }
}

const validators: Record<Exclude<IdDocumentType, 'resident'>, Validator> = {
  'hkmo-tw-residence': residencePermit,
  'foreign-permanent': foreignPermanent,
  passport,
  'hkmo-pass': hkmoPass,
  'tw-pass': twPass,
  other,
}

/** True for one of the document types above (data read from storage or a bundle may carry anything). */
export function isIdDocumentType(value: unknown): value is IdDocumentType {
  return typeof value === 'string' && (idDocumentTypes as readonly string[]).includes(value)
}

/**
 * Validates an identity-document number for the chosen document type and returns its normalised form (trimmed,
 * letters upper-cased except for 'other'), plus birth date and sex when the number encodes them (GB 11643
 * structures). 'resident' delegates to parseResidentId (docs/domain-reference.md §10.4, H; its failures keep their idcard.* codes);
 * the other types follow the rules documented on each validator (M/L). Throws RangeError only for an invalid `today`.
 */
export function validateIdDocument(type: IdDocumentType, number: string, today?: string): IdDocumentResult {
  if (!isIdDocumentType(type)) return fail('iddoc.unknown-type', { type: String(type) })
  if (type === 'resident') {
    const r = parseResidentId(number, today)
    return r.ok ? { ok: true, normalized: r.id, birthDate: r.birthDate, sex: r.sex } : r
  }
  const doc = idDocumentTypeLabels[type]
  const trimmed = number.trim()
  if (trimmed === '') return fail('iddoc.empty', { doc })
  return validators[type](type === 'other' ? trimmed : trimmed.toUpperCase(), doc, today)
}
