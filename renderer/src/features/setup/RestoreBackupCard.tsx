import type { ResultOf } from '@shared/ipc/contract'
import { Alert, Button, Card, Form, Input, Select, Space, Typography } from 'antd'
import { useCallback, useEffect, useState } from 'react'
import type { ProfileStore } from '../../app/store'
import { useAction } from '../../app/useAction'
import { formatInstant } from '../../components/format'
import { PickBackupButton } from '../../components/PickBackupButton'
import { api } from '../../platform/api'

/**
 * 从备份恢复: only offered while the profile is empty (first run). The backup is one found in the backup folder or one
 * picked anywhere on the computer (copied into that folder first). Everything is restored, or nothing.
 */
export function RestoreBackupCard({ store, onRestored }: { store: ProfileStore; onRestored: () => void }) {
  const [form] = Form.useForm<{ fileName?: string; password?: string }>()
  const [list, setList] = useState<ResultOf<'backup:list'>>()
  const { run, busy, problem: error, setProblem: setError } = useAction()
  const refresh = useCallback(
    () => api.backupList({}).then((r) => (r.ok ? setList(r.value) : setError(r.error.message))),
    [setError],
  )
  useEffect(() => void refresh(), [refresh])
  if (!list) return null

  async function restore(values: { fileName?: string; password?: string }) {
    setError(undefined)
    if (!values.fileName || !values.password) return setError('请选择备份文件并输入备份密码。')
    const { fileName, password } = values
    const res = await run(async () => {
      const read = await api.backupRead({ fileName, password })
      if (read.ok) await store.restoreBackup(read.value.tables)
      return read
    })
    if (res.ok) onRestored()
  }

  async function picked(fileName: string) {
    setError(undefined)
    await refresh()
    form.setFieldsValue({ fileName })
  }

  return (
    <Card title="从备份恢复" style={{ maxWidth: 860, margin: '0 auto 32px' }}>
      <Typography.Paragraph type="secondary">
        {list.backups.length > 0
          ? `在备份目录（${list.dir}）中找到以下备份；备份在别处（如 U 盘）时，请点击“选择备份文件…”。`
          : `备份目录（${list.dir}）中没有备份。要从备份恢复，请点击“选择备份文件…”找到备份文件（.jzbak）。`}
        恢复后请用备份中的账号登录。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} name="restore" layout="inline" onFinish={restore}>
        <Form.Item label="备份文件" name="fileName">
          <Select
            style={{ width: 360 }}
            placeholder="请选择备份"
            notFoundContent="备份目录中没有备份"
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
        <Space>
          <Button htmlType="submit" loading={busy}>
            恢复
          </Button>
          <PickBackupButton onPicked={(b) => void picked(b.fileName)} onError={setError} />
        </Space>
      </Form>
    </Card>
  )
}
