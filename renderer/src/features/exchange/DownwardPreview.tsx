import { tableLabel } from '@shared/audit/tableLabels'
import { bundleKindLabels } from '@shared/exchange/manifest'
import { Alert, Descriptions, Table, Tag, Typography } from 'antd'
import { formatInstant } from '../../components/format'
import type { DirectoryPlan, DownwardPlan, EditionPlan, RecordCounts, Rejection } from '../../db/exchange'
import type { Outcome } from './common'

/** The import preview of a standards, supervision, duplicate-flags, key-rotation or filing bundle. */

const verdictTags: Record<EditionPlan['verdict'], { color: string; text: string }> = {
  new: { color: 'green', text: '新增' },
  newer: { color: 'blue', text: '更新（较新的版本）' },
  same: { color: 'default', text: '与现行相同' },
  older: { color: 'orange', text: '较旧，不采用' },
  conflict: { color: 'red', text: '同号不同内容，不采用' },
}

const directoryStatus: Record<DirectoryPlan['status'], string> = {
  new: '新增',
  same: '未变',
  changed: '密钥已更新',
  own: '本院（与现用密钥一致）',
  'own-mismatch': '本院（与现用密钥不一致）',
  'peer-mismatch': '与本院登记的不一致，不采用',
}

export function downwardTitle(plan: DownwardPlan): string {
  return `导入预览：“${plan.sender.unitName}”第 ${plan.channelSeq} 号${bundleKindLabels[plan.kind]}`
}

export function downwardOutcome(plan: DownwardPlan): Outcome {
  const from = `“${plan.sender.unitName}”第 ${plan.channelSeq} 号`
  if (plan.kind === 'standards') {
    const applied = plan.editions.filter((e) => e.verdict === 'new' || e.verdict === 'newer')
    return {
      type: 'success',
      title: applied.length
        ? `已导入${from}下发标准：${applied.map((e) => `${e.issuerName}第 ${e.edition} 版`).join('、')}现已施行。`
        : `已导入${from}下发标准：其中没有比本院现行更新的标准，现行标准不变。`,
      detail: '现行标准见“数据交换 → 现行标准”。',
    }
  }
  if (plan.kind === 'key-rotation' && plan.rotation) {
    return {
      type: 'success',
      title: `已导入密钥更换通知，已更新“${plan.rotation.unitName}”的密钥：新指纹 ${plan.rotation.nextFingerprint}。此后以其旧密钥签名的数据包一律拒收。`,
    }
  }
  const c = plan.counts[0]
  return {
    type: plan.rejected.length ? 'warning' : 'success',
    title: `已导入${from}${bundleKindLabels[plan.kind]}：新增 ${c?.new ?? 0} 条，更新 ${c?.updated ?? 0} 条，未变 ${c?.unchanged ?? 0} 条，拒收 ${c?.rejected ?? 0} 条。`,
  }
}

export function DownwardPreview({ plan }: { plan: DownwardPlan }) {
  if (plan.alreadyImportedAt) return null
  return (
    <>
      {plan.kind === 'standards' && <StandardsPreview plan={plan} />}
      {plan.kind === 'key-rotation' && plan.rotation && (
        <>
          <Descriptions column={1} size="small" bordered data-testid="rotation-preview">
            <Descriptions.Item label="单位">
              {plan.rotation.unitName}（{plan.rotation.unitCode}，本院的
              {plan.rotation.relation === 'parent' ? '上级院' : '下级单位'}）
            </Descriptions.Item>
            <Descriptions.Item label="现登记的指纹（将停用）">{plan.rotation.previousFingerprint}</Descriptions.Item>
            <Descriptions.Item label="新指纹">{plan.rotation.nextFingerprint}</Descriptions.Item>
          </Descriptions>
          <Alert
            style={{ marginTop: 12 }}
            type="info"
            showIcon
            title="此通知由对方现登记的密钥签名，软件已核验。建议同时电话请对方读出新指纹核对。确认后，以旧密钥签名的数据包一律拒收。"
          />
        </>
      )}
      {plan.counts.length > 0 && <CountsTable rows={plan.counts} />}
      {plan.rejected.length > 0 && <Rejected rows={plan.rejected} />}
      <Typography.Paragraph strong style={{ marginTop: 12 }}>
        确认后在一个事务中全部写入；任何一步失败则全部不写入。
      </Typography.Paragraph>
    </>
  )
}

function StandardsPreview({ plan }: { plan: DownwardPlan }) {
  return (
    <>
      <Table<EditionPlan>
        size="small"
        pagination={false}
        rowKey="issuer"
        dataSource={plan.editions}
        aria-label="下发标准预览"
        columns={[
          { title: '发布单位', render: (_, e) => `${e.issuerName}（${e.issuer}）` },
          { title: '标准', render: (_, e) => `${e.title}（第 ${e.edition} 版，${formatInstant(e.issuedAt)}）` },
          { title: '本院现行', render: (_, e) => (e.heldEdition ? `第 ${e.heldEdition} 版` : '无') },
          {
            title: '处理',
            render: (_, e) => <Tag color={verdictTags[e.verdict].color}>{verdictTags[e.verdict].text}</Tag>,
          },
          {
            title: '变化',
            render: (_, e) => (
              <div>
                {e.changes.map((c) => (
                  <div key={c}>{c}</div>
                ))}
              </div>
            ),
          },
        ]}
      />
      {plan.directory.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            上级院签发的单位目录（{plan.directory.length} 个单位）
          </Typography.Title>
          <Table<DirectoryPlan>
            size="small"
            pagination={false}
            rowKey="unitCode"
            dataSource={plan.directory}
            columns={[
              { title: '单位', render: (_, d) => `${d.unitName}（${d.unitCode}）` },
              { title: '指纹', dataIndex: 'fingerprint' },
              {
                title: '状态',
                render: (_, d) => (
                  <>
                    {directoryStatus[d.status]}
                    {d.revoked?.map((r) => (
                      <Tag key={r.fingerprint} color="red" style={{ marginLeft: 8 }}>
                        {r.fingerprint === d.fingerprint ? '现用密钥' : `密钥 ${r.fingerprint}`} 已于 {r.revokedOn}{' '}
                        吊销：{r.reason}
                      </Tag>
                    ))}
                  </>
                ),
              },
            ]}
          />
        </>
      )}
    </>
  )
}

function CountsTable({ rows }: { rows: RecordCounts[] }) {
  return (
    <Table<RecordCounts>
      size="small"
      pagination={false}
      rowKey="table"
      dataSource={rows}
      aria-label="导入预览"
      columns={[
        { title: '数据表', dataIndex: 'table', render: tableLabel },
        { title: '新增', dataIndex: 'new' },
        { title: '更新', dataIndex: 'updated' },
        { title: '未变', dataIndex: 'unchanged' },
        { title: '拒收', dataIndex: 'rejected', render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
      ]}
    />
  )
}

function Rejected({ rows }: { rows: Rejection[] }) {
  return (
    <Table<Rejection>
      style={{ marginTop: 12 }}
      size="small"
      pagination={false}
      rowKey={(r) => `${r.table}/${r.id}/${r.reason}`}
      dataSource={rows.slice(0, 200)}
      columns={[
        { title: '记录编号', dataIndex: 'id' },
        { title: '所属单位', dataIndex: 'unitCode' },
        { title: '不予导入的原因', dataIndex: 'reason' },
      ]}
    />
  )
}
