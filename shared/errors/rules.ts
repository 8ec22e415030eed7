import type { MessageTable } from './types'

/**
 * Codes raised by the rule sets, the amount rules and the eligibility assessment (shared/domain/rulesets.ts,
 * amount.ts, eligibility.ts). Amounts arrive already formatted as “12,345.67元”; dates as YYYY-MM-DD.
 */
export const rulesMessages = {
  'ruleset.none-in-force': (p) =>
    `申请日期 ${p.date} 早于最早的国家司法救助规则（2014年1月17日《关于建立完善国家司法救助制度的意见（试行）》），没有可适用的规则。`,
  'ruleset.invalid': (p) => `规则数据不合格：${p.detail}。未采用该规则数据。`,
  'wage.fallback-earlier-year': (p) =>
    `${p.requestedYear}年度工资数据尚未公布，按最近公布的${p.usedYear}年度数据计算（参照法院做法）。`,
  'wage.fallback-prefecture': (p) => `地区 ${p.requested} 没有工资数据，改用所属设区市（${p.used}）的数据。`,
  'wage.fallback-province': (p) => `地区 ${p.requested} 没有工资数据，改用所属省级地区（${p.used}）的数据。`,

  'amount.not-positive': (p) => `拟救助金额为 ${p.proposed}，救助金额必须大于零。`,
  'amount.over-cap-no-approval': (p) =>
    `拟救助金额 ${p.proposed} 超过 ${p.months} 个月工资上限 ${p.cap}（月平均工资 ${p.wage}），须经特别审批；尚未记录超限审批文号。`,
  'amount.court-ceiling-missing': (p) =>
    `拟救助金额 ${p.proposed} 超过上限 ${p.cap}，须记录人民法院依法应当判决的赔偿数额，作为超限救助的最高限额。`,
  'amount.over-court-ceiling': (p) =>
    `拟救助金额 ${p.proposed} 超过人民法院依法应当判决的赔偿数额 ${p.ceiling}，超限救助也不得超过该数额。`,
  'amount.over-cap-approved': (p) =>
    `拟救助金额 ${p.proposed} 超过上限 ${p.cap}，已经${p.body}批准（${p.ref}），且未超过法院应判赔偿数额 ${p.ceiling}。`,
  'amount.over-local-max': (p) => `拟救助金额 ${p.proposed} 超过本地实施办法规定的每案每人最高 ${p.max}，请核实理由。`,
  'amount.below-local-floor': (p) => `拟救助金额 ${p.proposed} 低于本地实施办法规定的最低 ${p.floor}，请核实理由。`,
  'amount.escalation-needed': (p) =>
    `拟救助金额 ${p.proposed} 达到 ${p.threshold}，按本地实施办法须经${p.body}审批；尚未记录该审批。`,
  'amount.escalation-approved': (p) => `拟救助金额达到 ${p.threshold}，已经${p.body}审批（${p.ref}）。`,
  'amount.over-cap-pending': (p) =>
    `拟救助金额 ${p.proposed} 超过 ${p.months} 个月工资上限 ${p.cap}（月平均工资 ${p.wage}）。提交审批后，审批流程将增加超限审批环节，须由检察长记录有关机构的决定及文号后才能作出决定。`,
  'amount.escalation-pending': (p) =>
    `拟救助金额 ${p.proposed} 达到 ${p.threshold}，按本地实施办法须经${p.body}审批。提交审批后，审批流程将增加该环节，须记录其决定及文号后才能作出决定。`,

  'amount.wage-standard-missing': (p) =>
    `本院没有地区 ${p.region} ${p.year} 年度（或此前年度）的职工月平均工资标准，无法计算救助金额上限。请由管理员或部门负责人在“系统设置 → 职工月平均工资标准”中录入统计部门公布的数字及公布文件，或导入上级院下发的标准。`,
  'amount.wage-not-standard': (p) =>
    `审查意见所载月平均工资 ${p.stated}（${p.statedRegion}，${p.statedYear}年度）与本院现行标准 ${p.wage}（${p.region}，${p.year}年度，${p.document}）不符。救助金额上限只能按现行标准计算，请重新打开审查意见表单。`,
  'amount.approval-by-proposer': () =>
    '超限额审批或提级审批的文号只能在审批环节由检察长记录，不能在审查意见中填写。请删除后提交，审批流程会自动增加该审批环节。',
  'amount.approval-missing': (p) =>
    `拟救助金额 ${p.proposed} ${p.why}，本轮审批中没有${p.body}同意并记录文号的环节，不能作出救助决定。`,
  'amount.advance-over-cap': (p) =>
    `先行救助金额 ${p.proposed} 超过 ${p.months} 个月工资上限 ${p.cap}（月平均工资 ${p.wage}）。先行救助由检察长即时审批，不能用于超限额救助；请按普通程序提出意见并报有关机构审批。`,
  'amount.advance-over-ceiling': (p) =>
    `先行救助金额 ${p.proposed} 超过所记录的人民法院依法应当判决的赔偿数额 ${p.ceiling}。`,
  'amount.advance-escalation-ref': (p) =>
    `先行救助金额 ${p.proposed} 达到 ${p.threshold}，按本地实施办法须经${p.body}研究决定：请在审批先行救助时填写其会议纪要或批复文号。`,
  'category.not-in-rules': (p) =>
    `救助情形“${p.code}”不是申请时有效的“${p.ruleSet}”所列的检察机关救助情形，请重新选择。`,
  'approval.chain-not-chief': (p) =>
    `审批流程的最后一个环节“${p.label}”不是检察长、分管检察长或检察委员会等集体决策机构。是否给予救助和救助金额的意见须报检察长审批。`,
  'approval.step-label-role': (p) =>
    `审批环节“${p.label}”的名称表明由检察长或集体决策机构审批，但配置的签批人不是检察长。请更正实施办法中的审批流程。`,
  'approval.escalation-not-deciding': (p) =>
    `提级审批环节“${p.label}”须由检察长、分管检察长或检察委员会、党组等集体决策机构审批。`,
  'approval.chief-missing': () =>
    '本轮审批没有检察长（或分管检察长、集体决策机构）同意的记录，不能作出决定。是否给予救助须报检察长审批。',
  'approval.signer-role': (p) => `审批环节“${p.label}”须由${p.role}签批；${p.user}的账号没有该角色。`,

  'eligibility.ruleset-not-in-force': (p) =>
    `所用规则“${p.ruleSet}”自 ${p.effectiveDate} 起施行，晚于申请日期 ${p.applicationDate}；应按申请日有效的规则审查。`,
  'eligibility.ruleset-superseded': (p) =>
    `所用规则“${p.ruleSet}”在申请日期 ${p.applicationDate} 已由“${p.newer}”（自 ${p.effectiveDate} 起施行）取代；应按申请日有效的规则审查。`,
  'eligibility.item-matched': (p) => `符合救助情形“${p.label}”（${p.item}）：${p.why}。`,
  'eligibility.no-item-matched': (p) => `根据已填写的情况，不符合“${p.ruleSet}”规定的任何检察机关救助情形。`,
  'eligibility.court-only-item': (p) =>
    `情形“${p.label}”（${p.item}）属于人民法院的救助范围，检察机关的救助情形中没有此项。`,
  'eligibility.no-case-link': () =>
    '申请人的困难与检察机关正在办理的案件无关，不属于国家司法救助范围；可转介社会救助（民政等部门）。',
  'eligibility.no-harm': () => '未填写犯罪行为或民事侵权造成的人身伤害或重大财产损失，不符合国家司法救助的基本条件。',
  'eligibility.no-harm-waived': (p) =>
    `未填写犯罪行为或民事侵权造成的人身伤害或重大财产损失；情形“${p.label}”（${p.item}）不以此为条件，请在审查意见中说明。`,
  'eligibility.compensation-obtained': () => '已通过诉讼获得有效赔偿，不符合“无法通过诉讼获得有效赔偿”的基本条件。',
  'eligibility.compensation-obtained-waived': (p) =>
    `已通过诉讼获得赔偿；情形“${p.label}”（${p.item}）不以无法获得诉讼赔偿为条件，请在审查意见中说明。`,
  'eligibility.no-hardship': () => '未认定申请人生活面临急迫困难，不符合国家司法救助的基本条件。',
  'eligibility.exclusion-hard': (p) => `具有“${p.label}”情形（${p.code}），不予救助：${p.evidence}。`,
  'eligibility.exclusion-soft': (p) =>
    `具有“${p.label}”情形（${p.code}），一般不予救助：${p.evidence}。如确需救助，须由审批人写明理由后决定。`,
  'eligibility.exclusion-overridden': (p) =>
    `虽有“${p.label}”情形（${p.code}），${p.by}已说明理由决定仍予审查：${p.reason}。`,
  'eligibility.override-reason-missing': (p) => `对“${p.label}”情形（${p.code}）的例外决定没有写明理由，不能生效。`,
  'eligibility.override-not-allowed': (p) => `“${p.label}”情形（${p.code}）属于不予救助的情形，不能例外决定。`,
  'eligibility.exclusion-not-listed': (p) =>
    `“${p.ruleSet}”未列出 ${p.code} 情形（待核实），已记录的该项情况未作为不予救助的依据，请在审查意见中说明。`,
  'eligibility.legal-person-unlisted': (p) =>
    `申请人为法人或其他组织（${p.code}），不予救助，也不能例外决定：${p.evidence}。“${p.ruleSet}”所列不予救助情形中未见此项（待核实），依据${p.source}“${p.rule}”的规定，国家司法救助只救助自然人。`,
  'eligibility.one-time': (p) =>
    `该申请人已于 ${p.decidedOn} 由${p.unit}就案件 ${p.caseNo} 获得救助（救助案件 ${p.caseId}）。同一案件的同一救助对象只救助一次。`,
  'eligibility.one-time-transfer': (p) =>
    `已在${p.unit}获得救助（移送材料）：${p.decidedOn} 决定救助 ${p.amount}（${p.amountInWords}）${p.paidOn ? `，${p.paidOn} 发放` : ''}，原案件 ${p.caseNo}，决定书 ${p.documentNo ?? '（未载明文号）'}。同一案件的同一救助对象只救助一次。`,
  'eligibility.prior-transfer-other-case': (p) =>
    `已在${p.unit}获得救助（移送材料）：${p.decidedOn} 决定救助 ${p.amount}（${p.amountInWords}），原案件 ${p.caseNo}，与本案原案件编号不同。请核实是否为同一案件（法院、公安与检察院的案件编号可能不同）。`,
  'eligibility.prior-transfer-refused': (p) =>
    `曾在${p.unit}申请救助（移送材料）：${p.decidedOn} 决定不予救助，原案件 ${p.caseNo}。请在审查中参考其理由。`,
  'eligibility.one-time-excepted': (p) =>
    `该申请人已于 ${p.decidedOn} 就案件 ${p.caseNo} 获得救助（救助案件 ${p.caseId}）；检察长已按例外规定批准再次救助，理由：${p.reason}。`,
  'eligibility.one-time-unchecked': (p) => `缺少${p.missing}，无法检查是否已就同一案件获得过救助。`,
  'eligibility.same-case-other-person': (p) =>
    `同一案件 ${p.caseNo} 已有其他人获得救助（${p.count} 人次），请核实是否属于同一家庭的重复救助。`,
  'eligibility.materials-missing': (p) => `申请材料不齐全，缺少：${p.items}。`,
  'eligibility.supplement-notice-due': (p) => `应当在 ${p.by}（含当日）前一次性告知申请人需补正的全部材料。`,
  'eligibility.supplement-notice-overdue': (p) => `告知补正材料的期限（${p.by}）已过，尚未记录告知日期。`,
  'eligibility.supplement-notice-late': (p) => `补正告知于 ${p.on} 发出，晚于应告知期限 ${p.by}。`,
  'eligibility.supplement-awaiting': (p) => `已于 ${p.on} 告知补正，申请人应在 ${p.by}（含当日）前补正材料。`,
  'eligibility.supplement-date-unknown': (p) =>
    `材料已补齐，但未记录补正材料的收到日期，无法核对是否在补正期限 ${p.by}（含当日）内补正，请补录收到日期。`,
  'eligibility.abandoned': (p) => `申请人未在补正期限 ${p.after}（含当日）内补正材料，视为放弃救助申请。`,
  'eligibility.calendar-fallback': (p) =>
    `${p.years} 年的节假日安排尚未导入，期限已按周一至周五计算工作日，请导入最新节假日数据后复核。`,
} satisfies MessageTable

export type RulesCode = keyof typeof rulesMessages
