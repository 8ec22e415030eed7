import { z } from 'zod'
import {
  amountComputationSchema,
  applicationForms,
  approvalDecisions,
  bankAccountSchema,
  calendarDateSchema,
  capacities,
  custodySchema,
  exclusionCodes,
  explanationMethods,
  fenSchema,
  fundingSplitSchema,
  informingSchema,
  informMethods,
  materialEntrySchema,
  materialItems,
  noteSchema,
  oversightReferralSchema,
  paymentMethods,
  positiveFenSchema,
  proposalDecisions,
  recordIdSchema,
  recoveryTriggers,
  refusalReasons,
  serviceMethods,
  textSchema,
  unitCodeSchema,
  verificationSchema,
} from '../schemas'

/**
 * The closed set of workflow actions with their payloads (docs/domain-reference.md §5). The acting user, the time and the
 * derived fields (who informed, who proposed …) are added by `transition`; payloads carry only what the user
 * entered. The command layer validates raw input with `workflowActionSchema` before calling `transition`.
 */
function action<const T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) {
  return z.object({ type: z.literal(type), ...shape }).strict()
}

const documentNo = textSchema(60, '文书编号')
/** The art. 7 item (救助情形) of the rule set in force, by code. */
const category = textSchema(64, '救助情形')
/** Reference of an escalation body's decision (检委会、党组、政法委). */
const escalationRef = textSchema(100, '会议纪要或批复文号')
const materials = z.array(materialEntrySchema).optional()
const explanation = z
  .object({ method: z.enum(explanationMethods), date: calendarDateSchema, note: noteSchema.optional() })
  .strict()
const exclusionCheckInput = z
  .object({ code: z.enum(exclusionCodes), hit: z.boolean(), evidence: noteSchema.optional() })
  .strict()

export const workflowActionSchema = z.discriminatedUnion('type', [
  action('inform', { informing: informingSchema }),
  action('start-ex-officio', { date: calendarDateSchema, reason: noteSchema }),
  action('start-advance', {
    date: calendarDateSchema,
    reason: noteSchema,
    proposedFen: positiveFenSchema,
    categoryItemCode: category.optional(),
    factorsText: noteSchema.optional(),
    courtAwardCeilingFen: fenSchema.optional(),
  }),
  action('approve-advance', {
    decision: z.enum(['agree', 'disagree']),
    opinion: noteSchema,
    ref: escalationRef.optional(),
  }),
  action('apply', {
    date: calendarDateSchema,
    form: z.enum(applicationForms),
    capacity: z.enum(capacities),
    receiptDocumentId: recordIdSchema.optional(),
    materials,
  }),
  action('request-supplement', {
    noticeDate: calendarDateSchema,
    missingItems: z.array(z.enum(materialItems)).min(1, '请列明需要补正的材料'),
  }),
  action('receive-supplement', { receivedDate: calendarDateSchema, materials }),
  action('deem-abandoned', {}),
  action('accept', { date: calendarDateSchema, materials }),
  action('refuse-out-of-scope', {
    date: calendarDateSchema,
    reasons: z.array(z.enum(refusalReasons)).min(1, '请列明不予救助的理由'),
    documentNo,
    explanation,
  }),
  action('begin-review', { date: calendarDateSchema }),
  action('record-review', {
    verifications: z.array(verificationSchema),
    compensationReceivedFen: fenSchema,
    socialAssistanceReceivedFen: fenSchema,
    socialAssistanceNote: noteSchema.optional(),
    exclusionChecks: z.array(exclusionCheckInput),
    duplicateCheckDone: z.boolean(),
  }),
  /** 一次性救助的例外 (only where the rules word one); the command fills in the grants it covers. */
  action('approve-repeat-grant', {
    reason: textSchema(500, '再次救助的理由'),
    priorCaseIds: z.array(recordIdSchema).max(20).optional(),
  }),
  action('override-exclusion', { code: z.enum(exclusionCodes), reason: textSchema(500, '不适用排除情形的理由') }),
  action('propose', {
    decision: z.enum(proposalDecisions),
    amount: amountComputationSchema.optional(),
    categoryItemCode: textSchema(64, '救助情形').optional(),
    refusalReasons: z.array(z.enum(refusalReasons)).optional(),
    text: noteSchema,
  }),
  /** The chain comes from the rules in force (rule set + local measures), never from the submitter. */
  action('submit-opinion', {}),
  action('approve-step', {
    decision: z.enum(approvalDecisions),
    opinion: noteSchema,
    ref: textSchema(100, '会议纪要或批复文号').optional(),
  }),
  action('decide-grant', {
    documentNo,
    serviceDate: calendarDateSchema.optional(),
    serviceMethod: z.enum(serviceMethods).optional(),
  }),
  action('decide-refuse', {
    documentNo,
    serviceDate: calendarDateSchema.optional(),
    serviceMethod: z.enum(serviceMethods).optional(),
    explanation,
  }),
  action('request-funds', { requestDate: calendarDateSchema }),
  action('funds-received', { receivedDate: calendarDateSchema, splits: z.array(fundingSplitSchema).min(1) }),
  action('notify-collection', { date: calendarDateSchema, method: z.enum(informMethods) }),
  action('pay', {
    method: z.enum(paymentMethods),
    payeeName: textSchema(50, '领款人'),
    payeePersonId: recordIdSchema.optional(),
    account: bankAccountSchema.optional(),
    delegatedUnit: unitCodeSchema.optional(),
    custody: custodySchema.optional(),
    paidDate: calendarDateSchema,
    receiptRef: textSchema(100, '领取凭证编号').optional(),
  }),
  action('complete-advance-paperwork', {
    date: calendarDateSchema,
    documentNo: documentNo.optional(),
    categoryItemCode: category.optional(),
    factorsText: noteSchema.optional(),
  }),
  action('start-follow-up', { date: calendarDateSchema }),
  action('archive', { date: calendarDateSchema }),
  action('withdraw', { date: calendarDateSchema, reason: textSchema(500, '撤回原因') }),
  action('start-recovery', {
    trigger: z.enum(recoveryTriggers),
    amountFen: positiveFenSchema,
    date: calendarDateSchema,
    note: noteSchema.optional(),
  }),
  action('close-recovery', {
    recoveredFen: fenSchema,
    date: calendarDateSchema,
    referral: oversightReferralSchema.optional(),
    note: noteSchema.optional(),
  }),
])

export type WorkflowAction = z.infer<typeof workflowActionSchema>
export type ActionType = WorkflowAction['type']
export type ActionOf<T extends ActionType> = Extract<WorkflowAction, { type: T }>

/** Chinese names of the actions, shown on buttons, in refusals and in the audit viewer. */
export const actionLabels: Record<ActionType, string> = {
  inform: '告知当事人',
  'start-ex-officio': '依职权启动救助',
  'start-advance': '启动先行救助',
  'approve-advance': '审批先行救助',
  apply: '登记救助申请',
  'request-supplement': '通知补正材料',
  'receive-supplement': '登记补正材料',
  'deem-abandoned': '视为放弃申请',
  accept: '受理',
  'refuse-out-of-scope': '不属救助范围，决定不予救助',
  'begin-review': '开始审查',
  'record-review': '登记审查核实情况',
  'override-exclusion': '认定不适用不予救助情形',
  'approve-repeat-grant': '批准再次救助（一次性救助的例外）',
  propose: '提出审查意见',
  'submit-opinion': '提交审批',
  'approve-step': '审批',
  'decide-grant': '作出救助决定',
  'decide-refuse': '作出不予救助决定',
  'request-funds': '申请拨款',
  'funds-received': '登记资金到账',
  'notify-collection': '通知领取',
  pay: '发放救助金',
  'complete-advance-paperwork': '补办先行救助手续',
  'start-follow-up': '开始回访帮扶',
  archive: '归档',
  withdraw: '撤回申请',
  'start-recovery': '启动追回',
  'close-recovery': '追回办结',
}

export const actionTypes = Object.keys(actionLabels) as ActionType[]
