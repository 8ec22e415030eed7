import { z } from 'zod'
import {
  decisionOutcomes,
  explanationMethods,
  fundSources,
  informMethods,
  oversightBodies,
  paymentMethods,
  recoveryTriggers,
  refusalReasons,
  serviceMethods,
} from './labels'
import { bankAccountSchema } from './person'
import {
  calendarDateSchema,
  fenSchema,
  noteSchema,
  positiveFenSchema,
  recordIdSchema,
  textSchema,
  unitCodeSchema,
  userIdSchema,
} from './primitives'

/**
 * Case sub-records from the decision on (docs/domain-reference.md §5 #8–#14, §6 "Decision", "Funding and payment", "Recovery").
 */

/** How a refusal was communicated and explained (告知并解释说明; H, S15). */
export const explanationSchema = z
  .object({
    method: z.enum(explanationMethods),
    date: calendarDateSchema,
    by: userIdSchema,
    note: noteSchema.optional(),
  })
  .strict()
export type Explanation = z.infer<typeof explanationSchema>

/**
 * The decision (决定书 / 不予救助决定书; H, S9). Its date is the case's `decisionDate`. A grant names the amount;
 * a refusal names its reasons. The document number of an advance grant may follow with the paperwork.
 */
export const decisionSchema = z
  .object({
    outcome: z.enum(decisionOutcomes),
    documentNo: textSchema(60, '决定书文号').optional(),
    grantedFen: positiveFenSchema.optional(),
    serviceDate: calendarDateSchema.optional(),
    serviceMethod: z.enum(serviceMethods).optional(),
    refusalReasons: z.array(z.enum(refusalReasons)).optional(),
    explanation: explanationSchema.optional(),
    advance: z.boolean().optional(),
  })
  .strict()
  .superRefine((d, ctx) => {
    if (d.outcome === 'granted' && d.grantedFen === undefined) {
      ctx.addIssue({ code: 'custom', path: ['grantedFen'], message: '决定救助须载明救助金额' })
    }
    if (d.outcome === 'refused') {
      if (!d.refusalReasons?.length) {
        ctx.addIssue({ code: 'custom', path: ['refusalReasons'], message: '决定不予救助须列明理由' })
      }
      if (d.grantedFen !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['grantedFen'], message: '决定不予救助不应有救助金额' })
      }
    }
  })
export type Decision = z.infer<typeof decisionSchema>

/** One funding row: which level (or a donation) pays how much; joint assistance has several (H, S24). */
export const fundingSplitSchema = z
  .object({
    source: z.enum(fundSources),
    amountFen: positiveFenSchema,
    unitCode: unitCodeSchema.optional(),
    budgetLine: textSchema(60, '预算科目').optional(),
    donationId: recordIdSchema.optional(),
  })
  .strict()
  .refine((s) => (s.source === 'donation') === (s.donationId !== undefined), {
    path: ['donationId'],
    message: '捐助资金须注明捐助记录，财政资金不应注明',
  })
export type FundingSplit = z.infer<typeof fundingSplitSchema>

/** Allocation request, arrival of funds, notice to collect (≤ 2 working days after arrival; H, S15). */
export const fundingSchema = z
  .object({
    requestDate: calendarDateSchema.optional(),
    receivedDate: calendarDateSchema.optional(),
    splits: z.array(fundingSplitSchema),
    collectionNoticeDate: calendarDateSchema.optional(),
    collectionNoticeMethod: z.enum(informMethods).optional(),
  })
  .strict()
export type Funding = z.infer<typeof fundingSchema>

/** 代管: custody of the money for a minor or vulnerable person (代管委托书; H, S32). */
export const custodySchema = z
  .object({
    custodian: textSchema(60, '代管人或代管单位'),
    documentId: recordIdSchema.optional(),
    note: noteSchema.optional(),
  })
  .strict()

/** Payment: transfer or in person with signature; may be delegated to another procuratorate (H, S9, S32). */
export const paymentSchema = z
  .object({
    method: z.enum(paymentMethods),
    amountFen: positiveFenSchema,
    payeeName: textSchema(50, '领款人'),
    payeePersonId: recordIdSchema.optional(),
    account: bankAccountSchema.optional(),
    delegatedUnit: unitCodeSchema.optional(),
    custody: custodySchema.optional(),
    paidDate: calendarDateSchema,
    paidBy: userIdSchema,
    receiptRef: textSchema(100, '领取凭证编号').optional(),
  })
  .strict()
  .refine((p) => p.method !== 'transfer' || p.account !== undefined, {
    path: ['account'],
    message: '银行转账须填写收款账户',
  })
export type Payment = z.infer<typeof paymentSchema>

/** Referral of staff misconduct to 纪检监察 or 审计 (docs/domain-reference.md §8). */
export const oversightReferralSchema = z
  .object({ body: z.enum(oversightBodies), date: calendarDateSchema, ref: textSchema(100, '移送文号').optional() })
  .strict()

/** 追回: trigger, amount to recover, what came back and when (H, S28). */
export const recoverySchema = z
  .object({
    trigger: z.enum(recoveryTriggers),
    amountFen: positiveFenSchema,
    startedDate: calendarDateSchema,
    startedBy: userIdSchema,
    fromState: z.enum(['paid', 'follow-up', 'archived']),
    note: noteSchema.optional(),
    recoveredFen: fenSchema.optional(),
    recoveredDate: calendarDateSchema.optional(),
    referral: oversightReferralSchema.optional(),
    closedDate: calendarDateSchema.optional(),
  })
  .strict()
  .refine((r) => r.recoveredFen === undefined || r.recoveredFen <= r.amountFen, {
    path: ['recoveredFen'],
    message: '追回金额不能超过应追回金额',
  })
export type Recovery = z.infer<typeof recoverySchema>
