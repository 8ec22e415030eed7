import { departmentName } from '@shared/domain/access'
import { passwordProblems } from '@shared/domain/passwordPolicy'
import { type Role, roleLabels } from '@shared/domain/roles'
import { App, Button, Form, Input, Modal, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { useMessageReport } from '../../app/messageReport'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { useDepartmentNames } from '../../components/departmentNames'
import { listUsers, resetUserPassword, setUserDisabled, type UserRow, useDbQuery } from '../../db'
import { api } from '../../platform/api'
import { PasswordFields, passwordFieldErrors } from './PasswordFields'
import { UserFormDialog } from './UserFormDialog'

/** 用户管理 (administrator): create, edit, disable and reset accounts. */
export function UsersTab() {
  const { store } = useSession()
  const departmentNames = useDepartmentNames()
  const users = useDbQuery(() => store.read(listUsers), [store]) ?? []
  const [editing, setEditing] = useState<UserRow | 'new'>()
  const [resetting, setResetting] = useState<UserRow>()
  const { modal } = App.useApp()
  const { run } = useAction(useMessageReport())

  function toggleDisabled(u: UserRow) {
    let reason = ''
    modal.confirm({
      title: u.disabled ? `启用账号 ${u.displayName}？` : `停用账号 ${u.displayName}？`,
      content: (
        <Input.TextArea
          aria-label="原因"
          placeholder="请填写原因（必填）"
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      okText: u.disabled ? '启用' : '停用',
      onOk: async () => {
        const res = await run(setUserDisabled, { id: u.id, disabled: !u.disabled, reason })
        // a refusal keeps the confirmation open (its reason shown as a message) so the reason can be corrected
        if (!res.ok) throw new Error(res.error.message)
      },
    })
  }

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Button type="primary" onClick={() => setEditing('new')}>
          新建用户
        </Button>
      </Space>
      <Table<UserRow>
        rowKey="id"
        size="middle"
        dataSource={users}
        pagination={false}
        columns={[
          { title: '登录名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          { title: '角色', render: (_, u) => u.roles.map((r) => <Tag key={r}>{roleLabels[r as Role] ?? r}</Tag>) },
          { title: '部门', render: (_, u) => (u.department ? departmentName(u.department, departmentNames) : '') },
          {
            title: '状态',
            render: (_, u) =>
              u.disabled ? (
                <Tag color="default">已停用</Tag>
              ) : u.lockedUntil && u.lockedUntil > new Date().toISOString() ? (
                <Tag color="red">已锁定</Tag>
              ) : (
                <Tag color="green">正常</Tag>
              ),
          },
          {
            title: '操作',
            render: (_, u) => (
              <Space>
                <Button size="small" onClick={() => setEditing(u)}>
                  修改
                </Button>
                <Button size="small" onClick={() => setResetting(u)}>
                  重置密码
                </Button>
                <Button size="small" danger={!u.disabled} onClick={() => toggleDisabled(u)}>
                  {u.disabled ? '启用' : '停用'}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <UserFormDialog editing={editing} onClose={() => setEditing(undefined)} />}
      {resetting && <ResetPasswordDialog user={resetting} onClose={() => setResetting(undefined)} />}
    </>
  )
}

function ResetPasswordDialog({ user, onClose }: { user: UserRow; onClose: () => void }) {
  const [form] = Form.useForm<{ password?: string; confirm?: string }>()
  const { run, busy } = useAction(useMessageReport())
  async function submit() {
    const { password = '', confirm = '' } = form.getFieldsValue()
    const errors = passwordFieldErrors(password, confirm, passwordProblems(password, user.username))
    form.setFields(errors)
    if (errors.some((e) => e.errors.length)) return
    const res = await run(
      async (s) => {
        const hashed = await api.authHashPassword({ password })
        return hashed.ok ? s.execute(resetUserPassword, { id: user.id, passwordHash: hashed.value.hash }) : hashed
      },
      { success: `已重置 ${user.displayName} 的密码，其下次登录后须修改密码。` },
    )
    if (res.ok) onClose()
  }
  return (
    <Modal
      open
      title={`重置密码：${user.displayName}`}
      okText="重置"
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form name="resetPassword" form={form} layout="vertical">
        <PasswordFields />
      </Form>
    </Modal>
  )
}
