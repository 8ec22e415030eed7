import { roleLabels } from '@shared/domain/roles'
import { Button, Layout, Menu, Space, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { NotYetOpen } from '../components/NotYetOpen'
import { AboutPage } from '../features/about/AboutPage'
import { type AreaKey, areas, isAreaKey } from './navigation'
import { useSession } from './session'
import { useHashRoute } from './useHashRoute'

/** Which screen each area shows. Areas not built yet say so. */
function screenFor(area: AreaKey, label: string): ReactNode {
  switch (area) {
    case 'about':
      return <AboutPage />
    default:
      return <NotYetOpen area={label} />
  }
}

/** The app shell: left navigation of the areas of work, the current user always visible, the screen. */
export function AppShell() {
  const { unit, user, profile, logout } = useSession()
  const [route, go] = useHashRoute()
  const area: AreaKey = route[0] && isAreaKey(route[0]) ? route[0] : 'dashboard'
  const label = areas.find((a) => a.key === area)?.label ?? ''
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={200} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ padding: '16px 16px 8px', fontWeight: 600, fontSize: 16 }}>司法救助工作台</div>
        <nav aria-label="主导航">
          <Menu
            mode="inline"
            selectedKeys={[area]}
            items={areas.map((a) => ({ key: a.key, label: a.label }))}
            onClick={(e) => go(e.key)}
          />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            borderBottom: '1px solid #f0f0f0',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'space-between',
            paddingInline: 24,
          }}
        >
          <Space>
            <Typography.Text strong>{unit.name}</Typography.Text>
            {profile === 'demo' && <Tag color="orange">演示数据，非正式记录</Tag>}
          </Space>
          <Space>
            <span data-testid="current-user">
              当前用户：{user.displayName}（
              {user.roles.map((r) => roleLabels[r as keyof typeof roleLabels] ?? r).join('、')}）
            </span>
            <Button size="small" onClick={logout}>
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main aria-label={label}>{screenFor(area, label)}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
