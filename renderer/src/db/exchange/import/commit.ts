import { type AuditHead, auditHashLabels, headAlgField, headAuditHash } from '@shared/audit/hashAlg'
import { CodedError } from '@shared/errors/coded'
import { decodeBase64 } from '@shared/util/base64'
import { hashOf } from '@shared/util/hash'
import { z } from 'zod'
import type { CommandContext } from '../../commands/context'
import type { CommandSpec } from '../../commands/execute'
import type { TableName, UnitRow } from '../../database'
import { importTables } from '../archiveTables'
import { auditHead } from '../reads'
import {
  EX,
  type InChannelRow,
  type OpenedBundle,
  type OriginRow,
  openedBundleSchema,
  ownUnit,
  putExchange,
  type Receipt,
  type ReceivedRow,
  type UpstreamRow,
} from '../store'
import { commitDownward, downwardDigest, isDownwardPlan } from './commitDownward'
import { type AckPlan, type ArchivePlan, type ImportPlan, planImport, receiptFor, type SchemaVerdicts } from './plan'
import { channelCheck } from './planChecks'
import type { DownwardPlan } from './planDownward'
import { replicaProvenance } from './provenance'

/**
 * Committing an import (archive or acknowledgement; downward kinds in commitDownward.ts) in ONE transaction of the
 * command layer with its audit entries: the plan is made again inside the transaction and must equal the preview's.
 */

/** A digest of what a plan would change: the preview passes it, the commit must arrive at the same one. */
export function planDigest(plan: ImportPlan): string {
  if (isDownwardPlan(plan)) return downwardDigest(plan)
  if (plan.kind === 'ack') {
    return hashOf({ kind: plan.kind, id: plan.bundleId, at: plan.alreadyImportedAt ?? null, gaps: plan.channelGaps })
  }
  return hashOf({
    kind: plan.kind,
    id: plan.bundleId,
    at: plan.alreadyImportedAt ?? null,
    gaps: plan.channelGaps,
    fork: plan.fork,
    origins: plan.origins,
    groups: plan.groups,
    rejected: plan.rejected,
    scans: plan.scans,
  })
}

const importInput = z.object({ bundle: openedBundleSchema, previewDigest: z.string().regex(/^[0-9a-f]{64}$/) }).strict()

/**
 * A preview kept for its commit (importBundle.ts): the plan, its digest, the office it was planned for, what the
 * record schemas said of the bundle's records, and the store's change mark when it was planned — the audit chain's
 * head, which every write through the command layer moves (each command's changes are audited in its transaction).
 */
export interface PreviewedImport {
  plan: ImportPlan
  digest: string
  ownCode: string
  mark: { seq: number; hash: string }
  verdicts: SchemaVerdicts
}

/**
 * Whether a previewed plan still holds inside the commit's transaction: nothing was written since the preview (the
 * audit head is where it was), and — checked anyway, as they decide the whole import — the bundle is still not in
 * the received ledger (or still is, as then) and the channel still stands where the preview saw it.
 */
async function stillCurrent(ctx: CommandContext, bundle: OpenedBundle, previewed: PreviewedImport): Promise<boolean> {
  const { plan } = previewed
  const mark = await auditHead(ctx.read)
  if (mark.seq !== previewed.mark.seq || mark.hash !== previewed.mark.hash) return false
  if (planDigest(plan) !== previewed.digest) return false
  const seen = (await ctx.read.receivedBundles.get(plan.bundleId)) as ReceivedRow | undefined
  if (seen?.receivedAt !== plan.alreadyImportedAt || (seen && seen.hash !== plan.bundleHash)) return false
  if (plan.alreadyImportedAt) return true
  try {
    const channel = await channelCheck(ctx.read, bundle, plan.sender.unitName)
    return channel.fork === plan.fork && channel.gaps.join() === plan.channelGaps.join()
  } catch {
    return false
  }
}

/**
 * The plan the commit writes: the previewed one when it still holds; otherwise planned again inside this
 * transaction (with the preview's schema verdicts: the bundle is the same immutable object), and refused below if
 * it differs from what was previewed.
 */
async function planToCommit(
  ctx: CommandContext,
  own: UnitRow,
  bundle: OpenedBundle,
  previewDigest: string,
  previewed?: PreviewedImport,
): Promise<ImportPlan> {
  if (!previewed || previewed.digest !== previewDigest || previewed.ownCode !== own.code) {
    return planImport(ctx.read, own, bundle)
  }
  if (await stillCurrent(ctx, bundle, previewed)) return previewed.plan
  return planImport(ctx.read, own, bundle, previewed.verdicts)
}

export type ImportOutcome =
  | { status: 'already-imported'; at: string; plan: ImportPlan }
  | { status: 'imported'; plan: ArchivePlan; receipt: Receipt }
  | { status: 'imported'; plan: AckPlan }
  | { status: 'imported'; plan: DownwardPlan }

/**
 * The sender's audit log must not go backwards (docs/security.md §5): this office keeps the audit head each bundle
 * from a sender states, and refuses — nothing written — a bundle stating fewer entries than the last one imported
 * (entries deleted, or the sender's data replaced by an older backup), or as many with a different last hash (entries
 * rewritten). A head further on is taken as it is: only the sender's own anchor can tell whether it extends the
 * previous one.
 */
export function senderAuditRegression(
  channel: Pick<InChannelRow, 'audit'> | undefined,
  sender: { unitCode: string; unitName: string },
  channelSeq: number,
  head: AuditHead,
): CodedError | undefined {
  const held = channel?.audit
  if (!held) return undefined
  const params = { unitCode: sender.unitCode, unitName: sender.unitName, seq: channelSeq }
  if (headAuditHash(held) !== headAuditHash(head)) {
    return new CodedError('exchange.audit-alg-changed', {
      ...params,
      heldAlg: auditHashLabels[headAuditHash(held)],
      heldChannelSeq: held.channelSeq,
      gotAlg: auditHashLabels[headAuditHash(head)],
    })
  }
  if (head.seq < held.seq) {
    return new CodedError('exchange.audit-behind', {
      ...params,
      held: held.seq,
      heldChannelSeq: held.channelSeq,
      got: head.seq,
    })
  }
  if (head.seq === held.seq && head.hash !== held.hash) {
    return new CodedError('exchange.audit-diverged', {
      ...params,
      held: held.seq,
      heldHash: held.hash,
      gotHash: head.hash,
    })
  }
  return undefined
}

async function recordChannel(ctx: CommandContext, plan: ImportPlan, head: AuditHead) {
  const key = EX.in(plan.sender.unitCode)
  const existing = (await ctx.read.exchange.get(key)) as InChannelRow | undefined
  const regression = senderAuditRegression(existing, plan.sender, plan.channelSeq, head)
  if (regression) throw regression
  const row = existing ?? {
    key,
    sender: plan.sender.unitCode,
    lastReceivedSeq: 0,
    lastBundleHash: null,
    gaps: [],
    forks: [],
  }
  await putExchange(ctx, {
    ...row,
    lastReceivedSeq: plan.channelSeq,
    lastBundleHash: plan.bundleHash,
    gaps: [...row.gaps, ...plan.channelGaps].slice(-1000),
    forks: plan.fork ? [...row.forks, plan.channelSeq].slice(-1000) : row.forks,
    audit: {
      seq: head.seq,
      hash: head.hash,
      ...headAlgField(headAuditHash(head)),
      channelSeq: plan.channelSeq,
      bundleId: plan.bundleId,
      at: ctx.now.instant,
    },
  })
}

/**
 * Stores the scans' bytes beside their attachment records (attachmentBlobs, as 添加扫描件 does), with one audit
 * entry for the bundle's scans (count, bytes, and a hash over the ids and sha256 values).
 */
async function storeScans(ctx: CommandContext, plan: ArchivePlan, bundle: OpenedBundle): Promise<void> {
  if (plan.scans.store.length === 0) return
  const files = new Map((bundle.scans ?? []).map((f) => [f.id, f]))
  const records = new Map((bundle.tables.attachments ?? []).map((r) => [r.id as string, r]))
  const rows = plan.scans.store.map((id) => {
    const f = files.get(id)
    if (!f) throw new CodedError('exchange.plan-changed')
    return { id, blob: new Blob([decodeBase64(f.bytes)], { type: String(records.get(id)?.mime ?? '') }) }
  })
  await ctx.putBlobs(rows, {
    entityId: `import:${plan.bundleId}:scans`,
    details: {
      bundleId: plan.bundleId,
      sender: plan.sender.unitCode,
      count: rows.length,
      bytes: plan.scans.storeBytes,
      contentHash: hashOf(plan.scans.store.map((id) => [id, files.get(id)?.sha256])),
    },
  })
}

async function commitArchive(ctx: CommandContext, plan: ArchivePlan, bundle: OpenedBundle): Promise<Receipt> {
  for (const u of plan.writes.units ?? []) await ctx.put('units', u.code as string, u)
  // One table at a time: handing every table to IndexedDB at once used as much CPU and held ~1.8 GB more in the page
  // for a province (docs/performance.md, issue 9).
  for (const [table, rows] of Object.entries(plan.writes)) {
    if (table === 'units') continue
    await ctx.putReplicas(table as TableName, rows, replicaProvenance(plan, bundle, table, plan.groups))
  }
  await storeScans(ctx, plan, bundle)
  for (const o of plan.origins) {
    if (!o.allowed) continue
    const key = EX.origin(o.unitCode)
    const row = (await ctx.read.exchange.get(key)) as OriginRow | undefined
    const gaps = row?.revGaps ?? []
    await putExchange(ctx, {
      key,
      unitCode: o.unitCode,
      highWaterRev: o.heldAfter,
      via: plan.sender.unitCode,
      updatedAt: ctx.now.instant,
      lastBundleId: plan.bundleId,
      revGaps: o.gap ? [...gaps, { ...o.gap, bundleId: plan.bundleId }].slice(-100) : gaps,
    } satisfies OriginRow)
  }
  return receiptFor(plan, ctx.now.instant)
}

async function commitAck(ctx: CommandContext, plan: AckPlan): Promise<void> {
  const { receipt, sent } = plan
  const upstream = (await ctx.read.exchange.get(EX.upstream)) as UpstreamRow | undefined
  const holds = { ...(upstream?.parentCode === plan.sender.unitCode ? upstream.holds : {}) }
  for (const h of receipt.holds) holds[h.unitCode] = h.highWaterRev
  await putExchange(ctx, {
    key: EX.upstream,
    parentCode: plan.sender.unitCode,
    holds,
    lastAck: {
      ackBundleId: plan.bundleId,
      ackedBundleId: receipt.ackedBundleId,
      ackedChannelSeq: receipt.ackedChannelSeq,
      receivedAt: ctx.now.instant,
      committedAt: receipt.committedAt,
      rejected: receipt.rejected,
      counts: receipt.counts,
    },
  } satisfies UpstreamRow)
  await putExchange(ctx, {
    ...sent,
    ack: { at: receipt.committedAt, ackBundleId: plan.bundleId, rejected: receipt.rejectedTotal },
  })
}

/**
 * 导入数据包 (archive, acknowledgement or a downward kind): takes the previewed plan if the store has not changed
 * since the preview, or plans again inside the transaction from the same opened bundle; refuses when the plan
 * differs from the preview, then writes everything — records unchanged as their owner wrote them, directory entries,
 * high-water marks, the channel position, the received-bundle ledger entry with the receipt — or, on any failure,
 * nothing. Re-importing the same bundle changes nothing. Without a kept preview it always plans again.
 */
export function importCommand(previewed?: PreviewedImport): CommandSpec<z.infer<typeof importInput>, ImportOutcome> {
  return {
    name: 'exchange.import',
    input: importInput,
    tables: [...importTables],
    run: (ctx, input) => runImport(ctx, input, previewed),
  }
}

export const commitImport = importCommand()

async function runImport(
  ctx: CommandContext,
  { bundle, previewDigest }: z.infer<typeof importInput>,
  previewed?: PreviewedImport,
): Promise<ImportOutcome> {
  const own = await ownUnit(ctx)
  const plan = await planToCommit(ctx, own, bundle as OpenedBundle, previewDigest, previewed)
  if (planDigest(plan) !== previewDigest) throw new CodedError('exchange.plan-changed')
  if (plan.alreadyImportedAt) return { status: 'already-imported', at: plan.alreadyImportedAt, plan }
  await recordChannel(ctx, plan, (bundle as OpenedBundle).manifest.auditHead)
  const senderName = plan.sender.unitName
  const base = {
    bundleId: plan.bundleId,
    sender: plan.sender.unitCode,
    senderName,
    receivedAt: ctx.now.instant,
    receivedBy: ctx.actor.userId,
    kind: plan.kind,
    hash: plan.bundleHash,
    channelSeq: plan.channelSeq,
    gap: plan.channelGaps,
  }
  if (plan.kind === 'archive') {
    const receipt = await commitArchive(ctx, plan, bundle as OpenedBundle)
    await ctx.put('receivedBundles', plan.bundleId, {
      ...base,
      counts: receipt.counts,
      rejected: plan.rejected.length,
      receipt,
    } satisfies ReceivedRow)
    return { status: 'imported', plan, receipt }
  }
  if (isDownwardPlan(plan)) {
    const counts = await commitDownward(ctx, plan, bundle as OpenedBundle)
    await ctx.put('receivedBundles', plan.bundleId, {
      ...base,
      counts,
      rejected: plan.rejected.length,
    } satisfies ReceivedRow)
    return { status: 'imported', plan }
  }
  await commitAck(ctx, plan)
  await ctx.put('receivedBundles', plan.bundleId, {
    ...base,
    counts: plan.receipt.counts,
    rejected: plan.receipt.rejectedTotal,
  } satisfies ReceivedRow)
  return { status: 'imported', plan }
}
