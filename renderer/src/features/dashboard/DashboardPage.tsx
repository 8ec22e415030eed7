import { stateLabelOf } from '@shared/domain/workflow'
import { chinaDateOf } from '@shared/util/clock'
import { Card, Col, Row, Statistic, Tag, Typography } from 'antd'
import { lazy, Suspense } from 'react'
import { useSession } from '../../app/session'
import { approvalQueue, dueItems, listCases, pendingAdvancePaperwork, useDbQuery } from '../../db'
import { AdvancePaperworkCard } from './AdvancePaperworkCard'
import { ApprovalQueueCard } from './ApprovalQueueCard'
import { DueTable } from './DueTable'

const DashboardCharts = lazy(() => import('./DashboardCharts'))

/**
 * 工作台: what waits for the signed-in approver's signature (待我审批), what is due and overdue, in working days on the
 * official calendar, with the rule that sets each limit, by department and handler; and 先行救助 whose paperwork is
 * still to be completed.
 */
export function DashboardPage({ go }: { go(path: string): void }) {
  const { store, unit, user, actor } = useSession()
  const today = chinaDateOf(Date.now())
  const items = useDbQuery(() => store.read(dueItems, unit.code, today), [store, unit.code, today])
  const advance = useDbQuery(() => store.read(pendingAdvancePaperwork, unit.code, today), [store, unit.code, today])
  const cases = useDbQuery(() => store.read(listCases, unit.code), [store, unit.code])
  const queue = useDbQuery(
    () => store.read(approvalQueue, unit.code, actor),
    [store, unit.code, actor.userId, actor.roles.join()],
  )
  // Approvers (部门负责人, 检察长) always see their queue, empty or not; others when a configured step is theirs.
  const approver = actor.roles.some((r) => r === 'dept-head' || r === 'chief') || (queue?.length ?? 0) > 0
  const overdue = (items ?? []).filter((i) => i.workingDaysLeft < 0).length
  const soon = (items ?? []).filter((i) => i.workingDaysLeft >= 0 && i.workingDaysLeft <= 2).length
  // by the label shown on the cases (a complete approval round reads 审批完毕，待作出决定)
  const byState = new Map<string, number>()
  for (const c of cases ?? []) {
    const label = stateLabelOf(c.record)
    byState.set(label, (byState.get(label) ?? 0) + 1)
  }
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Card size="small">
            <Statistic title="已逾期" value={overdue} valueStyle={{ color: overdue ? '#cf1322' : undefined }} />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title="2 个工作日内到期" value={soon} valueStyle={{ color: soon ? '#d48806' : undefined }} />
          </Card>
        </Col>
        {approver && (
          <Col span={4}>
            <Card size="small">
              <Statistic
                title="待我审批"
                value={queue?.length ?? 0}
                suffix="件"
                valueStyle={{ color: queue?.length ? '#1677ff' : undefined }}
              />
            </Card>
          </Col>
        )}
        <Col span={approver ? 8 : 12}>
          <Card size="small" title="案件状态">
            {[...byState.entries()].map(([label, n]) => (
              <Tag key={label}>
                {label} {n}
              </Tag>
            ))}
            {byState.size === 0 && <Typography.Text type="secondary">暂无案件</Typography.Text>}
          </Card>
        </Col>
      </Row>
      {approver && <ApprovalQueueCard items={queue} go={go} />}
      <DueTable items={items} today={today} userId={user.id} go={go} />
      <AdvancePaperworkCard items={advance} go={go} />
      <Suspense fallback={null}>
        <DashboardCharts />
      </Suspense>
    </>
  )
}
