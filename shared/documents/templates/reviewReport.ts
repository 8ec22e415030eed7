import { departmentName } from '../../domain/departments'
import { formatYuanWithUnit } from '../../domain/money'
import { regionName } from '../../domain/regions'
import {
  applicationFormLabels,
  capacityLabels,
  caseSourceLabels,
  exclusionLabels,
  proposalDecisionLabels,
  refusalReasonLabels,
  verificationKindLabels,
  wageFallbackLabels,
  wageSeriesLabels,
} from '../../domain/schemas'
import type { Block } from '../layout'
import {
  categoryCitation,
  describePerson,
  harmText,
  needParties,
  otherVictimOf,
  priorityText,
  relationText,
  underlyingText,
  userName,
} from './common'
import { amountText, chineseDate, dateOfInstant, numericDate } from './format'
import { defineTemplate } from './types'

/**
 * 国家司法救助审查报告: the case procurator's report with the opinion (docs/domain-reference.md §5 #5–#6, §6 "Review", "Opinion and
 * approval"; the report itself is M). Sections: the parties; the source and the underlying case; application and
 * acceptance; what was verified, with compensation and social assistance received, each exclusion checked with its
 * evidence and the duplicate check; the amount computation (docs/domain-reference.md §4); the opinion with its legal basis.
 */
export const reviewReport = defineTemplate({
  id: 'review-report',
  title: '国家司法救助审查报告',
  states: ['opinion', 'approval'],
  steps: ['propose', 'submit-opinion'],
  when: '承办检察官审查核实后提出审查意见时（已提出审查意见、审批中）',
  gather(ctx, n) {
    const { c, applicant } = needParties(ctx, n)
    const review = c ? n.need(c.review, '审查核实记录（尚未登记审查核实情况）') : undefined
    const proposal = c ? n.need(c.proposal, '审查意见（承办检察官尚未提出意见）') : undefined
    if (proposal?.decision === 'grant') n.need(c.amount, '救助金额计算记录')
    return { c, applicant, review: review!, proposal: proposal! }
  },
  compose({ c, applicant, review, proposal }, ctx) {
    const blocks: Block[] = []
    const heading = (text: string) => blocks.push({ kind: 'heading', text })
    const para = (text: string) => blocks.push({ kind: 'paragraph', text })

    heading('一、申请人及被害人基本情况')
    const flags = priorityText(applicant)
    para(`申请人${describePerson(applicant)}。${flags ? `申请人属于${flags}。` : ''}`)
    const victim = otherVictimOf(ctx)
    if (victim) para(`被害人${describePerson(victim, { phone: false })}。${relationText(c) ?? ''}`)

    heading('二、案件来源及原案件情况')
    const origin = c.originDepartment ? `，由本院${departmentName(c.originDepartment, ctx.departmentNames)}移送` : ''
    const underlying = underlyingText(c)
    const harm = harmText(c)
    para(
      `本案来源：${caseSourceLabels[c.source]}${origin}。${underlying ? `原案件：${underlying}。` : ''}${harm ? `被害人损害情况：${harm}。` : ''}`,
    )

    heading('三、申请及受理情况')
    const intake = [
      c.applicationDate
        ? `申请人于${numericDate(c.applicationDate)}${c.application ? `以${applicationFormLabels[c.application.form]}方式` : ''}提出救助申请${c.capacity ? `（${capacityLabels[c.capacity]}）` : ''}`
        : c.exOfficio
          ? `本院于${numericDate(c.exOfficio.date)}依职权启动救助程序，理由：${c.exOfficio.reason}`
          : '',
      c.supplement
        ? `本院于${numericDate(c.supplement.noticeDate)}通知补正材料${c.supplement.receivedDate ? `，申请人于${numericDate(c.supplement.receivedDate)}补正` : ''}`
        : '',
      c.acceptanceDate ? `本院于${numericDate(c.acceptanceDate)}受理` : '',
      c.reviewStartDate ? `于${numericDate(c.reviewStartDate)}开始审查` : '',
    ].filter(Boolean)
    if (intake.length) para(`${intake.join('；')}。`)

    heading('四、审查核实情况')
    for (const v of review.verifications) {
      const unit = v.unitName ? `，单位：${v.unitName}` : ''
      const reply = v.replyDate ? `，${numericDate(v.replyDate)}回复` : ''
      para(`${numericDate(v.date)}，${verificationKindLabels[v.kind]}${unit}${reply}。${v.note ?? ''}`)
    }
    para(
      `申请人已获得赔偿${formatYuanWithUnit(review.compensationReceivedFen)}，已获得社会救助${formatYuanWithUnit(review.socialAssistanceReceivedFen)}${review.socialAssistanceNote ? `（${review.socialAssistanceNote}）` : ''}。`,
    )
    const clear = review.exclusionChecks.filter((x) => !x.hit)
    if (clear.length) {
      para(`经审查，申请人不存在下列一般不予救助的情形：${clear.map((x) => exclusionLabels[x.code]).join('；')}。`)
    }
    for (const x of review.exclusionChecks.filter((x) => x.hit)) {
      para(
        `经审查，申请人存在“${exclusionLabels[x.code]}”的情形${x.evidence ? `（${x.evidence}）` : ''}${x.override ? `；经${userName(ctx, x.override.by) || '审查'}认定不适用该情形，理由：${x.override.reason}` : ''}。`,
      )
    }
    para(
      review.duplicateCheckDone
        ? '经查询本院及已接收的其他院数据，未发现同一案件的同一当事人已获国家司法救助。'
        : '尚未完成重复救助查询。',
    )

    const amount = c.amount
    if (proposal.decision === 'grant' && amount) {
      heading('五、救助金额的计算')
      const series = amount.wageSeries ? wageSeriesLabels[amount.wageSeries] : '职工月平均工资'
      const fallbacks = amount.wageFallbacks.map((f) => wageFallbackLabels[f]).join('；')
      para(
        `以${regionName(amount.wageRegionCode, [ctx.office, ...(ctx.units ?? [])])}${amount.wageYear}年度${series}为基数，月平均工资${formatYuanWithUnit(amount.baseMonthlyWageFen)}${fallbacks ? `（${fallbacks}）` : ''}${amount.wageSource ? `（依据：${amount.wageSource}）` : ''}；救助金额一般不超过${amount.monthsFactor}个月的月平均工资总额，即${formatYuanWithUnit(amount.computedCapFen)}（${amount.formula}）。`,
      )
      para(`综合考虑的因素：${amount.factorsText}`)
      if (amount.overCapFlag) {
        para(
          `拟救助金额超过上述上限${amount.courtAwardCeilingFen !== null ? `，未超过人民法院依法应当判决的赔偿数额${formatYuanWithUnit(amount.courtAwardCeilingFen)}` : ''}${amount.overCapApprovalRef ? `，已经${amount.overCapApprovalBody ?? ''}批准（${amount.overCapApprovalRef}）` : '，须按规定报批'}。`,
        )
      }
    }

    heading(proposal.decision === 'grant' && amount ? '六、审查意见' : '五、审查意见')
    if (proposal.decision === 'grant') {
      const citation = categoryCitation(ctx)
      para(
        `申请人${citation ? `符合${citation}，` : ''}${proposalDecisionLabels.grant}${amount ? `，救助金额${amountText(amount.proposedFen)}` : ''}。`,
      )
    } else {
      const reasons = (proposal.refusalReasons ?? []).map((r) => refusalReasonLabels[r]).join('；')
      para(`${proposalDecisionLabels.refuse}，理由：${reasons}。`)
    }
    para(proposal.text)

    return {
      docNo: c.caseNo,
      blocks,
      sign: {
        unit: `承办检察官：${userName(ctx, proposal.by) || '　　　　　　'}`,
        date: chineseDate(dateOfInstant(proposal.at)),
        sealNote: '',
      },
    }
  },
})
