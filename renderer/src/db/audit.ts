import { type ChainVerdict, verifyAuditChain } from '@shared/audit/chain'
import type { JiuzhuDb } from './database'

/** Walks the stored audit chain in sequence order and reports the first broken entry (issue: record store §5). */
export async function verifyStoredAuditChain(db: JiuzhuDb): Promise<ChainVerdict> {
  const entries = await db.audit.orderBy('seq').toArray()
  return verifyAuditChain(entries)
}
