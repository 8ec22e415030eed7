import { z } from 'zod'
import { RECORD_ID_PATTERN } from '../../util/recordId'
import { isValidDate } from '../dates'

/**
 * Field-level schemas shared by every record (design.md §3 data model principles). Messages are Chinese because
 * they reach the user through form validation and bundle-import reports.
 */

/**
 * A global record id any office can mint offline: `<6-digit unit code>-<ULID>` (design.md §3; minted by
 * shared/util/recordId.ts). The ULID's first character is 0–7 because its 48-bit time part cannot exceed 7ZZZZZZZZZ.
 */
export function isRecordId(value: unknown): value is string {
  return typeof value === 'string' && RECORD_ID_PATTERN.test(value) && value.charCodeAt(7) <= 0x37
}

export const recordIdSchema = z
  .string()
  .refine(isRecordId, '记录编号格式不正确（应为6位单位代码、连字符和26位字母数字编码）')

/** A procuratorate's own 6-digit unit code (domain.md §10.3: not the same as the GB/T 2260 region code). */
export const unitCodeSchema = z.string().regex(/^\d{6}$/, '单位代码必须是 6 位数字')

/** A GB/T 2260 administrative division code: 6 digits, not all zero (domain.md §10.3). */
export const regionCodeSchema = z
  .string()
  .regex(/^\d{6}$/, '行政区划代码必须是 6 位数字')
  .refine((s) => !s.startsWith('00'), '行政区划代码的省级部分不能为 00')

/** The id of a local user account (a record id minted by the office that created the account). */
export const userIdSchema = recordIdSchema

/** A calendar day 'YYYY-MM-DD' (China time), validated as a real date by dates.ts `isValidDate` (design.md §3). */
export const calendarDateSchema = z
  .string()
  .refine(isValidDate, '日期格式不正确或不是真实的日期（应写作“年-月-日”，例如 2026-03-04）')

/** An ISO-8601 UTC instant such as 2026-03-02T01:00:00.000Z (design.md §3). */
export const instantSchema = z.iso.datetime({
  message: '时间格式不正确（应为标准时间，例如 2026-03-02T01:00:00.000Z）',
})

/** Money in integer 分 (fen), zero allowed (design.md §3; domain.md §11 "do all arithmetic in integer 分"). */
export const fenSchema = z
  .number({ error: '金额必须是数字' })
  .int('金额必须是整数分')
  .nonnegative('金额不能为负数')
  .max(Number.MAX_SAFE_INTEGER, '金额过大')

/** Money in integer 分 that must be more than zero (ledger entries, donations, grants). */
export const positiveFenSchema = fenSchema.refine((n) => n > 0, '金额必须大于零')

/** A lowercase hex SHA-256 digest (audit chain, bundle manifests, document content). */
export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, '校验值必须是 64 位小写十六进制数字')

/** A required piece of text, trimmed, 1–`max` characters. */
export function textSchema(max: number, what = '内容') {
  return z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}不能超过 ${max} 个字`)
}

/** Free text for opinions, findings and notes (long but bounded, so a bundle cannot carry megabytes per field). */
export const noteSchema = textSchema(4000, '说明')
