/**
 * 文号 of the documents this office numbers (docs/documents.md「文号」): per document type and per year, built from the
 * office's 单位简称 like the case number (shared/domain/caseNumber.ts) but with the document's own 代字, so that a
 * 文号 never reads like a case number: `朝检控救决〔2026〕1号` (救助决定书), `朝检控不救决〔2026〕1号` (不予救助决定书),
 * `朝检控不救告〔2026〕1号` (不予救助告知书). The year is the year of the document's date (a China-calendar date); the
 * suggested serial is one more than the highest serial this office has used for that type and year. The clerk may
 * type another number; the command layer refuses one another document of this office already bears.
 */
import type { ActionType } from './workflow/actions'

export const numberedDocuments = ['grant-decision', 'refusal-decision', 'refusal-notice'] as const
export type NumberedDocument = (typeof numberedDocuments)[number]

export const numberedDocumentLabels: Record<NumberedDocument, string> = {
  'grant-decision': '救助决定书',
  'refusal-decision': '不予救助决定书',
  'refusal-notice': '不予救助告知书',
}

/** The 代字 between the 单位简称 and the year (L: the exact 代字 for judicial assistance was not found, docs/documents.md). */
export const documentCodes: Record<NumberedDocument, string> = {
  'grant-decision': '控救决',
  'refusal-decision': '控不救决',
  'refusal-notice': '控不救告',
}

/** The workflow actions that issue a numbered document, and which one. */
const documentOfAction: Partial<Record<ActionType, NumberedDocument>> = {
  'decide-grant': 'grant-decision',
  'complete-advance-paperwork': 'grant-decision',
  'decide-refuse': 'refusal-decision',
  'refuse-out-of-scope': 'refusal-notice',
}

export function numberedDocumentOf(action: ActionType): NumberedDocument | undefined {
  return documentOfAction[action]
}

export interface DocumentNumberParts {
  type: NumberedDocument
  year: number
  serial: number
}

/** The year of a `YYYY-MM-DD` date (already a China-calendar date, shared/util/clock.ts `chinaDateOf`). */
export function documentYear(date: string): number {
  return Number(date.slice(0, 4))
}

/** Everything before the serial: `朝检控救决〔2026〕`. Numbers of one type and year share it (and sort under it). */
export function documentNumberPrefix(short: string, type: NumberedDocument, year: number): string {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError('年份不正确')
  return `${short}${documentCodes[type]}〔${year}〕`
}

export function formatDocumentNumber(short: string, parts: DocumentNumberParts): string {
  if (!Number.isInteger(parts.serial) || parts.serial < 1) throw new RangeError('文号序号必须是正整数')
  return `${documentNumberPrefix(short, parts.type, parts.year)}${parts.serial}号`
}

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * An existing 文号 read back as (type, year, serial) when it follows this office's pattern (spaces around it are
 * ignored); undefined for a number typed in another form (another office's, a legacy one), which then takes no part in
 * the suggestion but is still unique.
 */
export function parseDocumentNumber(short: string, text: string): DocumentNumberParts | undefined {
  const codes = numberedDocuments.map((t) => literal(documentCodes[t])).join('|')
  const m = new RegExp(`^${literal(short)}(${codes})〔(\\d{4})〕([1-9]\\d*)号$`).exec(text.trim())
  if (!m) return undefined
  const type = numberedDocuments.find((t) => documentCodes[t] === m[1])!
  return { type, year: Number(m[2]), serial: Number(m[3]) }
}

/** One more than the highest serial among `used` for this type and year (1 when none). */
export function nextDocumentSerial(
  short: string,
  type: NumberedDocument,
  year: number,
  used: Iterable<string>,
): number {
  let highest = 0
  for (const text of used) {
    const p = parseDocumentNumber(short, text)
    if (p && p.type === type && p.year === year && p.serial > highest) highest = p.serial
  }
  return highest + 1
}

/** The 文号 to offer for a document of `type` dated `date`, given the 文号 this office has already used. */
export function suggestDocumentNumber(
  short: string,
  type: NumberedDocument,
  date: string,
  used: Iterable<string>,
): string {
  const year = documentYear(date)
  return formatDocumentNumber(short, { type, year, serial: nextDocumentSerial(short, type, year, used) })
}

/**
 * The date a numbered document bears, for its year: the action's own date (不予救助告知书 at 不予救助（不符合条件）,
 * 补办先行救助手续), else today — 决定救助 and 决定不予救助 are dated the day they are made (workflow/review.ts).
 */
export function documentDateOf(action: object, today: string): string {
  const date = (action as { date?: unknown }).date
  return typeof date === 'string' && date ? date : today
}
