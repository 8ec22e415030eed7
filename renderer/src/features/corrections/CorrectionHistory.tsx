import { correctionFieldLabel, correctionValueText } from '@shared/domain/corrections'
import type { Correction } from '@shared/domain/schemas'
import { Table } from 'antd'
import { useDepartmentNames } from '../../components/departmentNames'
import { formatInstant } from '../../components/format'

/** 更正记录: every correction of the record, oldest first, with the old value, the new one and why. */
export function CorrectionHistory({
  corrections,
  nameOf,
}: {
  corrections: readonly Correction[]
  nameOf(userId: string): string
}) {
  const names = useDepartmentNames()
  return (
    <Table<Correction>
      size="small"
      rowKey={(c) => `${c.at}-${c.field}`}
      pagination={false}
      dataSource={[...corrections]}
      locale={{ emptyText: '没有更正' }}
      columns={[
        { title: '时间', render: (_, c) => formatInstant(c.at) },
        { title: '人员', render: (_, c) => nameOf(c.by) },
        { title: '更正项目', render: (_, c) => correctionFieldLabel(c.field) },
        { title: '原内容', render: (_, c) => correctionValueText(c.field, c.before, names) },
        { title: '更正为', render: (_, c) => correctionValueText(c.field, c.after, names) },
        { title: '更正理由', dataIndex: 'reason' },
      ]}
    />
  )
}
