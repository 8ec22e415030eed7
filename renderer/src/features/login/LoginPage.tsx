import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { useState } from 'react'
import { findUserByUsername, type JiuzhuDb, type UnitRow, type UserRow } from '../../db'
import { api } from '../../platform/api'

/** 登录: each person signs in with their own account on the shared office PC. */
export function LoginPage({
  db,
  unit,
  onSignedIn,
}: {
  db: JiuzhuDb
  unit: UnitRow
  onSignedIn: (user: UserRow) => void
}) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  async function submit(values: { username?: string; password?: string }) {
    setError(undefined)
    if (!values.username || !values.password) return setError('请输入登录名和密码。')
    setBusy(true)
    try {
      const user = await findUserByUsername(db, values.username)
      const checked = user
        ? await api.authVerifyPassword({ password: values.password, hash: user.passwordHash })
        : undefined
      if (checked && !checked.ok) return setError(checked.error.message)
      if (!user || !checked?.ok || !checked.value.ok) return setError('登录名或密码不正确。')
      if (user.disabled) return setError('该账号已停用，请联系系统管理员。')
      onSignedIn(user)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card style={{ maxWidth: 420, margin: '12vh auto' }}>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        司法救助工作台
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
        {unit.name}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form layout="vertical" onFinish={submit}>
        <Form.Item label="登录名" name="username">
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label="密码" name="password">
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={busy}>
          登录
        </Button>
      </Form>
    </Card>
  )
}
