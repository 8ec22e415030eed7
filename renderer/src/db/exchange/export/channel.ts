import { CodedError } from '@shared/errors/coded'
import { channelKinds } from '@shared/exchange/manifest'
import { z } from 'zod'
import type { CommandSpec } from '../../commands/execute'
import { EX, type OutChannelRow, putExchange, type SentRow } from '../store'

/**
 * The send channel of every bundle (docs/architecture.md §4): reserve the next channel number → the main process
 * packs and writes → finish (record what was sent) or abort (give the number back). Commands, one transaction each.
 */

const receiverInput = z
  .string()
  .regex(/^\d{6}$/)
  .nullable()

/**
 * Reserves the next sequence number on the channel to `receiver` (null: open enrollment bundles) before the main
 * process packs the bundle. If an earlier reservation was never recorded (packing was interrupted and a file may
 * exist), its number is not reused: the receiver will see a gap, which is honest.
 */
export const beginExport: CommandSpec<
  { receiver: string | null },
  { channelSeq: number; prevBundleHash: string | null; skipped?: number }
> = {
  name: 'exchange.export',
  input: z.object({ receiver: receiverInput }).strict(),
  tables: ['exchange'],
  async run(ctx, { receiver }) {
    if (!(await ctx.read.exchange.get(EX.officeKey))) throw new CodedError('exchange.no-office-key')
    const key = EX.out(receiver)
    const row = ((await ctx.read.exchange.get(key)) as OutChannelRow | undefined) ?? {
      key,
      receiver,
      lastSentSeq: 0,
      lastBundleHash: null,
    }
    const channelSeq = row.lastSentSeq + 1
    await putExchange(ctx, { ...row, lastSentSeq: channelSeq, pendingSeq: channelSeq })
    return { channelSeq, prevBundleHash: row.lastBundleHash, ...(row.pendingSeq ? { skipped: row.pendingSeq } : {}) }
  },
}

const finishInput = z
  .object({
    receiver: receiverInput,
    kind: z.enum(channelKinds),
    channelSeq: z.number().int().min(1),
    bundleId: z.string().min(26).max(26),
    bundleHash: z.string().regex(/^[0-9a-f]{64}$/),
    fileName: z.string().min(1).max(200),
    createdAt: z.string(),
    origins: z
      .array(z.object({ unitCode: z.string(), revFrom: z.number().int(), revTo: z.number().int() }).strict())
      .max(10_000),
    counts: z.record(z.string(), z.number().int().min(0)),
    fullResend: z.boolean().optional(),
  })
  .strict()

/** Records a bundle written by the main process: the channel's last hash (the next bundle's prevBundleHash). */
export const finishExport: CommandSpec<z.infer<typeof finishInput>, SentRow> = {
  name: 'exchange.export',
  input: finishInput,
  tables: ['exchange'],
  async run(ctx, input) {
    const key = EX.out(input.receiver)
    const row = (await ctx.read.exchange.get(key)) as OutChannelRow | undefined
    if (!row || row.lastSentSeq < input.channelSeq) throw new CodedError('exchange.plan-changed')
    const { pendingSeq: _p, ...rest } = row
    if (row.lastSentSeq === input.channelSeq) await putExchange(ctx, { ...rest, lastBundleHash: input.bundleHash })
    const sent: SentRow = {
      key: EX.sent(input.bundleId),
      bundleId: input.bundleId,
      kind: input.kind,
      receiver: input.receiver,
      channelSeq: input.channelSeq,
      bundleHash: input.bundleHash,
      fileName: input.fileName,
      createdAt: input.createdAt,
      createdBy: ctx.actor.userId,
      origins: input.origins,
      counts: input.counts,
      ...(input.fullResend ? { fullResend: true } : {}),
    }
    return putExchange(ctx, sent)
  },
}

/** Gives back a reserved number when the main process refused to pack (nothing was written). */
export const abortExport: CommandSpec<{ receiver: string | null; channelSeq: number }, void> = {
  name: 'exchange.export',
  input: z.object({ receiver: receiverInput, channelSeq: z.number().int().min(1) }).strict(),
  tables: ['exchange'],
  async run(ctx, { receiver, channelSeq }) {
    const row = (await ctx.read.exchange.get(EX.out(receiver))) as OutChannelRow | undefined
    if (!row || row.pendingSeq !== channelSeq || row.lastSentSeq !== channelSeq) return
    const { pendingSeq: _p, ...rest } = row
    await putExchange(ctx, { ...rest, lastSentSeq: channelSeq - 1 })
  },
}

// ---- import --------------------------------------------------------------------------------------------------
