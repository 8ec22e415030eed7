import { formatYuanWithUnit } from '../../domain/money'
import {
  approvalDecisionLabels,
  proposalDecisionLabels,
  refusalReasonLabels,
  relationLabels,
} from '../../domain/schemas'
import { approvalSettingsFromRules, defaultApprovalChain } from '../../domain/workflow/approval'
import type { Block, FieldRow, OpinionRow } from '../layout'
import {
  categoryCitation,
  harmText,
  idText,
  needParties,
  otherVictimOf,
  rulesOf,
  underlyingText,
  userName,
} from './common'
import { amountText, dateOfInstant, numericDate } from './format'
import { defineTemplate } from './types'

const onDate = (instant: string) => numericDate(dateOfInstant(instant))

/**
 * 国家司法救助审批表: the facts of the case, the proposed decision and amount (figures and 大写), and one row per step of
 * the approval chain with its opinion, signer and date (docs/domain-reference.md §5 #6–#7; the title is L). Steps not yet signed
 * are left blank to sign by hand, so the form can also go round on paper. Earlier rounds (returned or disagreed)
 * are listed under 备注. A 先行救助 shows the advance request (with its 救助情形 and the basis of its amount) and the
 * chief's decision (with the escalation body's reference when there was one).
 */
export const approvalForm = defineTemplate({
  id: 'approval-form',
  title: '国家司法救助审批表',
  states: ['opinion', 'approval', 'advance', 'granted', 'refused'],
  steps: ['submit-opinion', 'approve-step', 'start-advance', 'approve-advance'],
  when: '审查意见报请审批时及各环节签署意见后；先行救助报检察长审批时',
  gather(ctx, n) {
    const { c, applicant } = needParties(ctx, n)
    if (c && !c.proposal && !c.advance) n.fail('审查意见或先行救助申请（尚未提出）')
    return { c, applicant }
  },
  compose({ c, applicant }, ctx) {
    const victim = otherVictimOf(ctx)
    const proposal = c.proposal
    const amount = proposal?.decision === 'grant' ? c.amount : undefined
    const facts: FieldRow[] = [
      ['案件编号', c.caseNo ?? ''],
      ['受理日期', c.acceptanceDate ? numericDate(c.acceptanceDate) : ''],
      ['申请人', applicant.name],
      ['身份证件', idText(applicant)],
      ['被害人', victim?.name ?? (c.relation === 'self' || !c.victimId ? applicant.name : '')],
      ['与被害人关系', c.relation ? relationLabels[c.relation] : ''],
      ['原案件', underlyingText(c) ?? '', 'wide'],
      ['损害情况', harmText(c) ?? '', 'wide'],
    ]
    if (proposal) {
      facts.push(['救助情形', categoryCitation(ctx) ?? '', 'wide'])
      facts.push(
        amount
          ? ['拟救助金额', amountText(amount.proposedFen), 'wide']
          : ['拟不予救助理由', (proposal.refusalReasons ?? []).map((r) => refusalReasonLabels[r]).join('；'), 'wide'],
      )
      if (amount) {
        facts.push([
          '计算依据',
          `${amount.wageYear}年度月平均工资${formatYuanWithUnit(amount.baseMonthlyWageFen)}；上限${amount.formula}${amount.overCapFlag ? '；超过上限' : ''}`,
          'wide',
        ])
      }
    }
    const rows: OpinionRow[] = []
    const notes: FieldRow[] = []
    const advance = c.advance
    if (advance) {
      facts.push(
        ['先行救助申请', `${numericDate(advance.requestedDate)}：${advance.reason}`, 'wide'],
        ['先行救助金额', amountText(advance.proposedFen), 'wide'],
      )
      // The 救助情形 is listed once: with the proposal when there is one, else with the advance that named it.
      if (!proposal) facts.push(['救助情形', categoryCitation(ctx) ?? '', 'wide'])
      if (advance.factorsText) facts.push(['确定金额考虑的因素', advance.factorsText, 'wide'])
      if (advance.courtAwardCeilingFen !== undefined) {
        facts.push(['人民法院依法应当判决的赔偿数额', formatYuanWithUnit(advance.courtAwardCeilingFen), 'wide'])
      }
      rows.push({
        label: '承办检察官意见（先行救助）',
        text: `建议先行救助${amountText(advance.proposedFen)}。`,
        signer: userName(ctx, advance.requestedBy),
        date: numericDate(advance.requestedDate),
      })
      rows.push({
        label: '检察长审批意见（先行救助）',
        text: advance.decision
          ? `${advance.decision === 'agree' ? '同意' : '不同意'}。${advance.opinion ?? ''}${advance.escalationRef ? `（${advance.escalationRef}）` : ''}`
          : '',
        ...(advance.decidedAt ? { signer: userName(ctx, advance.decidedBy), date: onDate(advance.decidedAt) } : {}),
      })
    }
    if (proposal) {
      rows.push({
        label: '承办检察官意见',
        text: `${proposalDecisionLabels[proposal.decision]}。${proposal.text}`,
        signer: userName(ctx, proposal.by),
        date: onDate(proposal.at),
      })
      const rules = rulesOf(ctx)
      const chain =
        c.approvalRound?.chain ?? (rules ? approvalSettingsFromRules(rules).chain : undefined) ?? defaultApprovalChain
      const round = c.approvalRound?.round
      for (const step of chain) {
        const e = c.approvals.find((a) => a.round === round && a.step === step.step)
        rows.push({
          label: `${step.label}意见`,
          text: e ? `${approvalDecisionLabels[e.decision]}。${e.opinion}${e.ref ? `（${e.ref}）` : ''}` : '',
          ...(e ? { signer: userName(ctx, e.userId), date: onDate(e.at) } : {}),
        })
      }
      const earlier = c.approvals.filter((a) => round !== undefined && a.round < round)
      if (earlier.length) {
        notes.push([
          '备注',
          earlier
            .map(
              (a) =>
                `第${a.round}轮：${chain.find((s) => s.step === a.step)?.label ?? a.step}${approvalDecisionLabels[a.decision]}（${onDate(a.at)}，${a.opinion}）`,
            )
            .join('；'),
          'wide',
        ])
      }
    }
    const blocks: Block[] = [
      { kind: 'fields', columns: 2, rows: facts },
      { kind: 'opinionRows', rows },
    ]
    if (notes.length) blocks.push({ kind: 'fields', columns: 2, rows: notes })
    return {
      layout: 'form',
      blocks,
    }
  },
})
