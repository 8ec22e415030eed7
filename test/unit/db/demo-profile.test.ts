import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { execute, openCase } from '../../../renderer/src/db'
import { caseRules } from '../../../renderer/src/db/commands/caseRules'
import { loadDemoOffice } from '../../../renderer/src/db/commands/demo'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { residentIdCheckChar } from '../../../shared/domain/idcard'
import { monthlyWageFor, wageRegionFor, wageYearFor } from '../../../shared/domain/rulesets'
import type { Case } from '../../../shared/domain/schemas'
import { generateDemoOffice } from '../../../shared/generate'
import { freshDb, snapshot } from './fixtures'

const HASH = `scrypt$15$8$1$${'A'.repeat(24)}$${'B'.repeat(44)}`
const on = { clock: () => ({ date: '2026-11-29', instant: '2026-11-29T02:00:00.000Z' }) }

describe('the demo profile: a generated office loaded in one step', () => {
  let db: JiuzhuDb
  const data = generateDemoOffice({ asOf: '2026-11-29', seed: 7 })
  const adminId = `${data.unit.code}-01J00000000000000000000ADM`
  const admin = { userId: adminId, unitCode: data.unit.code, roles: ['admin' as const] }
  let loaded: Awaited<ReturnType<typeof loadInto>>
  const loadInto = (target: JiuzhuDb) =>
    execute(target, loadDemoOffice, admin, { data, adminId, passwordHash: HASH }, on)
  // each test starts from its own profile with the demo loaded, so each runs alone and in any order
  beforeEach(async () => {
    db = freshDb()
    await db.open()
    loaded = await loadInto(db)
  })
  afterEach(() => db.close())

  it('loads the unit, one account per role and every record, keeping ids and history', async () => {
    const res = loaded
    if (!res.ok) throw new Error(res.error.message)
    expect(res.value.cases).toBe(data.cases.length)
    expect(await db.cases.count()).toBe(data.cases.length)
    expect(await db.ledger.count()).toBe(data.ledger.length)
    expect(await db.persons.count()).toBe(data.persons.length)
    const users = await db.users.toArray()
    expect(users.length).toBe(data.staff.length + 1)
    const roles = new Set(users.flatMap((u) => u.roles))
    for (const r of ['case-dept-staff', 'case-procurator', 'dept-head', 'chief', 'finance', 'admin'])
      expect(roles).toContain(r)
    const one = data.cases[0]
    expect(await db.cases.get(one.id)).toMatchObject({ id: one.id, createdAt: one.createdAt, caseNo: one.caseNo })
    const states = new Set(((await db.cases.toArray()) as unknown as Case[]).map((c) => c.state))
    expect(states.size).toBeGreaterThan(10)
  })

  it('refuses to load twice, and nothing changes', async () => {
    const before = await snapshot(db)
    const again = await loadInto(db)
    expect(again.ok).toBe(false)
    expect(await snapshot(db)).toEqual(before)
  })

  it('a new case continues the numbering after the generated cases of the year', async () => {
    const year = 2026
    const max = Math.max(0, ...data.cases.filter((c) => c.caseYear === year).map((c) => c.caseSeq ?? 0))
    const ks = data.staff.find((s) => s.roles.includes('case-procurator'))!
    const res = await execute(
      db,
      openCase,
      { userId: ks.id, unitCode: data.unit.code, roles: ['case-procurator'] },
      {
        source: 'application',
        applicant: {
          name: '新申请人',
          idType: 'resident-id',
          idNumber: `11010519800101002${residentIdCheckChar('11010519800101002')}`,
          priorityFlags: [],
        },
        relation: 'self',
        clueDate: '2026-11-29',
        firstAction: { type: 'apply', date: '2026-11-29', form: 'written', capacity: 'self' },
      },
      on,
    )
    if (!res.ok) throw new Error(res.error.message)
    expect(res.value.caseSeq).toBe(max + 1)
  })

  it('the amount calculator finds the demo wage table through the local measures', async () => {
    const record = { applicationDate: '2026-11-29' } as Case
    const { rules } = await caseRules(db, record, data.unit.code, '2026-11-29')
    expect(rules?.local?.id).toBe('demo-wages')
    const region = wageRegionFor(rules!, {
      caseJurisdictionRegionCode: data.unit.regionCode ?? '',
      procuratorateRegionCode: data.unit.regionCode ?? '',
    })
    expect(monthlyWageFor(rules!, region, wageYearFor('2026-11-29'))?.monthlyWageFen).toBeGreaterThan(0)
  })
})
