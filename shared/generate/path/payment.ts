import type { CaseState, RecoveryTrigger } from '../../domain/schemas'
import { recoveryNotes } from '../texts'
import type { StageEnd } from './opening'
import type { PathPlanner } from './planner'

/**
 * After the grant: 申请拨付 (when the scenario asks for funds), 资金到位 with its fund splits (bound late), 领取通知,
 * 发放 (transfer or in person; custody for some minors; 委托发放 rarely) and, after 先行救助, the paperwork completed.
 */
export function payOut(p: PathPlanner): StageEnd {
  const { s, b, rng, f, ctx } = p
  const { late, office } = ctx
  if (p.withdrawHere('granted')) return 'stop'
  if (s.requestFunds) {
    b.wait(1, 10)
    const requestDate = b.date
    b.step('request-funds', 'finance', 'awaiting-funds', () => ({ type: 'request-funds', requestDate }))
    if (p.withdrawHere('awaiting-funds')) return 'stop'
    b.wait(5, 40)
  } else {
    b.wait(0, 7)
  }
  const receivedDate = b.date
  b.step('funds-received', 'finance', 'awaiting-collection', () => ({
    type: 'funds-received',
    receivedDate,
    splits: late.splits ?? [{ source: 'county', amountFen: p.grantedFen ?? 1 }],
  }))
  if (b.steps.at(-1)?.type === 'funds-received') p.fundsDate = receivedDate
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
    receiptRef: `${office.unit.shortName}救领〔${paidDate.slice(0, 4)}〕${receiptSeq}号`,
  }))
  if (p.advanceGranted) {
    b.wait(2, 6)
    const date = b.date
    b.step('complete-advance-paperwork', 'ks', 'paid', () => ({
      type: 'complete-advance-paperwork',
      date,
      documentNo: p.doc('救决'),
    }))
  }
  return 'go'
}

/** After payment: 回访, 归档, and 追回 (opened, and closed with what was recovered and a referral for misconduct). */
export function afterPayment(p: PathPlanner): StageEnd {
  const { s, b, rng } = p
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
  if (s.recovery === 'none') return 'go'
  b.wait(10, 300)
  const date = b.date
  const trigger = rng.weighted<RecoveryTrigger>([
    ['fraud', 60],
    ['improper-payment', 20],
    ['withholding', 8],
    ['embezzlement', 6],
    ['misappropriation', 6],
  ])
  const due = p.grantedFen ?? 100
  const amountFen =
    trigger === 'fraud' || trigger === 'improper-payment' ? due : Math.max(100, Math.round(due / 200) * 100)
  b.step('start-recovery', 'ks', 'recovery', () => ({
    type: 'start-recovery',
    trigger,
    amountFen,
    date,
    note: recoveryNotes[trigger],
  }))
  if (s.recovery !== 'closed') return 'go'
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
  return 'go'
}
