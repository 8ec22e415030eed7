import type { RuleRef } from '../findings'

/**
 * The rules of the money path that no rule-set file carries, with their sources (docs/domain-rules.md, register of
 * sources). The rule sets' own texts (one-time rule, cap, over-cap, court ceiling) come from the rule set in force.
 */
const SPP_2014 = '最高人民检察院《关于贯彻实施〈关于建立完善国家司法救助制度的意见（试行）〉的若干意见》'

/** 参考原文 四: the opinion on whether and how much goes to the 检察长 for approval. */
export const chiefApprovalRule: RuleRef = {
  text: '刑事申诉检察部门在规定期限内，作出是否给予救助和具体救助金额的意见，报检察长审批。',
  source: { document: SPP_2014, article: '四', confidence: 'H' },
}

/** 参考原文 五: money paid against the rules is recovered; the payment path is supervised (纪检、监察、审计). */
export const fundsDisciplineRule: RuleRef = {
  text: '对截留、侵占、私分、挪用、骗取和违规发放国家司法救助资金的，严格依纪依法追究责任，并追回救助资金。',
  source: { document: SPP_2014, article: '五', confidence: 'H' },
}

/** The wage base: the previous year's average monthly wage published for the region (H, S1, S10). */
export const wageBaseRule: RuleRef = {
  text: '救助金额以案件管辖地（或办案检察院所在省级地区）上一年度职工月平均工资为基准，一般不超过36个月的工资总额。',
  source: {
    document: '《关于建立完善国家司法救助制度的意见（试行）》；《人民检察院国家司法救助工作细则（试行）》',
    confidence: 'H',
    note: 'S1、S10',
  },
}

/** Separation of duties on the money path (内部分工, 各司其职; 参考原文 四). */
export const dutiesRule: RuleRef = {
  text: '人民检察院各相关部门在国家司法救助工作中要各司其职、相互配合；提出意见、审批、发放由不同人员负责。',
  source: { document: SPP_2014, article: '四', confidence: 'M', note: '职责分离为内部控制要求' },
}
