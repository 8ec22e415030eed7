import { z } from 'zod'
import { DEFAULT_IDLE_LOCK_MINUTES, IDLE_LOCK_RANGE } from './accountPolicy'
import { departmentNamesSchema } from './departments'
import { officeProfileSchema } from './officeProfile'
import { REPORT_FORM_DEFAULT, reportFormSchema } from './reportForm'

/** Office settings an administrator may change, each with its schema and default. */
export const settingSchemas = {
  idleLockMinutes: z
    .number({ error: '请填写分钟数' })
    .int('请填写整数分钟')
    .min(IDLE_LOCK_RANGE.min, `不能少于 ${IDLE_LOCK_RANGE.min} 分钟`)
    .max(IDLE_LOCK_RANGE.max, `不能超过 ${IDLE_LOCK_RANGE.max} 分钟`),
  /** 统计报表的制表机关、表号和签署人 (reportForm.ts). */
  reportForm: reportFormSchema,
  /** 本院联系方式 (shared/domain/officeProfile.ts), printed on notices. */
  officeProfile: officeProfileSchema,
  /** 移送部门名称: the office's own names of the 统计表六 rows (shared/domain/departments.ts). */
  departmentNames: departmentNamesSchema,
} as const

export const settingDefaults: { [K in SettingKey]: z.infer<(typeof settingSchemas)[K]> } = {
  idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES,
  reportForm: REPORT_FORM_DEFAULT,
  officeProfile: {},
  departmentNames: {},
}

export type SettingKey = keyof typeof settingSchemas

export const updateSettingSchema = z.discriminatedUnion('key', [
  z.object({ key: z.literal('idleLockMinutes'), value: settingSchemas.idleLockMinutes }).strict(),
  z.object({ key: z.literal('reportForm'), value: settingSchemas.reportForm }).strict(),
  z.object({ key: z.literal('officeProfile'), value: settingSchemas.officeProfile }).strict(),
  z.object({ key: z.literal('departmentNames'), value: settingSchemas.departmentNames }).strict(),
])
