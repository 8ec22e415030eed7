import { Form, Input } from 'antd'

/** New password + confirmation, checked against the shared password policy by the caller. */
export function PasswordFields({ label = '新密码' }: { label?: string }) {
  return (
    <>
      <Form.Item label={label} name="password" required extra="至少 8 位，须包含字母和数字">
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item label="确认密码" name="confirm" required>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  )
}

export function passwordFieldErrors(password: string, confirm: string, problems: string[]) {
  return [
    { name: ['password'] as ['password'], errors: problems },
    { name: ['confirm'] as ['confirm'], errors: password === confirm ? [] : ['两次输入的密码不一致'] },
  ]
}
