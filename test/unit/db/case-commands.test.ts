import 'fake-indexeddb/auto'
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest'
import {
  actOnCase,
  closeClue,
  dueItems,
  execute,
  getCaseFile,
  listCases,
  openCase,
  recordClue,
  recordClueInput,
  reportInputs,
} from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { queryAudit } from '../../../renderer/src/db/queries/audit'
import { donationCandidates, loadRegister } from '../../../renderer/src/db/queries/registers'
import type { Case } from '../../../shared/domain/schemas'
import type { ActionOf, WorkflowAction } from '../../../shared/domain/workflow'
import { zodFieldProblems } from '../../../shared/errors/zodProblems'
import { collectStats, lineOffset, sumVector } from '../../../shared/report/definitions/stats'
import { parsePeriod } from '../../../shared/report/period'
import { ensureAccount } from './accounts'
import { act, allMaterials, on, recordProvinceWage, reviewAndPropose, UNIT, uid, validId } from './caseSteps'
import { freshDb, setUp, snapshot } from './fixtures'

const as = (n: number, ...roles: Actor['roles'][number][]): Actor => ({ userId: uid(n), unitCode: UNIT, roles })
const ba = as(1, 'case-dept-staff')
const jcg = as(2, 'case-procurator')
const bzr = as(4, 'dept-head')
const jcz = as(5, 'chief')
const jcb = as(7, 'finance')

const APPLICANT_ID = validId('11010519800101002')
const VICTIM_ID = validId('11010520100101003')

const person = (name: string, idNumber: string) => ({ name, idType: 'resident-id', idNumber, priorityFlags: [] })

describe('case commands: the workflow through the one command layer', () => {
  let db: JiuzhuDb
  let paid: Case
  let clueId: string
  beforeAll(async () => {
    db = freshDb()
    await db.open()
    await setUp(db)
    for (const a of [ba, jcg, bzr, jcz, jcb]) await ensureAccount(db, a)
  })
  afterAll(() => db.close())

  it('a department records a clue with its 告知; 控申 turns it into a numbered application in one step', async () => {
    const clue = await execute(
      db,
      recordClue,
      ba,
      {
        source: 'case-department',
        originDepartment: 'prosecution',
        partyName: '李四',
        underlyingCaseNo: '京朝检刑诉〔2026〕88号',
        livingConditions: '被害人重伤，家中无其他收入',
        informing: { byName: '王办案', method: 'written', date: '2026-03-03', response: 'will-apply' },
        referredOn: '2026-03-03',
      },
      on('2026-03-03'),
    )
    if (!clue.ok) throw new Error(clue.error.message)
    expect(clue.value.status).toBe('informed')
    clueId = clue.value.id
    const opened = await execute(
      db,
      openCase,
      jcg,
      {
        source: 'referral',
        clueId,
        originDepartment: 'prosecution',
        applicant: person('李四', APPLICANT_ID.toLowerCase()),
        victim: person('李小四', VICTIM_ID),
        relation: 'parent',
        victimInfo: { outcomes: ['serious-injury'] },
        clueDate: '2026-03-03',
        firstAction: {
          type: 'apply',
          date: '2026-03-04',
          form: 'written',
          capacity: 'legal-representative',
          materials: allMaterials('2026-03-04'),
        },
      },
      on('2026-03-04'),
    )
    if (!opened.ok) throw new Error(opened.error.message)
    const c = opened.value
    expect(c.state).toBe('applied')
    expect(c.caseNo).toBe('朝检控救〔2026〕1号')
    expect(c.informing?.byName).toBe('王办案')
    expect(c.personIdNumbers).toEqual([APPLICANT_ID.toUpperCase(), VICTIM_ID])
    expect((await db.clues.get(clueId))?.status).toBe('converted')
    expect(await db.persons.count()).toBe(2)
  })

  it('a clue already converted cannot be converted again, and nothing is written', async () => {
    const before = await snapshot(db)
    const again = await execute(
      db,
      openCase,
      jcg,
      {
        source: 'referral',
        clueId,
        applicant: person('李四', APPLICANT_ID),
        relation: 'self',
        clueDate: '2026-03-03',
      },
      on('2026-03-05'),
    )
    assert(!again.ok, 'expected again to be refused')
    expect(again.error.message).toContain('已转为救助案件')
    expect(await snapshot(db)).toEqual(before)
  })

  it('the case goes from acceptance to payment; each step by its role; the ledger gets the money', async () => {
    let c = (await listCases(db, UNIT))[0].record
    c = await act(db, jcg, c, { type: 'accept', date: '2026-03-05' }, '2026-03-05')
    c = await reviewAndPropose(db, jcg, c, '2026-03-06')
    c = await act(db, jcg, c, { type: 'submit-opinion' }, '2026-03-09')
    expect(c.state).toBe('approval')

    // Separation of duties: the procurator who proposed cannot approve; a clerk cannot act at all.
    const before = await snapshot(db)
    const self = await execute(
      db,
      actOnCase,
      jcg,
      { caseId: c.id, action: { type: 'approve-step', decision: 'agree', opinion: '同意' } },
      on('2026-03-10'),
    )
    assert(!self.ok, 'expected self to be refused')
    expect(self.error.code).toMatch(/^workflow\./)
    const clerk = await execute(
      db,
      actOnCase,
      ba,
      { caseId: c.id, action: { type: 'approve-step', decision: 'agree', opinion: '同意' } },
      on('2026-03-10'),
    )
    assert(!clerk.ok, 'expected clerk to be refused')
    expect(clerk.error.message).toContain('无权办理')
    expect(await snapshot(db)).toEqual(before)

    c = await act(db, bzr, c, { type: 'approve-step', decision: 'agree', opinion: '同意' }, '2026-03-10')
    c = await act(db, jcz, c, { type: 'approve-step', decision: 'agree', opinion: '同意救助3万元' }, '2026-03-11')
    c = await act(db, jcg, c, { type: 'decide-grant', documentNo: '朝检控救〔2026〕1号' }, '2026-03-11')
    expect(c.state).toBe('granted')
    c = await act(db, jcb, c, { type: 'request-funds', requestDate: '2026-03-12' }, '2026-03-12')
    c = await act(
      db,
      jcb,
      c,
      {
        type: 'funds-received',
        receivedDate: '2026-03-16',
        splits: [
          { source: 'central', amountFen: 1_000_000 },
          { source: 'county', amountFen: 2_000_000 },
        ],
      },
      '2026-03-16',
    )
    c = await act(db, jcg, c, { type: 'notify-collection', date: '2026-03-17', method: 'oral' }, '2026-03-17')
    paid = await act(
      db,
      jcb,
      c,
      {
        type: 'pay',
        method: 'transfer',
        payeeName: '李四',
        account: { bank: '中国农业银行', accountName: '李四', accountNo: '6228480012345678' },
        paidDate: '2026-03-18',
      },
      '2026-03-18',
    )
    expect(paid.state).toBe('paid')
    const file = await getCaseFile(db, paid.id)
    const sum = (kind: string) => file!.ledger.filter((e) => e.kind === kind).reduce((s, e) => s + e.amountFen, 0)
    expect(sum('allocation')).toBe(3_000_000)
    expect(sum('disbursement')).toBe(3_000_000)
    expect(file!.applicant?.name).toBe('李四')
    const audit = (await queryAudit(db, {}, 0, 500)).rows
    const commands = audit.map((a) => a.command)
    expect(commands).toContain('case.act:pay')
    expect(commands).toContain('case.open')
  })

  it('a stale view is refused instead of overwriting a newer change', async () => {
    const res = await execute(
      db,
      actOnCase,
      jcg,
      { caseId: paid.id, expectedRev: paid.rev - 1, action: { type: 'start-follow-up', date: '2026-03-20' } },
      on('2026-03-20'),
    )
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.code).toBe('command.stale')
  })

  it('recovery brings money back into the ledger', async () => {
    let c = await act(
      db,
      jcg,
      paid,
      { type: 'start-recovery', trigger: 'fraud', amountFen: 3_000_000, date: '2026-04-01' },
      '2026-04-01',
    )
    c = await act(
      db,
      bzr,
      c,
      {
        type: 'close-recovery',
        recoveredFen: 3_000_000,
        date: '2026-04-10',
        referral: { body: 'discipline-inspection', date: '2026-04-10' },
      },
      '2026-04-10',
    )
    const file = await getCaseFile(db, c.id)
    expect(file!.ledger.filter((e) => e.kind === 'recovery').map((e) => [e.fundSource, e.amountFen])).toEqual([
      ['county', 3_000_000],
    ])
  })

  it('a wrong ID number is refused with the reason, and nothing is written', async () => {
    const before = await snapshot(db)
    const bad = APPLICANT_ID.slice(0, 17) + (APPLICANT_ID.endsWith('1') ? '2' : '1')
    const res = await execute(
      db,
      openCase,
      jcg,
      { source: 'application', applicant: person('张三', bad), relation: 'self', clueDate: '2026-05-06' },
      on('2026-05-06'),
    )
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.message).toMatch(/校验/)
    expect(await snapshot(db)).toEqual(before)
  })

  it('a refused first action rolls back the persons and the case it would have opened', async () => {
    const before = await snapshot(db)
    const res = await execute(
      db,
      openCase,
      jcg,
      {
        source: 'application',
        applicant: person('赵五', validId('11010519700101005')),
        relation: 'self',
        clueDate: '2026-05-06',
        firstAction: { type: 'accept', date: '2026-05-06' },
      },
      on('2026-05-06'),
    )
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.code).toBe('workflow.wrong-state')
    expect(await snapshot(db)).toEqual(before)
  })

  it('the same person is found in other cases (one-time rule), and due dates come with their rule', async () => {
    const res = await execute(
      db,
      openCase,
      jcg,
      {
        source: 'application',
        applicant: person('李四', APPLICANT_ID),
        relation: 'self',
        clueDate: '2026-05-06',
        firstAction: { type: 'apply', date: '2026-05-06', form: 'oral', capacity: 'self' },
      },
      on('2026-05-06'),
    )
    if (!res.ok) throw new Error(res.error.message)
    expect(res.value.caseNo).toBe('朝检控救〔2026〕2号')
    expect(await db.persons.count()).toBe(2) // the applicant was reused, not duplicated
    const file = await getCaseFile(db, res.value.id)
    expect(file!.sameParty.map((r) => r.record.caseNo)).toEqual(['朝检控救〔2026〕1号'])
    const due = await dueItems(db, UNIT, '2026-05-07')
    const mine = due.filter((d) => d.row.record.id === res.value.id)
    // 补正 notice within 5 working days and the decision within 10 working days of the application, counted on
    // the official calendar: Saturday 2026-05-09 is a 调休 working day after the 劳动节 holiday
    expect(mine.map((d) => [d.deadline.kind, d.deadline.due])).toEqual([
      ['supplement-notice', '2026-05-12'],
      ['decision', '2026-05-19'],
    ])
    expect(mine[0].workingDaysLeft).toBe(4)
    expect(mine[0].deadline.rule.text).toContain('五个工作日')
  })

  it('a clue from a case department must name its 移送部门: the form’s check (at the field) and the command refuse alike', async () => {
    const input = { source: 'case-department', partyName: '周九', referredOn: '2026-05-06' }
    const formCheck = recordClueInput.safeParse(input)
    expect(formCheck.success ? [] : zodFieldProblems(formCheck.error)).toEqual([
      { path: ['originDepartment'], message: '请选择移送线索的办案部门' },
    ])
    // with other fields missing too, it is flagged at once beside them
    const empty = recordClueInput.safeParse({ source: 'case-department' })
    expect(empty.error?.issues.map((i) => i.path.join('.'))).toEqual(['partyName', 'referredOn', 'originDepartment'])
    const before = await snapshot(db)
    const refused = await execute(db, recordClue, jcg, input, on('2026-05-06'))
    expect(refused.ok ? '' : refused.error.message).toBe(
      '填写的内容有误：移送部门：请选择移送线索的办案部门。请修改后重试，数据未改动。',
    )
    expect(await snapshot(db)).toEqual(before)
  })

  it('a clue can be closed with a reason; a closed clue cannot be reopened as a case', async () => {
    const clue = await execute(
      db,
      recordClue,
      jcg,
      { source: 'external', externalBody: 'civil-affairs', partyName: '钱七', referredOn: '2026-05-06' },
      on('2026-05-06'),
    )
    if (!clue.ok) throw new Error(clue.error.message)
    const closed = await execute(
      db,
      closeClue,
      jcg,
      { clueId: clue.value.id, reason: '当事人明确表示不申请' },
      on('2026-05-07'),
    )
    expect(closed.ok).toBe(true)
    const again = await execute(db, closeClue, jcg, { clueId: clue.value.id, reason: '再次终结' }, on('2026-05-07'))
    expect(again.ok).toBe(false)
  })
})

describe('先行救助 and archiving through the command layer', () => {
  let db: JiuzhuDb
  beforeAll(async () => {
    db = freshDb()
    await db.open()
    await setUp(db)
    for (const a of [jcg, jcz, jcb]) await ensureAccount(db, a)
    await recordProvinceWage(db, UNIT, 2025)
  })
  afterAll(() => db.close())

  const open = async (name: string, idFirst17: string, firstAction: WorkflowAction, date: string) => {
    const res = await execute(
      db,
      openCase,
      jcg,
      {
        source: firstAction.type === 'start-ex-officio' ? 'ex-officio' : 'application',
        applicant: person(name, validId(idFirst17)),
        relation: 'self',
        underlyingCase: { caseNo: `京朝检刑诉〔2026〕${idFirst17.slice(-3)}号`, charge: '故意伤害' },
        clueDate: date,
        firstAction,
      },
      on(date),
    )
    if (!res.ok) throw new Error(res.error.message)
    return res.value
  }

  /** The chief approves the advance; finance records the funds and pays; 控申 notifies in between. */
  async function approveAndPay(c: Case, date: string, payee: string): Promise<Case> {
    c = await act(db, jcz, c, { type: 'approve-advance', decision: 'agree', opinion: '情况紧急，同意' }, date)
    c = await act(
      db,
      jcb,
      c,
      {
        type: 'funds-received',
        receivedDate: date,
        splits: [{ source: 'county', amountFen: c.decision!.grantedFen! }],
      },
      date,
    )
    c = await act(db, jcg, c, { type: 'notify-collection', date, method: 'oral' }, date)
    return act(db, jcb, c, { type: 'pay', method: 'in-person', payeeName: payee, paidDate: date }, date)
  }

  const advanceStart = (date: string, over: Partial<ActionOf<'start-advance'>> = {}): WorkflowAction => ({
    type: 'start-advance',
    date,
    reason: '被害人重伤住院，急需支付手术费用',
    proposedFen: 500_000,
    ...over,
  })

  it('先行救助 补办手续须载明救助情形和金额依据（2016 细则 S7）: given at the start, the paperwork completes', async () => {
    let c = await open(
      '周先行',
      '11010519800101011',
      advanceStart('2026-06-01', {
        categoryItemCode: '2021-7-2',
        factorsText: '手术押金缺口五千元，家庭无其他收入',
        courtAwardCeilingFen: 2_000_000,
      }),
      '2026-06-01',
    )
    expect(c.categoryItemCode).toBe('2021-7-2')
    expect(c.advance).toMatchObject({ categoryItemCode: '2021-7-2', courtAwardCeilingFen: 2_000_000 })
    c = await approveAndPay(c, '2026-06-02', '周先行')
    c = await act(
      db,
      jcg,
      c,
      { type: 'complete-advance-paperwork', date: '2026-06-05', documentNo: '朝检控救决〔2026〕9号' },
      '2026-06-05',
    )
    expect(c.advance).toMatchObject({
      categoryItemCode: '2021-7-2',
      factorsText: '手术押金缺口五千元，家庭无其他收入',
      paperworkCompletedDate: '2026-06-05',
    })
    expect(c.decision).toMatchObject({ advance: true, documentNo: '朝检控救决〔2026〕9号' })
    expect((await act(db, jcg, c, { type: 'archive', date: '2026-06-06' }, '2026-06-06')).state).toBe('archived')
  })

  it('先行救助 补办手续须载明救助情形和金额依据（2016 细则 S7）: without them the paperwork is refused and nothing changes', async () => {
    let c = await open('吴先行', '11010519800101012', advanceStart('2026-06-01'), '2026-06-01')
    expect(c.categoryItemCode).toBeUndefined()
    c = await approveAndPay(c, '2026-06-02', '吴先行')
    const before = await snapshot(db)
    const res = await execute(
      db,
      actOnCase,
      jcg,
      { caseId: c.id, expectedRev: c.rev, action: { type: 'complete-advance-paperwork', date: '2026-06-05' } },
      on('2026-06-05'),
    )
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.code).toBe('workflow.data-missing')
    expect(res.error.message).toBe(
      '缺少先行救助补办手续须载明的事项（救助情形、确定金额考虑的因素），不能办理“补办先行救助手续”。',
    )
    expect(await snapshot(db)).toEqual(before)
    // Nor can it be archived before the paperwork; the paperwork fills in what the start lacked.
    const archive = await execute(
      db,
      actOnCase,
      jcg,
      { caseId: c.id, expectedRev: c.rev, action: { type: 'archive', date: '2026-06-05' } },
      on('2026-06-05'),
    )
    expect(archive.ok).toBe(false)
    c = await act(
      db,
      jcg,
      c,
      {
        type: 'complete-advance-paperwork',
        date: '2026-06-05',
        categoryItemCode: '2021-7-1',
        factorsText: '重伤，医疗费用缺口五千元',
      },
      '2026-06-05',
    )
    expect(c.categoryItemCode).toBe('2021-7-1')
    expect(c.advance).toMatchObject({ categoryItemCode: '2021-7-1', factorsText: '重伤，医疗费用缺口五千元' })
  })

  it('统计表: an advance is counted under its 救助情形, and a case started 依职权 then advanced counts 依职权 once', async () => {
    let c = await open(
      '郑依职',
      '11010519800101013',
      { type: 'start-ex-officio', date: '2026-06-03', reason: '审查起诉中发现被害人家庭生活困难' },
      '2026-06-03',
    )
    c = await act(
      db,
      jcg,
      c,
      advanceStart('2026-06-03', { categoryItemCode: '2021-7-1', factorsText: '重伤，无力支付医疗费' }),
      '2026-06-03',
    )
    c = await approveAndPay(c, '2026-06-04', '郑依职')
    const agg = await collectStats((await reportInputs(db, UNIT)).records as never, {
      scope: { unitCode: UNIT, units: [] },
      generatedAt: '2026-07-01T00:00:00.000Z',
      generatedBy: 't',
      period: parsePeriod('2026'),
    })
    const office = agg.offices.get(UNIT)!
    const count = (line: string) => sumVector(agg)[lineOffset(line)]
    // 周先行 and 郑依职 named 2021-7-2 / 2021-7-1 at the start, 吴先行 at the paperwork (2021-7-1): none unnamed
    expect(office.categories.get('2021-7-1')?.[0]).toBe(2)
    expect(office.categories.get('2021-7-2')?.[0]).toBe(1)
    expect(office.categories.get('')).toBeUndefined()
    expect(count('advance')).toBe(3)
    expect(count('exOfficio')).toBe(1)
  })

  it('a refused case is archived (一案一档) and stays in the 救助决定台账 as refused; a withdrawn one too', async () => {
    let c = await open(
      '冯不予',
      '11010519800101014',
      { type: 'apply', date: '2026-06-08', form: 'written', capacity: 'self', materials: allMaterials('2026-06-08') },
      '2026-06-08',
    )
    c = await act(
      db,
      jcz,
      c,
      {
        type: 'refuse-out-of-scope',
        date: '2026-06-09',
        reasons: ['not-case-related'],
        documentNo: '朝检控救不〔2026〕4号',
        explanation: { method: 'in-person', date: '2026-06-09' },
      },
      '2026-06-09',
    )
    const early = await execute(
      db,
      actOnCase,
      jcg,
      { caseId: c.id, expectedRev: c.rev, action: { type: 'archive', date: '2026-06-08' } },
      on('2026-06-10'),
    )
    expect(!early.ok && early.error.message).toBe('归档日期（2026-06-08）不能早于决定日期（2026-06-09）。')
    c = await act(db, jcg, c, { type: 'archive', date: '2026-06-10' }, '2026-06-10')
    expect(c).toMatchObject({ state: 'archived', archiveDate: '2026-06-10', decision: { outcome: 'refused' } })
    const decisions = await loadRegister(db, 'decisions', { from: '2026-06-01', to: '2026-06-30' })
    const row = decisions.find((r) => r.caseId === c.id)
    expect(row?.cells).toMatchObject({
      outcome: '决定不予救助',
      caseState: '已归档',
      documentNo: '朝检控救不〔2026〕4号',
    })
    // not offered as a case a donation helped
    expect((await donationCandidates(db, UNIT)).map((d) => d.id)).not.toContain(c.id)

    let w = await open(
      '陈撤回',
      '11010519800101015',
      { type: 'apply', date: '2026-06-08', form: 'written', capacity: 'self', materials: allMaterials('2026-06-08') },
      '2026-06-08',
    )
    w = await act(db, jcg, w, { type: 'withdraw', date: '2026-06-09', reason: '申请人书面撤回申请' }, '2026-06-09')
    w = await act(db, jcg, w, { type: 'archive', date: '2026-06-10' }, '2026-06-10')
    const applications = await loadRegister(db, 'applications', { from: '2026-06-01', to: '2026-06-30' })
    expect(applications.find((r) => r.caseId === w.id)?.cells.state).toBe('已归档')
  })
})
