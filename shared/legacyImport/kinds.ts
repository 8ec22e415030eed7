/**
 * The kinds of register 历史台账导入 reads (docs/legacy-import.md): 救助案件台账 (historical cases), 发放台账 (the
 * payments of historical cases) and 回访台账 (their follow-up visits). Each kind names its fields, the ones a row cannot do without, and how header text
 * suggests them; the same file pipeline (sheet → header → mapping → row verdicts → one command) serves every kind.
 */
export const registerKindLabels = { cases: '救助案件台账', payments: '发放台账', followUps: '回访台账' } as const
export type RegisterKind = keyof typeof registerKindLabels
export const registerKinds = Object.keys(registerKindLabels) as RegisterKind[]

/** Every field any kind of register can have, by its Chinese name (per kind below, with the kind's own name). */
const allFieldLabels = {
  applicantName: '申请人姓名',
  applicantId: '申请人身份证号码',
  victimName: '被害人姓名',
  victimId: '被害人身份证号码',
  underlyingCaseNo: '原案件编号',
  charge: '案由（罪名）',
  caseNo: '救助案件编号',
  documentNo: '决定书文号',
  decisionDate: '决定日期',
  amount: '救助金额',
  fundSources: '资金来源',
  paidDate: '发放日期',
  method: '发放方式',
  payeeName: '领取人',
  bank: '开户银行',
  accountNo: '收款账号',
  followUpDate: '回访日期',
  followUpMethod: '回访方式',
  findings: '回访情况',
  furtherNeeds: '后续需求',
} as const
export type LegacyField = keyof typeof allFieldLabels

export interface RegisterKindSpec {
  /** The fields offered in the mapping, in order, with their names in this kind. */
  labels: Partial<Record<LegacyField, string>>
  /** Without these a row is rejected (payments also need a case reference: caseNo, or ID + underlying case). */
  required: readonly LegacyField[]
  /** Header text → field, first rule that matches wins. */
  rules: readonly [LegacyField, RegExp][]
}

const pick = <K extends LegacyField>(keys: K[], names: Partial<Record<LegacyField, string>> = {}) =>
  Object.fromEntries(keys.map((k) => [k, names[k] ?? allFieldLabels[k]])) as Partial<Record<LegacyField, string>>

/** How a 发放台账 or 回访台账 names its case: 救助案件编号, or the applicant's ID number and the underlying case. */
const caseRefRules: [LegacyField, RegExp][] = [
  ['applicantId', /身份证|证件号|公民身份号/],
  ['caseNo', /救助(案件)?编号|救助案号/],
  ['applicantName', /申请人|姓名|救助对象|受助人|被救助人/],
  ['underlyingCaseNo', /原案|案号|案件编号|案件号/],
]

export const registerKindSpecs: Record<RegisterKind, RegisterKindSpec> = {
  cases: {
    labels: pick([
      'applicantName',
      'applicantId',
      'victimName',
      'victimId',
      'underlyingCaseNo',
      'charge',
      'caseNo',
      'documentNo',
      'decisionDate',
      'amount',
      'fundSources',
      'paidDate',
    ]),
    required: ['applicantName', 'applicantId', 'underlyingCaseNo', 'decisionDate', 'amount'],
    // the victim's columns before the applicant's
    rules: [
      ['victimId', /(被害人|受害人).*(身份证|证件|公民身份)/],
      ['victimName', /(被害人|受害人)/],
      ['applicantId', /身份证|证件号|公民身份号/],
      ['caseNo', /救助(案件)?编号|救助案号/],
      ['documentNo', /文号|决定书号/],
      ['applicantName', /申请人|姓名|救助对象|受助人|被救助人/],
      ['underlyingCaseNo', /原案|案号|案件编号|案件号/],
      ['charge', /案由|罪名/],
      ['decisionDate', /决定(日期|时间)|审批(日期|时间)|批准(日期|时间)/],
      ['paidDate', /发放(日期|时间)|支付(日期|时间)|领取(日期|时间)|兑付(日期|时间)/],
      ['amount', /金额|救助款|救助金/],
      ['fundSources', /资金来源|资金渠道|经费来源/],
    ],
  },
  payments: {
    labels: pick(
      [
        'caseNo',
        'applicantName',
        'applicantId',
        'underlyingCaseNo',
        'paidDate',
        'amount',
        'method',
        'payeeName',
        'bank',
        'accountNo',
      ],
      { amount: '发放金额', applicantName: '申请人姓名', applicantId: '申请人身份证号码' },
    ),
    required: ['paidDate', 'amount'],
    rules: [
      ['accountNo', /账号|卡号|账户号/],
      ['bank', /开户(银)?行|银行/],
      ['payeeName', /领取人|领款人|收款人|签收人/],
      ...caseRefRules,
      ['paidDate', /发放(日期|时间)|支付(日期|时间)|领取(日期|时间)|兑付(日期|时间)|^日期$/],
      ['method', /方式/],
      ['amount', /金额|救助款|救助金/],
    ],
  },
  followUps: {
    labels: pick([
      'caseNo',
      'applicantName',
      'applicantId',
      'underlyingCaseNo',
      'followUpDate',
      'followUpMethod',
      'findings',
      'furtherNeeds',
    ]),
    required: ['followUpDate', 'findings'],
    rules: [
      ...caseRefRules,
      ['followUpDate', /回访(日期|时间)|^日期$/],
      ['followUpMethod', /方式/],
      ['furtherNeeds', /需求|诉求|后续/],
      ['findings', /情况|内容|结果|记录/],
    ],
  },
}

export function fieldLabel(kind: RegisterKind, f: LegacyField): string {
  return registerKindSpecs[kind].labels[f] ?? allFieldLabels[f]
}

/** Every field name, for the saved mapping's input schema. */
export const allLegacyFields = Object.keys(allFieldLabels) as LegacyField[]
