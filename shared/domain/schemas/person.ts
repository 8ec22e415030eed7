import { z } from 'zod'
import { type IdDocumentType, validateIdDocument } from '../identityDocuments'
import { storedRecord } from './base'
import { idTypes, priorityGroups, sexes } from './labels'
import { calendarDateSchema, regionCodeSchema, textSchema } from './primitives'

/** A place: GB/T 2260 region code plus the street address (户籍地, 经常居住地; docs/domain-reference.md §6). */
export const placeSchema = z
  .object({ regionCode: regionCodeSchema, address: z.string().trim().max(200, '地址不能超过 200 个字') })
  .strict()
export type Place = z.infer<typeof placeSchema>

/** The account assistance is paid into (docs/domain-reference.md §6 "bank account for payment"). */
export const bankAccountSchema = z
  .object({
    bank: textSchema(60, '开户银行'),
    accountName: textSchema(60, '户名'),
    accountNo: z.string({ error: '请填写账号' }).regex(/^\d{8,32}$/, '银行账号应为 8–32 位数字'),
  })
  .strict()
export type BankAccount = z.infer<typeof bankAccountSchema>

/**
 * An applicant, victim or payee (docs/domain-reference.md §6 "Applicant and beneficiary"). The ID number's check digit is
 * validated by the ID-card module in the command layer; here only its shape per document type.
 */
const personShape = {
  name: textSchema(50, '姓名'),
  sex: z.enum(sexes).optional(),
  birthDate: calendarDateSchema.optional(),
  idType: z.enum(idTypes),
  idNumber: z.string().trim().min(1, '请填写证件号码').max(40, '证件号码过长'),
  phone: z
    .string()
    .regex(/^[0-9+\-() ]{5,20}$/, '电话号码格式不正确')
    .optional(),
  household: placeSchema.optional(),
  residence: placeSchema.optional(),
  bankAccount: bankAccountSchema.optional(),
  priorityFlags: z.array(z.enum(priorityGroups)),
}

type PersonShape = z.infer<z.ZodObject<typeof personShape>>

function personProblems(p: PersonShape, ctx: z.RefinementCtx) {
  if (p.idType === 'resident-id' && !/^(\d{17}[\dX]|\d{15})$/.test(p.idNumber)) {
    ctx.addIssue({ code: 'custom', path: ['idNumber'], message: '居民身份证号码应为 18 位（末位可为 X）或 15 位数字' })
  }
  if (new Set(p.priorityFlags).size !== p.priorityFlags.length) {
    ctx.addIssue({ code: 'custom', path: ['priorityFlags'], message: '重点群体标记重复' })
  }
}

/**
 * An applicant, victim or payee (docs/domain-reference.md §6 "Applicant and beneficiary"). The stored shape checks the ID number's
 * form per document type; `personInputSchema` (what a user enters) also checks the check digit and real birth date.
 */
export const personSchema = storedRecord(personShape).superRefine(personProblems)
export type Person = z.infer<typeof personSchema>

/** Person-schema document types → the identity-document validators (shared/domain/identityDocuments.ts). */
const documentTypeOf = {
  'resident-id': 'resident',
  'hmt-residence-permit': 'hkmo-tw-residence',
  'foreign-permanent-residence': 'foreign-permanent',
  passport: 'passport',
  other: 'other',
} as const satisfies Record<(typeof idTypes)[number], IdDocumentType>

/**
 * A person as entered on a form: every field of the record, the ID number validated for its document type (GB
 * 11643 check digit, a real birth date not in the future …) and normalised (lower-case x → X, 15 → 18 digits).
 */
export const personInputSchema = z
  .object(personShape)
  .strict()
  .superRefine(personProblems)
  .transform((p, ctx) => {
    const r = validateIdDocument(documentTypeOf[p.idType], p.idNumber)
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: r.reason })
      return z.NEVER
    }
    const sex = r.sex ? (r.sex === 'M' ? 'male' : 'female') : p.sex
    return { ...p, idNumber: r.normalized, birthDate: r.birthDate ?? p.birthDate, ...(sex ? { sex } : {}) }
  })
export type PersonInput = z.input<typeof personInputSchema>
