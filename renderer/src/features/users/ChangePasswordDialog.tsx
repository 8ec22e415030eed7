import { passwordProblems } from '@shared/domain/passwordPolicy'
import { Form, Modal } from 'antd'
import { useMessageReport } from '../../app/messageReport'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { changeOwnPassword, getUser } from '../../db'
import { api } from '../../platform/api'
import { PasswordFields, passwordFieldErrors } from './PasswordFields'

/**
 * 修改密码 for the signed-in user. `required`: the account still has the initial password an administrator set
 * (first sign-in or after a reset), so the dialog cannot be dismissed until a new password is saved.
 */
export function ChangePasswordDialog({
  open,
  onClose,
  required = false,
}: {
  open: boolean
  onClose: () => void
  required?: boolean
}) {
  const { user } = useSession()
  const [form] = Form.useForm<{ password?: string; confirm?: string }>()
  const { run, busy } = useAction(useMessageReport())
  async function submit() {
    const { password = '', confirm = '' } = form.getFieldsValue()
    const errors = passwordFieldErrors(password, confirm, passwordProblems(password, user.username))
    form.setFields(errors)
    if (errors.some((e) => e.errors.length)) return
    const same = await run(async (s) => {
      const current = (await s.read(getUser, user.id))?.passwordHash ?? user.passwordHash
      return api.authVerifyPassword({ password, hash: current })
    })
    if (!same.ok) return
    if (same.value.ok) {
      form.setFields([{ name: 'password', errors: ['新密码不能与原密码相同'] }])
      return
    }
    const res = await run(
      async (s) => {
        const hashed = await api.authHashPassword({ password })
        return hashed.ok ? s.execute(changeOwnPassword, { passwordHash: hashed.value.hash }) : hashed
      },
      { success: '密码已修改。' },
    )
    if (!res.ok) return
    form.resetFields()
    onClose()
  }
  return (
    <Modal
      open={open}
      title={required ? '请修改初始密码' : '修改密码'}
      okText="保存"
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
      closable={!required}
      maskClosable={!required}
      keyboard={!required}
      cancelButtonProps={required ? { style: { display: 'none' } } : undefined}
      destroyOnHidden
    >
      {required && (
        <p>您正在使用管理员设置的初始密码。为保护当事人信息，请先设置只有您本人知道的新密码，再开始工作。</p>
      )}
      <Form name="changePassword" form={form} layout="vertical">
        <PasswordFields />
      </Form>
    </Modal>
  )
}
