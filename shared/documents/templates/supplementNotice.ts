import { materialItemLabels } from '../../domain/schemas'
import type { Block } from '../layout'
import { accordingTo, contactParagraph, docNoOf, needParties, rulesOf } from './common'
import { chineseDate, chineseNumber, numericDate } from './format'
import { defineTemplate } from './types'

/**
 * 补正材料通知书: materials are incomplete; the office names every missing item at once, on the spot or within 5
 * working days, and the applicant has 30 days to supply them, after which the application is deemed abandoned
 * (docs/domain-reference.md §5 #3a; H: S8). The due date is the one fixed on the record by the workflow.
 */
export const supplementNotice = defineTemplate({
  id: 'supplement-notice',
  title: '国家司法救助申请补正材料通知书',
  states: ['needs-supplement'],
  steps: ['request-supplement'],
  when: '申请材料不齐全、通知申请人补正时（待补正）',
  gather(ctx, n) {
    const { c, applicant } = needParties(ctx, n)
    const supplement = c ? n.need(c.supplement, '补正通知记录（尚未登记需要补正的材料）') : undefined
    if (c) n.need(c.applicationDate, '申请日期')
    return { c, applicant, supplement: supplement! }
  },
  compose({ c, applicant, supplement }, ctx) {
    const days = rulesOf(ctx)?.timeLimits.supplementDays.value ?? 30
    const items: Block[] = supplement.missingItems.map((m, i) => ({
      kind: 'paragraph',
      text: `${i + 1}. ${materialItemLabels[m]}${i === supplement.missingItems.length - 1 ? '。' : '；'}`,
    }))
    const blocks: Block[] = [
      {
        kind: 'paragraph',
        text: `你于${numericDate(c.applicationDate!)}向本院提出国家司法救助申请。经审查，你提交的申请材料尚不齐全。${accordingTo(ctx)}，请你自收到本通知书之日起${chineseNumber(days)}日内（${numericDate(supplement.dueDate)}前）向本院补充提交下列材料：`,
      },
      ...items,
    ]
    if (supplement.missingItems.includes('hardshipProof')) {
      blocks.push({
        kind: 'paragraph',
        text: '生活困难证明由你户籍所在地或者经常居住地的村（居）民委员会、所在单位或者民政部门出具，应当载明家庭成员、劳动能力、就业状况和家庭收入等情况；确实无法取得的，可以申请本院调取。',
      })
    }
    blocks.push(
      { kind: 'paragraph', text: '逾期未补正的，视为放弃救助申请。' },
      { kind: 'paragraph', text: contactParagraph(ctx) },
    )
    return {
      docNo: docNoOf(ctx),
      to: `${applicant.name}：`,
      blocks,
      sign: { unit: ctx.office.name, date: chineseDate(supplement.noticeDate) },
      footer: [
        '本通知书一式两份，一份送达申请人，一份附卷。',
        '送达回执：本通知书已于　　　　年　　月　　日收到。受送达人（签名）：',
      ],
    }
  },
})
