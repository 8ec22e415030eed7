import type { Case, Person } from '../../../shared/domain/schemas'
import type { DocumentExample } from './cases'
import { applicant, approved, clue, ctxFor, granted, paid, victim } from './fixtures'

/** Input a user could type: markup in a name, a 200-character address, a 32-digit account, very long notes. */
export const SCRIPT_NAME = '<script>alert(1)</script>张三'
export const LONG_ADDRESS = `河南省信阳市固始县陈淋子镇${'某某村某某组某某巷'.repeat(20)}12号`
export const LONG_ACCOUNT = '62284800123456789012345678901234'
export const LONG_NAME = '阿卜杜热合曼·买买提依明·艾合买提江·库尔班尼亚孜'

export const hostileApplicant: Person = {
  ...applicant,
  name: SCRIPT_NAME,
  household: { regionCode: '411525', address: LONG_ADDRESS },
  residence: { regionCode: '110105', address: `"><img src=x onerror=alert(1)>${LONG_ADDRESS}` },
  bankAccount: {
    bank: '中国农业银行股份有限公司北京朝阳区某某路支行营业部',
    accountName: LONG_NAME,
    accountNo: LONG_ACCOUNT,
  },
}

const longPaid: Case = {
  ...paid,
  payment: {
    ...paid.payment!,
    payeeName: LONG_NAME,
    account: {
      bank: '中国农业银行股份有限公司北京朝阳区某某路支行营业部',
      accountName: LONG_NAME,
      accountNo: LONG_ACCOUNT,
    },
  },
}

const LONG_OPINION = `经审核，${'申请人家庭生活确实困难，原案加害人无赔偿能力，符合救助条件，'.repeat(8)}同意。`
const longApproval: Case = {
  ...approved,
  approvals: approved.approvals.map((a, i) =>
    i === approved.approvals.length - 1 ? { ...a, opinion: LONG_OPINION } : a,
  ),
}

export const hostileExamples: DocumentExample[] = [
  {
    id: 'grant-decision',
    name: 'hostile-grant-decision',
    ctx: ctxFor(granted, { persons: [hostileApplicant, victim] }),
    facts: [SCRIPT_NAME, LONG_ADDRESS, '<img src=x onerror=alert(1)>'],
    pages: 3,
  },
  {
    id: 'payment-receipt',
    name: 'hostile-payment-receipt',
    ctx: ctxFor(longPaid),
    facts: [LONG_ACCOUNT, LONG_NAME, '人民币叁万元整'],
    pages: 2,
  },
  {
    id: 'clue-transfer',
    name: 'hostile-clue-transfer',
    ctx: ctxFor(undefined, {
      clue: {
        ...clue,
        partyName: SCRIPT_NAME,
        livingConditions: `${clue.livingConditions}\n${'家庭困难。'.repeat(120)}`,
      },
      persons: [hostileApplicant, victim],
    }),
    facts: [SCRIPT_NAME, LONG_ADDRESS],
    pages: 3,
  },
  {
    id: 'approval-form',
    name: 'hostile-approval-form',
    ctx: ctxFor(longApproval, { persons: [hostileApplicant, victim] }),
    facts: [LONG_OPINION, SCRIPT_NAME],
    pages: 2,
  },
]
