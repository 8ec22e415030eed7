import { mayRun } from '@shared/domain/permissions'
import { Button, Card, Input, Modal, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { type PeerRow, revocationOf } from '../../db/exchange'
import { type Outcome, OutcomeAlert, PassphraseInput } from './common'

/**
 * 吊销密钥 and 重新生成本院密钥 on the 数据交换 screen (docs/exchange.md “吊销密钥”): the state of an enrolled office's
 * key with the button that revokes it (with a reason), and the card where an office whose key was lost or stolen
 * makes a new one under a new passphrase.
 */

/** The key state of an enrolled office: valid, or revoked (date, reason) and waiting for re-enrolment. */
export function PeerKeyState({ peer }: { peer: PeerRow }) {
  const r = revocationOf(peer, peer.record.keyId)
  if (!r) {
    return peer.revoked?.length ? <Tag color="green">有效（已重新登记）</Tag> : <Tag color="green">有效</Tag>
  }
  return (
    <Tooltip title={`原因：${r.reason}`}>
      <Tag color="red" data-testid={`revoked-${peer.unitCode}`}>
        已于 {r.revokedAt.slice(0, 10)} 吊销，待重新入网登记
      </Tag>
    </Tooltip>
  )
}

/** “吊销密钥” for one enrolled office: asks for the reason, then declares its current key void. */
export function RevokeKeyButton({ peer, onDone }: { peer: PeerRow; onDone: (o: Outcome) => void }) {
  const { actor } = useSession()
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const { run, busy, problem } = useAction()
  if (!mayRun(actor.roles, 'exchange.enroll') || revocationOf(peer, peer.record.keyId)) return null
  async function revoke() {
    const res = await run((s) => s.flows.revokeKey(peer.unitCode, reason))
    if (!res.ok) return
    onDone({
      type: 'success',
      title: `已吊销“${peer.unitName}”的密钥（指纹 ${res.value.fingerprint}）。`,
      detail:
        '此后以该密钥签名的数据包一律拒收，本院也不再向它发送数据。请对方生成新密钥、导出入网登记包，本院导入并电话核对新指纹后即重新登记（通道序号和已持有的数据版本继续沿用）。下次向下级单位下发标准时，吊销情况随单位目录下发。',
    })
    setOpen(false)
    setReason('')
  }
  return (
    <>
      <Button size="small" danger onClick={() => setOpen(true)}>
        吊销密钥
      </Button>
      <Modal
        open={open}
        title={`吊销“${peer.unitName}”的密钥`}
        okText="吊销"
        okButtonProps={{ danger: true, disabled: !reason.trim() }}
        confirmLoading={busy}
        onOk={revoke}
        onCancel={() => setOpen(false)}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph>
            对方的密钥遗失（口令遗忘）或被盗、无法由旧密钥签发更换通知时使用。吊销后，以指纹{' '}
            <code>{peer.fingerprint}</code> 签名的数据包一律拒收，直到对方以新密钥重新入网登记。
          </Typography.Paragraph>
          {problem && (
            <Typography.Text type="danger" role="alert">
              {problem}
            </Typography.Text>
          )}
          <Input.TextArea
            aria-label="吊销原因"
            placeholder="吊销原因（如：管理员离职，密钥口令遗失；办公电脑被盗）"
            value={reason}
            maxLength={200}
            onChange={(e) => setReason(e.target.value)}
          />
        </Space>
      </Modal>
    </>
  )
}

/** 重新生成本院密钥: the old key lost or stolen; a new key pair under a new passphrase, then re-enrolment. */
export function ReissueKeyCard() {
  const { actor } = useSession()
  const [pass, setPass] = useState('')
  const [confirm, setConfirm] = useState('')
  const [outcome, setOutcome] = useState<Outcome>()
  const { run, busy } = useAction(setOutcome)
  if (!mayRun(actor.roles, 'exchange.keys')) return null
  async function reissue() {
    setOutcome(undefined)
    if (pass.length < 8) return setOutcome({ type: 'error', title: '新密钥口令至少 8 位。未做任何改动。' })
    if (pass !== confirm) return setOutcome({ type: 'error', title: '两次输入的新密钥口令不一致。未做任何改动。' })
    const res = await run((s) => s.flows.reissueKey(pass), {
      failure: '未生成新密钥',
      success: (v) => ({
        type: 'success',
        title: `已生成本院新密钥，新指纹 ${v.fingerprint}（原指纹 ${v.previous} 不再使用）。`,
        detail:
          '请用新口令在上方“导出入网登记包”，交给上级院（和本院的下级单位）；请对方先吊销本院原密钥，再导入登记包并在电话中核对新指纹。',
      }),
    })
    if (!res.ok) return
    setPass('')
    setConfirm('')
  }
  return (
    <Card title="重新生成本院密钥（密钥遗失或被盗）" style={{ marginBottom: 16 }}>
      <OutcomeAlert outcome={outcome} testId="reissue-outcome" />
      <Typography.Paragraph type="secondary">
        只在遗失密钥口令、或密钥被盗而无法用“更换本院密钥”时使用：以新口令生成新密钥，原密钥不再保留，发给原密钥途中的数据包无法打开，须请对方重新发送。生成后须由上级院（和下级单位）吊销原密钥，并以新的入网登记包重新登记；上报通道的序号和已上报的数据版本继续沿用。
      </Typography.Paragraph>
      <Space wrap>
        <PassphraseInput label="新密钥口令" value={pass} onChange={setPass} />
        <PassphraseInput label="确认新密钥口令" value={confirm} onChange={setConfirm} />
        <Popconfirm
          title="确定重新生成本院密钥？"
          description="原密钥将不再使用，须请上级院吊销并重新登记本院。"
          okText="生成"
          cancelText="取消"
          onConfirm={reissue}
        >
          <Button danger loading={busy} disabled={!pass || !confirm}>
            重新生成本院密钥
          </Button>
        </Popconfirm>
      </Space>
    </Card>
  )
}
