import { mayOpen } from '@shared/domain/access'
import { formatYuanWithUnit } from '@shared/domain/money'
import { type CaseState, caseStateLabels } from '@shared/domain/schemas'
import { Button, Input, Select, Space, Table } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { type CaseListRow, listCases, useDbQuery } from '../../db'
import { StateTag } from './StateTag'

/** 案件办理: this office's cases, by state, searchable by case number, name or ID number. */
export function CaseListPage({ go }: { go(path: string): void }) {
  const { store, unit, actor } = useSession()
  const [states, setStates] = useState<CaseState[]>([])
  const [search, setSearch] = useState('')
  const rows = useDbQuery(
    () => store.read(listCases, unit.code, { states, search }),
    [store, unit.code, states.join(), search],
  )
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input.Search
          placeholder="案件编号、姓名或身份证号码"
          aria-label="查找案件"
          allowClear
          onSearch={setSearch}
          style={{ width: 300 }}
        />
        <Select
          mode="multiple"
          allowClear
          placeholder="按状态筛选"
          aria-label="按状态筛选"
          style={{ minWidth: 240 }}
          value={states}
          onChange={setStates}
          options={Object.entries(caseStateLabels).map(([value, label]) => ({ value, label }))}
        />
        {mayOpen(actor.roles, 'intake') && (
          <Button type="primary" onClick={() => go('intake')}>
            受理登记
          </Button>
        )}
      </Space>
      <Table<CaseListRow>
        rowKey={(r) => r.record.id}
        size="middle"
        loading={rows === undefined}
        dataSource={rows ?? []}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 件` }}
        onRow={(r) => ({ onClick: () => go(`cases/${r.record.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { title: '案件编号', render: (_, r) => r.record.caseNo ?? '（未编号）' },
          { title: '申请人', dataIndex: 'applicantName' },
          { title: '被害人', render: (_, r) => (r.victimName !== r.applicantName ? r.victimName : '同申请人') },
          { title: '状态', render: (_, r) => <StateTag record={r.record} /> },
          { title: '申请日期', render: (_, r) => r.record.applicationDate ?? '' },
          {
            title: '决定金额',
            align: 'right',
            render: (_, r) => (r.record.decision?.grantedFen ? formatYuanWithUnit(r.record.decision.grantedFen) : ''),
          },
        ]}
      />
    </>
  )
}
