import type { MessageParams, MessageTable } from './types'

/** Things a workflow action can find missing, by field code (params.field of 'workflow.data-missing'). */
const missingLabels: Record<string, string> = {
  review: '审查核实记录',
  materials: '必备申请材料',
  amount: '救助金额计算记录',
  'refusal-reasons': '不予救助理由',
  approval: '全部审批环节的同意意见',
  'approval-ref': '外部机构研究决定的会议纪要或批复文号',
  'collection-notice': '领取通知记录',
  'advance-paperwork': '先行救助的补办手续',
  'advance-grounds': '先行救助补办手续须载明的事项',
  payment: '救助金发放记录',
  'exclusion-check': '该排除情形的审查记录（须为“触发”）',
  category: '救助情形（细则第七条所列项目）',
  explanation: '向申请人解释说明的记录',
  'application-date': '申请日期',
  'granted-amount': '决定救助金额',
  account: '银行转账的收款账户',
  supplement: '补正通知记录',
  advance: '先行救助申请记录',
  recovery: '追回记录',
  'prior-grant': '需要例外处理的既往救助（本院已知的同一案件同一救助对象的救助）',
  'court-ceiling': '人民法院依法应当判决的赔偿数额（超过上限时须记录，且救助金额不得高于该数额）',
}

/** Dates a workflow action checks, by field code (params.field / params.beforeField of 'workflow.date-invalid'). */
const dateLabels: Record<string, string> = {
  clue: '线索日期',
  referred: '移送日期',
  birth: '出生日期',
  informed: '告知日期',
  'ex-officio': '依职权启动日期',
  advance: '先行救助提出日期',
  application: '申请日期',
  notice: '补正通知日期',
  'supplement-received': '补正材料收到日期',
  acceptance: '受理日期',
  'review-start': '开始审查日期',
  decision: '决定日期',
  service: '送达日期',
  explanation: '解释说明日期',
  'request-funds': '拨款申请日期',
  'funds-received': '资金到账日期',
  'collection-notice': '领取通知日期',
  paid: '发放日期',
  paperwork: '补办手续日期',
  'follow-up': '回访开始日期',
  archive: '归档日期',
  withdraw: '撤回日期',
  'recovery-start': '追回启动日期',
  'recovery-close': '追回办结日期',
  'recovery-referral': '移送纪检监察（审计）日期',
  'material-received': '材料收取日期',
  verification: '核实日期',
  'after-payment': '回访（转介）日期',
  'after-outcome': '结果日期',
  donation: '收到捐助日期',
  'donor-notified': '告知捐助人日期',
  'reversed-entry': '被冲销分录的记账日期',
  ledger: '记账日期',
}
const dateLabel = (code: unknown) => dateLabels[String(code)] ?? String(code)

/** Separation-of-duties rules, by rule code (params.rule of 'workflow.separation-of-duties'). */
const dutyRules: Record<string, string> = {
  'proposer-approves': '提出审查意见的人员不能审批同一案件',
  'override-approves': '认定不适用不予救助情形的人员不能审批同一案件',
  'same-approver': '同一人员不能在同一轮审批中审批两个环节',
  'approver-pays': '审批同意救助的人员不能发放同一案件的救助金',
  'advance-requester': '提出先行救助的人员不能审批该先行救助',
}

/** Why an amount is not acceptable, by reason code (params.reason of 'workflow.amount-invalid'). */
const amountReasons: Record<string, (p: MessageParams) => string> = {
  'recovery-exceeds-paid': (p) => `应追回金额 ${p.amount} 超过已发放金额 ${p.limit}`,
  'recovered-exceeds-due': (p) => `追回金额 ${p.amount} 超过应追回金额 ${p.limit}`,
}

/**
 * Codes raised by the case workflow (shared/domain/workflow.ts). Params: `action` and `state` arrive as Chinese
 * labels; amounts already formatted as “12,345.67元”; dates as YYYY-MM-DD.
 */
export const workflowMessages = {
  'workflow.wrong-state': (p) => `案件当前状态为“${p.state}”，不能办理“${p.action}”。`,
  'workflow.role-not-allowed': (p) =>
    `您（${p.roles || '无角色'}）无权办理“${p.action}”。此操作需要以下角色之一：${p.allowed}。`,
  'workflow.step-role': (p) => `当前审批环节为“${p.step}”，须由${p.role}审批。`,
  'workflow.data-missing': (p) =>
    `缺少${missingLabels[String(p.field)] ?? p.field}${p.detail ? `（${p.detail}）` : ''}，不能办理“${p.action}”。`,
  'workflow.separation-of-duties': (p) =>
    `${dutyRules[String(p.rule)] ?? '不符合职责分离要求'}，不能办理“${p.action}”，请由其他人员办理。`,
  'workflow.too-early': (p) => `补正期限至 ${p.due} 届满，期满仍未补正的，方可视为放弃申请。`,
  'workflow.already-done': (p) => `“${p.action}”已经办理${p.date ? `（${p.date}）` : ''}，不能重复办理。`,
  'workflow.hard-exclusion': (p) => `存在不得救助的情形（${p.label}），不能认定例外，也不能提出救助意见。`,
  'workflow.exclusion-unresolved': (p) =>
    `存在尚未认定例外的不予救助情形：${p.labels}。请先说明理由认定不适用，或提出不予救助的意见。`,
  'workflow.amount-invalid': (p) => `${amountReasons[String(p.reason)]?.(p) ?? '金额不正确'}，不能办理“${p.action}”。`,
  'workflow.date-invalid': (p) =>
    p.reason === 'future'
      ? `${dateLabel(p.field)}（${p.date}）不能晚于今天（${p.today}）。`
      : `${dateLabel(p.field)}（${p.date}）不能早于${dateLabel(p.beforeField)}（${p.before}）。`,
  'workflow.funding-mismatch': (p) =>
    `各级资金分担合计 ${p.total}，与决定救助金额 ${p.granted} 不一致，请核对后重新登记。`,
  'workflow.opinion-mismatch': (p) => `审查意见为“${p.opinion}”，不能办理“${p.action}”。`,
  'workflow.record-voided': (p) => `该案件已于 ${p.at} 作废，不能再办理任何操作。`,
  'workflow.invalid-action': (p) => `操作内容不完整或有误：${p.detail}。`,
} satisfies MessageTable

export type WorkflowErrorCode = keyof typeof workflowMessages
