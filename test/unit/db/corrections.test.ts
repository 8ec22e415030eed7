import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  correctCase,
  correctClue,
  execute,
  openCase,
  queryAuditEvents,
  recordClue,
  type StoredRecord,
} from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import type { Case } from '../../../shared/domain/schemas'
import { ensureAccount } from './accounts'
import { act, actorOf, allMaterials, on, reviewAndPropose, validId } from './caseSteps'
import { freshDb, setUp, snapshot } from './fixtures'

const ba = { ...actorOf(1, 'case-dept-staff'), displayName: '赵办案' }
const jcg = { ...actorOf(2, 'case-procurator'), displayName: '张承办' }
const bzr = { ...actorOf(4, 'dept-head'), displayName: '钱部长' }
const jcz = { ...actorOf(5, 'chief'), displayName: '李检察长' }
const APPLICANT = validId('11010519800101002')
const CORRECTED = validId('11010519800101010')

const clueInput = {
  source: 'case-department',
  originDepartment: 'prosecution',
  partyName: '李 斯',
  underlyingCaseNo: '京朝检刑诉〔2026〕88号',
  informing: { byName: '赵办案', method: 'written', date: '2026-05-04', response: 'will-apply' },
  referredOn: '2026-05-04',
}

async function refused(db: JiuzhuDb, run: () => Promise<{ ok: boolean; error?: { message: string } }>) {
  const before = await snapshot(db)
  const res = await run()
  expect(res.ok).toBe(false)
  expect(await snapshot(db)).toEqual(before)
  return res.error?.message
}

/** 更正 of the case or the clue by `who`, on `date`. */
const onCase = (db: JiuzhuDb, who: Actor, input: Record<string, unknown>, date: string) =>
  execute(db, correctCase, who, input, on(date))
const onClue = (db: JiuzhuDb, who: Actor, input: Record<string, unknown>, date: string) =>
  execute(db, correctClue, who, input, on(date))

describe('dates and 更正: refused where the rule says, kept and audited where it allows', () => {
  let db: JiuzhuDb
  let clue: StoredRecord
  let opened: Case
  beforeAll(async () => {
    db = freshDb()
    await db.open()
    await setUp(db)
    for (const a of [ba, jcg, bzr, jcz] as Actor[]) await ensureAccount(db, a)
  })
  afterAll(() => db.close())

  it('登记线索 refuses a future 移送日期 and a 告知 before the 移送, and writes nothing', async () => {
    expect(
      await refused(db, () =>
        execute(db, recordClue, ba, { ...clueInput, referredOn: '2027-01-15' }, on('2026-12-07')),
      ),
    ).toBe('移送日期（2027-01-15）不能晚于今天（2026-12-07）。')
    expect(
      await refused(db, () =>
        execute(
          db,
          recordClue,
          ba,
          { ...clueInput, informing: { ...clueInput.informing, date: '2026-05-03' } },
          on('2026-05-05'),
        ),
      ),
    ).toBe('告知日期（2026-05-03）不能早于移送日期（2026-05-04）。')
    const ok = await execute(db, recordClue, ba, clueInput, on('2026-05-05'))
    if (!ok.ok) throw new Error(ok.error.message)
    clue = ok.value
  })

  it('更正线索: the name is corrected with a reason, the old value kept, the audit shows old → new', async () => {
    const res = await onClue(
      db,
      ba,
      { clueId: clue.id, field: 'partyName', value: '李思', reason: '移送表笔误，以身份证为准' },
      '2026-05-05',
    )
    if (!res.ok) throw new Error(res.error.message)
    expect(res.value.partyName).toBe('李思')
    expect(res.value.corrections).toEqual([
      {
        at: '2026-05-05T02:00:00.000Z',
        by: ba.userId,
        field: 'partyName',
        before: '李 斯',
        after: '李思',
        reason: '移送表笔误，以身份证为准',
      },
    ])
    const { events } = await queryAuditEvents(db, { entityId: clue.id }, 0, 10)
    const event = events.find((e) => e.command === 'clue.correct')
    expect(event?.label).toBe('更正线索')
    const fields = event?.changes[0].fields ?? []
    expect(fields.find((f) => f.field === 'partyName')).toMatchObject({
      label: '当事人姓名',
      before: '李 斯',
      after: '李思',
    })
    expect(fields.find((f) => f.field === 'corrections')?.after).toBe(
      '当事人姓名：李 斯 → 李思（理由：移送表笔误，以身份证为准）',
    )
  })

  it('a corrected date keeps the one date rule; no reason, the same value or a stale version change nothing', async () => {
    const input = { clueId: clue.id, field: 'referredOn', reason: '核对移送表' }
    expect(await refused(db, () => onClue(db, ba, { ...input, value: '2026-05-05' }, '2026-05-06'))).toBe(
      '告知日期（2026-05-04）不能早于移送日期（2026-05-05）。',
    )
    expect(await refused(db, () => onClue(db, ba, { ...input, value: '2026-05-07' }, '2026-05-06'))).toBe(
      '移送日期（2026-05-07）不能晚于今天（2026-05-06）。',
    )
    expect(
      await refused(db, () => onClue(db, ba, { ...input, value: '2026-05-03', reason: '' }, '2026-05-06')),
    ).toMatch(/更正理由/)
    expect(await refused(db, () => onClue(db, ba, { ...input, value: '2026-05-04' }, '2026-05-06'))).toBe(
      '更正后的“移送日期”与原内容相同，无需更正。',
    )
    expect(
      await refused(db, () => onClue(db, ba, { ...input, value: '2026-05-03', expectedRev: 1 }, '2026-05-06')),
    ).toMatch(/刚被其他人员修改过/)
  })

  it('the corrected clue becomes a case; then the clue is the case’s and refuses correction', async () => {
    const res = await execute(
      db,
      openCase,
      jcg,
      {
        source: 'referral',
        clueId: clue.id,
        applicant: { name: '李思', idType: 'resident-id', idNumber: APPLICANT, priorityFlags: [] },
        relation: 'self',
        clueDate: '2026-05-04',
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
    expect(
      await refused(db, () =>
        onClue(db, ba, { clueId: clue.id, field: 'partyName', value: '李四', reason: '再核' }, '2026-05-06'),
      ),
    ).toBe('“当事人姓名”不能更正：线索已转为救助案件，请在案件中更正。如确有错误，须先依程序重新审查、审批或作出决定。')
  })

  it('更正案件: the application date and the applicant’s ID number before the decision, with the history kept', async () => {
    const date = await onCase(
      db,
      jcg,
      { caseId: opened.id, field: 'applicationDate', value: '2026-05-05', reason: '申请书落款日期为5日' },
      '2026-05-07',
    )
    if (!date.ok) throw new Error(date.error.message)
    expect(date.value.applicationDate).toBe('2026-05-05')
    const id = await onCase(
      db,
      jcg,
      {
        caseId: opened.id,
        field: 'applicant.idNumber',
        value: CORRECTED.slice(0, 9) + ' ' + CORRECTED.slice(9),
        reason: '登记时抄错一位',
      },
      '2026-05-07',
    )
    if (!id.ok) throw new Error(id.error.message)
    expect(id.value.personIdNumbers).toEqual([CORRECTED])
    expect((await db.persons.get(String(opened.applicantId)))?.idNumber).toBe(CORRECTED)
    expect(id.value.corrections?.map((c) => [c.field, c.before, c.after])).toEqual([
      ['applicationDate', '2026-05-06', '2026-05-05'],
      ['applicant.idNumber', APPLICANT, CORRECTED],
    ])
    // a date before the 线索日期 is refused by the same rule
    expect(
      await refused(db, () =>
        onCase(
          db,
          jcg,
          { caseId: opened.id, field: 'applicationDate', value: '2026-05-01', reason: '再核' },
          '2026-05-07',
        ),
      ),
    ).toBe('申请日期（2026-05-01）不能早于线索日期（2026-05-04）。')
    // an ID number that does not check out is explained
    expect(
      await refused(db, () =>
        onCase(
          db,
          jcg,
          { caseId: opened.id, field: 'applicant.idNumber', value: '110105198001010021', reason: '再核' },
          '2026-05-07',
        ),
      ),
    ).toMatch(/^更正后的“申请人证件号码”不正确：.*校验/)
  })

  it('after the decision the identity and the dates the time limits count from are locked; the phone is not', async () => {
    let c = (await db.cases.get(opened.id)) as Case
    c = await act(db, jcg, c, { type: 'accept', date: '2026-05-07', materials: [] }, '2026-05-07')
    c = await reviewAndPropose(db, jcg, c, '2026-05-08')
    c = await act(db, jcg, c, { type: 'submit-opinion' }, '2026-05-08')
    const during = await refused(db, () =>
      onCase(db, jcg, { caseId: c.id, field: 'applicant.name', value: '李四', reason: '再核' }, '2026-05-09'),
    )
    expect(during).toMatch(/^“申请人姓名”不能更正：审查意见正在审批中/)
    c = await act(db, bzr, c, { type: 'approve-step', decision: 'agree', opinion: '同意' }, '2026-05-09')
    c = await act(db, jcz, c, { type: 'approve-step', decision: 'agree', opinion: '同意' }, '2026-05-09')
    c = await act(db, jcg, c, { type: 'decide-grant', documentNo: '朝检控救〔2026〕9号' }, '2026-05-09')
    expect(
      await refused(db, () =>
        onCase(db, jcg, { caseId: c.id, field: 'applicant.idNumber', value: APPLICANT, reason: '再核' }, '2026-05-10'),
      ),
    ).toBe('“申请人证件号码”不能更正：已作出决定，决定依据此项内容。如确有错误，须先依程序重新审查、审批或作出决定。')
    expect(
      await refused(db, () =>
        onCase(db, jcg, { caseId: c.id, field: 'acceptanceDate', value: '2026-05-08', reason: '再核' }, '2026-05-10'),
      ),
    ).toMatch(/^“受理日期”不能更正：已作出决定，办理期限依据此日期计算/)
    expect(
      await refused(db, () =>
        onCase(
          db,
          ba,
          { caseId: c.id, field: 'applicant.phone', value: '13800000000', reason: '新号码' },
          '2026-05-10',
        ),
      ),
    ).toMatch(/无权执行“更正案件登记内容”/)
    const phone = await onCase(
      db,
      jcg,
      { caseId: c.id, field: 'applicant.phone', value: '13800000000', reason: '申请人更换手机号码' },
      '2026-05-10',
    )
    if (!phone.ok) throw new Error(phone.error.message)
    expect(phone.value.corrections?.at(-1)).toMatchObject({
      field: 'applicant.phone',
      before: null,
      after: '13800000000',
    })
  })
})
