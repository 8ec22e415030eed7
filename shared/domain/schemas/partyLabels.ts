import type { UnitLevel } from '../officeSetup'
import { codesOf } from './closedList'

/** Chinese labels of the closed lists about units, persons, the underlying case and clues (see labels.ts). */

/** Short labels of the four procuratorate levels (组织法 arts. 12–17; docs/domain-reference.md §10.2). */
export const unitLevelShortLabels: Record<UnitLevel, string> = {
  supreme: '最高',
  province: '省级',
  city: '市级',
  basic: '基层',
}

/** Priority groups of SPP campaigns and statistics (docs/domain-reference.md §3.4, §6, §9; S20, S23, S28, S39). */
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

/** Stage of the underlying case when assistance was considered (docs/domain-reference.md §6: "stage of the case"). */
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

/** What the victim suffered (docs/domain-reference.md §6 "Victim"; art. 7 items A–F). */
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

/** Identity documents (docs/domain-reference.md §6, §10.4). */
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

/** Applicant's relation to the victim (docs/domain-reference.md §6; 近亲属 and dependants, §2). */
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

/** External bodies that transfer clues or receive referrals (docs/domain-reference.md §10.1 item 5; S17, S23, S24). */
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
