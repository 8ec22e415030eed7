import { tableLabel } from '@shared/audit/tableLabels'
import { mayRun } from '@shared/domain/permissions'
import { bundleKindLabels } from '@shared/exchange/manifest'
import { Alert, Button, Card, Checkbox, Descriptions, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { formatInstant } from '../../components/format'
import { useDbQuery } from '../../db'
import type { Rejection, SentRow } from '../../db/exchange'
import { type ArchiveExport, type ExchangeOverview, type UpwardRow, upwardStatus } from '../../db/exchange'
import { type Outcome, OutcomeAlert, PassphraseInput } from './common'

/**
 * 上报上级院: what the parent has acknowledged holding, per origin office; what the next archive would carry;
 * exporting it (incremental since the last acknowledgement, or a full resend); the bundles written and their acks.
 */
export function UpwardTab({ overview }: { overview: ExchangeOverview }) {
  const { store, unit, actor } = useSession()
  const [passphrase, setPassphrase] = useState('')
  const [fullResend, setFullResend] = useState(false)
  const [outcome, setOutcome] = useState<Outcome>()
  const { run, busy } = useAction(setOutcome)
  const { parent, upstream } = overview
  const holds = upstream && parent && upstream.parentCode === parent.unitCode ? upstream.holds : {}
  const rows = useDbQuery(() => store.read(upwardStatus, unit, holds), [store, unit, JSON.stringify(holds)])
  const mayExport = mayRun(actor.roles, 'exchange.export')

  async function exportNow() {
    const res = await run((s) => s.flows.exportArchive(passphrase, fullResend), {
      failure: '未导出',
      success: archiveOutcome,
    })
    if (!res.ok) return
    setPassphrase('')
    setFullResend(false)
  }

  if (unit.level === 'supreme') return <Alert type="info" showIcon title="最高人民检察院没有上级院，不需要上报数据。" />
  const ack = upstream?.lastAck
  const archives = overview.sent.filter((s) => s.receiver === parent?.unitCode || s.kind === 'enrollment')
  return (
    <div>
      <OutcomeAlert outcome={outcome} testId="upward-outcome" />
      {!parent && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="尚未登记上级院的密钥，不能上报。请先导入上级院的入网登记包并电话核对指纹。"
        />
      )}
      <Card title="上级院持有情况" style={{ marginBottom: 16 }}>
        <Table<UpwardRow>
          size="small"
          pagination={false}
          rowKey="unitCode"
          loading={!rows}
          dataSource={rows ?? []}
          aria-label="上级院持有情况"
          columns={[
            { title: '来源单位', render: (_, r) => `${r.unitName}（${r.unitCode}）` },
            { title: '本院持有的最新版本', dataIndex: 'latestRev' },
            { title: '上级院已确认持有', dataIndex: 'parentHolds' },
            {
              title: '待上报记录',
              dataIndex: 'pending',
              render: (v: number) => (v ? <Tag color="blue">{v} 条</Tag> : <Tag color="green">已全部确认</Tag>),
            },
          ]}
        />
        {ack ? (
          <Descriptions column={1} size="small" style={{ marginTop: 12 }}>
            <Descriptions.Item label="最近回执">
              {formatInstant(ack.receivedAt)} 导入；上级院于 {formatInstant(ack.committedAt)} 确认收到本院第{' '}
              {ack.ackedChannelSeq} 号上报数据
            </Descriptions.Item>
            <Descriptions.Item label="上级院拒收">{ack.rejected.length} 条</Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            尚未收到上级院的回执。
          </Typography.Paragraph>
        )}
        {ack && ack.rejected.length > 0 && (
          <Table<Rejection>
            size="small"
            pagination={false}
            rowKey={(r) => `${r.table}/${r.id}/${r.reason}`}
            dataSource={ack.rejected}
            columns={[
              { title: '数据表', dataIndex: 'table', render: tableLabel },
              { title: '记录编号', dataIndex: 'id' },
              { title: '所属单位', dataIndex: 'unitCode' },
              { title: '拒收原因', dataIndex: 'reason' },
            ]}
          />
        )}
      </Card>
      {mayExport && parent && (
        <Card title="导出上报数据包" style={{ marginBottom: 16 }}>
          <Typography.Paragraph type="secondary">
            数据包包含本院及下级院自上级院上次确认以来新增或修改的全部记录（按版本号增量导出），以上级院公钥加密、以本院密钥签名。
            在收到回执之前再次导出，会把未确认的记录再带一次，上级院导入时按版本号核对，不会重复。
          </Typography.Paragraph>
          <Space wrap>
            <PassphraseInput value={passphrase} onChange={setPassphrase} />
            <Checkbox checked={fullResend} onChange={(e) => setFullResend(e.target.checked)}>
              全量重发（上级院要求或数据丢失时使用）
            </Checkbox>
            <Button type="primary" loading={busy} onClick={exportNow} disabled={!passphrase}>
              导出上报数据包
            </Button>
          </Space>
        </Card>
      )}
      <Card title="本院导出的数据包">
        <Table<SentRow>
          size="small"
          rowKey="bundleId"
          dataSource={archives}
          pagination={{ pageSize: 10 }}
          columns={[
            { title: '序号', dataIndex: 'channelSeq' },
            { title: '类型', dataIndex: 'kind', render: (k: keyof typeof bundleKindLabels) => bundleKindLabels[k] },
            { title: '文件名', dataIndex: 'fileName' },
            { title: '导出时间', dataIndex: 'createdAt', render: formatInstant },
            {
              title: '记录数',
              render: (_, s) =>
                Object.entries(s.counts)
                  .filter(([t]) => t !== 'units')
                  .reduce((a, [, n]) => a + n, 0),
            },
            {
              title: '回执',
              render: (_, s) =>
                s.kind !== 'archive' ? (
                  '—'
                ) : s.ack ? (
                  <Tag color="green">已确认{s.ack.rejected ? `（拒收 ${s.ack.rejected} 条）` : ''}</Tag>
                ) : (
                  <Tag>未收到</Tag>
                ),
            },
          ]}
        />
      </Card>
    </div>
  )
}

/** What the clerk is told after an upward export: the file or the parts written, in the order to import them. */
function archiveOutcome(archive: ArchiveExport): Outcome {
  const { parts } = archive
  const first = parts[0]
  const last = parts[parts.length - 1]
  const omitted = parts.flatMap((p) => p.scansOmitted)
  const skipped = parts.find((p) => p.skipped)?.skipped
  return {
    type: 'success',
    title:
      parts.length === 1
        ? `上报数据包已导出：${first.fileName}（第 ${first.manifest.channelSeq} 号，${first.records} 条记录）`
        : `上报数据已分 ${parts.length} 个数据包导出（第 ${first.manifest.channelSeq}–${last.manifest.channelSeq} 号，共 ${archive.records} 条记录）`,
    detail: (
      <>
        {parts.length === 1 ? (
          <div>保存位置：{first.path}</div>
        ) : (
          <>
            <div>
              数据量超过单个数据包的上限，已一次分批导出。请把这 {parts.length} 个文件全部交给上级院，上级院须
              <b>按序号从小到大依次导入</b>
              （先导入第 {first.manifest.channelSeq} 号）；顺序颠倒时软件会拒收后面的数据包，不会写入任何数据。
            </div>
            <ol data-testid="upward-parts" style={{ margin: '4px 0', paddingLeft: 20 }}>
              {parts.map((p, i) => (
                <li key={p.fileName}>
                  第 {i + 1}/{parts.length} 部分：{p.fileName}（第 {p.manifest.channelSeq} 号，{p.records} 条记录
                  {p.scans > 0 ? `，扫描件 ${p.scans} 个` : ''}）
                </li>
              ))}
            </ol>
            <div>保存位置：{first.path.slice(0, first.path.length - first.fileName.length)}</div>
          </>
        )}
        <div>请把文件交给上级院导入；上级院导入后会生成回执，回执交回后在“导入数据包”中导入。</div>
        {archive.scans > 0 && (
          <div>
            附带扫描件 {archive.scans} 个（{(archive.scanBytes / 1024 / 1024).toFixed(1)}{' '}
            MB），上级院导入时逐个核对校验值。
          </div>
        )}
        {omitted.length > 0 && (
          <div>
            注意：{omitted.length} 个扫描件只上报了附件记录，没有附带文件内容（
            {omitted
              .slice(0, 5)
              .map((o) => `“${o.name}”：${o.reason}`)
              .join('；')}
            {omitted.length > 5 ? ' 等' : ''}）。
          </div>
        )}
        {skipped ? <div>注意：第 {skipped} 号此前未完成导出，上级院会看到该号缺号。</div> : null}
      </>
    ),
  }
}
