import { passwordProblems } from '@shared/domain/passwordPolicy'
import { App, Form, Modal } from 'antd'
import { useSession } from '../../app/session'
import { changeOwnPassword, execute } from '../../db'
import { api } from '../../platform/api'
import { PasswordFields, passwordFieldErrors } from './PasswordFields'

/** 修改密码 for the signed-in user. */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { db, actor, user } = useSession()
  const [form] = Form.useForm<{ password?: string; confirm?: string }>()
  const { message } = App.useApp()
  async function submit() {
    const { password = '', confirm = '' } = form.getFieldsValue()
    const errors = passwordFieldErrors(password, confirm, passwordProblems(password, user.username))
    form.setFields(errors)
    if (errors.some((e) => e.errors.length)) return
    const hashed = await api.authHashPassword({ password })
    if (!hashed.ok) {
      message.error(hashed.error.message)
      return
    }
    const res = await execute(db, changeOwnPassword, actor, { passwordHash: hashed.value.hash })
    if (!res.ok) {
      message.error(res.error.message)
      return
    }
    message.success('密码已修改。')
    form.resetFields()
    onClose()
  }
  return (
    <Modal open={open} title="修改密码" okText="保存" onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form name="changePassword" form={form} layout="vertical">
        <PasswordFields />
      </Form>
    </Modal>
  )
}
