import { z } from 'zod'
import {
  approvalDecisions,
  caseStates,
  exclusionCodes,
  proposalDecisions,
  refusalReasons,
  verificationKinds,
  wageFallbacks,
  wageSeries,
} from './labels'
import {
  calendarDateSchema,
  fenSchema,
  instantSchema,
  noteSchema,
  positiveFenSchema,
  recordIdSchema,
  regionCodeSchema,
  textSchema,
  userIdSchema,
} from './primitives'

/**
 * Case sub-records of review, opinion and approval (docs/domain-reference.md §4, §5 #5–#7, §6 "Review", "Opinion and approval").
 */

/** One verification action: interview, site visit, inquiry, delegated investigation … (S32, S33). */
export const verificationSchema = z
  .object({
    kind: z.enum(verificationKinds),
    date: calendarDateSchema,
    unitName: textSchema(60, '单位名称').optional(),
    replyDate: calendarDateSchema.optional(),
    note: noteSchema.optional(),
  })
  .strict()
export type Verification = z.infer<typeof verificationSchema>

/** An override of a soft exclusion: who decided, when, and why ("一般" allows it; docs/domain-reference.md §3.5). */
export const overrideSchema = z
  .object({ reason: textSchema(500, '不适用排除情形的理由'), by: userIdSchema, at: instantSchema })
  .strict()
export type Override = z.infer<typeof overrideSchema>

/** The check of one exclusion X1–X8 with its evidence; an override only makes sense when the check hit. */
export const exclusionCheckSchema = z
  .object({
    code: z.enum(exclusionCodes),
    hit: z.boolean(),
    evidence: noteSchema.optional(),
    override: overrideSchema.optional(),
  })
  .strict()
  .refine((c) => c.hit || c.override === undefined, { path: ['override'], message: '未触发的排除情形不需要例外说明' })
export type ExclusionCheck = z.infer<typeof exclusionCheckSchema>

/** The review record (docs/domain-reference.md §6 "Review"). */
export const reviewSchema = z
  .object({
    verifications: z.array(verificationSchema),
    compensationReceivedFen: fenSchema,
    socialAssistanceReceivedFen: fenSchema,
    socialAssistanceNote: noteSchema.optional(),
    exclusionChecks: z.array(exclusionCheckSchema),
    duplicateCheckDone: z.boolean(),
    recordedBy: userIdSchema,
    recordedAt: instantSchema,
  })
  .strict()
  .refine((r) => new Set(r.exclusionChecks.map((c) => c.code)).size === r.exclusionChecks.length, {
    path: ['exclusionChecks'],
    message: '同一排除情形只能记录一次',
  })
export type Review = z.infer<typeof reviewSchema>

/**
 * The amount computation record (docs/domain-reference.md §4 "Suggested computation record"), in the shape built by
 * `amountComputationRecord` (shared/domain/amount.ts): cap = months × B (36 × B normally, H: S1, S10); over the
 * cap only with stricter approval and never above what a court would award. Whether an over-cap amount may be
 * proposed is the workflow's check (`propose`); here only that the record agrees with itself.
 */
export const amountComputationSchema = z
  .object({
    ruleSetId: z.string().min(1).max(80).nullable(),
    wageYear: z.number().int().min(1990).max(2999),
    wageRegionCode: regionCodeSchema,
    wageSeries: z.enum(wageSeries).nullable(),
    wageFallbacks: z.array(z.enum(wageFallbacks)),
    /** The document that published the wage figure used (the standard in force, checked by the legal gate). */
    wageSource: textSchema(200, '工资标准出处').optional(),
    baseMonthlyWageFen: positiveFenSchema,
    monthsFactor: z.number().int().positive().max(120),
    computedCapFen: positiveFenSchema,
    proposedFen: positiveFenSchema,
    overCapFlag: z.boolean(),
    overCapApprovalRef: textSchema(100, '超限额审批文号').nullable(),
    overCapApprovalBody: textSchema(60, '超限额审批机构').nullable(),
    courtAwardCeilingFen: positiveFenSchema.nullable(),
    factorsText: noteSchema,
    formula: z.string().max(200),
    /** Reference of the escalation body's decision (检委会/党组/政法委) when the amount reached the threshold. */
    escalationRef: textSchema(100, '提级审批文号').optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.computedCapFen !== a.baseMonthlyWageFen * a.monthsFactor) {
      ctx.addIssue({ code: 'custom', path: ['computedCapFen'], message: '救助上限应等于月平均工资乘以月数' })
    }
    if (a.overCapFlag !== a.proposedFen > a.computedCapFen) {
      ctx.addIssue({ code: 'custom', path: ['overCapFlag'], message: '“超过上限”标记与金额不符' })
    }
    if (a.courtAwardCeilingFen !== null && a.proposedFen > a.courtAwardCeilingFen && a.overCapFlag) {
      ctx.addIssue({
        code: 'custom',
        path: ['courtAwardCeilingFen'],
        message: '超过上限的救助金额不得高于人民法院依法应当判决的赔偿数额',
      })
    }
  })
export type AmountComputation = z.infer<typeof amountComputationSchema>

/**
 * The case procurator's opinion: grant (the art. 7 item is the case's `categoryItemCode`, the amount its `amount`)
 * or refuse with reasons (docs/domain-reference.md §5 #6).
 */
export const proposalSchema = z
  .object({
    decision: z.enum(proposalDecisions),
    by: userIdSchema,
    at: instantSchema,
    refusalReasons: z.array(z.enum(refusalReasons)).optional(),
    text: noteSchema,
  })
  .strict()
  .refine((p) => p.decision === 'grant' || (p.refusalReasons?.length ?? 0) > 0, {
    path: ['refusalReasons'],
    message: '建议不予救助须列明理由',
  })
export type Proposal = z.infer<typeof proposalSchema>

/** Roles that can hold an approval step (read-only and technical roles cannot). */
export const approvalRoles = ['case-procurator', 'dept-head', 'chief'] as const
export type ApprovalRole = (typeof approvalRoles)[number]

/**
 * One configured approval step (docs/domain-reference.md §13 q.6: the chain is configurable). `external` marks a body outside
 * the user list (检委会, 党组, 政法委) whose decision a user with `role` records with a reference number.
 */
export const approvalStepConfigSchema = z
  .object({
    step: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, '审批环节代码只能用小写字母、数字和连字符'),
    role: z.enum(approvalRoles),
    label: textSchema(40, '审批环节名称'),
    external: z.boolean().optional(),
  })
  .strict()
export type ApprovalStepConfig = z.infer<typeof approvalStepConfigSchema>

export const approvalChainSchema = z
  .array(approvalStepConfigSchema)
  .min(1, '审批流程至少要有一个环节')
  .max(8)
  .refine((c) => new Set(c.map((s) => s.step)).size === c.length, '审批环节代码不能重复')

/** One submission of the opinion into the chain; `escalation` says why an extra step was added. */
export const approvalRoundSchema = z
  .object({
    round: z.number().int().positive(),
    chain: approvalChainSchema,
    escalation: z.enum(['over-cap', 'over-threshold']).optional(),
    submittedBy: userIdSchema,
    submittedAt: instantSchema,
  })
  .strict()
export type ApprovalRound = z.infer<typeof approvalRoundSchema>

/** One signed approval step (role, user, opinion, decision, time; `ref` for an external body's decision). */
export const approvalEntrySchema = z
  .object({
    round: z.number().int().positive(),
    step: z.string().min(1).max(32),
    role: z.enum(approvalRoles),
    userId: userIdSchema,
    opinion: noteSchema,
    decision: z.enum(approvalDecisions),
    at: instantSchema,
    ref: textSchema(100, '会议纪要或批复文号').optional(),
  })
  .strict()
export type ApprovalEntry = z.infer<typeof approvalEntrySchema>

/**
 * 先行救助: requested by KS when life is at risk and treatment urgent, approved at once by the chief, paperwork
 * completed afterwards (H, S7, S17). `fromState` is where the case resumes if the chief disagrees.
 *
 * The advance is a grant like any other: it names its 救助情形 (`categoryItemCode`, also set on the case, so the
 * 统计表 and the 决定书 see it) and the basis of its amount (`factorsText`, 确定金额考虑的因素; with the court's
 * award when known). Both may follow with the paperwork, which cannot be completed without them. The fields are
 * optional so that advances recorded before they existed stay valid. `escalationRef` is the reference of the
 * 检委会/党组/政法委 decision when the approval needed one.
 */
export const advanceSchema = z
  .object({
    reason: noteSchema,
    proposedFen: positiveFenSchema,
    categoryItemCode: textSchema(64, '救助情形').optional(),
    factorsText: noteSchema.optional(),
    courtAwardCeilingFen: fenSchema.optional(),
    requestedBy: userIdSchema,
    requestedDate: calendarDateSchema,
    fromState: z.enum(caseStates),
    decision: z.enum(['agree', 'disagree']).optional(),
    decidedBy: userIdSchema.optional(),
    decidedAt: instantSchema.optional(),
    opinion: noteSchema.optional(),
    escalationRef: textSchema(100, '会议纪要或批复文号').optional(),
    paperworkCompletedDate: calendarDateSchema.optional(),
  })
  .strict()
export type Advance = z.infer<typeof advanceSchema>

/**
 * 一次性救助的例外: the 检察长 approved a second grant for the same person and case, where the rules in force word an
 * exception; `priorCaseIds` are the grants known at that moment (a grant that becomes known later still blocks).
 */
export const repeatGrantSchema = z
  .object({
    reason: textSchema(500, '再次救助的理由'),
    priorCaseIds: z.array(recordIdSchema).min(1).max(20),
    rule: textSchema(500, '例外规定'),
    by: userIdSchema,
    at: instantSchema,
  })
  .strict()
export type RepeatGrant = z.infer<typeof repeatGrantSchema>
