import type { Verification } from '../../domain/schemas'
import type { Block } from '../layout'
import { contactParagraph, docNoOf, idText, needParties } from './common'
import { chineseDate } from './format'
import { defineTemplate } from './types'

function lastDelegated(list: readonly Verification[]): Verification | undefined {
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.kind === 'delegated-investigation') return list[i]
  return undefined
}

/**
 * 委托调查函: the office asks another procuratorate — usually at the applicant's 户籍地 or 经常居住地 — to verify
 * facts (docs/domain-reference.md §5 #5, §10.1 item 3; H: S32 云岩→蕲春). Addressed to the unit named on the verification record;
 * the matters to verify are the record's note, else the usual hardship questions of docs/domain-reference.md §6.
 */
export const investigationLetter = defineTemplate({
  id: 'investigation-letter',
  title: '国家司法救助委托调查函',
  states: ['review', 'opinion'],
  steps: ['record-review'],
  when: '审查中需要申请人户籍地或经常居住地的检察院协助调查核实时（审查核实）',
  gather(ctx, n) {
    const { c, applicant } = needParties(ctx, n)
    const list = c?.review?.verifications ?? []
    const v = ctx.verificationIndex === undefined ? lastDelegated(list) : list[ctx.verificationIndex]
    if (c && !c.review) n.fail('审查核实记录（尚未登记委托调查）')
    else if (c && !v) n.fail('委托调查记录（审查核实记录中没有“委托调查”一项）')
    else if (v) n.need(v.unitName, '受委托调查的单位名称')
    return { c, applicant, v: v! }
  },
  compose({ c, applicant, v }, ctx) {
    const places = [
      applicant.household?.address ? `户籍地：${applicant.household.address}` : '',
      applicant.residence?.address ? `经常居住地：${applicant.residence.address}` : '',
    ].filter(Boolean)
    const matters = v.note
      ? [v.note]
      : [
          '申请人及其家庭成员的人数、劳动能力、就业状况和家庭收入情况；',
          '申请人已获得赔偿以及低保、临时救助等社会救助的情况；',
          '申请人所在村（居）民委员会对其生活困难情况的意见。',
        ]
    const blocks: Block[] = [
      {
        kind: 'paragraph',
        text: `本院在办理申请人${applicant.name}（${idText(applicant)}）申请国家司法救助一案${c.caseNo ? `（${c.caseNo}）` : ''}中，因申请人的户籍地或者经常居住地在你院辖区，为查明申请人的家庭生活困难情况，特委托你院协助调查核实下列事项：`,
      },
      ...matters.map((m, i): Block => ({ kind: 'paragraph', text: matters.length > 1 ? `${i + 1}. ${m}` : m })),
    ]
    if (places.length) blocks.push({ kind: 'paragraph', text: `申请人${places.join('；')}。` })
    if (applicant.phone) blocks.push({ kind: 'paragraph', text: `申请人联系电话：${applicant.phone}。` })
    blocks.push(
      { kind: 'paragraph', text: '请于调查核实后及时将调查情况及有关证明材料函复本院。' },
      { kind: 'paragraph', text: contactParagraph(ctx) },
      { kind: 'paragraph', text: '特此函托，请予协助。' },
    )
    return {
      docNo: docNoOf(ctx),
      to: `${v.unitName}：`,
      blocks,
      sign: { unit: ctx.office.name, date: chineseDate(v.date) },
      footer: ['附：申请人身份证明复印件一份。'],
    }
  },
})
