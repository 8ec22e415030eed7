import 'fake-indexeddb/auto'
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest'
import {
  execute,
  listClues,
  openCase,
  recordClue,
  recordRegisterExport,
  revealNumber,
  updateSetting,
  verifyStoredRecords,
} from '../../../renderer/src/db'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { commandLabel } from '../../../shared/domain/permissions'
import type { Case } from '../../../shared/domain/schemas'
import { ensureAccount } from './accounts'
import { actorOf, allMaterials, on, UNIT, validId } from './caseSteps'
import { freshDb, setUp, snapshot } from './fixtures'

/** Who sees what, in the command layer and the queries (shared/domain/access.ts, docs/security.md §7). */
const as = actorOf
const prosecution = as(1, 'case-dept-staff') // ensureAccount gives it the department 'prosecution'
const juvenile = as(11, 'case-dept-staff')
const jcg = as(2, 'case-procurator')
const otherJcg = as(3, 'case-procurator')
const jcz = as(5, 'chief')
const jcb = as(7, 'finance')
const admin = as(8, 'admin')
const auditor = as(9, 'auditor')

const APPLICANT_ID = validId('32010219800101123')
const person = (name: string, idNumber: string) => ({ name, idType: 'resident-id', idNumber, priorityFlags: [] })
const clue = (originDepartment: string, partyName: string) => ({
  source: 'case-department',
  originDepartment,
  partyName,
  referredOn: '2026-03-03',
})

describe('a case department sees its own clues; numbers are revealed and exported only as the role needs', () => {
  let db: JiuzhuDb
  let opened: Case
  beforeAll(async () => {
    db = freshDb()
    await db.open()
    await setUp(db)
    for (const a of [prosecution, juvenile, jcg, otherJcg, jcz, jcb, admin, auditor]) await ensureAccount(db, a)
    await db.users.update(juvenile.userId, { department: 'juvenile' })
  })
  afterAll(() => db.close())

  it('a case-department user records only its own department’s referrals; nothing else is written', async () => {
    const own = await execute(db, recordClue, prosecution, clue('prosecution', '李四'), on('2026-03-03'))
    expect(own.ok ? '' : own.error.message).toBe('')
    const before = await snapshot(db)
    const other = await execute(db, recordClue, prosecution, clue('juvenile', '王五'), on('2026-03-03'))
    assert(!other.ok, 'expected other to be refused')
    expect(other.error.message).toBe('办案部门人员只能登记本部门（刑事检察部门（审查起诉））移送的线索。')
    const external = await execute(
      db,
      recordClue,
      prosecution,
      { source: 'external', externalBody: 'civil-affairs', partyName: '钱七', referredOn: '2026-03-03' },
      on('2026-03-03'),
    )
    expect(external.ok).toBe(false)
    expect(await snapshot(db)).toEqual(before)
    expect((await execute(db, recordClue, juvenile, clue('juvenile', '王五'), on('2026-03-03'))).ok).toBe(true)
  })

  it('the refusal names the user’s department as the office calls it (系统设置 → 移送部门名称)', async () => {
    const renamed = await execute(db, updateSetting, admin, {
      key: 'departmentNames',
      value: { prosecution: '第二检察部' },
    })
    if (!renamed.ok) throw new Error(renamed.error.message)
    const other = await execute(db, recordClue, prosecution, clue('juvenile', '孙八'), on('2026-03-03'))
    expect(other.ok ? '' : other.error.message).toBe('办案部门人员只能登记本部门（第二检察部）移送的线索。')
    const restored = await execute(db, updateSetting, admin, { key: 'departmentNames', value: {} })
    if (!restored.ok) throw new Error(restored.error.message)
  })

  it('listClues with a department returns that department’s clues only; an account without one gets none', async () => {
    const names = async (department?: string) =>
      (await listClues(db, UNIT, undefined, department)).map((c) => c.partyName).sort()
    expect(await names()).toEqual(['李四', '王五'])
    expect(await names('prosecution')).toEqual(['李四'])
    expect(await names('juvenile')).toEqual(['王五'])
    expect(await names('')).toEqual([])
  })

  it('显示: a role that may see the number on demand gets it, and the audit log names the case and the person', async () => {
    const clueId = (await listClues(db, UNIT, undefined, 'prosecution'))[0].id
    const res = await execute(
      db,
      openCase,
      jcg,
      {
        source: 'referral',
        clueId,
        originDepartment: 'prosecution',
        applicant: {
          ...person('李四', APPLICANT_ID),
          bankAccount: { bank: '中国银行', accountName: '李四', accountNo: '6217000012345678' },
        },
        relation: 'self',
        victimInfo: { outcomes: ['serious-injury'] },
        clueDate: '2026-03-03',
        firstAction: {
          type: 'apply',
          date: '2026-03-04',
          form: 'written',
          capacity: 'self',
          materials: allMaterials('2026-03-04'),
        },
      },
      on('2026-03-04'),
    )
    if (!res.ok) throw new Error(res.error.message)
    opened = res.value
    const recordsBefore = await snapshot(db)
    const seqBefore = (await db.audit.orderBy('seq').last())?.seq ?? 0
    const input = { caseId: opened.id, personId: opened.applicantId, field: 'idNumber' }
    const shown = await execute(db, revealNumber, jcz, input, on('2026-03-05'))
    expect(shown).toEqual({ ok: true, value: APPLICANT_ID })
    const entries = await db.audit.where('seq').above(seqBefore).toArray()
    expect(entries.map((e) => [e.command, e.table, e.entityId, e.userId])).toEqual([
      ['person.reveal:idNumber', 'cases', opened.id, jcz.userId],
      ['person.reveal:idNumber', 'persons', opened.applicantId, jcz.userId],
    ])
    expect(commandLabel(entries[0].command)).toBe('查看完整证件号码')
    // nothing but the log changed, and the records still agree with it
    const after = await snapshot(db)
    expect({ ...after, audit: [] }).toEqual({ ...recordsBefore, audit: [] })
    expect((await verifyStoredRecords(db, { tables: ['cases', 'persons', 'clues'] })).mismatches).toEqual([])

    const bank = await execute(db, revealNumber, jcb, { ...input, field: 'bankAccount' }, on('2026-03-05'))
    expect(bank).toEqual({ ok: true, value: '6217000012345678' })
    expect(commandLabel((await db.audit.orderBy('seq').last())?.command ?? '')).toBe('查看完整银行账号')
  })

  it('显示 is refused to a role that needs no whole number (管理员, 审计查阅), and nothing is written', async () => {
    const before = await snapshot(db)
    for (const who of [admin, auditor]) {
      const res = await execute(
        db,
        revealNumber,
        who,
        { caseId: opened.id, personId: opened.applicantId, field: 'idNumber' },
        on('2026-03-05'),
      )
      assert(!res.ok, 'expected res to be refused')
      expect(res.error.message).toMatch(/不需要完整的证件号码，只能查看遮蔽后的号码/)
    }
    expect(await snapshot(db)).toEqual(before)
  })

  it('a person not of the case cannot be revealed through it', async () => {
    const other = await db.persons.filter((p) => p.id !== opened.applicantId).first()
    const res = await execute(
      db,
      revealNumber,
      jcz,
      { caseId: opened.id, personId: other?.id ?? `${UNIT}-01J00000000000000000000099`, field: 'idNumber' },
      on('2026-03-05'),
    )
    expect(res.ok).toBe(false)
  })

  it('导出台账: whole numbers only for a role that needs them; the choice is in the audit entry', async () => {
    const refused = await execute(
      db,
      recordRegisterExport,
      jcz,
      { register: '受理台账', rows: 3, fullNumbers: true },
      on('2026-03-05'),
    )
    assert(!refused.ok, 'expected refused to be refused')
    expect(refused.error.message).toContain('只能导出遮蔽后的证件号码')
    for (const [who, full, expected] of [
      [jcz, false, '遮蔽号码'],
      [jcb, true, '完整号码'],
    ] as const) {
      const res = await execute(
        db,
        recordRegisterExport,
        who,
        { register: '受理台账', rows: 3, fullNumbers: full },
        on('2026-03-05'),
      )
      expect(res.ok).toBe(true)
      const last = await db.audit.orderBy('seq').last()
      expect(last).toMatchObject({
        command: 'register.export',
        table: 'audit',
        userId: who.userId,
        after: { registerTitle: '受理台账', rowCount: 3, numbers: expected },
      })
    }
    expect((await verifyStoredRecords(db, { tables: ['cases', 'persons', 'clues'] })).mismatches).toEqual([])
  })
})
