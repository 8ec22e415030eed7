import { z } from 'zod'
import { DEFAULT_IDLE_LOCK_MINUTES, IDLE_LOCK_RANGE } from './accountPolicy'

/** Office settings an administrator may change, each with its schema and default. */
export const settingSchemas = {
  idleLockMinutes: z
    .number({ error: '请填写分钟数' })
    .int('请填写整数分钟')
    .min(IDLE_LOCK_RANGE.min, `不能少于 ${IDLE_LOCK_RANGE.min} 分钟`)
    .max(IDLE_LOCK_RANGE.max, `不能超过 ${IDLE_LOCK_RANGE.max} 分钟`),
} as const

export const settingDefaults: { [K in SettingKey]: z.infer<(typeof settingSchemas)[K]> } = {
  idleLockMinutes: DEFAULT_IDLE_LOCK_MINUTES,
}

export type SettingKey = keyof typeof settingSchemas

export const updateSettingSchema = z.discriminatedUnion('key', [
  z.object({ key: z.literal('idleLockMinutes'), value: settingSchemas.idleLockMinutes }).strict(),
])
