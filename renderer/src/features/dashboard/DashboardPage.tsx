import { caseStateLabels } from '@shared/domain/schemas'
import { chinaDateOf } from '@shared/util/clock'
import { Card, Col, Row, Statistic, Table, Tag, Typography } from 'antd'
import { useSession } from '../../app/session'
import { type DueItem, dueItems, listCases, useDbQuery } from '../../db'
import { deadlineLabels } from '../cases/deadlineLabels'
import { StateTag } from '../cases/StateTag'

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } })

/** 工作台: what is due and overdue, in working days on the official calendar, with the rule that sets each limit. */
export function DashboardPage({ go }: { go(path: string): void }) {
  const { db, unit } = useSession()
  const today = chinaDateOf(Date.now())
  const items = useDbQuery(() => dueItems(db, unit.code, today), [db, unit.code, today])
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
      <Card size="small" title={`办理期限（今天 ${today}）`}>
        <Table<DueItem>
          size="middle"
          rowKey={(i) => `${i.row.record.id}-${i.deadline.kind}`}
          dataSource={items ?? []}
          loading={items === undefined}
          locale={{ emptyText: '没有正在计算期限的案件' }}
          pagination={{ pageSize: 20 }}
          onRow={(i) => ({ onClick: () => go(`cases/${i.row.record.id}`), style: { cursor: 'pointer' } })}
          columns={[
            {
              title: '期限',
              onCell: nowrap,
              render: (_, i) =>
                i.workingDaysLeft < 0 ? (
                  <Tag color="red">逾期 {-i.workingDaysLeft} 个工作日</Tag>
                ) : i.workingDaysLeft === 0 ? (
                  <Tag color="orange">今天到期</Tag>
                ) : (
                  <Tag color={i.workingDaysLeft <= 2 ? 'orange' : 'blue'}>剩 {i.workingDaysLeft} 个工作日</Tag>
                ),
            },
            { title: '到期日', onCell: nowrap, render: (_, i) => i.deadline.due },
            { title: '事项', onCell: nowrap, render: (_, i) => deadlineLabels[i.deadline.kind] },
            { title: '案件', onCell: nowrap, render: (_, i) => i.row.record.caseNo ?? '（未编号）' },
            { title: '申请人', onCell: nowrap, render: (_, i) => i.row.applicantName },
            { title: '状态', onCell: nowrap, render: (_, i) => <StateTag state={i.row.record.state} /> },
            {
              title: '依据',
              render: (_, i) => (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {i.deadline.rule.text}
                </Typography.Text>
              ),
            },
          ]}
        />
      </Card>
    </>
  )
}
