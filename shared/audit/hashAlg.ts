import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { z } from 'zod'
import { sm3 } from '../crypto/gm/sm3'
import { sha256Hex } from '../util/hash'

/**
 * The hash of an office's audit chain (docs/security.md §5.6,「哪种算法保护什么」): SHA-256, or SM3 (GB/T 32905) for an
 * office that chose 国密 at first-run setup. The choice is made once: setup writes it as the chain's first entry
 * (the genesis declaration below) and nothing can change it afterwards — a later entry claiming an algorithm breaks
 * the chain. A chain without a declaration (every office set up before the choice existed) is SHA-256.
 */
export const auditHashAlgs = ['sha256', 'sm3'] as const
export type AuditHashAlg = (typeof auditHashAlgs)[number]
export const DEFAULT_AUDIT_HASH: AuditHashAlg = 'sha256'

export const auditHashLabels: Readonly<Record<AuditHashAlg, string>> = {
  sha256: 'SHA-256',
  sm3: 'SM3（国密）',
}

/** Lowercase hex of `text`'s UTF-8 bytes under `alg`; both synchronous, so sealing stays inside the transaction. */
export function auditDigest(text: string, alg: AuditHashAlg): string {
  return alg === 'sm3' ? bytesToHex(sm3(utf8ToBytes(text))) : sha256Hex(text)
}

/** The genesis declaration: the audit entry (table `audit`) that names the chain's hash, only ever entry 1. */
export const AUDIT_HASH_ENTITY = 'audit-hash'

type Declaring = { table: string; entityId: string; after: unknown }

/** Whether an entry claims to choose the chain's hash (whatever it names, and wherever it stands). */
export function isAuditHashDeclaration(e: Declaring): boolean {
  return e.table === 'audit' && e.entityId === AUDIT_HASH_ENTITY
}

/** The algorithm a declaration names, or undefined when it names none this software knows. */
export function declaredAuditHash(e: Declaring): AuditHashAlg | undefined {
  const named = (e.after as { auditHash?: unknown } | null)?.auditHash
  return auditHashAlgs.find((a) => a === named)
}

/** The algorithm of a chain whose entry 1 is `first` (undefined: the log is empty or has no entry 1). */
export function chainAuditHash(first: (Declaring & { seq: number }) | undefined): AuditHashAlg {
  if (first?.seq !== 1 || !isAuditHashDeclaration(first)) return DEFAULT_AUDIT_HASH
  return declaredAuditHash(first) ?? DEFAULT_AUDIT_HASH
}

/**
 * The audit head as it travels in a bundle's manifest and to the main process that packs it: the last entry's
 * sequence number and hash, and `alg` when the chain is not SHA-256 (absent = SHA-256, so an office that keeps the
 * default writes the same manifest as before; docs/bundle-format.md).
 */
export const auditHeadSchema = z.strictObject({
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  alg: z.enum(auditHashAlgs).optional(),
})
export type AuditHead = z.infer<typeof auditHeadSchema>

/** The algorithm a travelling head names. */
export const headAuditHash = (head: { alg?: AuditHashAlg }): AuditHashAlg => head.alg ?? DEFAULT_AUDIT_HASH

/** `{ alg }` to put beside a head: nothing for SHA-256. */
export const headAlgField = (alg: AuditHashAlg): { alg?: AuditHashAlg } => (alg === DEFAULT_AUDIT_HASH ? {} : { alg })
