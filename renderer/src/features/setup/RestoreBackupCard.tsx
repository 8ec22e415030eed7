import type { ResultOf } from '@shared/ipc/contract'
import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { formatInstant } from '../../components/format'
import { type JiuzhuDb, restoreBackupTables, storageErrorFrom } from '../../db'
import { api } from '../../platform/api'

/** 从备份恢复: only offered while the profile is empty (first run). Everything is restored, or nothing. */
export function RestoreBackupCard({ db, onRestored }: { db: JiuzhuDb; onRestored: () => void }) {
  const [list, setList] = useState<ResultOf<'backup:list'>>()
  const [error, setError] = useState<string>()
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    void api.backupList({}).then((r) => (r.ok ? setList(r.value) : setError(r.error.message)))
  }, [])
  if (!list || list.backups.length === 0) return null

  async function restore(values: { fileName?: string; password?: string }) {
    setError(undefined)
    if (!values.fileName || !values.password) return setError('请选择备份文件并输入备份密码。')
    setBusy(true)
    try {
      const read = await api.backupRead({ fileName: values.fileName, password: values.password })
      if (!read.ok) return setError(read.error.message)
      try {
        await restoreBackupTables(db, read.value.tables)
      } catch (e) {
        return setError(storageErrorFrom(e).message)
      }
      onRestored()
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card title="从备份恢复" style={{ maxWidth: 860, margin: '0 auto 32px' }}>
      <Typography.Paragraph type="secondary">
        在备份目录（{list.dir}）中找到以下备份。恢复后请用备份中的账号登录。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form name="restore" layout="inline" onFinish={restore}>
        <Form.Item label="备份文件" name="fileName">
          <Select
            style={{ width: 360 }}
            options={list.backups.map((b) => ({
              value: b.fileName,
              label: b.problem
                ? `${b.fileName}（无法读取：${b.problem}）`
                : `${b.unitName} · ${formatInstant(b.createdAt)}`,
              disabled: b.problem !== undefined,
            }))}
          />
        </Form.Item>
        <Form.Item label="备份密码" name="password">
          <Input.Password autoComplete="off" />
        </Form.Item>
        <Button htmlType="submit" loading={busy}>
          恢复
        </Button>
      </Form>
    </Card>
  )
}
