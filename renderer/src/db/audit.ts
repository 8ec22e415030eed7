import { type AuditEntry, type ChainVerdict, GENESIS_HASH, verifyAuditChain } from '@shared/audit/chain'
import { type AuditHashAlg, chainAuditHash } from '@shared/audit/hashAlg'
import { type RecordCheck, RecordStateCheck } from '@shared/audit/records'
import type { Result } from '@shared/errors'
import type { ArgsOf, ResultOf } from '@shared/ipc/contract'
import { liveQuery } from 'dexie'
import type { JiuzhuDb, Profile, TableName } from './database'
import { getOwnUnit } from './queries/office'
import type { ReadDb } from './readOnly'

/** Walks the stored audit chain in sequence order and reports the first broken entry (issue: record store §5). */
export async function verifyStoredAuditChain(db: JiuzhuDb): Promise<ChainVerdict> {
  const entries = await db.audit.orderBy('seq').toArray()
  return verifyAuditChain(entries)
}

/** The office's audit hash (审计日志校验算法): what entry 1 of its log declares — SHA-256 without a declaration. */
export async function officeAuditHash(db: ReadDb): Promise<AuditHashAlg> {
  return chainAuditHash(await db.audit.get(1))
}

/** Tables whose rows are not records of the command layer: the log itself, its counters, scan bytes. */
const NOT_RECORDS = new Set<string>(['audit', 'counters', 'attachmentBlobs'])

/** The tables the start-up check compares (small, and the ones that grant rights or name the office). */
export const START_CHECK_TABLES: readonly TableName[] = ['users', 'units', 'settings', 'exchange']

/**
 * Compares every record's current state with the last audit entry for it (shared/audit/records.ts, docs/security.md
 * §5), in one read transaction so the log and the records are seen at the same moment. `tables` limits it; without
 * it every record table is compared. `byRecord` (the start-up check of a few small tables): instead of reading the
 * whole log, reads each present record's entries through the log's entityId index — records deleted past the
 * command layer are then not found (the full check finds them).
 */
export async function verifyStoredRecords(
  db: JiuzhuDb,
  options: { tables?: readonly TableName[]; byRecord?: boolean } = {},
): Promise<RecordCheck> {
  const tables = (options.tables ?? db.tables.map((t) => t.name as TableName)).filter((t) => !NOT_RECORDS.has(t))
  const wanted = new Set<string>(tables)
  return db.transaction('r', [db.audit, db.settings, db.units, ...tables.map((t) => db.table(t))], async () => {
    const own = await getOwnUnit(db)
    const check = new RecordStateCheck(own?.code ?? '')
    if (options.byRecord) {
      const entries: AuditEntry[] = []
      for (const name of tables) {
        const table = db.table(name)
        const pk = table.schema.primKey.keyPath
        if (typeof pk !== 'string') continue
        const ids = (await table.toCollection().primaryKeys()).map(String)
        for (const id of ids) {
          for (const e of await db.audit.where('entityId').equals(id).toArray()) if (e.table === name) entries.push(e)
        }
      }
      for (const e of entries.sort((a, b) => a.seq - b.seq)) check.addEntry(e)
    } else {
      await db.audit.orderBy('seq').each((e: AuditEntry) => {
        if (wanted.has(e.table)) check.addEntry(e)
      })
    }
    for (const name of tables) {
      const table = db.table(name)
      const pk = table.schema.primKey.keyPath
      if (typeof pk !== 'string') continue
      await table.each((row: Record<string, unknown>) => check.addRow(name, String(row[pk]), row))
    }
    return check.finish()
  })
}

// ---- the audit anchor kept by the main process (docs/security.md §5) ----------------------------------------------

export type AnchorAnswer = ResultOf<'audit:anchor'>
export interface AnchorApi {
  auditAnchor(args: ArgsOf<'audit:anchor'>): Promise<Result<AnchorAnswer>>
}

/** Where the stored chain stands: the last entry's sequence number and hash, and how many entries there are. */
export async function storedAuditHead(
  db: JiuzhuDb,
  withCount = true,
): Promise<{ seq: number; count: number; head: string }> {
  return db.transaction('r', db.audit, async () => {
    const last = await db.audit.orderBy('seq').last()
    const seq = last?.seq ?? 0
    return { seq, count: withCount ? await db.audit.count() : seq, head: last?.hash ?? GENESIS_HASH }
  })
}

const LINKS_PER_CALL = 2000

/**
 * Reports this profile's audit head to the main process, which compares it with its anchor and moves the anchor
 * along the chain: the answer says where to start when it needs the links of newer entries, which are then sent in
 * parts. Undefined before first-run setup (no unit yet). `count: false` (after each write) skips counting the log:
 * entries missing from the middle are found by the count at start, after sign-in and at 校验审计链, and a mismatch
 * once found stays found in the main process.
 */
export async function syncAuditAnchor(
  db: JiuzhuDb,
  api: AnchorApi,
  profile: Profile,
  options: { count?: boolean } = {},
): Promise<Result<AnchorAnswer> | undefined> {
  const unit = await getOwnUnit(db)
  if (!unit) return undefined
  const head = await storedAuditHead(db, options.count ?? true)
  let links: ArgsOf<'audit:anchor'>['links'] = []
  for (let round = 0; round < 10_000; round++) {
    const res = await api.auditAnchor({ profile, unitCode: unit.code, ...head, links })
    if (!res.ok || res.value.state !== 'need-tail' || res.value.from === undefined) return res
    const entries = await db.audit.where('seq').between(res.value.from, head.seq, true, true).limit(LINKS_PER_CALL)
    links = (await entries.toArray()).map(({ seq, prevHash, hash }) => ({ seq, prevHash, hash }))
    if (links.length === 0 || links[0].seq !== res.value.from) {
      // the entry the anchor needs is not there: it was deleted — the anchor answers with what it finds
      links = [{ seq: res.value.from, prevHash: GENESIS_HASH, hash: GENESIS_HASH }]
    }
  }
  return undefined
}

/**
 * Calls `onChange` whenever a committed write moves the audit head (Dexie liveQuery: every command appends its
 * entries in its own transaction). Returns the unsubscribe function.
 */
export function watchAuditHead(db: JiuzhuDb, onChange: (head: { seq: number; hash: string }) => void): () => void {
  const sub = liveQuery(async () => {
    const last = await db.audit.orderBy('seq').last()
    return { seq: last?.seq ?? 0, hash: last?.hash ?? GENESIS_HASH }
  }).subscribe({ next: onChange, error: () => undefined })
  return () => sub.unsubscribe()
}
