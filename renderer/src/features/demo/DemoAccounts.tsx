import { roleLabels } from '@shared/domain/roles'
import { Alert, Button, Table } from 'antd'
import { switchProfile } from '../../app/profile'
import type { ProfileStore } from '../../app/store'
import { listUsers, useDbQuery } from '../../db'
import { DEMO_PASSWORD } from '../../db/commands/demo'

/** On the demo sign-in screen: the demo accounts, one per role, and their shared password. */
export function DemoAccounts({ store }: { store: ProfileStore }) {
  const users = useDbQuery(() => store.read(listUsers), [store]) ?? []
  return (
    <>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="演示环境：数据为程序生成，非正式记录"
        description={`以下任一账号均可登录，密码都是 ${DEMO_PASSWORD}。`}
        action={
          <Button size="small" onClick={() => switchProfile('office')}>
            返回正式环境
          </Button>
        }
      />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={users}
        style={{ marginBottom: 16 }}
        columns={[
          { title: '登录名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          {
            title: '角色',
            render: (_, u) => u.roles.map((r) => roleLabels[r as keyof typeof roleLabels] ?? r).join('、'),
          },
        ]}
      />
    </>
  )
}
