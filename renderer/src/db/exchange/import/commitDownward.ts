import { formatFingerprint } from '@shared/exchange/fingerprint'
import { isDownwardKind } from '@shared/exchange/manifest'
import { canonicalJson } from '@shared/util/canonicalJson'
import { hashOf } from '@shared/util/hash'
import type { CommandContext } from '../../commands/context'
import type { TableName } from '../../database'
import {
  type DirectoryRow,
  EX,
  type OpenedBundle,
  type OriginTableCount,
  type PeerRow,
  putExchange,
  type StandardsRow,
} from '../store'
import type { ImportPlan } from './plan'
import type { DownwardPlan } from './planDownward'
import { replicaProvenance } from './provenance'

/**
 * Committing an imported downward bundle (标准、督导、重复救助提示、密钥轮换、报备; docs/exchange.md §一.7–11), inside
 * the import command's transaction (commit.ts).
 */

export function isDownwardPlan(plan: ImportPlan): plan is DownwardPlan {
  return isDownwardKind(plan.kind)
}

export function downwardDigest(plan: DownwardPlan): string {
  return hashOf({
    kind: plan.kind,
    id: plan.bundleId,
    at: plan.alreadyImportedAt ?? null,
    gaps: plan.channelGaps,
    fork: plan.fork,
    editions: plan.editions,
    directory: plan.directory,
    counts: plan.counts,
    rejected: plan.rejected,
    rotation: plan.rotation ?? null,
  })
}

/** Writes a planned downward import inside commitImport's transaction; returns the counts for the ledger. */
export async function commitDownward(
  ctx: CommandContext,
  plan: DownwardPlan,
  bundle: OpenedBundle,
): Promise<OriginTableCount[]> {
  const sender = plan.sender.unitCode
  for (const e of plan.writes.standards) {
    await ctx.put('standards', e.issuer, {
      issuer: e.issuer,
      edition: e,
      source: 'received',
      bundleId: plan.bundleId,
      via: sender,
      receivedAt: ctx.now.instant,
      receivedBy: ctx.actor.userId,
    } satisfies StandardsRow)
  }
  for (const d of plan.writes.directory) {
    await putExchange(ctx, {
      key: EX.directory(d.unitCode),
      unitCode: d.unitCode,
      unitName: d.unitName,
      level: d.level,
      ...(d.parentCode ? { parentCode: d.parentCode } : {}),
      record: d.record,
      fingerprint: formatFingerprint(d.record.keyId),
      ...(d.revokedKeys ? { revokedKeys: d.revokedKeys } : {}),
      issuer: sender,
      bundleId: plan.bundleId,
      receivedAt: ctx.now.instant,
    } satisfies DirectoryRow)
  }
  for (const [table, rows] of Object.entries(plan.writes.records)) {
    await ctx.putReplicas(table as TableName, rows, replicaProvenance(plan, bundle, table, plan.writes.tallies))
  }
  if (plan.rotation) {
    const r = plan.rotation
    const peer = (await ctx.read.exchange.get(EX.peer(r.unitCode))) as unknown as PeerRow
    await putExchange(ctx, {
      ...peer,
      record: r.next,
      fingerprint: r.nextFingerprint,
      retired: [
        ...(peer.retired ?? []),
        {
          keyId: peer.record.keyId,
          fingerprint: peer.fingerprint,
          retiredAt: ctx.now.instant,
          rotationBundleId: plan.bundleId,
        },
      ].slice(-32),
    } satisfies PeerRow)
    const unit = await ctx.read.units.get(r.unitCode)
    if (unit)
      await ctx.put('units', r.unitCode, { ...unit, publicKey: canonicalJson(r.next), fingerprint: r.nextFingerprint })
  }
  const counts: OriginTableCount[] = plan.counts.map((c) => ({ unitCode: sender, ...c }))
  if (plan.kind === 'standards') {
    counts.push({
      unitCode: sender,
      table: 'standards',
      new: plan.editions.filter((e) => e.verdict === 'new').length,
      updated: plan.editions.filter((e) => e.verdict === 'newer').length,
      unchanged: plan.editions.filter((e) => e.verdict === 'same' || e.verdict === 'older').length,
      rejected: plan.editions.filter((e) => e.verdict === 'conflict').length,
    })
  }
  return counts
}
