import { z } from 'zod'
import { roles } from './roles'
import { originDepartments } from './schemas/labels'

/** A local account as the administrator enters it (issue: users and roles). */
export const usernameSchema = z
  .string({ error: '请填写登录名' })
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, '登录名须以字母开头，3–32 位字母、数字、下划线、点或连字符')

export const userProfileSchema = z
  .object({
    displayName: z.string({ error: '请填写姓名' }).trim().min(2, '请填写姓名').max(20, '姓名不能超过 20 个字'),
    roles: z.array(z.enum(roles), { error: '请至少选择一个角色' }).min(1, '请至少选择一个角色').max(roles.length),
    department: z.string().trim().max(30, '部门名称不能超过 30 个字').optional(),
  })
  .strict()
  .superRefine((u, ctx) => {
    // a case department sees the clues it referred: its account names one of the departments a clue names
    if (u.roles.includes('case-dept-staff') && !(originDepartments as readonly string[]).includes(u.department ?? '')) {
      ctx.addIssue({ code: 'custom', path: ['department'], message: '办案部门人员须选择所在部门' })
    }
    if (new Set(u.roles).size !== u.roles.length) ctx.addIssue({ code: 'custom', path: ['roles'], message: '角色重复' })
  })

const passwordHash = z.string().min(20, '密码尚未处理，请重试').max(512)

export const createUserSchema = z
  .object({ username: usernameSchema, profile: userProfileSchema, passwordHash })
  .strict()

export const updateUserSchema = z.object({ id: z.string().min(1), profile: userProfileSchema }).strict()
export const setUserDisabledSchema = z
  .object({
    id: z.string().min(1),
    disabled: z.boolean(),
    reason: z.string().trim().min(2, '请填写停用或启用的原因').max(200),
  })
  .strict()
export const resetPasswordSchema = z.object({ id: z.string().min(1), passwordHash }).strict()
export const changeOwnPasswordSchema = z.object({ passwordHash }).strict()
/**
 * A sign-in attempt on the account tried. After a correct password for a hash with older scrypt parameters the
 * sign-in passes the new hash of the same password (docs/security.md §2), stored in the same command; never with a
 * failure.
 */
export const recordSignInSchema = z
  .object({ success: z.boolean(), passwordHash: passwordHash.optional() })
  .strict()
  .refine((v) => v.success || v.passwordHash === undefined, {
    path: ['passwordHash'],
    message: '登录失败时不能更新密码',
  })
