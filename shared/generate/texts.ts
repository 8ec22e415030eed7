import type { RefusalReason } from '../domain/schemas'

/**
 * Short Chinese texts for opinions, findings and notes, written the way case files phrase them (docs/domain-reference.md §5–§6).
 * Kinds of harm follow the art. 7 items (docs/domain-reference.md §3.3–3.4).
 */
export type HarmKind = 'injury' | 'urgent' | 'death' | 'property' | 'witness' | 'civil' | 'other' | 'petition'

export const livingConditions: Record<HarmKind, readonly string[]> = {
  injury: [
    '被害人受伤致残后丧失大部分劳动能力，家庭主要收入来源中断，被告人无赔偿能力。',
    '被害人重伤住院，已花费医疗费数万元，家中尚有老人和未成年子女需要抚养。',
    '被害人伤后无法务工，家庭仅靠务农维持生活，生活十分困难。',
  ],
  urgent: [
    '被害人伤情严重仍在住院治疗，急需支付后续医疗费用，家庭无力承担。',
    '被害人因伤需要手术治疗，医院催缴费用，亲属多方借款仍不足。',
  ],
  death: [
    '被害人系家庭主要劳动力，死亡后家中老人无人赡养、子女尚未成年，被告人无赔偿能力。',
    '被害人死亡后，其配偶体弱多病无固定收入，家庭生活陷入困境。',
    '被害人生前为家庭唯一经济来源，案发后家庭收入骤减，丧葬费用系借款支付。',
  ],
  property: [
    '被害人被骗走多年积蓄，案件尚未追回赃款，家庭生活面临急迫困难。',
    '被害人住房及财物在案件中损毁，一家人暂住亲戚家中，生活困难。',
  ],
  witness: ['举报人因向检察机关举报遭受报复受伤，无法通过诉讼获得赔偿，生活困难。'],
  civil: [
    '被害人在交通事故中受伤，肇事方无力赔偿，经诉讼仍未获得有效赔偿。',
    '被害人在民事侵权中受伤致残，判决确定的赔偿无法执行到位，家庭生活困难。',
  ],
  other: ['申请人因案件遭受损害，家庭生活面临急迫困难，经调查核实确需救助。'],
  petition: ['申请人长期信访，诉求有一定合理性但通过法律途径难以解决，家庭生活困难，同意息诉息访。'],
}

export const factorsText: Record<HarmKind, string> = {
  injury: '综合考虑被害人实际损害后果、家庭经济状况、当地最低生活保障标准及被告人赔偿情况确定。',
  urgent: '综合考虑被害人急需救治的医疗费用、家庭经济状况及已获赔偿情况确定。',
  death: '综合考虑被害人死亡后果、近亲属生活困难程度、当地生活水平及未获赔偿情况确定。',
  property: '综合考虑财产损失数额、追赃情况及家庭生活困难程度确定。',
  witness: '综合考虑遭受打击报复的损害后果及生活困难程度确定。',
  civil: '综合考虑侵权损害后果、诉讼后未获赔偿情况及家庭经济状况确定。',
  other: '综合考虑申请人实际损害和家庭生活困难程度确定。',
  petition: '综合考虑信访人诉求合理部分、生活困难程度及息诉息访承诺确定。',
}

export const grantOpinion = [
  '经审查，申请人符合国家司法救助条件，建议予以救助。',
  '经调查核实，申请人因案致困，生活面临急迫困难，建议给予一次性救助。',
  '申请人符合救助条件，无不予救助情形，建议予以救助。',
]

export const approvalOpinion = {
  agree: ['同意。', '同意承办人意见。', '同意予以救助。', '同意，按程序办理。'],
  return: ['请补充调查申请人家庭收入情况后再报。', '事实尚不清楚，退回补充调查。'],
  disagree: ['救助金额偏高，请重新研究提出意见。', '请结合同类案件重新确定救助金额。'],
}

export const refusalText: Partial<Record<RefusalReason, string>> = {
  X1: '申请人对案件发生有重大过错，依照规定一般不予救助。',
  X4: '申请人在诉讼中主动放弃民事赔偿请求，依照规定一般不予救助。',
  X5: '经调查，申请人生活困难并非案件原因所致。',
  X6: '申请人已通过社会救助措施得到合理补偿、救助。',
  compensated: '申请人已通过诉讼获得有效赔偿。',
  'no-hardship': '经调查核实，申请人家庭生活不存在急迫困难。',
  'not-case-related': '申请人生活困难与检察机关办理的案件无关，已告知其向民政部门申请社会救助。',
  'already-assisted': '申请人已就同一案件获得国家司法救助。',
  'out-of-jurisdiction': '该案件不属本院管辖，已告知申请人向有管辖权的检察院申请。',
}

export const withdrawReasons = [
  '申请人已与被告人达成和解并获得赔偿，申请撤回。',
  '申请人表示家庭困难已缓解，自愿撤回救助申请。',
  '申请人已获得民事赔偿，申请撤回救助申请。',
]

export const clueClosedReasons = [
  '当事人明确表示不申请国家司法救助。',
  '经核实当事人已获得有效赔偿，不需要救助。',
  '多次联系当事人未果，线索终结。',
  '不属于国家司法救助范围，已引导当事人申请社会救助。',
]

export const followUpFindings = [
  '救助金已用于医疗和日常生活，申请人对救助工作表示感谢，生活基本稳定。',
  '被害人伤情好转，已能从事轻体力劳动，家庭生活有所改善。',
  '申请人子女已正常入学，家庭已纳入最低生活保障。',
  '申请人情绪稳定，未再信访，表示息诉罢访。',
  '家庭仍较困难，已协调当地民政部门跟进帮扶。',
]

export const furtherNeeds = ['希望协调解决子女上学问题。', '需要后续康复治疗费用帮助。', '希望提供就业技能培训。']

export const referralOutcomes: Record<string, string> = {
  'legal-aid': '已指派律师提供法律援助。',
  counselling: '已开展心理疏导两次，情绪明显好转。',
  'social-assistance': '已纳入最低生活保障。',
  'temporary-assistance': '已给予临时救助。',
  medical: '已落实医疗救助政策，减免部分医疗费用。',
  education: '已为其子女办理教育资助。',
  employment: '已推荐参加就业技能培训。',
  'litigation-relief': '法院已准予缓交诉讼费。',
  other: '已落实相关帮扶措施。',
}

export const advanceReasons = [
  '被害人伤情危重，急需救治，无力支付医疗费用，报请先行救助。',
  '被害人受伤住院，医院催缴手术费用，家庭无力支付，报请先行救助。',
]

export const recoveryNotes: Record<string, string> = {
  fraud: '经查申请人隐瞒已获赔偿事实骗取救助金，依法追回。',
  withholding: '经查经办人员截留部分救助金，已移送纪检监察机关。',
  embezzlement: '经查有关人员侵占救助金，已移送纪检监察机关。',
  misappropriation: '经查救助金被挪用，已责令追回。',
  'improper-payment': '审计发现违规发放，依法追回。',
}
