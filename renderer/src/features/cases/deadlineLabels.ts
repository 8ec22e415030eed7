import type { DeadlineKind } from '@shared/domain/workflow'

/** What must be done by each kind of deadline, as the 工作台 and the case page name it. */
export const deadlineLabels: Record<DeadlineKind, string> = {
  'advance-approval': '先行救助待审批',
  'supplement-notice': '一次性告知补正',
  'supplement-period': '补正期限届满',
  decision: '作出救助决定',
  'collection-notice': '通知领取救助金',
}
