import { hashOf } from '../util/hash'
import type { AuditEntry } from './chain'
import { changedFields } from './diff'
import { tableLabel } from './tableLabels'

/**
 * Records against the audit log (docs/security.md §5): every write of the command layer appends, in the same
 * transaction, an audit entry with the record as written (`after`). So each record's current state must equal what
 * the last audit entry naming it says — a record edited, added or deleted in IndexedDB without the command layer
 * (DevTools, a script, the profile's files) does not. 校验审计链 walks the chain (shared/audit/chain.ts) and this.
 *
 * What it compares:
 * - a record named by its own entries: with the last one's `after`; fields the log keeps only as a marker (a
 *   password hash, a sealed private key) are compared as present, not by value; and each entry's `before` (the state
 *   the command found) with the previous entry's `after` — a record changed past the command layer and then written
 *   again through it shows there;
 * - a record written by a bulk load (demo data, generated data: one entry `bulk:first..last` with the count, the rev
 *   range and the content hash of the rows as loaded): the load's rows are put back together — the current row
 *   where it still carries its rev from the load, else the `before` of the entry that changed it first — and their
 *   hash compared with the entry's;
 * - a replica of another office's record (written by an import, one summary entry per table and origin): not one by
 *   one — the signed bundle pins its content, and the origin office holds the original. Counted, not compared.
 * A record that no entry names, owned by this office or without an owner (units, users, settings …), was not
 * written by this software.
 */
export type RecordMismatchKind = 'changed' | 'deleted' | 'unaudited' | 'bulk'

export interface RecordMismatch {
  kind: RecordMismatchKind
  table: string
  id: string
  /** The audit entry it was compared with. */
  seq?: number
  message: string
}

export interface RecordCheck {
  /** Records compared with an audit entry (one by one, or as part of a bulk load). */
  checked: number
  /** Replicas of other offices' records (not compared one by one). */
  replicas: number
  mismatches: RecordMismatch[]
  /** More mismatches than listed. */
  more: number
}

/**
 * The markers the command layer writes into the log instead of a secret, by the field that holds it (the command
 * context's `redact`): a password hash, an office's sealed private key.
 */
export const SECRET_MARKERS = { passwordHash: '〔已隐去〕', sealed: '〔已加密的私钥，不记入审计日志〕' } as const

/**
 * The marker of what a user typed into a draft (保存草稿): the log records that a draft of a form (and case) was
 * kept, not the names and numbers typed into it (docs/security.md §5.3) — the draft itself may be discarded.
 */
export const DRAFT_CONTENT_MARKER = '〔草稿内容，不记入审计日志〕'

const REDACTION_MARKERS: readonly string[] = [...Object.values(SECRET_MARKERS), DRAFT_CONTENT_MARKER]

export function isRedactionMarker(v: unknown): boolean {
  return typeof v === 'string' && REDACTION_MARKERS.some((m) => v.startsWith(m))
}

type Row = Record<string, unknown>

function fieldList(fields: string[]): string {
  return fields.length ? `字段 ${fields.slice(0, 6).join('、')}${fields.length > 6 ? ' 等' : ''}` : '内容'
}

/**
 * Two audited states of a record are the same; a field one keeps only as a marker counts as the same when the other
 * has it too (as a marker, or as the value an older entry recorded before the field was kept as a marker).
 */
function sameAudited(a: unknown, b: unknown): boolean {
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return hashOf(a ?? null) === hashOf(b ?? null)
  const x: Row = { ...(a as Row) }
  const y: Row = { ...(b as Row) }
  for (const field of new Set([...Object.keys(x), ...Object.keys(y)])) {
    if ((isRedactionMarker(x[field]) && y[field]) || (isRedactionMarker(y[field]) && x[field])) y[field] = x[field]
  }
  return hashOf(x) === hashOf(y)
}

const isSummary = (entityId: string) => entityId.startsWith('bulk:') || entityId.startsWith('import:')

interface BulkLoad {
  seq: number
  table: string
  count: number
  revFrom: number
  revTo: number
  contentHash: string
  firstId: string
  lastId: string
}

const LIST_MAX = 200

/**
 * Fed with the audit entries in sequence order, then with the current records table by table; `finish` reports
 * every record whose current state is not what the log says.
 */
export class RecordStateCheck {
  private readonly last = new Map<string, AuditEntry>()
  private readonly bulks = new Map<string, BulkLoad[]>()
  /** Rows of bulk loads as loaded, by table and rev (from current rows and from later entries' `before`). */
  private readonly loaded = new Map<string, Map<number, Row>>()
  private readonly seen = new Set<string>()
  private readonly checkedTables = new Set<string>()
  private readonly mismatches: RecordMismatch[] = []
  /** Changes between two entries of the same record, found while reading the log. */
  private readonly breaks: RecordMismatch[] = []
  private more = 0
  private checked = 0
  private replicas = 0

  constructor(private readonly ownUnit: string) {}

  private static key(table: string, id: string): string {
    return `${table}\u0000${id}`
  }

  private report(m: RecordMismatch): void {
    if (this.mismatches.length < LIST_MAX) this.mismatches.push(m)
    else this.more++
  }

  private inBulk(table: string, rev: unknown): boolean {
    if (typeof rev !== 'number') return false
    return (this.bulks.get(table) ?? []).some((b) => rev >= b.revFrom && rev <= b.revTo)
  }

  private keepLoaded(table: string, row: Row): void {
    const rev = row.rev as number
    let byRev = this.loaded.get(table)
    if (!byRev) {
      byRev = new Map()
      this.loaded.set(table, byRev)
    }
    if (!byRev.has(rev)) byRev.set(rev, row)
  }

  /** One audit entry; entries must come in sequence order. */
  addEntry(e: AuditEntry): void {
    if (e.entityId.startsWith('bulk:')) {
      const a = e.after as Partial<BulkLoad> | null
      if (a && typeof a.revFrom === 'number' && typeof a.revTo === 'number' && typeof a.contentHash === 'string') {
        const list = this.bulks.get(e.table) ?? []
        list.push({
          seq: e.seq,
          table: e.table,
          count: Number(a.count),
          revFrom: a.revFrom,
          revTo: a.revTo,
          contentHash: a.contentHash,
          firstId: String(a.firstId ?? ''),
          lastId: String(a.lastId ?? ''),
        })
        this.bulks.set(e.table, list)
      }
      return
    }
    if (isSummary(e.entityId)) return
    const before = e.before as Row | null
    if (before && typeof before === 'object' && this.inBulk(e.table, before.rev)) this.keepLoaded(e.table, before)
    const k = RecordStateCheck.key(e.table, e.entityId)
    const prev = this.last.get(k)
    // A command records the state it found: it must be what the previous entry recorded as written. If not, the
    // record was changed past the command layer in between — and the later write would otherwise hide it.
    if (prev && !sameAudited(prev.after, e.before)) {
      const fields = changedFields(prev.after, e.before).map((c) => c.field)
      this.breaks.push({
        kind: 'changed',
        table: e.table,
        id: e.entityId,
        seq: e.seq,
        message: `${tableLabel(e.table)}记录 ${e.entityId}：审计日志第 ${e.seq} 条记载的原值与第 ${prev.seq} 条记载的新值不同（${fieldList(fields)}）：两次写入之间，它在本软件之外被改动过。`,
      })
    }
    this.last.set(k, e)
  }

  /** One current record of `table`, under its primary key. */
  addRow(table: string, id: string, row: Row): void {
    this.checkedTables.add(table)
    const k = RecordStateCheck.key(table, id)
    this.seen.add(k)
    const entry = this.last.get(k)
    if (entry) {
      this.checked++
      const after = entry.after as Row | null
      if (!after || typeof after !== 'object') {
        this.report({
          kind: 'changed',
          table,
          id,
          seq: entry.seq,
          message: `${tableLabel(table)}记录 ${id}：审计日志第 ${entry.seq} 条记载它已不存在，现在却又有了（未经本软件写入）。`,
        })
        return
      }
      const view: Row = { ...row }
      for (const [field, value] of Object.entries(after)) {
        if (isRedactionMarker(value) && view[field]) view[field] = value
      }
      if (hashOf(view) !== hashOf(after)) {
        const fields = changedFields(after, view).map((c) => c.field)
        this.report({
          kind: 'changed',
          table,
          id,
          seq: entry.seq,
          message: `${tableLabel(table)}记录 ${id} 与审计日志第 ${entry.seq} 条记载的不一致：${fieldList(fields)}被改动（未经本软件）。`,
        })
      }
      return
    }
    const owner = row.ownerUnit
    if (typeof owner === 'string' && owner === this.ownUnit && this.inBulk(table, row.rev)) {
      this.checked++
      this.keepLoaded(table, row)
      return
    }
    if (typeof owner === 'string' && owner !== this.ownUnit) {
      this.replicas++
      return
    }
    this.report({
      kind: 'unaudited',
      table,
      id,
      message: `${tableLabel(table)}记录 ${id} 在审计日志中没有任何记载：它不是经本软件写入的。`,
    })
  }

  finish(): RecordCheck {
    for (const b of this.breaks) this.report(b)
    for (const [k, entry] of this.last) {
      if (!this.checkedTables.has(entry.table) || this.seen.has(k)) continue
      if (!entry.after || typeof entry.after !== 'object') continue
      this.report({
        kind: 'deleted',
        table: entry.table,
        id: entry.entityId,
        seq: entry.seq,
        message: `${tableLabel(entry.table)}记录 ${entry.entityId} 不见了：审计日志第 ${entry.seq} 条记载了它，它却已被删除（未经本软件）。`,
      })
    }
    for (const [table, loads] of this.bulks) {
      if (!this.checkedTables.has(table)) continue
      const byRev = this.loaded.get(table) ?? new Map<number, Row>()
      for (const b of loads) {
        const rows: Row[] = []
        let missing = 0
        for (let rev = b.revFrom; rev <= b.revTo; rev++) {
          const row = byRev.get(rev)
          if (row) rows.push(row)
          else missing++
        }
        if (missing === 0 && rows.length === b.count && hashOf(rows) === b.contentHash) continue
        this.report({
          kind: 'bulk',
          table,
          id: `${b.firstId}..${b.lastId}`,
          seq: b.seq,
          message: `审计日志第 ${b.seq} 条记载的批量写入（${tableLabel(table)} ${b.count} 条，${b.firstId} 至 ${b.lastId}）与现存记录不一致：${missing ? `其中 ${missing} 条不见了` : '其中有记录被改动'}（未经本软件）。`,
        })
      }
    }
    return { checked: this.checked, replicas: this.replicas, mismatches: this.mismatches, more: this.more }
  }
}
