import { tableLabel } from '@shared/audit/tableLabels'
import { mayRun } from '@shared/domain/permissions'
import { ok } from '@shared/errors'
import { bundleKindLabels } from '@shared/exchange/manifest'
import { encodeBase64 } from '@shared/util/base64'
import { Alert, Button, Card, Descriptions, Input, Space, Table, Tag, Typography } from 'antd'
import { type ChangeEvent, useRef, useState } from 'react'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { formatInstant } from '../../components/format'
import type {
  AckPlan,
  ArchivePlan,
  EnrollmentPlan,
  ImportOutcome,
  ImportPlan,
  OpenedBundle,
  OriginPlan,
  PlanGroup,
  Rejection,
} from '../../db/exchange'
import { type Inspected, isDownwardPlan } from '../../db/exchange'
import { levelLabel, type Outcome, OutcomeAlert, PassphraseInput } from './common'
import { DownwardPreview, downwardOutcome, downwardTitle } from './DownwardPreview'

type Picked = { name: string; bytes: string; inspected: Inspected }
type Stage =
  | { kind: 'none' }
  | { kind: 'enrollment'; bundle: OpenedBundle; plan: EnrollmentPlan }
  | { kind: 'preview'; bundle: OpenedBundle; plan: ImportPlan; digest: string }

/**
 * 导入数据包: pick a file → what it is (without keys) → enrollment: the unit and the fingerprint typed while the
 * other office reads it aloud; archive or acknowledgement: the key passphrase → preview by office and table →
 * 确认导入 (one transaction) → for an archive, the acknowledgement bundle is written at once.
 */
export function ImportTab() {
  const { actor } = useSession()
  const input = useRef<HTMLInputElement>(null)
  const [picked, setPicked] = useState<Picked>()
  const [stage, setStage] = useState<Stage>({ kind: 'none' })
  const [passphrase, setPassphrase] = useState('')
  const [typed, setTyped] = useState('')
  const [outcome, setOutcome] = useState<Outcome>()
  const [ackOutcome, setAckOutcome] = useState<Outcome>()
  const { run } = useAction(setOutcome)
  const ack = useAction(setAckOutcome)
  const flow = useAction()
  const busy = flow.busy || ack.busy
  const mayImport = mayRun(actor.roles, 'exchange.import')
  const mayEnroll = mayRun(actor.roles, 'exchange.enroll')

  function reset() {
    setPicked(undefined)
    setStage({ kind: 'none' })
    setTyped('')
    if (input.current) input.current.value = ''
  }

  /** Steps one after another, the screen busy throughout; each step reports its own refusal. */
  const steps = (work: () => Promise<void>) => flow.run(() => work().then(() => ok(undefined)))

  async function onPick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0]
    setOutcome(undefined)
    setAckOutcome(undefined)
    setStage({ kind: 'none' })
    setPicked(undefined)
    if (!file) return
    await steps(async () => {
      const bytes = encodeBase64(new Uint8Array(await file.arrayBuffer()))
      const res = await run((s) => s.flows.inspectPicked(bytes), { failure: `无法导入“${file.name}”` })
      if (!res.ok) return
      setPicked({ name: file.name, bytes, inspected: res.value })
      if (res.value.manifest.kind === 'enrollment') await openEnrollment(bytes)
    })
  }

  async function openEnrollment(bytes: string) {
    const opened = await run((s) => s.flows.openPicked(bytes), { failure: '无法打开入网登记包' })
    if (!opened.ok) return
    const plan = await run((s) => s.flows.previewEnrollment(opened.value), { failure: '不能登记该单位' })
    if (plan.ok) setStage({ kind: 'enrollment', bundle: opened.value, plan: plan.value })
  }

  async function decryptAndPreview() {
    if (!picked) return
    await steps(async () => {
      const opened = await run((s) => s.flows.openPicked(picked.bytes, passphrase), { failure: '无法打开数据包' })
      if (!opened.ok) return
      const res = await run((s) => s.flows.previewImport(opened.value), { failure: '不能导入此数据包' })
      if (res.ok) setStage({ kind: 'preview', bundle: opened.value, ...res.value })
    })
  }

  async function enroll() {
    if (stage.kind !== 'enrollment') return
    await steps(async () => {
      const res = await run((s) => s.flows.confirmEnrollment(stage.bundle, typed), {
        failure: '未登记',
        success: ({ status, plan }) => {
          const rel = plan.relation === 'child' ? '下级单位' : '上级院'
          return status === 'already-enrolled'
            ? { type: 'info', title: `“${plan.unit.name}”已以同一密钥登记，本次未做任何改动。` }
            : {
                type: 'success',
                title: `指纹一致，已${plan.reenrolment ? '以新密钥重新' : ''}登记${rel}：${plan.unit.name}（${plan.unit.code}）`,
              }
        },
      })
      if (res.ok) reset()
    })
  }

  async function writeAck(bundleId: string) {
    await ack.run((s) => s.flows.exportAck(passphrase, bundleId), {
      failure: '回执未能生成（数据已导入）',
      success: (v) => ({
        type: 'success',
        title: `回执已生成：${v.fileName}`,
        detail: <div>保存位置：{v.path}。请把回执文件交回发送单位导入。</div>,
      }),
    })
  }

  async function commit() {
    if (stage.kind !== 'preview') return
    await steps(async () => {
      const res = await run((s) => s.flows.confirmImport(stage.bundle, stage.digest), {
        failure: '未导入',
        success: describeOutcome,
      })
      if (!res.ok) return
      const plan = res.value.plan
      reset()
      if (res.value.status === 'imported' && plan.kind === 'archive') await writeAck(plan.bundleId)
      setPassphrase('')
    })
  }

  async function regenerateAck() {
    if (stage.kind !== 'preview') return
    await writeAck(stage.plan.bundleId)
  }

  if (!mayImport && !mayEnroll) {
    return <Alert type="info" showIcon title="导入数据包由系统管理员办理。" />
  }
  const m = picked?.inspected.manifest
  return (
    <div>
      <OutcomeAlert outcome={outcome} testId="import-outcome" />
      <OutcomeAlert outcome={ackOutcome} testId="ack-outcome" />
      <Card title="选择数据包文件" style={{ marginBottom: 16 }}>
        <Typography.Paragraph type="secondary">
          选择对方交来的 .jzb
          文件（入网登记包、上报数据包、回执、下发标准、督导意见、重复救助提示、密钥更换通知或报备材料）。文件先在本机核验签名、接收单位和完整性；确认导入之前不会改动本院任何数据。
        </Typography.Paragraph>
        <input ref={input} type="file" accept=".jzb" aria-label="选择数据包文件" onChange={onPick} disabled={busy} />
      </Card>
      {picked && m && (
        <Card title={`数据包：${picked.name}`} style={{ marginBottom: 16 }}>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label="类型">{bundleKindLabels[m.kind]}</Descriptions.Item>
            <Descriptions.Item label="发送单位">
              {m.sender.unitName}（{m.sender.unitCode}，{levelLabel(m.sender.level)}）
            </Descriptions.Item>
            <Descriptions.Item label="接收单位">{m.receiver ? m.receiver.unitCode : '不限（公开）'}</Descriptions.Item>
            <Descriptions.Item label="序号">第 {m.channelSeq} 号</Descriptions.Item>
            <Descriptions.Item label="导出时间">{formatInstant(m.createdAt)}</Descriptions.Item>
            <Descriptions.Item label="签名">
              {picked.inspected.signatureValid ? <Tag color="green">签名有效</Tag> : <Tag color="red">签名无效</Tag>}
            </Descriptions.Item>
          </Descriptions>
          {m.kind !== 'enrollment' && stage.kind === 'none' && (
            <Space style={{ marginTop: 16 }} wrap>
              <PassphraseInput value={passphrase} onChange={setPassphrase} />
              <Button type="primary" onClick={decryptAndPreview} loading={busy} disabled={!passphrase}>
                解密并预览
              </Button>
            </Space>
          )}
        </Card>
      )}
      {stage.kind === 'enrollment' && (
        <EnrollmentCard
          plan={stage.plan}
          typed={typed}
          setTyped={setTyped}
          busy={busy}
          onConfirm={enroll}
          onCancel={reset}
        />
      )}
      {stage.kind === 'preview' && (
        <PreviewCard
          plan={stage.plan}
          busy={busy}
          onConfirm={commit}
          onCancel={reset}
          onRegenerateAck={regenerateAck}
        />
      )}
    </div>
  )
}

function describeOutcome(o: ImportOutcome): Outcome {
  if (o.status === 'already-imported') {
    return { type: 'info', title: `此数据包已于 ${formatInstant(o.at)} 导入，本次未做任何改动。` }
  }
  const p = o.plan
  if (isDownwardPlan(p)) return downwardOutcome(p)
  if (p.kind === 'archive') {
    const t = p.totals
    return {
      type: t.rejected ? 'warning' : 'success',
      title: `已导入“${p.sender.unitName}”第 ${p.channelSeq} 号上报数据：新增 ${t.new} 条，更新 ${t.updated} 条，未变 ${t.unchanged} 条，拒收 ${t.rejected} 条。`,
      detail: p.channelGaps.length ? `缺号：第 ${p.channelGaps.join('、')} 号（已记录）。` : undefined,
    }
  }
  return {
    type: 'success',
    title: `已导入上级院“${p.sender.unitName}”的回执：确认收到本院第 ${p.receipt.ackedChannelSeq} 号上报数据。`,
    detail: p.receipt.rejectedTotal ? `上级院拒收 ${p.receipt.rejectedTotal} 条记录，详见“上报上级院”。` : undefined,
  }
}

function EnrollmentCard({
  plan,
  typed,
  setTyped,
  busy,
  onConfirm,
  onCancel,
}: {
  plan: EnrollmentPlan
  typed: string
  setTyped: (v: string) => void
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
}) {
  const u = plan.unit
  const rel = plan.relation === 'child' ? '本院的下级单位' : '本院的上级院'
  return (
    <Card title="入网登记：电话核对指纹" style={{ marginBottom: 16 }}>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="单位">
          {u.name}（{u.code}，{levelLabel(u.level)}）
        </Descriptions.Item>
        <Descriptions.Item label="上级单位代码">{u.parentCode ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="将登记为">{rel}</Descriptions.Item>
        {plan.sm2Fingerprint && (
          <Descriptions.Item label="国密指纹">
            <code data-testid="enrol-sm2-fingerprint">{plan.sm2Fingerprint}</code>
            <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
              （对方的国密公钥随本登记包一起签名送达；下面的密钥指纹核对一致即一并确认，也可请对方读出核对）
            </Typography.Text>
          </Descriptions.Item>
        )}
        {plan.alreadyEnrolled && (
          <Descriptions.Item label="状态">
            <Tag>已以同一密钥登记</Tag>
          </Descriptions.Item>
        )}
      </Descriptions>
      {plan.reenrolment && (
        <Alert
          style={{ marginTop: 16 }}
          type="info"
          showIcon
          data-testid="reenrolment"
          title={`重新入网登记：该单位原密钥（指纹 ${plan.reenrolment.previousFingerprint}）已于 ${plan.reenrolment.revokedAt.slice(0, 10)} 由本院吊销（原因：${plan.reenrolment.reason}）。`}
          description="核对新指纹后以新密钥登记；原密钥仍被拒收。本院与该单位之间的通道序号和已持有的数据版本继续沿用，不重新开始。"
        />
      )}
      <Alert
        style={{ margin: '16px 0' }}
        type="warning"
        showIcon
        title="请用单位电话（不要用文件里附带的号码）打给对方，请对方在其“数据交换 → 本院身份与单位目录”中读出“密钥指纹”，逐组输入下框。"
        description="指纹一致才能登记。这一步防止有人冒充对方单位递交伪造的数据包。"
      />
      <Space wrap>
        <span style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
          <span>对方读出的指纹</span>
          <Input
            aria-label="对方读出的指纹"
            placeholder="如 7K2QD-M9X4A-0BC3E-FGH5J"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            style={{ width: 300, fontFamily: 'monospace' }}
            autoComplete="off"
          />
        </span>
        <Button type="primary" onClick={onConfirm} loading={busy} disabled={!typed.trim()}>
          核对指纹并登记
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Card>
  )
}

function PreviewCard({
  plan,
  busy,
  onConfirm,
  onCancel,
  onRegenerateAck,
}: {
  plan: ImportPlan
  busy: boolean
  onConfirm: () => void
  onCancel: () => void
  onRegenerateAck: () => void
}) {
  const title = isDownwardPlan(plan)
    ? downwardTitle(plan)
    : plan.kind === 'archive'
      ? `导入预览：“${plan.sender.unitName}”第 ${plan.channelSeq} 号上报数据`
      : `导入预览：上级院“${plan.sender.unitName}”第 ${plan.channelSeq} 号回执`
  return (
    <Card title={title} style={{ marginBottom: 16 }} data-testid="import-preview">
      {plan.alreadyImportedAt ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={`此数据包已于 ${formatInstant(plan.alreadyImportedAt)} 导入，再次导入不会改动任何数据。`}
          action={
            plan.kind === 'archive' ? (
              <Button size="small" onClick={onRegenerateAck} loading={busy}>
                重新生成回执
              </Button>
            ) : undefined
          }
        />
      ) : null}
      {plan.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
      ))}
      {isDownwardPlan(plan) ? (
        <DownwardPreview plan={plan} />
      ) : plan.kind === 'archive' ? (
        <ArchivePreview plan={plan} />
      ) : (
        <AckPreview plan={plan} />
      )}
      <Space style={{ marginTop: 16 }}>
        {!plan.alreadyImportedAt && (
          <Button type="primary" onClick={onConfirm} loading={busy}>
            确认导入
          </Button>
        )}
        <Button onClick={onCancel}>{plan.alreadyImportedAt ? '关闭' : '取消'}</Button>
      </Space>
    </Card>
  )
}

function ArchivePreview({ plan }: { plan: ArchivePlan }) {
  if (plan.alreadyImportedAt) return null
  const t = plan.totals
  return (
    <>
      <Typography.Paragraph strong>
        合计：新增 {t.new} 条，更新 {t.updated} 条，未变 {t.unchanged} 条，拒收 {t.rejected}{' '}
        条。确认后在一个事务中全部写入；任何一步失败则全部不写入。
      </Typography.Paragraph>
      {plan.scans.carried > 0 && (
        <Typography.Paragraph>
          附带扫描件 {plan.scans.carried} 个，均与附件记录的大小和 SHA-256 校验值一致；将保存其中{' '}
          {plan.scans.store.length} 个（{(plan.scans.storeBytes / 1024 / 1024).toFixed(1)} MB），其余本院已有。
        </Typography.Paragraph>
      )}
      <Table<PlanGroup>
        size="small"
        pagination={false}
        rowKey={(g) => `${g.unitCode}/${g.table}`}
        dataSource={plan.groups}
        aria-label="按单位和数据表的导入预览"
        columns={[
          { title: '来源单位', render: (_, g) => `${g.unitName}（${g.unitCode}）` },
          { title: '数据表', dataIndex: 'table', render: tableLabel },
          { title: '新增', dataIndex: 'new' },
          { title: '更新', dataIndex: 'updated' },
          { title: '未变', dataIndex: 'unchanged' },
          { title: '拒收', dataIndex: 'rejected', render: (v: number) => (v ? <Tag color="red">{v}</Tag> : 0) },
        ]}
      />
      {plan.origins.length > 0 && (
        <Table<OriginPlan>
          style={{ marginTop: 12 }}
          size="small"
          pagination={false}
          rowKey="unitCode"
          dataSource={plan.origins}
          columns={[
            { title: '来源单位', render: (_, o) => `${o.unitName}（${o.unitCode}）` },
            { title: '本包版本范围', render: (_, o) => `${o.revFrom}–${o.revTo}` },
            { title: '本院持有（导入前 → 导入后）', render: (_, o) => `${o.heldBefore} → ${o.heldAfter}` },
            {
              title: '缺口',
              render: (_, o) =>
                o.gap ? (
                  <Tag color="orange">
                    第 {o.gap.from}–{o.gap.to} 版缺失
                  </Tag>
                ) : o.allowed ? (
                  '无'
                ) : (
                  '不予接收'
                ),
            },
          ]}
        />
      )}
      <RejectedTable rows={plan.rejected} />
    </>
  )
}

function RejectedTable({ rows }: { rows: Rejection[] }) {
  if (!rows.length) return null
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        拒收的记录（{rows.length} 条{rows.length > 200 ? '，仅列前 200 条' : ''}）
      </Typography.Title>
      <Table<Rejection>
        size="small"
        pagination={false}
        rowKey={(r) => `${r.table}/${r.id}/${r.reason}`}
        dataSource={rows.slice(0, 200)}
        columns={[
          { title: '数据表', dataIndex: 'table', render: tableLabel },
          { title: '记录编号', dataIndex: 'id' },
          { title: '所属单位', dataIndex: 'unitCode' },
          { title: '原因', dataIndex: 'reason' },
        ]}
      />
    </>
  )
}

function AckPreview({ plan }: { plan: AckPlan }) {
  const r = plan.receipt
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="确认的上报数据">
          本院第 {r.ackedChannelSeq} 号（{plan.sent.fileName}）
        </Descriptions.Item>
        <Descriptions.Item label="上级院导入时间">{formatInstant(r.committedAt)}</Descriptions.Item>
        <Descriptions.Item label="拒收">{r.rejectedTotal} 条</Descriptions.Item>
      </Descriptions>
      <Table
        style={{ marginTop: 12 }}
        size="small"
        pagination={false}
        rowKey="unitCode"
        dataSource={r.holds}
        columns={[
          { title: '来源单位', dataIndex: 'unitCode' },
          {
            title: '上级院持有的版本（之前 → 之后）',
            render: (_, h: { unitCode: string; highWaterRev: number }) =>
              `${plan.holdsBefore[h.unitCode] ?? 0} → ${h.highWaterRev}`,
          },
        ]}
      />
      <RejectedTable rows={r.rejected} />
    </>
  )
}
