import { priorityGroupLabels } from '../../domain/schemas'
import type { Block } from '../layout'
import { describePerson, needParties, otherVictimOf, relationText } from './common'
import { adulthoodDate, amountText, chineseDate, numericDate } from './format'
import { defineTemplate } from './types'

/**
 * 国家司法救助金代管委托书: the money of a minor or another person who cannot manage it is entrusted to a custodian
 * (docs/domain-reference.md §5 #11, §7; H: S32 石狮). The applicant entrusts the custodian named on the payment record; the money is
 * for the assisted person's living, medical and education needs, and custody ends when a minor comes of age.
 */
export const custodyAgreement = defineTemplate({
  id: 'custody-agreement',
  title: '国家司法救助金代管委托书',
  states: ['paid'],
  steps: ['pay'],
  when: '救助对象为未成年人等需要代管救助金、发放时签订（已发放）',
  gather(ctx, n) {
    const { c, applicant } = needParties(ctx, n)
    const d = c?.decision
    if (c && d?.outcome !== 'granted') n.fail('救助决定（本案尚未决定救助）')
    else if (c && d) {
      n.need(d.documentNo, '决定书文号')
      const p = n.need(c.payment, '发放记录（代管人在发放时登记）')
      if (p) n.need(p.custody, '代管安排（发放记录中没有代管人）')
    }
    return { c, applicant, decision: d! }
  },
  compose({ c, applicant, decision }, ctx) {
    const payment = c.payment!
    const custody = payment.custody!
    const beneficiary = otherVictimOf(ctx) ?? applicant
    const minor = beneficiary.priorityFlags.includes('minor')
    const until =
      minor && beneficiary.birthDate
        ? `至被救助人年满十八周岁之日（${numericDate(adulthoodDate(beneficiary.birthDate))}）止`
        : minor
          ? '至被救助人年满十八周岁之日止'
          : '至被救助人能够自行管理救助金之日止'
    const why = beneficiary.priorityFlags
      .filter((f) => f === 'minor' || f === 'disabled')
      .map((f) => priorityGroupLabels[f])
      .join('、')
    const blocks: Block[] = [
      { kind: 'paragraph', text: `委托人：${describePerson(applicant, { phone: false })}。`, indent: false },
      { kind: 'paragraph', text: `受托人（代管人）：${custody.custodian}。`, indent: false },
    ]
    if (beneficiary !== applicant) {
      blocks.push({
        kind: 'paragraph',
        text: `被救助人：${describePerson(beneficiary, { phone: false })}。${relationText(c) ?? ''}`,
        indent: false,
      })
    }
    blocks.push(
      {
        kind: 'paragraph',
        text: `根据${ctx.office.name}国家司法救助决定书（${decision.documentNo}），被救助人${beneficiary.name}获得国家司法救助金${amountText(payment.amountFen)}。${why ? `鉴于被救助人系${why}，` : ''}为保障救助金用于被救助人的实际需要，委托人自愿委托受托人代为管理该笔救助金，约定如下：`,
      },
      {
        kind: 'paragraph',
        text: '一、救助金专款专用，只能用于被救助人的生活、医疗、教育等必要支出，受托人不得挪作他用。',
      },
      {
        kind: 'paragraph',
        text: '二、受托人应当以被救助人名义单独存储救助金，如实记录每笔支出，并定期向委托人和人民检察院报告使用情况。',
      },
      {
        kind: 'paragraph',
        text: `三、代管期限自本委托书签订之日起${until}。期满后，受托人应当将剩余救助金及其孳息全部交付被救助人。`,
      },
    )
    if (custody.note) blocks.push({ kind: 'paragraph', text: `四、其他约定：${custody.note}` })
    blocks.push({
      kind: 'signLines',
      items: [['委托人（签名捺印）'], ['受托人（签名盖章）']],
    })
    return {
      blocks,
      sign: { unit: `见证单位：${ctx.office.name}`, date: chineseDate(payment.paidDate) },
      footer: ['本委托书一式三份，委托人、受托人和人民检察院各执一份。'],
    }
  },
})
