import { hashOf } from '../util/hash'

/**
 * The audit log is an append-only hash chain (docs/security-reference.md §5.1): entry n stores the hash of entry n−1, and its
 * own hash covers every field including that link. Altering, removing or reordering any entry breaks the chain
 * at or right after that entry; the head hash travels in every outgoing bundle so an outside party holds an anchor
 * against truncation of the tail.
 */
export interface AuditEntry {
  /** 1, 2, 3 … with no gaps. */
  seq: number
  /** ISO-8601 UTC instant. */
  at: string
  userId: string
  unitCode: string
  /** Command name, e.g. 'case.accept'. */
  command: string
  table: string
  entityId: string
  before: unknown
  after: unknown
  prevHash: string
  hash: string
}

export const GENESIS_HASH = '0'.repeat(64)

export function auditEntryHash(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, at, userId, unitCode, command, table, entityId, before, after, prevHash } = entry
  return hashOf({
    seq,
    at,
    userId,
    unitCode,
    command,
    table,
    entityId,
    before: before ?? null,
    after: after ?? null,
    prevHash,
  })
}

export function sealAuditEntry(entry: Omit<AuditEntry, 'hash'>): AuditEntry {
  return { ...entry, hash: auditEntryHash(entry) }
}

export type ChainBreak = 'seq-gap' | 'prev-hash' | 'hash'

export type ChainVerdict =
  | { ok: true; count: number; head: string }
  | { ok: false; count: number; brokenAt: number; reason: ChainBreak; message: string }

const reasons: Record<ChainBreak, (seq: number) => string> = {
  'seq-gap': (s) => `第 ${s} 条审计记录的序号不连续：其前面的记录被删除或顺序被调换。`,
  'prev-hash': (s) => `第 ${s} 条审计记录与前一条的链接不符：前一条记录被改动、删除或顺序被调换。`,
  hash: (s) => `第 ${s} 条审计记录的内容与其校验值不符：该记录被改动。`,
}

/** Walks the chain in the given order and reports the first broken entry. */
export function verifyAuditChain(
  entries: Iterable<AuditEntry>,
  start: { seq: number; prevHash: string } = { seq: 1, prevHash: GENESIS_HASH },
): ChainVerdict {
  let expectedSeq = start.seq
  let prev = start.prevHash
  let count = 0
  for (const e of entries) {
    const fail = (reason: ChainBreak): ChainVerdict => ({
      ok: false,
      count,
      brokenAt: e.seq ?? expectedSeq,
      reason,
      message: reasons[reason](e.seq ?? expectedSeq),
    })
    if (e.seq !== expectedSeq) return fail('seq-gap')
    if (e.prevHash !== prev) return fail('prev-hash')
    if (auditEntryHash(e) !== e.hash) return fail('hash')
    prev = e.hash
    expectedSeq++
    count++
  }
  return { ok: true, count, head: prev }
}
