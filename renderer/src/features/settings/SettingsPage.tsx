import { IDLE_LOCK_RANGE } from '@shared/domain/accountPolicy'
import type { ResultOf } from '@shared/ipc/contract'
import { chinaFileStamp } from '@shared/util/clock'
import { Alert, App, Button, Card, Form, Input, InputNumber, Space, Table, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { currentProfile, switchProfile } from '../../app/profile'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { formatInstant } from '../../components/format'
import { PickBackupButton } from '../../components/PickBackupButton'
import { collectBackupTables, updateSetting, useDbQuery } from '../../db'
import { api } from '../../platform/api'
import { DepartmentNamesCard } from './DepartmentNamesCard'
import { OfficeProfileCard } from './OfficeProfileCard'
import { ReportFormCard } from './ReportFormCard'
import { WageFiguresCard } from './WageFiguresCard'

type Backups = ResultOf<'backup:list'>

/** 系统设置: idle lock, backups (administrator). */
export function SettingsPage() {
  const profile = currentProfile()
  const { store, actor, unit } = useSession()
  const { message } = App.useApp()
  const idle = useDbQuery(() => store.setting('idleLockMinutes'), [store])
  const [backups, setBackups] = useState<Backups>()
  const { run, busy, problem: backupError, setProblem: setBackupError } = useAction()
  const isAdmin = actor.roles.includes('admin')

  const refresh = () =>
    void api.backupList({}).then((r) => (r.ok ? setBackups(r.value) : setBackupError(r.error.message)))
  useEffect(refresh, [setBackupError])

  async function saveIdle(value: number | null) {
    const res = await store.execute(updateSetting, { key: 'idleLockMinutes', value })
    if (res.ok) message.success('已保存：无操作自动锁屏时间')
    else message.error(res.error.message)
  }

  async function backup(values: { password?: string; confirm?: string }) {
    setBackupError(undefined)
    if (!values.password || values.password.length < 8) return setBackupError('备份密码至少 8 位。')
    if (values.password !== values.confirm) return setBackupError('两次输入的备份密码不一致。')
    const { password } = values
    const res = await run(async (s) => {
      const now = new Date().toISOString()
      return api.backupWrite({
        fileName: `${unit.shortName}备份-${chinaFileStamp(Date.parse(now))}`,
        password,
        unitCode: unit.code,
        unitName: unit.name,
        createdAt: now,
        tables: await s.read(collectBackupTables),
      })
    })
    if (res.ok) message.success(`备份完成：${res.value.fileName}`)
    refresh()
  }

  return (
    <div>
      <Typography.Title level={4}>系统设置</Typography.Title>
      {!isAdmin && <Alert type="info" showIcon title="系统设置只能由系统管理员修改。" style={{ marginBottom: 12 }} />}
      <OfficeProfileCard />
      <WageFiguresCard />
      <ReportFormCard />
      <DepartmentNamesCard />
      <Card title="自动锁屏" style={{ marginBottom: 16 }}>
        {idle !== undefined && (
          <Space>
            <span>无操作</span>
            <InputNumber
              aria-label="无操作自动锁屏分钟数"
              min={IDLE_LOCK_RANGE.min}
              max={IDLE_LOCK_RANGE.max}
              defaultValue={idle}
              disabled={!isAdmin}
              onChange={(v) => v && void saveIdle(v)}
            />
            <span>分钟后自动锁屏</span>
          </Space>
        )}
      </Card>
      <Card
        title="备份"
        extra={backups ? <Typography.Text type="secondary">备份目录：{backups.dir}</Typography.Text> : null}
      >
        <Typography.Paragraph type="secondary">
          备份包含本院全部数据和附件，以您设置的密码加密。请妥善保管密码：遗失密码将无法恢复备份。恢复备份请在新安装的软件的“首次设置”页面选择“从备份恢复”。
          备份文件在别处（如 U 盘）时，可用“选择备份文件…”把它复制到备份目录并核对是否为本软件的备份。
        </Typography.Paragraph>
        {backupError && <Alert type="error" showIcon role="alert" title={backupError} style={{ marginBottom: 12 }} />}
        {isAdmin && (
          <Form layout="inline" onFinish={backup} style={{ marginBottom: 16 }}>
            <Form.Item label="备份密码" name="password">
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item label="确认备份密码" name="confirm">
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>
                立即备份
              </Button>
              <PickBackupButton
                onPicked={(b) => {
                  setBackupError(undefined)
                  message.success(`已复制到备份目录：${b.fileName}（${b.unitName}，${formatInstant(b.createdAt)}）`)
                  refresh()
                }}
                onError={setBackupError}
              />
            </Space>
          </Form>
        )}
        <Table
          size="small"
          rowKey="fileName"
          pagination={false}
          dataSource={backups?.backups ?? []}
          locale={{ emptyText: '尚无备份' }}
          columns={[
            { title: '文件', dataIndex: 'fileName' },
            {
              title: '创建时间',
              render: (_, b) =>
                b.problem ? <Typography.Text type="danger">无法读取</Typography.Text> : formatInstant(b.createdAt),
            },
            {
              title: '单位',
              render: (_, b) => (b.problem ? <Typography.Text type="danger">{b.problem}</Typography.Text> : b.unitName),
            },
            { title: '大小', render: (_, b) => `${(b.size / 1024).toFixed(0)} KB` },
            { title: '案件数', render: (_, b) => (b.problem ? '—' : (b.counts.cases ?? 0)) },
          ]}
        />
      </Card>
      <Card title="演示环境" style={{ marginTop: 16 }}>
        <Typography.Paragraph>
          演示环境是单独的数据库，可载入程序生成的演示数据（一个虚构检察院三年来的案件、资金和回访记录），用于培训和试用，
          不会影响本院的正式记录。{profile === 'demo' ? '当前正在演示环境中。' : ''}
        </Typography.Paragraph>
        <Button onClick={() => switchProfile(profile === 'demo' ? 'office' : 'demo')}>
          {profile === 'demo' ? '返回正式环境' : '打开演示环境（载入演示数据）'}
        </Button>
      </Card>
    </div>
  )
}
