import type { AuditEntry } from '@shared/audit/chain'
import type { Collection } from 'dexie'
import type { JiuzhuDb } from '../database'

export interface AuditFilter {
  userId?: string
  entityId?: string
  command?: string
  /** 'YYYY-MM-DD' in China time, inclusive. */
  from?: string
  to?: string
}

const chinaDayStart = (date: string) => new Date(`${date}T00:00:00+08:00`).toISOString()
const chinaDayEnd = (date: string) => new Date(Date.parse(`${date}T00:00:00+08:00`) + 86_400_000 - 1).toISOString()

/**
 * Audit entries matching the filter, newest first, one page at a time. The most selective indexed field narrows
 * the scan (entityId, userId, command, then the time range); the rest are checked per entry.
 */
export async function queryAudit(
  db: JiuzhuDb,
  filter: AuditFilter,
  page: number,
  pageSize: number,
): Promise<{ total: number; rows: AuditEntry[] }> {
  if (!filter.entityId && !filter.userId && !filter.command && !filter.from && !filter.to) {
    const rows = await db.audit
      .orderBy('seq')
      .reverse()
      .offset(page * pageSize)
      .limit(pageSize)
      .toArray()
    return { total: await db.audit.count(), rows }
  }
  const from = filter.from ? chinaDayStart(filter.from) : undefined
  const to = filter.to ? chinaDayEnd(filter.to) : undefined
  let coll: Collection<AuditEntry, number>
  if (filter.entityId) coll = db.audit.where('entityId').equals(filter.entityId)
  else if (filter.userId) coll = db.audit.where('userId').equals(filter.userId)
  else if (filter.command) coll = db.audit.where('command').equals(filter.command)
  else if (from || to) coll = db.audit.where('at').between(from ?? '', to ?? '\uffff', true, true)
  else coll = db.audit.toCollection()
  const rest = (e: AuditEntry) =>
    (!filter.userId || e.userId === filter.userId) &&
    (!filter.command || e.command === filter.command) &&
    (!from || e.at >= from) &&
    (!to || e.at <= to)
  const filtered = coll.filter(rest)
  const total = await filtered.clone().count()
  const all = await filtered.reverse().sortBy('seq')
  return { total, rows: all.slice(page * pageSize, (page + 1) * pageSize) }
}

export async function auditCommands(db: JiuzhuDb): Promise<string[]> {
  return (await db.audit.orderBy('command').uniqueKeys()) as string[]
}
