import { formatYuanWithUnit } from '../../domain/money'
import { fundSourceLabels, paymentMethodLabels } from '../../domain/schemas'
import { docNoOf, idText, needParties, personById, unitName, userName } from './common'
import { BLANK_DATE, chineseDate, numericDate, yuanFigures, yuanUppercase } from './format'
import { defineTemplate } from './types'

/**
 * 国家司法救助金领取凭证: the payee signs for the money (docs/domain-reference.md §5 #11, §6 "signed receipt"; the title is M). The
 * amount in figures and in 大写 (docs/domain-reference.md §11). Printed for signature before payment — from the decision, with
 * the applicant as payee and the date left blank — or from the payment record once it is entered.
 */
export const paymentReceipt = defineTemplate({
  id: 'payment-receipt',
  title: '国家司法救助金领取凭证',
  states: ['awaiting-collection', 'paid'],
  steps: ['pay'],
  when: '发放救助金、领款人签收时（待领取、已发放）',
  gather(ctx, n) {
    const { c, applicant } = needParties(ctx, n)
    const d = c?.decision
    if (c && d?.outcome !== 'granted') n.fail('救助决定（本案尚未决定救助）')
    else if (c && d) {
      n.need(d.documentNo, '决定书文号')
      if (!c.payment) n.need(c.funding?.receivedDate, '资金到账记录（救助资金尚未到位）')
    }
    return { c, applicant, decision: d! }
  },
  compose({ c, applicant, decision }, ctx) {
    const p = c.payment
    const fen = p?.amountFen ?? decision.grantedFen!
    const payee = personById(ctx, p?.payeePersonId) ?? (p && p.payeeName !== applicant.name ? undefined : applicant)
    const rows: [string, string][] = [
      ['决定书文号', decision.documentNo ?? ''],
      ['救助对象', applicant.name],
      ['领款人', p?.payeeName ?? applicant.name],
      ['领款人身份证件', payee ? idText(payee) : ''],
      ['救助金额（小写）', yuanFigures(fen)],
      ['救助金额（大写）', yuanUppercase(fen)],
      ['发放方式', p ? paymentMethodLabels[p.method] : '□银行转账　□当面发放'],
    ]
    if (p?.account)
      rows.push(['收款账户', `${p.account.bank}　户名：${p.account.accountName}　账号：${p.account.accountNo}`])
    if (p?.delegatedUnit) rows.push(['委托发放单位', unitName(ctx, p.delegatedUnit)])
    if (p?.custody) rows.push(['代管人', p.custody.custodian])
    const splits = c.funding?.splits ?? []
    if (splits.length) {
      rows.push([
        '资金来源',
        splits.map((s) => `${fundSourceLabels[s.source]}${formatYuanWithUnit(s.amountFen)}`).join('；'),
      ])
    }
    rows.push(['发放日期', p ? numericDate(p.paidDate) : BLANK_DATE])
    return {
      layout: 'form',
      docNo: p?.receiptRef ?? docNoOf(ctx),
      blocks: [
        { kind: 'fields', rows },
        {
          kind: 'paragraph',
          text: `今领到${ctx.office.name}发放的国家司法救助金${yuanUppercase(fen)}（${yuanFigures(fen)}）。`,
        },
        {
          kind: 'signLines',
          items: [['领款人（签名并捺印）'], ['经办人', p ? userName(ctx, p.paidBy) : ''], ['复核人']],
        },
      ],
      sign: { unit: ctx.office.name, date: p ? chineseDate(p.paidDate) : BLANK_DATE },
      footer: ['本凭证一式三份：一份交领款人，一份附卷，一份交计划财务装备部门入账。'],
    }
  },
})
