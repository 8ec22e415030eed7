import { Card, Typography } from 'antd'
import type { PendingAdvancePaperwork } from '../../db'
import { CaseQueueTable } from './CaseQueueTable'

/**
 * 先行救助待补办手续: advance help approved by the chief whose application, review and decision papers are still to be
 * completed afterwards (S7). Shown only while there are some; each row opens the case.
 */
export function AdvancePaperworkCard({
  items,
  go,
}: {
  items: PendingAdvancePaperwork[] | undefined
  go(path: string): void
}) {
  if (!items?.length) return null
  return (
    <Card size="small" title={`先行救助待补办手续（${items.length} 件）`} style={{ marginTop: 16 }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        先行救助经检察长批准后已可发放，但申请、审查和决定等手续须事后补办；补办完成后请在案件中点“补办先行救助手续”。
      </Typography.Paragraph>
      <CaseQueueTable<PendingAdvancePaperwork>
        items={items}
        go={go}
        lead={[
          { title: '批准日期', render: (_, i) => i.approvedOn },
          { title: '已过天数', render: (_, i) => `${i.daysSince} 天` },
        ]}
        trail={[{ title: '承办人', render: (_, i) => i.handlerName || '—' }]}
      />
    </Card>
  )
}
