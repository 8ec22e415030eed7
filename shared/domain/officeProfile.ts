import { z } from 'zod'

/**
 * 本院联系方式 (docs/documents.md “本院联系方式”): what notices tell a party — the office's address, postcode and
 * telephone — and the bank account the office pays 救助金 from, named in the 领取通知书 when the money is
 * transferred. Every field is optional: asked at first-run setup, changed by an administrator in 系统设置.
 */

/** 固定电话 (区号-号码[-分机], 区号 3–4 位以 0 开头) or 手机 (11 位，1 开头). */
export const PHONE_PATTERN = /^(0\d{2,3}-?\d{7,8}(-\d{1,6})?|1[3-9]\d{9})$/
/** 邮政编码: 6 digits. */
export const POSTCODE_PATTERN = /^\d{6}$/

const optionalText = (max: number, what: string) => z.string().trim().max(max, `${what}不能超过 ${max} 个字`).optional()

export const officeProfileSchema = z
  .object({
    address: optionalText(80, '地址'),
    postcode: z.string().trim().regex(POSTCODE_PATTERN, '邮政编码应为 6 位数字，例如 100020').optional(),
    phone: z
      .string()
      .trim()
      .regex(PHONE_PATTERN, '联系电话应为固定电话（区号-号码，例如 010-65551234）或 11 位手机号码')
      .optional(),
    bankName: optionalText(40, '开户银行'),
    bankAccountName: optionalText(60, '账户名称'),
    bankAccountNo: z
      .string()
      .trim()
      .regex(/^\d{8,30}$/, '银行账号应为 8–30 位数字（不含空格）')
      .optional(),
  })
  .strict()

export type OfficeProfile = z.infer<typeof officeProfileSchema>

/** The form's values with empty fields dropped (an empty input means “not given”, not an invalid value). */
export function profileFromForm(values: Partial<Record<keyof OfficeProfile, string | undefined>>): OfficeProfile {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(values)) {
    const t = typeof v === 'string' ? v.trim().replace(/\s+/g, k === 'bankAccountNo' ? '' : ' ') : ''
    if (t) out[k] = t
  }
  return out as OfficeProfile
}
