import { formatYuanWithUnit } from '../money'
import type { Case, Funding } from '../schemas'
import { type ActionOf, actionLabels } from './actions'
import type { Handler } from './effect'
import { refusal } from './refusal'
import { stateLabels } from './states'

/** Handlers from the grant to archiving and recovery (docs/domain-reference.md §5 #9–#14). */

const fundingOf = (record: Case): Funding => record.funding ?? { splits: [] }

/** #9 待拨款: finance requests the allocation from 财政 (JCB, "及时", H: S9). */
export const requestFunds: Handler<ActionOf<'request-funds'>> = ({ record }, a) => ({
  record: { ...record, state: 'awaiting-funds', funding: { ...fundingOf(record), requestDate: a.requestDate } },
})

/**
 * #9 → #10: the funds arrived (or the budget already holds them). One row per paying level or donation; the rows
 * must add up to the granted amount (joint funding, H: S24).
 */
export const fundsReceived: Handler<ActionOf<'funds-received'>> = ({ record }, a) => {
  const funding = fundingOf(record)
  const total = a.splits.reduce((s, x) => s + x.amountFen, 0)
  const granted = record.decision?.grantedFen
  if (total !== granted) {
    return refusal('funding-mismatch', { total: formatYuanWithUnit(total), granted: formatYuanWithUnit(granted ?? 0) })
  }
  return {
    record: {
      ...record,
      state: 'awaiting-collection',
      funding: { ...funding, receivedDate: a.receivedDate, splits: a.splits },
    },
    events: [{ type: 'funds-received', date: a.receivedDate, splits: a.splits }],
  }
}

/** #10 待领取: KS notifies the applicant within 2 working days of the funds' arrival (2014 意见, H: S15). */
export const notifyCollection: Handler<ActionOf<'notify-collection'>> = ({ record }, a) => {
  const funding = fundingOf(record)
  return {
    record: { ...record, funding: { ...funding, collectionNoticeDate: a.date, collectionNoticeMethod: a.method } },
    events: [{ type: 'collection-notified', date: a.date }],
  }
}

/**
 * #11 已发放: bank transfer (account required) or in person against signature; may be delegated to another
 * procuratorate or put under custody for a minor (H: S9, S32). The amount is the granted amount.
 */
export const pay: Handler<ActionOf<'pay'>> = ({ record, actor }, a) => {
  const amountFen = record.decision?.grantedFen
  if (amountFen === undefined) return refusal('data-missing', { action: actionLabels.pay, field: 'granted-amount' })
  if (a.method === 'transfer' && !a.account)
    return refusal('data-missing', { action: actionLabels.pay, field: 'account' })
  const { type: _type, ...fields } = a
  return {
    record: { ...record, state: 'paid', payment: { ...fields, amountFen, paidBy: actor.userId } },
    events: [{ type: 'payment-made', date: a.paidDate, amountFen, splits: fundingOf(record).splits }],
  }
}

/**
 * 1e: the advance's paperwork (补办手续) is completed after payment; required before archiving (S7). The paperwork
 * is the grant's record, so it must name the 救助情形 and the basis of the amount: what the start of the advance
 * lacked is given now (and the 救助情形 becomes the case's); without both the paperwork is refused.
 */
export const completeAdvancePaperwork: Handler<ActionOf<'complete-advance-paperwork'>> = ({ record }, a) => {
  const action = actionLabels['complete-advance-paperwork']
  const { advance, decision } = record
  if (!advance || !decision) return refusal('data-missing', { action, field: 'advance' })
  const categoryItemCode = a.categoryItemCode ?? advance.categoryItemCode ?? record.categoryItemCode
  const factorsText = a.factorsText ?? advance.factorsText
  if (!categoryItemCode || !factorsText) {
    const lacking = [categoryItemCode ? '' : '救助情形', factorsText ? '' : '确定金额考虑的因素'].filter(Boolean)
    return refusal('data-missing', { action, field: 'advance-grounds', detail: lacking.join('、') })
  }
  return {
    record: {
      ...record,
      categoryItemCode,
      advance: { ...advance, categoryItemCode, factorsText, paperworkCompletedDate: a.date },
      decision: a.documentNo && !decision.documentNo ? { ...decision, documentNo: a.documentNo } : decision,
    },
    events: [{ type: 'advance-paperwork-completed', date: a.date }],
  }
}

/** #12 回访/多元帮扶: follow-up visits and referrals (records of their own) after payment (S33, S24). */
export const startFollowUp: Handler<ActionOf<'start-follow-up'>> = ({ record }, a) => ({
  record: { ...record, state: 'follow-up', followUpStartDate: a.date },
})

/**
 * #13 归档: the file is closed (一案一档, brief) — after payment (or follow-up), and also after a decision not to
 * assist or a withdrawal, so that those files are closed too. The date is checked against the step that ended the
 * case. A case deemed abandoned stays as it is: the reports recognise it by its state (docs/case-handling.md).
 */
export const archive: Handler<ActionOf<'archive'>> = ({ record }, a) => ({
  record: { ...record, state: 'archived', archiveDate: a.date },
})

/** #14 追回: money obtained by fraud or paid wrongly is recovered, at most what was paid (H: S28). */
export const startRecovery: Handler<ActionOf<'start-recovery'>> = ({ record, actor }, a) => {
  const paid = record.payment?.amountFen ?? 0
  if (a.amountFen > paid) {
    return refusal('amount-invalid', {
      action: actionLabels['start-recovery'],
      reason: 'recovery-exceeds-paid',
      amount: formatYuanWithUnit(a.amountFen),
      limit: formatYuanWithUnit(paid),
    })
  }
  if (record.state !== 'paid' && record.state !== 'follow-up' && record.state !== 'archived') {
    return refusal('wrong-state', { action: actionLabels['start-recovery'], state: stateLabels[record.state] })
  }
  const recovery = {
    trigger: a.trigger,
    amountFen: a.amountFen,
    startedDate: a.date,
    startedBy: actor.userId,
    fromState: record.state,
    ...(a.note ? { note: a.note } : {}),
  }
  return {
    record: { ...record, state: 'recovery', recoveries: [...record.recoveries, recovery] },
    events: [{ type: 'recovery-started', amountFen: a.amountFen }],
  }
}

/** #14 closed: what came back and when; misconduct referred to 纪检监察/审计. The case returns to where it stood. */
export const closeRecovery: Handler<ActionOf<'close-recovery'>> = ({ record }, a) => {
  const open = record.recoveries.at(-1)
  if (!open) return refusal('data-missing', { action: actionLabels['close-recovery'], field: 'recovery' })
  if (a.recoveredFen > open.amountFen) {
    return refusal('amount-invalid', {
      action: actionLabels['close-recovery'],
      reason: 'recovered-exceeds-due',
      amount: formatYuanWithUnit(a.recoveredFen),
      limit: formatYuanWithUnit(open.amountFen),
    })
  }
  const closed = {
    ...open,
    recoveredFen: a.recoveredFen,
    recoveredDate: a.date,
    closedDate: a.date,
    ...(a.referral ? { referral: a.referral } : {}),
    ...(a.note ? { note: a.note } : {}),
  }
  return {
    record: { ...record, state: open.fromState, recoveries: [...record.recoveries.slice(0, -1), closed] },
    events: [{ type: 'recovery-closed', date: a.date, recoveredFen: a.recoveredFen }],
  }
}
