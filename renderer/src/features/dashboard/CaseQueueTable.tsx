import { Table } from 'antd'
import type { ColumnsType } from 'antd/es/table'
import type { CaseListRow } from '../../db'
import { StateTag } from '../cases/StateTag'

/** A 工作台 list of cases: each row opens its case. The queue's own columns come before and after 案件/申请人/状态. */
export function CaseQueueTable<T extends { row: CaseListRow }>({
  items,
  go,
  lead,
  middle = [],
  trail = [],
}: {
  items: T[]
  go(path: string): void
  /** Columns before 案件 and 申请人. */
  lead: ColumnsType<T>
  /** Columns between 申请人 and 状态. */
  middle?: ColumnsType<T>
  /** Columns after 状态. */
  trail?: ColumnsType<T>
}) {
  return (
    <Table<T>
      size="small"
      rowKey={(i) => i.row.record.id}
      dataSource={items}
      pagination={false}
      onRow={(i) => ({ onClick: () => go(`cases/${i.row.record.id}`), style: { cursor: 'pointer' } })}
      columns={[
        ...lead,
        { title: '案件', render: (_, i) => i.row.record.caseNo ?? '（未编号）' },
        { title: '申请人', render: (_, i) => i.row.applicantName },
        ...middle,
        { title: '状态', render: (_, i) => <StateTag record={i.row.record} /> },
        ...trail,
      ]}
    />
  )
}
