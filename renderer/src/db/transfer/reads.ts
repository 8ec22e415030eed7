import { type PriorGrant, personIdKeys } from '@shared/domain/eligibility'
import type { Case } from '@shared/domain/schemas'
import type { DesktopApi } from '@shared/ipc/api'
import type { ResultOf } from '@shared/ipc/contract'
import type { StoredRecord } from '../database'
import { EX, type PeerRow } from '../exchange'
import type { ReadDb } from '../readOnly'

/**
 * 案件移送材料包 — what the rest of the app reads about them (docs/exchange.md §四): which cases may be transferred,
 * the packages produced from a case, an imported package already held, and the prior assistance the one-time rule
 * (shared/domain/eligibility.ts `oneTimeCheck`) sees for the same person. Producing a package is export.ts,
 * importing one import.ts; both build on this file, never the other way.
 */
export type TransferApi = Pick<DesktopApi, 'transferPack' | 'transferOpen'>
export type OpenedTransfer = ResultOf<'transfer:open'>
export type TransferPacked = ResultOf<'transfer:pack'>

/** States in which a decision exists (granted, refused, and everything after a grant). */
const decided = new Set<Case['state']>([
  'granted',
  'refused',
  'awaiting-funds',
  'awaiting-collection',
  'paid',
  'follow-up',
  'archived',
  'recovery',
])

export function mayTransfer(c: Case): boolean {
  // A case withdrawn after its decision (and perhaps archived since) is not sent on as a decided case.
  return decided.has(c.state) && !!c.decision && !!c.decisionDate && !c.withdrawal && !c.voided
}

/** The office's sequence of produced packages (`channelSeq` in each package). */
export const TRANSFER_COUNTER = 'transferSeq'

/** The receiver, if it is an office enrolled here with a key (then the package is encrypted to it). */
export async function enrolledReceiver(db: ReadDb, unitCode: string | undefined): Promise<PeerRow | undefined> {
  if (!unitCode) return undefined
  return (await db.exchange.get(EX.peer(unitCode))) as PeerRow | undefined
}

/** The packages produced from one case, newest first. */
export async function listCaseTransfers(db: ReadDb, caseId: string): Promise<StoredRecord[]> {
  const rows = await db.transfers.where('caseId').equals(caseId).toArray()
  return rows.filter((r) => !r.voided).sort((a, b) => b.createdAt.localeCompare(a.createdAt))
}

/**
 * A package this office already imported (same file, or the same package carried as another file), or undefined.
 * Only this office's own rows count: subordinates' rows arrive with their archives (migration 0005) and may name the
 * same package.
 */
export async function heldTransfer(
  db: ReadDb,
  ownCode: string,
  opened: Pick<OpenedTransfer, 'bundleHash' | 'record'>,
): Promise<StoredRecord | undefined> {
  const own = (r: StoredRecord) => r.ownerUnit === ownCode
  return (
    (await db.priorAssistance.where('bundleHash').equals(opened.bundleHash).filter(own).first()) ??
    (await db.priorAssistance.where('transferId').equals(opened.record.transferId).filter(own).first())
  )
}

/** Imported prior assistance naming any of these ID numbers. */
export async function priorAssistanceFor(db: ReadDb, idNumbers: readonly string[]): Promise<StoredRecord[]> {
  if (idNumbers.length === 0) return []
  const rows = await db.priorAssistance
    .where('personIdNumbers')
    .anyOf([...new Set(idNumbers.flatMap(personIdKeys))])
    .distinct()
    .toArray()
  return rows.filter((r) => !r.voided)
}

/**
 * Every grant the one-time rule must see for a case's persons: decided cases of this office and other offices'
 * replicas naming the same ID numbers, and imported transfer packages (`via: 'transfer'`).
 */
export async function priorGrantsFor(db: ReadDb, record: Case): Promise<PriorGrant[]> {
  const ids = [...new Set(record.personIdNumbers.flatMap(personIdKeys))]
  const out: PriorGrant[] = []
  const cases = ids.length
    ? ((await db.cases.where('personIdNumbers').anyOf(ids).distinct().toArray()) as unknown as Case[])
    : []
  // Every decided grant counts — an advance (先行救助) and 小额应急性帮扶 included — unless voided or withdrawn
  // before payment (then no money was given on it).
  const counted = (c: Case) =>
    !c.voided && c.decision?.outcome === 'granted' && !!c.decisionDate && !(c.withdrawal && !c.payment)
  const heldGrants = new Set(cases.filter(counted).map((c) => c.id))
  const seenTransfers = new Set<string>()
  for (const row of await priorAssistanceFor(db, ids)) {
    // The same package imported by two offices (rows relayed upward), or a package whose granted case is held here
    // as a replica (reported below), is one grant, not two.
    if (seenTransfers.has(String(row.transferId)) || heldGrants.has(String(row.senderCaseId))) continue
    seenTransfers.add(String(row.transferId))
    const applicant = row.applicant as { idNumber: string }
    const victim = row.victim as { idNumber: string } | undefined
    for (const idNumber of [applicant.idNumber, victim?.idNumber].filter((x): x is string => !!x)) {
      out.push({
        personIdNumber: idNumber,
        underlyingCaseNo: String(row.underlyingCaseNo ?? ''),
        unitCode: String((row.sender as { unitCode: string }).unitCode),
        unitName: String((row.sender as { unitName: string }).unitName),
        caseId: String(row.senderCaseId),
        decidedOn: String(row.decisionDate),
        via: 'transfer',
        outcome: row.outcome as 'granted' | 'refused',
        ...(typeof row.grantedFen === 'number' ? { amountFen: row.grantedFen } : {}),
        ...(row.documentNo ? { documentNo: String(row.documentNo) } : {}),
        ...(row.paidDate ? { paidOn: String(row.paidDate) } : {}),
      })
    }
  }
  if (cases.length > 0) {
    const units = new Map((await db.units.toArray()).map((u) => [u.code, u.name]))
    for (const c of cases) {
      if (c.id === record.id || !counted(c)) continue
      for (const idNumber of c.personIdNumbers) {
        out.push({
          personIdNumber: idNumber,
          underlyingCaseNo: c.underlyingCase?.caseNo ?? '',
          unitCode: c.ownerUnit,
          ...(units.get(c.ownerUnit) ? { unitName: units.get(c.ownerUnit) } : {}),
          caseId: c.id,
          decidedOn: c.decisionDate as string,
        })
      }
    }
  }
  return out
}
