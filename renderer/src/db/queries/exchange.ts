import { GENESIS_HASH } from '@shared/audit/chain'
import type { Case } from '@shared/domain/schemas'
import { CodedError } from '@shared/errors/coded'
import { formatFingerprint } from '@shared/exchange/fingerprint'
import { ARCHIVE_SCAN_BUDGET_BYTES } from '@shared/exchange/limits'
import { sha256Hex } from '@shared/util/hash'
import type { DirectoryRow } from '../commands/exchangeDownwardPlan'
import { archiveTables } from '../commands/exchangePlan'
import {
  bytesToBase64,
  EX,
  type InChannelRow,
  type OfficeKeyRow,
  type OriginRow,
  type OutChannelRow,
  type PeerRow,
  type ReceivedRow,
  revokedKeyError,
  type SentRow,
  type UpstreamRow,
} from '../commands/exchangeTypes'
import type { JiuzhuDb, StoredRecord, UnitRow } from '../database'

/** Reads for 数据交换 (docs/exchange.md). Nothing here writes. */

export function getOfficeKey(db: JiuzhuDb): Promise<OfficeKeyRow | undefined> {
  return db.exchange.get(EX.officeKey) as Promise<OfficeKeyRow | undefined>
}

async function byPrefix<T>(db: JiuzhuDb, prefix: string): Promise<T[]> {
  return (await db.exchange.where('key').between(prefix, `${prefix}\uffff`, true, true).toArray()) as unknown as T[]
}

/**
 * The refusal for a bundle or transfer package signed with a key revoked here (吊销密钥, in the office's enrolled
 * entry) or revoked by the parent (in the signed unit directory it sent down), or undefined.
 */
export async function signerRevocation(db: JiuzhuDb, unitCode: string, keyId: string): Promise<CodedError | undefined> {
  const peer = (await db.exchange.get(EX.peer(unitCode))) as PeerRow | undefined
  const own = revokedKeyError('exchange.key-revoked', peer, keyId)
  if (own) return own
  const dir = (await db.exchange.get(EX.directory(unitCode))) as DirectoryRow | undefined
  const r = dir?.revokedKeys?.find((x) => x.keyId === keyId)
  if (!dir || !r) return undefined
  return new CodedError('exchange.key-revoked', {
    unitName: dir.unitName,
    unitCode,
    fingerprint: formatFingerprint(keyId),
    at: r.revokedOn,
    reason: r.reason,
  })
}

/**
 * The sealed keys this office opens bundles with, as the `exchange:open` and `transfer:open` requests take them:
 * the current key and the keys retired by a rotation (a bundle or transfer package encrypted to an old key while the
 * rotation was on its way still opens; the main process picks the one the manifest names).
 */
export async function openingKeys(db: JiuzhuDb): Promise<{ sealed?: string; retiredSealed?: string[] }> {
  const key = await getOfficeKey(db)
  const retired = await byPrefix<{ sealed: string }>(db, 'retiredKey:')
  return {
    ...(key ? { sealed: key.sealed } : {}),
    ...(retired.length ? { retiredSealed: retired.map((r) => r.sealed) } : {}),
  }
}

export const listPeers = (db: JiuzhuDb) => byPrefix<PeerRow>(db, 'peer:')

/** The sender's audit-chain head, carried in every bundle it writes (security.md §5.1). */
export async function auditHead(db: JiuzhuDb): Promise<{ seq: number; hash: string }> {
  const last = await db.audit.orderBy('seq').last()
  return last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH }
}

/** Codes of every unit below `code` in the directory (children, their children …). */
export function descendantsOf(units: readonly UnitRow[], code: string): string[] {
  const children = new Map<string, string[]>()
  for (const u of units) {
    if (!u.parentCode || u.directoryOnly) continue
    const list = children.get(u.parentCode) ?? []
    list.push(u.code)
    children.set(u.parentCode, list)
  }
  const out: string[] = []
  const queue = [...(children.get(code) ?? [])]
  while (queue.length && out.length < 100_000) {
    const c = queue.shift() as string
    if (c === code || out.includes(c)) continue
    out.push(c)
    queue.push(...(children.get(c) ?? []))
  }
  return out
}

export interface ExchangeOverview {
  officeKey?: OfficeKeyRow
  parentUnit?: UnitRow
  parent?: PeerRow
  children: PeerRow[]
  upstream?: UpstreamRow
  sent: SentRow[]
  received: ReceivedRow[]
  outChannels: OutChannelRow[]
  inChannels: InChannelRow[]
  origins: OriginRow[]
  units: Map<string, UnitRow>
}

export async function exchangeOverview(db: JiuzhuDb, own: UnitRow): Promise<ExchangeOverview> {
  return db.transaction('r', ['exchange', 'receivedBundles', 'units'], async () => {
    const peers = await listPeers(db)
    const units = new Map((await db.units.toArray()).map((u) => [u.code, u]))
    return {
      officeKey: await getOfficeKey(db),
      parentUnit: own.parentCode ? units.get(own.parentCode) : undefined,
      parent: peers.find((p) => p.relation === 'parent'),
      children: peers.filter((p) => p.relation === 'child'),
      upstream: (await db.exchange.get(EX.upstream)) as UpstreamRow | undefined,
      sent: (await byPrefix<SentRow>(db, 'sent:')).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
      received: ((await db.receivedBundles.orderBy('receivedAt').reverse().toArray()) as ReceivedRow[]).slice(0, 500),
      outChannels: await byPrefix<OutChannelRow>(db, 'out:'),
      inChannels: await byPrefix<InChannelRow>(db, 'in:'),
      origins: await byPrefix<OriginRow>(db, 'origin:'),
      units,
    }
  })
}

/** The enrollment bundle's payload: this office's own unit row with its public key. */
export async function enrollmentTables(db: JiuzhuDb, own: UnitRow): Promise<Record<string, Record<string, unknown>[]>> {
  const row = await db.units.get(own.code)
  return { units: [plain(row ?? own)] }
}

/** Drops `undefined` members so a row travels as the JSON its owner would write. */
function plain<T extends object>(row: T): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined))
}

export interface ArchiveScan {
  id: string
  sha256: string
  /** base64, for the IPC contract. */
  bytes: string
}

export interface ArchiveContent {
  tables: Record<string, Record<string, unknown>[]>
  origins: { unitCode: string; revFrom: number; revTo: number }[]
  counts: Record<string, number>
  records: number
  /** The bytes of the archive's attachments that this office holds intact. */
  scans: ArchiveScan[]
  scanBytes: number
  /** Attachment records that travel without their bytes: not held here, or not matching the recorded sha256. */
  scansOmitted: { id: string; name: string; reason: string }[]
  /** Records left for the next archive because the scans reached ARCHIVE_SCAN_BUDGET_BYTES (0 when all fit). */
  deferred: number
}

/**
 * An upward archive's content (design.md §4 "Change sequence"): for this office and every subordinate whose records
 * it holds, every record with `rev` above what the parent acknowledged (`holds`; a full resend starts from 0),
 * unchanged as stored; and the unit rows of this office and its subordinates so the parent can place them. Read in
 * one transaction, so the ranges and the records agree.
 */
export async function collectArchive(
  db: JiuzhuDb,
  own: UnitRow,
  holds: Record<string, number>,
  fullResend: boolean,
  budget = ARCHIVE_SCAN_BUDGET_BYTES,
): Promise<ArchiveContent> {
  const collected = await db.transaction('r', ['units', 'attachmentBlobs', ...archiveTables], async () => {
    const units = await db.units.toArray()
    const originCodes = [own.code, ...descendantsOf(units, own.code)].sort()
    const tables: Record<string, Record<string, unknown>[]> = {}
    const maxRev = new Map<string, number>()
    let records = 0
    for (const table of archiveTables) {
      const rows: Record<string, unknown>[] = []
      for (const origin of originCodes) {
        const from = fullResend ? 0 : (holds[origin] ?? 0)
        const found = (await db
          .table(table)
          .where('[ownerUnit+rev]')
          .between([origin, from + 1], [origin, Number.POSITIVE_INFINITY], true, true)
          .toArray()) as StoredRecord[]
        for (const r of found) {
          rows.push(plain(r))
          if (r.rev > (maxRev.get(origin) ?? 0)) maxRev.set(origin, r.rev)
        }
      }
      if (rows.length) tables[table] = rows
      records += rows.length
    }
    const byCode = new Map(units.map((u) => [u.code, u]))
    tables.units = originCodes
      .map((c) => byCode.get(c))
      .filter((u): u is UnitRow => !!u && !u.directoryOnly)
      .map(plain)
    const origins = originCodes
      .filter((c) => maxRev.has(c))
      .map((c) => {
        const from = fullResend ? 0 : (holds[c] ?? 0)
        return { unitCode: c, revFrom: from + 1, revTo: Math.max(from + 1, maxRev.get(c) ?? 0) }
      })
    const attachmentIds = (tables.attachments ?? []).map((r) => r.id as string)
    const blobs = await db.attachmentBlobs.bulkGet(attachmentIds)
    return { tables, origins, records, blobs: new Map(attachmentIds.map((id, i) => [id, blobs[i]?.blob])) }
  })
  return withScans(collected, budget)
}

/**
 * 扫描件随上报数据 (docs/exchange.md): every attachment record of the archive takes its bytes along when this office
 * holds them intact (sha256 and size as recorded; a relaying office holds its subordinates' scans from their
 * archives). Scans beyond the budget are not dropped: the origin is cut at a rev boundary before the first scan that
 * does not fit — all of that origin's records from that rev on wait for the next archive — so whatever the parent
 * acknowledges holding, it holds with its scans.
 */
async function withScans(
  c: {
    tables: Record<string, Record<string, unknown>[]>
    origins: ArchiveContent['origins']
    records: number
    blobs: Map<string, Blob | undefined>
  },
  budget: number,
): Promise<ArchiveContent> {
  const scansOmitted: ArchiveContent['scansOmitted'] = []
  const held: { row: Record<string, unknown>; bytes: Uint8Array }[] = []
  for (const row of c.tables.attachments ?? []) {
    const id = row.id as string
    const name = String(row.name)
    const blob = c.blobs.get(id)
    if (!blob) {
      scansOmitted.push({ id, name, reason: '本院没有该扫描件的文件内容' })
      continue
    }
    const bytes = new Uint8Array(await blob.arrayBuffer())
    if (bytes.length !== row.size || sha256Hex(bytes) !== row.sha256) {
      scansOmitted.push({ id, name, reason: '文件内容与登记时的校验值不一致' })
      continue
    }
    held.push({ row, bytes })
  }
  // Per origin, in rev order: the first scan that would overflow the budget cuts the origin before its rev.
  held.sort(
    (a, b) =>
      String(a.row.ownerUnit).localeCompare(String(b.row.ownerUnit)) || (a.row.rev as number) - (b.row.rev as number),
  )
  const cut = new Map<string, number>()
  let scanBytes = 0
  const kept: typeof held = []
  for (const h of held) {
    const owner = h.row.ownerUnit as string
    if (cut.has(owner)) continue
    if (scanBytes > 0 && scanBytes + h.bytes.length > budget) {
      cut.set(owner, (h.row.rev as number) - 1)
      continue
    }
    scanBytes += h.bytes.length
    kept.push(h)
  }
  const within = (r: Record<string, unknown>) => {
    const limit = cut.get(r.ownerUnit as string)
    return limit === undefined || (r.rev as number) <= limit
  }
  const tables: Record<string, Record<string, unknown>[]> = {}
  let records = 0
  for (const [table, rows] of Object.entries(c.tables)) {
    const list = table === 'units' ? rows : rows.filter(within)
    if (list.length || table === 'units') tables[table] = list
    if (table !== 'units') records += list.length
  }
  const origins = c.origins.flatMap((o) => {
    const limit = cut.get(o.unitCode)
    if (limit === undefined) return [o]
    return limit >= o.revFrom ? [{ ...o, revTo: limit }] : []
  })
  const keptIds = new Set((tables.attachments ?? []).map((r) => r.id))
  const counts = Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length]))
  return {
    tables,
    origins,
    counts,
    records,
    scans: kept
      .filter((h) => keptIds.has(h.row.id))
      .map((h) => ({ id: h.row.id as string, sha256: h.row.sha256 as string, bytes: bytesToBase64(h.bytes) })),
    scanBytes: kept.filter((h) => keptIds.has(h.row.id)).reduce((s, h) => s + h.bytes.length, 0),
    scansOmitted: scansOmitted.filter((o) => keptIds.has(o.id)),
    deferred: c.records - records,
  }
}

export interface SubordinateRow {
  unitCode: string
  unitName: string
  level: UnitRow['level']
  parentCode?: string
  enrolled: boolean
  highWaterRev?: number
  via?: string
  updatedAt?: string
  revGaps: OriginRow['revGaps']
  cases: number
  persons: number
}

/** 下级院数据: every subordinate office below this one, what is held of it, and how many of its cases. */
export async function subordinateSummary(db: JiuzhuDb, own: UnitRow): Promise<SubordinateRow[]> {
  const units = await db.units.toArray()
  const byCode = new Map(units.map((u) => [u.code, u]))
  const peers = new Set((await listPeers(db)).filter((p) => p.relation === 'child').map((p) => p.unitCode))
  const out: SubordinateRow[] = []
  for (const code of descendantsOf(units, own.code)) {
    const u = byCode.get(code) as UnitRow
    const origin = (await db.exchange.get(EX.origin(code))) as OriginRow | undefined
    out.push({
      unitCode: code,
      unitName: u.name,
      level: u.level,
      parentCode: u.parentCode,
      enrolled: peers.has(code),
      highWaterRev: origin?.highWaterRev,
      via: origin?.via,
      updatedAt: origin?.updatedAt,
      revGaps: origin?.revGaps ?? [],
      cases: await db.cases.where('ownerUnit').equals(code).count(),
      persons: await db.persons.where('ownerUnit').equals(code).count(),
    })
  }
  return out
}

export interface ReplicaCaseRow {
  id: string
  ownerUnit: string
  ownerName: string
  caseNo?: string
  state: Case['state']
  applicantName: string
  applicationDate?: string
  decisionDate?: string
  grantedFen?: number
  rev: number
  updatedAt: string
}

/** Read-only replicas of subordinate offices' cases (the higher office's register of lower offices' cases). */
export async function listReplicaCases(db: JiuzhuDb, own: UnitRow, origin?: string): Promise<ReplicaCaseRow[]> {
  const units = await db.units.toArray()
  const names = new Map(units.map((u) => [u.code, u.name]))
  const codes = origin ? [origin] : descendantsOf(units, own.code)
  const rows = (await db.cases.where('ownerUnit').anyOf(codes).toArray()) as unknown as Case[]
  const persons = await db.persons.bulkGet(rows.map((r) => r.applicantId ?? ''))
  return rows
    .map((r, i) => ({
      id: r.id,
      ownerUnit: r.ownerUnit,
      ownerName: names.get(r.ownerUnit) ?? r.ownerUnit,
      caseNo: r.caseNo,
      state: r.state,
      applicantName: String(persons[i]?.name ?? ''),
      applicationDate: r.applicationDate,
      decisionDate: r.decisionDate,
      grantedFen: r.decision?.grantedFen,
      rev: r.rev,
      updatedAt: r.updatedAt,
    }))
    .sort((a, b) => a.ownerUnit.localeCompare(b.ownerUnit) || b.updatedAt.localeCompare(a.updatedAt))
}

export interface UpwardRow {
  unitCode: string
  unitName: string
  /** Highest rev of this origin's records held here. */
  latestRev: number
  /** What the parent acknowledged holding. */
  parentHolds: number
  /** Records that the next archive would carry. */
  pending: number
}

/** 上报上级院: per origin (this office and its subordinates), what is held here, what the parent holds, what is due. */
export async function upwardStatus(db: JiuzhuDb, own: UnitRow, holds: Record<string, number>): Promise<UpwardRow[]> {
  return db.transaction('r', ['units', ...archiveTables], async () => {
    const units = await db.units.toArray()
    const names = new Map(units.map((u) => [u.code, u.name]))
    const out: UpwardRow[] = []
    for (const code of [own.code, ...descendantsOf(units, own.code)]) {
      let latestRev = 0
      let pending = 0
      const held = holds[code] ?? 0
      for (const table of archiveTables) {
        const index = db.table(table).where('[ownerUnit+rev]')
        const last = (await index.between([code, 0], [code, Number.POSITIVE_INFINITY], true, true).last()) as
          | StoredRecord
          | undefined
        if (last && last.rev > latestRev) latestRev = last.rev
        pending += await index.between([code, held + 1], [code, Number.POSITIVE_INFINITY], true, true).count()
      }
      out.push({ unitCode: code, unitName: names.get(code) ?? code, latestRev, parentHolds: held, pending })
    }
    return out
  })
}
