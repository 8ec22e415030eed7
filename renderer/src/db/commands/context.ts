import { GENESIS_HASH, sealAuditEntry } from '@shared/audit/chain'
import { AUDIT_HASH_ENTITY, type AuditHashAlg, chainAuditHash } from '@shared/audit/hashAlg'
import { DRAFT_CONTENT_MARKER, isRedactionMarker, SECRET_MARKERS } from '@shared/audit/records'
import type { Role } from '@shared/domain/roles'
import { CodedError } from '@shared/errors/coded'
import type { ManifestFile } from '@shared/exchange/manifest'
import type { Now } from '@shared/util/clock'
import { hashOf, sha256Hex } from '@shared/util/hash'
import { newRecordId, type RandomBytes } from '@shared/util/recordId'
import type { BlobRow, JiuzhuDb, StoredRecord, TableName } from '../database'
import type { ReadDb } from '../readOnly'

export interface Actor {
  userId: string
  unitCode: string
  roles: readonly Role[]
  displayName?: string
}

export interface Change {
  table: TableName
  entityId: string
  before: unknown
  after: unknown
}

type Row = Record<string, unknown>

/**
 * Where replicas written by an import come from (`putReplicas`): the bundle, its sender, the payload file the rows
 * were read from as the signed manifest lists it (which pins their content), and the plan's count of new and
 * updated rows per origin office and table.
 */
export interface ReplicaProvenance {
  bundleId: string
  bundleHash: string
  sender: string
  file: ManifestFile | null
  tallies: readonly { unitCode: string; table: string; new: number; updated: number }[]
}

/**
 * What a command may do inside its transaction. Every write goes through insert/update/voidRecord/put (or the bulk
 * and replica paths) so that it is stamped with the next office `rev`, its author and time, and recorded for the
 * audit chain. The database itself is private: a command reads through `read` (no method there writes) and has no
 * other way to the Dexie instance (docs/architecture.md “命令上下文”).
 */
export class CommandContext {
  readonly #db: JiuzhuDb
  readonly #changes: Change[] = []

  constructor(
    db: JiuzhuDb,
    readonly actor: Actor,
    readonly now: Now,
    readonly command: string,
    private readonly random?: RandomBytes,
  ) {
    this.#db = db
  }

  /** The database for reading inside this transaction: tables to get, search and count — nothing that writes. */
  get read(): ReadDb {
    return this.#db
  }

  /** The office change counter: monotonic, gap-free, taken inside the command's transaction. */
  async nextCounter(name: string): Promise<number> {
    const row = await this.#db.counters.get(name)
    const value = (row?.value ?? 0) + 1
    await this.#db.counters.put({ name, value })
    return value
  }

  nextRev(): Promise<number> {
    return this.nextCounter('rev')
  }

  newId(): string {
    return newRecordId(this.actor.unitCode, Date.parse(this.now.instant), this.random)
  }

  async get<T = Row>(table: TableName, key: string): Promise<T | undefined> {
    return (await this.#db.table(table).get(key)) as T | undefined
  }

  /** Creates an owned record with its base fields (docs/architecture.md §3). */
  async insert<T extends Row>(table: TableName, record: T & { id?: string }): Promise<T & StoredRecord> {
    const id = record.id ?? this.newId()
    if (await this.#db.table(table).get(id)) throw new CodedError('command.conflict', { table, id })
    const row = {
      ...record,
      id,
      ownerUnit: this.actor.unitCode,
      rev: await this.nextRev(),
      createdAt: this.now.instant,
      updatedAt: this.now.instant,
      createdBy: this.actor.userId,
      updatedBy: this.actor.userId,
    } as T & StoredRecord
    await this.#db.table(table).add(row)
    this.#changes.push({ table, entityId: id, before: null, after: row })
    return row
  }

  /**
   * Bulk path for loads of many owned records at once (demo data, generated data, migrations): one rev per record,
   * one bulkAdd, and ONE audit entry summarising the load (count, first and last id, content hash) instead of one
   * per record — still in the command's single transaction, still hash-chained. `keepHistory` keeps the records'
   * own creation and update stamps (a generated history); `rev` and the owner are always this office's.
   */
  async bulkInsert<T extends Row>(
    table: TableName,
    records: (T & { id?: string })[],
    options: { keepHistory?: boolean } = {},
  ): Promise<number> {
    if (records.length === 0) return 0
    const counter = await this.#db.counters.get('rev')
    let rev = counter?.value ?? 0
    const stamp = (record: Row) =>
      options.keepHistory && typeof record.createdAt === 'string'
        ? {
            createdAt: record.createdAt,
            updatedAt: record.updatedAt ?? record.createdAt,
            createdBy: record.createdBy ?? this.actor.userId,
            updatedBy: record.updatedBy ?? record.createdBy ?? this.actor.userId,
          }
        : {
            createdAt: this.now.instant,
            updatedAt: this.now.instant,
            createdBy: this.actor.userId,
            updatedBy: this.actor.userId,
          }
    const rows = records.map((record) => ({
      ...record,
      id: record.id ?? this.newId(),
      ownerUnit: this.actor.unitCode,
      rev: ++rev,
      ...stamp(record),
    }))
    await this.#db.counters.put({ name: 'rev', value: rev })
    await this.#db.table(table).bulkAdd(rows)
    this.#changes.push({
      table,
      entityId: `bulk:${rows[0].id}..${rows[rows.length - 1].id}`,
      before: null,
      after: {
        count: rows.length,
        firstId: rows[0].id,
        lastId: rows[rows.length - 1].id,
        revFrom: rows[0].rev,
        revTo: rev,
        contentHash: hashOf(rows),
      },
    })
    return rows.length
  }

  /** Changes an owned record. Replicas of other offices' records are read-only. */
  async update<T extends Row>(table: TableName, id: string, change: (current: T) => T): Promise<T> {
    const current = (await this.#db.table(table).get(id)) as (T & Partial<StoredRecord>) | undefined
    if (!current) throw new CodedError('command.not-found', { table, id })
    const owner = (current.ownerUnit ?? current.unitCode ?? current.code) as string | undefined
    if (owner !== undefined && owner !== this.actor.unitCode) {
      throw new CodedError('command.replica-read-only', { owner })
    }
    if (current.voided) throw new CodedError('command.voided', { at: current.voided.at })
    const next = {
      ...change(structuredClone(current)),
      rev: await this.nextRev(),
      updatedAt: this.now.instant,
      updatedBy: this.actor.userId,
    } as T
    await this.#db.table(table).put(next)
    this.#changes.push({ table, entityId: id, before: current, after: next })
    return next
  }

  /** Records are voided with a reason, never deleted. */
  voidRecord(table: TableName, id: string, reason: string): Promise<Row> {
    return this.update<Row>(table, id, (r) => ({
      ...r,
      voided: { at: this.now.instant, by: this.actor.userId, reason },
    }))
  }

  /**
   * Writes a non-replicated row (settings, units' own row keyed by code, exchange bookkeeping …) and audits it.
   * Secrets in it (a password hash, a sealed private key) enter the log as markers only; `resealed` says the sealed
   * key in the row is the same key under a new passphrase, which the marker then notes; `draftFields` are what a
   * user typed into a draft, in the log (before and after) only as the draft marker.
   */
  async put<T extends Row>(
    table: TableName,
    key: string,
    row: T,
    options: { resealed?: boolean; draftFields?: readonly string[] } = {},
  ): Promise<T> {
    const stored = ((await this.#db.table(table).get(key)) ?? null) as Row | null
    await this.#db.table(table).put(row)
    const sealed = options.resealed && row.sealed ? { ...row, sealed: `${SECRET_MARKERS.sealed}（口令已更换）` } : row
    const draftMarked = (r: Row | null) => {
      if (!r || !options.draftFields) return r
      const out = { ...r }
      for (const f of options.draftFields) if (out[f]) out[f] = DRAFT_CONTENT_MARKER
      return out
    }
    this.#changes.push({ table, entityId: key, before: draftMarked(stored), after: draftMarked(sealed) })
    return row
  }

  /**
   * Writes replicas of other offices' records exactly as an imported bundle carries them (the plan validated them
   * and never alters them), with ONE audit entry per origin office: `import:<bundle>:<origin>` naming the bundle,
   * its sender, the payload file, the plan's new and updated counts, and which records were written — count,
   * first and last id, rev range and the SHA-256 of their `id@rev` lines (docs/exchange.md “审计”). Their content is
   * pinned by the payload file's SHA-256 in the signed manifest, so it is not hashed a second time here.
   */
  async putReplicas(table: TableName, rows: readonly Row[], provenance: ReplicaProvenance): Promise<void> {
    if (rows.length === 0) return
    await this.#db.table(table).bulkPut(rows)
    const byOrigin = new Map<string, Row[]>()
    for (const r of rows) {
      const list = byOrigin.get(r.ownerUnit as string) ?? []
      list.push(r)
      byOrigin.set(r.ownerUnit as string, list)
    }
    const { bundleId, bundleHash, sender, file, tallies } = provenance
    for (const [origin, list] of byOrigin) {
      const tally = tallies.find((t) => t.unitCode === origin && t.table === table)
      this.#changes.push({
        table,
        entityId: `import:${bundleId}:${origin}`,
        before: null,
        after: {
          bundleId,
          bundleHash,
          sender,
          origin,
          new: tally?.new ?? 0,
          updated: tally?.updated ?? 0,
          ...writtenRecords(list),
          file,
        },
      })
    }
  }

  /**
   * Stores file bytes (attachmentBlobs) beside the attachment records that describe them — the records carry each
   * file's SHA-256 and are audited themselves. `summary`, when given, is audited as one entry for the lot (the scans
   * of an imported bundle).
   */
  async putBlobs(rows: readonly BlobRow[], summary?: { entityId: string; details: Row }): Promise<void> {
    if (rows.length === 0) return
    await this.#db.attachmentBlobs.bulkPut(rows)
    if (summary)
      this.#changes.push({ table: 'attachmentBlobs', entityId: summary.entityId, before: null, after: summary.details })
  }

  /** Moves a counter up to `value` (never down): a sequence continued from numbers already given out elsewhere. */
  async raiseCounter(name: string, value: number): Promise<void> {
    const row = await this.#db.counters.get(name)
    if ((row?.value ?? 0) < value) await this.#db.counters.put({ name, value })
  }

  /**
   * Records that the user saw a record whole (查看完整证件号码, docs/security.md §7): an audit entry naming it, with
   * the record as it stands before and after — nothing is written, so the record check finds it unchanged.
   */
  async noteRead(table: TableName, id: string): Promise<Row> {
    const row = (await this.#db.table(table).get(id)) as Row | undefined
    if (!row) throw new CodedError('command.not-found', { table, id })
    this.#changes.push({ table, entityId: id, before: row, after: row })
    return row
  }

  /**
   * An event that writes no record (an export): one audit entry under the log's own table, which the record check
   * does not compare, with `details` as what happened.
   */
  noteEvent(entityId: string, details: Row): void {
    this.#changes.push({ table: 'audit', entityId, before: null, after: details })
  }

  /**
   * 首次设置: names the audit chain's hash (docs/security.md §5.6) as the chain's first entry. Only into an empty log
   * and as this command's first change — anywhere else it would break the chain, so it is refused.
   */
  async declareAuditHash(alg: AuditHashAlg): Promise<void> {
    if (this.#changes.length > 0 || (await this.#db.audit.count()) > 0) throw new CodedError('setup.already-done')
    this.noteEvent(AUDIT_HASH_ENTITY, { auditHash: alg })
  }

  /**
   * Appends one hash-chained audit entry per change, in the same transaction as the change, under the chain's
   * algorithm: the one entry 1 declares (or this command's first change, when it starts the log).
   */
  async appendAudit(): Promise<void> {
    if (this.#changes.length === 0) return
    const last = await this.#db.audit.orderBy('seq').last()
    let seq = last?.seq ?? 0
    let prevHash = last?.hash ?? GENESIS_HASH
    const first = last ? (last.seq === 1 ? last : await this.#db.audit.get(1)) : { seq: 1, ...this.#changes[0] }
    const alg = chainAuditHash(first)
    const entries = this.#changes.map((c) => {
      seq++
      const entry = sealAuditEntry(
        {
          seq,
          at: this.now.instant,
          userId: this.actor.userId,
          unitCode: this.actor.unitCode,
          command: this.command,
          table: c.table,
          entityId: c.entityId,
          before: redact(c.before),
          after: redact(c.after),
          prevHash,
        },
        alg,
      )
      prevHash = entry.hash
      return entry
    })
    await this.#db.audit.bulkAdd(entries)
  }
}

/**
 * Which records of a (table, origin) an import wrote: count, first and last id, rev range, and the SHA-256 of their
 * `id@rev` lines.
 */
function writtenRecords(list: Row[]) {
  let revFrom = Number.POSITIVE_INFINITY
  let revTo = 0
  const lines: string[] = []
  for (const r of list) {
    const rev = r.rev as number
    if (rev < revFrom) revFrom = rev
    if (rev > revTo) revTo = rev
    lines.push(`${r.id as string}@${rev}`)
  }
  return {
    count: list.length,
    firstId: list[0].id,
    lastId: list[list.length - 1].id,
    revFrom,
    revTo,
    idRevHash: sha256Hex(lines.join('\n')),
  }
}

/**
 * Secrets never enter the audit log: a password hash or a sealed private key shows as its marker only (one already
 * written as a marker, with a note, stays as it is).
 */
function redact(value: unknown): unknown {
  if (!value || typeof value !== 'object') return value ?? null
  const v = value as Row
  const secrets = Object.keys(SECRET_MARKERS).filter((field) => field in v) as (keyof typeof SECRET_MARKERS)[]
  if (secrets.length === 0) return structuredClone(v)
  const out = structuredClone(v)
  for (const field of secrets) {
    if (v[field] && !isRedactionMarker(v[field])) out[field] = SECRET_MARKERS[field]
  }
  return out
}
