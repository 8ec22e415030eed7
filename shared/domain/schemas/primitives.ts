import { z } from 'zod'
import { RECORD_ID_PATTERN } from '../../util/recordId'
import { isValidDate } from '../dates'

/**
 * Field-level schemas shared by every record (docs/architecture.md §3 data model principles). Messages are Chinese because
 * they reach the user through form validation and bundle-import reports.
 */

/**
 * A global record id any office can mint offline: `<6-digit unit code>-<ULID>` (docs/architecture.md §3; minted by
 * shared/util/recordId.ts). The ULID's first character is 0–7 because its 48-bit time part cannot exceed 7ZZZZZZZZZ.
 */
export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && RECORD_ID_PATTERN.test(value) && value.charCodeAt(7) <= 0x37
}

export const recordIdSchema = z
  .string()
  .refine(isRecordId, '记录编号格式不正确（应为6位单位代码、连字符和26位字母数字编码）')

/** A procuratorate's own 6-digit unit code (docs/domain-reference.md §10.3: not the same as the GB/T 2260 region code). */
export const unitCodeSchema = z.string().regex(/^\d{6}$/, '单位代码必须是 6 位数字')

/** A GB/T 2260 administrative division code: 6 digits, not all zero (docs/domain-reference.md §10.3). */
export const regionCodeSchema = z
  .string()
  .regex(/^\d{6}$/, '行政区划代码必须是 6 位数字')
  .refine((s) => !s.startsWith('00'), '行政区划代码的省级部分不能为 00')

/** The id of a local user account (a record id minted by the office that created the account). */
export const userIdSchema = recordIdSchema

/** A calendar day 'YYYY-MM-DD' (China time), validated as a real date by dates.ts `isValidDate` (docs/architecture.md §3). */
export const calendarDateSchema = z
  .string()
  .refine(isValidDate, '日期格式不正确或不是真实的日期（应写作“年-月-日”，例如 2026-03-04）')

/** An ISO-8601 UTC instant such as 2026-03-02T01:00:00.000Z (docs/architecture.md §3). */
export const instantSchema = z.iso.datetime({
  message: '时间格式不正确（应为标准时间，例如 2026-03-02T01:00:00.000Z）',
})

/**
 * The largest single amount any record may carry: 10^10 分 = 1 亿元. No amount in this work comes near it — a grant
 * is capped at 36 months of the average wage (a few hundred thousand 元, more only with the 检察长's approval of
 * an over-cap case), and fund allocations, donations and ledger entries are per case or per batch. What the bound
 * buys is exact arithmetic: sums are plain JavaScript numbers, exact only up to 2^53 − 1 ≈ 9.007 × 10^15 分, so
 * with amounts up to 10^10 any 900 000 of them add up exactly — more entries than a province's ledger holds in
 * decades — where two amounts of 2^53 − 1 (allowed before) already summed past it and every total built on them
 * (balances, registers, statistics, the manifest's money totals) was silently wrong.
 */
export const MAX_AMOUNT_FEN = 10_000_000_000

/** Money in integer 分 (fen), zero allowed (docs/architecture.md §3; docs/domain-reference.md §11 "do all arithmetic in integer 分"). */
export const fenSchema = z
  .number({ error: '金额必须是数字' })
  .int('金额必须是整数分')
  .nonnegative('金额不能为负数')
  .max(MAX_AMOUNT_FEN, '金额过大：单笔金额不能超过 1 亿元')

/** Money in integer 分 that must be more than zero (ledger entries, donations, grants). */
export const positiveFenSchema = fenSchema.refine((n) => n > 0, '金额必须大于零')

/** A lowercase hex SHA-256 digest (audit chain, bundle manifests, document content). */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, '校验值必须是 64 位小写十六进制数字')

/**
 * What a piece of typed text must not contain, or null: control characters other than tab and line breaks (NUL
 * among them: it cuts strings short in C libraries, file names and some Excel readers), the bidirectional
 * embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069 (they make a name or a number display in
 * another order than it is stored — “Trojan source” — so a document, a register or a duplicate check would show
 * one thing and hold another), and lone UTF-16 surrogates (not characters at all: TextEncoder turns them into
 * U+FFFD, so the stored text, its hash and its exported copy would differ).
 */
export function textCharacterProblem(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 ? c !== 0x09 && c !== 0x0a && c !== 0x0d : c === 0x7f) {
      return c === 0 ? '不能含有空字符（NUL）' : '不能含有控制字符'
    }
    if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return '不能含有改变文字显示方向的控制字符（U+202A–U+202E、U+2066–U+2069）'
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++
        continue
      }
      return '含有无效的字符（不成对的代理项）'
    }
    if (c >= 0xdc00 && c <= 0xdfff) return '含有无效的字符（不成对的代理项）'
  }
  return null
}

/** A required piece of text, trimmed, 1–`max` characters, none of what {@link textCharacterProblem} refuses. */
export function textSchema(max: number, what = '内容') {
  return z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过 ${max} 个字`)
    .superRefine((s, ctx) => {
      const problem = textCharacterProblem(s)
      if (problem) ctx.addIssue({ code: 'custom', message: `${what}${problem}` })
    })
}

/** Free text for opinions, findings and notes (long but bounded, so a bundle cannot carry megabytes per field). */
export const noteSchema = textSchema(4000, '说明')
