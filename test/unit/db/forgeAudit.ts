import { type AuditEntry, sealAuditEntry } from '../../../shared/audit/chain'
import { type AuditHashAlg, chainAuditHash } from '../../../shared/audit/hashAlg'

/**
 * The audit log as someone who can write IndexedDB rewrites it (the chain has no key, docs/security.md §5): each
 * entry changed by `edit`, then every link and hash recomputed in order under `alg` — by default the algorithm the
 * log's own entry 1 declares, as the forger would read it. The result verifies as a chain.
 */
export function resealChain(
  entries: readonly AuditEntry[],
  edit: (e: AuditEntry) => AuditEntry = (e) => e,
  alg: AuditHashAlg = chainAuditHash(entries[0]),
): AuditEntry[] {
  const out: AuditEntry[] = []
  for (const e of entries) {
    const prevHash = out.length ? out[out.length - 1].hash : e.prevHash
    out.push(sealAuditEntry({ ...edit(e), prevHash }, alg))
  }
  return out
}
