import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  approvalQueue,
  createUser,
  execute,
  getDraft,
  openCase,
  queryAuditEvents,
  recordSignIn,
  saveDraft,
  updateSetting,
  verifyStoredRecords,
} from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import { FAILED_LOGIN_COMMAND } from '../../../renderer/src/db/commands/users'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import type { AuditEntry } from '../../../shared/audit/chain'
import { DRAFT_CONTENT_MARKER, RecordStateCheck } from '../../../shared/audit/records'
import type { Case } from '../../../shared/domain/schemas'
import { ensureAccount } from './accounts'
import { act, actorOf, allMaterials, on, reviewAndPropose, UNIT, validId } from './caseSteps'
import { admin, freshDb, setUp } from './fixtures'

const jcg = { ...actorOf(2, 'case-procurator'), displayName: '张承办' }
const bzr = { ...actorOf(4, 'dept-head'), displayName: '钱部长' }
const jcz = { ...actorOf(5, 'chief'), displayName: '李检察长' }
const APPLICANT = validId('11010519800101002')
const VICTIM = validId('11010519820202004')

describe('审计日志 as a clerk reads it, and 待我审批', () => {
  let db: JiuzhuDb
  let opened: Case
  beforeAll(async () => {
    db = freshDb()
    await db.open()
    await setUp(db)
    for (const a of [jcg, bzr, jcz] as Actor[]) await ensureAccount(db, a)
    const res = await execute(
      db,
      openCase,
      jcg,
      {
        source: 'application',
        applicant: { name: '李四', idType: 'resident-id', idNumber: APPLICANT, priorityFlags: [] },
        victim: { name: '李小四', idType: 'resident-id', idNumber: VICTIM, priorityFlags: [] },
        relation: 'spouse',
        clueDate: '2026-05-06',
        firstAction: {
          type: 'apply',
          date: '2026-05-06',
          form: 'written',
          capacity: 'self',
          materials: allMaterials('2026-05-06'),
        },
      },
      on('2026-05-06'),
    )
    if (!res.ok) throw new Error(res.error.message)
    opened = res.value
  })
  afterAll(() => db.close())

  it('a new case is one event with its records inside, named by case number and names, in Chinese', async () => {
    const entries = await db.audit.where('command').equals('case.open').toArray()
    expect(entries.length).toBe(4) // applicant, victim, the case, then its first step
    const { events } = await queryAuditEvents(db, {}, 0, 50)
    const open = events.filter((e) => e.command === 'case.open')
    expect(open).toHaveLength(1)
    expect(open[0]).toMatchObject({ label: '新建救助案件', userName: '张承办', seqs: entries.map((e) => e.seq) })
    expect(open[0].subjects).toEqual(['人员 李四', '人员 李小四', '案件 朝检控救〔2026〕1号'])
    const person = open[0].changes[0]
    expect(person).toMatchObject({ tableLabel: '人员', subject: '李四' })
    expect(person.fields.find((f) => f.field === 'idNumber')).toMatchObject({ label: '证件号码', after: APPLICANT })
    // user ids in values are shown as names
    expect(person.fields.find((f) => f.field === 'createdBy')?.after).toBe('张承办')
    expect(JSON.stringify(open[0].subjects)).not.toMatch(/110105-/)
    // coded values read in Chinese: the case's state and source, the relation (not “accepted”, “application”, “spouse”)
    const fields = open[0].changes.flatMap((c) => c.fields)
    const caseFields = open[0].changes.find((c) => c.table === 'cases')?.fields ?? []
    expect(caseFields.find((f) => f.field === 'source')?.after).toBe('当事人申请')
    expect(caseFields.find((f) => f.field === 'relation')?.after).toBe('配偶')
    expect(caseFields.filter((f) => f.field === 'state').map((f) => f.after)).not.toContain('accepted')
    for (const f of fields.filter((x) => ['state', 'source', 'relation', 'capacity'].includes(x.field)))
      expect(f.after, f.field).not.toMatch(/^[a-z-]+$/)
  })

  it('search by case number, person, user or date finds the event whole', async () => {
    for (const search of ['朝检控救〔2026〕1号', '李小四', APPLICANT, '张承办', '2026-05-06']) {
      const { events } = await queryAuditEvents(db, { search }, 0, 50)
      const open = events.find((e) => e.command === 'case.open')
      expect(open?.changes, search).toHaveLength(4)
    }
    expect((await queryAuditEvents(db, { search: '2026-05-07' }, 0, 50)).events).toEqual([])
    expect((await queryAuditEvents(db, { search: '王五' }, 0, 50)).total).toBe(0)
    // the case page's own list: one line per command touching the case
    const onCase = await queryAuditEvents(db, { entityId: opened.id }, 0, 50)
    expect(onCase.events.map((e) => e.label)).toEqual(['新建救助案件'])
  })

  it('an account’s 所在部门 shows by the office’s name for it (系统设置 → 移送部门名称), never as its code', async () => {
    const made = await execute(db, createUser, admin, {
      username: 'banan',
      profile: { displayName: '赵办案', roles: ['case-dept-staff'], department: 'prosecution' },
      passwordHash: `scrypt$17$8$1$${'A'.repeat(24)}$${'B'.repeat(44)}`,
    })
    if (!made.ok) throw new Error(made.error.message)
    const departmentShown = async () => {
      const { events } = await queryAuditEvents(db, { command: 'user.create' }, 0, 50)
      const created = events.find((e) => e.command === 'user.create')
      return created?.changes[0].fields.find((f) => f.field === 'department')?.after
    }
    expect(await departmentShown()).toBe('刑事检察部门（审查起诉）')
    const renamed = await execute(db, updateSetting, admin, {
      key: 'departmentNames',
      value: { prosecution: '第二检察部' },
    })
    if (!renamed.ok) throw new Error(renamed.error.message)
    expect(await departmentShown()).toBe('第二检察部')
  })

  it('保存草稿: the audit log says a draft of the form was kept for the case — never what was typed', async () => {
    const typed = { applicant: { name: '王草稿', idNumber: APPLICANT }, account: { accountNo: '6228480012345678' } }
    const form = `action:pay:${opened.id.toLowerCase()}`
    const keep = async (values: Record<string, unknown> | null) => {
      const kept = await execute(db, saveDraft, jcg, { form, caseId: opened.id, values }, on('2026-05-07'))
      if (!kept.ok) throw new Error(kept.error.message)
      return (await getDraft(db, form, jcg.userId))?.values
    }
    expect(await keep(typed)).toEqual(typed)
    expect(await keep({ ...typed, note: '第二次' })).toEqual({ ...typed, note: '第二次' })
    expect(await keep(null)).toBeUndefined()
    const entries = await db.audit.where('command').equals('draft.save').toArray()
    expect(entries).toHaveLength(3)
    const logged = JSON.stringify(entries)
    for (const secret of ['王草稿', APPLICANT, '6228480012345678', '第二次']) expect(logged).not.toContain(secret)
    expect(entries.map((e) => (e.after as { value: unknown }).value)).toEqual([
      '〔草稿内容，不记入审计日志〕',
      '〔草稿内容，不记入审计日志〕',
      null,
    ])
    const { events } = await queryAuditEvents(db, { command: 'draft.save' }, 0, 10)
    expect(events[0]).toMatchObject({ label: '保存草稿', subjects: [`草稿“发放救助金”，案件 ${opened.caseNo}`] })
    expect(events.at(-1)?.changes[0].fields.map((f) => [f.label, f.after])).toEqual([
      ['案件', opened.caseNo],
      ['内容', '〔草稿内容，不记入审计日志〕'],
    ])
    // the record check still finds each draft row as the log says (its typed content compared as present)
    expect((await verifyStoredRecords(db, { tables: ['settings'] })).mismatches).toEqual([])
  })

  it('a draft row whose older entry held the typed values still matches; a draft changed past the software does not', () => {
    const key = 'draft:clue:new:u1'
    const entry = (seq: number, before: unknown, after: unknown) =>
      ({ seq, table: 'settings', entityId: key, before, after }) as AuditEntry
    const typed = { key, value: { savedAt: '2026-05-07T01:00:00.000Z', values: { partyName: '王' } } }
    const marked = { key, value: DRAFT_CONTENT_MARKER }
    const check = (row: Record<string, unknown>) => {
      const c = new RecordStateCheck(UNIT)
      c.addEntry(entry(1, null, typed)) // written before drafts were kept out of the log
      c.addEntry(entry(2, marked, marked))
      c.addRow('settings', key, row)
      return c.finish().mismatches.map((m) => m.kind)
    }
    expect(check({ key, value: { savedAt: '2026-05-07T02:00:00.000Z', values: { partyName: '王五' } } })).toEqual([])
    expect(check({ key, value: null })).toEqual(['changed'])
  })

  it('a failed sign-in is its own event, 登录失败', async () => {
    const res = await execute(db, recordSignIn, jcg, { success: false }, on('2026-05-07'))
    expect(res.ok).toBe(true)
    const { events } = await queryAuditEvents(db, { userId: jcg.userId }, 0, 50)
    expect(events[0]).toMatchObject({ command: FAILED_LOGIN_COMMAND, label: '登录失败', subjects: ['用户 张承办'] })
  })

  it('待我审批 lists the case for the approver of its current step only, until the round is complete', async () => {
    let c = await act(db, jcg, opened, { type: 'accept', date: '2026-05-07' }, '2026-05-07')
    c = await reviewAndPropose(db, jcg, c, '2026-05-08')
    c = await act(db, jcg, c, { type: 'submit-opinion' }, '2026-05-08')
    const queued = async (who: Actor) => (await approvalQueue(db, UNIT, who)).map((i) => [i.row.record.id, i.stepLabel])
    expect(await queued(bzr)).toEqual([[c.id, '部门负责人审核']])
    expect(await queued(jcz)).toEqual([])
    expect(await queued(jcg)).toEqual([])
    const [item] = await approvalQueue(db, UNIT, bzr)
    expect(item).toMatchObject({
      proposal: '建议予以救助',
      proposedFen: 3_000_000,
      fromName: '张承办',
      since: '2026-05-08',
    })
    c = await act(db, bzr, c, { type: 'approve-step', decision: 'agree', opinion: '同意' }, '2026-05-09')
    expect(await queued(bzr)).toEqual([])
    expect(await queued(jcz)).toEqual([[c.id, '检察长审批']])
    c = await act(db, jcz, c, { type: 'approve-step', decision: 'agree', opinion: '同意' }, '2026-05-09')
    expect(await queued(jcz)).toEqual([])
    expect(c.state).toBe('approval')
  })
})
