import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd'
import { signIn } from '../features/login/signIn'
import { useSession } from './session'
import { useAction } from './useAction'

/**
 * The idle lock: covers the screen (without unmounting it, so unsaved input survives) until the same user enters
 * their password again, or someone chooses to switch user.
 */
export function LockScreen({ onUnlock, onSwitchUser }: { onUnlock: () => void; onSwitchUser: () => void }) {
  const { user, store } = useSession()
  const { run, busy, problem: error, setProblem: setError } = useAction()
  async function submit({ password }: { password?: string }) {
    if (!password) return setError('请输入密码。')
    const res = await run(() => signIn(store, user.username, password))
    if (res.ok) onUnlock()
  }
  return (
    <Modal
      open
      closable={false}
      footer={null}
      mask={{ closable: false }}
      keyboard={false}
      centered
      title="屏幕已锁定"
      styles={{ mask: { backdropFilter: 'blur(8px)', background: 'rgba(0,0,0,0.6)' } }}
    >
      <Typography.Paragraph>
        长时间无操作，屏幕已锁定。当前用户：{user.displayName}（{user.username}）。请输入密码继续，未保存的内容仍在。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form name="unlock" layout="vertical" onFinish={submit} onValuesChange={() => setError(undefined)}>
        <Form.Item label="密码" name="password">
          <Input.Password autoFocus autoComplete="current-password" />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy}>
            解锁
          </Button>
          <Button onClick={onSwitchUser}>切换用户</Button>
        </Space>
      </Form>
    </Modal>
  )
}
