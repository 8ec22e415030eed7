import { z } from 'zod'

/**
 * The form furniture of the statistics reports (issue 16, docs/reports.md §8a), kept as an office setting
 * (`reportForm`, 系统设置 → 统计报表表式与签署, administrator): the 制表机关 and 表号 printed under the title, and the
 * 单位负责人 / 审核人 / 填报人 / 联系电话 printed above the place for the seal. Blank names are left for signing by hand;
 * a blank 填报人 is the user who generates the report.
 */

const name = (label: string) => z.string().trim().max(50, `${label}不能超过 50 个字`)

export const reportFormSchema = z
  .object({
    /** 制表机关 */
    issuer: name('制表机关'),
    /** 表号 of each report (as the higher office's statistics rules number them). */
    formCodes: z
      .object({ stats: name('统计表表号'), payments: name('发放明细表表号'), timeliness: name('办案时限情况表表号') })
      .strict(),
    unitHead: name('单位负责人'),
    reviewer: name('审核人'),
    preparer: name('填报人'),
    /** 联系电话: digits with the usual separators, e.g. 0571-12345678 转 801. */
    phone: z
      .string()
      .trim()
      .max(30, '联系电话不能超过 30 个字符')
      .regex(/^[0-9\-－ ()（）转]*$/, '联系电话只能填写数字、短横线、括号和“转”'),
  })
  .strict()
export type ReportForm = z.infer<typeof reportFormSchema>

/**
 * Default: 制表机关 最高人民检察院 (the procuratorates' statistics forms are made by the 最高人民检察院's statistics
 * office; docs/reports.md §8a); no 表号 (the official numbers are not public: the office enters what its higher
 * office's statistics rules give); no names.
 */
export const REPORT_FORM_DEFAULT: ReportForm = {
  issuer: '最高人民检察院',
  formCodes: { stats: '', payments: '', timeliness: '' },
  unitHead: '',
  reviewer: '',
  preparer: '',
  phone: '',
}
