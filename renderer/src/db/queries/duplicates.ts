import {
  countsForDuplicates,
  type DuplicateCandidate,
  type DuplicateCandidateCase,
  duplicateCaseOf,
  findCrossOfficeDuplicates,
} from '@shared/exchange/downward'
import { type PriorAssistanceRow, priorAssistanceAsCase } from '@shared/exchange/transfer'
import type { JiuzhuDb, UnitRow } from '../database'
import type { ReadDb } from '../readOnly'
import { pagesOf } from './pages'

/**
 * Reads for the cross-office duplicate check (跨单位重复救助, docs/exchange.md §五.3). Nothing here writes.
 *
 * The rule is the pure `findCrossOfficeDuplicates` (shared/exchange/downward.ts); this file decides which records it
 * sees and how they are read. The whole check reads the held cases a page at a time and keeps of each only what the
 * rule needs (`duplicateCaseOf`), and of those only the cases whose ID number is also on a case of another office —
 * so a national office holding a million cases never holds a million records (docs/performance.md, 重复救助核查).
 * Acting on one candidate reads only the cases of its ID number, through the index.
 */

export interface CandidateRow extends DuplicateCandidate {
  personName: string
  unitNames: Record<string, string>
}

/** Progress of a whole check: cases read so far, of how many held. */
export type DuplicateProgress = (read: number, total: number) => void

const PAGE = 10_000

/**
 * Prior-assistance rows held (imported here or by a subordinate, relayed upward — docs/exchange.md §四) as cases of
 * the office that granted them, unless that case is held here itself (asked of the store: a few rows' case ids); the
 * same package imported twice is one.
 */
async function priorAsCases(db: ReadDb, rows: PriorAssistanceRow[]): Promise<DuplicateCandidateCase[]> {
  const named = [...new Set(rows.map((r) => r.senderCaseId))]
  const seen = new Set<string>(named.length > 0 ? await db.cases.where(':id').anyOf(named).primaryKeys() : [])
  const out: DuplicateCandidateCase[] = []
  for (const row of [...rows].sort(byId)) {
    if (seen.has(row.senderCaseId)) continue
    seen.add(row.senderCaseId)
    out.push(priorAssistanceAsCase(row))
  }
  return out
}

/** Primary-key order (IndexedDB compares strings by code unit, as `<` does), so a store always gives one answer. */
function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/**
 * The cases that can take part in a duplicate among `cases`: counted ones (`countsForDuplicates`) whose ID number,
 * in any letter case, is also on a counted case of another office. Keeps the input order.
 */
function sharedAcrossOffices(cases: readonly DuplicateCandidateCase[]): DuplicateCandidateCase[] {
  const owners = new Map<string, string | null>() // ID number → its one office, or null for several
  for (const c of cases) {
    if (!countsForDuplicates(c)) continue
    for (const raw of c.personIdNumbers) {
      const id = raw.toUpperCase()
      const o = owners.get(id)
      if (o === undefined) owners.set(id, c.ownerUnit)
      else if (o !== null && o !== c.ownerUnit) owners.set(id, null)
    }
  }
  return cases.filter((c) => c.personIdNumbers.some((raw) => owners.get(raw.toUpperCase()) === null))
}

/**
 * What the whole check looks at: every held case (own and subordinates' replicas), read a page at a time and kept
 * in the rule's shape, plus the prior-assistance rows held; of these only the ones that share an ID number across
 * offices (the rule would drop the rest).
 */
export async function duplicateInputs(db: JiuzhuDb, onProgress?: DuplicateProgress): Promise<DuplicateCandidateCase[]> {
  const total = await db.cases.count()
  const cases: DuplicateCandidateCase[] = []
  let read = 0
  onProgress?.(0, total)
  for await (const page of pagesOf(db, 'cases', PAGE)()) {
    for (const r of page) {
      const c = duplicateCaseOf(r)
      if (countsForDuplicates(c)) cases.push(c)
    }
    read += page.length
    onProgress?.(read, Math.max(total, read))
  }
  const prior = (await db.priorAssistance.toArray()) as unknown as PriorAssistanceRow[]
  return sharedAcrossOffices([...cases, ...(await priorAsCases(db, prior))])
}

/** The ID number a candidate key was made for (`findCrossOfficeDuplicates`: ID number first, then `|`). */
export function idNumberOfCandidate(candidateKey: string): string {
  const i = candidateKey.indexOf('|')
  return i < 0 ? candidateKey : candidateKey.slice(0, i)
}

/**
 * The inputs for ONE candidate, found again when a reviewer acts on it: the held cases and prior-assistance rows
 * naming its ID number in any letter case, through the `*personIdNumbers` indexes. Reads a handful of records, so
 * it runs inside the review command's transaction.
 */
export async function duplicateInputsForCandidate(db: ReadDb, candidateKey: string): Promise<DuplicateCandidateCase[]> {
  const idNumber = idNumberOfCandidate(candidateKey)
  const cases = (await db.cases.where('personIdNumbers').equalsIgnoreCase(idNumber).distinct().toArray()).map(
    duplicateCaseOf,
  )
  const prior = (await db.priorAssistance
    .where('personIdNumbers')
    .equalsIgnoreCase(idNumber)
    .distinct()
    .toArray()) as unknown as PriorAssistanceRow[]
  return [...cases.sort(byId), ...(await priorAsCases(db, prior))]
}

/** 疑似跨单位重复救助 not yet reviewed here, from {@link duplicateInputs}. */
export async function duplicateCandidates(
  db: JiuzhuDb,
  own: UnitRow,
  onProgress?: DuplicateProgress,
): Promise<CandidateRow[]> {
  const found = findCrossOfficeDuplicates(await duplicateInputs(db, onProgress))
  const reviewed = new Set(
    (await db.duplicateFlags.where('ownerUnit').equals(own.code).toArray()).map((f) => f.candidateKey as string),
  )
  const open = found.filter((c) => !reviewed.has(c.key))
  const units = new Map((await db.units.toArray()).map((u) => [u.code, u.name]))
  const names = new Map<string, string>()
  const idNumbers = [...new Set(open.map((c) => c.idNumber))]
  if (idNumbers.length > 0) {
    for (const p of await db.persons.where('idNumber').anyOf(idNumbers).toArray()) {
      const id = String(p.idNumber)
      if (!names.has(id) && p.name) names.set(id, String(p.name))
    }
  }
  return open.map((c) => {
    const unitNames: Record<string, string> = {}
    for (const x of c.cases) unitNames[x.ownerUnit] = units.get(x.ownerUnit) ?? x.ownerUnit
    return { ...c, personName: names.get(c.idNumber) ?? '（姓名未知）', unitNames }
  })
}
