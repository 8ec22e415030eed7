import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import {
  duplicateCandidates,
  duplicateInputs,
  duplicateInputsForCandidate,
} from '../../../renderer/src/db/queries/duplicates'
import {
  type DuplicateCandidate,
  type DuplicateCandidateCase,
  findCrossOfficeDuplicates,
} from '../../../shared/exchange/downward'
import { type PriorAssistanceRow, priorAssistanceAsCase } from '../../../shared/exchange/transfer'
import { freshDb } from '../db/fixtures'

/**
 * The duplicate check reads the held cases a page at a time and keeps only what the rule needs of those that share
 * an ID number across offices; acting on one candidate reads only its ID number's cases. These tests hold both to
 * the plain definition: the rule run over EVERY held record, whole, as the check did before, gives the same
 * candidates on any store, with the same figures on every case.
 */

const OWNERS = ['110101', '110105', '110106']
// resident IDs, and passport-like numbers in both letter cases (the rule folds case)
const IDS = ['110105198001010011', '11010519800101002X', 'E12345678', 'e12345678', 'G7654321']
const REFS = ['X〔2025〕1号', 'x(2025)1号', 'X2', undefined]
const CHARGES = ['抢劫罪', '故意伤害罪', undefined]
const STATES = ['clue', 'accepted', 'granted', 'paid', 'refused', 'withdrawn', 'closed']

const caseArb = fc.record({
  owner: fc.constantFrom(...OWNERS),
  ids: fc.uniqueArray(fc.constantFrom(...IDS), { minLength: 1, maxLength: 2 }),
  ref: fc.constantFrom(...REFS),
  charge: fc.constantFrom(...CHARGES),
  state: fc.constantFrom(...STATES),
  voided: fc.boolean(),
  granted: fc.option(fc.integer({ min: 1, max: 4_000_000 }), { nil: undefined }),
})
const priorArb = fc.record({
  sender: fc.constantFrom(...OWNERS, '320101'),
  /** index of a held case whose id it names, or -1 for a case held nowhere here */
  caseIndex: fc.integer({ min: -1, max: 7 }),
  ids: fc.uniqueArray(fc.constantFrom(...IDS), { minLength: 1, maxLength: 2 }),
  ref: fc.constantFrom(...REFS),
  refused: fc.boolean(),
  copies: fc.integer({ min: 1, max: 2 }),
})

type CaseSpec = typeof caseArb extends fc.Arbitrary<infer T> ? T : never
type PriorSpec = typeof priorArb extends fc.Arbitrary<infer T> ? T : never

const base = { rev: 1, createdAt: 'x', updatedAt: 'x', createdBy: 'u', updatedBy: 'u' }
const caseId = (owner: string, i: number) => `${owner}-01ARZ3NDEKTSV4RRFFQ69G${String(i).padStart(4, '0')}`

async function store(cases: CaseSpec[], prior: PriorSpec[]): Promise<JiuzhuDb> {
  const db = freshDb()
  await db.open()
  const caseRows = cases.map((c, i) => ({
    ...base,
    id: caseId(c.owner, i),
    ownerUnit: c.owner,
    caseNo: `案${i}`,
    state: c.state,
    personIdNumbers: c.ids,
    underlyingCase: { ...(c.ref ? { caseNo: c.ref } : {}), ...(c.charge ? { charge: c.charge } : {}) },
    ...(c.granted !== undefined ? { decision: { grantedFen: c.granted } } : {}),
    decisionDate: '2025-05-01',
    ...(c.voided ? { voided: { on: '2025-06-01' } } : {}),
  }))
  await db.cases.bulkAdd(caseRows as never)
  const priorRows: Record<string, unknown>[] = []
  prior.forEach((p, i) => {
    const named = p.caseIndex >= 0 && p.caseIndex < cases.length ? caseRows[p.caseIndex].id : caseId(p.sender, 900 + i)
    for (let k = 0; k < p.copies; k++) {
      priorRows.push({
        ...base,
        id: `${OWNERS[k % OWNERS.length]}-01ARZ3NDEKTSV4RRFFQ69H${String(i * 2 + k).padStart(4, '0')}`,
        ownerUnit: OWNERS[k % OWNERS.length],
        sender: { unitCode: p.sender, unitName: '移送院', fingerprint: 'f', trusted: true },
        personIdNumbers: p.ids,
        senderCaseId: named,
        caseNo: `移${i}`,
        ...(p.ref ? { underlyingCaseNo: p.ref } : {}),
        outcome: p.refused ? 'refused' : 'granted',
        decisionDate: '2025-04-01',
        ...(p.refused ? {} : { grantedFen: 100_000 }),
        bundleHash: 'h'.repeat(64),
      })
    }
  })
  await db.priorAssistance.bulkAdd(priorRows as never)
  await db.persons.bulkAdd(
    IDS.map((idNumber, i) => ({ ...base, id: `p${i}`, ownerUnit: '110101', idNumber, name: `人${i}` })),
  )
  return db
}

/** The plain definition: every held case, then every prior-assistance row whose case is not held (once). */
async function everything(db: JiuzhuDb): Promise<DuplicateCandidateCase[]> {
  const cases = (await db.cases.toArray()) as unknown as DuplicateCandidateCase[]
  const seen = new Set(cases.map((c) => c.id))
  const out = [...cases]
  for (const row of (await db.priorAssistance.toArray()) as unknown as PriorAssistanceRow[]) {
    if (seen.has(row.senderCaseId)) continue
    seen.add(row.senderCaseId)
    out.push(priorAssistanceAsCase(row))
  }
  return out
}

const unit = { code: '110000', name: '省院' } as never

/** What a candidate says, as the screen and the stored flag use it. */
const summary = (c: DuplicateCandidate) => ({
  key: c.key,
  idNumber: c.idNumber,
  matchedOn: c.matchedOn,
  underlyingRef: c.underlyingRef,
  cases: c.cases.map((x) => ({
    id: x.id,
    ownerUnit: x.ownerUnit,
    caseNo: x.caseNo,
    state: x.state,
    grantedFen: x.decision?.grantedFen,
    decisionDate: x.decisionDate,
  })),
})

/** A granted case of `owner` naming `ids`, for the same 原案件 (X2). */
const c = (owner: string, ids: string[]): CaseSpec => ({
  owner,
  ids,
  ref: 'X2',
  charge: undefined,
  state: 'granted',
  voided: false,
  granted: 1,
})

describe('跨单位重复救助核查 reads only what it needs', () => {
  it('on any store: the same candidates as the rule over every held record; each found again on its own', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(caseArb, { maxLength: 8 }),
        fc.array(priorArb, { maxLength: 4 }),
        async (cases, prior) => {
          const db = await store(cases, prior)
          try {
            const expected = findCrossOfficeDuplicates(await everything(db)).map(summary)
            const progress: [number, number][] = []
            const found = findCrossOfficeDuplicates(await duplicateInputs(db, (r, t) => progress.push([r, t])))
            expect(found.map(summary)).toEqual(expected)
            expect(progress.at(-1)).toEqual([cases.length, cases.length])
            for (const c of expected) {
              const again = findCrossOfficeDuplicates(await duplicateInputsForCandidate(db, c.key))
              expect(again.map(summary).find((x) => x.key === c.key)).toEqual(c)
            }
            const shown = await duplicateCandidates(db, unit)
            expect(shown.map((c) => c.key)).toEqual(expected.map((c) => c.key))
            for (const c of shown) expect(c.personName).toBe(`人${IDS.indexOf(c.idNumber)}`)
          } finally {
            db.close()
          }
        },
      ),
      { numRuns: 150 },
    )
  })

  it('keeps only cases that share an ID number (in any letter case) with a counted case of another office', async () => {
    const db = await store(
      [
        c('110101', ['110105198001010011']),
        c('110105', ['110105198001010011', 'G7654321']),
        c('110106', ['11010519800101002X']),
        c('110101', ['e12345678']),
        c('110105', ['E12345678']),
        c('110106', ['G7654321']),
        { ...c('110101', ['11010519800101002X']), state: 'withdrawn' },
      ],
      [],
    )
    try {
      // in primary-key order
      expect((await duplicateInputs(db)).map((x) => x.ownerUnit + x.personIdNumbers.join('+'))).toEqual([
        '110101110105198001010011',
        '110101e12345678',
        '110105110105198001010011+G7654321',
        '110105E12345678',
        '110106G7654321',
      ])
      const found = await duplicateCandidates(db, unit)
      expect(found.map((x) => [x.idNumber, x.cases.map((k) => k.ownerUnit)])).toEqual([
        ['110105198001010011', ['110101', '110105']],
        ['E12345678', ['110101', '110105']],
        ['G7654321', ['110105', '110106']],
      ])
    } finally {
      db.close()
    }
  })

  it('a prior-assistance row of a case held here is that case, even when the case is not among those read', async () => {
    // case 0 (110101) names only A; the package made from it names B; case 1 (110105) names B for the same 原案件
    const p = { sender: '110101', caseIndex: 0, ids: ['G7654321'], ref: 'X2', refused: false, copies: 1 }
    const held = await store([c('110101', ['110105198001010011']), c('110105', ['G7654321'])], [p])
    const foreign = await store(
      [c('110101', ['110105198001010011']), c('110105', ['G7654321'])],
      [{ ...p, caseIndex: -1 }],
    )
    try {
      expect(await duplicateCandidates(held, unit)).toEqual([])
      expect(findCrossOfficeDuplicates(await everything(held))).toEqual([])
      // the same row from a case held nowhere here is a grant at the sender: a candidate with case 1
      const found = await duplicateCandidates(foreign, unit)
      expect(found.map((x) => x.cases.map((k) => k.ownerUnit))).toEqual([['110101', '110105']])
    } finally {
      held.close()
      foreign.close()
    }
  })
})
