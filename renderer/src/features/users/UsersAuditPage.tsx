import { departmentName } from '@shared/domain/access'
import { mayView } from '@shared/domain/permissions'
import { type Role, roleLabels } from '@shared/domain/roles'
import { Button, Descriptions, Tabs, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { useDepartmentNames } from '../../components/departmentNames'
import { AuditTab } from './AuditTab'
import { ChangePasswordDialog } from './ChangePasswordDialog'
import { UsersTab } from './UsersTab'

/** 用户与审计: my account for everyone; accounts for the administrator; the audit log for those who may read it. */
export function UsersAuditPage() {
  const { user, actor } = useSession()
  const departmentNames = useDepartmentNames()
  const [changing, setChanging] = useState(false)
  const mine = (
    <div>
      <Descriptions bordered column={1} size="middle" styles={{ label: { width: 160 } }}>
        <Descriptions.Item label="登录名">{user.username}</Descriptions.Item>
        <Descriptions.Item label="姓名">{user.displayName}</Descriptions.Item>
        <Descriptions.Item label="角色">
          {user.roles.map((r) => (
            <Tag key={r}>{roleLabels[r as Role] ?? r}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label="部门">
          {user.department ? departmentName(user.department, departmentNames) : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Button style={{ marginTop: 12 }} onClick={() => setChanging(true)}>
        修改密码
      </Button>
      <ChangePasswordDialog open={changing} onClose={() => setChanging(false)} />
    </div>
  )
  const items = [
    ...(mayView(actor.roles, 'users') ? [{ key: 'users', label: '用户管理', children: <UsersTab /> }] : []),
    ...(mayView(actor.roles, 'audit') ? [{ key: 'audit', label: '审计日志', children: <AuditTab /> }] : []),
    { key: 'me', label: '本人账号', children: mine },
  ]
  return (
    <div>
      <Typography.Title level={4}>用户与审计</Typography.Title>
      <Tabs items={items} destroyOnHidden />
    </div>
  )
}
