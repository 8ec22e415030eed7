import 'fake-indexeddb/auto'
import fc from 'fast-check'
import { afterEach, assert, beforeEach, describe, expect, it } from 'vitest'
import { actOnCase, execute, openCase } from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { composeStandards } from '../../../renderer/src/db/exchange'
import { amountComputationRecord } from '../../../shared/domain/amount'
import { exampleLocalMeasures } from '../../../shared/domain/rulesets'
import type { Case } from '../../../shared/domain/schemas'
import type { WorkflowAction } from '../../../shared/domain/workflow'
import { ensureAccount } from './accounts'
import { act, allMaterials, amountFor, on, recordProvinceWage, TEST_WAGE_FEN, UNIT, uid, validId } from './caseSteps'
import { freshDb, setUp, snapshot } from './fixtures'

/**
 * The legal gate of the money path (shared/domain/gate, docs/domain-rules.md “Where each rule is enforced”): every
 * scenario goes through the real command layer (`execute` → `case.act`) on a real (fake-indexeddb) store, and each
 * refusal must leave the store unchanged, be in Chinese and name its source.
 */
const as = (n: number, ...roles: Actor['roles'][number][]): Actor => ({ userId: uid(n), unitCode: UNIT, roles })
const jcg = as(2, 'case-procurator')
const bzr = as(4, 'dept-head')
const jcz = as(5, 'chief')
const jcb = as(7, 'finance')
const admin: Actor = { userId: '110105-01ARZ3NDEKTSV4RRFFQ69G5FAV', unitCode: UNIT, roles: ['admin'] }

const LI = validId('11010519800101002')
const UNDERLYING = '京朝检刑诉〔2026〕88号'

let db: JiuzhuDb
beforeEach(async () => {
  db = freshDb()
  await db.open()
  await setUp(db)
  for (const a of [jcg, bzr, jcz, jcb]) await ensureAccount(db, a)
})
afterEach(() => db.close())

async function open(
  idNumber: string,
  underlying: string | undefined,
  date = '2026-03-04',
  extra: Record<string, unknown> = {},
): Promise<Case> {
  const res = await execute(
    db,
    openCase,
    jcg,
    {
      source: 'application',
      applicant: { name: '李四', idType: 'resident-id', idNumber, priorityFlags: [] },
      relation: 'self',
      ...(underlying ? { underlyingCase: { caseNo: underlying, charge: '故意伤害' } } : {}),
      victimInfo: { outcomes: ['serious-injury'] },
      clueDate: date,
      firstAction: { type: 'apply', date, form: 'written', capacity: 'self', materials: allMaterials(date) },
      ...extra,
    },
    on(date),
  )
  if (!res.ok) throw new Error(res.error.message)
  return res.value
}

async function reviewed(c: Case, date: string): Promise<Case> {
  c = await act(db, jcg, c, { type: 'accept', date }, date)
  c = await act(db, jcg, c, { type: 'begin-review', date }, date)
  return act(
    db,
    jcg,
    c,
    {
      type: 'record-review',
      verifications: [{ kind: 'site-visit', date, unitName: '某村民委员会' }],
      compensationReceivedFen: 0,
      socialAssistanceReceivedFen: 0,
      exclusionChecks: [{ code: 'X1', hit: false }],
      duplicateCheckDone: true,
    },
    date,
  )
}

const propose = async (c: Case, fen: number, date: string, over: Partial<Case['amount']> = {}) =>
  ({
    type: 'propose',
    decision: 'grant',
    amount: { ...(await amountFor(db, c, UNIT, fen, date)), ...over },
    categoryItemCode: '2021-7-1',
    text: '建议救助',
  }) as WorkflowAction

/** The action through the command layer; the refusal (asserting nothing was written), or the case. */
async function attempt(who: Actor, c: Case, action: WorkflowAction, date: string) {
  await ensureAccount(db, who)
  const before = await snapshot(db)
  const res = await execute(db, actOnCase, who, { caseId: c.id, expectedRev: c.rev, action }, on(date))
  if (res.ok) return { ok: true as const, value: res.value }
  expect(await snapshot(db)).toEqual(before)
  expect(res.error.message).toMatch(/[\u4e00-\u9fff]/)
  return { ok: false as const, code: res.error.code as string, message: res.error.message }
}

async function approveAll(c: Case, date: string, ref?: string): Promise<Case> {
  while (c.state === 'approval') {
    const step = c.approvalRound?.chain[c.approvals.filter((a) => a.round === c.approvalRound?.round).length]
    if (!step) break
    const who = step.role === 'dept-head' ? bzr : step.external ? as(6, 'chief') : jcz
    c = await act(
      db,
      who,
      c,
      { type: 'approve-step', decision: 'agree', opinion: '同意', ...(step.external ? { ref } : {}) } as WorkflowAction,
      date,
    )
  }
  return c
}

/**
 * A prior-assistance row as the import of a 案件移送材料包 stores it: 天津市和平区人民检察院 granted 李四 2万元 for the
 * same underlying case on 2026-02-01.
 */
async function putPriorAssistance(id: string, transferId: string, senderCaseId: string): Promise<void> {
  await db.priorAssistance.put({
    id,
    ownerUnit: UNIT,
    rev: 1,
    personIdNumbers: [LI],
    transferId,
    bundleHash: `h-${transferId}`,
    senderCaseId,
    sender: { unitCode: '120101', unitName: '天津市和平区人民检察院' },
    applicant: { name: '李四', idNumber: LI },
    underlyingCaseNo: UNDERLYING,
    outcome: 'granted',
    grantedFen: 2_000_000,
    decisionDate: '2026-02-01',
  } as never)
}

/** A case from application to a decided grant (and payment when `pay`), for `idNumber` and `underlying`. */
async function granted(idNumber: string, underlying: string | undefined, pay = true, extra = {}): Promise<Case> {
  let c = await reviewed(await open(idNumber, underlying, '2026-03-04', extra), '2026-03-05')
  c = await act(db, jcg, c, await propose(c, 3_000_000, '2026-03-06'), '2026-03-06')
  c = await act(db, jcg, c, { type: 'submit-opinion' }, '2026-03-06')
  c = await approveAll(c, '2026-03-09')
  c = await act(
    db,
    jcg,
    c,
    { type: 'decide-grant', documentNo: `朝检控救〔2026〕${c.caseNo?.match(/(\d+)号/)?.[1]}号` },
    '2026-03-09',
  )
  if (!pay) return c
  c = await act(
    db,
    jcb,
    c,
    { type: 'funds-received', receivedDate: '2026-03-10', splits: [{ source: 'county', amountFen: 3_000_000 }] },
    '2026-03-10',
  )
  c = await act(db, jcg, c, { type: 'notify-collection', date: '2026-03-10', method: 'oral' }, '2026-03-10')
  return act(db, jcb, c, { type: 'pay', method: 'in-person', payeeName: '李四', paidDate: '2026-03-11' }, '2026-03-11')
}

describe('一次性救助（对同一案件的同一救助对象只救助一次：2014 意见 S2；2016 细则 S6）— enforced by the command', () => {
  it('after a decided and paid grant, a second proposal for the same person and case is refused, citing the rule', async () => {
    await granted(LI, UNDERLYING)
    const second = await reviewed(await open(LI, UNDERLYING, '2026-04-01'), '2026-04-02')
    const r = await attempt(jcg, second, await propose(second, 1_000_000, '2026-04-02'), '2026-04-02')
    assert(!r.ok, 'expected r to be refused')
    expect(r.code).toBe('eligibility.one-time')
    expect(r.message).toContain('同一案件的同一救助对象只救助一次')
    expect(r.message).toMatch(/依据：《/)
  })

  it('the 15-digit ID of the same person and a bracket variant of the 原案件编号 are the same person and case', async () => {
    await granted(LI, UNDERLYING)
    const id15 = LI.slice(0, 6) + LI.slice(8, 17)
    const second = await reviewed(await open(id15, '京朝检刑诉[2026]88号', '2026-04-01'), '2026-04-02')
    const r = await attempt(jcg, second, await propose(second, 1_000_000, '2026-04-02'), '2026-04-02')
    expect(r.ok || r.code).toBe('eligibility.one-time')
  })

  it('two applications in parallel: the first decision wins, the second is refused at its decision', async () => {
    const a = await reviewed(await open(LI, UNDERLYING), '2026-03-05')
    const b = await reviewed(await open(LI, UNDERLYING), '2026-03-05')
    let ca = await act(db, jcg, a, await propose(a, 3_000_000, '2026-03-06'), '2026-03-06')
    let cb = await act(db, jcg, b, await propose(b, 3_000_000, '2026-03-06'), '2026-03-06')
    ca = await approveAll(await act(db, jcg, ca, { type: 'submit-opinion' }, '2026-03-06'), '2026-03-09')
    cb = await approveAll(await act(db, jcg, cb, { type: 'submit-opinion' }, '2026-03-06'), '2026-03-09')
    await act(db, jcg, ca, { type: 'decide-grant', documentNo: '朝检控救〔2026〕1号' }, '2026-03-09')
    const r = await attempt(jcg, cb, { type: 'decide-grant', documentNo: '朝检控救〔2026〕2号' }, '2026-03-09')
    expect(r.ok || r.code).toBe('eligibility.one-time')
  })

  it('an earlier 先行救助 counts as the grant', async () => {
    await recordProvinceWage(db, UNIT, 2025)
    const first = await open(LI, UNDERLYING)
    const adv = await act(
      db,
      jcg,
      first,
      { type: 'start-advance', date: '2026-03-04', reason: '急需救治', proposedFen: 1_000_000 } as WorkflowAction,
      '2026-03-04',
    )
    await act(db, jcz, adv, { type: 'approve-advance', decision: 'agree', opinion: '同意先行救助' }, '2026-03-04')
    const second = await reviewed(await open(LI, UNDERLYING, '2026-04-01'), '2026-04-02')
    const r = await attempt(jcg, second, await propose(second, 1_000_000, '2026-04-02'), '2026-04-02')
    expect(r.ok || r.code).toBe('eligibility.one-time')
  })

  it('a second case marked 小额应急性帮扶 is no way around the rule', async () => {
    await granted(LI, UNDERLYING)
    const second = await reviewed(await open(LI, UNDERLYING, '2026-04-01', { smallEmergencyHelp: true }), '2026-04-02')
    const r = await attempt(jcg, second, await propose(second, 200_000, '2026-04-02'), '2026-04-02')
    expect(r.ok || r.code).toBe('eligibility.one-time')
  })

  it('another office’s grant held here as a replica, and an imported prior-assistance row, both count', async () => {
    const replica = await granted(LI, UNDERLYING)
    // the same decided case as if it were a replica of another office (stored as the import commit stores replicas)
    await db.cases.put({
      ...(replica as unknown as Record<string, unknown>),
      id: '110101-01J00000000000000000000099',
      ownerUnit: '110101',
    } as never)
    await db.cases.delete(replica.id)
    const second = await reviewed(await open(LI, UNDERLYING, '2026-04-01'), '2026-04-02')
    const r = await attempt(jcg, second, await propose(second, 1_000_000, '2026-04-02'), '2026-04-02')
    expect(r.ok || r.code).toBe('eligibility.one-time')

    await db.cases.delete('110101-01J00000000000000000000099')
    await putPriorAssistance('110105-01J00000000000000000000098', 't-1', '120101-01J00000000000000000000097')
    const third = await reviewed(await open(LI, UNDERLYING, '2026-04-03'), '2026-04-03')
    const t = await attempt(jcg, third, await propose(third, 1_000_000, '2026-04-03'), '2026-04-03')
    expect(t.ok || t.code).toBe('eligibility.one-time-transfer')
  })

  it('a grant for a different underlying case stays allowed', async () => {
    await granted(LI, UNDERLYING)
    const other = await reviewed(await open(LI, '京朝检刑诉〔2026〕99号', '2026-04-01'), '2026-04-02')
    const r = await attempt(jcg, other, await propose(other, 1_000_000, '2026-04-02'), '2026-04-02')
    expect(r.ok).toBe(true)
  })

  it('payment is refused when a grant for the same person and case became known after the decision', async () => {
    const c = await granted(LI, UNDERLYING, false)
    await putPriorAssistance('110105-01J00000000000000000000096', 't-2', '120101-01J00000000000000000000095')
    let d = await act(
      db,
      jcb,
      c,
      { type: 'funds-received', receivedDate: '2026-03-10', splits: [{ source: 'county', amountFen: 3_000_000 }] },
      '2026-03-10',
    )
    d = await act(db, jcg, d, { type: 'notify-collection', date: '2026-03-10', method: 'oral' }, '2026-03-10')
    const r = await attempt(
      jcb,
      d,
      { type: 'pay', method: 'in-person', payeeName: '李四', paidDate: '2026-03-11' },
      '2026-03-11',
    )
    expect(r.ok || r.code).toBe('eligibility.one-time-transfer')
  })
})

describe('救助金额以现行工资标准为基准（36 个月上限：2014 意见 S1；2016 细则 S10）— not what the proposal states', () => {
  it('without a wage standard in force no grant can be proposed; the message says where to record it', async () => {
    const c = await reviewed(await open(LI, UNDERLYING), '2026-03-05')
    const amount = amountComputationRecord({
      wageYear: 2025,
      wageRegionCode: '110000',
      monthlyWageFen: TEST_WAGE_FEN,
      proposedFen: 1_000_000,
      factorsText: '重伤',
    })
    const r = await attempt(
      jcg,
      c,
      { type: 'propose', decision: 'grant', amount, categoryItemCode: '2021-7-1', text: '建议' } as WorkflowAction,
      '2026-03-05',
    )
    expect(r.ok || r.code).toBe('amount.wage-standard-missing')
    assert(!r.ok, 'expected r to be refused')
    expect(r.message).toContain('系统设置')
  })

  it('a proposal stating its own monthly wage (20,000元) to get 500,000元 through is refused', async () => {
    const c = await reviewed(await open(LI, UNDERLYING), '2026-03-05')
    await recordProvinceWage(db, UNIT, 2025)
    const forged = amountComputationRecord({
      wageYear: 2025,
      wageRegionCode: '110000',
      monthlyWageFen: 2_000_000,
      proposedFen: 50_000_000,
      factorsText: '重伤',
    })
    const r = await attempt(
      jcg,
      c,
      {
        type: 'propose',
        decision: 'grant',
        amount: forged,
        categoryItemCode: '2021-7-1',
        text: '建议',
      } as WorkflowAction,
      '2026-03-05',
    )
    expect(r.ok || r.code).toBe('amount.wage-not-standard')
  })

  it('the over-cap approval cannot be typed into the proposal', async () => {
    const c = await reviewed(await open(LI, UNDERLYING), '2026-03-05')
    const r = await attempt(
      jcg,
      c,
      await propose(c, 30_000_000, '2026-03-05', {
        overCapApprovalRef: '自填〔2026〕1号',
        overCapApprovalBody: '检委会',
        courtAwardCeilingFen: 40_000_000,
      }),
      '2026-03-05',
    )
    expect(r.ok || r.code).toBe('amount.approval-by-proposer')
  })

  it('over the cap: proposed with the court-award ceiling, escalated at submission, decided after the body’s reference', async () => {
    let c = await reviewed(await open(LI, UNDERLYING), '2026-03-05')
    const noCeiling = await attempt(jcg, c, await propose(c, 30_000_000, '2026-03-05'), '2026-03-05')
    expect(noCeiling.ok).toBe(false)
    c = await act(
      db,
      jcg,
      c,
      await propose(c, 30_000_000, '2026-03-05', { courtAwardCeilingFen: 40_000_000 }),
      '2026-03-05',
    )
    c = await act(db, jcg, c, { type: 'submit-opinion' }, '2026-03-05')
    expect(c.approvalRound?.escalation).toBe('over-cap')
    expect(c.approvalRound?.chain.at(-1)?.external).toBe(true)
    c = await approveAll(c, '2026-03-06', '检委会纪要〔2026〕3号')
    c = await act(db, jcg, c, { type: 'decide-grant', documentNo: '朝检控救〔2026〕1号' }, '2026-03-06')
    expect(c.decision?.grantedFen).toBe(30_000_000)
    expect(c.amount?.overCapApprovalRef).toBe('检委会纪要〔2026〕3号')
  })
})

describe('本地实施办法：1万元以上报检察长办公会 (滨海 S28) — lawful, not over-blocked', () => {
  async function measures(changes: Record<string, unknown> = {}) {
    await ensureAccount(db, admin)
    const m = { ...exampleLocalMeasures, id: 'local-110105', scope: { unitCode: UNIT }, wageTable: [], ...changes }
    return execute(
      db,
      composeStandards,
      admin,
      { title: '本院实施办法', content: { wageTable: [], localMeasures: [m], ruleSets: [] } },
      on('2026-03-01'),
    )
  }

  it('a grant at 2万元 goes through the escalation step and is decided with its reference', async () => {
    expect((await measures()).ok).toBe(true)
    let c = await reviewed(await open(LI, UNDERLYING), '2026-03-05')
    c = await act(db, jcg, c, await propose(c, 2_000_000, '2026-03-05'), '2026-03-05')
    c = await act(db, jcg, c, { type: 'submit-opinion' }, '2026-03-05')
    expect(c.approvalRound?.escalation).toBe('over-threshold')
    c = await approveAll(c, '2026-03-06', '院长办公会纪要〔2026〕2号')
    c = await act(db, jcg, c, { type: 'decide-grant', documentNo: '朝检控救〔2026〕1号' }, '2026-03-06')
    expect(c.state).toBe('granted')
  })

  it('measures whose chain ends with the department head, or name a head’s step “检察长审批”, are refused', async () => {
    const cut = await measures({ approvalChain: { steps: [{ role: 'dept-head', label: '部门负责人审核' }] } })
    assert(!cut.ok, 'expected cut to be refused')
    expect(cut.error.message).toContain('检察长')
    const relabelled = await measures({
      approvalChain: {
        steps: [
          { role: 'dept-head', label: '部门负责人审核' },
          { role: 'dept-head', label: '检察长审批' },
        ],
      },
    })
    expect(relabelled.ok).toBe(false)
  })

  it('an advance at or over the threshold needs the body’s reference when the chief approves it', async () => {
    expect((await measures()).ok).toBe(true)
    await recordProvinceWage(db, UNIT, 2025)
    const c = await open(LI, UNDERLYING)
    const adv = await act(
      db,
      jcg,
      c,
      { type: 'start-advance', date: '2026-03-04', reason: '急需救治', proposedFen: 1_500_000 } as WorkflowAction,
      '2026-03-04',
    )
    const r = await attempt(jcz, adv, { type: 'approve-advance', decision: 'agree', opinion: '同意' }, '2026-03-04')
    expect(r.ok || r.code).toBe('amount.advance-escalation-ref')
    const ok = await attempt(
      jcz,
      adv,
      {
        type: 'approve-advance',
        decision: 'agree',
        opinion: '同意',
        ref: '院长办公会纪要〔2026〕1号',
      } as WorkflowAction,
      '2026-03-04',
    )
    expect(ok.ok).toBe(true)
  })
})

describe('报检察长审批（参考原文 四）', () => {
  it('the submitter cannot cut the chain to the department head: the field does not exist and the message is Chinese', async () => {
    let c = await reviewed(await open(LI, UNDERLYING), '2026-03-05')
    c = await act(db, jcg, c, await propose(c, 1_000_000, '2026-03-05'), '2026-03-05')
    const before = await snapshot(db)
    const res = await execute(
      db,
      actOnCase,
      jcg,
      {
        caseId: c.id,
        expectedRev: c.rev,
        action: { type: 'submit-opinion', chain: [{ step: 'dept-head', role: 'dept-head', label: '部门负责人审核' }] },
      },
      on('2026-03-05'),
    )
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.message).not.toMatch(/[A-Za-z]{4,}/)
    expect(await snapshot(db)).toEqual(before)
  })

  it('a department head cannot refuse as out of scope; the chief can', async () => {
    const c = await open(LI, UNDERLYING)
    const refuse = {
      type: 'refuse-out-of-scope',
      date: '2026-03-04',
      reasons: ['not-case-related'],
      documentNo: '朝检不救〔2026〕1号',
      explanation: { method: 'in-person', date: '2026-03-04' },
    } as WorkflowAction
    const head = await attempt(bzr, c, refuse, '2026-03-04')
    expect(head.ok || head.code).toBe('workflow.role-not-allowed')
    expect((await attempt(jcz, c, refuse, '2026-03-04')).ok).toBe(true)
  })

  it('the roles are the stored account’s: an actor object claiming 检察长 for a head’s account cannot sign the chief step', async () => {
    let c = await reviewed(await open(LI, UNDERLYING), '2026-03-05')
    c = await act(db, jcg, c, await propose(c, 1_000_000, '2026-03-05'), '2026-03-05')
    c = await act(db, jcg, c, { type: 'submit-opinion' }, '2026-03-05')
    c = await act(db, bzr, c, { type: 'approve-step', decision: 'agree', opinion: '同意' }, '2026-03-06')
    const headClaimingChief = as(8, 'dept-head')
    await ensureAccount(db, headClaimingChief)
    const before = await snapshot(db)
    const res = await execute(
      db,
      actOnCase,
      { ...headClaimingChief, roles: ['chief'] },
      { caseId: c.id, expectedRev: c.rev, action: { type: 'approve-step', decision: 'agree', opinion: '同意' } },
      on('2026-03-06'),
    )
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.code).toBe('workflow.step-role')
    expect(await snapshot(db)).toEqual(before)
  })
})

describe('先行救助（检察长即时审批，不得超过上限）', () => {
  it('an advance above 36 × the monthly wage in force is refused at its start', async () => {
    await recordProvinceWage(db, UNIT, 2025)
    const c = await open(LI, UNDERLYING)
    const r = await attempt(
      jcg,
      c,
      { type: 'start-advance', date: '2026-03-04', reason: '急需救治', proposedFen: 30_000_000 } as WorkflowAction,
      '2026-03-04',
    )
    expect(r.ok || r.code).toBe('amount.advance-over-cap')
  })
})

describe('property: whatever order applications arrive in, one grant per person and underlying case, and never none', () => {
  const PEOPLE = [validId('11010519800101002'), validId('11010519750505003'), validId('11010519900909004')]
  const CASES = ['京朝检刑诉〔2026〕88号', '京朝检刑诉〔2026〕89号']
  const variant = (caseNo: string, v: number) =>
    v === 0
      ? caseNo
      : v === 1
        ? caseNo.replace('〔', '[').replace('〕', ']')
        : caseNo.replace('〔', '【').replace('〕', '】')

  it('every first application for a pair is granted and paid; every later one is refused at some money step', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            person: fc.nat({ max: 2 }),
            caseNo: fc.nat({ max: 1 }),
            legacyId: fc.boolean(),
            bracket: fc.nat({ max: 2 }),
            advance: fc.boolean(),
          }),
          { minLength: 1, maxLength: 5 },
        ),
        async (apps) => {
          db.close()
          db = freshDb()
          await db.open()
          await setUp(db)
          for (const a of [jcg, bzr, jcz, jcb]) await ensureAccount(db, a)
          await recordProvinceWage(db, UNIT, 2025)
          const grantedPairs = new Set<string>()
          for (const app of apps) {
            const id18 = PEOPLE[app.person]
            const id = app.legacyId ? id18.slice(0, 6) + id18.slice(8, 17) : id18
            const pair = `${app.person}/${app.caseNo}`
            const first = !grantedPairs.has(pair)
            let outcome: 'paid' | 'refused'
            try {
              if (app.advance) {
                const c = await open(id, variant(CASES[app.caseNo], app.bracket))
                const adv = await act(
                  db,
                  jcg,
                  c,
                  {
                    type: 'start-advance',
                    date: '2026-03-04',
                    reason: '急需救治',
                    proposedFen: 500_000,
                  } as WorkflowAction,
                  '2026-03-04',
                )
                await act(db, jcz, adv, { type: 'approve-advance', decision: 'agree', opinion: '同意' }, '2026-03-04')
              } else {
                await granted(id, variant(CASES[app.caseNo], app.bracket))
              }
              outcome = 'paid'
            } catch (e) {
              expect(String(e)).toMatch(/同一案件的同一救助对象只救助一次/)
              outcome = 'refused'
            }
            expect(outcome).toBe(first ? 'paid' : 'refused')
            grantedPairs.add(pair)
          }
        },
      ),
      { numRuns: 12 },
    )
  }, 240_000)
})

describe('一次性救助的例外: only where the rules word one, as its own step approved by the 检察长', () => {
  const exception = {
    text: '对同一案件的同一救助对象原则上只救助一次；救助后因同一案件的原因再次陷入急迫困难的，经检察长批准，可以再次救助。',
    source: { document: '本院实施办法（测试）', confidence: 'M' as const },
  }
  async function measuresWithException() {
    await ensureAccount(db, admin)
    const m = {
      ...exampleLocalMeasures,
      id: 'local-110105-repeat',
      scope: { unitCode: UNIT },
      wageTable: [],
      escalationThresholdFen: undefined,
      escalationBody: undefined,
      oneTimeException: exception,
    }
    const res = await execute(
      db,
      composeStandards,
      admin,
      {
        title: '本院实施办法',
        content: { wageTable: [], localMeasures: [JSON.parse(JSON.stringify(m))], ruleSets: [] },
      },
      on('2026-03-01'),
    )
    if (!res.ok) throw new Error(res.error.message)
  }

  it('under the built-in rules the 检察长 cannot approve a second grant', async () => {
    await granted(LI, UNDERLYING)
    const second = await reviewed(await open(LI, UNDERLYING, '2026-04-01'), '2026-04-02')
    const r = await attempt(jcz, second, { type: 'approve-repeat-grant', reason: '再次陷入困难' }, '2026-04-02')
    assert(!r.ok, 'expected r to be refused')
    expect(r.message).toContain('没有例外')
  })

  it('where local measures allow it: refused, then approved by the 检察长 for the grants known, then decided; a grant known later still blocks', async () => {
    await measuresWithException()
    const first = await granted(LI, UNDERLYING)
    let c = await reviewed(await open(LI, UNDERLYING, '2026-04-01'), '2026-04-02')
    const before = await attempt(jcg, c, await propose(c, 1_000_000, '2026-04-02'), '2026-04-02')
    expect(before.ok || before.code).toBe('eligibility.one-time')
    const head = await attempt(bzr, c, { type: 'approve-repeat-grant', reason: '伤情恶化' }, '2026-04-02')
    expect(head.ok || head.code).toBe('workflow.role-not-allowed')
    c = await act(
      db,
      jcz,
      c,
      { type: 'approve-repeat-grant', reason: '伤情恶化，再次陷入急迫困难', priorCaseIds: [] },
      '2026-04-02',
    )
    expect(c.repeatGrant).toMatchObject({ priorCaseIds: [first.id], by: jcz.userId })
    c = await act(db, jcg, c, await propose(c, 1_000_000, '2026-04-02'), '2026-04-02')
    c = await approveAll(await act(db, jcg, c, { type: 'submit-opinion' }, '2026-04-02'), '2026-04-03')
    await putPriorAssistance('110105-01J00000000000000000000094', 't-3', '120101-01J00000000000000000000093')
    const late = await attempt(jcg, c, { type: 'decide-grant', documentNo: '朝检控救〔2026〕9号' }, '2026-04-03')
    expect(late.ok || late.code).toBe('eligibility.one-time-transfer')
    await db.priorAssistance.delete('110105-01J00000000000000000000094')
    const decided = await attempt(jcg, c, { type: 'decide-grant', documentNo: '朝检控救〔2026〕9号' }, '2026-04-03')
    expect(decided.ok).toBe(true)
  })
})
