import { type DuplicateCandidate, findCrossOfficeDuplicates } from '@shared/exchange/downward'
import { type PriorAssistanceRow, priorAssistanceAsCase } from '@shared/exchange/transfer'
import type { JiuzhuDb, UnitRow } from '../database'

/**
 * Reads for the cross-office duplicate check (跨单位重复救助, docs/exchange.md §五.3). Nothing here writes.
 *
 * The rule itself is the pure `findCrossOfficeDuplicates` (shared/exchange/downward.ts). What lives here is which
 * records it needs to see: a person can only be a duplicate if their ID number is on two or more held cases, or on
 * a record of prior assistance. So the check walks the KEYS of the `cases.*personIdNumbers` index (no record is
 * read) and then reads only the cases and prior-assistance rows of those ID numbers — at a national office holding
 * a million cases that is a few thousand records instead of all of them (docs/performance.md, 重复救助核查).
 */

export type CandidateCase = Parameters<typeof findCrossOfficeDuplicates>[0][number]

export interface CandidateRow extends DuplicateCandidate {
  personName: string
  unitNames: Record<string, string>
}

/**
 * ID numbers (as stored) that may belong to a duplicate: those on two or more held cases, and — because the rule
 * compares ID numbers case-insensitively — every spelling of one that is stored in more than one letter case (a
 * passport number typed once in lower case). Walks the index keys in order, so equal keys are adjacent.
 */
export async function idNumbersOnSeveralCases(db: JiuzhuDb): Promise<Set<string>> {
  const out = new Set<string>()
  const spellings = new Map<string, Set<string>>()
  let previous: string | undefined
  await db.cases.orderBy('personIdNumbers').eachKey((key) => {
    const k = String(key)
    if (k === previous) out.add(k)
    previous = k
    const folded = k.toUpperCase()
    if (folded !== k) {
      const s = spellings.get(folded) ?? new Set<string>()
      s.add(k)
      spellings.set(folded, s)
    }
  })
  // a lower-case spelling may match an upper-case one on another case: take them all (the rule sorts it out)
  for (const [folded, s] of spellings) {
    out.add(folded)
    for (const k of s) out.add(k)
  }
  return out
}

/**
 * What the check looks at for the given ID numbers (as stored), or — without them — for every ID number that may
 * belong to a duplicate: the held cases (own and subordinates' replicas) that name one of them, and the records of
 * prior assistance held (imported here or by a subordinate, relayed upward — docs/exchange.md §四) as cases of the
 * office that granted them, unless that case is held itself. The same package imported twice is one.
 */
export async function duplicateInputs(db: JiuzhuDb, idNumbers?: Iterable<string>): Promise<CandidateCase[]> {
  const ids = new Set(idNumbers ?? (await idNumbersOnSeveralCases(db)))
  if (!idNumbers) for (const k of await db.priorAssistance.orderBy('personIdNumbers').uniqueKeys()) ids.add(String(k))
  const wanted = [...ids]
  const cases =
    wanted.length === 0
      ? []
      : ((await db.cases.where('personIdNumbers').anyOf(wanted).distinct().toArray()) as unknown as CandidateCase[])
  const prior =
    wanted.length === 0
      ? []
      : ((await db.priorAssistance
          .where('personIdNumbers')
          .anyOf(wanted)
          .distinct()
          .toArray()) as unknown as PriorAssistanceRow[])
  const seen = new Set(cases.map((c) => c.id))
  // a prior-assistance row stands for its case only when that case is not held here (read or not above)
  const senderIds = [...new Set(prior.map((r) => r.senderCaseId).filter((id) => !seen.has(id)))]
  if (senderIds.length > 0) for (const id of await db.cases.where(':id').anyOf(senderIds).primaryKeys()) seen.add(id)
  // in primary-key order (as a table read gives them), so the same store always gives the same candidates
  const byKey = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  const out = [...cases].sort(byKey)
  for (const row of prior.sort(byKey)) {
    if (seen.has(row.senderCaseId)) continue
    seen.add(row.senderCaseId)
    out.push(priorAssistanceAsCase(row))
  }
  return out
}

/** The ID number a candidate key was made for (`findCrossOfficeDuplicates`: ID number first, then `|`). */
export function idNumberOfCandidate(candidateKey: string): string {
  const i = candidateKey.indexOf('|')
  return i < 0 ? candidateKey : candidateKey.slice(0, i)
}

/**
 * The inputs for ONE candidate, found again when a reviewer acts on it: every held case and prior-assistance row
 * naming that ID number in any letter case. Reads a handful of records, so it can run inside the command's
 * transaction.
 */
export async function duplicateInputsForCandidate(db: JiuzhuDb, candidateKey: string): Promise<CandidateCase[]> {
  const idNumber = idNumberOfCandidate(candidateKey)
  const spellings = new Set<string>([idNumber])
  for (const k of await db.cases.where('personIdNumbers').equalsIgnoreCase(idNumber).keys()) spellings.add(String(k))
  for (const k of await db.priorAssistance.where('personIdNumbers').equalsIgnoreCase(idNumber).keys()) {
    spellings.add(String(k))
  }
  return duplicateInputs(db, spellings)
}

/** 疑似跨单位重复救助 not yet reviewed here, from {@link duplicateInputs}. */
export async function duplicateCandidates(db: JiuzhuDb, own: UnitRow): Promise<CandidateRow[]> {
  const found = findCrossOfficeDuplicates(await duplicateInputs(db))
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
