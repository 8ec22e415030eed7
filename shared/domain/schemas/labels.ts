import type { MaterialCode, ExclusionCode as RuleSetExclusionCode } from '../ruleCodes'
import { codesOf } from './closedList'

export * from './moneyLabels'
export * from './partyLabels'

/**
 * Chinese labels of every closed list used by the records (docs/domain-reference.md §5, §6, §8, §9). Each table is the list:
 * the codes are derived from it with `codesOf`, so the UI, reports and schemas never spell a label or a code twice.
 */

/** Case states of the workflow (docs/domain-reference.md §5 table, #0–#14, plus the terminal exits). */
export const caseStateLabels = {
  clue: '线索',
  informed: '已告知',
  'ex-officio': '依职权启动',
  advance: '先行救助',
  applied: '已申请',
  'needs-supplement': '待补正',
  accepted: '已受理',
  review: '审查核实',
  opinion: '已提出审查意见',
  approval: '审批中',
  granted: '决定救助',
  refused: '决定不予救助',
  'awaiting-funds': '待拨款',
  'awaiting-collection': '待领取',
  paid: '已发放',
  'follow-up': '回访帮扶',
  archived: '已归档',
  withdrawn: '已撤回',
  abandoned: '视为放弃申请',
  recovery: '追回中',
} as const
export const caseStates = codesOf(caseStateLabels)
export type CaseState = (typeof caseStates)[number]

/** How the case came to the office (docs/domain-reference.md §6 case header; 上级院交办 from §5 #0). */
export const caseSourceLabels = {
  referral: '办案部门移送线索',
  application: '当事人申请',
  'ex-officio': '依职权启动',
  'external-clue': '外部单位移送线索',
  assigned: '上级院交办',
  advance: '先行救助',
} as const
export const caseSources = codesOf(caseSourceLabels)
export type CaseSource = (typeof caseSources)[number]

/** Department of the office that handled the underlying case and referred the clue (docs/domain-reference.md §6). */
export const originDepartmentLabels = {
  'duty-crime-investigation': '职务犯罪侦查部门（2018年以前）',
  'arrest-review': '侦查监督（批捕）部门',
  prosecution: '公诉（起诉）部门',
  'criminal-execution': '刑事执行（监所）检察部门',
  'civil-administrative': '民事行政检察部门',
  complaints: '控告检察部门',
  'criminal-petition': '刑事申诉检察部门',
  juvenile: '未成年人检察部门',
  'public-interest': '公益诉讼检察部门',
  other: '其他部门',
} as const
export const originDepartments = codesOf(originDepartmentLabels)
export type OriginDepartment = (typeof originDepartments)[number]

/** 告知 (docs/domain-reference.md §6 "告知"; S7, S9). */
export const informMethodLabels = { written: '书面告知', oral: '口头告知' } as const
export const informMethods = codesOf(informMethodLabels)
export type InformMethod = (typeof informMethods)[number]

export const partyResponseLabels = { 'will-apply': '表示申请', declined: '表示不申请', undecided: '未表态' } as const
export const partyResponses = codesOf(partyResponseLabels)
export type PartyResponse = (typeof partyResponses)[number]

/** Written application or oral application with a 笔录 (S7). */
export const applicationFormLabels = { written: '书面申请', oral: '口头申请（制作笔录）' } as const
export const applicationForms = codesOf(applicationFormLabels)
export type ApplicationForm = (typeof applicationForms)[number]

/**
 * Items of the materials checklist (docs/domain-reference.md §6 "Materials checklist"; S7, S8). Same codes as the rule sets'
 * material list (shared/domain/rulesets.ts `MaterialCode`), checked at compile time.
 */
export const materialItemLabels = {
  application: '救助申请书或口头申请笔录',
  identity: '申请人身份证明',
  harmProof: '实际损害证明（鉴定意见、诊断证明、医疗票据、死亡证明、财产损失证据等）',
  hardshipProof: '申请人及家庭生活困难证明',
  compensationStatement: '已获赔偿或救助情况的说明或证明',
  relationshipProof: '亲属关系证明',
  powerOfAttorney: '授权委托书',
  other: '其他材料',
} as const satisfies Record<MaterialCode, string>
export const materialItems = codesOf(materialItemLabels)
export type MaterialItem = (typeof materialItems)[number]

/** "一般不予救助" situations (docs/domain-reference.md §3.5, X1–X8); same codes as the rule sets' exclusions. */
export const exclusionLabels = {
  X1: '对案件发生有重大过错',
  X2: '无正当理由拒绝配合查明案件事实',
  X3: '故意作虚伪陈述或者伪造证据，妨害诉讼',
  X4: '在诉讼中主动放弃民事赔偿请求或者拒绝侵权责任人及其近亲属赔偿',
  X5: '生活困难非案件原因所致',
  X6: '已经通过社会救助措施得到合理补偿、救助',
  X7: '申请人为法人或者其他组织',
  X8: '其他不应予以救助的情形',
} as const satisfies Record<RuleSetExclusionCode, string>
export const exclusionCodes = codesOf(exclusionLabels)
export type ExclusionCode = (typeof exclusionCodes)[number]

/** Reasons stated in a refusal (docs/domain-reference.md §3.1 R0a–R0d, §3.5, one-time rule). */
export const refusalReasonLabels = {
  ...exclusionLabels,
  'not-case-related': '生活困难与检察机关办理的案件无关',
  'no-harm': '未因犯罪或民事侵权遭受人身伤害或重大财产损失',
  compensated: '已通过诉讼获得有效赔偿',
  'no-hardship': '生活不存在急迫困难',
  'already-assisted': '同一案件已获国家司法救助（一次性救助）',
  'out-of-jurisdiction': '不属本院救助范围（非本院管辖案件）',
  other: '其他原因',
} as const
export const refusalReasons = codesOf(refusalReasonLabels)
export type RefusalReason = (typeof refusalReasons)[number]

/** Verification actions during review (docs/domain-reference.md §5 #5, §6 "Review"; S32, S33). */
export const verificationKindLabels = {
  'file-review': '查阅案卷',
  interview: '询问申请人（制作笔录）',
  'site-visit': '走访村（居）委会、邻里',
  inquiry: '向有关单位查询',
  'delegated-investigation': '委托调查（委托调查函）',
  other: '其他核实方式',
} as const
export const verificationKinds = codesOf(verificationKindLabels)
export type VerificationKind = (typeof verificationKinds)[number]

export const proposalDecisionLabels = { grant: '建议予以救助', refuse: '建议不予救助' } as const
export const proposalDecisions = codesOf(proposalDecisionLabels)
export type ProposalDecision = (typeof proposalDecisions)[number]

export const approvalDecisionLabels = { agree: '同意', disagree: '不同意', return: '退回补充调查' } as const
export const approvalDecisions = codesOf(approvalDecisionLabels)
export type ApprovalDecision = (typeof approvalDecisions)[number]

export const decisionOutcomeLabels = { granted: '决定救助', refused: '决定不予救助' } as const
export const decisionOutcomes = codesOf(decisionOutcomeLabels)
export type DecisionOutcome = (typeof decisionOutcomes)[number]

export const serviceMethodLabels = {
  'in-person': '直接送达',
  post: '邮寄送达',
  delegated: '委托送达',
  other: '其他方式',
} as const
export const serviceMethods = codesOf(serviceMethodLabels)
export type ServiceMethod = (typeof serviceMethods)[number]

/** How a refusal was explained to the applicant (告知并解释说明; S15). */
export const explanationMethodLabels = {
  'in-person': '当面解释说明',
  phone: '电话解释说明',
  written: '书面解释说明',
  other: '其他方式',
} as const
export const explanationMethods = codesOf(explanationMethodLabels)
export type ExplanationMethod = (typeof explanationMethods)[number]
