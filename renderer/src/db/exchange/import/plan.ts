import { unitSchema } from '@shared/domain/schemas'
import { describeZodError } from '@shared/errors/zodProblems'
import { displayName } from '@shared/exchange/errors'
import { formatFingerprint } from '@shared/exchange/fingerprint'
import { sm2RecordProblem } from '@shared/exchange/gmKeys'
import { bundleKindLabels, isDownwardKind } from '@shared/exchange/manifest'
import type { UnitRow } from '../../database'
import type { ReadDb } from '../../readOnly'
import {
  EX,
  type OpenedBundle,
  type PeerRow,
  parseUnitKey,
  RECEIPT_TABLE,
  type Receipt,
  receiptSchema,
  refuseRevokedSigner,
  revocationOf,
  type SentRow,
  type UpstreamRow,
} from '../store'
import { type ArchivePlan, planArchive, type SchemaVerdicts } from './planArchive'
import {
  channelCheck,
  levelLabel,
  levelRank,
  MAX_LISTED_GAPS,
  type PlanBase,
  planBase,
  refuse,
  refuseMisaddressed,
  replayCheck,
  requirePeer,
  wrongKind,
} from './planChecks'
import { type DownwardPlan, planDownward } from './planDownward'

export { type ArchivePlan, type OriginPlan, type PlanGroup, planArchive, type SchemaVerdicts } from './planArchive'

/**
 * Import planning (docs/architecture.md §4 "Import"): everything that decides what an opened bundle would change, without
 * writing. The preview shows the plan; the commit command writes exactly that plan, so what is committed is what was
 * previewed or nothing: it reuses the previewed plan when the store has not changed since (importBundle.ts,
 * `confirmImport`), and otherwise plans again INSIDE its transaction and refuses if the plan came out different.
 */

const MAX_RECEIPT_REJECTIONS = 1000

export interface AckPlan extends PlanBase {
  kind: 'ack'
  receipt: Receipt
  sent: SentRow
  holdsBefore: Record<string, number>
}

export type ImportPlan = ArchivePlan | AckPlan | DownwardPlan

// ---- shared checks -------------------------------------------------------------------------------------------

export interface EnrollmentPlan {
  bundleId: string
  bundleHash: string
  unit: UnitRow
  relation: 'parent' | 'child'
  keyId: string
  fingerprint: string
  /**
   * 国密指纹 of the SM2 keys in the unit's key record, when it has them. They arrive inside the payload the
   * fingerprint-checked Ed25519 key signed, so confirming `fingerprint` confirms them too; shown so both offices
   * can read it aloud as well (docs/bundle-format.md §2.3).
   */
  sm2Fingerprint?: string
  /** Already enrolled with exactly this key: nothing would change. */
  alreadyEnrolled: boolean
  /**
   * 重新入网登记: the office's enrolled key was revoked here; this new key replaces it. The channel and the
   * high-water marks stay (docs/exchange.md “吊销密钥”).
   */
  reenrolment?: { previousFingerprint: string; revokedAt: string; reason: string }
}

/**
 * What importing an enrollment bundle would do: the sending office's unit row (validated), its relation to this
 * office (direct subordinate or the parent, from the codes and levels), and its key. The fingerprint typed by the
 * operator is checked by the command, not here, so the preview can show the unit before asking for it.
 */
export async function planEnrollment(db: ReadDb, own: UnitRow, bundle: OpenedBundle): Promise<EnrollmentPlan> {
  const { manifest, tables } = bundle
  if (manifest.kind !== 'enrollment') wrongKind(manifest.kind)
  if (bundle.scans?.length) refuse('exchange.enroll-invalid', { detail: '入网登记包不应附带扫描件' })
  if (manifest.sender.unitCode === own.code) refuse('exchange.enroll-self')
  const rows = tables.units ?? []
  const extra = Object.keys(tables).filter((t) => t !== 'units')
  if (rows.length !== 1 || extra.length) refuse('exchange.enroll-invalid', { detail: '应当且只应包含一条单位信息' })
  const parsed = unitSchema.safeParse(rows[0])
  if (!parsed.success) refuse('exchange.enroll-invalid', { detail: describeZodError(parsed.error, 3) })
  const unit = rows[0] as UnitRow
  const key = parseUnitKey(unit.publicKey)
  const s = manifest.sender
  if (unit.code !== s.unitCode || unit.level !== s.level || unit.directoryOnly) {
    refuse('exchange.enroll-invalid', { detail: '单位信息与签名的发送单位不一致' })
  }
  if (
    !key ||
    key.unitCode !== s.unitCode ||
    key.keyId !== s.keyId ||
    key.signingKey !== s.signingKey ||
    key.encryptionKey !== s.encryptionKey
  ) {
    refuse('exchange.enroll-invalid', { detail: '单位信息中的公钥与签名所用的密钥不一致' })
  }
  const sm2Problem = sm2RecordProblem(key)
  if (sm2Problem) refuse('exchange.enroll-invalid', { detail: sm2Problem })
  let relation: 'parent' | 'child'
  if (unit.parentCode === own.code) {
    relation = 'child'
    if (levelRank(unit.level) <= levelRank(own.level)) {
      refuse('exchange.enroll-level', { unitName: unit.name, level: levelLabel(unit.level), relation: '下级单位' })
    }
  } else if (unit.code === own.parentCode) {
    relation = 'parent'
    if (levelRank(unit.level) >= levelRank(own.level)) {
      refuse('exchange.enroll-level', { unitName: unit.name, level: levelLabel(unit.level), relation: '上级院' })
    }
  } else {
    return refuse('exchange.enroll-unrelated', {
      unitName: displayName(unit.name),
      unitCode: unit.code,
      parentCode: unit.parentCode ?? '无',
      own: own.code,
    })
  }
  const peer = (await db.exchange.get(EX.peer(unit.code))) as PeerRow | undefined
  // A revoked key never enrols again; a new key replaces the enrolled one only after that one was revoked here.
  refuseRevokedSigner(peer, s.keyId)
  const replaces = peer && peer.record.keyId !== s.keyId ? revocationOf(peer, peer.record.keyId) : undefined
  if (peer && peer.record.keyId !== s.keyId && !replaces) {
    refuse('exchange.enroll-key-changed', {
      unitName: displayName(unit.name),
      unitCode: unit.code,
      fingerprint: peer.fingerprint,
    })
  }
  if (peer && peer.relation !== relation) {
    refuse('exchange.enroll-invalid', { detail: '该单位已以另一种关系（上级院或下级单位）登记' })
  }
  return {
    bundleId: manifest.bundleId,
    bundleHash: bundle.bundleHash,
    unit,
    relation,
    keyId: s.keyId,
    fingerprint: formatFingerprint(s.keyId),
    ...(key.sm2KeyId ? { sm2Fingerprint: formatFingerprint(key.sm2KeyId) } : {}),
    alreadyEnrolled: peer !== undefined && !replaces,
    ...(replaces
      ? {
          reenrolment: {
            previousFingerprint: replaces.fingerprint,
            revokedAt: replaces.revokedAt,
            reason: replaces.reason,
          },
        }
      : {}),
  }
}

/** The acknowledgement content after an archive is committed (what the receiver holds and what it refused). */
export function receiptFor(plan: ArchivePlan, committedAt: string): Receipt {
  return {
    format: 'jiuzhu-receipt',
    version: 1,
    ackedBundleId: plan.bundleId,
    ackedBundleHash: plan.bundleHash,
    ackedChannelSeq: plan.channelSeq,
    committedAt,
    holds: plan.origins.filter((o) => o.allowed).map((o) => ({ unitCode: o.unitCode, highWaterRev: o.heldAfter })),
    counts: plan.groups.map(({ unitName: _n, ...g }) => g),
    rejected: plan.rejected.slice(0, MAX_RECEIPT_REJECTIONS),
    rejectedTotal: plan.rejected.length,
    channelGaps: plan.channelGaps.slice(0, MAX_LISTED_GAPS),
    revGaps: plan.origins.filter((o) => o.gap).map((o) => ({ unitCode: o.unitCode, ...o.gap! })),
  }
}

// ---- acknowledgement (at the sender) -------------------------------------------------------------------------

/**
 * Plans an acknowledgement from the parent: the sender is the enrolled parent; new bundle; channel order; exactly
 * one valid receipt naming a bundle this office sent to that parent, with the same hash.
 */
export async function planAck(db: ReadDb, own: UnitRow, bundle: OpenedBundle): Promise<AckPlan> {
  const { manifest, tables } = bundle
  if (manifest.kind !== 'ack') wrongKind(manifest.kind)
  refuseMisaddressed(bundle, own)
  const peer = await requirePeer(db, bundle, 'parent')
  const rows = tables[RECEIPT_TABLE] ?? []
  if (rows.length !== 1 || Object.keys(tables).length !== 1) {
    refuse('exchange.receipt-invalid', { detail: '应当且只应包含一份回执' })
  }
  const parsed = receiptSchema.safeParse(rows[0])
  if (!parsed.success) refuse('exchange.receipt-invalid', { detail: describeZodError(parsed.error, 3) })
  const receipt = parsed.data
  const sent = (await db.exchange.get(EX.sent(receipt.ackedBundleId))) as SentRow | undefined
  if (!sent || sent.receiver !== peer.unitCode || sent.bundleHash !== receipt.ackedBundleHash) {
    refuse('exchange.ack-unknown-bundle', { bundleId: receipt.ackedBundleId })
  }
  const upstream = (await db.exchange.get(EX.upstream)) as UpstreamRow | undefined
  const base = planBase(bundle, peer)
  const holdsBefore = upstream?.parentCode === peer.unitCode ? upstream.holds : {}
  const seenAt = await replayCheck(db, bundle)
  if (seenAt) return { kind: 'ack', ...base, alreadyImportedAt: seenAt, receipt, sent, holdsBefore }
  const channel = await channelCheck(db, bundle, peer.unitName)
  if (receipt.rejectedTotal > 0) {
    channel.warnings.push(`上级院拒收了 ${receipt.rejectedTotal} 条记录，请按下表中的原因更正后重新上报。`)
  }
  if (receipt.revGaps.length) {
    channel.warnings.push('上级院发现版本号缺口，下次上报会自动从其持有的版本起重发。')
  }
  return {
    kind: 'ack',
    ...base,
    channelGaps: channel.gaps,
    fork: channel.fork,
    warnings: channel.warnings,
    receipt,
    sent,
    holdsBefore,
  }
}

/** Plans whichever import the bundle's kind calls for (archive, acknowledgement, or a downward/filing kind). */
export function planImport(
  db: ReadDb,
  own: UnitRow,
  bundle: OpenedBundle,
  verdicts?: SchemaVerdicts,
): Promise<ImportPlan> {
  if (bundle.manifest.kind === 'archive') return planArchive(db, own, bundle, verdicts)
  if (bundle.scans?.length) {
    refuse('exchange.scan-invalid', {
      name: bundle.scans[0].id,
      detail: `“${bundleKindLabels[bundle.manifest.kind]}”数据包不应附带扫描件`,
    })
  }
  if (bundle.manifest.kind === 'ack') return planAck(db, own, bundle)
  if (isDownwardKind(bundle.manifest.kind)) return planDownward(db, own, bundle)
  return wrongKind(bundle.manifest.kind)
}
