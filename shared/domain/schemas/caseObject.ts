import { z } from 'zod'
import { storedRecord } from './base'
import {
  applicationSchema,
  exOfficioSchema,
  informingSchema,
  materialEntrySchema,
  supplementSchema,
  underlyingCaseSchema,
  victimInfoSchema,
  withdrawalSchema,
} from './caseIntake'
import { decisionSchema, fundingSchema, paymentSchema, recoverySchema } from './caseOutcome'
import {
  advanceSchema,
  amountComputationSchema,
  approvalChainSchema,
  approvalEntrySchema,
  approvalRoundSchema,
  proposalSchema,
  repeatGrantSchema,
  reviewSchema,
} from './caseReview'
import { correctionSchema } from './correction'
import { capacities, caseSources, caseStates, originDepartments, relations } from './labels'
import { legacyMarkSchema } from './legacyMark'
import { calendarDateSchema, recordIdSchema, regionCodeSchema, textSchema } from './primitives'

/**
 * The assistance case: header plus one sub-record per step (docs/domain-reference.md §6). Each step date lives in exactly one
 * place: top-level `…Date` fields for steps without a sub-record (and the indexed `applicationDate`,
 * `decisionDate`), otherwise inside the sub-record. The workflow (shared/domain/workflow.ts) is the only code
 * that changes `state` and the step sub-records; `caseProblems` checks that they agree.
 */
export const caseObjectSchema = storedRecord({
  caseNo: textSchema(60, '救助案件编号').optional(),
  caseYear: z.number().int().min(1990).max(2999).optional(),
  caseSeq: z.number().int().positive().optional(),
  state: z.enum(caseStates),
  source: z.enum(caseSources),
  originDepartment: z.enum(originDepartments).optional(),
  clueId: recordIdSchema.optional(),
  underlyingCase: underlyingCaseSchema.optional(),
  jurisdictionRegion: regionCodeSchema.optional(),
  applicantId: recordIdSchema.optional(),
  victimId: recordIdSchema.optional(),
  relation: z.enum(relations).optional(),
  capacity: z.enum(capacities).optional(),
  victim: victimInfoSchema.optional(),
  /** ID numbers of the case's persons, denormalised for the one-time rule across offices (indexed). */
  personIdNumbers: z.array(z.string().min(1).max(40)),
  ruleSetId: textSchema(80, '规则集').optional(),
  categoryItemCode: textSchema(64, '救助情形').optional(),
  /** 小额应急性帮扶: kept in the ledgers, excluded from statistics (brief; docs/domain-reference.md §9). */
  smallEmergencyHelp: z.boolean(),
  clueDate: calendarDateSchema.optional(),
  applicationDate: calendarDateSchema.optional(),
  acceptanceDate: calendarDateSchema.optional(),
  reviewStartDate: calendarDateSchema.optional(),
  decisionDate: calendarDateSchema.optional(),
  followUpStartDate: calendarDateSchema.optional(),
  archiveDate: calendarDateSchema.optional(),
  informing: informingSchema.optional(),
  exOfficio: exOfficioSchema.optional(),
  application: applicationSchema.optional(),
  materials: z.array(materialEntrySchema),
  supplement: supplementSchema.optional(),
  review: reviewSchema.optional(),
  amount: amountComputationSchema.optional(),
  proposal: proposalSchema.optional(),
  approvalChain: approvalChainSchema.optional(),
  approvalRound: approvalRoundSchema.optional(),
  approvals: z.array(approvalEntrySchema),
  decision: decisionSchema.optional(),
  funding: fundingSchema.optional(),
  payment: paymentSchema.optional(),
  advance: advanceSchema.optional(),
  repeatGrant: repeatGrantSchema.optional(),
  recoveries: z.array(recoverySchema),
  withdrawal: withdrawalSchema.optional(),
  /** 历史导入: brought in from an old register; read-only (docs/legacy-import.md). */
  legacyImport: legacyMarkSchema.optional(),
  /** 更正: corrections of typed fields, oldest first, each with the old value and the reason. */
  corrections: z.array(correctionSchema).optional(),
})
export type CaseFields = z.infer<typeof caseObjectSchema>
