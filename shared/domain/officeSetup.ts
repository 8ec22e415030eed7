import { z } from 'zod'
import { auditHashAlgs } from '../audit/hashAlg'
import { officeProfileSchema } from './officeProfile'

/** 最高/省级/市级/基层 — the four levels of procuratorates (组织法 arts. 12–17; docs/domain-reference.md §10.2). */
export const unitLevels = ['supreme', 'province', 'city', 'basic'] as const
export type UnitLevel = (typeof unitLevels)[number]
export const unitLevelLabels: Record<UnitLevel, string> = {
  supreme: '最高人民检察院',
  province: '省级院',
  city: '市级院（分院）',
  basic: '基层院',
}

export const DEFAULT_CASE_NO_PATTERN = '{short}控救〔{year}〕{seq}号'

const unitCode = z
  .string({ error: '请填写单位代码' })
  .trim()
  .regex(/^\d{6}$/, '单位代码必须是 6 位数字，例如 110105')

/** First-run setup of this office: its identity and its first administrator (issue: foundation). */
export const officeSetupSchema = z
  .object({
    unit: z
      .object({
        name: z
          .string({ error: '请填写单位名称' })
          .trim()
          .min(2, '请填写单位全称，例如“北京市朝阳区人民检察院”')
          .max(60, '单位名称不能超过 60 个字'),
        shortName: z
          .string({ error: '请填写单位简称' })
          .trim()
          .min(1, '请填写单位简称，例如“朝检”')
          .max(12, '单位简称不能超过 12 个字'),
        code: unitCode,
        level: z.enum(unitLevels, { error: '请选择单位层级' }),
        parentCode: z.string().trim().optional(),
        parentName: z.string().trim().max(60, '上级单位名称不能超过 60 个字').optional(),
        regionCode: z
          .string()
          .trim()
          .regex(/^(\d{6})?$/, '行政区划代码必须是 6 位数字（可不填）')
          .optional(),
      })
      .strict()
      .superRefine((u, ctx) => {
        if (u.level === 'supreme') return
        if (!u.parentCode || !/^\d{6}$/.test(u.parentCode)) {
          ctx.addIssue({ code: 'custom', path: ['parentCode'], message: '请填写上级单位的 6 位单位代码' })
        } else if (u.parentCode === u.code) {
          ctx.addIssue({ code: 'custom', path: ['parentCode'], message: '上级单位代码不能与本单位代码相同' })
        }
        if (!u.parentName) ctx.addIssue({ code: 'custom', path: ['parentName'], message: '请填写上级单位名称' })
      }),
    admin: z
      .object({
        username: z
          .string({ error: '请填写登录名' })
          .trim()
          .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, '登录名须以字母开头，3–32 位字母、数字、下划线、点或连字符'),
        displayName: z
          .string({ error: '请填写姓名' })
          .trim()
          .min(2, '请填写管理员姓名')
          .max(20, '姓名不能超过 20 个字'),
        passwordHash: z.string().min(20, '密码尚未处理，请重试'),
      })
      .strict(),
    /** 本院联系方式, optional at setup. */
    profile: officeProfileSchema.optional(),
    /** 审计日志校验算法, chosen once (shared/audit/hashAlg.ts); SHA-256 when not given. */
    auditHash: z.enum(auditHashAlgs, { error: '请选择审计日志校验算法' }).optional(),
  })
  .strict()

export type OfficeSetupInput = z.input<typeof officeSetupSchema>
export type OfficeSetup = z.output<typeof officeSetupSchema>

/**
 * First-run setup in steps, each checked before the next (nothing is stored until the last): 本院信息 → 联系方式 →
 * 系统管理员 (whose password also seals the office's exchange key). `part`: the part of the input each step checks.
 */
export const setupSteps = [
  { title: '本院信息', part: 'unit' },
  { title: '联系方式', part: 'profile' },
  { title: '系统管理员与密钥口令', part: 'admin' },
] as const satisfies readonly { title: string; part: keyof OfficeSetupInput }[]

/** The schema each step checks: its part of the setup input. */
export const setupStepSchemas = {
  unit: officeSetupSchema.pick({ unit: true }),
  profile: officeSetupSchema.pick({ profile: true }),
  admin: officeSetupSchema.pick({ admin: true }),
}
