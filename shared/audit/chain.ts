import { canonicalJson } from '../util/canonicalJson'
import {
  type AuditHashAlg,
  auditDigest,
  DEFAULT_AUDIT_HASH,
  declaredAuditHash,
  isAuditHashDeclaration,
} from './hashAlg'

/**
 * The audit log is an append-only hash chain (docs/security-reference.md §5.1): entry n stores the hash of entry n−1, and its
 * own hash covers every field including that link. Altering, removing or reordering any entry breaks the chain
 * at or right after that entry; the head hash travels in every outgoing bundle so an outside party holds an anchor
 * against truncation of the tail. The hash is SHA-256 or SM3, as the office chose at setup (shared/audit/hashAlg.ts):
 * every entry of a chain is sealed and verified under the one algorithm its entry 1 declares.
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

/** The one function that hashes an audit entry: the canonical JSON of every field but `hash`, under `alg`. */
export function auditEntryHash(entry: Omit<AuditEntry, 'hash'>, alg: AuditHashAlg): string {
  const { seq, at, userId, unitCode, command, table, entityId, before, after, prevHash } = entry
  return auditDigest(
    canonicalJson({
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
    }),
    alg,
  )
}

export function sealAuditEntry(entry: Omit<AuditEntry, 'hash'>, alg: AuditHashAlg): AuditEntry {
  return { ...entry, hash: auditEntryHash(entry, alg) }
}

export type ChainBreak = 'seq-gap' | 'prev-hash' | 'hash' | 'declaration'

export type ChainVerdict =
  | { ok: true; count: number; head: string; alg: AuditHashAlg }
  | { ok: false; count: number; brokenAt: number; reason: ChainBreak; message: string }

const reasons: Record<ChainBreak, (seq: number) => string> = {
  'seq-gap': (s) => `第 ${s} 条审计记录的序号不连续：其前面的记录被删除或顺序被调换。`,
  'prev-hash': (s) => `第 ${s} 条审计记录与前一条的链接不符：前一条记录被改动、删除或顺序被调换。`,
  hash: (s) => `第 ${s} 条审计记录的内容与其校验值不符：该记录被改动。`,
  declaration: (s) =>
    `第 ${s} 条审计记录声称选定审计日志的校验算法：校验算法只在首次设置时记入第 1 条，此后不能更改，该记录被伪造或改动。`,
}

/**
 * Walks the chain in the given order and reports the first broken entry. From entry 1 the algorithm is the one
 * entry 1 declares (SHA-256 without a declaration); a walk that starts later is told it (`start.alg`). A
 * declaration anywhere but entry 1, or one naming no algorithm this software knows, is a break.
 */
export function verifyAuditChain(
  entries: Iterable<AuditEntry>,
  start: { seq: number; prevHash: string; alg?: AuditHashAlg } = { seq: 1, prevHash: GENESIS_HASH },
): ChainVerdict {
  let expectedSeq = start.seq
  let prev = start.prevHash
  let alg = start.alg ?? DEFAULT_AUDIT_HASH
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
    if (isAuditHashDeclaration(e)) {
      const declared = declaredAuditHash(e)
      if (e.seq !== 1 || !declared) return fail('declaration')
      alg = declared
    }
    if (auditEntryHash(e, alg) !== e.hash) return fail('hash')
    prev = e.hash
    expectedSeq++
    count++
  }
  return { ok: true, count, head: prev, alg }
}
