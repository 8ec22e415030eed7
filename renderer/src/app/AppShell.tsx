import { homeScreen, mayOpen } from '@shared/domain/access'
import { type Role, roleLabels } from '@shared/domain/roles'
import { App, Button, Layout, Menu, Result, Space, Tag, Typography } from 'antd'
import { type ReactNode, useEffect } from 'react'
import { NotYetOpen } from '../components/NotYetOpen'
import { getUser, useDbQuery } from '../db'
import { ChangePasswordDialog } from '../features/users/ChangePasswordDialog'
import { LockScreen } from './LockScreen'
import { type AreaKey, areas, isAreaKey } from './navigation'
import { ScreenLoading } from './onDemand'
import { switchProfile } from './profile'
import {
  AboutPage,
  CaseDetailPage,
  CaseListPage,
  CluesPage,
  DashboardPage,
  ExchangePage,
  FundsPage,
  LegacyImportPage,
  NewCasePage,
  PolicyPage,
  RegistersPage,
  ReportsPage,
  SettingsPage,
  UsersAuditPage,
} from './screens'
import { useSession } from './session'
import { hasUnsavedChanges, keepDraftsNow, leaveQuestion } from './unsavedChanges'
import { useHashRoute } from './useHashRoute'
import { useIdleLock } from './useIdleLock'

/** Which screen each area shows. Areas not built yet say so. */
function screenFor(area: AreaKey, label: string, rest: string[], go: (path: string) => void): ReactNode {
  switch (area) {
    case 'dashboard':
      return <DashboardPage go={go} />
    case 'clues':
      return <CluesPage go={go} />
    case 'intake':
      return <NewCasePage key={rest[0] ?? 'new'} clueId={rest[0]} go={go} />
    case 'cases':
      return rest[0] ? <CaseDetailPage key={rest[0]} caseId={rest[0]} go={go} /> : <CaseListPage go={go} />
    case 'registers':
      return <RegistersPage register={rest[0]} go={go} />
    case 'funds':
      return <FundsPage tab={rest[0]} go={go} />
    case 'reports':
      return <ReportsPage />
    case 'exchange':
      return <ExchangePage tab={rest[0]} go={go} />
    case 'import':
      return <LegacyImportPage />
    case 'policy':
      return <PolicyPage />
    case 'about':
      return <AboutPage />
    case 'users':
      return <UsersAuditPage />
    case 'settings':
      return <SettingsPage />
    default:
      return <NotYetOpen area={label} />
  }
}

/** A screen the signed-in role does not open (typed into the address or followed from a link). */
function Forbidden({ label, home }: { label: string; home(): void }) {
  return (
    <Result
      status="403"
      title="无权访问"
      subTitle={`您的角色不需要使用“${label}”，该页面不向您显示（个人信息最少必要）。如确需使用，请联系系统管理员调整角色。`}
      extra={
        <Button type="primary" onClick={home}>
          返回首页
        </Button>
      }
    />
  )
}

/** The app shell: left navigation of the areas of work, the current user always visible, the screen. */
export function AppShell() {
  const { store, unit, user, profile, logout } = useSession()
  const { modal } = App.useApp()
  const [route, go] = useHashRoute((proceed) => modal.confirm({ ...leaveQuestion(), onOk: proceed }))
  const idleMinutes = useDbQuery(() => store.setting('idleLockMinutes'), [store])
  const mustChange = useDbQuery(
    async () => (await store.read(getUser, user.id))?.mustChangePassword === true,
    [store, user.id],
  )
  const [locked, unlock] = useIdleLock(idleMinutes ?? 10)
  // the idle lock comes while a form holds input: it is kept as the user's draft at once (offered after sign-in)
  useEffect(() => {
    if (locked) keepDraftsNow()
  }, [locked])
  function signOut() {
    if (!hasUnsavedChanges()) return logout()
    modal.confirm({
      ...leaveQuestion('退出登录或切换用户'),
      okText: '放弃修改并退出',
      cancelText: '返回保存',
      onOk: logout,
    })
  }
  // menus and screens follow the role (shared/domain/access.ts): a screen typed into the address is refused
  const roles = user.roles as Role[]
  const area: AreaKey = route[0] && isAreaKey(route[0]) ? route[0] : homeScreen(roles)
  const allowed = mayOpen(roles, area)
  const label = areas.find((a) => a.key === area)?.label ?? ''
  const visible = areas.filter((a) => mayOpen(roles, a.key))
  // signing in where the previous user left off: a screen this role does not open gives way to its home screen
  // (typed into the address afterwards, it is refused)
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per sign-in
  useEffect(() => {
    if (!allowed) go(homeScreen(roles))
  }, [user.id])
  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* the menu stays in view while a long page scrolls, its background filling the window's height */}
      <Layout.Sider
        width={200}
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0', position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
      >
        <div style={{ padding: '16px 16px 8px', fontWeight: 600, fontSize: 16 }}>司法救助工作台</div>
        <nav aria-label="主导航">
          <Menu
            mode="inline"
            selectedKeys={[area]}
            items={visible.map((a) => ({ key: a.key, label: a.label }))}
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
            {profile === 'demo' && (
              <Button size="small" onClick={() => switchProfile('office')}>
                返回正式环境
              </Button>
            )}
          </Space>
          <Space>
            <span data-testid="current-user">
              当前用户：{user.displayName}（
              {user.roles.map((r) => roleLabels[r as keyof typeof roleLabels] ?? r).join('、')}）
            </span>
            <Button size="small" onClick={signOut}>
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <main aria-label={label}>
            {allowed ? (
              <ScreenLoading>{screenFor(area, label, route.slice(1), go)}</ScreenLoading>
            ) : (
              <Forbidden label={label} home={() => go(homeScreen(roles))} />
            )}
          </main>
        </Layout.Content>
        {mustChange && <ChangePasswordDialog open required onClose={() => {}} />}
        {locked && <LockScreen onUnlock={unlock} onSwitchUser={signOut} />}
      </Layout>
    </Layout>
  )
}
