import type { Case } from '@shared/domain/schemas'
import {
  applicationFormLabels,
  approvalDecisionLabels,
  capacityLabels,
  exclusionLabels,
  explanationMethodLabels,
  fundSourceLabels,
  informMethodLabels,
  materialItemLabels,
  oversightBodyLabels,
  partyResponseLabels,
  paymentMethodLabels,
  recoveryTriggerLabels,
  refusalReasonLabels,
  serviceMethodLabels,
  verificationKindLabels,
} from '@shared/domain/schemas'
import type { ActionType } from '@shared/domain/workflow'

/**
 * One input on an action form; `name` is the path in the action's payload (shared/domain/workflow/actions.ts).
 * `required` is the message shown at the field when this form needs a value the payload schema leaves optional.
 * 'category' is the 救助情形 of the rules in force for the case (CategorySelect).
 */
export type Field =
  | {
      kind: 'date' | 'text' | 'textarea' | 'yuan' | 'category'
      name: string[]
      label: string
      optional?: boolean
      today?: boolean
      required?: string
      /** Clean-up as the text is entered: 'number' drops spaces and full-width digits, 'name' stray spaces. */
      normalize?: 'number' | 'name'
      /** An amount where “none” is 0 (已获赔偿金额 …): left empty, the form says to enter 0 when there is none. */
      zeroIfNone?: boolean
    }
  | {
      kind: 'select' | 'multiselect'
      name: string[]
      label: string
      options: Record<string, string>
      optional?: boolean
    }
  | { kind: 'checkbox'; name: string[]; label: string }
  | { kind: 'materials' | 'splits' | 'verifications' | 'exclusions'; name: string[]; label: string }

const date = (name: string, label: string, optional = false): Field => ({
  kind: 'date',
  name: name.split('.'),
  label,
  optional,
  today: !optional,
})
const text = (name: string, label: string, optional = false, normalize?: 'number' | 'name'): Field => ({
  kind: 'text',
  name: name.split('.'),
  label,
  optional,
  ...(normalize ? { normalize } : {}),
})
const area = (name: string, label: string, optional = false): Field => ({
  kind: 'textarea',
  name: name.split('.'),
  label,
  optional,
})
const yuan = (name: string, label: string, optional = false, zeroIfNone = false): Field => ({
  kind: 'yuan',
  name: name.split('.'),
  label,
  optional,
  ...(zeroIfNone ? { zeroIfNone } : {}),
})
const select = (name: string, label: string, options: Record<string, string>, optional = false): Field => ({
  kind: 'select',
  name: name.split('.'),
  label,
  options,
  optional,
})
const category = (name: string, label: string, optional = false): Field => ({
  kind: 'category',
  name: name.split('.'),
  label,
  optional,
})
const multi = (name: string, label: string, options: Record<string, string>): Field => ({
  kind: 'multiselect',
  name: name.split('.'),
  label,
  options,
})

const explanation = [
  select('explanation.method', '解释说明方式', explanationMethodLabels),
  date('explanation.date', '解释说明日期'),
  area('explanation.note', '解释说明情况', true),
]
const service = [date('serviceDate', '送达日期', true), select('serviceMethod', '送达方式', serviceMethodLabels, true)]
const missingItems = Object.fromEntries(Object.entries(materialItemLabels).filter(([k]) => k !== 'other'))

/**
 * The form of every workflow action, as data: one generic dialog renders it and one converter turns the entries into
 * the action's payload (yuan → 分). The amount calculator (propose) is a component of its own.
 */
export const actionFields: Record<Exclude<ActionType, 'propose'>, Field[]> = {
  inform: [
    text('informing.byName', '告知人'),
    select('informing.method', '告知方式', informMethodLabels),
    date('informing.date', '告知日期'),
    select('informing.response', '当事人意见', partyResponseLabels),
    area('informing.responseNote', '备注', true),
  ],
  'start-ex-officio': [date('date', '启动日期'), area('reason', '依职权启动的理由')],
  'start-advance': [
    date('date', '启动日期'),
    area('reason', '先行救助的理由（急需救助的情形）'),
    yuan('proposedFen', '拟先行救助金额（元）'),
    category('categoryItemCode', '救助情形', true),
    area('factorsText', '确定金额考虑的因素', true),
    yuan('courtAwardCeilingFen', '人民法院依法应当判决的赔偿数额（元，已知时填写）', true),
  ],
  'approve-advance': [
    select('decision', '审批意见', { agree: '同意', disagree: '不同意' }),
    area('opinion', '审批意见内容'),
    text('ref', '会议纪要或批复文号（检委会、党组、政法委研究决定时填写）', true),
  ],
  apply: [
    date('date', '申请日期'),
    select('form', '申请方式', applicationFormLabels),
    select('capacity', '申请人身份', capacityLabels),
    { kind: 'materials', name: ['materials'], label: '收取的申请材料' },
  ],
  'request-supplement': [date('noticeDate', '补正告知日期'), multi('missingItems', '需要补正的材料', missingItems)],
  'receive-supplement': [
    date('receivedDate', '收到补正材料日期'),
    { kind: 'materials', name: ['materials'], label: '补正的材料' },
  ],
  'deem-abandoned': [],
  accept: [date('date', '受理日期'), { kind: 'materials', name: ['materials'], label: '材料清单（核对）' }],
  'refuse-out-of-scope': [
    date('date', '决定日期'),
    multi('reasons', '不予救助的理由', refusalReasonLabels),
    text('documentNo', '不予救助告知书文号'),
    ...explanation,
  ],
  'begin-review': [date('date', '开始审查日期')],
  'record-review': [
    { kind: 'verifications', name: ['verifications'], label: '核实情况' },
    yuan('compensationReceivedFen', '已获赔偿金额（元）', false, true),
    yuan('socialAssistanceReceivedFen', '已获社会救助金额（元）', false, true),
    area('socialAssistanceNote', '社会救助情况说明', true),
    { kind: 'exclusions', name: ['exclusionChecks'], label: '不予救助情形逐项审查' },
    { kind: 'checkbox', name: ['duplicateCheckDone'], label: '已查询本院及上级下发数据，核实无重复救助' },
  ],
  'approve-repeat-grant': [area('reason', '批准再次救助的理由（须符合现行规则的例外规定）')],
  'override-exclusion': [
    select('code', '不予救助情形', exclusionLabels),
    area('reason', '认定不适用的理由（审批人可见）'),
  ],
  'submit-opinion': [],
  'approve-step': [
    select('decision', '审批意见', approvalDecisionLabels),
    area('opinion', '审批意见内容'),
    text('ref', '会议纪要或批复文号（检委会、党组、政法委审批时填写）', true),
  ],
  'decide-grant': [text('documentNo', '救助决定书文号'), ...service],
  'decide-refuse': [text('documentNo', '不予救助决定书文号'), ...service, ...explanation],
  'request-funds': [date('requestDate', '申请拨款日期')],
  'funds-received': [
    date('receivedDate', '资金到账日期'),
    { kind: 'splits', name: ['splits'], label: '资金来源及金额' },
  ],
  'notify-collection': [date('date', '通知领取日期'), select('method', '通知方式', informMethodLabels)],
  pay: [
    select('method', '发放方式', paymentMethodLabels),
    text('payeeName', '领款人', false, 'name'),
    text('account.bank', '开户银行', true),
    text('account.accountName', '户名', true, 'name'),
    text('account.accountNo', '银行账号', true, 'number'),
    text('custody.custodian', '代管人或代管单位（未成年人等代管时填写）', true),
    text('delegatedUnit', '委托发放的检察院单位代码（委托发放时填写）', true),
    date('paidDate', '发放日期'),
    text('receiptRef', '领取凭证编号', true),
  ],
  'complete-advance-paperwork': [
    date('date', '补办日期'),
    text('documentNo', '救助决定书文号', true),
    category('categoryItemCode', '救助情形', true),
    area('factorsText', '确定金额考虑的因素', true),
  ],
  'start-follow-up': [date('date', '开始回访日期')],
  archive: [date('date', '归档日期')],
  withdraw: [date('date', '撤回日期'), area('reason', '撤回原因')],
  'start-recovery': [
    select('trigger', '追回原因', recoveryTriggerLabels),
    yuan('amountFen', '应追回金额（元）'),
    date('date', '启动日期'),
    area('note', '情况说明', true),
  ],
  'close-recovery': [
    yuan('recoveredFen', '实际追回金额（元）', false, true),
    date('date', '办结日期'),
    select('referral.body', '移送单位（涉及违纪违法时）', oversightBodyLabels, true),
    date('referral.date', '移送日期', true),
    text('referral.ref', '移送文号', true),
    area('note', '情况说明', true),
  ],
}

/**
 * The form of an action on this case: `actionFields`, with the fields the case still lacks made required — at 补办先行救助
 * 手续 the 救助情形 and the basis of the amount, when the start of the advance did not give them (the command refuses
 * the paperwork without them; the form says so at the fields first).
 */
export function fieldsFor(type: Exclude<ActionType, 'propose'>, record: Case): Field[] {
  const fields = actionFields[type]
  if (type !== 'complete-advance-paperwork') return fields
  const lacks = {
    categoryItemCode: !(record.advance?.categoryItemCode ?? record.categoryItemCode),
    factorsText: !record.advance?.factorsText,
  }
  const messages = { categoryItemCode: '请选择救助情形', factorsText: '请说明确定先行救助金额所考虑的因素' }
  return fields.map((f) => {
    const key = f.name.join('.')
    if ((f.kind === 'category' || f.kind === 'textarea') && (key === 'categoryItemCode' || key === 'factorsText')) {
      return lacks[key] ? { ...f, optional: false, required: messages[key] } : f
    }
    return f
  })
}

export { exclusionLabels, fundSourceLabels, materialItemLabels, verificationKindLabels }
