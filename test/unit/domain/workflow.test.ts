import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { amountComputationRecord } from '../../../shared/domain/amount'
import { applyLocalMeasures, builtInRuleSets, exampleLocalMeasures } from '../../../shared/domain/rulesets'
import { type Case, type CaseState, caseSchema, caseStates } from '../../../shared/domain/schemas'
import {
  type ActionOf,
  type ActionType,
  type Actor,
  actionLabels,
  actionRoles,
  actionStates,
  actionTypes,
  allowedActions,
  approvalSettingsFromRules,
  deadlineFor,
  deadlinesFor,
  defaultApprovalChain,
  defaultMaterialRules,
  defaultTimeLimits,
  isOverdue,
  isTerminal,
  type RefusalCode,
  requiredMaterials,
  stateLabels,
  stayingActions,
  type TimeLimits,
  type TransitionOptions,
  terminalExceptions,
  terminalStates,
  transition,
  type WorkflowAction,
  workflowActionSchema,
} from '../../../shared/domain/workflow'
import { workflowMessages } from '../../../shared/errors/workflow'

// ── fixtures ──────────────────────────────────────────────────────────────────────────────────────────────────

const UNIT = '110105'
const rid = (n: number) => `${UNIT}-01J${String(n).padStart(23, '0')}`
const actor = (n: number, ...roles: Actor['roles'][number][]): Actor => ({ userId: rid(n), roles })
const ba = actor(1, 'case-dept-staff')
const jcg = actor(2, 'case-procurator')
const jcg2 = actor(3, 'case-procurator')
const bzr = actor(4, 'dept-head')
const jcz = actor(5, 'chief')
const jcz2 = actor(6, 'chief')
const jcb = actor(7, 'finance')
const auditor = actor(8, 'auditor')
const supervisor = actor(9, 'supervisor')
const admin = actor(10, 'admin')
const staff = [ba, jcg, jcg2, bzr, jcz, jcz2, jcb, auditor, supervisor, admin]

const now = (date: string) => ({ date, instant: `${date}T02:00:00.000Z` })
const TODAY = '2026-06-30'

const amount3w = amountComputationRecord({
  ruleSetId: '2021-xize',
  wageYear: 2025,
  wageRegionCode: '110000',
  monthlyWageFen: 800_000,
  proposedFen: 3_000_000,
  factorsText: '重伤致残，家庭无其他收入，被告人无赔偿能力',
})
const amountOverCap = amountComputationRecord({
  wageYear: 2025,
  wageRegionCode: '110000',
  monthlyWageFen: 800_000,
  proposedFen: 30_000_000,
  courtAwardCeilingFen: 40_000_000,
  factorsText: '损失特别重大，生活特别困难',
})

const allMaterials = (date: string) =>
  (['application', 'identity', 'harmProof', 'hardshipProof', 'compensationStatement'] as const).map((item) => ({
    item,
    received: true,
    receivedDate: date,
  }))

function newCase(over: Partial<Case> = {}): Case {
  return {
    id: rid(100),
    ownerUnit: UNIT,
    rev: 1,
    createdAt: '2026-03-02T01:00:00.000Z',
    updatedAt: '2026-03-02T01:00:00.000Z',
    createdBy: ba.userId,
    updatedBy: ba.userId,
    state: 'clue',
    source: 'referral',
    originDepartment: 'prosecution',
    personIdNumbers: ['11010519491231002X'],
    smallEmergencyHelp: false,
    clueDate: '2026-03-02',
    materials: [],
    approvals: [],
    recoveries: [],
    ...over,
  }
}

/** A valid payload for the action on this record, dated `date`. */
function payloadFor(type: ActionType, record: Case, date: string): WorkflowAction {
  const granted = record.decision?.grantedFen ?? 1
  const p: { [T in ActionType]: Omit<ActionOf<T>, 'type'> } = {
    inform: { informing: { byName: '王办案', method: 'written', date, response: 'will-apply' } },
    'start-ex-officio': { date, reason: '审查起诉中发现被害人家庭生活困难' },
    'start-advance': {
      date,
      reason: '被害人重伤急需救治，无力支付医疗费',
      proposedFen: 500_000,
      categoryItemCode: '2021-7-1',
      factorsText: '重伤住院，急需支付手术费用，家庭无其他收入',
    },
    'approve-advance': { decision: 'agree', opinion: '同意先行救助' },
    apply: { date, form: 'written', capacity: 'self', materials: allMaterials(date) },
    'request-supplement': { noticeDate: date, missingItems: ['hardshipProof'] },
    'receive-supplement': {
      receivedDate: date,
      materials: [{ item: 'hardshipProof', received: true, receivedDate: date }],
    },
    'deem-abandoned': {},
    accept: { date, materials: allMaterials(date) },
    'refuse-out-of-scope': {
      date,
      reasons: ['not-case-related'],
      documentNo: '朝检控救不〔2026〕1号',
      explanation: { method: 'in-person', date },
    },
    'begin-review': { date },
    'record-review': {
      verifications: [{ kind: 'site-visit', date, unitName: '某村民委员会' }],
      compensationReceivedFen: 0,
      socialAssistanceReceivedFen: 0,
      exclusionChecks: [
        { code: 'X1', hit: false },
        { code: 'X7', hit: false },
      ],
      duplicateCheckDone: true,
    },
    'override-exclusion': { code: 'X1', reason: '被害人过错轻微，且家庭生活特别困难' },
    'approve-repeat-grant': {
      reason: '首次救助后伤情恶化，生活再次陷入急迫困难',
      priorCaseIds: ['110105-01J00000000000000000000001'],
    },
    propose: { decision: 'grant', amount: amount3w, categoryItemCode: '2021-serious-injury', text: '建议救助3万元' },
    'submit-opinion': {},
    'approve-step': { decision: 'agree', opinion: '同意', ref: '检委会纪要〔2026〕3号' },
    'decide-grant': { documentNo: '朝检控救〔2026〕1号', serviceDate: date, serviceMethod: 'in-person' },
    'decide-refuse': { documentNo: '朝检控救不〔2026〕2号', explanation: { method: 'in-person', date } },
    'request-funds': { requestDate: date },
    'funds-received': { receivedDate: date, splits: [{ source: 'county', amountFen: granted }] },
    'notify-collection': { date, method: 'oral' },
    pay: {
      method: 'transfer',
      payeeName: '李四',
      account: { bank: '中国农业银行', accountName: '李四', accountNo: '6228480012345678' },
      paidDate: date,
    },
    'complete-advance-paperwork': { date, documentNo: '朝检控救〔2026〕3号' },
    'start-follow-up': { date },
    archive: { date },
    withdraw: { date, reason: '申请人书面撤回申请' },
    'start-recovery': { trigger: 'fraud', amountFen: record.payment?.amountFen ?? 1, date },
    'close-recovery': {
      recoveredFen: record.recoveries.at(-1)?.amountFen ?? 0,
      date,
      referral: { body: 'discipline-inspection', date },
    },
  }
  return { type, ...p[type] } as WorkflowAction
}

function ok(
  record: Case,
  type: ActionType,
  who: Actor,
  date: string,
  over: Partial<WorkflowAction> = {},
  options: TransitionOptions = {},
): Case {
  const action = { ...payloadFor(type, record, date), ...over } as WorkflowAction
  const r = transition(record, action, who, now(date), options)
  if (!r.ok) throw new Error(`${type} from ${record.state}: ${r.refusal.message}`)
  return r.record
}

function refused(record: Case, action: WorkflowAction, who: Actor, date = TODAY) {
  const r = transition(record, action, who, now(date))
  if (r.ok) throw new Error(`${action.type} unexpectedly succeeded`)
  return r.refusal
}

// The normal path, one record per state (dates increase along the path).
const clue = newCase()
const informed = ok(clue, 'inform', ba, '2026-03-03')
const applied = ok(informed, 'apply', jcg, '2026-03-04')
const needsSupplement = ok(applied, 'request-supplement', jcg, '2026-03-05')
const accepted = ok(applied, 'accept', jcg, '2026-03-06')
const review = ok(accepted, 'begin-review', jcg, '2026-03-09')
const reviewed = ok(review, 'record-review', jcg, '2026-03-10')
const opinion = ok(reviewed, 'propose', jcg, '2026-03-11')
const approval = ok(opinion, 'submit-opinion', jcg, '2026-03-11')
const headAgreed = ok(approval, 'approve-step', bzr, '2026-03-12')
const approved = ok(headAgreed, 'approve-step', jcz, '2026-03-13')
const granted = ok(approved, 'decide-grant', jcg, '2026-03-13')
const awaitingFunds = ok(granted, 'request-funds', jcb, '2026-03-16')
const awaitingCollection = ok(awaitingFunds, 'funds-received', jcb, '2026-03-20')
const notified = ok(awaitingCollection, 'notify-collection', jcg, '2026-03-23')
const paid = ok(notified, 'pay', jcb, '2026-03-24')
const followUp = ok(paid, 'start-follow-up', jcg, '2026-04-20')
const archived = ok(followUp, 'archive', jcg, '2026-05-20')
const recovery = ok(archived, 'start-recovery', jcg, '2026-06-01')
// Other paths.
const exOfficio = ok(clue, 'start-ex-officio', jcg, '2026-03-03')
const advance = ok(applied, 'start-advance', jcg, '2026-03-05')
const advanceGranted = ok(advance, 'approve-advance', jcz, '2026-03-05')
const withAdvance: Partial<Record<CaseState, Case>> = { granted: advanceGranted }
withAdvance['awaiting-funds'] = ok(advanceGranted, 'request-funds', jcb, '2026-03-06')
withAdvance['awaiting-collection'] = ok(withAdvance['awaiting-funds'], 'funds-received', jcb, '2026-03-06')
const advanceNotified = ok(withAdvance['awaiting-collection'], 'notify-collection', jcg, '2026-03-06')
withAdvance.paid = ok(advanceNotified, 'pay', jcb, '2026-03-06')
withAdvance['follow-up'] = ok(withAdvance.paid, 'start-follow-up', jcg, '2026-03-20')
const refuseOpinion = ok(reviewed, 'propose', jcg, '2026-03-11', {
  decision: 'refuse',
  refusalReasons: ['X5'],
  amount: undefined,
  text: '生活困难非案件原因所致',
} as Partial<WorkflowAction>)
const refuseApproved = ok(
  ok(ok(refuseOpinion, 'submit-opinion', jcg, '2026-03-11'), 'approve-step', bzr, '2026-03-12'),
  'approve-step',
  jcz,
  '2026-03-13',
)
const refusedCase = ok(refuseApproved, 'decide-refuse', jcg, '2026-03-13')
const withX1 = ok(review, 'record-review', jcg, '2026-03-10', {
  exclusionChecks: [{ code: 'X1', hit: true, evidence: '被害人先动手' }],
} as Partial<WorkflowAction>)

const byState: Record<CaseState, Case> = {
  clue,
  informed,
  'ex-officio': exOfficio,
  advance,
  applied,
  'needs-supplement': needsSupplement,
  accepted,
  review: reviewed,
  opinion,
  approval,
  granted,
  refused: refusedCase,
  'awaiting-funds': awaitingFunds,
  'awaiting-collection': notified,
  paid,
  'follow-up': followUp,
  archived,
  withdrawn: ok(applied, 'withdraw', jcg, '2026-03-05'),
  abandoned: ok(needsSupplement, 'deem-abandoned', jcg, '2026-04-10'),
  recovery,
}

/** The record an action is tried on from a state (some actions need a particular history). */
function recordFor(type: ActionType, from: CaseState): Case {
  if (type === 'approve-step') return approval
  if (type === 'decide-grant') return approved
  if (type === 'decide-refuse') return refuseApproved
  if (type === 'notify-collection') return awaitingCollection
  if (type === 'complete-advance-paperwork') return withAdvance[from] as Case
  if (type === 'override-exclusion') return from === 'review' ? withX1 : refuseOnX1
  if (type === 'accept' && from === 'ex-officio') return exOfficio
  return byState[from]
}
const refuseOnX1 = ok(withX1, 'propose', jcg, '2026-03-11', {
  decision: 'refuse',
  refusalReasons: ['X1'],
  amount: undefined,
  text: '对案件发生有重大过错',
} as Partial<WorkflowAction>)

/** Someone holding a role the action (and, for approvals, the current step) needs, who is not excluded. */
function actorFor(type: ActionType): Actor {
  if (type === 'approve-step') return bzr
  const first = actionRoles[type][0]
  const pick: Record<string, Actor> = {
    'case-dept-staff': ba,
    'case-procurator': jcg,
    'dept-head': bzr,
    chief: jcz,
    finance: jcb,
  }
  return pick[first]
}

const deepFreeze = <T>(o: T): T => {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o)
    for (const v of Object.values(o)) deepFreeze(v)
  }
  return o
}

// ── tests ─────────────────────────────────────────────────────────────────────────────────────────────────────

describe('fixtures', () => {
  it('every fixture record is a valid case in the state it is filed under', () => {
    for (const [state, record] of Object.entries(byState)) {
      expect(record.state).toBe(state)
      const parsed = caseSchema.safeParse(record)
      expect(parsed.success, `${state}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true)
    }
  })
})

describe('every allowed transition (actionStates × from)', () => {
  const rows = actionTypes.flatMap((type) => actionStates[type].from.map((from) => [type, from] as const))
  it.each(rows)('%s from %s', (type, from) => {
    const record = deepFreeze(structuredClone(recordFor(type, from)))
    const before = structuredClone(record)
    // an exception to the one-time rule exists only where the rules word one (local measures here)
    const options: TransitionOptions =
      type === 'approve-repeat-grant'
        ? {
            oneTimeException: {
              text: '原则上只救助一次；经检察长批准可以再次救助。',
              source: { document: '本地实施办法' },
            },
          }
        : {}
    const r = transition(record, payloadFor(type, record, TODAY), actorFor(type), now(TODAY), options)
    if (!r.ok) throw new Error(r.refusal.message)
    expect(actionStates[type].to).toContain(r.record.state)
    // a staying action never moves the case (others may stay too, e.g. one approval of several)
    const staying = (stayingActions as readonly string[]).includes(type)
    expect(!staying || r.record.state === from, `${type} moved the case from ${from}`).toBe(true)
    expect(r.events.length).toBeGreaterThan(0)
    expect(caseSchema.safeParse(r.record).success).toBe(true)
    expect(record).toEqual(before)
    expect(allowedActions(record, actorFor(type))).toContain(type)
  })

  it('covers every action and every non-terminal state', () => {
    expect(new Set(rows.map(([t]) => t)).size).toBe(actionTypes.length)
    const froms = new Set(rows.map(([, f]) => f))
    expect(caseStates.filter((s) => !isTerminal(s) && !froms.has(s))).toEqual([])
  })
})

describe('docs/domain-reference.md §5 paths', () => {
  it('the normal path ends archived, with the dates and records of each step', () => {
    expect(granted.decision).toMatchObject({
      outcome: 'granted',
      grantedFen: 3_000_000,
      documentNo: '朝检控救〔2026〕1号',
    })
    expect(granted.decisionDate).toBe('2026-03-13')
    expect(approved.approvals.map((a) => [a.step, a.role, a.userId, a.decision])).toEqual([
      ['dept-head', 'dept-head', bzr.userId, 'agree'],
      ['chief', 'chief', jcz.userId, 'agree'],
    ])
    expect(paid.payment).toMatchObject({ amountFen: 3_000_000, paidBy: jcb.userId, paidDate: '2026-03-24' })
    expect(archived.archiveDate).toBe('2026-05-20')
  })

  it('2 → 8b directly if clearly out of scope: the chief decides (参考原文 四 报检察长审批), with reasons and explanation', () => {
    const head = transition(applied, payloadFor('refuse-out-of-scope', applied, '2026-03-05'), bzr, now('2026-03-05'))
    expect(!head.ok && head.refusal.code).toBe('role-not-allowed')
    const r = transition(applied, payloadFor('refuse-out-of-scope', applied, '2026-03-05'), jcz, now('2026-03-05'))
    expect(r.ok && r.record.state).toBe('refused')
    expect(r.ok && r.record.decision?.refusalReasons).toEqual(['not-case-related'])
    expect(r.ok && r.events.map((e) => e.type)).toEqual(['decision-issued', 'state-changed'])
  })

  it('补正: 30 days from the notice, running on to the next working day after a holiday', () => {
    expect(needsSupplement.supplement?.dueDate).toBe('2026-04-07') // 03-05 + 30 = 04-04 (清明) → 04-07
    const back = ok(needsSupplement, 'receive-supplement', jcg, '2026-03-20')
    expect(back.state).toBe('applied')
    expect(back.supplement?.receivedDate).toBe('2026-03-20')
  })

  it('deemed abandoned only after the 补正 period', () => {
    const early = refused(needsSupplement, { type: 'deem-abandoned' }, jcg, '2026-04-07')
    expect(early.code).toBe('too-early')
    expect(early.message).toBe('补正期限至 2026-04-07 届满，期满仍未补正的，方可视为放弃申请。')
    expect(ok(needsSupplement, 'deem-abandoned', jcg, '2026-04-08').state).toBe('abandoned')
  })

  it('先行救助: the chief approves at once, it counts as the grant, paperwork is due before archiving', () => {
    expect(advanceGranted.decision).toEqual({ outcome: 'granted', grantedFen: 500_000, advance: true })
    const paidAdvance = withAdvance.paid as Case
    const blocked = refused(paidAdvance, payloadFor('archive', paidAdvance, TODAY), jcg)
    expect(blocked.code).toBe('data-missing')
    expect(blocked.message).toBe('缺少先行救助的补办手续，不能办理“归档”。')
    const done = ok(paidAdvance, 'complete-advance-paperwork', jcg, '2026-03-10')
    expect(done.decision?.documentNo).toBe('朝检控救〔2026〕3号')
    expect(ok(done, 'archive', jcg, '2026-03-11').state).toBe('archived')
  })

  it('先行救助 names its 救助情形 and amount basis; the 救助情形 becomes the case’s (2016 细则 S7)', () => {
    expect(advance.categoryItemCode).toBe('2021-7-1')
    expect(advance.advance).toMatchObject({
      categoryItemCode: '2021-7-1',
      factorsText: '重伤住院，急需支付手术费用，家庭无其他收入',
    })
    const withCourt = ok(applied, 'start-advance', jcg, '2026-03-05', {
      courtAwardCeilingFen: 900_000,
    } as Partial<WorkflowAction>)
    expect(withCourt.advance?.courtAwardCeilingFen).toBe(900_000)
    const escalated = ok(advance, 'approve-advance', jcz, '2026-03-05', {
      ref: '朝检委〔2026〕2号',
    } as Partial<WorkflowAction>)
    expect(escalated.advance?.escalationRef).toBe('朝检委〔2026〕2号')
    expect(advanceGranted.advance?.escalationRef).toBeUndefined()
  })

  it('先行救助 补办手续须载明救助情形和金额依据（2016 细则 S7）: refused without them, completed when given then', () => {
    const bare = ok({ ...applied, categoryItemCode: undefined }, 'start-advance', jcg, '2026-03-05', {
      categoryItemCode: undefined,
      factorsText: undefined,
    } as Partial<WorkflowAction>)
    expect(bare.categoryItemCode).toBeUndefined()
    const granted = ok(bare, 'approve-advance', jcz, '2026-03-05')
    const paperwork = payloadFor('complete-advance-paperwork', granted, TODAY)
    const r = refused(granted, paperwork, jcg)
    expect(r.code).toBe('data-missing')
    expect(r.message).toBe(
      '缺少先行救助补办手续须载明的事项（救助情形、确定金额考虑的因素），不能办理“补办先行救助手续”。',
    )
    const onlyCategory = refused(granted, { ...paperwork, categoryItemCode: '2021-7-2' } as WorkflowAction, jcg)
    expect(onlyCategory.message).toBe(
      '缺少先行救助补办手续须载明的事项（确定金额考虑的因素），不能办理“补办先行救助手续”。',
    )
    const done = ok(granted, 'complete-advance-paperwork', jcg, TODAY, {
      categoryItemCode: '2021-7-2',
      factorsText: '医疗费用缺口约五千元',
    } as Partial<WorkflowAction>)
    expect(done.categoryItemCode).toBe('2021-7-2')
    expect(done.advance).toMatchObject({
      categoryItemCode: '2021-7-2',
      factorsText: '医疗费用缺口约五千元',
      paperworkCompletedDate: TODAY,
    })
  })

  it('an advance started after the proposal takes the case’s 救助情形 at the paperwork', () => {
    const fromOpinion = ok(opinion, 'start-advance', jcg, '2026-03-12', {
      categoryItemCode: undefined,
    } as Partial<WorkflowAction>)
    const granted = ok(fromOpinion, 'approve-advance', jcz, '2026-03-12')
    const done = ok(granted, 'complete-advance-paperwork', jcg, TODAY)
    expect(done.advance?.categoryItemCode).toBe('2021-serious-injury')
    expect(done.categoryItemCode).toBe('2021-serious-injury')
  })

  it('先行救助 refused by the chief: the case resumes where it stood', () => {
    const back = ok(advance, 'approve-advance', jcz, '2026-03-05', { decision: 'disagree' } as Partial<WorkflowAction>)
    expect(back.state).toBe('applied')
    expect(back.advance?.decision).toBe('disagree')
  })

  it('approval: disagree → opinion, return → review, and a new round starts on resubmission', () => {
    const dis = ok(approval, 'approve-step', bzr, TODAY, { decision: 'disagree' } as Partial<WorkflowAction>)
    expect(dis.state).toBe('opinion')
    const ret = ok(headAgreed, 'approve-step', jcz, TODAY, { decision: 'return' } as Partial<WorkflowAction>)
    expect(ret.state).toBe('review')
    const again = ok(dis, 'submit-opinion', jcg, TODAY)
    expect(again.approvalRound?.round).toBe(2)
    expect(allowedActions(again, bzr)).toContain('approve-step')
  })

  it('a refused or withdrawn case is archived (一案一档), dated after the step that ended it; nothing to recover', () => {
    const early = refused(refusedCase, { type: 'archive', date: '2026-03-12' }, jcg)
    expect(early.message).toBe('归档日期（2026-03-12）不能早于决定日期（2026-03-13）。')
    const closed = ok(refusedCase, 'archive', jcg, '2026-03-20')
    expect(closed).toMatchObject({ state: 'archived', archiveDate: '2026-03-20', decision: { outcome: 'refused' } })
    expect(caseSchema.safeParse(closed).success).toBe(true)
    expect(refused(closed, payloadFor('start-recovery', closed, TODAY), jcg).message).toBe(
      '缺少救助金发放记录，不能办理“启动追回”。',
    )
    expect(allowedActions(closed, jcg)).toEqual([])
    const withdrawn = byState.withdrawn
    expect(refused(withdrawn, { type: 'archive', date: '2026-03-04' }, jcg).code).toBe('date-invalid')
    expect(ok(withdrawn, 'archive', jcg, '2026-03-05').state).toBe('archived')
    expect(refused(byState.abandoned, payloadFor('archive', byState.abandoned, TODAY), jcg).code).toBe('wrong-state')
    // An archived case must show how it ended: paid, refused or withdrawn.
    const bare = { ...closed, decision: undefined, decisionDate: undefined }
    expect(caseSchema.safeParse(bare).success).toBe(false)
  })

  it('recovery returns the case to where it stood', () => {
    const closed = ok(recovery, 'close-recovery', jcb, TODAY)
    expect(closed.state).toBe('archived')
    expect(closed.recoveries[0]).toMatchObject({ recoveredFen: 3_000_000, closedDate: TODAY, fromState: 'archived' })
  })

  it('withdrawal from every state before payment remembers where it stood', () => {
    for (const from of actionStates.withdraw.from) {
      const r = transition(byState[from], payloadFor('withdraw', byState[from], TODAY), jcg, now(TODAY))
      expect(r.ok && r.record.withdrawal?.fromState, from).toBe(from)
    }
    expect(refused(paid, payloadFor('withdraw', paid, TODAY), jcg).code).toBe('wrong-state')
  })
})

describe('materials before acceptance (S7, S8)', () => {
  it('the default rule equals the rule sets’ checklist', () => {
    for (const rs of builtInRuleSets) {
      expect(rs.materials.map((m) => [m.code, m.requiredWhen])).toEqual(
        defaultMaterialRules.map((m) => [m.code, m.requiredWhen]),
      )
    }
  })

  it.each([
    ['self', undefined, ['application', 'identity', 'harmProof', 'hardshipProof', 'compensationStatement']],
    [
      'legal-representative',
      undefined,
      ['application', 'identity', 'harmProof', 'hardshipProof', 'compensationStatement', 'relationshipProof'],
    ],
    [
      'entrusted-agent',
      undefined,
      [
        'application',
        'identity',
        'harmProof',
        'hardshipProof',
        'compensationStatement',
        'relationshipProof',
        'powerOfAttorney',
      ],
    ],
    [
      'self',
      'spouse',
      ['application', 'identity', 'harmProof', 'hardshipProof', 'compensationStatement', 'relationshipProof'],
    ],
  ] as const)('capacity %s, relation %s', (capacity, relation, items) => {
    expect(requiredMaterials({ ...applied, capacity, ...(relation ? { relation } : {}) })).toEqual(items)
  })

  it('an ex-officio case is accepted without an application; proof obtained by the office counts', () => {
    const mats = allMaterials(TODAY)
      .filter((m) => m.item !== 'application')
      .map((m) => (m.item === 'hardshipProof' ? { ...m, obtainedByOffice: true } : m))
    expect(ok(exOfficio, 'accept', jcg, TODAY, { materials: mats } as Partial<WorkflowAction>).state).toBe('accepted')
    const without = refused(
      applied,
      { type: 'accept', date: TODAY, materials: [{ item: 'compensationStatement', received: false }] },
      jcg,
    )
    expect(without.params.detail).toBe('已获赔偿或救助情况的说明或证明')
  })

  it('a rule set passed in options decides what is required', () => {
    const lenient = defaultMaterialRules.map((m) =>
      m.code === 'compensationStatement' ? { ...m, requiredWhen: 'optional' as const } : m,
    )
    const action: WorkflowAction = {
      type: 'accept',
      date: TODAY,
      materials: [{ item: 'compensationStatement', received: false }],
    }
    const r = transition(applied, action, jcg, now(TODAY), { materials: lenient })
    expect(r.ok).toBe(true)
  })
})

describe('escalation of the approval chain', () => {
  it('default chain: 部门负责人 → 检察长, no escalation below threshold', () => {
    expect(approval.approvalRound?.chain).toEqual(defaultApprovalChain)
    expect(approval.approvalRound?.escalation).toBeUndefined()
  })

  it('at or over the local threshold (≥ 1万元, 滨海) a committee step is added and needs a reference', () => {
    const esc = ok(opinion, 'submit-opinion', jcg, TODAY, {}, { approval: { escalationThresholdFen: 3_000_000 } })
    expect(esc.approvalRound?.escalation).toBe('over-threshold')
    expect(esc.approvalRound?.chain.map((s) => s.step)).toEqual(['dept-head', 'chief', 'committee'])
    const atChief = ok(ok(esc, 'approve-step', bzr, TODAY), 'approve-step', jcz, TODAY)
    const noRef = refused(atChief, { type: 'approve-step', decision: 'agree', opinion: '同意' }, jcz2)
    expect(noRef.message).toBe('缺少外部机构研究决定的会议纪要或批复文号，不能办理“审批”。')
    const done = ok(atChief, 'approve-step', jcz, TODAY) // the external step is recorded, not signed twice
    expect(done.amount?.escalationRef).toBe('检委会纪要〔2026〕3号')
    expect(ok(done, 'decide-grant', jcg, TODAY).state).toBe('granted')
    const below = ok(opinion, 'submit-opinion', jcg, TODAY, {}, { approval: { escalationThresholdFen: 3_000_001 } })
    expect(below.approvalRound?.escalation).toBeUndefined()
  })

  it('over the cap (36 × wage): escalated, and the body’s reference becomes the over-cap approval', () => {
    const overCap = ok(reviewed, 'propose', jcg, TODAY, { amount: amountOverCap } as Partial<WorkflowAction>)
    const sub = ok(overCap, 'submit-opinion', jcg, TODAY)
    expect(sub.approvalRound?.escalation).toBe('over-cap')
    const done = ok(ok(ok(sub, 'approve-step', bzr, TODAY), 'approve-step', jcz, TODAY), 'approve-step', jcz2, TODAY)
    expect(done.amount).toMatchObject({
      overCapApprovalRef: '检委会纪要〔2026〕3号',
      overCapApprovalBody: '检察委员会或党组会议研究决定',
    })
  })

  it('over the cap without a court-award ceiling cannot be proposed', () => {
    const noCeiling = { ...amountOverCap, courtAwardCeilingFen: null }
    const r = refused(reviewed, { ...payloadFor('propose', reviewed, TODAY), amount: noCeiling } as WorkflowAction, jcg)
    expect(r).toMatchObject({ code: 'data-missing', params: { field: 'court-ceiling' } })
  })

  it('settings from the rule set in force with local measures (承办人 step = the opinion itself)', () => {
    const rules = applyLocalMeasures(builtInRuleSets[2], exampleLocalMeasures)
    const settings = approvalSettingsFromRules(rules)
    expect(settings.chain?.map((s) => [s.step, s.role])).toEqual([
      ['dept-head', 'dept-head'],
      ['chief', 'chief'],
    ])
    expect(settings.escalation).toMatchObject({ step: 'chief-office-meeting', role: 'chief', external: true })
    expect(settings.escalationThresholdFen).toBe(1_000_000)
    const r = transition(opinion, { type: 'submit-opinion' }, jcg, now(TODAY), { approval: settings })
    expect(r.ok && r.record.approvalRound?.chain.at(-1)?.label).toBe('检察长办公会或党组会研究决定')
  })

  it('the submitter cannot choose the chain: a chain or escalation in the action is refused (参考原文 四)', () => {
    const chain = [{ step: 'dept-head', role: 'dept-head', label: '部门负责人审核' }]
    const r = workflowActionSchema.safeParse({ type: 'submit-opinion', chain })
    expect(r.success).toBe(false)
    const chained = ok(opinion, 'submit-opinion', jcg, TODAY, {}, { approval: { chain: defaultApprovalChain } })
    expect(chained.approvalRound?.chain.at(-1)?.role).toBe('chief')
  })
})

describe('refusals (sample, table-driven)', () => {
  const bothHeads = actor(20, 'dept-head', 'chief')
  const procHead = actor(21, 'case-procurator', 'dept-head')
  const chiefFinance = actor(22, 'chief', 'finance')
  const proposedByProcHead = ok(reviewed, 'propose', procHead, '2026-03-11')
  const overriddenByHead = ok(withX1, 'override-exclusion', bzr, '2026-03-11')
  const overrideOpinion = ok(ok(overriddenByHead, 'propose', jcg, '2026-03-11'), 'submit-opinion', jcg, '2026-03-11')
  const bothSigned = ok(approval, 'approve-step', bothHeads, TODAY)
  const chiefFinanceApproved = ok(ok(approval, 'approve-step', bzr, TODAY), 'approve-step', chiefFinance, TODAY)
  const cfNotified = ok(
    ok(ok(chiefFinanceApproved, 'decide-grant', jcg, TODAY), 'funds-received', jcb, TODAY),
    'notify-collection',
    jcg,
    TODAY,
  )
  const cases: [string, Case, WorkflowAction, Actor, RefusalCode, string?][] = [
    [
      'accept a clue',
      clue,
      payloadFor('accept', clue, TODAY),
      jcg,
      'wrong-state',
      '案件当前状态为“线索”，不能办理“受理”。',
    ],
    ['finance approves', approval, payloadFor('approve-step', approval, TODAY), jcb, 'role-not-allowed'],
    [
      'auditor informs',
      clue,
      payloadFor('inform', clue, TODAY),
      auditor,
      'role-not-allowed',
      '您（审计查阅）无权办理“告知当事人”。此操作需要以下角色之一：办案部门人员、控申承办检察官、控申部门负责人。',
    ],
    ['supervisor pays', notified, payloadFor('pay', notified, TODAY), supervisor, 'role-not-allowed'],
    ['admin archives', paid, payloadFor('archive', paid, TODAY), admin, 'role-not-allowed'],
    [
      'chief signs the dept-head step',
      approval,
      payloadFor('approve-step', approval, TODAY),
      jcz,
      'step-role',
      '当前审批环节为“部门负责人审核”，须由控申部门负责人审批。',
    ],
    [
      'only the chief signs the chief step',
      headAgreed,
      payloadFor('approve-step', headAgreed, TODAY),
      bzr,
      'step-role',
    ],
    [
      'proposer approves',
      ok(proposedByProcHead, 'submit-opinion', jcg, TODAY),
      payloadFor('approve-step', approval, TODAY),
      procHead,
      'separation-of-duties',
      '提出审查意见的人员不能审批同一案件，不能办理“审批”，请由其他人员办理。',
    ],
    ['overrider approves', overrideOpinion, payloadFor('approve-step', approval, TODAY), bzr, 'separation-of-duties'],
    [
      'one person signs two steps',
      bothSigned,
      payloadFor('approve-step', bothSigned, TODAY),
      bothHeads,
      'separation-of-duties',
    ],
    [
      'approver pays',
      cfNotified,
      payloadFor('pay', cfNotified, TODAY),
      chiefFinance,
      'separation-of-duties',
      '审批同意救助的人员不能发放同一案件的救助金，不能办理“发放救助金”，请由其他人员办理。',
    ],
    [
      'accept without hardship proof',
      applied,
      { type: 'accept', date: TODAY, materials: [{ item: 'hardshipProof', received: false }] },
      jcg,
      'data-missing',
      '缺少必备申请材料（申请人及家庭生活困难证明），不能办理“受理”。',
    ],
    ['propose before review recorded', review, payloadFor('propose', review, TODAY), jcg, 'data-missing'],
    [
      'propose grant with an unresolved exclusion',
      withX1,
      payloadFor('propose', withX1, TODAY),
      jcg,
      'exclusion-unresolved',
    ],
    [
      'override X7',
      ok(review, 'record-review', jcg, TODAY, {
        exclusionChecks: [{ code: 'X7', hit: true }],
      } as Partial<WorkflowAction>),
      { type: 'override-exclusion', code: 'X7', reason: '理由' },
      bzr,
      'hard-exclusion',
    ],
    [
      'override a check that did not hit',
      reviewed,
      payloadFor('override-exclusion', reviewed, TODAY),
      bzr,
      'data-missing',
    ],
    ['pay before notice', awaitingCollection, payloadFor('pay', awaitingCollection, TODAY), jcb, 'data-missing'],
    [
      'transfer without account',
      notified,
      { ...payloadFor('pay', notified, TODAY), account: undefined } as WorkflowAction,
      jcb,
      'data-missing',
    ],
    ['notify twice', notified, payloadFor('notify-collection', notified, TODAY), jcg, 'already-done'],
    [
      'splits do not add up',
      awaitingFunds,
      {
        type: 'funds-received',
        receivedDate: TODAY,
        splits: [
          { source: 'province', amountFen: 1_000_000 },
          { source: 'county', amountFen: 1_000_000 },
        ],
      },
      jcb,
      'funding-mismatch',
      '各级资金分担合计 20,000.00元，与决定救助金额 30,000.00元 不一致，请核对后重新登记。',
    ],
    [
      'grant on a refusal opinion',
      refuseApproved,
      payloadFor('decide-grant', refuseApproved, TODAY),
      jcg,
      'opinion-mismatch',
    ],
    ['refuse on a grant opinion', approved, payloadFor('decide-refuse', approved, TODAY), jcg, 'opinion-mismatch'],
    [
      'decide before approval completes',
      headAgreed,
      payloadFor('decide-grant', headAgreed, TODAY),
      jcg,
      'data-missing',
    ],
    [
      'a future date',
      clue,
      payloadFor('inform', clue, '2026-07-01'),
      ba,
      'date-invalid',
      '告知日期（2026-07-01）不能晚于今天（2026-06-30）。',
    ],
    [
      'accepted before applied',
      applied,
      payloadFor('accept', applied, '2026-03-01'),
      jcg,
      'date-invalid',
      '受理日期（2026-03-01）不能早于申请日期（2026-03-04）。',
    ],
    [
      'recover more than paid',
      paid,
      { ...payloadFor('start-recovery', paid, TODAY), amountFen: 3_000_001 } as WorkflowAction,
      jcg,
      'amount-invalid',
    ],
    [
      'recovered more than due',
      recovery,
      { ...payloadFor('close-recovery', recovery, TODAY), recoveredFen: 3_000_001 } as WorkflowAction,
      jcb,
      'amount-invalid',
    ],
    [
      'a voided case',
      { ...paid, voided: { at: '2026-04-01T00:00:00.000Z', by: bzr.userId, reason: '重复录入' } },
      payloadFor('start-follow-up', paid, TODAY),
      jcg,
      'record-voided',
    ],
    [
      'an unknown field in the payload',
      clue,
      { ...payloadFor('inform', clue, TODAY), extra: 1 } as unknown as WorkflowAction,
      ba,
      'invalid-action',
    ],
    [
      'a fractional amount',
      applied,
      { ...payloadFor('start-advance', applied, TODAY), proposedFen: 100.5 } as WorkflowAction,
      jcg,
      'invalid-action',
    ],
    ['an unknown action', clue, { type: 'teleport' } as unknown as WorkflowAction, jcg, 'invalid-action'],
    ['advance approved twice', advanceGranted, payloadFor('start-advance', advanceGranted, TODAY), jcg, 'wrong-state'],
    [
      'paperwork without advance',
      granted,
      payloadFor('complete-advance-paperwork', granted, TODAY),
      jcg,
      'wrong-state',
    ],
  ]
  it.each(cases)('%s', (_name, record, action, who, code, message) => {
    const r = refused(record, action, who)
    expect(r.code).toBe(code)
    expect(r.message).toBe(workflowMessages[`workflow.${code}`](r.params))
    // where the row words the message itself, it is that text exactly
    expect(r.message).toBe(message ?? workflowMessages[`workflow.${code}`](r.params))
  })

  it('the chief approving an advance requested by themself is a separation-of-duties refusal', () => {
    const both = actor(23, 'case-procurator', 'chief')
    const own = ok(applied, 'start-advance', both, '2026-03-05')
    expect(refused(own, payloadFor('approve-advance', own, TODAY), both).code).toBe('separation-of-duties')
  })
})

describe('terminal states and read-only roles', () => {
  it('terminal states are 不予救助, 撤回, 视为放弃 and 归档, with labels', () => {
    expect([...terminalStates].map((s) => stateLabels[s])).toEqual(['决定不予救助', '已撤回', '视为放弃申请', '已归档'])
  })

  it('terminal states accept no action except archived → 追回 and refused, withdrawn → 归档', () => {
    for (const s of terminalStates) {
      for (const type of actionTypes) {
        const allowed = terminalExceptions[s]?.includes(type) ?? false
        expect(actionStates[type].from.includes(s), `${type} from ${s}`).toBe(allowed)
      }
    }
  })

  it('read-only roles and the admin are offered nothing, anywhere', () => {
    for (const record of Object.values(byState)) {
      for (const who of [auditor, supervisor, admin]) expect(allowedActions(record, who)).toEqual([])
    }
  })

  it('allowedActions for the chief at the chief step, and for finance after the grant', () => {
    expect(allowedActions(headAgreed, jcz)).toEqual(['approve-step'])
    expect(allowedActions(granted, jcb)).toEqual(['request-funds', 'funds-received'])
  })
})

describe('deadlines (deadlineFor)', () => {
  const at = (over: Partial<Case>) => ({ ...applied, ...over })

  it('10 working days from application to decision, over the 国庆 holiday and the 10-10 make-up day', () => {
    const c = at({
      state: 'review',
      applicationDate: '2026-09-28',
      acceptanceDate: '2026-09-28',
      reviewStartDate: '2026-09-28',
    })
    expect(deadlineFor(c)).toEqual({
      due: '2026-10-16',
      rule: defaultTimeLimits.decideWorkingDays.rule,
      kind: 'decision',
    })
  })

  it('in 已申请: the 补正 notice (5 wd) comes first, the decision deadline also runs', () => {
    const c = at({ applicationDate: '2026-03-04' })
    expect(deadlinesFor(c).map((d) => [d.kind, d.due])).toEqual([
      ['supplement-notice', '2026-03-11'],
      ['decision', '2026-03-18'],
    ])
    expect(deadlineFor(c)?.kind).toBe('supplement-notice')
  })

  it('待补正: the due date fixed on the record; after the supplement the decision clock restarts', () => {
    expect(deadlineFor(needsSupplement)).toMatchObject({ due: '2026-04-07', kind: 'supplement-period' })
    const back = ok(needsSupplement, 'receive-supplement', jcg, '2026-03-20')
    expect(deadlineFor(back)).toMatchObject({ due: '2026-04-03', kind: 'decision' })
  })

  it('2 working days from the funds’ arrival to the notice to collect (2025-09-30 → 2025-10-10)', () => {
    const c = {
      ...awaitingCollection,
      funding: { splits: awaitingCollection.funding?.splits ?? [], receivedDate: '2025-09-30' },
    }
    expect(deadlineFor(c)).toMatchObject({ due: '2025-10-10', kind: 'collection-notice' })
    expect(deadlineFor(notified)).toBeUndefined()
  })

  it('先行救助 is due the same day; no deadline in granted, paid or terminal states', () => {
    expect(deadlineFor(advance)).toMatchObject({ due: '2026-03-05', kind: 'advance-approval' })
    for (const s of ['granted', 'paid', 'follow-up', 'archived', 'refused', 'withdrawn', 'abandoned'] as const) {
      expect(deadlineFor(byState[s]), s).toBeUndefined()
    }
  })

  it('time limits from the rule set and local measures: 政法委 extension when an outside body approves', () => {
    const rules = applyLocalMeasures(builtInRuleSets[2], exampleLocalMeasures)
    const limits: TimeLimits = rules.timeLimits
    const esc = ok(opinion, 'submit-opinion', jcg, TODAY, {}, { approval: { escalationThresholdFen: 1 } })
    const d = deadlineFor(esc, undefined, limits)
    expect(d?.due).toBe('2026-04-01') // 03-04 + 10 + 10 working days
    expect(d?.rule.text).toContain('另加10个工作日')
    expect(deadlineFor(esc)?.due).toBe('2026-03-18')
  })

  it('isOverdue: the due day itself is still in time', () => {
    const d = { due: '2026-03-18', rule: defaultTimeLimits.decideWorkingDays.rule, kind: 'decision' as const }
    expect(isOverdue(d, '2026-03-18')).toBe(false)
    expect(isOverdue(d, '2026-03-19')).toBe(true)
  })

  it('the 补正 period follows the configured limit', () => {
    const limits = { ...defaultTimeLimits, supplementDays: { ...defaultTimeLimits.supplementDays, value: 15 } }
    const r = transition(applied, payloadFor('request-supplement', applied, '2026-03-05'), jcg, now('2026-03-05'), {
      timeLimits: limits,
    })
    expect(r.ok && r.record.supplement?.dueDate).toBe('2026-03-20')
  })
})

describe('model test: random action sequences by random actors', () => {
  const variants = fc.constantFrom('valid', 'valid', 'valid', 'x1', 'x7', 'refuse', 'disagree', 'over', 'junk')
  const step = fc.record({
    guided: fc.nat({ max: 9 }),
    type: fc.constantFrom(...actionTypes),
    who: fc.nat(),
    pick: fc.nat(),
    exit: fc.nat({ max: 2 }),
    days: fc.nat({ max: 20 }),
    variant: variants,
  })
  type StepValue = typeof step extends fc.Arbitrary<infer V> ? V : never
  const multi = [
    actor(30, 'case-procurator', 'dept-head'),
    actor(31, 'chief', 'finance'),
    actor(32, 'dept-head', 'chief'),
  ]
  const pool = [...staff, ...multi]
  const exits: readonly ActionType[] = ['withdraw', 'refuse-out-of-scope', 'deem-abandoned']
  const starts = [...Object.values(byState), ok(clue, 'start-advance', jcg, '2026-03-03')]

  function variantOf(variant: string, base: WorkflowAction): WorkflowAction {
    switch (variant) {
      case 'x1':
        return base.type === 'record-review' ? { ...base, exclusionChecks: [{ code: 'X1', hit: true }] } : base
      case 'x7':
        return base.type === 'record-review' ? { ...base, exclusionChecks: [{ code: 'X7', hit: true }] } : base
      case 'refuse':
        return base.type === 'propose'
          ? { type: 'propose', decision: 'refuse', refusalReasons: ['no-hardship'], text: '不存在急迫困难' }
          : base
      case 'disagree':
        return base.type === 'approve-step' || base.type === 'approve-advance'
          ? { ...base, decision: 'disagree' }
          : base
      case 'over':
        return base.type === 'propose' ? { ...base, amount: amountOverCap } : base
      case 'junk':
        return { ...base, date: 'not-a-date', amountFen: -1 } as WorkflowAction
      default:
        return base
    }
  }

  /** Runs random sequences from every fixture, checking the properties on each step; returns what it reached. */
  function runModel(parameters: fc.Parameters<[Case, StepValue[]]>) {
    const seen = new Set<CaseState>()
    const codes = new Set<string>()
    fc.assert(
      fc.property(fc.constantFrom(...starts), fc.array(step, { minLength: 1, maxLength: 40 }), (start, steps) => {
        let record = start
        let date = TODAY
        for (const s of steps) {
          const d = new Date(`${date}T00:00:00Z`)
          d.setUTCDate(d.getUTCDate() + s.days)
          date = d.toISOString().slice(0, 10)
          const input = deepFreeze(structuredClone(record))
          // Most steps pick an action someone may take (rarely an exit such as withdrawal), so runs reach deep
          // states; some give it to arbitrary staff; the rest are arbitrary actions by arbitrary staff.
          const offered = [...new Set(pool.flatMap((a) => allowedActions(input, a)))]
          const onward = offered.filter((t) => !exits.includes(t))
          const choice = onward.length > 0 && s.exit !== 0 ? onward : offered
          const type = s.guided < 8 && choice.length > 0 ? choice[s.pick % choice.length] : s.type
          const able = pool.filter((a) => allowedActions(input, a).includes(type))
          const who = s.guided < 6 && able.length > 0 ? able[s.who % able.length] : pool[s.who % pool.length]
          const snapshot = structuredClone(input)
          const action = variantOf(s.variant, payloadFor(type, input, date))
          const r = transition(input, action, who, now(date))
          expect(input).toEqual(snapshot)
          const closed = isTerminal(input.state) && !terminalExceptions[input.state]?.includes(type)
          expect(closed && r.ok, `${type} on a closed case (${input.state}) succeeded`).toBe(false)
          if (!r.ok) {
            codes.add(r.refusal.code)
            expect(r.refusal.message.length).toBeGreaterThan(0)
          } else {
            expect(caseStates).toContain(r.record.state)
            expect(actionStates[type].from).toContain(input.state)
            expect(actionStates[type].to).toContain(r.record.state)
            expect(allowedActions(input, who)).toContain(type)
            expect(r.events.length).toBeGreaterThan(0)
            expect(r.events.every((e) => e.caseId === input.id && e.action === type && e.by === who.userId)).toBe(true)
            const parsed = caseSchema.safeParse(r.record)
            if (!parsed.success) throw new Error(`${type}: ${JSON.stringify(parsed.error.issues)}`)
            record = r.record
            seen.add(record.state)
          }
        }
      }),
      parameters,
    )
    return { seen, codes }
  }

  it('never leaves the graph, never mutates, terminal states stay terminal, successes always report events', () => {
    runModel({ numRuns: 400 })
  })

  it('with a fixed seed, the runs reach every state some action leads to and meet every kind of refusal', () => {
    const { seen, codes } = runModel({ numRuns: 600, seed: 20261128 })
    const targets = new Set(actionTypes.flatMap((t) => actionStates[t].to))
    expect(caseStates.filter((st) => targets.has(st) && !seen.has(st))).toEqual([])
    for (const code of ['wrong-state', 'role-not-allowed', 'step-role', 'separation-of-duties', 'data-missing']) {
      expect(codes.has(code), code).toBe(true)
    }
  })

  it('actions are validated by the action schema with Chinese labels for every action', () => {
    for (const type of actionTypes) {
      expect(actionLabels[type]).toMatch(/[\u4e00-\u9fa5]/)
      expect(workflowActionSchema.safeParse(payloadFor(type, byState.paid, TODAY)).success).toBe(true)
    }
  })
})
