import { z } from 'zod'
import { caseNumberPatternProblems } from '../caseNumber'
import { unitLevels } from '../officeSetup'
import { roles } from '../roles'
import { usernameSchema } from '../userAccount'
import { stampsShape } from './base'
import { instantSchema, recordIdSchema, regionCodeSchema, textSchema, unitCodeSchema } from './primitives'

/**
 * A procuratorate in the unit directory (docs/domain-reference.md §10.2–10.3). Keyed by its own 6-digit unit code, which is a
 * separate field from the GB/T 2260 region code it serves. Owned by itself (or, for directory entries, by the
 * office that sent the directory), so it carries change stamps but no `id`/`ownerUnit`.
 * `directoryOnly` marks an entry known only by code and name (e.g. the parent entered at first-run setup).
 */
export const unitSchema = z
  .object({
    code: unitCodeSchema,
    name: textSchema(60, '单位名称'),
    shortName: z.string().trim().max(12, '单位简称不能超过 12 个字'),
    level: z.enum(unitLevels),
    parentCode: unitCodeSchema.optional(),
    parentName: z.string().trim().max(60).optional(),
    regionCode: regionCodeSchema.optional(),
    caseNoPattern: z.string().superRefine((p, ctx) => {
      for (const message of caseNumberPatternProblems(p)) ctx.addIssue({ code: 'custom', message })
    }),
    directoryOnly: z.boolean().optional(),
    publicKey: z.string().min(1).max(4096).optional(),
    fingerprint: z.string().min(1).max(200).optional(),
    ...stampsShape,
  })
  .strict()
  .superRefine((u, ctx) => {
    if (u.directoryOnly) return
    if (!u.shortName) ctx.addIssue({ code: 'custom', path: ['shortName'], message: '请填写单位简称' })
    if (u.level !== 'supreme' && !u.parentCode) {
      ctx.addIssue({ code: 'custom', path: ['parentCode'], message: '除最高人民检察院外，须填写上级单位代码' })
    }
    if (u.level === 'supreme' && u.parentCode) {
      ctx.addIssue({ code: 'custom', path: ['parentCode'], message: '最高人民检察院没有上级单位' })
    }
    if (u.parentCode === u.code) {
      ctx.addIssue({ code: 'custom', path: ['parentCode'], message: '上级单位代码不能与本单位代码相同' })
    }
  })
export type Unit = z.infer<typeof unitSchema>

/**
 * A local user account (issue: users and roles). Office-local: keyed by a record id, scoped by `unitCode`, never
 * sent in upward bundles (the password hash stays on the PC).
 */
export const userSchema = z
  .object({
    id: recordIdSchema,
    unitCode: unitCodeSchema,
    username: usernameSchema,
    displayName: textSchema(20, '姓名'),
    roles: z.array(z.enum(roles)).max(roles.length),
    department: z.string().trim().max(30).optional(),
    passwordHash: z.string().min(20).max(512),
    disabled: z.boolean(),
    disabledReason: z.string().max(200).optional(),
    failedLogins: z.number().int().nonnegative(),
    lockedUntil: instantSchema.optional(),
    mustChangePassword: z.boolean(),
    ...stampsShape,
  })
  .strict()
  .refine((u) => new Set(u.roles).size === u.roles.length, { path: ['roles'], message: '角色重复' })
export type User = z.infer<typeof userSchema>
