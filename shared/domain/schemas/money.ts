import { z } from 'zod'
import { storedRecord } from './base'
import { donorKinds, fundLevels, fundSources, ledgerKinds } from './labels'
import { calendarDateSchema, noteSchema, positiveFenSchema, recordIdSchema, textSchema } from './primitives'

const isFundLevel = (s: string) => (fundLevels as readonly string[]).includes(s)

/**
 * One append-only money entry (docs/architecture.md §3: money registers are append-only; a correction is a reversing entry
 * that names the entry it reverses). Amounts are positive 分; the kind gives the direction.
 */
export const ledgerEntrySchema = storedRecord({
  kind: z.enum(ledgerKinds),
  fundSource: z.enum(fundSources),
  amountFen: positiveFenSchema,
  date: calendarDateSchema,
  caseId: recordIdSchema.optional(),
  donationId: recordIdSchema.optional(),
  reversesId: recordIdSchema.optional(),
  counterparty: textSchema(100, '对方单位或个人'),
  note: noteSchema.optional(),
}).superRefine((e, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
  if (e.kind === 'allocation' && !isFundLevel(e.fundSource)) issue('fundSource', '财政拨款须注明中央、省、市或县级资金')
  if (e.kind === 'donation' && e.fundSource !== 'donation') issue('fundSource', '捐助入账的资金来源须为社会捐助')
  if ((e.fundSource === 'donation') !== (e.donationId !== undefined) && e.kind !== 'reversal') {
    issue('donationId', '只有捐助资金才注明捐助记录')
  }
  if ((e.kind === 'disbursement' || e.kind === 'recovery') && !e.caseId) issue('caseId', '发放和追回须注明救助案件')
  if ((e.kind === 'reversal') !== (e.reversesId !== undefined)) issue('reversesId', '冲销须且只须注明被冲销的记录')
  if (e.reversesId !== undefined && e.reversesId === e.id) issue('reversesId', '记录不能冲销自己')
})
export type LedgerEntry = z.infer<typeof ledgerEntrySchema>

/** A donation and the recipients it helped; donors are told the recipients (brief; S40). */
export const donationSchema = storedRecord({
  donor: z.object({ name: textSchema(100, '捐助人'), kind: z.enum(donorKinds) }).strict(),
  amountFen: positiveFenSchema,
  restrictions: noteSchema.optional(),
  receivedOn: calendarDateSchema,
  recipientCaseIds: z.array(recordIdSchema),
  donorNotifiedOn: calendarDateSchema.optional(),
})
export type Donation = z.infer<typeof donationSchema>
