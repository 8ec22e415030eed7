import { auditHashLabels } from '@shared/audit/hashAlg'
import { unitLevelLabels } from '@shared/domain/officeSetup'
import type { ResultOf } from '@shared/ipc/contract'
import { Descriptions, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useSession } from '../../app/session'
import { officeAuditHash, PROFILE_DB, storageEstimate, useDbQuery } from '../../db'
import { api } from '../../platform/api'

const persistenceLabel = {
  granted: '已获得持久存储（浏览器不会在空间紧张时清除本软件数据）',
  denied: '未获得持久存储：空间紧张时数据可能被清除，请定期备份',
  unsupported: '当前环境不支持持久存储申请，请定期备份',
} as const

/** Where the office's records are kept, in words for office staff (the technical name is shown below, small). */
const whereStored = {
  desktop: '保存在这台电脑上，不联网、不上传；请系统管理员定期在“系统设置”中备份',
  web: '保存在这台电脑的浏览器中：换用其他浏览器或清除浏览器数据后就看不到了；请系统管理员定期在“系统设置”中备份',
} as const

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** 关于: version, where the data lives, this office's identity, and storage health. */
export function AboutPage() {
  const { unit, profile, persistence, store } = useSession()
  const auditHash = useDbQuery(() => store.read(officeAuditHash), [store])
  const [info, setInfo] = useState<ResultOf<'system:info'>>()
  const [estimate, setEstimate] = useState<{ usage: number; quota: number }>()
  const [error, setError] = useState<string>()
  useEffect(() => {
    void api.systemInfo({}).then((r) => (r.ok ? setInfo(r.value) : setError(r.error.message)))
    void storageEstimate().then(setEstimate)
  }, [])
  return (
    <div>
      <Typography.Title level={4}>关于</Typography.Title>
      <Descriptions bordered column={1} size="middle" styles={{ label: { width: 180 } }}>
        <Descriptions.Item label="软件">{info ? `${info.productName} ${info.appVersion}` : '…'}</Descriptions.Item>
        <Descriptions.Item label="运行方式">
          {info ? (info.mode === 'web' ? '浏览器模式' : '桌面应用') : '…'}
        </Descriptions.Item>
        <Descriptions.Item label="本院">{`${unit.name}（${unit.shortName}）`}</Descriptions.Item>
        <Descriptions.Item label="单位代码">{unit.code}</Descriptions.Item>
        <Descriptions.Item label="单位层级">{unitLevelLabels[unit.level]}</Descriptions.Item>
        <Descriptions.Item label="上级单位">
          {unit.parentCode ? `${unit.parentName ?? ''}（${unit.parentCode}）` : '无'}
        </Descriptions.Item>
        <Descriptions.Item label="审计日志校验算法">
          <div>{auditHash ? auditHashLabels[auditHash] : '…'}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            首次设置时选定，此后不能更改；每条审计记录的校验值都用它计算
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="数据">
          <div>{profile === 'demo' ? '演示数据（供培训和试用，与本院正式数据分开保存）' : '本院正式数据'}</div>
          {info && <div>{info.mode === 'web' ? whereStored.web : whereStored.desktop}</div>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {`供信息技术人员：IndexedDB 数据库 ${PROFILE_DB[profile]}`}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="数据目录">{info?.dataDir ?? error ?? '…'}</Descriptions.Item>
        <Descriptions.Item label="导出目录">{info?.exportDir ?? '…'}</Descriptions.Item>
        <Descriptions.Item label="存储状态">{persistenceLabel[persistence]}</Descriptions.Item>
        <Descriptions.Item label="已用空间">
          {estimate ? `${mb(estimate.usage)} / 可用上限 ${mb(estimate.quota)}` : '未知'}
        </Descriptions.Item>
      </Descriptions>
    </div>
  )
}
