import type { Block } from '../layout'
import {
  accordingTo,
  contactParagraph,
  explanationSentence,
  needParties,
  refusalReasonList,
  socialAssistanceSentence,
} from './common'
import { chineseDate, numericDate } from './format'
import { defineTemplate } from './types'

/**
 * 不予救助告知书: the application is clearly out of scope, so the office refuses without review and tells the
 * applicant why (docs/domain-reference.md §5 "2 → 8b", M; telling and explaining is H: S15). A refusal after review and approval
 * gets the 不予救助决定书 instead.
 */
export const refusalNotice = defineTemplate({
  id: 'refusal-notice',
  title: '不予救助告知书',
  states: ['refused'],
  steps: ['refuse-out-of-scope'],
  when: '申请明显不属于救助范围、直接决定不予救助时（决定不予救助）',
  gather(ctx, n) {
    const { c, applicant } = needParties(ctx, n)
    const d = c?.decision
    if (c && d?.outcome !== 'refused') n.fail('不予救助决定（本案尚未决定不予救助）')
    else if (c?.proposal) n.fail('直接不予救助的记录（本案经审查、审批后决定不予救助，应制作不予救助决定书）')
    else if (c && d) {
      n.need(d.documentNo, '告知书文号')
      n.need(c.decisionDate, '决定日期')
    }
    return { c, applicant, decision: d! }
  },
  compose({ c, applicant, decision }, ctx) {
    const explanation = decision.explanation
    const blocks: Block[] = [
      {
        kind: 'paragraph',
        text: `你${c.applicationDate ? `于${numericDate(c.applicationDate)}` : ''}向本院提出国家司法救助申请。经审查，你的申请不属于国家司法救助的范围，理由如下：`,
      },
      ...refusalReasonList(decision.refusalReasons ?? []).map((text): Block => ({ kind: 'paragraph', text })),
      { kind: 'paragraph', text: `${accordingTo(ctx)}，本院决定不予救助，特此告知。` },
    ]
    if (explanation) blocks.push({ kind: 'paragraph', text: explanationSentence(explanation, 'party') })
    blocks.push(
      { kind: 'paragraph', text: socialAssistanceSentence('party') },
      { kind: 'paragraph', text: contactParagraph(ctx) },
    )
    return {
      docNo: decision.documentNo,
      to: `${applicant.name}：`,
      blocks,
      sign: { unit: ctx.office.name, date: chineseDate(c.decisionDate!) },
      footer: [
        '本告知书一式两份，一份送达申请人，一份附卷。',
        '送达回执：本告知书已于　　　　年　　月　　日收到。受送达人（签名）：',
      ],
    }
  },
})
