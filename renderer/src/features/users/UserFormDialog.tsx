import { departmentChoices } from '@shared/domain/departments'
import { passwordProblems } from '@shared/domain/passwordPolicy'
import { type Role, roleLabels, roles } from '@shared/domain/roles'
import { createUserSchema, updateUserSchema } from '@shared/domain/userAccount'
import { Alert, Checkbox, Form, Input, Modal, Select } from 'antd'
import { useState } from 'react'
import { useUnsavedChanges } from '../../app/unsavedChanges'
import { useAction } from '../../app/useAction'
import { useDepartmentNames } from '../../components/departmentNames'
import { validateWithSchema } from '../../components/zodForm'
import { createUser, type UserRow, updateUserProfile } from '../../db'
import { api } from '../../platform/api'
import { PasswordFields, passwordFieldErrors } from './PasswordFields'

interface Values {
  username?: string
  profile: { displayName?: string; roles?: Role[]; department?: string }
  password?: string
  confirm?: string
}

/** 新建用户 / 修改用户 (administrator). */
export function UserFormDialog({ editing, onClose }: { editing: UserRow | 'new'; onClose: () => void }) {
  const [form] = Form.useForm<Values>()
  const { run, busy, problem: error, setProblem: setError } = useAction()
  const [dirty, setDirty] = useState(false)
  useUnsavedChanges(dirty)
  const isNew = editing === 'new'
  // the departments a clue names as 移送部门, as the office names them: a case department's account picks its own
  const departments = departmentChoices(useDepartmentNames(), isNew ? undefined : editing.department)

  async function submit() {
    setError(undefined)
    const v = form.getFieldsValue(true) as Values
    const profile = { ...v.profile, department: v.profile?.department || undefined }
    if (isNew) {
      const password = v.password ?? ''
      const extra = passwordFieldErrors(password, v.confirm ?? '', passwordProblems(password, v.username ?? ''))
      const parsed = validateWithSchema(
        form,
        createUserSchema,
        { username: v.username, profile, passwordHash: 'x'.repeat(20) },
        extra,
      )
      if (!parsed) return
      const res = await run(async (s) => {
        const hashed = await api.authHashPassword({ password })
        return hashed.ok ? s.execute(createUser, { ...parsed, passwordHash: hashed.value.hash }) : hashed
      })
      if (!res.ok) return
    } else {
      const parsed = validateWithSchema(form, updateUserSchema, { id: editing.id, profile })
      if (!parsed) return
      const res = await run(updateUserProfile, parsed)
      if (!res.ok) return
    }
    setDirty(false)
    onClose()
  }

  const initial: Values = isNew
    ? { profile: { roles: [] } }
    : {
        username: editing.username,
        profile: { displayName: editing.displayName, roles: editing.roles as Role[], department: editing.department },
      }
  return (
    <Modal
      open
      title={isNew ? '新建用户' : `修改用户：${editing.username}`}
      okText="保存"
      onOk={submit}
      confirmLoading={busy}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" />}
      <Form name="userForm" form={form} layout="vertical" initialValues={initial} onValuesChange={() => setDirty(true)}>
        <Form.Item label="登录名" name="username" required>
          <Input disabled={!isNew} autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name={['profile', 'displayName']} required>
          <Input />
        </Form.Item>
        <Form.Item label="角色" name={['profile', 'roles']} required>
          <Checkbox.Group options={roles.map((r) => ({ value: r, label: roleLabels[r] }))} />
        </Form.Item>
        <Form.Item
          label="所在部门"
          name={['profile', 'department']}
          extra="办案部门人员必选：只看到本部门移送的线索及其办理结果"
        >
          <Select options={departments} allowClear showSearch optionFilterProp="label" aria-label="所在部门" />
        </Form.Item>
        {isNew && <PasswordFields label="初始密码" />}
      </Form>
    </Modal>
  )
}
