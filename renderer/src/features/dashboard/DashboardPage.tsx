import { caseStateLabels } from '@shared/domain/schemas'
import { chinaDateOf } from '@shared/util/clock'
import { Card, Col, Row, Statistic, Tag, Typography } from 'antd'
import { lazy, Suspense } from 'react'
import { useSession } from '../../app/session'
import { dueItems, listCases, pendingAdvancePaperwork, useDbQuery } from '../../db'
import { AdvancePaperworkCard } from './AdvancePaperworkCard'
import { DueTable } from './DueTable'

const DashboardCharts = lazy(() => import('./DashboardCharts'))

/**
 * 工作台: what is due and overdue, in working days on the official calendar, with the rule that sets each limit, by
 * department and handler; and 先行救助 whose paperwork is still to be completed.
 */
export function DashboardPage({ go }: { go(path: string): void }) {
  const { db, unit, user } = useSession()
  const today = chinaDateOf(Date.now())
  const items = useDbQuery(() => dueItems(db, unit.code, today), [db, unit.code, today])
  const advance = useDbQuery(() => pendingAdvancePaperwork(db, unit.code, today), [db, unit.code, today])
  const cases = useDbQuery(() => listCases(db, unit.code), [db, unit.code])
  const overdue = (items ?? []).filter((i) => i.workingDaysLeft < 0).length
  const soon = (items ?? []).filter((i) => i.workingDaysLeft >= 0 && i.workingDaysLeft <= 2).length
  const byState = new Map<string, number>()
  for (const c of cases ?? []) byState.set(c.record.state, (byState.get(c.record.state) ?? 0) + 1)
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
        <Col span={12}>
          <Card size="small" title="案件状态">
            {[...byState.entries()].map(([s, n]) => (
              <Tag key={s}>
                {caseStateLabels[s as keyof typeof caseStateLabels]} {n}
              </Tag>
            ))}
            {byState.size === 0 && <Typography.Text type="secondary">暂无案件</Typography.Text>}
          </Card>
        </Col>
      </Row>
      <DueTable items={items} today={today} userId={user.id} go={go} />
      <AdvancePaperworkCard items={advance} go={go} />
      <Suspense fallback={null}>
        <DashboardCharts />
      </Suspense>
    </>
  )
}
