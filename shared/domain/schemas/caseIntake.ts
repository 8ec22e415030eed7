import { z } from 'zod'
import {
  applicationForms,
  caseStages,
  caseStates,
  informMethods,
  materialItems,
  partyResponses,
  victimOutcomes,
} from './labels'
import {
  calendarDateSchema,
  fenSchema,
  noteSchema,
  recordIdSchema,
  textSchema,
  unitCodeSchema,
  userIdSchema,
} from './primitives'

/**
 * Case sub-records up to acceptance (docs/domain-reference.md §5 #0–#4, §6 "告知", "Materials checklist", "补正").
 */

/** 告知: who informed the party, how, when, and the party's answer (S7, S9; the 告知书 title is L). */
export const informingSchema = z
  .object({
    byName: textSchema(50, '告知人'),
    byUserId: userIdSchema.optional(),
    method: z.enum(informMethods),
    date: calendarDateSchema,
    response: z.enum(partyResponses),
    responseNote: noteSchema.optional(),
    noticeDocumentId: recordIdSchema.optional(),
  })
  .strict()
export type Informing = z.infer<typeof informingSchema>

/** The underlying case the hardship arises from (docs/domain-reference.md §3.1 R0a, §6 case header). */
export const underlyingCaseSchema = z
  .object({
    caseNo: textSchema(80, '原案件编号').optional(),
    charge: textSchema(60, '罪名或案由').optional(),
    stage: z.enum(caseStages).optional(),
    unitCode: unitCodeSchema.optional(),
  })
  .strict()
export type UnderlyingCase = z.infer<typeof underlyingCaseSchema>

/** What the victim suffered (docs/domain-reference.md §6 "Victim"; H, S7 for appraisal and medical bills). */
export const victimInfoSchema = z
  .object({
    outcomes: z.array(z.enum(victimOutcomes)).min(1, '请选择被害人遭受的损害'),
    disabilityGrade: z.number().int().min(1).max(10).optional(),
    propertyLossFen: fenSchema.optional(),
    medicalCostsFen: fenSchema.optional(),
    appraisalRef: textSchema(100, '鉴定意见编号').optional(),
  })
  .strict()
export type VictimInfo = z.infer<typeof victimInfoSchema>

/** KS starts without an application (依职权启动; 2018 campaign, S19/S20). */
export const exOfficioSchema = z.object({ date: calendarDateSchema, reason: noteSchema, by: userIdSchema }).strict()
export type ExOfficio = z.infer<typeof exOfficioSchema>

/** The application itself; its date is the case's `applicationDate` (S6, S7, S8). */
export const applicationSchema = z
  .object({
    form: z.enum(applicationForms),
    receivedBy: userIdSchema,
    receiptDocumentId: recordIdSchema.optional(),
  })
  .strict()
export type Application = z.infer<typeof applicationSchema>

/** One line of the materials checklist: received or not, when; `obtainedByOffice` when KS obtained it (S8). */
export const materialEntrySchema = z
  .object({
    item: z.enum(materialItems),
    received: z.boolean(),
    receivedDate: calendarDateSchema.optional(),
    obtainedByOffice: z.boolean().optional(),
    note: noteSchema.optional(),
  })
  .strict()
  .refine((m) => !m.received || m.receivedDate !== undefined, {
    path: ['receivedDate'],
    message: '已收取的材料须填写收取日期',
  })
export type MaterialEntry = z.infer<typeof materialEntrySchema>

/** 补正: notice within 5 working days, 30 days to supply, then deemed abandoned (S8). */
export const supplementSchema = z
  .object({
    noticeDate: calendarDateSchema,
    dueDate: calendarDateSchema,
    missingItems: z.array(z.enum(materialItems)).min(1, '请列明需要补正的材料'),
    requestedBy: userIdSchema,
    receivedDate: calendarDateSchema.optional(),
  })
  .strict()
export type Supplement = z.infer<typeof supplementSchema>

/** Withdrawal by the applicant (撤回; docs/domain-reference.md §5, L), remembering the state it left. */
export const withdrawalSchema = z
  .object({
    date: calendarDateSchema,
    reason: textSchema(500, '撤回原因'),
    by: userIdSchema,
    fromState: z.enum(caseStates),
  })
  .strict()
export type Withdrawal = z.infer<typeof withdrawalSchema>
