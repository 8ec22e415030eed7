import { GENESIS_HASH } from '@shared/audit/chain'
import { type AuditHead, headAlgField } from '@shared/audit/hashAlg'
import type { Case } from '@shared/domain/schemas'
import { CodedError } from '@shared/errors/coded'
import {
  type ArchivePart,
  fillArchivePart,
  type OriginReader,
  type PartRow,
  partBudget,
} from '@shared/exchange/archiveParts'
import { formatFingerprint } from '@shared/exchange/fingerprint'
import type { OfficeKeyRecord } from '@shared/exchange/keyRecord'
import type { ArchivePartBudget } from '@shared/exchange/limits'
import { encodeBase64 } from '@shared/util/base64'
import { sha256Hex } from '@shared/util/hash'
import { officeAuditHash } from '../audit'
import type { JiuzhuDb, StoredRecord, UnitRow } from '../database'
import type { ReadDb } from '../readOnly'
import { archiveTables } from './archiveTables'
import {
  type DirectoryRow,
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
} from './store'

/**
 * Reads for 数据交换 (docs/exchange.md): keys, peers, channels, the archive to send, subordinates, replicas. Nothing here
 * writes.
 */

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

/** The bundles of one kind this office has written, oldest first (e.g. the key-rotation notices sent). */
export async function sentOfKind(db: JiuzhuDb, kind: SentRow['kind']): Promise<SentRow[]> {
  return (await byPrefix<SentRow>(db, 'sent:')).filter((s) => s.kind === kind)
}

/** One office in the trusted directory file (`exchange:exportTrust`, docs/bundle-format.md §10). */
export interface TrustedOffice {
  unitCode: string
  unitName: string
  record: OfficeKeyRecord
  revokedKeys: { keyId: string }[]
}

/**
 * The keys this office trusts, as `npm run cli -- bundle verify --trust` reads them: its own key, the offices
 * enrolled with it (入网登记, fingerprints checked by phone) and the offices of the signed unit directory a higher
 * office sent down — an enrolled entry wins over a directory entry for the same office. Each lists the keys no longer
 * trusted here: retired by 密钥更换, revoked here or by the issuer of the directory (吊销密钥).
 */
export async function trustedOffices(db: JiuzhuDb, own: UnitRow): Promise<TrustedOffice[]> {
  const out = new Map<string, TrustedOffice>()
  for (const d of await byPrefix<DirectoryRow>(db, 'dir:')) {
    const revokedKeys = (d.revokedKeys ?? []).map((r) => ({ keyId: r.keyId }))
    out.set(d.unitCode, { unitCode: d.unitCode, unitName: d.unitName, record: d.record, revokedKeys })
  }
  for (const p of await listPeers(db)) {
    const revokedKeys = [...(p.retired ?? []), ...(p.revoked ?? [])].map((r) => ({ keyId: r.keyId }))
    out.set(p.unitCode, { unitCode: p.unitCode, unitName: p.unitName, record: p.record, revokedKeys })
  }
  const key = await getOfficeKey(db)
  if (key) out.set(own.code, { unitCode: own.code, unitName: own.name, record: key.record, revokedKeys: [] })
  return [...out.values()].sort((a, b) => a.unitCode.localeCompare(b.unitCode))
}

/**
 * The sender's audit-chain head, carried in every bundle it writes (docs/security-reference.md §5.1), with the
 * chain's algorithm when it is not SHA-256 (docs/bundle-format.md `auditHead`).
 */
export async function auditHead(db: ReadDb): Promise<AuditHead> {
  const last = await db.audit.orderBy('seq').last()
  const alg = headAlgField(await officeAuditHash(db))
  return last ? { seq: last.seq, hash: last.hash, ...alg } : { seq: 0, hash: GENESIS_HASH, ...alg }
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
export function plain<T extends object>(row: T): Record<string, unknown> {
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
  /** True when the part budget ended this part and records remain for the next part. */
  more: boolean
}

/** Revs read per origin and window: bounds what one export holds in memory beyond the part it is filling. */
const WINDOW_REVS = 5_000

/**
 * One part of an upward archive (docs/architecture.md §4 "Change sequence"; docs/exchange.md “分批上报”): for this office and
 * every subordinate whose records it holds, the records with `rev` above `after[origin]` (what the parent
 * acknowledged, or where the previous part ended; `{}` for a full resend), unchanged as stored, in rev order per
 * origin until the part budget is reached (`fillArchivePart`); and the unit rows of this office and its
 * subordinates so the parent can place them (in every part, so each part imports on its own). Records are read in
 * windows of revs, one read transaction each: revs only grow, so a record changed meanwhile moves to a rev that a
 * later window, part or export carries.
 */
export async function collectArchive(
  db: JiuzhuDb,
  own: UnitRow,
  after: Readonly<Record<string, number>>,
  budget: Partial<ArchivePartBudget> = {},
): Promise<ArchiveContent> {
  const units = await db.units.toArray()
  const originCodes = [own.code, ...descendantsOf(units, own.code)].sort()
  const byCode = new Map(units.map((u) => [u.code, u]))
  const unitRows = originCodes
    .map((c) => byCode.get(c))
    .filter((u): u is UnitRow => !!u && !u.directoryOnly)
    .map(plain)
  const part = await fillArchivePart(originCodes, after, originReader(db), partBudget(budget), { units: unitRows })
  return withScans(db, part)
}

/** Reads an origin's records above a rev in windows, with the size of each attachment's bytes held here. */
function originReader(db: JiuzhuDb): OriginReader {
  return async function* (unitCode, afterRev) {
    const top = await db.transaction('r', archiveTables, async () => {
      let max = 0
      for (const table of archiveTables) {
        const last = (await db
          .table(table)
          .where('[ownerUnit+rev]')
          .between([unitCode, afterRev + 1], [unitCode, Number.POSITIVE_INFINITY], true, true)
          .last()) as StoredRecord | undefined
        if (last && last.rev > max) max = last.rev
      }
      return max
    })
    for (let lo = afterRev; lo < top; lo += WINDOW_REVS) {
      yield await db.transaction('r', ['attachmentBlobs', ...archiveTables], async () => {
        const rows: PartRow[] = []
        for (const table of archiveTables) {
          const found = (await db
            .table(table)
            .where('[ownerUnit+rev]')
            .between([unitCode, lo + 1], [unitCode, lo + WINDOW_REVS], true, true)
            .toArray()) as StoredRecord[]
          const blobs = table === 'attachments' ? await db.attachmentBlobs.bulkGet(found.map((r) => r.id)) : []
          found.forEach((r, i) => {
            const size = (r as { size?: unknown }).size
            const held = typeof size === 'number' && blobs[i]?.blob.size === size ? size : 0
            rows.push({ table, record: plain(r), scanBytes: held })
          })
        }
        return rows.sort((a, b) => (a.record.rev as number) - (b.record.rev as number))
      })
    }
  }
}

/**
 * 扫描件随上报数据 (docs/exchange.md): every attachment record of the part takes its bytes along when this office
 * holds them intact (sha256 and size as recorded; a relaying office holds its subordinates' scans from their
 * archives). The part budget counted every scan held at its recorded size, so the scans that travel fit in it.
 */
async function withScans(db: JiuzhuDb, part: ArchivePart): Promise<ArchiveContent> {
  const scansOmitted: ArchiveContent['scansOmitted'] = []
  const scans: ArchiveScan[] = []
  let scanBytes = 0
  const rows = part.tables.attachments ?? []
  const blobs = await db.attachmentBlobs.bulkGet(rows.map((r) => r.id as string))
  for (const [i, row] of rows.entries()) {
    const id = row.id as string
    const name = String(row.name)
    const blob = blobs[i]?.blob
    if (!blob) {
      scansOmitted.push({ id, name, reason: '本院没有该扫描件的文件内容' })
      continue
    }
    const bytes = new Uint8Array(await blob.arrayBuffer())
    if (bytes.length !== row.size || sha256Hex(bytes) !== row.sha256) {
      scansOmitted.push({ id, name, reason: '文件内容与登记时的校验值不一致' })
      continue
    }
    scans.push({ id, sha256: row.sha256 as string, bytes: encodeBase64(bytes) })
    scanBytes += bytes.length
  }
  const counts = Object.fromEntries(Object.entries(part.tables).map(([t, list]) => [t, list.length]))
  return {
    tables: part.tables,
    origins: part.origins,
    counts,
    records: part.records,
    scans,
    scanBytes,
    scansOmitted,
    more: part.more,
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
