import type { CaseFields } from './caseObject'
import { type CaseState, caseStateLabels } from './labels'

export interface CaseProblem {
  path: (string | number)[]
  message: string
}

type Requirement = readonly [path: string, holds: (c: CaseFields) => boolean, what: string]

const granted = (c: CaseFields) => c.decision?.outcome === 'granted'
const paid = (c: CaseFields) => c.payment !== undefined
const accepted = (c: CaseFields) => c.acceptanceDate !== undefined

/** What each state implies about the step records (docs/domain-reference.md §5: a state is reached only through its step). */
const requirements: Partial<Record<CaseState, readonly Requirement[]>> = {
  informed: [['informing', (c) => c.informing !== undefined, '告知记录']],
  'ex-officio': [['exOfficio', (c) => c.exOfficio !== undefined, '依职权启动记录']],
  advance: [['advance', (c) => c.advance !== undefined && c.advance.decision === undefined, '待审批的先行救助记录']],
  applied: [['applicationDate', (c) => c.applicationDate !== undefined, '申请日期']],
  'needs-supplement': [
    ['supplement', (c) => c.supplement !== undefined && c.supplement.receivedDate === undefined, '补正通知'],
  ],
  accepted: [['acceptanceDate', accepted, '受理日期']],
  review: [['reviewStartDate', (c) => accepted(c) && c.reviewStartDate !== undefined, '受理及开始审查日期']],
  opinion: [['proposal', (c) => c.proposal !== undefined, '审查意见']],
  approval: [['approvalRound', (c) => c.proposal !== undefined && c.approvalRound !== undefined, '审查意见及审批轮次']],
  granted: [['decision', granted, '救助决定']],
  refused: [['decision', (c) => c.decision?.outcome === 'refused', '不予救助决定']],
  'awaiting-funds': [['funding', (c) => granted(c) && c.funding?.requestDate !== undefined, '救助决定及拨款申请']],
  'awaiting-collection': [
    ['funding', (c) => granted(c) && c.funding?.receivedDate !== undefined, '救助决定及资金到账记录'],
  ],
  paid: [['payment', (c) => granted(c) && paid(c), '救助决定及发放记录']],
  'follow-up': [['followUpStartDate', (c) => paid(c) && c.followUpStartDate !== undefined, '发放记录及回访开始日期']],
  archived: [
    [
      'archiveDate',
      (c) =>
        (paid(c) || c.decision?.outcome === 'refused' || c.withdrawal !== undefined) && c.archiveDate !== undefined,
      '发放记录（或不予救助决定、撤回记录）及归档日期',
    ],
  ],
  withdrawn: [['withdrawal', (c) => c.withdrawal !== undefined, '撤回记录']],
  abandoned: [['supplement', (c) => c.supplement !== undefined, '补正通知']],
  recovery: [
    [
      'recoveries',
      (c) => paid(c) && c.recoveries.at(-1)?.closedDate === undefined && c.recoveries.length > 0,
      '追回记录',
    ],
  ],
}

const sum = (xs: readonly { amountFen: number }[]) => xs.reduce((s, x) => s + x.amountFen, 0)

/**
 * Cross-field rules of a case record: the state agrees with the step records, amounts agree across decision,
 * funding and payment (joint funding = sum of parts; H, S24), and step dates are in order. Used by the case schema
 * so that replicas from other offices are held to the same rules as the office's own writes.
 */
export function caseProblems(c: CaseFields): CaseProblem[] {
  const problems: CaseProblem[] = []
  const add = (path: string, message: string) => problems.push({ path: [path], message })
  for (const [path, holds, what] of requirements[c.state] ?? []) {
    if (!holds(c)) add(path, `案件状态为“${caseStateLabels[c.state]}”时须有${what}`)
  }
  const numbered = [c.caseNo, c.caseYear, c.caseSeq].filter((v) => v !== undefined).length
  if (numbered !== 0 && numbered !== 3) add('caseNo', '案件编号、年份和序号须同时填写')
  const grantedFen = c.decision?.grantedFen
  if (c.payment && c.payment.amountFen !== grantedFen) add('payment', '发放金额须与决定救助金额一致')
  if (c.funding?.receivedDate && sum(c.funding.splits) !== grantedFen) {
    add('funding', '各级资金分担金额之和须等于决定救助金额')
  }
  const round = c.approvalRound?.round ?? 0
  if (c.approvals.some((a) => a.round > round)) add('approvals', '审批记录的轮次超过了已提交的轮次')
  const ordered: [string, string | undefined, string | undefined][] = [
    ['acceptanceDate', c.applicationDate, c.acceptanceDate],
    ['decisionDate', c.applicationDate, c.decisionDate],
    ['payment', c.decisionDate, c.payment?.paidDate],
    ['archiveDate', c.payment?.paidDate, c.archiveDate],
  ]
  for (const [path, before, after] of ordered) {
    if (before && after && after < before) add(path, '日期早于前一环节的日期')
  }
  return problems
}
