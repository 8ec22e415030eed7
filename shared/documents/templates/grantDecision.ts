import { serviceMethodLabels } from '../../domain/schemas'
import type { Block } from '../layout'
import {
  accordingTo,
  applicantStanding,
  categoryCitation,
  describePerson,
  needParties,
  otherVictimOf,
  relationText,
  underlyingText,
} from './common'
import { amountText, chineseDate, numericDate } from './format'
import { defineTemplate } from './types'

/**
 * 国家司法救助决定书: the decision to grant, with the amount in 大写 and figures; served on the applicant, kept in the
 * file and sent on with the case file so that no other unit assists twice (docs/domain-reference.md §5 #8a, §10.1; H: S9; SPP
 * 2014 implementing opinion 五). A 先行救助 gets its decision with the paperwork, under the number given then: it
 * cites the 救助情形 the advance named like any grant, and says the money was paid as 先行救助 (on the day paid)
 * rather than that the applicant will be told when to collect it.
 */
export const grantDecision = defineTemplate({
  id: 'grant-decision',
  title: '国家司法救助决定书',
  states: ['granted', 'awaiting-funds', 'awaiting-collection', 'paid', 'follow-up'],
  steps: ['decide-grant', 'complete-advance-paperwork'],
  when: '检察长批准救助、作出救助决定时；先行救助在补办手续时',
  gather(ctx, n) {
    const { c, applicant } = needParties(ctx, n)
    const d = c?.decision
    if (c && d?.outcome !== 'granted') n.fail('救助决定（本案尚未决定救助）')
    else if (c && d) {
      n.need(
        d.documentNo,
        d.advance ? '决定书文号（先行救助的文号在补办手续时登记）' : '决定书文号（救助决定未登记文号）',
      )
      n.need(c.decisionDate, '决定日期')
    }
    return { c, applicant, decision: d! }
  },
  compose({ c, applicant, decision }, ctx) {
    const victim = otherVictimOf(ctx)
    const underlying = underlyingText(c)
    const citation = categoryCitation(ctx)
    const granted = decision.grantedFen!
    const blocks: Block[] = [
      { kind: 'paragraph', text: `申请人：${describePerson(applicant, { phone: false })}。`, indent: false },
    ]
    if (victim) {
      blocks.push({
        kind: 'paragraph',
        text: `被害人：${describePerson(victim, { phone: false })}。${relationText(c) ?? ''}`,
        indent: false,
      })
    }
    const start = c.applicationDate
      ? `${applicantStanding(c, applicant, victim)}，于${numericDate(c.applicationDate)}向本院申请国家司法救助。`
      : !c.exOfficio && decision.advance && c.advance
        ? `本院在办理${underlying ?? '案件'}过程中，于${numericDate(c.advance.requestedDate)}对${applicant.name}启动先行救助程序。`
        : `本院在办理${underlying ?? '案件'}过程中，${c.exOfficio ? `于${numericDate(c.exOfficio.date)}` : ''}依职权对${applicant.name}启动国家司法救助程序。`
    const paidDate = c.payment?.paidDate
    const money = !decision.advance
      ? '救助金一次性发放，本院将在救助资金到位后通知你领取。'
      : paidDate
        ? `上述救助金已作为先行救助于${numericDate(paidDate)}一次性发放。`
        : '上述救助金作为先行救助一次性发放，本院将在救助资金到位后通知你领取。'
    blocks.push(
      {
        kind: 'paragraph',
        text: `${start}${c.acceptanceDate ? `本院于${numericDate(c.acceptanceDate)}受理后依法进行了审查。` : ''}${decision.advance ? '因情况紧急，本院经检察长批准先行救助。' : ''}`,
      },
      {
        kind: 'paragraph',
        text: `经审查，${citation ? `申请人符合${citation}，` : '申请人符合国家司法救助的条件，'}且不具有不予救助的情形。${accordingTo(ctx)}，决定如下：`,
      },
      { kind: 'paragraph', text: `给予申请人${applicant.name}国家司法救助金${amountText(granted)}。` },
      {
        kind: 'paragraph',
        text: `${money}以虚报、隐瞒、伪造等手段骗取救助金的，本院将依法追回，并追究相应责任。`,
      },
    )
    const footer = ['本决定书一式三份，一份送达申请人，一份附卷，一份随案移送。']
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
