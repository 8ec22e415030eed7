import { tableLabel } from '@shared/audit/tableLabels'
import type { UnitLevel } from '@shared/domain/officeSetup'
import { unitSchema } from '@shared/domain/schemas'
import { describeZodError } from '@shared/errors/zodProblems'
import { displayName } from '@shared/exchange/errors'
import { ARCHIVE_SCAN_MAX_BYTES, IMPORT_JUMP_LIMITS } from '@shared/exchange/limits'
import { decodeBase64 } from '@shared/util/base64'
import { canonicalJson } from '@shared/util/canonicalJson'
import { sha256Hex } from '@shared/util/hash'
import type { z } from 'zod'
import type { UnitRow } from '../../database'
import type { ReadDb } from '../../readOnly'
import { archiveSchemas } from '../archiveTables'
import { descendantsOf } from '../reads'
import {
  EX,
  type OpenedBundle,
  type OriginRow,
  type OriginTableCount,
  type PeerRow,
  parseUnitKey,
  type Rejection,
} from '../store'
import {
  channelCheck,
  levelLabel,
  levelRank,
  type PlanBase,
  planBase,
  refuse,
  refuseMisaddressed,
  replayCheck,
  requirePeer,
  wrongKind,
} from './planChecks'

/**
 * Planning an upward archive at the parent (docs/exchange.md): planArchive reads top to bottom — the checks every
 * import starts with, the unit rows against this office's directory (planUnits), the declared origins
 * (planOrigins), the records table by table (planRecords: schema, origin, rev range, against what is held), the
 * rev-jump bound, the scans to store. Nothing is written; the commit writes exactly this plan (commit.ts).
 */

type Row = Record<string, unknown>

export interface PlanGroup extends OriginTableCount {
  unitName: string
}

export interface OriginPlan {
  unitCode: string
  unitName: string
  revFrom: number
  revTo: number
  heldBefore: number
  heldAfter: number
  /** Revs this office never received: held + 1 … revFrom − 1. */
  gap?: { from: number; to: number }
  /** Always true: an origin that is not the sender or below it refuses the whole bundle (kept for the receipt). */
  allowed: boolean
}

export interface ArchivePlan extends PlanBase {
  kind: 'archive'
  origins: OriginPlan[]
  groups: PlanGroup[]
  rejected: Rejection[]
  /** Rows to write (new and updated), per table; units are the directory entries of the sender's subtree. */
  writes: Record<string, Row[]>
  totals: { new: number; updated: number; unchanged: number; rejected: number }
  /**
   * 扫描件: how many the bundle carries (all checked against their records), which ids get their bytes stored
   * (the record is new or updated, or held here without bytes), and their size.
   */
  scans: { carried: number; store: string[]; storeBytes: number }
}

/**
 * What the record schemas said of an opened bundle's records, per table: the row index → the reason it fails
 * (rows not listed pass). A bundle is immutable (its hash names it), so a plan made again for the same bundle
 * object — the commit's, when the store changed after the preview — takes these instead of checking every record
 * again. A table not in the map is checked (and its verdicts added).
 */
export type SchemaVerdicts = Map<string, Map<number, string>>

function checkTotals(bundle: OpenedBundle): void {
  for (const [table, summary] of Object.entries(bundle.manifest.tables)) {
    if (!summary.totals) continue
    let actual = 0
    for (const r of bundle.tables[table] ?? []) if (typeof r.amountFen === 'number') actual += r.amountFen
    if (actual !== summary.totals.amountFen) {
      refuse('exchange.totals-mismatch', { table: tableLabel(table), declared: summary.totals.amountFen, actual })
    }
  }
}

/**
 * Plans an upward archive from a direct subordinate: the sender is enrolled as a child; the bundle is new (same id
 * and hash → already imported; same id, other hash → refused); its channel number follows the last one (earlier →
 * refused; later → gap shown, but at most `IMPORT_JUMP_LIMITS.channelSkip` numbers skipped); money totals agree;
 * its unit rows agree with this office's own directory and every declared origin is the sender or below it by that
 * directory (`planUnits`); every record passes its shared schema, belongs to a declared origin within its rev
 * range, and carries an id minted by its owner; each origin's `revTo` stays within the jump bound of what is held
 * (`checkRevJumps`); a record already held is replaced only by a higher rev (same rev: unchanged when identical,
 * rejected when different). The directory, id and jump checks refuse the whole bundle; the others reject records.
 */
export async function planArchive(
  db: ReadDb,
  own: UnitRow,
  bundle: OpenedBundle,
  verdicts: SchemaVerdicts = new Map(),
): Promise<ArchivePlan> {
  const { manifest, tables } = bundle
  if (manifest.kind !== 'archive') wrongKind(manifest.kind)
  refuseMisaddressed(bundle, own)
  const peer = await requirePeer(db, bundle, 'child')
  const base = planBase(bundle, peer)
  const seenAt = await replayCheck(db, bundle)
  if (seenAt) return { kind: 'archive', ...base, alreadyImportedAt: seenAt, ...emptyArchive() }
  const channel = await channelCheck(db, bundle, peer.unitName)
  checkTotals(bundle)
  checkScans(bundle)

  const tally = new ArchiveTally()
  const writes: Record<string, Row[]> = {}
  // Who is below the sender: this office's own directory, plus units new here that the bundle places under it.
  const units = await planUnits(db, own, peer, tables.units ?? [], tally)
  if (units.writes.length) writes.units = units.writes
  const origins = await planOrigins(db, bundle, units, channel.warnings)
  // The reads happen here, one level below the transaction's scope: Dexie keeps its transaction zone across an await
  // of its own promises, but an await of an async helper that returned without touching the store (a table it does
  // not take, nothing held yet) loses it, and the reads after it would run outside the transaction
  // (PrematureCommitError). So planRecords takes what is held and decides synchronously.
  for (const [table, rows] of Object.entries(tables)) {
    if (table === 'units') continue
    const schema = (archiveSchemas as Record<string, z.ZodType>)[table]
    if (!schema) {
      rejectTable(tally, table, rows)
      continue
    }
    const held: HeldRecords = {
      byId: await heldById(db, table, rows),
      notes: table === 'supervisionReplies' ? await repliedNotes(db, rows) : undefined,
    }
    const out = planRecords({ own, peer, origins, tally, verdicts }, table, schema, rows, held)
    if (out.length) writes[table] = out
  }
  checkRevJumps(origins.list, tally.groups.values(), peer)

  const { groups, totals } = tally.summary(units.names)
  if (tally.rejected.length) {
    channel.warnings.push(`有 ${tally.rejected.length} 条记录不符合要求，将拒收并在回执中告知对方原因。`)
  }
  const scans = await scansToStore(db, bundle, writes)
  const without = (writes.attachments ?? []).filter((r) => !bundle.scans?.some((f) => f.id === r.id)).length
  if (without) {
    channel.warnings.push(
      `有 ${without} 个扫描件只有附件记录、没有随包附带文件内容（发送单位没有或其内容已损坏），导入后在案件页打开时会提示找不到文件内容。`,
    )
  }
  return {
    kind: 'archive',
    ...base,
    channelGaps: channel.gaps,
    fork: channel.fork,
    warnings: channel.warnings,
    origins: origins.list,
    groups,
    rejected: tally.rejected,
    writes,
    totals,
    scans,
  }
}

/** The archive plan's parts when the bundle was imported before: nothing would change. */
function emptyArchive(): Pick<ArchivePlan, 'origins' | 'groups' | 'rejected' | 'writes' | 'totals' | 'scans'> {
  return {
    origins: [],
    groups: [],
    rejected: [],
    writes: {},
    totals: { new: 0, updated: 0, unchanged: 0, rejected: 0 },
    scans: { carried: 0, store: [], storeBytes: 0 },
  }
}

/** Per office and table, how many records are new, updated, unchanged or rejected; and the rejections with reasons. */
class ArchiveTally {
  readonly groups = new Map<string, PlanGroup>()
  readonly rejected: Rejection[] = []

  group = (unitCode: string, table: string): PlanGroup => {
    const k = `${unitCode}\u0000${table}`
    let g = this.groups.get(k)
    if (!g) {
      g = { unitCode, unitName: '', table, new: 0, updated: 0, unchanged: 0, rejected: 0 }
      this.groups.set(k, g)
    }
    return g
  }

  reject = (table: string, id: string, unitCode: string, reason: string): void => {
    this.rejected.push({ table, id: displayName(id, 80), unitCode: displayName(unitCode, 6), reason })
    this.group(unitCode, table).rejected++
  }

  /** The groups named and in order (office, then table), and the totals over them. */
  summary(names: ReadonlyMap<string, string>): Pick<ArchivePlan, 'groups' | 'totals'> {
    const groups = [...this.groups.values()]
      .map((g) => ({ ...g, unitName: names.get(g.unitCode) ?? g.unitCode }))
      .sort((a, b) => a.unitCode.localeCompare(b.unitCode) || a.table.localeCompare(b.table))
    const totals = { new: 0, updated: 0, unchanged: 0, rejected: 0 }
    for (const g of groups) {
      totals.new += g.new
      totals.updated += g.updated
      totals.unchanged += g.unchanged
      totals.rejected += g.rejected
    }
    return { groups, totals }
  }
}

interface OriginsPlan {
  list: OriginPlan[]
  byCode: Map<string, OriginPlan>
}

/**
 * The manifest's origins: declared rev ranges and their contiguity with what is held (a gap is warned about and
 * recorded). Every origin must be the sender or below it, else the whole bundle is refused.
 */
async function planOrigins(
  db: ReadDb,
  bundle: OpenedBundle,
  units: UnitsPlan,
  warnings: string[],
): Promise<OriginsPlan> {
  const list: OriginPlan[] = []
  const byCode = new Map<string, OriginPlan>()
  for (const o of bundle.manifest.origins) {
    const held = ((await db.exchange.get(EX.origin(o.unitCode))) as OriginRow | undefined)?.highWaterRev ?? 0
    if (!units.below.has(o.unitCode)) {
      units.refuse(`把单位 ${units.label(o.unitCode)} 列为来源单位，而它既不是发送单位，也不在发送单位之下`)
    }
    const gap = o.revFrom > held + 1 ? { from: held + 1, to: o.revFrom - 1 } : undefined
    const plan: OriginPlan = {
      unitCode: o.unitCode,
      unitName: units.names.get(o.unitCode) ?? o.unitCode,
      revFrom: o.revFrom,
      revTo: o.revTo,
      heldBefore: held,
      heldAfter: gap ? held : Math.max(held, o.revTo),
      gap,
      allowed: true,
    }
    if (gap) {
      warnings.push(
        `版本号不连续：本院持有“${plan.unitName}”的记录至第 ${held} 版，此包从第 ${o.revFrom} 版开始，第 ${gap.from}–${gap.to} 版缺失。已记录缺口，回执将告知对方从第 ${held + 1} 版起重发。`,
      )
    }
    list.push(plan)
    byCode.set(o.unitCode, plan)
  }
  return { list, byCode }
}

/** A table this office does not take: every row is rejected with that reason. */
function rejectTable(tally: ArchiveTally, table: string, rows: Row[]): void {
  for (const r of rows) {
    const owner = typeof r.ownerUnit === 'string' ? r.ownerUnit : '?'
    tally.reject(table, String(r.id ?? '?'), owner, `本院不接收“${tableLabel(table)}”数据表`)
  }
}

/** What this office holds for one table's rows: the records with their ids, and (replies) the notes they answer. */
interface HeldRecords {
  byId: Map<string, Row>
  notes?: Map<string, HeldNote>
}

interface RecordsContext {
  own: UnitRow
  peer: PeerRow
  origins: OriginsPlan
  tally: ArchiveTally
  verdicts: SchemaVerdicts
}

/**
 * The records of one table, decided against what this office holds of them: the new and updated rows to write. Each
 * row must pass its schema, appear once, belong to a declared origin other than this office, within the
 * origin's rev range, and (a supervision reply) answer a note held here. An id not minted by its owner refuses the
 * whole bundle. A held record is replaced only by a higher rev.
 */
function planRecords(cx: RecordsContext, table: string, schema: z.ZodType, rows: Row[], held: HeldRecords): Row[] {
  const { tally } = cx
  const { byId: existingById, notes } = held
  const failures = schemaFailures(cx.verdicts, table, schema, rows)
  const seen = new Set<string>()
  const out: Row[] = []
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]
    const id = typeof r.id === 'string' ? r.id : '?'
    const owner = typeof r.ownerUnit === 'string' ? r.ownerUnit : '?'
    const problem = failures.get(i) ?? (seen.has(id) ? '数据包中重复出现' : undefined)
    if (problem) {
      tally.reject(table, id, owner, problem)
      continue
    }
    seen.add(id)
    const origin = recordOrigin(cx, table, id, owner)
    if (!origin) continue
    const replyProblem = notes ? replyNoteProblem(r, notes) : undefined
    if (replyProblem) {
      tally.reject(table, id, owner, replyProblem)
      continue
    }
    const rev = r.rev as number
    if (rev < origin.revFrom || rev > origin.revTo) {
      tally.reject(table, id, owner, `版本号 ${rev} 不在清单声明的范围 ${origin.revFrom}–${origin.revTo} 内`)
      continue
    }
    if (againstHeld(tally, table, r, id, owner, existingById.get(id))) out.push(r)
  }
  return out
}

/** The schema verdicts of a table's rows (row index → reason), checked once per bundle (SchemaVerdicts). */
function schemaFailures(verdicts: SchemaVerdicts, table: string, schema: z.ZodType, rows: Row[]): Map<number, string> {
  const known = verdicts.get(table)
  if (known) return known
  const failures = new Map<number, string>()
  for (let i = 0; i < rows.length; i++) {
    const parsed = schema.safeParse(rows[i])
    if (!parsed.success) failures.set(i, `不符合数据规范：${describeZodError(parsed.error, 3)}`)
  }
  verdicts.set(table, failures)
  return failures
}

/**
 * The declared origin a record belongs to, or undefined with the record rejected (this office's own record, an
 * owner not declared). Ids are minted by their owner (`<owner code>-<ULID>`): another office's id would take over
 * or pre-empt its record, so it refuses the whole bundle.
 */
function recordOrigin(cx: RecordsContext, table: string, id: string, owner: string): OriginPlan | undefined {
  const origin = cx.origins.byCode.get(owner)
  if (owner === cx.own.code) {
    cx.tally.reject(table, id, owner, '本院自己的记录不能由下级改写')
    return undefined
  }
  if (!origin) {
    cx.tally.reject(table, id, owner, '所属单位未在清单的来源单位中声明')
    return undefined
  }
  if (id.slice(0, 6) !== owner) {
    refuse('exchange.record-owner-mismatch', {
      unitName: displayName(cx.peer.unitName),
      unitCode: cx.peer.unitCode,
      table: tableLabel(table),
      id: displayName(id, 40),
      prefix: id.slice(0, 6),
      owner,
    })
  }
  return origin
}

/**
 * A record against the one held with its id: new or a higher rev is written (true); a lower rev, or the same rev
 * identical, is unchanged; the same rev with other content, or an id held for another office, is rejected.
 */
function againstHeld(
  tally: ArchiveTally,
  table: string,
  r: Row,
  id: string,
  owner: string,
  held: Row | undefined,
): boolean {
  const rev = r.rev as number
  const g = tally.group(owner, table)
  if (!held) {
    g.new++
    return true
  }
  if (held.ownerUnit !== owner) {
    tally.reject(table, id, owner, `编号与本院已有的单位 ${String(held.ownerUnit)} 的记录冲突`)
  } else if ((held.rev as number) > rev) {
    g.unchanged++
  } else if ((held.rev as number) === rev) {
    if (canonicalJson(held) === canonicalJson(r)) g.unchanged++
    else tally.reject(table, id, owner, `版本号相同（第 ${rev} 版）但内容不同，疑似数据错误`)
  } else {
    g.updated++
    return true
  }
  return false
}

interface UnitsPlan {
  /** The sender, its subordinates in this office's directory, and the units new here that this bundle adds below it. */
  below: Set<string>
  writes: Row[]
  names: Map<string, string>
  /** “名称（代码）” of a unit as this office knows it (or as the bundle names it), for refusals. */
  label: (code: string | undefined) => string
  /** Refuses the whole bundle (`exchange.unit-not-below`) with the reason. */
  refuse: (detail: string) => never
}

/**
 * The unit rows of an archive, judged by this office's OWN directory (docs/exchange.md “单位目录以本院为准”).
 * Which offices are below the sender comes only from the stored units (the enrolled child and what earlier archives
 * placed under it), never from the bundle. A row is taken when it is the sender itself (its parent this office, its
 * level as enrolled), a unit the directory already places below the sender (parent and level unchanged), or a unit
 * unknown here whose parent chain in the bundle reaches the sender, each level below its parent — the way a county
 * newly enrolled at a city first reaches the province. Anything else — this office, its ancestors, another enrolled
 * office, a unit known elsewhere in the tree, a known unit moved or given another level, a new unit not reached
 * from the sender — refuses the WHOLE bundle: the directory decides whose records the sender may bring, whom
 * supervision notes go to and how reports add up, so a bundle that tries to rewrite it is not trusted in part.
 * Rows failing the schema or repeated are rejected one by one, as before.
 */
async function planUnits(
  db: ReadDb,
  own: UnitRow,
  peer: PeerRow,
  rows: Row[],
  tally: ArchiveTally,
): Promise<UnitsPlan> {
  const { reject, group } = tally
  const sender = peer.unitCode
  const storedList = await db.units.toArray()
  const stored = new Map(storedList.map((u) => [u.code, u]))
  const below = new Set([sender, ...descendantsOf(storedList, sender)])
  const ancestors = new Set<string>()
  for (let c = own.parentCode, i = 0; c && i < 8 && !ancestors.has(c); c = stored.get(c)?.parentCode, i++) {
    ancestors.add(c)
  }
  const peerKeys = (await db.exchange.where('key').startsWith('peer:').primaryKeys()) as string[]
  const enrolled = new Set(peerKeys.map((k) => k.slice('peer:'.length)))

  const incoming = new Map<string, UnitRow>()
  const label = (code: string | undefined): string => {
    if (!code) return '（无）'
    const u = stored.get(code) ?? incoming.get(code)
    return u?.name ? `“${displayName(u.name, 30)}”（${code}）` : displayName(code, 12)
  }
  const notBelow = (detail: string): never =>
    refuse('exchange.unit-not-below', { unitName: displayName(peer.unitName), unitCode: sender, detail })
  // A row naming this office, an office above it, another enrolled office, or a unit this office places outside the
  // sender refuses the bundle whatever else the row says (even when it fails the schema).
  const placedElsewhere = (code: string, parentCode: unknown) => {
    if (code === own.code) notBelow(`含有本院（${own.code}）自己的单位信息`)
    if (ancestors.has(code)) notBelow(`含有本院的上级院 ${label(code)} 的单位信息`)
    if (code !== sender && enrolled.has(code)) notBelow(`含有本院登记的另一单位 ${label(code)} 的单位信息`)
    const known = stored.get(code)
    if (known && !below.has(code)) {
      const claimed = typeof parentCode === 'string' ? parentCode : undefined
      notBelow(
        `把单位 ${label(code)} 列在 ${label(claimed)} 之下，而本院目录中该单位属于 ${label(known.parentCode)}，不在发送单位之下`,
      )
    }
  }
  for (const raw of rows) {
    const code = typeof raw.code === 'string' ? raw.code : '?'
    placedElsewhere(code, raw.parentCode)
    const parsed = unitSchema.safeParse(raw)
    if (!parsed.success) {
      reject('units', code, code, `不符合单位信息规范：${describeZodError(parsed.error, 3)}`)
      continue
    }
    if (incoming.has(code)) {
      reject('units', code, code, '数据包中重复出现')
      continue
    }
    incoming.set(code, raw as UnitRow)
  }

  const fresh = new Set<string>()
  for (const [code, u] of incoming) {
    if (u.directoryOnly) notBelow(`含有只列代码和名称的目录条目 ${label(code)}（上报数据只应带有完整的单位信息）`)
    if (code === sender) {
      if (u.parentCode !== own.code || u.level !== peer.level) {
        notBelow(
          `中发送单位自己的单位信息写明其上级单位为 ${label(u.parentCode)}、层级为${levelLabel(u.level)}，与本院的登记不符（应为本院的下级${levelLabel(peer.level)}）`,
        )
      }
      continue
    }
    const known = stored.get(code)
    if (!known) {
      fresh.add(code)
      continue
    }
    if (u.parentCode !== known.parentCode || u.level !== known.level) {
      notBelow(
        `把本院目录中属于 ${label(known.parentCode)} 的${levelLabel(known.level)} ${label(code)} 改为属于 ${label(u.parentCode)} 的${levelLabel(u.level)}`,
      )
    }
  }
  // A unit new here must reach the sender through its parents, each a level above its child.
  const levelOf = (code: string): UnitLevel | undefined =>
    code === sender ? peer.level : below.has(code) ? stored.get(code)?.level : incoming.get(code)?.level
  for (const code of fresh) {
    const path = new Set<string>()
    let cur = incoming.get(code) as UnitRow
    for (;;) {
      path.add(cur.code)
      const p = cur.parentCode
      const reachable = p !== undefined && !path.has(p) && (below.has(p) || fresh.has(p))
      if (!reachable) {
        notBelow(
          `含有本院目录中没有的单位 ${label(code)}，但它不是逐级隶属于发送单位的（${label(cur.code)} 的上级单位为 ${label(p)}）`,
        )
      }
      const parentLevel = levelOf(p as string) as UnitLevel
      if (levelRank(cur.level) <= levelRank(parentLevel)) {
        notBelow(
          `含有单位 ${label(cur.code)}，其层级（${levelLabel(cur.level)}）不低于其上级单位 ${label(p)}（${levelLabel(parentLevel)}）`,
        )
      }
      if (below.has(p as string)) break
      cur = incoming.get(p as string) as UnitRow
    }
  }
  for (const code of fresh) below.add(code)

  // What to write: new rows, and rows newer than the stored ones; the sender's row must carry the enrolled key.
  const writes: Row[] = []
  const names = new Map<string, string>()
  for (const [code, u] of stored) if (!u.directoryOnly) names.set(code, u.name)
  for (const [code, u] of incoming) {
    if (code === sender && parseUnitKey(u.publicKey)?.keyId !== peer.record.keyId) {
      reject('units', code, code, '单位信息中的公钥与本院登记的密钥不一致')
      continue
    }
    names.set(code, u.name)
    const known = stored.get(code)
    const g = group(code, 'units')
    if (!known || known.directoryOnly) {
      g[known ? 'updated' : 'new']++
      writes.push(u as unknown as Row)
    } else if (canonicalJson(known) === canonicalJson(u) || known.rev >= u.rev) {
      g.unchanged++
    } else {
      g.updated++
      writes.push(u as unknown as Row)
    }
  }
  return { below, writes, names, label, refuse: notBelow }
}

/**
 * The bound on how far an origin's declared `revTo` may lie beyond the held mark (`IMPORT_JUMP_LIMITS`, docs/exchange.md
 * “序号与版本号的跳跃上限”): at most `revsPerRecord` revs per valid record of that origin in the bundle, plus
 * `revMargin`. Records are bounded by `revTo` already, so this bounds them too. Refuses the whole bundle.
 */
function checkRevJumps(origins: readonly OriginPlan[], groups: Iterable<PlanGroup>, peer: PeerRow): void {
  const records = new Map<string, number>()
  for (const g of groups) {
    if (g.table === 'units') continue
    records.set(g.unitCode, (records.get(g.unitCode) ?? 0) + g.new + g.updated + g.unchanged)
  }
  const { revsPerRecord, revMargin } = IMPORT_JUMP_LIMITS
  for (const o of origins) {
    const n = records.get(o.unitCode) ?? 0
    const limit = o.heldBefore + n * revsPerRecord + revMargin
    if (o.revTo > limit) {
      refuse('exchange.rev-jump', {
        unitName: displayName(peer.unitName),
        unitCode: peer.unitCode,
        origin: o.unitCode,
        revTo: o.revTo,
        held: o.heldBefore,
        records: n,
        limit,
        perRecord: revsPerRecord,
        margin: revMargin,
      })
    }
  }
}

type HeldNote = { ownerUnit: string; targets: readonly string[] }

/** The supervision notes and duplicate flags the replies in `rows` answer, as this office holds them (by kind:id). */
async function repliedNotes(db: ReadDb, rows: Row[]): Promise<Map<string, HeldNote>> {
  const held = new Map<string, HeldNote>()
  for (const [kind, table] of [
    ['note', 'supervisionNotes'],
    ['flag', 'duplicateFlags'],
  ] as const) {
    const ids = [
      ...new Set(
        rows.filter((r) => r.noteKind === kind && typeof r.noteId === 'string').map((r) => r.noteId as string),
      ),
    ]
    if (ids.length === 0) continue
    for (const n of await db.table(table).bulkGet(ids)) {
      if (n) held.set(`${kind}:${(n as Row).id as string}`, n as unknown as HeldNote)
    }
  }
  return held
}

/**
 * A reply answers a note or flag that reached the replying office through this one (every office on the way down
 * keeps a copy, docs/exchange.md §五), so this office must hold it: with the owner the reply names, and sent to the
 * replying office — as the replying office's own command checked (`replyToNote`). A reply to anything else is
 * rejected with the reason (it would show as the answer to a note nobody wrote, or to someone else's).
 */
function replyNoteProblem(reply: Row, notes: ReadonlyMap<string, HeldNote>): string | undefined {
  const what = reply.noteKind === 'flag' ? '重复救助提示' : '督导意见'
  const note = notes.get(`${String(reply.noteKind)}:${String(reply.noteId)}`)
  if (!note) return `答复的${what}（${displayName(String(reply.noteId), 40)}）在本院不存在，不能接收对它的答复`
  if (note.ownerUnit !== reply.noteOwner) {
    return `答复所称的${what}出具单位（${displayName(String(reply.noteOwner), 6)}）与本院所存的（${note.ownerUnit}）不符`
  }
  if (!note.targets.includes(String(reply.ownerUnit))) return `该${what}不是发给答复单位的，不能由它答复`
  return undefined
}

/**
 * The records this office already holds with the ids of `rows`. When no stored key lies between the smallest and
 * the largest of those ids — the first import of these offices' records — nothing needs to be read back.
 */
async function heldById(db: ReadDb, table: string, rows: Row[]): Promise<Map<string, Row>> {
  const held = new Map<string, Row>()
  const ids: string[] = []
  for (const r of rows) if (typeof r.id === 'string' && r.id) ids.push(r.id)
  if (ids.length === 0) return held
  let min = ids[0]
  let max = ids[0]
  for (const id of ids) {
    if (id < min) min = id
    if (id > max) max = id
  }
  const store = db.table(table)
  if ((await store.where(':id').between(min, max, true, true).limit(1).primaryKeys()).length === 0) return held
  for (const e of await store.bulkGet(ids)) if (e) held.set((e as Row).id as string, e as Row)
  return held
}

/**
 * Every scan the bundle carries must be the bytes of an attachment record in the same bundle: same size, same
 * sha256 (recomputed here from the bytes). Anything else — a file without a record, a record whose hash or size
 * differs, a duplicate — refuses the WHOLE bundle: a scan that is not what its record says cannot serve as evidence,
 * and the signer produced an inconsistent bundle.
 */
function checkScans(bundle: OpenedBundle): void {
  const files = bundle.scans ?? []
  if (files.length === 0) return
  const records = new Map<string, Row>()
  for (const r of bundle.tables.attachments ?? []) {
    if (typeof r.id !== 'string') continue
    // Two records with one id: which one the scan belongs to is ambiguous (only one of them would be written).
    if (records.has(r.id)) {
      refuse('exchange.scan-invalid', { name: displayName(r.id, 80), detail: '附件记录在数据包中重复出现' })
    }
    records.set(r.id, r)
  }
  const seen = new Set<string>()
  for (const f of files) {
    const record = records.get(f.id)
    const name = displayName(typeof record?.name === 'string' ? record.name : f.id, 80)
    const bad = (detail: string) => refuse('exchange.scan-invalid', { name, detail })
    if (!record) bad('数据包中没有对应的附件记录')
    if (seen.has(f.id)) bad('重复出现')
    seen.add(f.id)
    const bytes = decodeBase64(f.bytes)
    if (bytes.length > ARCHIVE_SCAN_MAX_BYTES) bad(`大小为 ${bytes.length} 字节，超过单个扫描件 20 MB 的上限`)
    if (bytes.length !== f.size || bytes.length !== record?.size) {
      bad(`大小为 ${bytes.length} 字节，附件记录为 ${String(record?.size)} 字节`)
    }
    if (sha256Hex(bytes) !== record?.sha256 || f.sha256 !== record?.sha256) bad('SHA-256 校验值与附件记录不一致')
  }
}

/** The scans whose bytes an import stores: the record is written now, or it is held here without its bytes. */
async function scansToStore(
  db: ReadDb,
  bundle: OpenedBundle,
  writes: Record<string, Row[]>,
): Promise<ArchivePlan['scans']> {
  const files = bundle.scans ?? []
  if (files.length === 0) return { carried: 0, store: [], storeBytes: 0 }
  const written = new Set((writes.attachments ?? []).map((r) => r.id as string))
  const ids = files.map((f) => f.id)
  const [records, blobKeys] = await Promise.all([
    db.attachments.bulkGet(ids),
    db.attachmentBlobs.where('id').anyOf(ids).primaryKeys(),
  ])
  const hasBlob = new Set(blobKeys)
  const sha = new Map((bundle.tables.attachments ?? []).map((r) => [r.id, r.sha256]))
  const store: string[] = []
  let storeBytes = 0
  files.forEach((f, i) => {
    const held = records[i]
    const unchangedWithout = held && !hasBlob.has(f.id) && held.sha256 === sha.get(f.id)
    if (written.has(f.id) || unchangedWithout) {
      store.push(f.id)
      storeBytes += f.size
    }
  })
  return { carried: files.length, store, storeBytes }
}
