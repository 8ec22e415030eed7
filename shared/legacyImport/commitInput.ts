import { z } from 'zod'
import { followUpMethods, fundSources, paymentMethods } from '../domain/schemas/moneyLabels'
import {
  calendarDateSchema,
  positiveFenSchema,
  recordIdSchema,
  sha256HexSchema,
  textSchema,
} from '../domain/schemas/primitives'
import type { RegisterKind } from './kinds'

/** A checked row as the commit command receives it (shared/legacyImport/rows.ts `LegacyCaseFacts`). */
const party = z.object({ name: textSchema(50, '姓名'), idNumber: z.string().regex(/^\d{17}[\dX]$/) }).strict()

export const legacyCaseFactsSchema = z
  .object({
    row: z.number().int().positive(),
    applicant: party,
    victim: party.optional(),
    underlyingCaseNo: textSchema(80, '原案件编号'),
    charge: textSchema(60, '案由').optional(),
    caseNo: textSchema(60, '救助案件编号').optional(),
    documentNo: textSchema(60, '决定书文号').optional(),
    decisionDate: calendarDateSchema,
    amountFen: positiveFenSchema,
    fundSources: z.array(z.enum(fundSources)).max(5),
    paidDate: calendarDateSchema.optional(),
  })
  .strict()

/** The file part of every import's input: the file, its hash and sheet, the register type, rows refused. */
const fileInput = {
  fileName: textSchema(200, '文件名'),
  fileSha256: sha256HexSchema,
  sheet: textSchema(100, '工作表'),
  registerType: textSchema(40, '台账类型'),
  /** Rows the user saw rejected or skipped (kept with the import record for the error report). */
  rejectedCount: z.number().int().min(0),
}

/** 导入历史台账: the file and the rows the preview showed as new. */
export const legacyCommitInputSchema = z
  .object({ ...fileInput, rows: z.array(legacyCaseFactsSchema).min(1).max(200_000) })
  .strict()
export type LegacyCommitInput = z.infer<typeof legacyCommitInputSchema>

/** A checked 发放台账 row (shared/legacyImport/payments.ts `LegacyPaymentFacts`). */
export const legacyPaymentFactsSchema = z
  .object({
    row: z.number().int().positive(),
    caseId: recordIdSchema,
    paidDate: calendarDateSchema,
    amountFen: positiveFenSchema,
    method: z.enum(paymentMethods),
    payeeName: textSchema(50, '领取人').optional(),
    account: z
      .object({ bank: textSchema(60, '开户银行'), accountNo: z.string().regex(/^\d{8,32}$/) })
      .strict()
      .optional(),
  })
  .strict()

/** 导入发放台账: the file and the payment rows the preview showed as new. */
export const legacyPaymentInputSchema = z
  .object({ ...fileInput, payments: z.array(legacyPaymentFactsSchema).min(1).max(200_000) })
  .strict()
export type LegacyPaymentInput = z.infer<typeof legacyPaymentInputSchema>

/** A checked 回访台账 row (shared/legacyImport/followUps.ts `LegacyFollowUpFacts`). */
export const legacyFollowUpFactsSchema = z
  .object({
    row: z.number().int().positive(),
    caseId: recordIdSchema,
    date: calendarDateSchema,
    method: z.enum(followUpMethods),
    findings: textSchema(4000, '回访情况'),
    furtherNeeds: textSchema(4000, '后续需求').optional(),
  })
  .strict()

/** 导入回访台账: the file and the visits the preview showed as new. */
export const legacyFollowUpInputSchema = z
  .object({ ...fileInput, followUps: z.array(legacyFollowUpFactsSchema).min(1).max(200_000) })
  .strict()
export type LegacyFollowUpInput = z.infer<typeof legacyFollowUpInputSchema>

export const legacyWithdrawInputSchema = z
  .object({ importId: z.string().min(1).max(64), reason: textSchema(500, '撤销原因') })
  .strict()

/** The import itself, kept in settings under `legacyImport:<id>` (not replicated; its cases are). */
export interface LegacyImportRecord {
  id: string
  fileName: string
  fileSha256: string
  sheet: string
  registerType: string
  /** What the file held (absent in imports before 发放台账: cases). */
  kind?: RegisterKind
  at: string
  by: string
  byName?: string
  caseCount: number
  personCount: number
  rejectedCount: number
  /** The cases written (a case register) or given their payment (a 发放台账). */
  caseIds: string[]
  /** 发放台账: the payment rows taken. */
  paymentRows?: number
  /** 回访台账: the follow-up records written. */
  followUpIds?: string[]
  withdrawn?: { at: string; by: string; reason: string }
}

export const LEGACY_IMPORT_KEY = 'legacyImport:'
export const LEGACY_MAPPING_KEY = 'legacyImport.mapping:'
