import { Alert, Button, Card, Form, Input, Typography } from 'antd'
import { switchProfile } from '../../app/profile'
import type { ProfileStore } from '../../app/store'
import { useAction } from '../../app/useAction'
import type { UnitRow, UserRow } from '../../db'
import { DemoAccounts } from '../demo/DemoAccounts'
import { signIn } from './signIn'

/** 登录: each person signs in with their own account on the shared office PC. */
export function LoginPage({
  store,
  unit,
  onSignedIn,
  demo = false,
}: {
  store: ProfileStore
  unit: UnitRow
  onSignedIn: (user: UserRow) => void
  demo?: boolean
}) {
  const { run, busy, problem: error, setProblem: setError } = useAction()

  async function submit(values: { username?: string; password?: string }) {
    setError(undefined)
    if (!values.username || !values.password) return setError('请输入登录名和密码。')
    const { username, password } = values
    const res = await run(() => signIn(store, username, password))
    if (res.ok) onSignedIn(res.value)
  }

  return (
    <Card style={{ maxWidth: demo ? 640 : 420, margin: demo ? '6vh auto' : '12vh auto' }}>
      <Typography.Title level={3} style={{ textAlign: 'center' }}>
        司法救助工作台
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
        {unit.name}
      </Typography.Paragraph>
      {demo && <DemoAccounts store={store} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      {/* an answer belongs to the attempt it was given for: typing again clears it */}
      <Form name="login" layout="vertical" onFinish={submit} onValuesChange={() => setError(undefined)}>
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
      {!demo && (
        <Button type="link" block style={{ marginTop: 8 }} onClick={() => switchProfile('demo')}>
          打开演示环境（培训、试用，不影响本院数据）
        </Button>
      )}
    </Card>
  )
}
