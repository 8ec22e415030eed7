import {
  calendarDateSchema,
  followUpMethods,
  followUpSchema,
  noteSchema,
  recordIdSchema,
  referralKinds,
  referralSchema,
  regionCodeSchema,
  textSchema,
} from '@shared/domain/schemas'
import { CodedError } from '@shared/errors/coded'
import { describeZodError } from '@shared/errors/zodProblems'
import { z } from 'zod'
import type { StoredRecord } from '../database'
import type { CommandContext } from './context'
import { refuseBadDate } from './dateCheck'
import type { CommandSpec } from './execute'

async function ownCase(ctx: CommandContext, caseId: string): Promise<StoredRecord> {
  const c = await ctx.get<StoredRecord>('cases', caseId)
  if (!c) throw new CodedError('command.not-found', { table: 'cases', id: caseId })
  if (c.ownerUnit !== ctx.actor.unitCode) throw new CodedError('command.replica-read-only', { owner: c.ownerUnit })
  return c
}

/** The case's payment date, which a follow-up or referral after payment may not precede. */
async function paidDateOf(ctx: CommandContext, caseId: string): Promise<string | undefined> {
  const c = await ownCase(ctx, caseId)
  return (c.payment as { paidDate?: string } | undefined)?.paidDate
}

function checked(schema: z.ZodType, row: unknown): void {
  const r = schema.safeParse(row)
  if (!r.success) throw new CodedError('command.invalid-input', { detail: describeZodError(r.error) })
}

export const recordReferralInput = z
  .object({
    caseId: recordIdSchema,
    /** Set to record the outcome of an earlier referral instead of a new one. */
    referralId: recordIdSchema.optional(),
    kind: z.enum(referralKinds),
    partnerAgency: textSchema(100, '承接单位'),
    regionCode: regionCodeSchema.optional(),
    date: calendarDateSchema,
    outcome: noteSchema.optional(),
    outcomeDate: calendarDateSchema.optional(),
  })
  .strict()

/** 多元救助: a referral to legal aid, counselling, social assistance at the 户籍所在地 …, and later its outcome. */
export const recordReferral: CommandSpec<z.infer<typeof recordReferralInput>, StoredRecord> = {
  name: 'case.referral',
  input: recordReferralInput,
  tables: ['cases', 'referrals'],
  async run(ctx, { referralId, ...fields }) {
    const paid = await paidDateOf(ctx, fields.caseId)
    refuseBadDate('after-payment', fields.date, ctx.now.date, ['paid', paid])
    refuseBadDate('after-outcome', fields.outcomeDate, ctx.now.date, ['after-payment', fields.date])
    const row = referralId
      ? await ctx.update<StoredRecord>('referrals', referralId, (r) => ({ ...r, ...fields }))
      : await ctx.insert('referrals', fields)
    checked(referralSchema, row)
    return row
  },
}

export const recordFollowUpInput = z
  .object({
    caseId: recordIdSchema,
    date: calendarDateSchema,
    method: z.enum(followUpMethods),
    findings: noteSchema,
    furtherNeeds: noteSchema.optional(),
  })
  .strict()

/** 回访: a visit or call after payment — what was found and what else the family needs. */
export const recordFollowUp: CommandSpec<z.infer<typeof recordFollowUpInput>, StoredRecord> = {
  name: 'case.followUp',
  input: recordFollowUpInput,
  tables: ['cases', 'followUps'],
  async run(ctx, input) {
    refuseBadDate('after-payment', input.date, ctx.now.date, ['paid', await paidDateOf(ctx, input.caseId)])
    const row = await ctx.insert('followUps', { ...input, byUserId: ctx.actor.userId })
    checked(followUpSchema, row)
    return row
  },
}
