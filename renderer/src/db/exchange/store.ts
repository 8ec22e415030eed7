import type { AuditHashAlg } from '@shared/audit/hashAlg'
import { SECRET_MARKERS } from '@shared/audit/records'
import type { UnitLevel } from '@shared/domain/officeSetup'
import { CodedError } from '@shared/errors/coded'
import type { RevokedKey, StandardsEdition } from '@shared/exchange/downward'
import { formatFingerprint, KEY_ID_PATTERN, keyIdOf } from '@shared/exchange/fingerprint'
import { type OfficeKeyRecord, officeKeyRecordSchema } from '@shared/exchange/keyRecord'
import { ARCHIVE_SCAN_MAX_BYTES } from '@shared/exchange/limits'
import { manifestShape } from '@shared/exchange/manifest'
import { TABLE_NAME_PATTERN } from '@shared/exchange/names'
import { bundleTablesSchema } from '@shared/exchange/tables'
import { canonicalJson } from '@shared/util/canonicalJson'
import { z } from 'zod'
import type { CommandContext } from '../commands/context'
import type { UnitRow } from '../database'
import { getOwnUnit } from '../queries/office'

/**
 * The exchange bookkeeping kept in the `exchange` table (docs/exchange.md §设计): one row per fact, keyed by a
 * prefix. None of it is replicated; all of it is in the office's encrypted backups. Also the few helpers every exchange
 * command writes through (ownUnit, putExchange, storeOfficeKey): the only place exchange rows are written.
 */

export const EX = {
  officeKey: 'officeKey',
  peer: (unitCode: string) => `peer:${unitCode}`,
  out: (receiver: string | null) => `out:${receiver ?? 'open'}`,
  in: (sender: string) => `in:${sender}`,
  origin: (unitCode: string) => `origin:${unitCode}`,
  upstream: 'upstream',
  sent: (bundleId: string) => `sent:${bundleId}`,
  /** This office's previous keys after a rotation (kept to open bundles still in flight to them). */
  retiredKey: (keyId: string) => `retiredKey:${keyId}`,
  /** A unit directory entry received in a standards bundle (the issuer's signed list of keys). */
  directory: (unitCode: string) => `dir:${unitCode}`,
} as const

/** This office's key: the sealed private keys (encrypted under the key passphrase) and the public record. */
export interface OfficeKeyRow {
  key: typeof EX.officeKey
  sealed: string
  record: OfficeKeyRecord
  fingerprint: string
  installedAt: string
  installedBy: string
}

/** An enrolled office (directory entry): its key, confirmed by fingerprint over the phone. */
export interface PeerRow {
  key: string
  unitCode: string
  unitName: string
  level: UnitLevel
  relation: 'parent' | 'child'
  record: OfficeKeyRecord
  fingerprint: string
  enrolledAt: string
  enrolledBy: string
  enrollmentBundleId: string
  enrollmentBundleHash: string
  /** Keys this office used before (密钥更换): bundles signed with them are refused from then on. */
  retired?: { keyId: string; fingerprint: string; retiredAt: string; rotationBundleId: string }[]
  /**
   * Keys declared void here (吊销密钥, without the old key: lost or stolen). Bundles signed with them are refused;
   * while the current `record` is one of them, nothing is sent to the office until it enrols again with a new key.
   */
  revoked?: KeyRevocation[]
}

/** One revoked key of an enrolled office (docs/exchange.md “吊销密钥”). */
export interface KeyRevocation {
  keyId: string
  fingerprint: string
  revokedAt: string
  revokedBy: string
  reason: string
}

/** The revocation of `keyId` among the office's revoked keys, if it was revoked. */
export function revocationOf(peer: Pick<PeerRow, 'revoked'> | undefined, keyId: string): KeyRevocation | undefined {
  return peer?.revoked?.find((r) => r.keyId === keyId)
}

/** The `exchange.key-revoked` (signer) or `exchange.peer-key-revoked` (receiver) refusal for a revoked key. */
export function revokedKeyError(
  code: 'exchange.key-revoked' | 'exchange.peer-key-revoked',
  peer: PeerRow | undefined,
  keyId: string,
): CodedError | undefined {
  const r = revocationOf(peer, keyId)
  if (!peer || !r) return undefined
  return new CodedError(code, {
    unitName: peer.unitName,
    unitCode: peer.unitCode,
    fingerprint: r.fingerprint,
    at: r.revokedAt.slice(0, 10),
    reason: r.reason,
  })
}

/** Refuses a bundle signed with a revoked key of `peer` (`exchange.key-revoked`), before anything is read from it. */
export function refuseRevokedSigner(peer: PeerRow | undefined, keyId: string): void {
  const e = revokedKeyError('exchange.key-revoked', peer, keyId)
  if (e) throw e
}

/** The sending side of a channel (this office → receiver, or → open for enrollment bundles). */
export interface OutChannelRow {
  key: string
  receiver: string | null
  lastSentSeq: number
  lastBundleHash: string | null
  /** A sequence number reserved for a bundle being packed; cleared when it is recorded or abandoned. */
  pendingSeq?: number
}

/** The receiving side of a channel (sender → this office). */
export interface InChannelRow {
  key: string
  sender: string
  lastReceivedSeq: number
  lastBundleHash: string | null
  /** Sequence numbers that were skipped (a gap): shown, never silently accepted. */
  gaps: number[]
  /** Sequence numbers whose prevBundleHash did not chain to the last bundle imported. */
  forks: number[]
  /**
   * The sender's audit-chain head as its last imported bundle stated it (manifest `auditHead`, docs/security.md §5):
   * a later bundle whose audit log is shorter, or as long with another last hash, or names another algorithm
   * (`alg`, absent = SHA-256), is refused.
   */
  audit?: { seq: number; hash: string; alg?: AuditHashAlg; channelSeq: number; bundleId: string; at: string }
}

/** What this office holds of one origin office's records: the contiguous high-water rev (docs/architecture.md §4). */
export interface OriginRow {
  key: string
  unitCode: string
  highWaterRev: number
  /** The direct subordinate through whom the records arrive. */
  via: string
  updatedAt: string
  lastBundleId: string
  /** Rev ranges missing between what was held and what a bundle started from (held + 1 … revFrom − 1). */
  revGaps: { from: number; to: number; bundleId: string }[]
}

/** What the parent office has acknowledged holding, per origin (from its latest acknowledgement). */
export interface UpstreamRow {
  key: typeof EX.upstream
  parentCode: string
  holds: Record<string, number>
  lastAck?: {
    ackBundleId: string
    ackedBundleId: string
    ackedChannelSeq: number
    receivedAt: string
    committedAt: string
    rejected: Rejection[]
    counts: OriginTableCount[]
  }
}

/** One bundle this office wrote. */
export interface SentRow {
  key: string
  bundleId: string
  kind: string
  receiver: string | null
  channelSeq: number
  bundleHash: string
  fileName: string
  createdAt: string
  createdBy: string
  origins: { unitCode: string; revFrom: number; revTo: number }[]
  counts: Record<string, number>
  fullResend?: boolean
  ack?: { at: string; ackBundleId: string; rejected: number }
}

export interface Rejection {
  table: string
  id: string
  unitCode: string
  reason: string
}

export interface OriginTableCount {
  unitCode: string
  table: string
  new: number
  updated: number
  unchanged: number
  rejected: number
}

/** One row of `receivedBundles`: every bundle imported (or recognised as already imported). */
export interface ReceivedRow {
  bundleId: string
  sender: string
  senderName: string
  receivedAt: string
  receivedBy: string
  kind: string
  hash: string
  channelSeq: number
  /** Sequence numbers missing before this one on its channel. */
  gap: number[]
  counts: OriginTableCount[]
  rejected: number
  /** The acknowledgement content, kept so a lost ack can be produced again. */
  receipt?: Receipt
  [field: string]: unknown
}

// ---- bundles as the renderer holds them after main opened them ----------------------------------------------

/** An opened bundle (verified and decrypted by the main process), as input to the import commands. */
export const openedBundleSchema = z
  .object({
    manifest: manifestShape,
    bundleHash: z.string().regex(/^[0-9a-f]{64}$/),
    senderTrusted: z.boolean(),
    senderFingerprint: z.string(),
    tables: bundleTablesSchema,
    /** Scans of an archive (`attachments/<id>` payload files): checked against their attachment records on import. */
    scans: z
      .array(
        z
          .object({
            id: z.string().regex(/^[0-9A-Z-]{10,64}$/),
            size: z.number().int().min(0).max(ARCHIVE_SCAN_MAX_BYTES),
            sha256: z.string().regex(/^[0-9a-f]{64}$/),
            bytes: z
              .string()
              .max(Math.ceil((ARCHIVE_SCAN_MAX_BYTES * 4) / 3) + 4)
              .regex(/^[A-Za-z0-9+/]*={0,2}$/),
          })
          .strict(),
      )
      .max(10_000)
      .optional(),
  })
  .strict()

export type OpenedBundle = z.infer<typeof openedBundleSchema>

// ---- the acknowledgement payload (receipt.ndjson, one record) -------------------------------------------------

const unitCode = z.string().regex(/^\d{6}$/)

const nat = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

export const RECEIPT_TABLE = 'receipt'

export const receiptSchema = z
  .object({
    format: z.literal('jiuzhu-receipt'),
    version: z.literal(1),
    ackedBundleId: z.string().regex(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/),
    ackedBundleHash: z.string().regex(/^[0-9a-f]{64}$/),
    ackedChannelSeq: z.number().int().min(1),
    committedAt: z.iso.datetime(),
    /** Per origin, the contiguous high-water rev the receiver holds after the import. */
    holds: z.array(z.object({ unitCode, highWaterRev: nat }).strict()).max(10_000),
    counts: z
      .array(
        z
          .object({
            unitCode,
            table: z.string().regex(TABLE_NAME_PATTERN),
            new: nat,
            updated: nat,
            unchanged: nat,
            rejected: nat,
          })
          .strict(),
      )
      .max(100_000),
    rejected: z
      .array(
        z
          .object({
            table: z.string().max(41),
            id: z.string().max(120),
            unitCode: z.string().max(6),
            reason: z.string().max(500),
          })
          .strict(),
      )
      .max(1000),
    rejectedTotal: nat,
    channelGaps: z.array(z.number().int().min(1)).max(1000),
    revGaps: z.array(z.object({ unitCode, from: nat, to: nat }).strict()).max(10_000),
  })
  .strict()

export type Receipt = z.infer<typeof receiptSchema>

// ---- fingerprints typed by the operator ------------------------------------------------------------------------

/**
 * What the operator typed while the other office read its fingerprint aloud → a key id, or null when it cannot be
 * one. Case, spaces and hyphens do not matter; O reads as 0 and I/L as 1 (Crockford base32 decoding).
 */
export function normaliseFingerprint(typed: string): string | null {
  const s = typed
    .toUpperCase()
    .replace(/[\s\-－—_.·]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1')
  return KEY_ID_PATTERN.test(s) ? s : null
}

/** The public key record written into a unit row's `publicKey` field (canonical JSON, unitSchema allows ≤ 4096). */
export function parseUnitKey(publicKey: unknown): OfficeKeyRecord | null {
  if (typeof publicKey !== 'string' || publicKey.length > 4096) return null
  try {
    const r = officeKeyRecordSchema.safeParse(JSON.parse(publicKey))
    return r.success ? (r.data as OfficeKeyRecord) : null
  } catch {
    return null
  }
}

export const keyInput = z
  .object({
    sealed: z
      .string()
      .min(100)
      .max(16 * 1024),
    record: officeKeyRecordSchema,
    fingerprint: z.string().min(1).max(40),
  })
  .strict()

/** What the audit log keeps instead of a sealed private key (the command context redacts it). */
export const SEALED_REDACTED = SECRET_MARKERS.sealed

export async function ownUnit(ctx: CommandContext): Promise<UnitRow> {
  const unit = await getOwnUnit(ctx.read)
  if (!unit || unit.code !== ctx.actor.unitCode)
    throw new CodedError('command.not-found', { table: 'units', id: '本院' })
  return unit
}

/** Writes an exchange bookkeeping row and audits it. */
export function putExchange<T extends { key: string }>(ctx: CommandContext, row: T): Promise<T> {
  return ctx.put('exchange', row.key, row as T & Record<string, unknown>)
}

/** Stores the office key row; the sealed private keys never enter the audit log (only the public record does). */
export async function storeOfficeKey(ctx: CommandContext, unit: UnitRow, input: z.infer<typeof keyInput>, rev: number) {
  const { record } = input
  if (record.unitCode !== unit.code || keyIdOf(record) !== record.keyId || sealedKeyId(input.sealed) !== record.keyId) {
    throw new CodedError('exchange.key-mismatch')
  }
  const row: OfficeKeyRow = {
    key: EX.officeKey,
    sealed: input.sealed,
    record,
    fingerprint: formatFingerprint(record.keyId),
    installedAt: ctx.now.instant,
    installedBy: ctx.actor.userId,
  }
  await putExchange(ctx, row)
  await ctx.put('units', unit.code, {
    ...unit,
    publicKey: canonicalJson(record),
    fingerprint: row.fingerprint,
    rev,
    updatedAt: ctx.now.instant,
    updatedBy: ctx.actor.userId,
  })
}

/** The key id named in a sealed key file's public header (without the passphrase). */
export function sealedKeyId(sealed: string): string | undefined {
  try {
    const v = JSON.parse(sealed) as { keyId?: unknown; format?: unknown }
    return v.format === 'jiuzhu-office-keys' && typeof v.keyId === 'string' ? v.keyId : undefined
  } catch {
    return undefined
  }
}

// ---- office key ----------------------------------------------------------------------------------------------

export async function actorName(ctx: CommandContext): Promise<string> {
  const user = await ctx.read.users.get(ctx.actor.userId)
  return (user?.displayName ?? ctx.actor.displayName ?? ctx.actor.userId).slice(0, 40)
}

// ---- 编制下发标准 ----------------------------------------------------------------------------------------------

/** One row of the `standards` table: the edition held from one issuer, and where it came from. */
export interface StandardsRow {
  issuer: string
  edition: StandardsEdition
  source: 'own' | 'received'
  bundleId?: string
  fileName?: string
  via?: string
  receivedAt: string
  receivedBy: string
  [field: string]: unknown
}

/** A unit directory entry received from a higher office (informational: import still needs enrollment). */
export interface DirectoryRow {
  key: string
  unitCode: string
  unitName: string
  level: string
  parentCode?: string
  record: OfficeKeyRecord
  fingerprint: string
  /** Keys of this office the issuer revoked (吊销密钥): bundles and transfer packages signed with them are refused. */
  revokedKeys?: RevokedKey[]
  issuer: string
  bundleId: string
  receivedAt: string
}
