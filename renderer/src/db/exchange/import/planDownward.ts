import { defaultCalendar } from '@shared/domain/calendar'
import { formatYuanWithUnit } from '@shared/domain/money'
import { CodedError } from '@shared/errors/coded'
import { describeZodError } from '@shared/errors/zodProblems'
import {
  compareEdition,
  type DirectoryEntry,
  DOWNWARD_TABLES,
  directoryEntrySchema,
  duplicateFlagSchema,
  type EditionVerdict,
  filingSchema,
  type StandardsContent,
  type StandardsEdition,
  standardsEditionSchema,
  supervisionNoteSchema,
} from '@shared/exchange/downward'
import { displayName } from '@shared/exchange/errors'
import { formatFingerprint, keyIdOf } from '@shared/exchange/fingerprint'
import { keyRotationSchema, type OfficeKeyRecord } from '@shared/exchange/keyRecord'
import { bundleKindLabels, type DownwardKind } from '@shared/exchange/manifest'
import { decodeBase64OrUndefined } from '@shared/util/base64'
import { canonicalJson } from '@shared/util/canonicalJson'
import { sha256Hex } from '@shared/util/hash'
import type { z } from 'zod'
import type { UnitRow } from '../../database'
import type { ReadDb } from '../../readOnly'
import { descendantsOf } from '../reads'
import { type DirectoryRow, EX, type OpenedBundle, type PeerRow, type Rejection, type StandardsRow } from '../store'
import { channelCheck, type PlanBase, planBase, refuseMisaddressed, replayCheck, requirePeer } from './planChecks'

/**
 * Import planning for what comes DOWN (standards, supervision notes, duplicate-assistance flags), key-rotation
 * announcements from either side, and filings coming UP to the national level (docs/exchange.md §一.7–11). Same
 * contract as plan.ts: read only; the preview shows the plan; the commit plans again inside its transaction and
 * writes exactly that.
 */

type Row = Record<string, unknown>

export interface EditionPlan {
  issuer: string
  issuerName: string
  edition: number
  heldEdition?: number
  verdict: EditionVerdict
  title: string
  issuedAt: string
  changes: string[]
}

export interface DirectoryPlan {
  unitCode: string
  unitName: string
  fingerprint: string
  status: 'new' | 'same' | 'changed' | 'own' | 'own-mismatch' | 'peer-mismatch'
  /** Keys of the office the issuer revoked, with date and reason (shown in the preview). */
  revoked?: { fingerprint: string; revokedOn: string; reason: string }[]
  /** The entry's current key is itself revoked: the office has not enrolled again yet. */
  currentRevoked?: boolean
}

export interface RecordCounts {
  table: string
  new: number
  updated: number
  unchanged: number
  rejected: number
}

export interface RotationPlan {
  unitCode: string
  unitName: string
  relation: 'parent' | 'child'
  previousFingerprint: string
  next: OfficeKeyRecord
  nextFingerprint: string
}

export interface DownwardPlan extends PlanBase {
  kind: DownwardKind
  editions: EditionPlan[]
  directory: DirectoryPlan[]
  counts: RecordCounts[]
  rejected: Rejection[]
  rotation?: RotationPlan
  writes: {
    standards: StandardsEdition[]
    directory: DirectoryEntry[]
    records: Record<string, Row[]>
    /** How many of each origin office's records are new here and how many update a held one (the audit entries). */
    tallies: { unitCode: string; table: string; new: number; updated: number }[]
  }
}

const RECORD_TABLES = {
  supervision: { table: 'supervisionNotes', schema: supervisionNoteSchema },
  'duplicate-flags': { table: 'duplicateFlags', schema: duplicateFlagSchema },
  filing: { table: 'filings', schema: filingSchema },
} as const

function invalid(kind: DownwardKind, detail: string): never {
  throw new CodedError('exchange.downward-invalid', { kind: bundleKindLabels[kind], detail })
}

/** Which relation the sender must have to this office for each kind. */
function senderRelation(kind: DownwardKind, peer: PeerRow | undefined): 'parent' | 'child' {
  if (kind === 'filing') return 'child'
  if (kind === 'key-rotation') return peer?.relation ?? 'parent'
  return 'parent'
}

export async function planDownward(db: ReadDb, own: UnitRow, bundle: OpenedBundle): Promise<DownwardPlan> {
  const { manifest, tables } = bundle
  const kind = manifest.kind as DownwardKind
  refuseMisaddressed(bundle, own)
  const known = (await db.exchange.get(EX.peer(manifest.sender.unitCode))) as PeerRow | undefined
  const peer = await requirePeer(db, bundle, senderRelation(kind, known))
  if (kind === 'filing' && own.level !== 'supreme') {
    throw new CodedError('exchange.unexpected-kind', { kind: bundleKindLabels[kind] })
  }
  const base = planBase(bundle, peer)
  const empty = {
    editions: [],
    directory: [],
    counts: [],
    rejected: [],
    writes: { standards: [], directory: [], records: {}, tallies: [] },
  }
  const seenAt = await replayCheck(db, bundle)
  if (seenAt) return { kind, ...base, alreadyImportedAt: seenAt, ...empty }
  const channel = await channelCheck(db, bundle, peer.unitName)
  for (const name of Object.keys(tables)) {
    if (!(DOWNWARD_TABLES[kind] as readonly string[]).includes(name))
      invalid(kind, `不应包含数据表“${displayName(name, 40)}”`)
  }
  const plan: DownwardPlan = {
    kind,
    ...base,
    channelGaps: channel.gaps,
    fork: channel.fork,
    warnings: channel.warnings,
    ...empty,
    writes: { standards: [], directory: [], records: {}, tallies: [] },
  }
  const units = await db.units.toArray()
  const subtree = new Set([own.code, ...descendantsOf(units, own.code)])
  if (kind === 'standards') await planStandards(db, own, bundle, plan, subtree)
  else if (kind === 'key-rotation') planRotation(bundle, peer, plan)
  else await planRecords(db, kind, bundle, plan, subtree, peer)
  return plan
}

// ---- standards -------------------------------------------------------------------------------------------------

async function planStandards(
  db: ReadDb,
  own: UnitRow,
  bundle: OpenedBundle,
  plan: DownwardPlan,
  subtree: Set<string>,
): Promise<void> {
  const rows = bundle.tables.standards ?? []
  if (rows.length === 0) invalid('standards', '没有任何标准内容')
  const issuers = new Set<string>()
  for (let i = 0; i < rows.length; i++) {
    const parsed = standardsEditionSchema.safeParse(rows[i])
    if (!parsed.success) invalid('standards', `第 ${i + 1} 份标准：${describeZodError(parsed.error, 3)}`)
    const e = parsed.data
    if (issuers.has(e.issuer)) invalid('standards', `发布单位 ${e.issuer} 的标准重复出现`)
    issuers.add(e.issuer)
    if (subtree.has(e.issuer)) invalid('standards', `本院或下级单位（${e.issuer}）的标准不能由上级院下发`)
    const held = (await db.standards.get(e.issuer)) as StandardsRow | undefined
    const verdict = compareEdition(e, held?.edition)
    const changes = verdict === 'new' || verdict === 'newer' ? describeChanges(held?.edition.content, e.content) : []
    plan.editions.push({
      issuer: e.issuer,
      issuerName: e.issuerName,
      edition: e.edition,
      heldEdition: held?.edition.edition,
      verdict,
      title: e.title,
      issuedAt: e.issuedAt,
      changes,
    })
    if (verdict === 'new' || verdict === 'newer') plan.writes.standards.push(e)
    if (verdict === 'older') {
      plan.warnings.push(
        `“${e.issuerName}”的标准：本包为第 ${e.edition} 版，本院已有第 ${held?.edition.edition} 版。较旧的版本不会替换较新的版本，本院继续使用第 ${held?.edition.edition} 版。`,
      )
    }
    if (verdict === 'conflict') {
      plan.warnings.push(
        `“${e.issuerName}”的标准第 ${e.edition} 版与本院已有的同号版本内容不同，疑似发布单位软件有误。本院继续使用已有的版本，请与发布单位核实。`,
      )
    }
  }
  if (!plan.writes.standards.length) {
    plan.warnings.push('本包中的标准都不比本院现行的新，导入后现行标准不变。')
  }
  const ownKey = (await db.exchange.get(EX.officeKey)) as { record: OfficeKeyRecord } | undefined
  const dirRows = bundle.tables.directory ?? []
  const seen = new Set<string>()
  for (let i = 0; i < dirRows.length; i++) {
    const parsed = directoryEntrySchema.safeParse(dirRows[i])
    if (!parsed.success) invalid('standards', `单位目录第 ${i + 1} 条：${describeZodError(parsed.error, 3)}`)
    const d = parsed.data
    if (seen.has(d.unitCode)) invalid('standards', `单位目录中 ${d.unitCode} 重复出现`)
    seen.add(d.unitCode)
    if (keyIdOf(d.record) !== d.record.keyId || d.record.unitCode !== d.unitCode) {
      invalid('standards', `单位目录中 ${d.unitCode} 的密钥编号与公钥不符`)
    }
    const fingerprint = formatFingerprint(d.record.keyId)
    const revoked = (d.revokedKeys ?? []).map((r) => ({
      fingerprint: formatFingerprint(r.keyId),
      revokedOn: r.revokedOn,
      reason: r.reason,
    }))
    const currentRevoked = (d.revokedKeys ?? []).some((r) => r.keyId === d.record.keyId)
    let status: DirectoryPlan['status']
    if (d.unitCode === own.code && ownKey && d.revokedKeys?.some((r) => r.keyId === ownKey.record.keyId)) {
      status = 'own-mismatch'
      plan.warnings.push(
        '上级院已吊销本院现用的密钥：以它签名的数据包上级院不再接收。请在“本院身份与单位目录”中重新生成本院密钥，导出入网登记包交上级院重新登记，并电话核对新指纹。',
      )
    } else if (d.unitCode === own.code) {
      status = ownKey?.record.keyId === d.record.keyId ? 'own' : 'own-mismatch'
      if (status === 'own-mismatch') {
        plan.warnings.push(
          '上级院单位目录中本院的密钥与本院现用密钥不一致（可能本院更换密钥后上级院尚未导入密钥更换包）。请向上级院送交密钥更换包。',
        )
      }
    } else {
      const peer = (await db.exchange.get(EX.peer(d.unitCode))) as PeerRow | undefined
      const held = (await db.exchange.get(EX.directory(d.unitCode))) as DirectoryRow | undefined
      if (peer && peer.record.keyId !== d.record.keyId) {
        status = 'peer-mismatch'
        plan.warnings.push(
          `上级院单位目录中“${d.unitName}”的密钥（指纹 ${fingerprint}）与本院登记的（指纹 ${peer.fingerprint}）不一致。本院登记的密钥不变；请与对方电话核实。`,
        )
      } else if (!held) status = 'new'
      else {
        const same = (x: Pick<DirectoryEntry, 'record' | 'revokedKeys'>) =>
          canonicalJson({ k: x.record.keyId, r: x.revokedKeys ?? [] })
        status = same(held) === same(d) ? 'same' : 'changed'
      }
      if (status === 'new' || status === 'changed') plan.writes.directory.push(d)
      if (revoked.length && status !== 'same') {
        plan.warnings.push(
          `上级院已吊销“${d.unitName}”（${d.unitCode}）的密钥（指纹 ${revoked.map((r) => r.fingerprint).join('、')}）。导入后，本院不再接收以该密钥签名的数据包和案件移送材料包。`,
        )
      }
    }
    plan.directory.push({
      unitCode: d.unitCode,
      unitName: d.unitName,
      fingerprint,
      status,
      ...(revoked.length ? { revoked } : {}),
      ...(currentRevoked ? { currentRevoked } : {}),
    })
  }
}

const yuan = (fen: number) => formatYuanWithUnit(fen)

/** What an edition changes compared with the one held (Chinese lines for the preview). */
export function describeChanges(held: StandardsContent | undefined, next: StandardsContent): string[] {
  const out: string[] = []
  const key = (w: { regionCode: string; year: number; series: string }) => `${w.regionCode}/${w.year}/${w.series}`
  const before = new Map((held?.wageTable ?? []).map((w) => [key(w), w]))
  for (const w of next.wageTable) {
    const b = before.get(key(w))
    if (!b) out.push(`工资标准 ${w.regionCode} ${w.year}年（${w.series}）：新增 ${yuan(w.monthlyWageFen)}/月`)
    else if (b.monthlyWageFen !== w.monthlyWageFen) {
      out.push(
        `工资标准 ${w.regionCode} ${w.year}年（${w.series}）：${yuan(b.monthlyWageFen)} → ${yuan(w.monthlyWageFen)}/月`,
      )
    }
    before.delete(key(w))
  }
  for (const b of before.values()) out.push(`工资标准 ${b.regionCode} ${b.year}年（${b.series}）：本版不再列出`)
  const heldYears = held?.calendar?.years ?? {}
  for (const [year, y] of Object.entries(next.calendar?.years ?? {})) {
    const h = heldYears[year] ?? defaultCalendar.years[year]
    const where = heldYears[year] ? '' : '（与软件内置的不同）'
    if (!h) out.push(`节假日安排 ${year}年：新增（放假 ${y.holidays.length} 天，调休上班 ${y.workdays.length} 天）`)
    else if (canonicalJson(h) !== canonicalJson(y)) out.push(`节假日安排 ${year}年：有调整${where}`)
  }
  const heldMeasures = new Map((held?.localMeasures ?? []).map((m) => [m.id, m]))
  for (const m of next.localMeasures) {
    const h = heldMeasures.get(m.id)
    if (!h) out.push(`实施办法：新增“${m.title}”（${m.effectiveDate} 起施行）`)
    else if (canonicalJson(h) !== canonicalJson(m)) out.push(`实施办法：“${m.title}”有修改`)
  }
  const heldRs = new Map((held?.ruleSets ?? []).map((r) => [r.id, r]))
  for (const r of next.ruleSets) {
    const h = heldRs.get(r.id)
    if (!h) out.push(`规则集：新增或替换“${r.shortTitle}”（${r.id}，${r.effectiveDate} 起施行）`)
    else if (canonicalJson(h) !== canonicalJson(r)) out.push(`规则集：“${r.shortTitle}”有修改`)
  }
  if (!out.length) out.push('内容与本院已有的相同')
  return out
}

// ---- key rotation ----------------------------------------------------------------------------------------------

function planRotation(bundle: OpenedBundle, peer: PeerRow, plan: DownwardPlan): void {
  const rows = bundle.tables.rotation ?? []
  if (rows.length !== 1) invalid('key-rotation', '应当且只应包含一份密钥更换通知')
  const parsed = keyRotationSchema.safeParse(rows[0])
  if (!parsed.success) {
    throw new CodedError('exchange.rotation-invalid', { detail: describeZodError(parsed.error, 3) })
  }
  const r = parsed.data
  const s = bundle.manifest.sender
  if (r.unitCode !== s.unitCode || r.next.unitCode !== s.unitCode) {
    throw new CodedError('exchange.rotation-invalid', { detail: '通知中的单位与发送单位不符' })
  }
  if (r.previousKeyId !== peer.record.keyId || r.next.previousKeyId !== r.previousKeyId) {
    throw new CodedError('exchange.rotation-stale', {
      unitName: peer.unitName,
      previous: formatFingerprint(r.previousKeyId),
      current: peer.fingerprint,
    })
  }
  if (keyIdOf(r.next) !== r.next.keyId || r.next.keyId === r.previousKeyId) {
    throw new CodedError('exchange.rotation-invalid', { detail: '新密钥的编号与公钥不符，或新旧密钥相同' })
  }
  plan.rotation = {
    unitCode: peer.unitCode,
    unitName: peer.unitName,
    relation: peer.relation,
    previousFingerprint: peer.fingerprint,
    next: r.next as OfficeKeyRecord,
    nextFingerprint: formatFingerprint(r.next.keyId),
  }
}

// ---- supervision notes, duplicate flags, filings ---------------------------------------------------------------

async function planRecords(
  db: ReadDb,
  kind: 'supervision' | 'duplicate-flags' | 'filing',
  bundle: OpenedBundle,
  plan: DownwardPlan,
  subtree: Set<string>,
  peer: PeerRow,
): Promise<void> {
  const { table, schema } = RECORD_TABLES[kind]
  const rows = bundle.tables[table] ?? []
  if (rows.length === 0) invalid(kind, '没有任何记录')
  const counts: RecordCounts = { table, new: 0, updated: 0, unchanged: 0, rejected: 0 }
  const reject = (id: string, unitCode: string, reason: string) => {
    plan.rejected.push({ table, id: displayName(id, 80), unitCode: displayName(unitCode, 6), reason })
    counts.rejected++
  }
  const ids = rows.map((r) => (typeof r.id === 'string' ? r.id : '')).filter(Boolean)
  const existing = new Map<string, Row>()
  for (const e of await db.table(table).bulkGet(ids)) if (e) existing.set((e as Row).id as string, e as Row)
  const seen = new Set<string>()
  const out: Row[] = []
  const tallies = new Map<string, { unitCode: string; table: string; new: number; updated: number }>()
  const tally = (unitCode: string) => {
    const t = tallies.get(unitCode) ?? { unitCode, table, new: 0, updated: 0 }
    tallies.set(unitCode, t)
    return t
  }
  for (const r of rows) {
    const id = typeof r.id === 'string' ? r.id : '?'
    const owner = typeof r.ownerUnit === 'string' ? r.ownerUnit : '?'
    const parsed = (schema as z.ZodType).safeParse(r)
    if (!parsed.success) {
      reject(id, owner, `不符合数据规范：${describeZodError(parsed.error, 3)}`)
      continue
    }
    if (seen.has(id)) {
      reject(id, owner, '数据包中重复出现')
      continue
    }
    seen.add(id)
    if (kind === 'filing') {
      if (owner !== peer.unitCode) {
        reject(id, owner, '报备材料只能由报送单位本身提交')
        continue
      }
      const doc = r as { documentBase64: string; documentSha256: string; documentBytes: number }
      const bytes = decodeBase64OrUndefined(doc.documentBase64)
      if (!bytes || bytes.length !== doc.documentBytes || sha256Hex(bytes) !== doc.documentSha256) {
        reject(id, owner, '附带的文件与其校验值或大小不符')
        continue
      }
    } else {
      if (subtree.has(owner)) {
        reject(id, owner, '本院或下级单位的记录不能由上级院改写')
        continue
      }
      const targets = (r.targets as string[]) ?? []
      if (!targets.some((t) => subtree.has(t))) {
        reject(id, owner, '不是发给本院或本院下级单位的')
        continue
      }
      if (kind === 'duplicate-flags' && r.status !== 'sent') {
        reject(id, owner, '已排除的提示不应下发')
        continue
      }
    }
    const held = existing.get(id)
    const rev = r.rev as number
    if (!held) {
      counts.new++
      tally(owner).new++
      out.push(r)
    } else if (held.ownerUnit !== owner) {
      reject(id, owner, `编号与本院已有的单位 ${String(held.ownerUnit)} 的记录冲突`)
    } else if ((held.rev as number) > rev) {
      counts.unchanged++
    } else if ((held.rev as number) === rev) {
      if (canonicalJson(held) === canonicalJson(r)) counts.unchanged++
      else reject(id, owner, `版本号相同（第 ${rev} 版）但内容不同，疑似数据错误`)
    } else {
      counts.updated++
      tally(owner).updated++
      out.push(r)
    }
  }
  plan.counts.push(counts)
  if (out.length) plan.writes.records[table] = out
  plan.writes.tallies.push(...tallies.values())
  if (plan.rejected.length) plan.warnings.push(`有 ${plan.rejected.length} 条记录不符合要求，将不予导入。`)
}
