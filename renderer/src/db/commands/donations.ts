import { donationSchema, type LedgerEntry, ledgerEntrySchema } from '@shared/domain/schemas'
import { donorKinds } from '@shared/domain/schemas/labels'
import {
  calendarDateSchema,
  noteSchema,
  positiveFenSchema,
  recordIdSchema,
  textSchema,
} from '@shared/domain/schemas/primitives'
import { CodedError } from '@shared/errors/coded'
import { describeZodError } from '@shared/errors/zodProblems'
import { registerViewsKey, savedViewsSchema } from '@shared/registers/views'
import { z } from 'zod'
import type { StoredRecord } from '../database'
import type { CommandContext } from './context'
import { refuseBadDate } from './dateCheck'
import type { CommandSpec } from './execute'

/**
 * Commands of the 资金 area: donations (登记, 关联受助案件, 告知捐助人), manual ledger entries (财政拨款 not tied to a
 * case, 冲销), and each user's saved register views. Every money record is append-only: a donation's amount is
 * never edited; a wrong ledger entry is corrected by a reversal naming it.
 */

function invalid(detail: string): never {
  throw new CodedError('command.invalid-input', { detail })
}

function checked<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value)
  if (!r.success) {
    invalid(describeZodError(r.error, 3))
  }
  return r.data
}

/** Recipients must be cases this office holds (own or replica), each named once. */
async function checkRecipients(ctx: CommandContext, caseIds: readonly string[]): Promise<void> {
  if (new Set(caseIds).size !== caseIds.length) invalid('受助案件重复')
  const rows = await ctx.read.cases.bulkGet([...caseIds])
  const missing = caseIds.filter((_, i) => !rows[i])
  if (missing.length) throw new CodedError('command.not-found', { table: 'cases', id: missing.join('、') })
}

export const recordDonationInput = z
  .object({
    donor: z.object({ name: textSchema(100, '捐助人'), kind: z.enum(donorKinds) }).strict(),
    amountFen: positiveFenSchema,
    restrictions: noteSchema.optional(),
    receivedOn: calendarDateSchema,
    recipientCaseIds: z.array(recordIdSchema).max(1000).default([]),
    note: noteSchema.optional(),
  })
  .strict()

/** 登记社会捐助: the donation and its 社会捐助 receipt in the funds ledger, in one transaction. */
export const recordDonation: CommandSpec<z.infer<typeof recordDonationInput>, StoredRecord> = {
  name: 'donation.record',
  input: recordDonationInput,
  tables: ['donations', 'ledger', 'cases'],
  async run(ctx, input) {
    refuseBadDate('donation', input.receivedOn, ctx.now.date)
    await checkRecipients(ctx, input.recipientCaseIds)
    const id = ctx.newId()
    const stamps = {
      id,
      ownerUnit: ctx.actor.unitCode,
      rev: 1,
      createdAt: ctx.now.instant,
      updatedAt: ctx.now.instant,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
    }
    const donation = {
      donor: input.donor,
      amountFen: input.amountFen,
      ...(input.restrictions ? { restrictions: input.restrictions } : {}),
      receivedOn: input.receivedOn,
      recipientCaseIds: input.recipientCaseIds,
    }
    checked(donationSchema, { ...stamps, ...donation })
    const stored = await ctx.insert('donations', { ...donation, id })
    const entry = {
      kind: 'donation' as const,
      fundSource: 'donation' as const,
      amountFen: input.amountFen,
      date: input.receivedOn,
      donationId: id,
      counterparty: input.donor.name,
      note: input.note ?? `收到${input.donor.name}捐助`,
    }
    const entryId = ctx.newId()
    checked(ledgerEntrySchema, { ...stamps, ...entry, id: entryId })
    await ctx.insert('ledger', { ...entry, id: entryId })
    return stored
  },
}

export const linkDonationInput = z
  .object({
    donationId: recordIdSchema,
    recipientCaseIds: z.array(recordIdSchema).max(1000),
    expectedRev: z.number().int().positive().optional(),
  })
  .strict()

/** 关联受助案件: the specific recipients (cases) this donation helped; the list replaces the previous one. */
export const linkDonationRecipients: CommandSpec<z.infer<typeof linkDonationInput>, StoredRecord> = {
  name: 'donation.link',
  input: linkDonationInput,
  tables: ['donations', 'cases'],
  async run(ctx, { donationId, recipientCaseIds, expectedRev }) {
    const current = await ctx.get<StoredRecord>('donations', donationId)
    if (!current) throw new CodedError('command.not-found', { table: 'donations', id: donationId })
    if (expectedRev !== undefined && current.rev !== expectedRev) throw new CodedError('command.stale', {})
    await checkRecipients(ctx, recipientCaseIds)
    return ctx.update<StoredRecord>(
      'donations',
      donationId,
      (d) => checked(donationSchema, { ...d, recipientCaseIds }) as StoredRecord,
    )
  },
}

export const notifyDonorInput = z.object({ donationId: recordIdSchema, date: calendarDateSchema }).strict()

/** 登记已告知捐助人: the date the donor was sent the notice naming the recipients. */
export const markDonorNotified: CommandSpec<z.infer<typeof notifyDonorInput>, StoredRecord> = {
  name: 'donation.notify',
  input: notifyDonorInput,
  tables: ['donations'],
  async run(ctx, { donationId, date }) {
    const current = await ctx.get<StoredRecord>('donations', donationId)
    if (!current) throw new CodedError('command.not-found', { table: 'donations', id: donationId })
    refuseBadDate('donor-notified', date, ctx.now.date, ['donation', String(current.receivedOn)])
    return ctx.update<StoredRecord>(
      'donations',
      donationId,
      (d) => checked(donationSchema, { ...d, donorNotifiedOn: date }) as StoredRecord,
    )
  },
}

export const recordLedgerEntryInput = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('allocation'),
      fundSource: z.enum(['central', 'province', 'city', 'county']),
      amountFen: positiveFenSchema,
      date: calendarDateSchema,
      counterparty: textSchema(100, '拨款单位'),
      caseId: recordIdSchema.optional(),
      note: noteSchema.optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('reversal'),
      reversesId: recordIdSchema,
      amountFen: positiveFenSchema.optional(),
      date: calendarDateSchema,
      note: textSchema(500, '冲销原因'),
    })
    .strict(),
])

/**
 * 登记资金分录: a 财政拨款 not tied to one case (an annual budget allocation), or a 冲销 of an entry of this office's
 * ledger (in full unless an amount is given; never more than what is left unreversed; same fund source, case and
 * donation as the entry it reverses).
 */
export const recordLedgerEntry: CommandSpec<z.infer<typeof recordLedgerEntryInput>, StoredRecord> = {
  name: 'ledger.record',
  input: recordLedgerEntryInput,
  tables: ['ledger', 'cases'],
  auditName: (i) => `ledger.record:${i.kind}`,
  async run(ctx, input) {
    refuseBadDate('ledger', input.date, ctx.now.date)
    let entry: Omit<LedgerEntry, 'id' | 'ownerUnit' | 'rev' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy'>
    if (input.kind === 'allocation') {
      if (input.caseId && !(await ctx.get('cases', input.caseId))) {
        throw new CodedError('command.not-found', { table: 'cases', id: input.caseId })
      }
      entry = {
        kind: 'allocation',
        fundSource: input.fundSource,
        amountFen: input.amountFen,
        date: input.date,
        counterparty: input.counterparty,
        ...(input.caseId ? { caseId: input.caseId } : {}),
        ...(input.note ? { note: input.note } : {}),
      }
    } else {
      const target = (await ctx.get<StoredRecord>('ledger', input.reversesId)) as unknown as LedgerEntry | undefined
      if (!target) throw new CodedError('command.not-found', { table: 'ledger', id: input.reversesId })
      if (target.ownerUnit !== ctx.actor.unitCode)
        throw new CodedError('command.replica-read-only', { owner: target.ownerUnit })
      if (target.kind === 'reversal') invalid('冲销分录不能再被冲销；如需恢复，请重新登记原分录')
      const earlier = (await ctx.read.ledger.where('kind').equals('reversal').toArray()) as unknown as LedgerEntry[]
      const reversed = earlier.filter((e) => e.reversesId === target.id).reduce((s, e) => s + e.amountFen, 0)
      const amount = input.amountFen ?? target.amountFen - reversed
      if (amount <= 0 || reversed + amount > target.amountFen) {
        invalid(`被冲销分录金额 ${target.amountFen / 100} 元，已冲销 ${reversed / 100} 元，本次冲销金额超出`)
      }
      refuseBadDate('ledger', input.date, ctx.now.date, ['reversed-entry', target.date])
      entry = {
        kind: 'reversal',
        fundSource: target.fundSource,
        amountFen: amount,
        date: input.date,
        reversesId: target.id,
        counterparty: target.counterparty,
        ...(target.caseId ? { caseId: target.caseId } : {}),
        ...(target.donationId ? { donationId: target.donationId } : {}),
        note: input.note,
      }
    }
    const id = ctx.newId()
    checked(ledgerEntrySchema, {
      ...entry,
      id,
      ownerUnit: ctx.actor.unitCode,
      rev: 1,
      createdAt: ctx.now.instant,
      updatedAt: ctx.now.instant,
      createdBy: ctx.actor.userId,
      updatedBy: ctx.actor.userId,
    })
    return ctx.insert('ledger', { ...entry, id })
  },
}

export const saveRegisterViewsInput = z.object({ views: savedViewsSchema }).strict()

/** 保存台账视图: the signed-in user's own saved views (replaces their list; nobody writes another user's views). */
export const saveRegisterViews: CommandSpec<z.infer<typeof saveRegisterViewsInput>, void> = {
  name: 'register.saveView',
  input: saveRegisterViewsInput,
  tables: ['settings'],
  async run(ctx, { views }) {
    const key = registerViewsKey(ctx.actor.userId)
    await ctx.put('settings', key, { key, value: views })
  },
}
