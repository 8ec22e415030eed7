import { amountComputationRecord } from '../../domain/amount'
import type {
  AmountComputation,
  Case,
  CaseState,
  ExclusionCode,
  Informing,
  MaterialEntry,
  MaterialItem,
  Verification,
} from '../../domain/schemas'
import { requiredMaterials } from '../../domain/workflow'
import type { CaseFacts } from '../facts'
import type { Rng } from '../random'
import type { Scenario } from '../scenario'
import { advanceReasons, approvalOpinion, factorsText, grantOpinion, refusalText, withdrawReasons } from '../texts'
import { Builder } from './builder'
import { categoryCode } from './category'
import type { CasePath, PathContext } from './types'

/**
 * One case being planned: its cursor (Builder), what is known so far (governing date, amount granted, whether an
 * advance was granted or an exclusion overridden) and the steps more than one stage takes — withdrawal, 先行救助,
 * review, proposal, an approval round. The stages (opening.ts, decision.ts, payment.ts) call these in the order of
 * shared/domain/workflow; every random draw happens in that order, so a seed gives the same case every time.
 */
export class PathPlanner {
  readonly b: Builder
  readonly clueDate: string
  readonly openDate: string
  readonly clueInforming?: Informing
  /** The date whose rules govern the case (application or ex-officio start). */
  governing: string
  grantedFen?: number
  advanceGranted = false
  /** The case reached its decision through 先行救助 (no ordinary acceptance, review and approval). */
  viaAdvance = false
  reviewStart: string
  overridden = false
  fundsDate?: string
  private readonly materialRules: ReturnType<PathContext['rules']['at']>['options']['materials']

  constructor(
    readonly ctx: PathContext,
    readonly rng: Rng,
    readonly s: Scenario,
    readonly f: CaseFacts,
    anchor: string,
  ) {
    const b = new Builder(rng, anchor, ctx.asOf, s.stopAt)
    this.b = b
    this.clueDate = b.date
    if (s.clue !== 'none' && s.clueInformed) {
      b.wait(0, 12)
      this.clueInforming = {
        byName: ctx.informer.name,
        byUserId: ctx.informer.id,
        method: rng.chance(0.7) ? 'written' : 'oral',
        date: b.date,
        response: 'will-apply',
      }
    }
    // A case from a clue is opened when the party applies; the office may open a file before that (start 'none').
    if (s.clue !== 'none') b.wait(s.start === 'none' ? 1 : 3, s.start === 'none' ? 20 : 40)
    this.openDate = b.date
    const informing = this.clueInforming
    if (informing) b.step('inform', 'ks', 'informed', () => ({ type: 'inform', informing }))
    this.materialRules = ctx.rules.at(this.clueDate).options.materials
    this.governing = this.clueDate
    this.reviewStart = this.clueDate
  }

  /** A document number of this case (read when the step's action is built: the case number is bound late). */
  doc(kind: string): string {
    const { late, office } = this.ctx
    return `${office.unit.shortName}${kind}〔${late.caseYear ?? this.clueDate.slice(0, 4)}〕${late.caseSeq ?? 1}号`
  }

  /** The materials the rules at the clue date require of this applicant. */
  required(withApplication: boolean): MaterialItem[] {
    const { f } = this
    return requiredMaterials(
      {
        capacity: f.capacity,
        relation: f.relation,
        ...(withApplication ? { applicationDate: this.clueDate } : {}),
      } as Case,
      this.materialRules,
    )
  }

  received(items: readonly MaterialItem[], date: string, byOffice = false): MaterialEntry[] {
    return items.map((item) => ({
      item,
      received: true,
      receivedDate: date,
      ...(byOffice && item === 'hardshipProof' ? { obtainedByOffice: true } : {}),
    }))
  }

  /** The applicant withdraws here if the scenario says so: true when the path ends with it. */
  withdrawHere(state: CaseState): boolean {
    const { s, b } = this
    if (s.outcome !== 'withdraw' || s.withdrawAt !== state || b.ended) return false
    b.wait(1, 20)
    const reason = this.rng.pick(withdrawReasons)
    const date = b.date
    b.step('withdraw', 'ks', 'withdrawn', () => ({ type: 'withdraw', date, reason }))
    b.ended = true
    return true
  }

  /** 先行救助 from `fromState`, and the chief's approval: true when granted. */
  startAdvance(fromState: CaseState): boolean {
    const { b, rng, f } = this
    const date = b.date
    const reason = rng.pick(advanceReasons)
    const proposedFen = f.advanceFen
    // An advance names its 救助情形 and the basis of its amount at once, as the paperwork requires them (S7).
    const categoryItemCode = categoryCode(this.ctx.rules.at(this.governing).ruleSet.id, f.kind)
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
    const agree = this.s.advanceAgree
    b.step('approve-advance', 'chief', agree ? 'granted' : fromState, () => ({
      type: 'approve-advance',
      decision: agree ? 'agree' : 'disagree',
      opinion: agree ? '情况紧急，同意先行救助。' : '不符合先行救助条件，按正常程序办理。',
    }))
    if (agree) {
      this.grantedFen = proposedFen
      this.advanceGranted = true
    }
    return agree
  }

  /** 审查核实: the verifications, the exclusion checks (one hit when the scenario refuses or overrides), and money received. */
  review(): void {
    const { b, rng, s } = this
    b.wait(1, 5)
    const recordDate = b.date
    const verifications: Verification[] = [{ kind: 'file-review', date: this.reviewStart }]
    if (rng.chance(0.8)) verifications.push({ kind: 'interview', date: recordDate })
    if (rng.chance(0.45)) {
      verifications.push({ kind: 'site-visit', date: recordDate, note: '走访村（居）委会核实家庭经济状况。' })
    }
    if (rng.chance(0.08)) {
      verifications.push({
        kind: 'delegated-investigation',
        date: this.reviewStart,
        unitName: this.ctx.otherUnit.name,
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
    if (hit === 'X6' && s.outcome === 'grant' && !this.overridden) {
      this.overridden = true
      b.wait(0, 2)
      b.step('override-exclusion', 'ks', 'review', () => ({
        type: 'override-exclusion',
        code: 'X6',
        reason: '临时救助金额较小，不足以解决因案造成的生活困难，不适用该情形。',
      }))
    }
  }

  /** 提出意见: refusal with its reason, or a grant of `amountFen` (over the cap when the scenario says so). */
  propose(amountFen: number): void {
    const { b, rng, s, ctx } = this
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
    const { office } = ctx
    const ruleAt = ctx.rules.at(this.governing)
    const region = office.unit.regionCode ?? office.area.regionCode
    const wage = ctx.rules.wage(this.governing, office.area.regionCode, region)
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
            overCapApproval: { ref: `${office.unit.shortName}检委〔${year}〕${rng.int(1, 20)}号`, body: '检察委员会' },
            courtAwardCeilingFen: Math.round((proposedFen * (1.1 + 0.4 * rng.next())) / 10_000) * 10_000,
          }
        : {}),
      factorsText: factorsText[this.f.kind],
    })
    const categoryItemCode = categoryCode(ruleAt.ruleSet.id, this.f.kind)
    const text = rng.pick(grantOpinion)
    this.grantedFen = proposedFen
    b.step('propose', 'ks', 'opinion', () => ({ type: 'propose', decision: 'grant', amount, categoryItemCode, text }))
  }

  /** 提交审批 and the approvals (部门负责人, 检察长; 检察委员会 over the cap); a hiccup returns or disagrees once. */
  approveRound(hiccup: Scenario['hiccup']): Scenario['hiccup'] {
    const { b, rng, s } = this
    b.wait(0, 1)
    b.step('submit-opinion', 'ks', 'approval', () => ({ type: 'submit-opinion' }))
    if (this.withdrawHere('approval')) return 'none'
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
      const ref = `${this.ctx.office.unit.shortName}检委〔${b.date.slice(0, 4)}〕${rng.int(1, 20)}号`
      const opinion = '经检察委员会研究，同意超过限额给予救助。'
      b.step('approve-step', 'chief', 'approval', () => ({ type: 'approve-step', decision: 'agree', opinion, ref }))
    }
    return 'none'
  }

  /** The planned path as it stands. */
  finish(): CasePath {
    const { b, s } = this
    const complete = s.stopAt ? b.stopReached : !b.truncated && this.openDate <= this.ctx.asOf
    return {
      steps: b.steps,
      ...(this.clueInforming ? { clueInforming: this.clueInforming } : {}),
      clueDate: this.clueDate,
      openDate: this.openDate,
      complete,
      endDate: s.stopAt ? (b.stopDate ?? b.lastPlanned) : b.lastPlanned,
      ...(this.grantedFen !== undefined ? { grantedFen: this.grantedFen } : {}),
      ...(this.fundsDate ? { fundsDate: this.fundsDate } : {}),
    }
  }
}
