import type { AuditEntry, ChainVerdict } from '@shared/audit/chain'
import { changedFields, displayValue } from '@shared/audit/diff'
import { tableLabel } from '@shared/audit/tableLabels'
import { commandLabel } from '@shared/domain/permissions'
import { Alert, App, Button, DatePicker, Input, Select, Space, Table, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { formatInstant } from '../../components/format'
import { type AuditFilter, auditCommands, listUsers, queryAudit, useDbQuery, verifyStoredAuditChain } from '../../db'
import { api } from '../../platform/api'

const PAGE = 50

/** 审计日志: who did what and when, old → new; chain verification; Excel export for auditors. */
export function AuditTab() {
  const { db, unit } = useSession()
  const [filter, setFilter] = useState<AuditFilter>({})
  const [page, setPage] = useState(0)
  const [verdict, setVerdict] = useState<ChainVerdict>()
  const [exporting, setExporting] = useState(false)
  const { message } = App.useApp()
  const users = useDbQuery(() => listUsers(db), [db]) ?? []
  const commands = useDbQuery(() => auditCommands(db), [db]) ?? []
  const result = useDbQuery(() => queryAudit(db, filter, page, PAGE), [db, filter, page])
  const nameOf = (id: string) => users.find((u) => u.id === id)?.displayName ?? id

  function update(patch: Partial<AuditFilter>) {
    setFilter((f) => ({ ...f, ...patch }))
    setPage(0)
  }

  async function exportLog() {
    setExporting(true)
    try {
      const all = await queryAudit(db, filter, 0, Number.MAX_SAFE_INTEGER)
      const res = await api.excelExportTable({
        fileName: `审计日志-${new Date().toISOString().slice(0, 10)}`,
        table: {
          title: '审计日志',
          unitName: unit.name,
          periodLabel: filter.from || filter.to ? `${filter.from ?? '最早'} 至 ${filter.to ?? '今'}` : '全部',
          sheetName: '审计日志',
          headerRows: [
            [
              { label: '序号' },
              { label: '时间' },
              { label: '用户' },
              { label: '操作' },
              { label: '数据表' },
              { label: '记录' },
              { label: '变更内容（原值 → 新值）' },
              { label: '校验值' },
            ],
          ],
          columns: [
            { key: 'seq', kind: 'integer', width: 8 },
            { key: 'at', kind: 'text', width: 20 },
            { key: 'user', kind: 'text', width: 12 },
            { key: 'command', kind: 'text', width: 14 },
            { key: 'table', kind: 'text', width: 12 },
            { key: 'entity', kind: 'text', width: 34 },
            { key: 'changes', kind: 'text', width: 80 },
            { key: 'hash', kind: 'text', width: 20 },
          ],
          rows: all.rows.map((e) => [
            e.seq,
            formatInstant(e.at),
            nameOf(e.userId),
            commandLabel(e.command),
            tableLabel(e.table),
            e.entityId,
            changedFields(e.before, e.after)
              .map((c) => `${c.field}：${displayValue(c.before)} → ${displayValue(c.after)}`)
              .join('；')
              .slice(0, 32_000),
            e.hash,
          ]),
          footnotes: [
            `共 ${all.total} 条。每条记录的校验值由前一条的校验值和本条内容计算，任何改动、删除或调换顺序都会被发现。`,
          ],
          provenance: [`导出时间：${formatInstant(new Date().toISOString())}`, `筛选条件：${JSON.stringify(filter)}`],
        },
      })
      if (res.ok) message.success(`已导出 ${res.value.rows} 条审计记录：${res.value.path}`)
      else message.error(res.error.message)
    } finally {
      setExporting(false)
    }
  }

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          placeholder="用户"
          aria-label="按用户筛选"
          style={{ width: 160 }}
          options={users.map((u) => ({ value: u.id, label: u.displayName }))}
          onChange={(v) => update({ userId: v })}
        />
        <Select
          allowClear
          placeholder="操作"
          aria-label="按操作筛选"
          style={{ width: 180 }}
          options={commands.map((c) => ({ value: c, label: commandLabel(c) }))}
          onChange={(v) => update({ command: v })}
        />
        <Input.Search
          allowClear
          placeholder="记录编号（案件等）"
          aria-label="按记录筛选"
          style={{ width: 280 }}
          onSearch={(v) => update({ entityId: v.trim() || undefined })}
        />
        <DatePicker.RangePicker
          aria-label="按日期筛选"
          onChange={(r: [Dayjs | null, Dayjs | null] | null) =>
            update({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })
          }
        />
        <Button onClick={async () => setVerdict(await verifyStoredAuditChain(db))}>校验审计链</Button>
        <Button onClick={exportLog} loading={exporting}>
          导出 Excel
        </Button>
      </Space>
      {verdict &&
        (verdict.ok ? (
          <Alert
            type="success"
            showIcon
            role="status"
            style={{ marginBottom: 12 }}
            title={`审计链完整：共 ${verdict.count} 条记录，未发现改动、删除或顺序调换。`}
          />
        ) : (
          <Alert
            type="error"
            showIcon
            role="alert"
            style={{ marginBottom: 12 }}
            title={`审计链在第 ${verdict.brokenAt} 条处断开`}
            description={verdict.message}
          />
        ))}
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={!result}
        dataSource={result?.rows ?? []}
        pagination={{
          current: page + 1,
          pageSize: PAGE,
          total: result?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) => setPage(p - 1),
          showTotal: (t) => `共 ${t} 条`,
        }}
        expandable={{
          expandedRowRender: (e) => (
            <Table
              size="small"
              pagination={false}
              rowKey="field"
              dataSource={changedFields(e.before, e.after)}
              columns={[
                { title: '字段', dataIndex: 'field', width: 160 },
                {
                  title: '原值',
                  render: (_, c) => <Typography.Text type="secondary">{displayValue(c.before)}</Typography.Text>,
                },
                { title: '新值', render: (_, c) => displayValue(c.after) },
              ]}
            />
          ),
        }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 70 },
          { title: '时间', render: (_, e) => formatInstant(e.at), width: 170 },
          { title: '用户', render: (_, e) => nameOf(e.userId), width: 100 },
          { title: '操作', render: (_, e) => commandLabel(e.command), width: 130 },
          { title: '数据表', render: (_, e) => tableLabel(e.table), width: 90 },
          { title: '记录', dataIndex: 'entityId', ellipsis: true },
        ]}
      />
    </div>
  )
}
