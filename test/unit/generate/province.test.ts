import { describe, expect, it } from 'vitest'
import { parseResidentId } from '../../../shared/domain/idcard'
import { caseStates, unitSchema } from '../../../shared/domain/schemas'
import { dataTables, stateCounts } from '../../../shared/generate'
import { commonChecks, merge, moneyChecks, provinceSample, schemaProblems } from './helpers'

describe('province sample', () => {
  const { h, offices } = provinceSample()
  const all = merge(offices)

  it('has one 省级院, its 市级院 and 基层院 with valid unit records; unit and region codes are separate', () => {
    const levels = h.units.map((u) => u.level)
    expect(levels.filter((l) => l === 'province')).toHaveLength(1)
    expect(levels.filter((l) => l === 'city').length).toBeGreaterThanOrEqual(9)
    expect(levels.filter((l) => l === 'basic').length).toBeGreaterThan(40)
    for (const u of h.units) expect(unitSchema.safeParse(u).success, u.code).toBe(true)
    const basic = h.units.filter((u) => u.level === 'basic')
    expect(basic.some((u) => u.code !== u.regionCode)).toBe(true)
    const codes = new Set(h.units.map((u) => u.code))
    expect(codes.size).toBe(h.units.length)
    expect(h.units.filter((u) => u.parentCode && !codes.has(u.parentCode))).toEqual([])
  })

  it('every record of every office passes the shared schemas', () => {
    expect(schemaProblems(all)).toEqual([])
  })

  it('ids are unique across offices; each office’s revs run 1…maxRev', () => {
    commonChecks(all, h.asOf)
    for (const o of offices) {
      const revs = dataTables.flatMap((t) => (o[t] as { rev: number }[]).map((r) => r.rev)).sort((a, b) => a - b)
      expect(revs).toEqual(Array.from({ length: o.maxRev }, (_, i) => i + 1))
    }
  })

  it('ID numbers are valid, and no two persons share one except the planted duplicates', () => {
    const planted = new Set(offices.flatMap((o) => o.duplicates.map((x) => x.idNumber)))
    const owners = new Map<string, Set<string>>()
    for (const p of all.persons) {
      expect(parseResidentId(p.idNumber, h.asOf).ok, p.idNumber).toBe(true)
      owners.set(p.idNumber, (owners.get(p.idNumber) ?? new Set()).add(p.ownerUnit))
    }
    const perOffice = new Map<string, number>()
    for (const p of all.persons)
      perOffice.set(`${p.ownerUnit}/${p.idNumber}`, (perOffice.get(`${p.ownerUnit}/${p.idNumber}`) ?? 0) + 1)
    expect([...perOffice.values()].every((n) => n === 1)).toBe(true)
    const shared = [...owners].filter(([, units]) => units.size > 1).map(([id]) => id)
    expect(shared.every((id) => planted.has(id))).toBe(true)
  })

  it('covers every workflow state, with a realistic spread (most cases closed, a few in each open state)', () => {
    const counts = stateCounts(all.cases)
    expect(Object.keys(counts).sort()).toEqual([...caseStates].sort())
    const total = all.cases.length
    expect((counts.archived ?? 0) / total).toBeGreaterThan(0.55)
    expect((counts.refused ?? 0) / total).toBeGreaterThan(0.04)
    expect((counts.refused ?? 0) / total).toBeLessThan(0.2)
  })

  it('plants near-duplicates: the same person and underlying case assisted at two offices', () => {
    const planted = offices.flatMap((o) => o.duplicates)
    expect(h.duplicates.length).toBeGreaterThan(0)
    for (const plan of h.duplicates) {
      const pair = planted.filter((x) => x.key === plan.key)
      expect(pair.map((x) => x.role).sort()).toEqual(['first', 'second'])
      const [a, b] = pair
      expect(a!.unitCode).not.toBe(b!.unitCode)
      expect(a!.idNumber).toBe(b!.idNumber)
      const normal = (s: string) => s.replace(/[[〔]/g, '(').replace(/[\]〕]/g, ')')
      expect(normal(a!.underlyingCaseNo)).toBe(normal(b!.underlyingCaseNo))
      // a near duplicate writes the case number's brackets differently; an exact one the same
      expect(a!.underlyingCaseNo === b!.underlyingCaseNo, plan.variant).toBe(plan.variant !== 'near')
      for (const x of pair) {
        const c = all.cases.find((k) => k.id === x.caseId)!
        expect(c.personIdNumbers).toContain(x.idNumber)
        expect(c.decision?.outcome).toBe('granted')
        expect(c.payment).toBeDefined()
      }
    }
  })

  it('province sample: the same for every office and in total', () => {
    for (const o of offices) moneyChecks(o)
    moneyChecks(merge(offices))
  })

  it('uses every fund level and donations, with joint (multi-level) funding and reversing entries', () => {
    const sources = new Set(all.ledger.map((e) => e.fundSource))
    expect([...sources].sort()).toEqual(['central', 'city', 'county', 'donation', 'province'])
    const kinds = new Set(all.ledger.map((e) => e.kind))
    expect([...kinds].sort()).toEqual(['allocation', 'disbursement', 'donation', 'recovery', 'reversal'])
    expect(all.cases.some((c) => (c.funding?.splits.length ?? 0) >= 3)).toBe(true)
  })
})
