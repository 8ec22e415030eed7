import { mayRun } from '@shared/domain/permissions'
import { Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { formatInstant } from '../../components/format'
import { useDbQuery } from '../../db'
import type { PeerRow } from '../../db/exchange'
import { lastRotation, listPeers, sentOfKind } from '../../db/exchange'
import { levelLabel, type Outcome, OutcomeAlert, PassphraseInput } from './common'

/**
 * 更换本院密钥 (docs/exchange.md §一.10): a new key pair, announced to every enrolled office in a key-rotation
 * bundle signed by the old key. Until an office imports the announcement it cannot read what this office sends;
 * afterwards it refuses anything signed with the old key.
 */
export function KeyRotationCard() {
  const { store, actor } = useSession()
  const [passphrase, setPassphrase] = useState('')
  const [outcome, setOutcome] = useState<Outcome>()
  const { run, busy } = useAction(setOutcome)
  const peers = useDbQuery(() => store.read(listPeers), [store])
  const retired = useDbQuery(() => store.read(lastRotation), [store])
  const sent = useDbQuery(() => store.read(sentOfKind, 'key-rotation'), [store])
  if (!mayRun(actor.roles, 'exchange.keys')) return null

  async function rotate() {
    await run((s) => s.flows.rotateKey(passphrase), {
      failure: '密钥未更换',
      success: (v) => ({
        type: 'success',
        title: `已更换本院密钥，新指纹 ${v.fingerprint}。请立即向下列每个单位导出密钥更换通知并送交对方导入。`,
      }),
    })
  }

  async function announce(peer: PeerRow) {
    await run((s) => s.flows.exportRotation(passphrase, peer.unitCode), {
      failure: '未能导出密钥更换通知',
      success: (v) => ({
        type: 'success',
        title: `密钥更换通知已导出：${v.fileName}`,
        detail: `保存位置：${v.path}。请交给“${peer.unitName}”在“导入数据包”中导入，并电话读出本院新指纹供对方核对。`,
      }),
    })
  }

  const announcedTo = (code: string) => sent?.filter((s) => s.receiver === code).at(-1)
  return (
    <Card title="更换本院密钥" style={{ marginBottom: 16 }}>
      <OutcomeAlert outcome={outcome} testId="rotation-outcome" />
      <Typography.Paragraph type="secondary">
        怀疑密钥或口令泄露、或按保密要求定期更换时使用。更换后本院以新密钥签发数据包；以旧密钥签名的通知告知每个已登记的上级院和下级单位，对方导入后更新本院的登记，此后以旧密钥签名的数据包一律拒收。更换前发给本院旧密钥的数据包仍可导入。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <PassphraseInput label="密钥口令（更换用）" value={passphrase} onChange={setPassphrase} />
        <Popconfirm
          title="确定更换本院密钥？"
          description="更换后须把密钥更换通知送交每个已登记的单位。"
          okText="更换"
          cancelText="取消"
          onConfirm={rotate}
        >
          <Button danger loading={busy} disabled={!passphrase}>
            更换本院密钥
          </Button>
        </Popconfirm>
      </Space>
      {retired && (
        <>
          <Typography.Paragraph>
            上次更换：{formatInstant(retired.retiredAt)}，停用的旧指纹 <code>{retired.fingerprint}</code>。
          </Typography.Paragraph>
          <Table<PeerRow>
            size="small"
            pagination={false}
            rowKey="unitCode"
            dataSource={peers ?? []}
            aria-label="密钥更换通知"
            columns={[
              { title: '单位', render: (_, p) => `${p.unitName}（${p.unitCode}，${levelLabel(p.level)}）` },
              { title: '关系', render: (_, p) => (p.relation === 'parent' ? '上级院' : '下级单位') },
              {
                title: '通知',
                render: (_, p) => {
                  const s = announcedTo(p.unitCode)
                  return s ? <Tag color="green">已导出 {formatInstant(s.createdAt)}</Tag> : <Tag>尚未导出</Tag>
                },
              },
              {
                title: '',
                render: (_, p) => (
                  <Button size="small" onClick={() => announce(p)} disabled={!passphrase} loading={busy}>
                    导出密钥更换通知
                  </Button>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  )
}
