import { serviceMethodLabels } from '../../domain/schemas'
import type { Block } from '../layout'
import {
  accordingTo,
  applicantStanding,
  describePerson,
  explanationSentence,
  needParties,
  otherVictimOf,
  refusalReasonList,
  socialAssistanceSentence,
} from './common'
import { chineseDate, numericDate } from './format'
import { defineTemplate } from './types'

/**
 * 不予救助决定书: after review and approval the office decides not to assist, states the reasons and explains them to
 * the applicant (docs/domain-reference.md §5 #8b; the duty to notify and explain is H: S15 and the SPP 2014 implementing opinion
 * 四; the title is M). A refusal without review (clearly out of scope) gets the 不予救助告知书 instead.
 */
export const refusalDecision = defineTemplate({
  id: 'refusal-decision',
  title: '不予救助决定书',
  states: ['refused'],
  steps: ['decide-refuse'],
  when: '经审查、审批决定不予救助时（决定不予救助）',
  gather(ctx, n) {
    const { c, applicant } = needParties(ctx, n)
    const d = c?.decision
    if (c && d?.outcome !== 'refused') n.fail('不予救助决定（本案尚未决定不予救助）')
    else if (c && !c.proposal) n.fail('审查意见（本案未经审查即不予救助，应制作不予救助告知书）')
    else if (c && d) {
      n.need(d.documentNo, '决定书文号')
      n.need(c.decisionDate, '决定日期')
    }
    return { c, applicant, decision: d! }
  },
  compose({ c, applicant, decision }, ctx) {
    const reasons = refusalReasonList(decision.refusalReasons ?? [])
    const explanation = decision.explanation
    const blocks: Block[] = [
      { kind: 'paragraph', text: `申请人：${describePerson(applicant, { phone: false })}。`, indent: false },
      {
        kind: 'paragraph',
        text: `${applicantStanding(c, applicant, otherVictimOf(ctx))}，${c.applicationDate ? `于${numericDate(c.applicationDate)}` : ''}向本院申请国家司法救助。${c.acceptanceDate ? `本院于${numericDate(c.acceptanceDate)}受理后依法进行了审查。` : ''}`,
      },
      { kind: 'paragraph', text: '经审查，申请人具有下列情形：' },
      ...reasons.map((text): Block => ({ kind: 'paragraph', text })),
      {
        kind: 'paragraph',
        text: `${accordingTo(ctx)}，决定对申请人${applicant.name}不予国家司法救助。`,
      },
    ]
    if (explanation) blocks.push({ kind: 'paragraph', text: explanationSentence(explanation, 'applicant') })
    blocks.push({ kind: 'paragraph', text: socialAssistanceSentence('applicant') })
    const footer = ['本决定书一式两份，一份送达申请人，一份附卷。']
    if (decision.serviceDate) {
      footer.push(
        `送达：${numericDate(decision.serviceDate)}${decision.serviceMethod ? `，${serviceMethodLabels[decision.serviceMethod]}` : ''}。`,
      )
    }
    return {
      docNo: decision.documentNo,
      blocks,
      sign: { unit: ctx.office.name, date: chineseDate(c.decisionDate!) },
      footer,
    }
  },
})
