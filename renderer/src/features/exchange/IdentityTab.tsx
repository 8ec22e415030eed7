import { mayRun } from '@shared/domain/permissions'
import { formatFingerprint } from '@shared/exchange/fingerprint'
import { Button, Card, Descriptions, Empty, Input, Modal, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { type Report, useAction } from '../../app/useAction'
import { formatInstant } from '../../components/format'
import type { ExchangeOverview, PeerRow } from '../../db/exchange'
import { installOfficeKey, replaceSealedKey } from '../../db/exchange'
import { api } from '../../platform/api'
import { Fingerprint, levelLabel, type Outcome, OutcomeAlert, PassphraseInput } from './common'
import { PeerKeyState, ReissueKeyCard, RevokeKeyButton } from './KeyRevocation'
import { KeyRotationCard } from './KeyRotationCard'

/** 本院身份与单位目录: this office's key and fingerprint, the enrollment bundle, the parent and subordinates. */
export function IdentityTab({ overview }: { overview: ExchangeOverview }) {
  const { unit, actor } = useSession()
  const [passphrase, setPassphrase] = useState('')
  const [outcome, setOutcome] = useState<Outcome>()
  const { run, busy } = useAction(setOutcome)
  const [changing, setChanging] = useState(false)
  const mayKeys = mayRun(actor.roles, 'exchange.keys')
  const mayExport = mayRun(actor.roles, 'exchange.export')
  const key = overview.officeKey

  async function exportOwn() {
    const res = await run((s) => s.flows.exportEnrollment(passphrase), {
      success: (v) => ({
        type: 'success',
        title: `入网登记包已导出：${v.fileName}`,
        detail: (
          <>
            <div>保存位置：{v.path}</div>
            <div>
              请把此文件交给上级院（或下级院），并在对方导入时通过电话把本院密钥指纹逐组读给对方：
              {key?.fingerprint}
              {key?.record.sm2KeyId && `；国密指纹：${formatFingerprint(key.record.sm2KeyId)}`}
            </div>
          </>
        ),
      }),
    })
    if (res.ok) setPassphrase('')
  }

  return (
    <div>
      <OutcomeAlert outcome={outcome} testId="identity-outcome" />
      {key ? (
        <Card title="本院数据交换密钥" style={{ marginBottom: 16 }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="单位">
              {unit.name}（{unit.code}，{levelLabel(unit.level)}）
            </Descriptions.Item>
            <Descriptions.Item label="密钥指纹">
              <Fingerprint value={key.fingerprint} testId="own-fingerprint" />
            </Descriptions.Item>
            {key.record.sm2KeyId && (
              <Descriptions.Item label="国密指纹">
                <Fingerprint value={formatFingerprint(key.record.sm2KeyId)} testId="own-sm2-fingerprint" />
              </Descriptions.Item>
            )}
            <Descriptions.Item label="生成时间">{formatInstant(key.record.createdAt)}</Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
            指纹由本院公钥计算得出，共 20 个字符、分 4 组
            {key.record.sm2KeyId ? '；国密指纹由本院两把 SM2 公钥以 SM3 算出，格式相同，两个指纹都要读出' : ''}
            。入网登记时，对方会请您在电话中逐组读出；只有指纹一致，对方才会登记本院。
            指纹不是密码，可以公开读出；本院私钥以“本院密钥口令”加密保存在本机数据中（随加密备份一起备份），从不离开本机。
          </Typography.Paragraph>
          {mayExport && (
            <Space wrap>
              <PassphraseInput value={passphrase} onChange={setPassphrase} />
              <Button type="primary" loading={busy} onClick={exportOwn} disabled={!passphrase}>
                导出入网登记包
              </Button>
              {mayKeys && <Button onClick={() => setChanging(true)}>修改密钥口令</Button>}
            </Space>
          )}
        </Card>
      ) : (
        <NoKeyCard mayKeys={mayKeys} onDone={setOutcome} />
      )}
      {key && mayKeys && <TrustDirectoryCard onDone={setOutcome} />}
      {key && <KeyRotationCard />}
      {key && <ReissueKeyCard />}
      <ParentCard overview={overview} onDone={setOutcome} />
      {unit.level !== 'basic' && (
        <Card title="本院登记的下级单位" style={{ marginBottom: 16 }}>
          {overview.children.length === 0 ? (
            <Empty description="尚未登记下级单位。请在“导入数据包”中导入下级院的入网登记包，并电话核对指纹。" />
          ) : (
            <Table<PeerRow>
              rowKey="unitCode"
              size="small"
              pagination={false}
              dataSource={overview.children}
              columns={[
                { title: '单位名称', dataIndex: 'unitName' },
                { title: '单位代码', dataIndex: 'unitCode' },
                { title: '层级', dataIndex: 'level', render: levelLabel },
                { title: '密钥指纹', dataIndex: 'fingerprint', render: (v: string) => <code>{v}</code> },
                { title: '登记时间', dataIndex: 'enrolledAt', render: formatInstant },
                { title: '密钥状态', render: (_, p) => <PeerKeyState peer={p} /> },
                { title: '', render: (_, p) => <RevokeKeyButton peer={p} onDone={setOutcome} /> },
              ]}
            />
          )}
        </Card>
      )}
      {changing && key && (
        <ChangePassphraseDialog sealed={key.sealed} onClose={() => setChanging(false)} onDone={setOutcome} />
      )}
    </div>
  )
}

/** 导出可信单位目录 (administrator): the file `npm run cli -- bundle verify --trust` checks senders against. */
function TrustDirectoryCard({ onDone }: { onDone: Report }) {
  const { run, busy } = useAction(onDone)
  async function exportTrust() {
    await run((s) => s.flows.exportTrustDirectory(), {
      success: (v) => ({
        type: 'success',
        title: `可信单位目录已导出：${v.fileName}（${v.count} 个单位）`,
        detail: (
          <>
            <div>保存位置：{v.path}</div>
            <div>在命令行核验数据包时指定此文件：npm run cli -- bundle verify 数据包文件 --trust {v.fileName}</div>
          </>
        ),
      }),
    })
  }
  return (
    <Card title="可信单位目录" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        本院信任的单位公钥：本院密钥、已入网登记（电话核对指纹）的上下级单位、上级院下发的签名单位目录，并注明已更换或吊销、不再信任的密钥。
        在不联网的电脑上用命令行核验数据包时，需用此文件确认发送单位的身份；不指定时命令行只能说明“签名有效但发送单位身份未核验”。
        文件只含公钥，不含私钥和口令。
      </Typography.Paragraph>
      <Button loading={busy} onClick={() => void exportTrust()}>
        导出可信单位目录
      </Button>
    </Card>
  )
}

function ParentCard({ overview, onDone }: { overview: ExchangeOverview; onDone: (o: Outcome) => void }) {
  const { unit } = useSession()
  if (unit.level === 'supreme') return null
  const { parent, parentUnit } = overview
  return (
    <Card title="上级院" style={{ marginBottom: 16 }}>
      <Descriptions column={1} size="small">
        <Descriptions.Item label="单位">
          {parentUnit?.name || unit.parentName}（{unit.parentCode}）
        </Descriptions.Item>
        <Descriptions.Item label="登记状态">
          {parent ? (
            <Space>
              <Tag color="green">已登记</Tag>
              <span>指纹</span>
              <code data-testid="parent-fingerprint">{parent.fingerprint}</code>
              <span>（{formatInstant(parent.enrolledAt)}）</span>
              <PeerKeyState peer={parent} />
              <RevokeKeyButton peer={parent} onDone={onDone} />
            </Space>
          ) : (
            <Space>
              <Tag color="orange">未登记</Tag>
              <span>
                请在“导入数据包”中导入上级院的入网登记包，并与上级院电话核对指纹；登记后才能向上级院上报数据。
              </span>
            </Space>
          )}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  )
}

function NoKeyCard({ mayKeys, onDone }: { mayKeys: boolean; onDone: Report }) {
  const { unit } = useSession()
  const [pass, setPass] = useState('')
  const [confirm, setConfirm] = useState('')
  const { run, busy } = useAction(onDone)
  async function create() {
    if (pass.length < 8) return onDone({ type: 'error', title: '密钥口令至少 8 位。未做任何改动。' })
    if (pass !== confirm) return onDone({ type: 'error', title: '两次输入的密钥口令不一致。未做任何改动。' })
    await run(
      async (s) => {
        const keys = await api.exchangeCreateKeys({ unitCode: unit.code, passphrase: pass })
        return keys.ok ? s.execute(installOfficeKey, keys.value) : keys
      },
      { success: (v) => ({ type: 'success', title: `已生成本院密钥，指纹 ${v.fingerprint}` }) },
    )
  }
  return (
    <Card title="本院数据交换密钥" style={{ marginBottom: 16 }}>
      <Typography.Paragraph>
        本院尚未生成数据交换密钥（首次设置早于本功能，或从不含密钥的备份恢复）。没有密钥就不能导出或导入加密数据包。
      </Typography.Paragraph>
      {mayKeys ? (
        <Space wrap>
          <PassphraseInput label="设置密钥口令" value={pass} onChange={setPass} />
          <PassphraseInput label="确认密钥口令" value={confirm} onChange={setConfirm} />
          <Button type="primary" loading={busy} onClick={create}>
            生成本院密钥
          </Button>
        </Space>
      ) : (
        <Typography.Text type="secondary">请由系统管理员生成本院密钥。</Typography.Text>
      )}
    </Card>
  )
}

function ChangePassphraseDialog({ sealed, onClose, onDone }: { sealed: string; onClose: () => void; onDone: Report }) {
  const [old, setOld] = useState('')
  const [next, setNext] = useState('')
  const [confirm, setConfirm] = useState('')
  const { run, busy, problem, setProblem } = useAction()
  async function save() {
    setProblem(undefined)
    if (next.length < 8) return setProblem('新口令至少 8 位。')
    if (next !== confirm) return setProblem('两次输入的新口令不一致。')
    const res = await run(async (s) => {
      const changed = await api.exchangeChangePassphrase({ sealed, passphrase: old, newPassphrase: next })
      if (!changed.ok) return changed
      const saved = await s.execute(replaceSealedKey, { sealed: changed.value.sealed })
      // the retired keys kept for reading old bundles follow the new passphrase as far as they can (as before)
      if (saved.ok) await s.flows.resealRetired(old, next)
      return saved
    })
    if (!res.ok) return
    onDone({ type: 'success', title: '密钥口令已修改。以后导出、导入数据包请使用新口令。' })
    onClose()
  }
  return (
    <Modal open title="修改密钥口令" okText="保存" onOk={save} confirmLoading={busy} onCancel={onClose}>
      <Space direction="vertical" style={{ width: '100%' }}>
        {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
        <Input.Password aria-label="原口令" placeholder="原口令" value={old} onChange={(e) => setOld(e.target.value)} />
        <Input.Password
          aria-label="新口令"
          placeholder="新口令（至少 8 位）"
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
        <Input.Password
          aria-label="确认新口令"
          placeholder="再次输入新口令"
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
        />
      </Space>
    </Modal>
  )
}
