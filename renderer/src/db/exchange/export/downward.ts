import { appError, fail, ok, type Result } from '@shared/errors'
import type { DirectoryEntry } from '@shared/exchange/downward'
import { chinaDateOf } from '@shared/util/clock'
import type { Actor } from '../../commands/context'
import type { ExecuteOptions } from '../../commands/execute'
import type { JiuzhuDb, StoredRecord, UnitRow } from '../../database'
import { descendantsOf, getOfficeKey } from '../reads'
import { EX, type PeerRow, type StandardsRow } from '../store'
import { type ExchangeApi, type PackOutcome, packAndRecord } from './pack'

/**
 * The downward and filing exports as the 数据交换 screen runs them (docs/exchange.md §一.7–11): a standards, supervision
 * or duplicate-flags bundle to one direct subordinate, a filing to the national level — through export/pack.ts.
 */

type Row = Record<string, unknown>

function plain<T extends object>(row: T): Row {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined))
}

async function childPeer(db: JiuzhuDb, code: string): Promise<Result<PeerRow>> {
  const peer = (await db.exchange.get(EX.peer(code))) as PeerRow | undefined
  if (peer?.relation !== 'child') {
    const unit = await db.units.get(code)
    return fail(appError('exchange.not-child', { unitName: unit?.name ?? code, unitCode: code }))
  }
  return ok(peer)
}

/** The signed directory of this office's subordinates' keys: enrolled children, and keys received from below. */
export async function directoryBelow(db: JiuzhuDb, own: UnitRow): Promise<DirectoryEntry[]> {
  const units = await db.units.toArray()
  const byCode = new Map(units.map((u) => [u.code, u]))
  const out: DirectoryEntry[] = []
  const peers = (await db.exchange.where('key').startsWith('peer:').toArray()) as unknown as PeerRow[]
  const peerByCode = new Map(peers.map((p) => [p.unitCode, p]))
  const ownKey = await getOfficeKey(db)
  if (ownKey) {
    out.push({
      unitCode: own.code,
      unitName: own.name,
      level: own.level,
      ...(own.parentCode ? { parentCode: own.parentCode } : {}),
      record: ownKey.record,
    })
  }
  for (const code of descendantsOf(units, own.code).sort()) {
    const u = byCode.get(code)
    const peer = peerByCode.get(code)
    let record = peer?.record
    if (!record && typeof u?.publicKey === 'string') {
      try {
        record = JSON.parse(u.publicKey)
      } catch {
        record = undefined
      }
    }
    if (!u || !record) continue
    out.push({
      unitCode: code,
      unitName: u.name,
      level: u.level,
      ...(u.parentCode ? { parentCode: u.parentCode } : {}),
      record,
      // 吊销密钥 goes down with the directory, so the office and its siblings refuse what the void key signs.
      ...(peer?.revoked?.length
        ? {
            revokedKeys: peer.revoked.map((r) => ({
              keyId: r.keyId,
              revokedOn: chinaDateOf(Date.parse(r.revokedAt)),
              reason: r.reason,
            })),
          }
        : {}),
    })
  }
  return out
}

/** 下发标准 to one direct subordinate: every edition this office holds (its own and its ancestors') + directory. */
export async function exportStandards(
  db: JiuzhuDb,
  actor: Actor,
  api: ExchangeApi,
  own: UnitRow,
  passphrase: string,
  childCode: string,
  options?: ExecuteOptions,
): Promise<Result<PackOutcome>> {
  const child = await childPeer(db, childCode)
  if (!child.ok) return child
  const editions = ((await db.standards.toArray()) as unknown as StandardsRow[]).map((r) => r.edition)
  if (!editions.length)
    return fail(appError('exchange.nothing-to-send', { unitName: child.value.unitName, what: '标准' }))
  const directory = await directoryBelow(db, own)
  return packAndRecord(
    db,
    actor,
    api,
    own,
    {
      kind: 'standards',
      receiver: child.value,
      passphrase,
      tables: { standards: editions.map(plain), directory: directory.map(plain) },
      origins: [],
      counts: { standards: editions.length, directory: directory.length },
    },
    options,
  )
}

/**
 * The notes or flags to send to one child: those this office holds (written here or relayed from above) that are
 * addressed to the child or an office below it, and that the child's subtree did not write itself.
 */
export async function downwardRecordsFor(
  db: JiuzhuDb,
  table: 'supervisionNotes' | 'duplicateFlags',
  childCode: string,
): Promise<StoredRecord[]> {
  const units = await db.units.toArray()
  const subtree = new Set([childCode, ...descendantsOf(units, childCode)])
  const rows = await db.table(table).toArray()
  return (rows as StoredRecord[]).filter(
    (r) =>
      !r.voided &&
      !subtree.has(r.ownerUnit) &&
      (r.targets as string[]).some((t) => subtree.has(t)) &&
      (table !== 'duplicateFlags' || r.status === 'sent'),
  )
}

/** 下发督导意见 / 重复救助提示 to one direct subordinate (all that concern it, so a lost bundle heals itself). */
export async function exportNotes(
  db: JiuzhuDb,
  actor: Actor,
  api: ExchangeApi,
  own: UnitRow,
  passphrase: string,
  childCode: string,
  kind: 'supervision' | 'duplicate-flags',
  options?: ExecuteOptions,
): Promise<Result<PackOutcome & { records: number }>> {
  const child = await childPeer(db, childCode)
  if (!child.ok) return child
  const table = kind === 'supervision' ? 'supervisionNotes' : 'duplicateFlags'
  const rows = await downwardRecordsFor(db, table, childCode)
  if (!rows.length) {
    return fail(
      appError('exchange.nothing-to-send', {
        unitName: child.value.unitName,
        what: kind === 'supervision' ? '督导意见' : '重复救助提示',
      }),
    )
  }
  const res = await packAndRecord(
    db,
    actor,
    api,
    own,
    {
      kind,
      receiver: child.value,
      passphrase,
      tables: { [table]: rows.map(plain) },
      origins: [],
      counts: { [table]: rows.length },
    },
    options,
  )
  return res.ok ? ok({ ...res.value, records: rows.length }) : res
}

/** 报送备案材料 to the national level (this office's parent, which must be the supreme procuratorate). */
export async function exportFiling(
  db: JiuzhuDb,
  actor: Actor,
  api: ExchangeApi,
  own: UnitRow,
  passphrase: string,
  filingId: string,
  options?: ExecuteOptions,
): Promise<Result<PackOutcome>> {
  if (own.level !== 'province' || !own.parentCode) {
    return fail(
      appError('exchange.filing-not-national', { level: own.level === 'supreme' ? '最高人民检察院' : '非省级院' }),
    )
  }
  const parent = (await db.exchange.get(EX.peer(own.parentCode))) as PeerRow | undefined
  if (parent?.relation !== 'parent') return fail(appError('exchange.parent-not-enrolled'))
  const filing = await db.filings.get(filingId)
  if (!filing || filing.ownerUnit !== own.code) {
    return fail(appError('command.not-found', { table: 'filings', id: filingId }))
  }
  return packAndRecord(
    db,
    actor,
    api,
    own,
    {
      kind: 'filing',
      receiver: parent,
      passphrase,
      tables: { filings: [plain(filing)] },
      origins: [],
      counts: { filings: 1 },
    },
    options,
  )
}
