import { type UnitLevel, unitLevelLabels, unitLevels } from '@shared/domain/officeSetup'
import type { ErrorCode, MessageParams } from '@shared/errors'
import { CodedError } from '@shared/errors/coded'
import { displayName } from '@shared/exchange/errors'
import { IMPORT_JUMP_LIMITS } from '@shared/exchange/limits'
import { type BundleKind, bundleKindLabels } from '@shared/exchange/manifest'
import type { UnitRow } from '../../database'
import type { ReadDb } from '../../readOnly'
import { EX, type InChannelRow, type OpenedBundle, type PeerRow, type ReceivedRow, refuseRevokedSigner } from '../store'

/**
 * The checks every import plan starts with, whatever its kind: the bundle is for this office, from an enrolled peer
 * whose key is not revoked, not a replay, and in channel order (jumps bounded).
 */

/** At most this many missing channel numbers are listed (in a preview and in the receipt). */
export const MAX_LISTED_GAPS = 1000

/**
 * Refuses the bundle being planned: throws the coded refusal, which aborts the planning transaction; the entry points
 * (importBundle.ts `guard`, and execute() for the commit) turn it into the failed Result the screen shows.
 */
export function refuse(code: ErrorCode, params: MessageParams = {}): never {
  throw new CodedError(code, params)
}

export function wrongKind(kind: BundleKind): never {
  return refuse('exchange.unexpected-kind', { kind: bundleKindLabels[kind] })
}

/** A bundle this office sent itself, or one addressed to another office, is refused whatever its kind. */
export function refuseMisaddressed(bundle: OpenedBundle, own: UnitRow): void {
  const { manifest } = bundle
  if (manifest.sender.unitCode === own.code) refuse('exchange.self-sent')
  if (manifest.receiver?.unitCode !== own.code) {
    refuse('bundle.wrong-receiver', { receiver: manifest.receiver?.unitCode ?? '（无）', expected: own.code })
  }
}

export const levelRank = (l: UnitLevel) => unitLevels.indexOf(l)

export interface PlanBase {
  bundleId: string
  bundleHash: string
  sender: { unitCode: string; unitName: string; level: UnitLevel }
  channelSeq: number
  /** Set when this exact bundle was imported before: nothing would change. */
  alreadyImportedAt?: string
  channelGaps: number[]
  fork: boolean
  warnings: string[]
}

export async function replayCheck(db: ReadDb, bundle: OpenedBundle): Promise<string | undefined> {
  const seen = (await db.receivedBundles.get(bundle.manifest.bundleId)) as ReceivedRow | undefined
  if (!seen) return undefined
  if (seen.hash !== bundle.bundleHash) refuse('exchange.bundle-id-reused', { bundleId: bundle.manifest.bundleId })
  return seen.receivedAt
}

/**
 * A channel number that skips more than `IMPORT_JUMP_LIMITS.channelSkip` numbers after the last one imported: the
 * refusal, or undefined (docs/exchange.md “序号与版本号的跳跃上限”). Checked when the file is picked, when it is
 * planned and inside the commit, so such a bundle never moves the channel.
 */
export function channelJumpError(
  manifest: Pick<OpenedBundle['manifest'], 'channelSeq' | 'sender'>,
  last: number,
  senderName: string,
): CodedError | undefined {
  const skipped = manifest.channelSeq - last - 1
  if (skipped <= IMPORT_JUMP_LIMITS.channelSkip) return undefined
  return new CodedError('exchange.channel-jump', {
    unitName: displayName(senderName),
    unitCode: manifest.sender.unitCode,
    last,
    seq: manifest.channelSeq,
    skipped,
    limit: IMPORT_JUMP_LIMITS.channelSkip,
  })
}

export async function channelCheck(
  db: ReadDb,
  bundle: OpenedBundle,
  senderName: string,
): Promise<{ gaps: number[]; fork: boolean; warnings: string[] }> {
  const { manifest } = bundle
  const row = (await db.exchange.get(EX.in(manifest.sender.unitCode))) as InChannelRow | undefined
  const last = row?.lastReceivedSeq ?? 0
  if (manifest.channelSeq <= last) {
    refuse('exchange.out-of-order', { unitName: senderName, last, seq: manifest.channelSeq })
  }
  const jump = channelJumpError(manifest, last, senderName)
  if (jump) throw jump
  const gaps: number[] = []
  for (let s = last + 1; s < manifest.channelSeq && gaps.length < MAX_LISTED_GAPS; s++) gaps.push(s)
  const warnings: string[] = []
  if (gaps.length) {
    warnings.push(
      `缺号：本院上次导入的是第 ${last} 号，此包为第 ${manifest.channelSeq} 号，缺少第 ${gaps.length > 5 ? `${gaps.slice(0, 5).join('、')} 等 ${gaps.length} 个` : gaps.join('、')} 号。缺号会被记录；上报数据按回执增量导出，缺少的内容一般已包含在此包中，如对方确未收到回执请核对。`,
    )
  }
  const fork = manifest.channelSeq === last + 1 && (row?.lastBundleHash ?? null) !== manifest.prevBundleHash
  if (fork) {
    warnings.push(
      '链接不符：此包声明的“上一个数据包”与本院上次导入的不是同一个文件（对方可能重新导出过或从备份恢复过）。数据仍按版本号逐条核对，不会以旧覆新。',
    )
  }
  return { gaps, fork, warnings }
}

export function levelLabel(level: UnitLevel): string {
  return unitLevelLabels[level]
}

// ---- enrollment ----------------------------------------------------------------------------------------------

/** What every plan says of its bundle: id, hash, the enrolled sender, the channel number (gaps and forks added later). */
export function planBase(bundle: OpenedBundle, peer: PeerRow): PlanBase {
  return {
    bundleId: bundle.manifest.bundleId,
    bundleHash: bundle.bundleHash,
    sender: { unitCode: peer.unitCode, unitName: peer.unitName, level: peer.level },
    channelSeq: bundle.manifest.channelSeq,
    channelGaps: [],
    fork: false,
    warnings: [],
  }
}

export async function requirePeer(db: ReadDb, bundle: OpenedBundle, relation: 'parent' | 'child'): Promise<PeerRow> {
  const s = bundle.manifest.sender
  const peer = (await db.exchange.get(EX.peer(s.unitCode))) as PeerRow | undefined
  refuseRevokedSigner(peer, s.keyId)
  const retired = peer?.retired?.find((r) => r.keyId === s.keyId)
  if (peer && retired) {
    refuse('exchange.key-retired', {
      unitName: displayName(s.unitName),
      unitCode: s.unitCode,
      fingerprint: retired.fingerprint,
      at: retired.retiredAt.slice(0, 10),
    })
  }
  if (!peer || !bundle.senderTrusted || peer.record.keyId !== s.keyId) {
    refuse('exchange.not-enrolled', { unitName: displayName(s.unitName), unitCode: s.unitCode })
  }
  if (peer.relation !== relation) {
    refuse(relation === 'child' ? 'exchange.not-subordinate' : 'exchange.not-parent', {
      unitName: displayName(s.unitName),
      unitCode: s.unitCode,
    })
  }
  return peer
}
