import { formatYuanWithUnit } from '@shared/domain/money'
import { Card, Typography } from 'antd'
import type { ApprovalQueueItem } from '../../db'
import { CaseQueueTable } from './CaseQueueTable'

/**
 * 待我审批: the cases whose current approval step waits for the signed-in user (and, for a chief, the 先行救助 to
 * approve), oldest first; each row opens the case, where “审批” or “审批先行救助” is offered.
 */
export function ApprovalQueueCard({ items, go }: { items: ApprovalQueueItem[] | undefined; go(path: string): void }) {
  if (!items) return null
  return (
    <Card
      size="small"
      title={`待我审批（${items.length} 件）`}
      style={{ marginBottom: 16 }}
      data-testid="approval-queue"
    >
      {items.length === 0 ? (
        <Typography.Text type="secondary">没有等待您审批的案件。</Typography.Text>
      ) : (
        <CaseQueueTable<ApprovalQueueItem>
          items={items}
          go={go}
          lead={[{ title: '审批环节', render: (_, i) => i.stepLabel }]}
          middle={[
            { title: '意见', render: (_, i) => i.proposal },
            {
              title: '金额',
              align: 'right',
              render: (_, i) => (i.proposedFen !== undefined ? formatYuanWithUnit(i.proposedFen) : '—'),
            },
            { title: '提出人', render: (_, i) => i.fromName || '—' },
            { title: '送来日期', render: (_, i) => i.since },
          ]}
        />
      )}
    </Card>
  )
}
