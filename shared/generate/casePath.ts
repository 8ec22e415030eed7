import { amountComputationRecord } from '../domain/amount'
import { addCalendarDaysDeadline, isWorkingDay } from '../domain/calendar'
import { fromEpochDay, toEpochDay } from '../domain/dates'
import type {
  AmountComputation,
  Case,
  CaseState,
  ExclusionCode,
  FundingSplit,
  Informing,
  MaterialEntry,
  MaterialItem,
  RecoveryTrigger,
  Verification,
} from '../domain/schemas'
import { type ActionType, requiredMaterials, type WorkflowAction } from '../domain/workflow'
import type { CaseFacts } from './facts'
import type { OfficeSpec } from './hierarchy'
import type { Rng } from './random'
import type { GeneratorRules } from './rules'
import type { Scenario } from './scenario'
import {
  advanceReasons,
  approvalOpinion,
  factorsText,
  grantOpinion,
  recoveryNotes,
  refusalText,
  withdrawReasons,
} from './texts'

export type StepRole = 'ba' | 'ks' | 'head' | 'chief' | 'finance'

/** One workflow action of a generated case: when, by whom, the state it leads to, and its payload. */
export interface PlannedStep {
  type: ActionType
  date: string
  role: StepRole
  after: CaseState
  action: () => WorkflowAction
}

/** Values known only after all of an office's cases are planned (numbers, fund splits, person ids). */
export interface LateBound {
  caseYear?: number
  caseSeq?: number
  splits?: FundingSplit[]
  applicantId?: string
}

export interface CasePath {
  steps: PlannedStep[]
  /** The clue's 告知, if the party was informed while it was a clue (carried into the case at opening). */
  clueInforming?: Informing
  /** The clue was recorded on this date (= the case's clueDate). */
  clueDate: string
  /** The case is opened (its first step) on this date; for `start: 'none'` the opening itself. */
  openDate: string
  /** The planned stop state was reached (or, without one, the path ran to its end) on or before asOf. */
  complete: boolean
  /** Date of the last planned step, even beyond asOf (used to place planted cases). */
  endDate: string
  grantedFen?: number
  fundsDate?: string
}

export interface PathContext {
  office: OfficeSpec
  rules: GeneratorRules
  asOf: string
  /** The case-department member who informs the party of a clue. */
  informer: { name: string; id: string }
  /** Another procuratorate for 委托调查 / 委托发放. */
  otherUnit: { code: string; name: string }
  late: LateBound
}

const NUMBERING: ReadonlySet<ActionType> = new Set(['apply', 'start-ex-officio', 'start-advance'])
export function isNumberingStep(type: ActionType): boolean {
  return NUMBERING.has(type)
}

const workingDays = new Map<number, boolean>()

/** calendar.ts `isWorkingDay`, memoised by epoch day (a national run asks tens of millions of times). */
function isWorkingEpochDay(day: number): boolean {
  let w = workingDays.get(day)
  if (w === undefined) {
    w = isWorkingDay(fromEpochDay(day))
    workingDays.set(day, w)
  }
  return w
}

class Builder {
  readonly steps: PlannedStep[] = []
  t: number
  /** The path ended logically: terminal state, withdrawal, or the planned stop state. */
  ended = false
  /** A step fell after asOf: later steps are planned (for their dates) but not taken. */
  truncated = false
  stopReached = false
  /** Date the planned stop state is (or would be) reached. */
  stopDate?: string
  /** Latest date of any planned step, taken or not. */
  lastPlanned: string

  constructor(
    private readonly rng: Rng,
    start: string,
    private readonly asOf: string,
    private readonly stopAt: CaseState | undefined,
  ) {
    this.t = toEpochDay(start)
    this.lastPlanned = start
  }

  get date(): string {
    return fromEpochDay(this.t)
  }

  /** Moves the cursor min..max days on, to the next working day. */
  wait(min: number, max: number): this {
    this.t += this.rng.int(min, max)
    while (!isWorkingEpochDay(this.t)) this.t++
    return this
  }

  step(type: ActionType, role: StepRole, after: CaseState, action: () => WorkflowAction): void {
    if (this.ended) return
    const date = this.date
    if (date > this.lastPlanned) this.lastPlanned = date
    if (date > this.asOf) this.truncated = true
    if (!this.truncated) this.steps.push({ type, date, role, after, action })
    if (after === this.stopAt) {
      this.stopDate = date
      this.stopReached = !this.truncated
      this.ended = true
    }
  }
}

/**
 * Plans the workflow actions of one case from its scenario and facts, starting at `anchor` (the clue date), in
 * the order and with the date rules of shared/domain/workflow (every date on or after the step it follows, none
 * after `asOf`). The office then runs the steps through `transition`, so every record is reached legitimately.
 */
export function planPath(ctx: PathContext, rng: Rng, s: Scenario, f: CaseFacts, anchor: string): CasePath {
  const { office, late } = ctx
  const short = office.unit.shortName
  const b = new Builder(rng, anchor, ctx.asOf, s.stopAt)
  const clueDate = b.date
  const doc = (kind: string) => `${short}${kind}〔${late.caseYear ?? clueDate.slice(0, 4)}〕${late.caseSeq ?? 1}号`
  let clueInforming: Informing | undefined
  if (s.clue !== 'none' && s.clueInformed) {
    b.wait(0, 12)
    clueInforming = {
      byName: ctx.informer.name,
      byUserId: ctx.informer.id,
      method: rng.chance(0.7) ? 'written' : 'oral',
      date: b.date,
      response: 'will-apply',
    }
  }
  // A case from a clue is opened when the party applies; the office may open a file before that (start 'none').
  if (s.clue !== 'none') b.wait(s.start === 'none' ? 1 : 3, s.start === 'none' ? 20 : 40)
  const openDate = b.date
  const informing = clueInforming
  if (informing) b.step('inform', 'ks', 'informed', () => ({ type: 'inform', informing }))
  const materialRules = ctx.rules.at(clueDate).options.materials
  const required = (withApplication: boolean): MaterialItem[] =>
    requiredMaterials(
      { capacity: f.capacity, relation: f.relation, ...(withApplication ? { applicationDate: clueDate } : {}) } as Case,
      materialRules,
    )
  const received = (items: readonly MaterialItem[], date: string, byOffice = false): MaterialEntry[] =>
    items.map((item) => ({
      item,
      received: true,
      receivedDate: date,
      ...(byOffice && item === 'hardshipProof' ? { obtainedByOffice: true } : {}),
    }))

  let governing = clueDate
  let grantedFen: number | undefined
  let advanceGranted = false
  let reviewStart = clueDate
  let overridden = false
  let fundsDate: string | undefined

  const withdrawHere = (state: CaseState): boolean => {
    if (s.outcome !== 'withdraw' || s.withdrawAt !== state || b.ended) return false
    b.wait(1, 20)
    const reason = rng.pick(withdrawReasons)
    const date = b.date
    b.step('withdraw', 'ks', 'withdrawn', () => ({ type: 'withdraw', date, reason }))
    b.ended = true
    return true
  }

  const startAdvance = (fromState: CaseState): boolean => {
    const date = b.date
    const reason = rng.pick(advanceReasons)
    const proposedFen = f.advanceFen
    // An advance names its 救助情形 and the basis of its amount at once, as the paperwork requires them (S7).
    const categoryItemCode = categoryCode(ctx.rules.at(governing).ruleSet.id, f.kind)
    const factors = factorsText[f.kind]
    b.step('start-advance', 'ks', 'advance', () => ({
      type: 'start-advance',
      date,
      reason,
      proposedFen,
      categoryItemCode,
      factorsText: factors,
    }))
    if (rng.chance(0.15)) b.wait(1, 1)
    const agree = s.advanceAgree
    b.step('approve-advance', 'chief', agree ? 'granted' : fromState, () => ({
      type: 'approve-advance',
      decision: agree ? 'agree' : 'disagree',
      opinion: agree ? '情况紧急，同意先行救助。' : '不符合先行救助条件，按正常程序办理。',
    }))
    if (agree) {
      grantedFen = proposedFen
      advanceGranted = true
    }
    return agree
  }

  const review = () => {
    b.wait(1, 5)
    const recordDate = b.date
    const verifications: Verification[] = [{ kind: 'file-review', date: reviewStart }]
    if (rng.chance(0.8)) verifications.push({ kind: 'interview', date: recordDate })
    if (rng.chance(0.45)) {
      verifications.push({ kind: 'site-visit', date: recordDate, note: '走访村（居）委会核实家庭经济状况。' })
    }
    if (rng.chance(0.08)) {
      verifications.push({
        kind: 'delegated-investigation',
        date: reviewStart,
        unitName: ctx.otherUnit.name,
        replyDate: recordDate,
      })
    }
    const hit: ExclusionCode | undefined =
      s.outcome === 'refuse' && /^X\d$/.test(s.refusalReason)
        ? (s.refusalReason as ExclusionCode)
        : s.override && s.outcome === 'grant'
          ? 'X6'
          : undefined
    const exclusionChecks = (['X1', 'X2', 'X3', 'X4', 'X5', 'X6'] as const).map((code) =>
      code === hit
        ? { code, hit: true, evidence: code === 'X6' ? '申请人已领取临时救助金二千元。' : '经调查核实，存在该情形。' }
        : { code, hit: false },
    )
    const compensationReceivedFen =
      s.outcome === 'refuse' && s.refusalReason === 'compensated'
        ? rng.int(50, 300) * 100 * 100
        : rng.chance(0.12)
          ? rng.int(10, 200) * 100 * 100
          : 0
    const socialAssistanceReceivedFen = hit === 'X6' || rng.chance(0.1) ? rng.int(2, 50) * 100 * 100 : 0
    b.step('record-review', 'ks', 'review', () => ({
      type: 'record-review',
      verifications,
      compensationReceivedFen,
      socialAssistanceReceivedFen,
      exclusionChecks,
      duplicateCheckDone: true,
    }))
    if (hit === 'X6' && s.outcome === 'grant' && !overridden) {
      overridden = true
      b.wait(0, 2)
      b.step('override-exclusion', 'ks', 'review', () => ({
        type: 'override-exclusion',
        code: 'X6',
        reason: '临时救助金额较小，不足以解决因案造成的生活困难，不适用该情形。',
      }))
    }
  }

  const propose = (amountFen: number) => {
    b.wait(0, 2)
    if (s.outcome === 'refuse') {
      const reason = s.refusalReason
      b.step('propose', 'ks', 'opinion', () => ({
        type: 'propose',
        decision: 'refuse',
        refusalReasons: [reason],
        text: refusalText[reason] ?? '经审查，申请人不符合国家司法救助条件，建议不予救助。',
      }))
      return
    }
    const ruleAt = ctx.rules.at(governing)
    const region = office.unit.regionCode ?? office.area.regionCode
    const wage = ctx.rules.wage(governing, office.area.regionCode, region)
    const cap = wage.monthlyWageFen * ruleAt.rules.amount.capMonths
    const proposedFen = s.overCap ? Math.round((cap * (1.05 + 0.25 * rng.next())) / 10_000) * 10_000 : amountFen
    const year = b.date.slice(0, 4)
    const amount: AmountComputation = amountComputationRecord({
      ruleSetId: ruleAt.ruleSet.id,
      wageYear: wage.requestedYear,
      wageRegionCode: wage.regionCode,
      monthlyWageFen: wage.monthlyWageFen,
      wageSeries: wage.series,
      wageFallbacks: wage.fallbacks,
      months: ruleAt.rules.amount.capMonths,
      proposedFen,
      ...(s.overCap
        ? {
            overCapApproval: { ref: `${short}检委〔${year}〕${rng.int(1, 20)}号`, body: '检察委员会' },
            courtAwardCeilingFen: Math.round((proposedFen * (1.1 + 0.4 * rng.next())) / 10_000) * 10_000,
          }
        : {}),
      factorsText: factorsText[f.kind],
    })
    const categoryItemCode = categoryCode(ruleAt.ruleSet.id, f.kind)
    const text = rng.pick(grantOpinion)
    grantedFen = proposedFen
    b.step('propose', 'ks', 'opinion', () => ({ type: 'propose', decision: 'grant', amount, categoryItemCode, text }))
  }

  const approveRound = (hiccup: Scenario['hiccup']): Scenario['hiccup'] => {
    b.wait(0, 1)
    b.step('submit-opinion', 'ks', 'approval', () => ({ type: 'submit-opinion' }))
    if (withdrawHere('approval')) return 'none'
    b.wait(0, 2)
    if (hiccup === 'return') {
      const opinion = rng.pick(approvalOpinion.return)
      b.step('approve-step', 'head', 'review', () => ({ type: 'approve-step', decision: 'return', opinion }))
      return 'return'
    }
    const o1 = rng.pick(approvalOpinion.agree)
    b.step('approve-step', 'head', 'approval', () => ({ type: 'approve-step', decision: 'agree', opinion: o1 }))
    b.wait(0, 2)
    if (hiccup === 'disagree') {
      const opinion = rng.pick(approvalOpinion.disagree)
      b.step('approve-step', 'chief', 'opinion', () => ({ type: 'approve-step', decision: 'disagree', opinion }))
      return 'disagree'
    }
    const o2 = rng.pick(approvalOpinion.agree)
    b.step('approve-step', 'chief', 'approval', () => ({ type: 'approve-step', decision: 'agree', opinion: o2 }))
    if (s.overCap && s.outcome === 'grant') {
      b.wait(3, 10)
      const ref = `${short}检委〔${b.date.slice(0, 4)}〕${rng.int(1, 20)}号`
      const opinion = '经检察委员会研究，同意超过限额给予救助。'
      b.step('approve-step', 'chief', 'approval', () => ({ type: 'approve-step', decision: 'agree', opinion, ref }))
    }
    return 'none'
  }

  // ── first action ────────────────────────────────────────────────────────────────────────────────────────────
  if (s.start === 'none') {
    if (s.stopAt === 'clue') {
      b.stopDate = openDate
      b.stopReached = openDate <= ctx.asOf
    }
    return finish()
  }
  let viaAdvance = s.start === 'advance' && startAdvance('clue')
  if (!viaAdvance && s.start === 'ex-officio') {
    const date = b.date
    governing = date
    b.step('start-ex-officio', 'ks', 'ex-officio', () => ({
      type: 'start-ex-officio',
      date,
      reason: '办案中发现被害人因案致困，符合救助条件，依职权启动救助程序。',
    }))
    if (withdrawHere('ex-officio')) return finish()
  } else if (!viaAdvance) {
    const date = b.date
    governing = date
    const needed = required(true)
    const missing: MaterialItem[] =
      s.supplement === 'none'
        ? []
        : rng.sample(
            needed.filter((i) => i !== 'application' && i !== 'identity'),
            rng.int(1, 2),
          )
    const materials = needed.map(
      (item): MaterialEntry =>
        missing.includes(item) ? { item, received: false } : { item, received: true, receivedDate: date },
    )
    const form = rng.chance(0.85) ? 'written' : 'oral'
    const capacity = f.capacity
    b.step('apply', 'ks', 'applied', () => ({ type: 'apply', date, form, capacity, materials }))
    if (s.supplement !== 'none') {
      b.wait(0, 5)
      const noticeDate = b.date
      b.step('request-supplement', 'ks', 'needs-supplement', () => ({
        type: 'request-supplement',
        noticeDate,
        missingItems: missing,
      }))
      const due = addCalendarDaysDeadline(noticeDate, ctx.rules.at(governing).rules.timeLimits.supplementDays.value)
      if (s.supplement === 'abandoned') {
        b.t = toEpochDay(due)
        b.wait(1, 10)
        b.step('deem-abandoned', 'ks', 'abandoned', () => ({ type: 'deem-abandoned' }))
        return finish()
      }
      b.wait(3, 25)
      if (b.date > due) b.t = toEpochDay(due)
      const receivedDate = b.date
      const more = received(missing, receivedDate)
      b.step('receive-supplement', 'ks', 'applied', () => ({
        type: 'receive-supplement',
        receivedDate,
        materials: more,
      }))
    }
    if (withdrawHere('applied')) return finish()
    if (s.outOfScope) {
      b.wait(1, 8)
      const d = b.date
      const reasons = [rng.pick(['not-case-related', 'out-of-jurisdiction', 'no-harm'] as const)]
      b.step('refuse-out-of-scope', 'chief', 'refused', () => ({
        type: 'refuse-out-of-scope',
        date: d,
        reasons,
        documentNo: doc('不救决'),
        explanation: { method: 'in-person', date: d, note: '当面告知不予救助的理由并解释说明。' },
      }))
      return finish()
    }
  }

  if (!viaAdvance) {
    // ── acceptance, review, opinion, approval, decision ───────────────────────────────────────────────────────
    b.wait(0, 2)
    const acceptDate = b.date
    const exMaterials = s.start === 'ex-officio' ? received(required(false), acceptDate, true) : undefined
    b.step('accept', 'ks', 'accepted', () =>
      exMaterials ? { type: 'accept', date: acceptDate, materials: exMaterials } : { type: 'accept', date: acceptDate },
    )
    if (withdrawHere('accepted')) return finish()
    b.wait(0, 1)
    reviewStart = b.date
    const reviewDate = reviewStart
    b.step('begin-review', 'ks', 'review', () => ({ type: 'begin-review', date: reviewDate }))
    if (s.midAdvance) {
      b.wait(0, 2)
      viaAdvance = startAdvance('review')
    }
  }

  if (!viaAdvance) {
    review()
    if (withdrawHere('review')) return finish()
    propose(f.proposedFen)
    if (withdrawHere('opinion')) return finish()
    const result = approveRound(s.hiccup)
    if (result === 'return') {
      review()
      propose(f.proposedFen)
      approveRound('none')
    } else if (result === 'disagree') {
      propose(f.revisedFen)
      approveRound('none')
    }
    if (b.ended) return finish()
    b.wait(0, 1)
    const decisionDate = b.date
    const service = { serviceDate: decisionDate, serviceMethod: rng.chance(0.8) ? 'in-person' : 'post' } as const
    if (s.outcome === 'refuse') {
      const method = rng.chance(0.7) ? 'in-person' : 'phone'
      b.step('decide-refuse', 'ks', 'refused', () => ({
        type: 'decide-refuse',
        documentNo: doc('不救决'),
        ...service,
        explanation: { method, date: decisionDate },
      }))
      return finish()
    }
    b.step('decide-grant', 'ks', 'granted', () => ({ type: 'decide-grant', documentNo: doc('救决'), ...service }))
  }
  if (withdrawHere('granted')) return finish()

  // ── funds and payment ───────────────────────────────────────────────────────────────────────────────────────
  if (s.requestFunds) {
    b.wait(1, 10)
    const requestDate = b.date
    b.step('request-funds', 'finance', 'awaiting-funds', () => ({ type: 'request-funds', requestDate }))
    if (withdrawHere('awaiting-funds')) return finish()
    b.wait(5, 40)
  } else {
    b.wait(0, 7)
  }
  const receivedDate = b.date
  b.step('funds-received', 'finance', 'awaiting-collection', () => ({
    type: 'funds-received',
    receivedDate,
    splits: late.splits ?? [{ source: 'county', amountFen: grantedFen ?? 1 }],
  }))
  if (b.steps.at(-1)?.type === 'funds-received') fundsDate = receivedDate
  if (rng.chance(0.92)) b.wait(0, 2)
  else b.wait(3, 8)
  const noticeDate = b.date
  const noticeMethod = rng.chance(0.6) ? 'oral' : 'written'
  b.step('notify-collection', 'ks', 'awaiting-collection', () => ({
    type: 'notify-collection',
    date: noticeDate,
    method: noticeMethod,
  }))
  b.wait(1, 15)
  const paidDate = b.date
  const transfer = rng.chance(0.82) && !!f.applicant.bankAccount
  const minor = f.victim?.priorityFlags.includes('minor') ?? false
  const custody = minor && rng.chance(0.4)
  const delegated = rng.chance(0.02)
  const receiptSeq = rng.int(1, 999)
  b.step('pay', 'finance', 'paid', () => ({
    type: 'pay',
    method: transfer ? 'transfer' : 'in-person',
    payeeName: f.applicant.name,
    ...(late.applicantId ? { payeePersonId: late.applicantId } : {}),
    ...(transfer ? { account: f.applicant.bankAccount } : {}),
    ...(delegated ? { delegatedUnit: ctx.otherUnit.code } : {}),
    ...(custody
      ? { custody: { custodian: `${office.area.name}民政局`, note: '救助金由民政部门代管，按月发放。' } }
      : {}),
    paidDate,
    receiptRef: `${short}救领〔${paidDate.slice(0, 4)}〕${receiptSeq}号`,
  }))
  if (advanceGranted) {
    b.wait(2, 6)
    const date = b.date
    b.step('complete-advance-paperwork', 'ks', 'paid', () => ({
      type: 'complete-advance-paperwork',
      date,
      documentNo: doc('救决'),
    }))
  }
  let last: CaseState = 'paid'
  if (s.followUp) {
    b.wait(7, 60)
    const date = b.date
    b.step('start-follow-up', 'ks', 'follow-up', () => ({ type: 'start-follow-up', date }))
    last = 'follow-up'
  }
  if (s.archive) {
    b.wait(s.followUp ? 30 : 20, s.followUp ? 200 : 120)
    const date = b.date
    b.step('archive', 'ks', 'archived', () => ({ type: 'archive', date }))
    last = 'archived'
  }
  if (s.recovery !== 'none') {
    b.wait(10, 300)
    const date = b.date
    const trigger = rng.weighted<RecoveryTrigger>([
      ['fraud', 60],
      ['improper-payment', 20],
      ['withholding', 8],
      ['embezzlement', 6],
      ['misappropriation', 6],
    ])
    const due = grantedFen ?? 100
    const amountFen =
      trigger === 'fraud' || trigger === 'improper-payment' ? due : Math.max(100, Math.round(due / 200) * 100)
    b.step('start-recovery', 'ks', 'recovery', () => ({
      type: 'start-recovery',
      trigger,
      amountFen,
      date,
      note: recoveryNotes[trigger],
    }))
    if (s.recovery === 'closed') {
      b.wait(20, 150)
      const closeDate = b.date
      const share = rng.weighted<number>([
        [1, 60],
        [0.5, 30],
        [0, 10],
      ])
      const recoveredFen = Math.round((amountFen * share) / 100) * 100
      const misconduct = trigger === 'withholding' || trigger === 'embezzlement' || trigger === 'misappropriation'
      b.step('close-recovery', 'finance', last, () => ({
        type: 'close-recovery',
        recoveredFen,
        date: closeDate,
        ...(misconduct ? { referral: { body: 'discipline-inspection', date: closeDate } } : {}),
        note: recoveredFen > 0 ? '追回款项已缴回救助资金专户。' : '经多次催缴，暂无可追回财产。',
      }))
    }
  }
  return finish()

  function finish(): CasePath {
    const complete = s.stopAt ? b.stopReached : !b.truncated && openDate <= ctx.asOf
    return {
      steps: b.steps,
      ...(clueInforming ? { clueInforming } : {}),
      clueDate,
      openDate,
      complete,
      endDate: s.stopAt ? (b.stopDate ?? b.lastPlanned) : b.lastPlanned,
      ...(grantedFen !== undefined ? { grantedFen } : {}),
      ...(fundsDate ? { fundsDate } : {}),
    }
  }
}

/** The art. 7 item code of a kind of harm under a rule set (codes of resources/rulesets/*.json). */
export function categoryCode(ruleSetId: string, kind: CaseFacts['kind']): string {
  if (ruleSetId.startsWith('2014')) {
    const map = { injury: '1', urgent: '2', death: '3', property: '4', witness: '5', civil: '7', other: '8' } as const
    return kind === 'petition' ? '2014-xf' : `2014-${map[kind]}`
  }
  const year = ruleSetId.slice(0, 4)
  const map = { injury: 1, urgent: 2, death: 3, property: 4, witness: 5, civil: 6, other: 7, petition: 7 } as const
  return `${year}-7-${map[kind]}`
}
