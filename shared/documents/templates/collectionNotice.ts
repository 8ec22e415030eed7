import type { Block } from '../layout'
import { contactParagraph, docNoOf, needParties, rulesOf } from './common'
import { amountText, chineseDate, chineseNumber, numericDate } from './format'
import { defineTemplate } from './types'

/**
 * 救助金领取通知书: the funds have arrived, and the office tells the applicant within 2 working days to collect them
 * (docs/domain-reference.md §5 #10; the limit is H: S15; the title is M). Names the decision, the amount in 大写 and figures,
 * what to bring and, when an account is on file, that the money can be transferred to it.
 */
export const collectionNotice = defineTemplate({
  id: 'collection-notice',
  title: '国家司法救助金领取通知书',
  states: ['awaiting-collection'],
  steps: ['notify-collection'],
  when: '救助资金到位后二个工作日内通知申请人领取时（待领取）',
  gather(ctx, n) {
    const { c, applicant } = needParties(ctx, n)
    const d = c?.decision
    if (c && d?.outcome !== 'granted') n.fail('救助决定（本案尚未决定救助）')
    else if (c && d) {
      n.need(d.documentNo, '决定书文号')
      n.need(c.funding?.receivedDate, '资金到账记录（救助资金尚未到位）')
    }
    return { c, applicant, decision: d! }
  },
  compose({ c, applicant, decision }, ctx) {
    const funding = c.funding!
    const days = rulesOf(ctx)?.timeLimits.notifyCollectionWorkingDays.value
    const account = applicant.bankAccount
    const blocks: Block[] = [
      {
        kind: 'paragraph',
        text: `本院于${numericDate(c.decisionDate!)}作出国家司法救助决定（${decision.documentNo}），决定给予你国家司法救助金${amountText(decision.grantedFen!)}。该笔救助资金已于${numericDate(funding.receivedDate!)}到位${days ? `，现依照规定在${chineseNumber(days)}个工作日内通知你` : ''}。`,
      },
      {
        kind: 'paragraph',
        text: '请你携带本通知书和本人居民身份证（或者其他有效身份证件）原件，到本院控告申诉检察部门办理领取手续。委托他人代为领取的，代领人还应当携带授权委托书和本人身份证件。',
      },
    ]
    if (account) {
      blocks.push({
        kind: 'paragraph',
        text: `你已提供收款账户（${account.bank}，户名${account.accountName}，账号${account.accountNo}）。经你确认后，本院可以${ctx.contact?.payingBank ? `通过${ctx.contact.payingBank}` : ''}将救助金转入该账户，并请你在领取凭证上签名确认。`,
      })
    }
    blocks.push({ kind: 'paragraph', text: contactParagraph(ctx) })
    return {
      docNo: docNoOf(ctx),
      to: `${applicant.name}：`,
      blocks,
      sign: { unit: ctx.office.name, date: chineseDate(funding.collectionNoticeDate ?? ctx.today) },
      footer: ['送达回执：本通知书已于　　　　年　　月　　日收到。受送达人（签名）：'],
    }
  },
})
