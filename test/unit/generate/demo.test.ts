import { describe, expect, it } from 'vitest'
import { amountCheckInputFrom, checkProposedAmount } from '../../../shared/domain/amount'
import { addWorkingDays } from '../../../shared/domain/calendar'
import { parseResidentId } from '../../../shared/domain/idcard'
import { governingDate, rulesInForce } from '../../../shared/domain/rulesInForce'
import { caseStates, unitSchema } from '../../../shared/domain/schemas'
import { deadlinesFor, isOverdue, isTerminal } from '../../../shared/domain/workflow'
import { dataTables, generateDemoOffice, stateCounts } from '../../../shared/generate'
import { commonChecks, demoData, moneyChecks, schemaProblems } from './helpers'

describe('demo data set', () => {
  const d = demoData()

  it('is one 基层院 with about 300 cases over 3 years, its parents as directory entries', () => {
    expect(d.unit.level).toBe('basic')
    expect(d.units.map((u) => u.level)).toEqual(['supreme', 'province', 'city', 'basic'])
    expect(d.units.filter((u) => !u.directoryOnly)).toEqual([d.unit])
    expect(d.cases.length).toBeGreaterThan(280)
    expect(d.cases.length).toBeLessThanOrEqual(300)
    const years = new Set(d.cases.map((c) => c.clueDate!.slice(0, 4)))
    expect(years.size).toBeGreaterThanOrEqual(3)
    for (const u of d.units) expect(unitSchema.safeParse(u).success, u.code).toBe(true)
  })

  it('every record of every table passes the shared schemas (case invariants included)', () => {
    expect(schemaProblems(d)).toEqual([])
    for (const t of dataTables) expect((d[t] as unknown[]).length, t).toBeGreaterThan(0)
  })

  it('ids, owners, stamps and dates are consistent; nothing is dated after asOf', () => {
    commonChecks(d, d.asOf)
  })

  it('rev is the office change counter: 1…maxRev, once each, in the order of the last change', () => {
    const all = dataTables.flatMap((t) => d[t] as { rev: number; updatedAt: string }[])
    const revs = all.map((r) => r.rev).sort((a, b) => a - b)
    expect(revs).toEqual(Array.from({ length: all.length }, (_, i) => i + 1))
    expect(d.maxRev).toBe(all.length)
    const byRev = [...all].sort((a, b) => a.rev - b.rev)
    for (let i = 1; i < byRev.length; i++) expect(byRev[i - 1]!.updatedAt <= byRev[i]!.updatedAt).toBe(true)
  })

  it('covers every workflow state', () => {
    const counts = stateCounts(d.cases)
    expect(Object.keys(counts).sort()).toEqual([...caseStates].sort())
  })

  it('case numbers are unique and gap-free per year, in the order cases were numbered', () => {
    const byYear = new Map<number, number[]>()
    for (const c of d.cases) {
      if (!c.caseNo) continue
      expect(c.caseNo).toBe(`${d.unit.shortName}控救〔${c.caseYear}〕${c.caseSeq}号`)
      byYear.set(c.caseYear!, [...(byYear.get(c.caseYear!) ?? []), c.caseSeq!])
    }
    for (const seqs of byYear.values()) {
      expect(seqs.sort((a, b) => a - b)).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1))
    }
    expect(d.cases.filter((c) => c.state === 'clue' || c.state === 'informed').every((c) => !c.caseNo)).toBe(true)
  })

  it('ID numbers are valid GB 11643 numbers matching the person’s birth date and sex, unique per person', () => {
    const seen = new Map<string, string>()
    for (const p of d.persons) {
      const r = parseResidentId(p.idNumber, d.asOf)
      expect(r.ok, `${p.idNumber} ${r.ok ? '' : r.reason}`).toBe(true)
      if (!r.ok) continue
      expect(r.id).toBe(p.idNumber)
      expect(r.birthDate).toBe(p.birthDate)
      expect(r.sex === 'M' ? 'male' : 'female').toBe(p.sex)
      expect(seen.has(p.idNumber), `ID ${p.idNumber} used by two person records`).toBe(false)
      seen.set(p.idNumber, p.id)
    }
    for (const c of d.cases) {
      const people = d.persons.filter((p) => p.id === c.applicantId || p.id === c.victimId).map((p) => p.idNumber)
      expect(c.personIdNumbers.sort()).toEqual([...new Set(people)].sort())
    }
  })

  it('references point at records of the data set', () => {
    const ids = new Set(dataTables.flatMap((t) => (d[t] as { id: string }[]).map((r) => r.id)))
    const staff = new Set(d.staff.map((s) => s.id))
    for (const c of d.cases) expect(staff.has(c.createdBy) && staff.has(c.updatedBy)).toBe(true)
    // the optional references that are given: a case's people and clue, a clue's case, a ledger entry's case
    const given = [
      ...d.cases.flatMap((c) => [c.applicantId, c.victimId, c.clueId]),
      ...d.clues.map((cl) => cl.convertedCaseId),
      ...d.ledger.map((e) => e.caseId),
    ].filter((ref): ref is string => Boolean(ref))
    expect(given.length).toBeGreaterThan(d.cases.length)
    expect(given.filter((ref) => !ids.has(ref))).toEqual([])
    for (const t of ['referrals', 'followUps', 'materials'] as const) {
      for (const r of d[t]) expect(ids.has(r.caseId)).toBe(true)
    }
    for (const dn of d.donations) for (const id of dn.recipientCaseIds) expect(ids.has(id)).toBe(true)
  })

  it('decisions mostly meet the 10-working-day limit, and some are late (the deadline board has work)', () => {
    const decided = d.cases.filter((c) => c.applicationDate && c.decisionDate && !c.decision?.advance)
    const onTime = decided.filter(
      (c) => c.decisionDate! <= addWorkingDays(c.supplement?.receivedDate ?? c.applicationDate!, 10),
    )
    expect(onTime.length / decided.length).toBeGreaterThan(0.6)
    expect(onTime.length).toBeLessThan(decided.length)
  })

  it('every proposed amount passes the command layer’s amount check under the rules in force', () => {
    const problems: string[] = []
    for (const c of d.cases) {
      if (!c.amount) continue
      const { rules } = rulesInForce(c, d.asOf, { unitCode: d.unit.code, regionCode: d.unit.regionCode })
      expect(rules?.ruleSet.id).toBe(c.amount.ruleSetId)
      expect(c.amount.wageYear).toBe(Number(governingDate(c, d.asOf).slice(0, 4)) - 1)
      const a = c.amount
      const findings = checkProposedAmount(
        amountCheckInputFrom(rules!, {
          proposedFen: a.proposedFen,
          monthlyWageFen: a.baseMonthlyWageFen,
          overCapApproval: a.overCapApprovalRef
            ? { ref: a.overCapApprovalRef, body: a.overCapApprovalBody ?? '' }
            : null,
          courtAwardCeilingFen: a.courtAwardCeilingFen,
        }),
      )
      for (const f of findings) if (f.severity === 'blocking') problems.push(`${c.id}: ${f.code}`)
    }
    expect(problems).toEqual([])
  })

  it('the deadline board has running and overdue deadlines on the open cases', () => {
    const open = d.cases.filter((c) => !isTerminal(c.state))
    const deadlines = open.flatMap((c) => deadlinesFor(c))
    expect(deadlines.length).toBeGreaterThan(3)
    expect(deadlines.some((x) => isOverdue(x, d.asOf))).toBe(true)
  })

  it('can be generated for the signed-in office (载入演示数据 into the user’s own office)', () => {
    const own = generateDemoOffice({
      seed: 1,
      cases: 40,
      asOf: '2026-06-30',
      office: { code: '110105', name: '北京市朝阳区人民检察院', shortName: '朝检', regionCode: '110105' },
    })
    expect(own.unit.code).toBe('110105')
    expect(schemaProblems(own)).toEqual([])
    for (const t of dataTables) for (const r of own[t] as { ownerUnit: string }[]) expect(r.ownerUnit).toBe('110105')
    expect(own.cases.filter((c) => c.caseNo).every((c) => c.caseNo!.startsWith('朝检控救〔'))).toBe(true)
    expect(own.persons.every((p) => p.idNumber.startsWith('110105'))).toBe(true)
    commonChecks(own, '2026-06-30')
  })
})

describe('demo ledger', () => {
  it('reconciles per fund source; paid cases match disbursements to the fen', () => {
    moneyChecks(demoData())
  })

  it('grants are about 1万元 per case on average, within the cap rules', () => {
    const { cases } = demoData()
    const granted = cases.filter((c) => c.decision?.outcome === 'granted' && !c.smallEmergencyHelp)
    const mean = granted.reduce((s, c) => s + c.decision!.grantedFen!, 0) / granted.length / 100
    expect(mean).toBeGreaterThan(7000)
    expect(mean).toBeLessThan(20000)
    for (const c of cases) {
      if (!c.amount) continue
      expect(c.amount.computedCapFen).toBe(c.amount.baseMonthlyWageFen * 36)
      if (c.amount.overCapFlag) {
        expect(c.amount.courtAwardCeilingFen).not.toBeNull()
        expect(c.amount.overCapApprovalRef).not.toBeNull()
        expect(c.approvalRound?.escalation).toBe('over-cap')
      } else {
        expect(c.amount.proposedFen).toBeLessThanOrEqual(c.amount.computedCapFen)
      }
    }
    expect(cases.some((c) => c.amount?.overCapFlag)).toBe(true)
  })
})
