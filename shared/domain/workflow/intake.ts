import { addCalendarDaysDeadline } from '../calendar'
import { materialItemLabels } from '../schemas'
import { type ActionOf, actionLabels } from './actions'
import { checkDates, type Handler } from './effect'
import { mergeMaterials, missingMaterials } from './materials'
import { refusal } from './refusal'
import { defaultTimeLimits } from './timeLimits'

/** Handlers of the steps up to acceptance (docs/domain-reference.md §5 #0–#4, 1a, 1e, 3a, "2 → 8b", withdrawal). */

/** #1 已告知: the case-handling department informs the party that they may apply; must be recorded (S7, S9). */
export const inform: Handler<ActionOf<'inform'>> = ({ record, actor }, a) => ({
  record: {
    ...record,
    state: 'informed',
    informing: { ...a.informing, byUserId: a.informing.byUserId ?? actor.userId },
  },
})

/** #1a 依职权启动: KS starts without an application (2018 campaign, S19/S20). */
export const startExOfficio: Handler<ActionOf<'start-ex-officio'>> = ({ record, actor }, a) => ({
  record: { ...record, state: 'ex-officio', exOfficio: { date: a.date, reason: a.reason, by: actor.userId } },
})

/**
 * #1e 先行救助: KS asks the chief at once; remembers where the case stood (S7, S17). The 救助情形 and the basis of
 * the amount, when known already, are kept with the advance; the 救助情形 becomes the case's, as a proposal's does.
 */
export const startAdvance: Handler<ActionOf<'start-advance'>> = ({ record, actor }, a) => ({
  record: {
    ...record,
    state: 'advance',
    ...(a.categoryItemCode ? { categoryItemCode: a.categoryItemCode } : {}),
    advance: {
      reason: a.reason,
      proposedFen: a.proposedFen,
      ...(a.categoryItemCode ? { categoryItemCode: a.categoryItemCode } : {}),
      ...(a.factorsText ? { factorsText: a.factorsText } : {}),
      ...(a.courtAwardCeilingFen !== undefined ? { courtAwardCeilingFen: a.courtAwardCeilingFen } : {}),
      requestedBy: actor.userId,
      requestedDate: a.date,
      fromState: record.state,
    },
  },
})

/**
 * #1e → granted: the chief approves the advance at once and it counts as the grant (paperwork follows, S7); a
 * disagreement sends the case back to where it stood, on the normal procedure. `ref` is the escalation body's
 * decision when the command layer requires one; it is only carried here.
 */
export const approveAdvance: Handler<ActionOf<'approve-advance'>> = ({ record, actor, now }, a) => {
  const advance = record.advance
  if (!advance) return refusal('data-missing', { action: actionLabels['approve-advance'], field: 'advance' })
  const decided = {
    ...advance,
    decision: a.decision,
    decidedBy: actor.userId,
    decidedAt: now.instant,
    opinion: a.opinion,
    ...(a.ref ? { escalationRef: a.ref } : {}),
  }
  if (a.decision === 'disagree') return { record: { ...record, state: advance.fromState, advance: decided } }
  const late = checkDates(now, [['decision', now.date, ['application', record.applicationDate]]])
  if (late) return late
  return {
    record: {
      ...record,
      state: 'granted',
      advance: decided,
      decisionDate: now.date,
      decision: { outcome: 'granted', grantedFen: advance.proposedFen, advance: true },
    },
    events: [{ type: 'decision-issued', outcome: 'granted', grantedFen: advance.proposedFen }],
  }
}

/** #2 已申请: a written application, or an oral one with a 笔录; an agent may file (S6, S7, S8). */
export const apply: Handler<ActionOf<'apply'>> = ({ record, actor }, a) => ({
  record: {
    ...record,
    state: 'applied',
    applicationDate: a.date,
    capacity: a.capacity,
    application: {
      form: a.form,
      receivedBy: actor.userId,
      ...(a.receiptDocumentId ? { receiptDocumentId: a.receiptDocumentId } : {}),
    },
    materials: mergeMaterials(record.materials, a.materials),
  },
})

/**
 * #3a 待补正: notice within 5 working days; the applicant has 30 days from it (S8; limits configurable). The due
 * date is fixed on the record now; a period ending on a holiday runs to the next working day (calendar.ts).
 */
export const requestSupplement: Handler<ActionOf<'request-supplement'>> = ({ record, actor, options }, a) => {
  const days = (options.timeLimits ?? defaultTimeLimits).supplementDays.value
  return {
    record: {
      ...record,
      state: 'needs-supplement',
      supplement: {
        noticeDate: a.noticeDate,
        dueDate: addCalendarDaysDeadline(a.noticeDate, days, options.calendar),
        missingItems: a.missingItems,
        requestedBy: actor.userId,
      },
    },
  }
}

/** #3a → #2: the missing materials arrived; the case is back to a complete application. */
export const receiveSupplement: Handler<ActionOf<'receive-supplement'>> = ({ record }, a) => {
  const supplement = record.supplement
  if (!supplement) return refusal('data-missing', { action: actionLabels['receive-supplement'], field: 'supplement' })
  return {
    record: {
      ...record,
      state: 'applied',
      supplement: { ...supplement, receivedDate: a.receivedDate },
      materials: mergeMaterials(record.materials, a.materials),
    },
  }
}

/** #3a → terminal: nothing arrived within the period, so the application is deemed abandoned (视为放弃, S8). */
export const deemAbandoned: Handler<ActionOf<'deem-abandoned'>> = ({ record, now }) => {
  const due = record.supplement?.dueDate
  if (!due) return refusal('data-missing', { action: actionLabels['deem-abandoned'], field: 'supplement' })
  if (now.date <= due) return refusal('too-early', { due })
  return { record: { ...record, state: 'abandoned' } }
}

/** #4 已受理: materials complete and in scope (M). An ex-officio case is accepted without an application. */
export const accept: Handler<ActionOf<'accept'>> = ({ record, options }, a) => {
  const next = { ...record, materials: mergeMaterials(record.materials, a.materials) }
  const missing = missingMaterials(next, options.materials)
  if (missing.length > 0) {
    return refusal('data-missing', {
      action: actionLabels.accept,
      field: 'materials',
      detail: missing.map((i) => materialItemLabels[i]).join('、'),
    })
  }
  return { record: { ...next, state: 'accepted', acceptanceDate: a.date } }
}

/** #2 → #8b directly when clearly out of scope (M): a refusal with reasons, communicated and explained (S15). */
export const refuseOutOfScope: Handler<ActionOf<'refuse-out-of-scope'>> = ({ record, actor }, a) => ({
  record: {
    ...record,
    state: 'refused',
    decisionDate: a.date,
    decision: {
      outcome: 'refused',
      documentNo: a.documentNo,
      refusalReasons: a.reasons,
      explanation: { ...a.explanation, by: actor.userId },
    },
  },
  events: [{ type: 'decision-issued', outcome: 'refused', documentNo: a.documentNo }],
})

/** Any state before payment → 撤回 by the applicant (docs/domain-reference.md §5, L), remembering where it stood. */
export const withdraw: Handler<ActionOf<'withdraw'>> = ({ record, actor }, a) => ({
  record: {
    ...record,
    state: 'withdrawn',
    withdrawal: { date: a.date, reason: a.reason, by: actor.userId, fromState: record.state },
  },
})
