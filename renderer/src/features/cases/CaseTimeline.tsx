import { formatYuanWithUnit, toChineseUppercase } from '@shared/domain/money'
import {
  approvalDecisionLabels,
  type Case,
  caseSourceLabels,
  decisionOutcomeLabels,
  exclusionLabels,
  explanationMethodLabels,
  fundSourceLabels,
  informMethodLabels,
  materialItemLabels,
  oversightBodyLabels,
  partyResponseLabels,
  paymentMethodLabels,
  recoveryTriggerLabels,
  refusalReasonLabels,
  verificationKindLabels,
} from '@shared/domain/schemas'
import { categoryLabel } from '@shared/registers'
import { chinaDateOf } from '@shared/util/clock'
import { Timeline, Typography } from 'antd'
import type { ReactNode } from 'react'

/** The sources that begin with a clue (caseSourceLabels). */
const CLUE_SOURCES: ReadonlySet<string> = new Set(['referral', 'external-clue', 'assigned'])

/** A staff member's name from their user id (names of another office's staff are not known here). */
type NameOf = (userId: string) => string
interface Step {
  date: string
  title: string
  body?: ReactNode
  color?: string
}

const join = (xs: readonly string[]) => xs.join('、')

/** “；救助情形：…；确定金额考虑的因素：…” of an advance, for what it names. */
function advanceGrounds(a: NonNullable<Case['advance']>): string {
  return [
    a.categoryItemCode ? `；救助情形：${categoryLabel(a.categoryItemCode)}` : '',
    a.factorsText ? `；确定金额考虑的因素：${a.factorsText}` : '',
    a.courtAwardCeilingFen !== undefined ? `；法院应判赔偿数额：${formatYuanWithUnit(a.courtAwardCeilingFen)}` : '',
  ].join('')
}
/** The China calendar date of a stored UTC instant (slicing the ISO text would give the UTC date before 08:00). */
const dayOf = (instant?: string) => (instant ? chinaDateOf(Date.parse(instant)) : '')

/** What happened on the case, step by step, from the case's own sub-records (nothing is kept twice). */
function stepsOf(c: Case, nameOf: NameOf): Step[] {
  const who = (id?: string) => (id ? nameOf(id) : '')
  const s: Step[] = []
  // every case keeps the day it started as clueDate; only a case that came from a clue (a referral, an outside
  // body's clue, a superior's assignment) had a 线索 step — an application or an ex-officio case did not
  if (c.clueDate && (c.clueId || CLUE_SOURCES.has(c.source)))
    s.push({ date: c.clueDate, title: '线索', body: c.source !== 'referral' ? caseSourceLabels[c.source] : undefined })
  if (c.informing)
    s.push({
      date: c.informing.date,
      title: '告知',
      body: `${c.informing.byName}${informMethodLabels[c.informing.method]}，当事人${partyResponseLabels[c.informing.response]}`,
    })
  if (c.exOfficio)
    s.push({ date: c.exOfficio.date, title: '依职权启动', body: `${c.exOfficio.reason}（${who(c.exOfficio.by)}）` })
  if (c.applicationDate)
    s.push({
      date: c.applicationDate,
      title: '登记申请',
      body: c.application ? `接收人：${who(c.application.receivedBy)}` : undefined,
    })
  if (c.supplement) {
    s.push({
      date: c.supplement.noticeDate,
      title: '通知补正',
      color: 'orange',
      body: `需补正：${join(c.supplement.missingItems.map((m) => materialItemLabels[m]))}；期限至 ${c.supplement.dueDate}`,
    })
    if (c.supplement.receivedDate) s.push({ date: c.supplement.receivedDate, title: '收到补正材料' })
  }
  if (c.advance) {
    const a = c.advance
    s.push({
      date: a.requestedDate,
      title: '启动先行救助',
      color: 'magenta',
      body: `${formatYuanWithUnit(a.proposedFen)}：${a.reason}${advanceGrounds(a)}`,
    })
    if (a.decision)
      s.push({
        date: dayOf(a.decidedAt),
        title: `先行救助审批：${a.decision === 'agree' ? '同意' : '不同意'}`,
        body: `${who(a.decidedBy)}：${a.opinion ?? ''}${a.escalationRef ? `（${a.escalationRef}）` : ''}`,
      })
  }
  if (c.acceptanceDate) s.push({ date: c.acceptanceDate, title: '受理' })
  if (c.reviewStartDate) s.push({ date: c.reviewStartDate, title: '开始审查' })
  if (c.review) {
    const hits = c.review.exclusionChecks.filter((x) => x.hit)
    s.push({
      date: dayOf(c.review.recordedAt),
      title: '审查核实',
      body: (
        <>
          {c.review.verifications.map((v) => (
            <div key={`${v.kind}${v.date}`}>
              {v.date} {verificationKindLabels[v.kind]} {v.unitName ?? ''} {v.note ?? ''}
            </div>
          ))}
          <div>
            已获赔偿 {formatYuanWithUnit(c.review.compensationReceivedFen)}，已获社会救助{' '}
            {formatYuanWithUnit(c.review.socialAssistanceReceivedFen)}；
            {hits.length
              ? `存在不予救助情形：${join(hits.map((h) => `${exclusionLabels[h.code]}${h.override ? `（已认定不适用：${h.override.reason}）` : ''}`))}`
              : '未发现不予救助情形'}
            ；{c.review.duplicateCheckDone ? '已核查重复救助' : '未核查重复救助'}
          </div>
        </>
      ),
    })
  }
  if (c.proposal)
    s.push({
      date: dayOf(c.proposal.at),
      title: c.proposal.decision === 'grant' ? '审查意见：建议救助' : '审查意见：建议不予救助',
      body: (
        <>
          {c.amount && (
            <div>
              上限 {c.amount.formula}；拟救助 {formatYuanWithUnit(c.amount.proposedFen)}
              {c.amount.overCapFlag ? `（超出上限，审批文号 ${c.amount.overCapApprovalRef ?? '未填'}）` : ''}
            </div>
          )}
          {c.proposal.refusalReasons && (
            <div>理由：{join(c.proposal.refusalReasons.map((r) => refusalReasonLabels[r]))}</div>
          )}
          <div>
            {c.proposal.text}（{who(c.proposal.by)}）
          </div>
        </>
      ),
    })
  for (const a of c.approvals)
    s.push({
      date: dayOf(a.at),
      title: `审批（第${a.round}轮 ${c.approvalRound?.chain.find((x) => x.step === a.step)?.label ?? a.step}）：${approvalDecisionLabels[a.decision]}`,
      body: `${who(a.userId)}：${a.opinion}${a.ref ? `（${a.ref}）` : ''}`,
      color: a.decision === 'agree' ? 'green' : 'red',
    })
  if (c.decision && c.decisionDate)
    s.push({
      date: c.decisionDate,
      title: decisionOutcomeLabels[c.decision.outcome],
      color: c.decision.outcome === 'granted' ? 'green' : 'gray',
      body: (
        <>
          {c.decision.documentNo && <div>文号：{c.decision.documentNo}</div>}
          {c.decision.grantedFen && (
            <div>
              救助金额 {formatYuanWithUnit(c.decision.grantedFen)}（人民币{toChineseUppercase(c.decision.grantedFen)}）
            </div>
          )}
          {c.decision.refusalReasons && (
            <div>理由：{join(c.decision.refusalReasons.map((r) => refusalReasonLabels[r]))}</div>
          )}
          {c.decision.explanation && (
            <div>
              解释说明：{c.decision.explanation.date} {explanationMethodLabels[c.decision.explanation.method]}
              {c.decision.explanation.note ? `，${c.decision.explanation.note}` : ''}
            </div>
          )}
        </>
      ),
    })
  if (c.funding?.requestDate) s.push({ date: c.funding.requestDate, title: '申请拨款' })
  if (c.funding?.receivedDate)
    s.push({
      date: c.funding.receivedDate,
      title: '资金到账',
      body: join(c.funding.splits.map((x) => `${fundSourceLabels[x.source]} ${formatYuanWithUnit(x.amountFen)}`)),
    })
  if (c.funding?.collectionNoticeDate) s.push({ date: c.funding.collectionNoticeDate, title: '通知领取' })
  if (c.payment)
    s.push({
      date: c.payment.paidDate,
      title: '发放救助金',
      color: 'green',
      body: `${paymentMethodLabels[c.payment.method]} ${formatYuanWithUnit(c.payment.amountFen)}，领款人 ${c.payment.payeeName}`,
    })
  if (c.advance?.paperworkCompletedDate)
    s.push({
      date: c.advance.paperworkCompletedDate,
      title: '补办先行救助手续',
      body: advanceGrounds(c.advance).replace(/^；/, '') || undefined,
    })
  if (c.followUpStartDate) s.push({ date: c.followUpStartDate, title: '开始回访帮扶' })
  for (const r of c.recoveries) {
    s.push({
      date: r.startedDate,
      title: '启动追回',
      color: 'red',
      body: `${recoveryTriggerLabels[r.trigger]}，应追回 ${formatYuanWithUnit(r.amountFen)}`,
    })
    if (r.closedDate)
      s.push({
        date: r.closedDate,
        title: '追回办结',
        body: `实际追回 ${formatYuanWithUnit(r.recoveredFen ?? 0)}${r.referral ? `；移送${oversightBodyLabels[r.referral.body]}（${r.referral.date}${r.referral.ref ? `，${r.referral.ref}` : ''}）` : ''}`,
      })
  }
  if (c.archiveDate) s.push({ date: c.archiveDate, title: '归档' })
  if (c.withdrawal) s.push({ date: c.withdrawal.date, title: '撤回申请', body: c.withdrawal.reason })
  if (c.state === 'abandoned') s.push({ date: c.supplement?.dueDate ?? '', title: '视为放弃申请' })
  // In date order; steps of the same day keep the order of the procedure (the sort is stable).
  return s.sort((a, b) => a.date.localeCompare(b.date))
}

export function CaseTimeline({ record, nameOf }: { record: Case; nameOf: NameOf }) {
  const steps = stepsOf(record, nameOf)
  return (
    <Timeline
      items={steps.map((st) => ({
        color: st.color,
        children: (
          <>
            <Typography.Text strong>
              {st.date} {st.title}
            </Typography.Text>
            {st.body && <div style={{ color: '#555' }}>{st.body}</div>}
          </>
        ),
      }))}
    />
  )
}
