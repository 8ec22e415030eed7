import { type Case, type ExclusionCode, exclusionLabels } from '../schemas'
import { type ActionOf, actionLabels } from './actions'
import { currentStep, resolveApprovalRound } from './approval'
import { checkDates, type Effect, type Handler } from './effect'
import { refusal } from './refusal'
import type { Now, Refusal } from './types'

/** Handlers of review, opinion, approval and decision (docs/domain-reference.md §5 #5–#8). */

/**
 * Exclusions that cannot be overridden: an applicant that is a legal person or other organisation (X7, "不予救助",
 * docs/domain-reference.md §3.5 implementation note). X1–X6 and X8 are "一般不予救助": the approver may override with a reason.
 */
export const hardExclusions: readonly ExclusionCode[] = ['X7']

/**
 * The exclusions no approver may override: those the rule set in force marks hard (`options.hardExclusions`) and,
 * whatever it says, X7 — also under the 2021 细则, which does not list X7 (docs/domain/rules-amounts-eligibility.md
 * §2.4, §6).
 */
function hardExclusionsOf(configured: readonly ExclusionCode[] | undefined): ReadonlySet<ExclusionCode> {
  return new Set([...(configured ?? []), ...hardExclusions])
}

/** #5 审查核实 begins after acceptance. */
export const beginReview: Handler<ActionOf<'begin-review'>> = ({ record }, a) => ({
  record: { ...record, state: 'review', reviewStartDate: a.date },
})

/**
 * #5: records the verification, compensation and social assistance already received, and the check of each
 * exclusion X1–X8 with its evidence (docs/domain-reference.md §6 "Review"). Existing overrides survive for checks that still hit.
 */
export const recordReview: Handler<ActionOf<'record-review'>> = ({ record, actor, now }, a) => {
  const previous = new Map((record.review?.exclusionChecks ?? []).map((c) => [c.code, c.override]))
  const exclusionChecks = a.exclusionChecks.map((c) => {
    const override = c.hit ? previous.get(c.code) : undefined
    return override ? { ...c, override } : c
  })
  const codes = exclusionChecks.map((c) => c.code)
  if (new Set(codes).size !== codes.length) return refusal('invalid-action', { detail: '同一排除情形只能记录一次' })
  const { type: _type, ...fields } = a
  return {
    record: {
      ...record,
      review: { ...fields, exclusionChecks, recordedBy: actor.userId, recordedAt: now.instant },
    },
    events: [{ type: 'review-recorded' }],
  }
}

/**
 * 一次性救助的例外: where the rules in force word an exception (“原则上只救助一次”), the 检察长 approves a second
 * grant with a reason; the command gives the grants known now (`priorCaseIds`), and only those stop blocking.
 */
export const approveRepeatGrant: Handler<ActionOf<'approve-repeat-grant'>> = ({ record, actor, now, options }, a) => {
  const action = actionLabels['approve-repeat-grant']
  const rule = options.oneTimeException
  if (!rule)
    return refusal('invalid-action', {
      detail: '现行规则规定对同一案件的同一救助对象只救助一次，没有例外，不能批准再次救助',
    })
  if (!a.priorCaseIds?.length) return refusal('data-missing', { action, field: 'prior-grant' })
  const repeatGrant = {
    reason: a.reason,
    priorCaseIds: a.priorCaseIds,
    rule: rule.text.slice(0, 500),
    by: actor.userId,
    at: now.instant,
  }
  return {
    record: { ...record, repeatGrant },
    events: [{ type: 'repeat-grant-approved', priorCaseIds: a.priorCaseIds }],
  }
}

/** A soft exclusion that hit is declared not applicable, with a reason, by name and time (docs/domain-reference.md §3.5). */
export const overrideExclusion: Handler<ActionOf<'override-exclusion'>> = ({ record, actor, now, options }, a) => {
  const action = actionLabels['override-exclusion']
  if (hardExclusionsOf(options.hardExclusions).has(a.code))
    return refusal('hard-exclusion', { label: exclusionLabels[a.code] })
  const checks = record.review?.exclusionChecks ?? []
  const check = checks.find((c) => c.code === a.code)
  if (!record.review || !check?.hit)
    return refusal('data-missing', { action, field: 'exclusion-check', detail: a.code })
  if (check.override) return refusal('already-done', { action, date: check.override.at.slice(0, 10) })
  const override = { reason: a.reason, by: actor.userId, at: now.instant }
  return {
    record: {
      ...record,
      review: {
        ...record.review,
        exclusionChecks: checks.map((c) => (c.code === a.code ? { ...c, override } : c)),
      },
    },
    events: [{ type: 'exclusion-overridden', code: a.code }],
  }
}

function grantBlocked(record: Case, a: ActionOf<'propose'>, hardList: ReadonlySet<ExclusionCode>): Refusal | undefined {
  const action = actionLabels.propose
  if (!a.amount) return refusal('data-missing', { action, field: 'amount' })
  if (!(a.categoryItemCode ?? record.categoryItemCode)) return refusal('data-missing', { action, field: 'category' })
  const hits = (record.review?.exclusionChecks ?? []).filter((c) => c.hit)
  const hard = hits.find((c) => hardList.has(c.code))
  if (hard) return refusal('hard-exclusion', { label: exclusionLabels[hard.code] })
  const open = hits.filter((c) => !c.override)
  if (open.length > 0) {
    return refusal('exclusion-unresolved', {
      labels: open.map((c) => `${c.code} ${exclusionLabels[c.code]}`).join('；'),
    })
  }
  const ceiling = a.amount.courtAwardCeilingFen
  if (a.amount.overCapFlag && (ceiling === null || a.amount.proposedFen > ceiling)) {
    return refusal('data-missing', { action, field: 'court-ceiling' })
  }
  return undefined
}

/**
 * #6 审查意见: grant (amount computation record, art. 7 item, no unresolved exclusion; over the cap only up to the
 * court-award ceiling, H: S1, S10) or refuse (with reasons). May be revised while in `opinion`.
 */
export const propose: Handler<ActionOf<'propose'>> = ({ record, actor, now, options }, a) => {
  const base = { decision: a.decision, by: actor.userId, at: now.instant, text: a.text }
  if (a.decision === 'refuse') {
    if (!a.refusalReasons?.length) {
      return refusal('data-missing', { action: actionLabels.propose, field: 'refusal-reasons' })
    }
    const { amount: _dropped, ...rest } = record
    return {
      record: { ...rest, state: 'opinion', proposal: { ...base, refusalReasons: a.refusalReasons } },
      events: [{ type: 'opinion-recorded', decision: 'refuse' }],
    }
  }
  const blocked = grantBlocked(record, a, hardExclusionsOf(options.hardExclusions))
  if (blocked || !a.amount) return blocked ?? refusal('data-missing', { action: actionLabels.propose, field: 'amount' })
  return {
    record: {
      ...record,
      state: 'opinion',
      proposal: base,
      amount: a.amount,
      categoryItemCode: a.categoryItemCode ?? record.categoryItemCode,
    },
    events: [{ type: 'opinion-recorded', decision: 'grant', proposedFen: a.amount.proposedFen }],
  }
}

/**
 * #6 → #7: the opinion goes into a new approval round with its chain fixed now from the rules in force (escalated
 * if needed). The submitter cannot shorten, reorder or relabel it (参考原文 四; the legal gate checks it ends with
 * the chief).
 */
export const submitOpinion: Handler<ActionOf<'submit-opinion'>> = ({ record, actor, now, options }) => {
  const { chain, escalation } = resolveApprovalRound(record, options.approval)
  return {
    record: {
      ...record,
      state: 'approval',
      approvalRound: {
        round: (record.approvalRound?.round ?? 0) + 1,
        chain,
        ...(escalation ? { escalation } : {}),
        submittedBy: actor.userId,
        submittedAt: now.instant,
      },
    },
  }
}

/** The amount record after an external body agreed: its reference becomes the over-cap or escalation reference. */
function withEscalationRef(record: Case, ref: string, body: string): Case['amount'] {
  const amount = record.amount
  if (!amount) return amount
  return record.approvalRound?.escalation === 'over-cap'
    ? { ...amount, overCapApprovalRef: ref, overCapApprovalBody: body }
    : { ...amount, escalationRef: ref }
}

/**
 * #7 审批: the current step of the round signs. Agree moves to the next step (the case stays in approval until
 * the decision is issued); disagree sends the opinion back for revision; return sends the case back to review.
 */
export const approveStep: Handler<ActionOf<'approve-step'>> = ({ record, actor, now }, a) => {
  const step = currentStep(record)
  const round = record.approvalRound?.round
  if (!step || round === undefined) return refusal('already-done', { action: actionLabels['approve-step'] })
  if (step.external && !a.ref)
    return refusal('data-missing', { action: actionLabels['approve-step'], field: 'approval-ref' })
  const entry = {
    round,
    step: step.step,
    role: step.role,
    userId: actor.userId,
    opinion: a.opinion,
    decision: a.decision,
    at: now.instant,
    ...(a.ref ? { ref: a.ref } : {}),
  }
  const state = a.decision === 'agree' ? 'approval' : a.decision === 'disagree' ? 'opinion' : 'review'
  const amount =
    a.decision === 'agree' && step.external && a.ref ? withEscalationRef(record, a.ref, step.label) : undefined
  return {
    record: { ...record, state, approvals: [...record.approvals, entry], ...(amount ? { amount } : {}) },
    events: [{ type: 'approval-recorded', round, step: step.step, decision: a.decision }],
  }
}

/** A decision is dated today, which may not precede the application (the typed dates are checked by `transition`). */
function decisionDates(record: Case, now: Now): Refusal | undefined {
  return checkDates(now, [['decision', now.date, ['application', record.applicationDate]]])
}

/** #8a 决定救助: the 决定书 is issued for the approved amount (H, S9); its copy goes with the case file. */
export const decideGrant: Handler<ActionOf<'decide-grant'>> = ({ record, now }, a) => {
  const grantedFen = record.amount?.proposedFen
  if (grantedFen === undefined)
    return refusal('data-missing', { action: actionLabels['decide-grant'], field: 'amount' })
  const bad = decisionDates(record, now)
  if (bad) return bad
  const { type: _type, ...document } = a
  const effect: Effect = {
    record: {
      ...record,
      state: 'granted',
      decisionDate: now.date,
      decision: { outcome: 'granted', grantedFen, ...document },
    },
    events: [{ type: 'decision-issued', outcome: 'granted', grantedFen, documentNo: a.documentNo }],
  }
  return effect
}

/** #8b 决定不予救助: refusal notice with the opinion's reasons, communicated and explained (H, S15). */
export const decideRefuse: Handler<ActionOf<'decide-refuse'>> = ({ record, actor, now }, a) => {
  const reasons = record.proposal?.refusalReasons
  if (!reasons?.length)
    return refusal('data-missing', { action: actionLabels['decide-refuse'], field: 'refusal-reasons' })
  const bad = decisionDates(record, now)
  if (bad) return bad
  const { type: _type, explanation, ...document } = a
  return {
    record: {
      ...record,
      state: 'refused',
      decisionDate: now.date,
      decision: {
        outcome: 'refused',
        refusalReasons: reasons,
        explanation: { ...explanation, by: actor.userId },
        ...document,
      },
    },
    events: [{ type: 'decision-issued', outcome: 'refused', documentNo: a.documentNo }],
  }
}
