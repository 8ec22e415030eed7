import type { UnitLevel } from '../officeSetup'
import type { MaterialCode, ExclusionCode as RuleSetExclusionCode, WageFallback, WageSeries } from '../rulesets'
import { codesOf } from './closedList'

/**
 * Chinese labels of every closed list used by the records (domain.md §5, §6, §8, §9). Each table is the list:
 * the codes are derived from it with `codesOf`, so the UI, reports and schemas never spell a label or a code twice.
 */

/** Case states of the workflow (domain.md §5 table, #0–#14, plus the terminal exits). */
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

/** How the case came to the office (domain.md §6 case header; 上级院交办 from §5 #0). */
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

/** Department of the office that handled the underlying case and referred the clue (domain.md §6). */
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

/** Short labels of the four procuratorate levels (组织法 arts. 12–17; domain.md §10.2). */
export const unitLevelShortLabels: Record<UnitLevel, string> = {
  supreme: '最高',
  province: '省级',
  city: '市级',
  basic: '基层',
}

/** Priority groups of SPP campaigns and statistics (domain.md §3.4, §6, §9; S20, S23, S28, S39). */
export const priorityGroupLabels = {
  minor: '未成年人',
  'woman-in-hardship': '困难妇女',
  disabled: '残疾人',
  'veteran-or-military-family': '退役军人及军属',
  'rural-hardship': '农村困难家庭（含防返贫监测对象）',
  'low-income': '低保对象',
  'registered-poor': '建档立卡贫困户',
  petitioner: '涉法涉诉信访人',
} as const
export const priorityGroups = codesOf(priorityGroupLabels)
export type PriorityGroup = (typeof priorityGroups)[number]

/** Stage of the underlying case when assistance was considered (domain.md §6: "stage of the case"). */
export const caseStageLabels = {
  investigation: '侦查',
  'arrest-review': '审查逮捕',
  'prosecution-review': '审查起诉',
  trial: '审判',
  execution: '刑罚执行',
  petition: '申诉',
  'civil-administrative': '民事行政诉讼监督',
  closed: '已结案（撤案、不起诉等）',
  other: '其他',
} as const
export const caseStages = codesOf(caseStageLabels)
export type CaseStage = (typeof caseStages)[number]

/** What the victim suffered (domain.md §6 "Victim"; art. 7 items A–F). */
export const victimOutcomeLabels = {
  death: '死亡',
  'serious-injury': '重伤',
  disability: '致残',
  'loss-of-work-ability': '丧失劳动能力',
  'urgent-treatment': '急需救治',
  'property-loss': '重大财产损失',
  retaliation: '遭受打击报复',
  other: '其他',
} as const
export const victimOutcomes = codesOf(victimOutcomeLabels)
export type VictimOutcome = (typeof victimOutcomes)[number]

/** Identity documents (domain.md §6, §10.4). */
export const idTypeLabels = {
  'resident-id': '居民身份证',
  'hmt-residence-permit': '港澳台居民居住证',
  'foreign-permanent-residence': '外国人永久居留身份证',
  passport: '护照',
  other: '其他证件',
} as const
export const idTypes = codesOf(idTypeLabels)
export type IdType = (typeof idTypes)[number]

export const sexLabels = { male: '男', female: '女' } as const
export const sexes = codesOf(sexLabels)
export type Sex = (typeof sexes)[number]

/** Applicant's relation to the victim (domain.md §6; 近亲属 and dependants, §2). */
export const relationLabels = {
  self: '本人',
  spouse: '配偶',
  child: '子女',
  parent: '父母',
  sibling: '兄弟姐妹',
  'other-close-relative': '其他近亲属',
  dependant: '被扶养（赡养、抚养）人',
  other: '其他',
} as const
export const relations = codesOf(relationLabels)
export type Relation = (typeof relations)[number]

/** In what capacity the applicant files (2016 细则; S6, S7). */
export const capacityLabels = {
  self: '本人申请',
  'legal-representative': '法定代理人代为申请',
  'entrusted-agent': '委托代理人代为申请',
} as const
export const capacities = codesOf(capacityLabels)
export type Capacity = (typeof capacities)[number]

/** External bodies that transfer clues or receive referrals (domain.md §10.1 item 5; S17, S23, S24). */
export const externalBodyLabels = {
  'rural-revitalization': '乡村振兴（原扶贫）部门',
  'civil-affairs': '民政部门',
  'womens-federation': '妇联',
  'disabled-federation': '残联',
  education: '教育部门',
  'human-resources': '人力资源社会保障部门',
  'veterans-affairs': '退役军人事务部门',
  'public-security': '公安机关',
  court: '人民法院',
  'upper-procuratorate': '上级人民检察院',
  other: '其他单位',
} as const
export const externalBodies = codesOf(externalBodyLabels)
export type ExternalBody = (typeof externalBodies)[number]

export const clueSourceLabels = {
  'case-department': '本院办案部门',
  external: '外部单位移送',
  'upper-level': '上级院交办',
} as const
export const clueSources = codesOf(clueSourceLabels)
export type ClueSource = (typeof clueSources)[number]

export const clueStatusLabels = {
  open: '待处理',
  informed: '已告知',
  converted: '已转为救助案件',
  closed: '已终结',
} as const
export const clueStatuses = codesOf(clueStatusLabels)
export type ClueStatus = (typeof clueStatuses)[number]

/** 告知 (domain.md §6 "告知"; S7, S9). */
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
 * Items of the materials checklist (domain.md §6 "Materials checklist"; S7, S8). Same codes as the rule sets'
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

/** "一般不予救助" situations (domain.md §3.5, X1–X8); same codes as the rule sets' exclusions. */
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

/** Reasons stated in a refusal (domain.md §3.1 R0a–R0d, §3.5, one-time rule). */
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

/** Verification actions during review (domain.md §5 #5, §6 "Review"; S32, S33). */
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

/** Funding levels of the fund split and of 财政 allocations (domain.md §4 joint funding, §8; S2, S24). */
export const fundLevelLabels = { central: '中央', province: '省级', city: '市级', county: '县级' } as const
export const fundLevels = codesOf(fundLevelLabels)
export type FundLevel = (typeof fundLevels)[number]

export const fundSourceLabels = { ...fundLevelLabels, donation: '社会捐助' } as const
export const fundSources = codesOf(fundSourceLabels)
export type FundSource = (typeof fundSources)[number]

/** Kinds of the append-only money ledger (design.md §3: corrections are reversing entries). */
export const ledgerKindLabels = {
  allocation: '财政拨款',
  donation: '社会捐助',
  disbursement: '救助金发放',
  recovery: '救助金追回',
  reversal: '冲销',
} as const
export const ledgerKinds = codesOf(ledgerKindLabels)
export type LedgerKind = (typeof ledgerKinds)[number]

export const paymentMethodLabels = { transfer: '银行转账', 'in-person': '当面发放（签收）' } as const
export const paymentMethods = codesOf(paymentMethodLabels)
export type PaymentMethod = (typeof paymentMethods)[number]

/** Triggers of recovery (追回; domain.md §6 "Recovery", §8; S28). */
export const recoveryTriggerLabels = {
  fraud: '以虚报、隐瞒、伪造等手段骗取救助金',
  withholding: '截留救助金',
  embezzlement: '侵占、私分救助金',
  misappropriation: '挪用救助金',
  'improper-payment': '违规发放',
} as const
export const recoveryTriggers = codesOf(recoveryTriggerLabels)
export type RecoveryTrigger = (typeof recoveryTriggers)[number]

export const oversightBodyLabels = { 'discipline-inspection': '纪检监察机关', audit: '审计机关' } as const
export const oversightBodies = codesOf(oversightBodyLabels)
export type OversightBody = (typeof oversightBodies)[number]

/** Diversified assistance (多元救助; domain.md §2, §6 "Diversified assistance"; S24). */
export const referralKindLabels = {
  'legal-aid': '法律援助',
  counselling: '心理疏导',
  'social-assistance': '社会救助（低保等）',
  'temporary-assistance': '临时救助',
  medical: '医疗救助',
  education: '教育帮扶',
  employment: '就业帮扶',
  'litigation-relief': '司法救济（缓、减、免交诉讼费用）',
  other: '其他帮扶',
} as const
export const referralKinds = codesOf(referralKindLabels)
export type ReferralKind = (typeof referralKinds)[number]

export const followUpMethodLabels = {
  visit: '上门回访',
  phone: '电话回访',
  letter: '信函回访',
  video: '视频回访',
  other: '其他方式',
} as const
export const followUpMethods = codesOf(followUpMethodLabels)
export type FollowUpMethod = (typeof followUpMethods)[number]

export const donorKindLabels = { individual: '个人', company: '企业', organisation: '社会组织' } as const
export const donorKinds = codesOf(donorKindLabels)
export type DonorKind = (typeof donorKinds)[number]

/** Which wage series the base B uses (domain.md §4, §13 q.4: a local choice). Same codes as rulesets.ts. */
export const wageSeriesLabels = {
  职工: '职工平均工资',
  在岗职工: '在岗职工平均工资',
  全口径: '全口径城镇单位就业人员平均工资',
} as const satisfies Record<WageSeries, string>
export const wageSeries = codesOf(wageSeriesLabels)

/** Why another wage figure than the requested region and year was used (rulesets.ts `monthlyWageFor`). */
export const wageFallbackLabels = {
  'earlier-year': '当年数据未公布，采用最近公布年度',
  prefecture: '本地区无数据，采用所属设区市数据',
  province: '本地区无数据，采用所属省级数据',
} as const satisfies Record<WageFallback, string>
export const wageFallbacks = codesOf(wageFallbackLabels)
