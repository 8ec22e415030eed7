import { mayRun } from '@shared/domain/permissions'
import type { LegacyImportRecord } from '@shared/legacyImport/commitInput'
import { App, Button, Card, Input, Modal, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { formatInstant } from '../../components/format'
import { useDbQuery } from '../../db'
import { withdrawLegacyImport } from '../../db/commands/legacyImport'
import { listLegacyImports } from '../../db/queries/legacyImport'

/** 导入记录: every import of this office, its file and SHA-256, and 撤销导入 while nothing depends on it. */
export function ImportHistory() {
  const { store, actor } = useSession()
  const { message } = App.useApp()
  const imports = useDbQuery(() => store.read(listLegacyImports), [store]) ?? []
  const [withdrawing, setWithdrawing] = useState<LegacyImportRecord>()
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string>()
  const may = mayRun(actor.roles, 'legacy.withdraw')

  async function withdraw() {
    if (!withdrawing) return
    const res = await store.execute(withdrawLegacyImport, { importId: withdrawing.id, reason: reason.trim() })
    if (!res.ok) return setError(res.error.message)
    message.success(`已撤销导入“${withdrawing.fileName}”，${withdrawnWhat(withdrawing)}。`)
    setWithdrawing(undefined)
  }

  return (
    <Card size="small" title="导入记录">
      <Table
        size="small"
        rowKey="id"
        data-testid="legacy-imports"
        dataSource={imports}
        pagination={false}
        locale={{ emptyText: '尚未导入历史台账' }}
        columns={[
          { title: '导入时间', dataIndex: 'at', width: 170, render: (at: string) => formatInstant(at) },
          { title: '文件', dataIndex: 'fileName' },
          {
            title: 'SHA-256',
            dataIndex: 'fileSha256',
            width: 160,
            render: (h: string) => <Typography.Text copyable={{ text: h }}>{h.slice(0, 12)}…</Typography.Text>,
          },
          {
            title: '导入内容',
            width: 150,
            render: (_: unknown, r: LegacyImportRecord) =>
              r.kind === 'payments'
                ? `${r.caseCount} 件的发放（${r.paymentRows} 行）`
                : r.kind === 'followUps'
                  ? `${r.caseCount} 件的回访（${r.followUpIds?.length} 条）`
                  : `${r.caseCount} 件案件`,
          },
          { title: '拒收行', dataIndex: 'rejectedCount', width: 80 },
          {
            title: '状态',
            width: 200,
            render: (_: unknown, r: LegacyImportRecord) =>
              r.withdrawn ? (
                <Tag>已于 {formatInstant(r.withdrawn.at)} 撤销</Tag>
              ) : may ? (
                <Button
                  size="small"
                  danger
                  onClick={() => {
                    setWithdrawing(r)
                    setReason('')
                    setError(undefined)
                  }}
                >
                  撤销导入
                </Button>
              ) : (
                <Tag color="green">有效</Tag>
              ),
          },
        ]}
      />
      <Modal
        open={!!withdrawing}
        title={`撤销导入“${withdrawing?.fileName ?? ''}”`}
        okText="确认撤销"
        okButtonProps={{ danger: true, disabled: reason.trim() === '' }}
        cancelText="取消"
        onOk={withdraw}
        onCancel={() => setWithdrawing(undefined)}
      >
        <p>
          {withdrawing?.kind === 'followUps'
            ? `该批导入的 ${withdrawing.followUpIds?.length} 条回访记录将全部作废（记入审计日志）。`
            : withdrawing?.kind === 'payments'
              ? `该批导入登记的 ${withdrawing.caseCount} 件历史案件的发放记录将全部撤回（案件回到“已决定救助”，记入审计日志）。`
              : `该批导入的 ${withdrawing?.caseCount} 件历史案件将全部作废（记入审计日志），不再计入一次性救助核查、台账和统计。`}
          已被更正或被其他记录引用的，不能整体撤销。
        </p>
        <Input.TextArea aria-label="撤销原因" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
      </Modal>
    </Card>
  )
}

function withdrawnWhat(r: LegacyImportRecord): string {
  if (r.kind === 'followUps') return `${r.followUpIds?.length} 条回访记录已作废`
  return r.kind === 'payments' ? `${r.caseCount} 件历史案件的发放记录已撤回` : `${r.caseCount} 件历史案件已作废`
}
