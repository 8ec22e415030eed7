import { roleLabels } from '@shared/domain/roles'
import { type Department, departmentLabels } from '@shared/domain/workflow'
import { Card, Checkbox, Select, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import type { DueItem } from '../../db'
import { deadlineLabels } from '../cases/deadlineLabels'
import { StateTag } from '../cases/StateTag'

const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } })

function DaysLeft({ left }: { left: number }) {
  if (left < 0) return <Tag color="red">逾期 {-left} 个工作日</Tag>
  if (left === 0) return <Tag color="orange">今天到期</Tag>
  return <Tag color={left <= 2 ? 'orange' : 'blue'}>剩 {left} 个工作日</Tag>
}

/**
 * 办理期限: every running deadline, soonest first, filterable by the department that must act and by the staff member
 * carrying the case ("only mine" for the signed-in user), with the rule that sets each limit.
 */
export function DueTable({
  items,
  today,
  userId,
  go,
}: {
  items: DueItem[] | undefined
  today: string
  userId: string
  go(path: string): void
}) {
  const [department, setDepartment] = useState<Department | undefined>()
  const [handler, setHandler] = useState<string | undefined>()
  const [mine, setMine] = useState(false)
  const handlers = new Map<string, string>()
  for (const i of items ?? []) if (i.owner.handlerId) handlers.set(i.owner.handlerId, i.handlerName)
  const shown = (items ?? []).filter(
    (i) =>
      (!department || i.owner.department === department) &&
      (!handler || i.owner.handlerId === handler) &&
      (!mine || i.owner.handlerId === userId),
  )
  return (
    <Card
      size="small"
      title={`办理期限（今天 ${today}）`}
      extra={
        <Space wrap>
          <Select<Department>
            aria-label="承办部门"
            placeholder="全部部门"
            allowClear
            style={{ width: 170 }}
            value={department}
            onChange={setDepartment}
            options={Object.entries(departmentLabels).map(([value, label]) => ({ value: value as Department, label }))}
          />
          <Select<string>
            aria-label="承办人"
            placeholder="全部承办人"
            allowClear
            style={{ width: 140 }}
            value={handler}
            onChange={setHandler}
            options={[...handlers].map(([value, label]) => ({ value, label }))}
          />
          <Checkbox checked={mine} onChange={(e) => setMine(e.target.checked)}>
            只看我承办的
          </Checkbox>
        </Space>
      }
    >
      <Table<DueItem>
        size="middle"
        rowKey={(i) => `${i.row.record.id}-${i.deadline.kind}`}
        dataSource={shown}
        loading={items === undefined}
        locale={{ emptyText: items?.length ? '没有符合筛选条件的期限' : '没有正在计算期限的案件' }}
        pagination={{ pageSize: 20 }}
        scroll={{ x: 'max-content' }}
        onRow={(i) => ({ onClick: () => go(`cases/${i.row.record.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '期限', onCell: nowrap, render: (_, i) => <DaysLeft left={i.workingDaysLeft} /> },
          { title: '到期日', onCell: nowrap, render: (_, i) => i.deadline.due },
          { title: '事项', onCell: nowrap, render: (_, i) => deadlineLabels[i.deadline.kind] },
          { title: '案件', onCell: nowrap, render: (_, i) => i.row.record.caseNo ?? '（未编号）' },
          { title: '申请人', onCell: nowrap, render: (_, i) => i.row.applicantName },
          { title: '状态', onCell: nowrap, render: (_, i) => <StateTag record={i.row.record} /> },
          {
            title: '待办',
            onCell: nowrap,
            render: (_, i) =>
              i.owner.role === 'case-procurator' ? departmentLabels[i.owner.department] : roleLabels[i.owner.role],
          },
          { title: '承办人', onCell: nowrap, render: (_, i) => i.handlerName || '—' },
          {
            title: '依据',
            width: 320,
            onCell: () => ({ style: { minWidth: 240 } }),
            render: (_, i) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {i.deadline.rule.text}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  )
}
