import { formatYuan } from '@shared/domain/money'
import { caseStateLabels } from '@shared/domain/schemas'
import { bundleKindLabels } from '@shared/exchange/manifest'
import { Card, Empty, Table, Tag, Typography } from 'antd'
import { useSession } from '../../app/session'
import { formatInstant } from '../../components/format'
import { useDbQuery } from '../../db'
import type { ReceivedRow } from '../../db/exchange'
import {
  type ExchangeOverview,
  listReplicaCases,
  type ReplicaCaseRow,
  type SubordinateRow,
  subordinateSummary,
} from '../../db/exchange'
import { levelLabel } from './common'

/**
 * 下级院数据: the offices below this one, what is held of each (high-water rev, gaps), the bundles received, and
 * their cases as read-only replicas (a click opens the case file, which says 只读副本).
 */
export function SubordinatesTab({ overview, go }: { overview: ExchangeOverview; go: (path: string) => void }) {
  const { store, unit } = useSession()
  const offices = useDbQuery(() => store.read(subordinateSummary, unit), [store, unit])
  const cases = useDbQuery(() => store.read(listReplicaCases, unit), [store, unit])
  const received = overview.received.filter((r) => r.kind !== 'ack')
  if (unit.level === 'basic') {
    return <Empty description="基层院没有下级单位。" />
  }
  return (
    <div>
      <Card title="下级单位与本院持有的数据" style={{ marginBottom: 16 }}>
        <Table<SubordinateRow>
          size="small"
          pagination={false}
          rowKey="unitCode"
          loading={!offices}
          dataSource={offices ?? []}
          aria-label="下级单位与本院持有的数据"
          locale={{ emptyText: '尚无下级单位。请导入下级院的入网登记包。' }}
          columns={[
            { title: '单位', render: (_, o) => `${o.unitName}（${o.unitCode}）` },
            { title: '层级', dataIndex: 'level', render: levelLabel },
            {
              title: '与本院关系',
              render: (_, o) =>
                o.enrolled ? <Tag color="green">直属，已登记</Tag> : <Tag>经 {o.parentCode} 转报</Tag>,
            },
            { title: '本院持有至版本', render: (_, o) => o.highWaterRev ?? '尚未收到数据' },
            { title: '案件数', dataIndex: 'cases' },
            { title: '最近导入', render: (_, o) => (o.updatedAt ? formatInstant(o.updatedAt) : '—') },
            {
              title: '版本缺口',
              render: (_, o) =>
                o.revGaps.length ? (
                  <Tag color="orange">{o.revGaps.map((g) => `${g.from}–${g.to}`).join('，')}</Tag>
                ) : (
                  '无'
                ),
            },
          ]}
        />
      </Card>
      <Card title="下级院案件（只读副本）" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">
          这些案件由下级院办理，本院只能查阅，不能修改；内容以下级院最近一次上报为准。
        </Typography.Paragraph>
        <Table<ReplicaCaseRow>
          size="small"
          rowKey="id"
          loading={!cases}
          dataSource={cases ?? []}
          pagination={{ pageSize: 20 }}
          aria-label="下级院案件"
          locale={{ emptyText: '尚未收到下级院的案件。' }}
          onRow={(r) => ({ onClick: () => go(`cases/${r.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: '办理单位', dataIndex: 'ownerName' },
            { title: '案件编号', dataIndex: 'caseNo', render: (v?: string) => v ?? '（未编号）' },
            { title: '申请人', dataIndex: 'applicantName' },
            {
              title: '状态',
              dataIndex: 'state',
              render: (s: keyof typeof caseStateLabels) => <Tag>{caseStateLabels[s]}</Tag>,
            },
            { title: '申请日期', dataIndex: 'applicationDate' },
            { title: '救助金额（元）', dataIndex: 'grantedFen', render: (v?: number) => (v ? formatYuan(v) : '') },
            { title: '版本', dataIndex: 'rev' },
          ]}
        />
      </Card>
      <Card title="收到的数据包">
        <Table<ReceivedRow>
          size="small"
          rowKey="bundleId"
          dataSource={received}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: '发送单位', render: (_, r) => `${r.senderName}（${r.sender}）` },
            { title: '类型', dataIndex: 'kind', render: (k: keyof typeof bundleKindLabels) => bundleKindLabels[k] },
            { title: '序号', dataIndex: 'channelSeq' },
            { title: '导入时间', dataIndex: 'receivedAt', render: formatInstant },
            {
              title: '新增/更新/拒收',
              render: (_, r) => {
                const sum = (k: 'new' | 'updated') => r.counts.reduce((a, c) => a + c[k], 0)
                return `${sum('new')} / ${sum('updated')} / ${r.rejected}`
              },
            },
            {
              title: '缺号',
              dataIndex: 'gap',
              render: (g: number[]) => (g.length ? <Tag color="orange">缺第 {g.join('、')} 号</Tag> : '无'),
            },
          ]}
        />
      </Card>
    </div>
  )
}
