import { z } from 'zod'
import { storedRecord } from './base'
import { followUpMethods, referralKinds } from './labels'
import {
  calendarDateSchema,
  noteSchema,
  recordIdSchema,
  regionCodeSchema,
  sha256HexSchema,
  textSchema,
  userIdSchema,
} from './primitives'

/** 多元救助: a referral to a partner agency, usually at the 户籍所在地 (docs/domain-reference.md §6, §10.1; S24). */
export const referralSchema = storedRecord({
  caseId: recordIdSchema,
  kind: z.enum(referralKinds),
  partnerAgency: textSchema(100, '承接单位'),
  regionCode: regionCodeSchema.optional(),
  date: calendarDateSchema,
  outcome: noteSchema.optional(),
  outcomeDate: calendarDateSchema.optional(),
})
export type Referral = z.infer<typeof referralSchema>

/** 回访: a follow-up visit after payment (回访台账; H, S33). */
export const followUpSchema = storedRecord({
  caseId: recordIdSchema,
  date: calendarDateSchema,
  method: z.enum(followUpMethods),
  byUserId: userIdSchema,
  findings: noteSchema,
  furtherNeeds: noteSchema.optional(),
  /** 历史导入: brought in from a 回访台账 (docs/legacy-import.md §2b), with the import, file and row. */
  legacyImport: z
    .object({
      importId: recordIdSchema,
      fileName: textSchema(200, '文件名'),
      fileSha256: sha256HexSchema,
      row: z.number().int().positive(),
    })
    .strict()
    .optional(),
})
export type FollowUp = z.infer<typeof followUpSchema>
