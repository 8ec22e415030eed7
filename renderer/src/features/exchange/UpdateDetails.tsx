import type { ResultOf } from '@shared/ipc/contract'
import { platformLabel } from '@shared/update/updateManifest'
import { Descriptions, Typography } from 'antd'
import { Fingerprint } from './common'

type Received = ResultOf<'update:receive'>

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** What a verified update package says: the version, what changes, for which machines, who signed and relayed it. */
export function UpdateDetails({ got }: { got: Received }) {
  const u = got.update
  return (
    <Descriptions column={2} size="small" bordered data-testid="update-details">
      <Descriptions.Item label="新版本">{u.appVersion}</Descriptions.Item>
      <Descriptions.Item label="本机版本">{got.runningVersion}</Descriptions.Item>
      <Descriptions.Item label="最低可升级版本">{u.minVersionFrom}</Descriptions.Item>
      <Descriptions.Item label="适用系统和架构">{platformLabel(u.platform, u.arch)}</Descriptions.Item>
      <Descriptions.Item label="签发单位">
        {u.issuer.unitName}（{u.issuer.unitCode}），{u.issuedOn} 签发
      </Descriptions.Item>
      <Descriptions.Item label="转发单位">
        {got.relayedBy ? `${got.relayedBy.unitName}（${got.relayedBy.unitCode}）` : '无（签发单位直接下发）'}
      </Descriptions.Item>
      <Descriptions.Item label="签发单位密钥指纹" span={2}>
        <Fingerprint value={got.issuerFingerprint} testId="update-issuer-fingerprint" />
      </Descriptions.Item>
      <Descriptions.Item label="安装程序" span={2}>
        {u.fileName}（{megabytes(u.size)}，数据库结构版本 {u.storeSchemaVersion}）
        <Typography.Text type="secondary" style={{ display: 'block', fontFamily: 'monospace', fontSize: 12 }}>
          SHA-256 {u.sha256}
        </Typography.Text>
      </Descriptions.Item>
      <Descriptions.Item label="更新说明" span={2}>
        <div style={{ whiteSpace: 'pre-wrap' }} data-testid="update-notes">
          {u.notes}
        </div>
      </Descriptions.Item>
    </Descriptions>
  )
}
