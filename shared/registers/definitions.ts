import {
  caseStateLabels,
  clueStatusLabels,
  decisionOutcomeLabels,
  followUpMethodLabels,
  ledgerKindLabels,
} from '../domain/schemas/labels'
import type { RegisterColumn, RegisterDefinition, RegisterId } from './types'

/**
 * The eight registers: title, date, state list, filters and columns (Chinese titles; money columns are integer 分
 * of kind 'fen', printed as 元 at the edge). Suggested ledger columns: docs/domain-reference.md §9; the clue-transfer and follow-up
 * ledgers: S33. How each row is derived from records: rows.ts.
 */

const text = (key: string, title: string, width?: number, hidden?: boolean): RegisterColumn => ({
  key,
  title,
  kind: 'text',
  ...(width ? { width } : {}),
  ...(hidden ? { hidden } : {}),
})
const date = (key: string, title: string, hidden?: boolean): RegisterColumn => ({
  key,
  title,
  kind: 'date',
  width: 11,
  ...(hidden ? { hidden } : {}),
})
const fen = (key: string, title: string, hidden?: boolean): RegisterColumn => ({
  key,
  title,
  kind: 'fen',
  width: 14,
  total: 'sum',
  ...(hidden ? { hidden } : {}),
})

/** The key columns a case register keeps at the left while the rest scroll (types.ts `frozen`). */
const CASE_KEY_COLUMNS = ['caseNo', 'applicant'] as const

/** Columns every case-based register starts with. */
const caseColumns: RegisterColumn[] = [
  text('caseNo', '救助案件编号', 22),
  text('unit', '办理单位', 14),
  text('applicant', '申请人', 8),
  { ...text('applicantIdNo', '证件号码', 20), sensitive: 'idNumber' as const },
]

export const donationStateLabels = { pending: '未告知捐助人', notified: '已告知捐助人' } as const
export const recoveryStateLabels = { open: '追回中', closed: '已办结' } as const

export const registers: Readonly<Record<RegisterId, RegisterDefinition>> = {
  clues: {
    id: 'clues',
    title: '线索移送台账',
    dateLabel: '移送日期',
    stateLabel: '线索状态',
    states: clueStatusLabels,
    filters: ['state', 'origin', 'group'],
    scope: '办案部门移送、外部单位移送和上级院交办的司法救助线索，按移送日期登记。',
    frozen: ['party'],
    columns: [
      date('date', '移送日期'),
      text('unit', '办理单位', 14),
      text('party', '当事人', 8),
      text('source', '线索来源', 12),
      text('referrer', '移送部门或单位', 18),
      text('underlyingCaseNo', '原案件编号', 20),
      text('informMethod', '告知方式', 8),
      date('informDate', '告知日期'),
      text('response', '当事人意见', 10),
      text('state', '线索状态', 12),
      text('caseNo', '转为救助案件编号', 22),
      text('closedReason', '终结原因', 20, true),
      text('livingConditions', '家庭生活情况', 30, true),
    ],
  },
  applications: {
    id: 'applications',
    title: '受理台账',
    dateLabel: '申请日期',
    stateLabel: '案件状态',
    states: caseStateLabels,
    filters: ['state', 'category', 'origin', 'group'],
    scope:
      '当事人提出救助申请的案件（书面申请或口头申请笔录），按申请日期登记；依职权启动和先行救助的案件见救助决定台账。',
    frozen: CASE_KEY_COLUMNS,
    columns: [
      date('date', '申请日期'),
      ...caseColumns,
      text('victim', '被害人', 8),
      text('relation', '与被害人关系', 10, true),
      text('source', '案件来源', 14),
      text('origin', '移送部门', 16),
      text('underlyingCaseNo', '原案件编号', 20, true),
      text('charge', '罪名或案由', 12, true),
      date('acceptanceDate', '受理日期'),
      text('category', '救助情形', 20),
      text('groups', '重点群体', 14),
      text('state', '案件状态', 12),
      fen('grantedFen', '决定金额'),
      fen('paidFen', '已发放金额'),
      text('smallEmergency', '小额应急帮扶', 8, true),
    ],
  },
  decisions: {
    id: 'decisions',
    title: '救助决定台账',
    dateLabel: '决定日期',
    stateLabel: '决定结果',
    states: decisionOutcomeLabels,
    filters: ['state', 'category', 'origin', 'group'],
    scope: '作出救助决定或不予救助决定的案件，按决定日期登记。',
    frozen: CASE_KEY_COLUMNS,
    columns: [
      date('date', '决定日期'),
      ...caseColumns,
      text('outcome', '决定结果', 10),
      text('documentNo', '决定书文号', 22),
      fen('grantedFen', '决定金额'),
      text('refusalReasons', '不予救助理由', 24),
      date('serviceDate', '送达日期'),
      text('category', '救助情形', 20),
      text('origin', '移送部门', 16, true),
      text('groups', '重点群体', 14, true),
      text('caseState', '案件状态', 12),
    ],
  },
  payments: {
    id: 'payments',
    title: '发放台账',
    dateLabel: '发放日期',
    stateLabel: '案件状态',
    states: caseStateLabels,
    filters: ['state', 'category', 'origin', 'group', 'source'],
    scope: '已发放救助金的案件，按发放日期登记，列明各级资金分担。',
    frozen: CASE_KEY_COLUMNS,
    columns: [
      date('date', '发放日期'),
      ...caseColumns,
      text('payee', '领款人', 8),
      text('method', '发放方式', 12),
      fen('amountFen', '发放金额'),
      fen('central', '中央资金'),
      fen('province', '省级资金'),
      fen('city', '市级资金'),
      fen('county', '县级资金'),
      fen('donation', '社会捐助'),
      date('receivedDate', '资金到账日期'),
      text('receiptRef', '领取凭证编号', 16, true),
      text('delegatedUnit', '委托发放单位', 14, true),
      text('custody', '代管', 14, true),
      text('category', '救助情形', 20, true),
      text('state', '案件状态', 12),
    ],
  },
  ledger: {
    id: 'ledger',
    title: '资金台账',
    dateLabel: '记账日期',
    stateLabel: '分录类别',
    states: ledgerKindLabels,
    filters: ['state', 'source', 'category'],
    scope: '救助资金的每一笔收入和支出（财政拨款、社会捐助、发放、追回、冲销），只追加不修改，更正以冲销分录完成。',
    frozen: ['caseNo'],
    columns: [
      date('date', '记账日期'),
      text('unit', '单位', 14),
      text('kind', '类别', 10),
      text('source', '资金来源', 8),
      fen('inFen', '收入'),
      fen('outFen', '支出'),
      text('counterparty', '对方单位或个人', 16),
      text('caseNo', '救助案件编号', 22),
      text('donor', '捐助人', 14, true),
      text('reverses', '冲销的分录', 20, true),
      text('note', '摘要', 24),
      text('entryId', '分录编号', 20, true),
    ],
  },
  donations: {
    id: 'donations',
    title: '捐助台账',
    dateLabel: '收到日期',
    stateLabel: '告知情况',
    states: donationStateLabels,
    filters: ['state'],
    scope: '个人、企业和社会组织的捐助，列明限定用途、受助人和已使用金额；捐助人应被告知具体受助人。',
    frozen: ['donor'],
    columns: [
      date('date', '收到日期'),
      text('unit', '单位', 14),
      text('donor', '捐助人', 16),
      text('donorKind', '捐助人类别', 8),
      fen('amountFen', '捐助金额'),
      text('restrictions', '限定用途', 20),
      text('recipients', '受助人', 24),
      fen('usedFen', '已使用'),
      fen('remainingFen', '结余'),
      date('notifiedOn', '告知捐助人日期'),
      text('state', '告知情况', 10),
    ],
  },
  recoveries: {
    id: 'recoveries',
    title: '追回台账',
    dateLabel: '启动日期',
    stateLabel: '追回状态',
    states: recoveryStateLabels,
    filters: ['state', 'category', 'group'],
    scope: '因骗取、截留、侵占、挪用或违规发放而启动追回的救助金，按启动追回日期登记。',
    frozen: CASE_KEY_COLUMNS,
    columns: [
      date('date', '启动日期'),
      ...caseColumns,
      text('trigger', '追回原因', 20),
      fen('amountFen', '应追回金额'),
      fen('recoveredFen', '实际追回金额'),
      date('recoveredDate', '追回日期'),
      text('referral', '移送纪检监察或审计', 14),
      date('closedDate', '办结日期'),
      text('state', '追回状态', 8),
    ],
  },
  followUps: {
    id: 'followUps',
    title: '回访台账',
    dateLabel: '回访日期',
    stateLabel: '回访方式',
    states: followUpMethodLabels,
    filters: ['state', 'category', 'group'],
    scope: '发放救助金后的回访帮扶记录，按回访日期登记。',
    frozen: CASE_KEY_COLUMNS,
    columns: [
      date('date', '回访日期'),
      ...caseColumns,
      text('method', '回访方式', 10),
      text('by', '回访人', 8),
      text('findings', '回访情况', 30),
      text('furtherNeeds', '进一步需求', 20),
    ],
  },
}

export function registerDefinition(id: RegisterId): RegisterDefinition {
  return registers[id]
}
