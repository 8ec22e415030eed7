import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import type { Role } from '@shared/domain/roles'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  getOwnUnit,
  getUser,
  type JiuzhuDb,
  openProfile,
  type Profile,
  requestPersistentStorage,
  storageErrorFrom,
  type UnitRow,
  type UserRow,
} from '../db'
import { LoginPage } from '../features/login/LoginPage'
import { AuditBanner, recheckAnchor, recheckRecords, watchAudit } from './auditWatch'
import { onDemand, ScreenLoading } from './onDemand'
import { currentProfile, switchProfile } from './profile'
import { type Session, SessionContext } from './session'
import { profileStore, sessionStore } from './store'
import { claimOnThisPc } from './storeClaim'

dayjs.locale('zh-cn')

// the login path carries none of these: they load when first shown (docs/performance.md “启动”)
const AppShell = onDemand(() => import('./AppShell'), 'AppShell')
const SetupPage = onDemand(() => import('../features/setup/SetupPage'), 'SetupPage')
const DemoSetupPage = onDemand(() => import('../features/demo/DemoSetupPage'), 'DemoSetupPage')

type Phase =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'setup'; db: JiuzhuDb }
  | { kind: 'login'; db: JiuzhuDb; unit: UnitRow }
  | { kind: 'ready'; db: JiuzhuDb; unit: UnitRow; user: UserRow }

/** Start-up: open the profile → first-run setup, or sign in → the shell. */
function Boot() {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  const [persistence, setPersistence] = useState<Session['persistence']>('unsupported')
  const profile: Profile = currentProfile()

  const load = useCallback(async () => {
    try {
      const db = await openProfile(profile)
      setPersistence(await requestPersistentStorage())
      const unit = await getOwnUnit(db)
      const refused = unit && (await claimOnThisPc(profile, unit))
      if (refused) setPhase({ kind: 'error', message: refused })
      else setPhase(unit ? { kind: 'login', db, unit } : { kind: 'setup', db })
    } catch (e) {
      setPhase({ kind: 'error', message: storageErrorFrom(e).message })
    }
  }, [profile])

  useEffect(() => {
    void load()
  }, [load])

  // 审计校验点 (docs/security.md §5): checked at start, after each sign-in and after every write
  const watchedDb = phase.kind === 'login' || phase.kind === 'ready' ? phase.db : undefined
  const setUpNow = useRef(false)
  if (phase.kind === 'setup') setUpNow.current = true
  useEffect(() => (watchedDb ? watchAudit(watchedDb, profile, setUpNow.current) : undefined), [watchedDb, profile])
  const signedIn = phase.kind === 'ready' ? phase.user.id : undefined
  useEffect(() => {
    if (!signedIn || !watchedDb) return
    void recheckAnchor(watchedDb, profile)
    void recheckRecords(watchedDb)
  }, [signedIn, watchedDb, profile])

  const session = useMemo<Session | null>(() => {
    if (phase.kind !== 'ready') return null
    const actor = {
      userId: phase.user.id,
      unitCode: phase.unit.code,
      roles: phase.user.roles as Role[],
      displayName: phase.user.displayName,
    }
    return {
      store: sessionStore(phase.db, actor, phase.unit),
      profile,
      unit: phase.unit,
      user: phase.user,
      actor,
      persistence,
      logout: () => setPhase({ kind: 'login', db: phase.db, unit: phase.unit }),
    }
  }, [phase, persistence, profile])

  switch (phase.kind) {
    case 'loading':
      return <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} description="正在打开本院数据…" />
    case 'error':
      return <Result status="error" title="无法打开本院数据" subTitle={phase.message} />
    case 'setup':
      if (profile === 'demo') return <DemoSetupPage store={profileStore(phase.db)} onDone={() => void load()} />
      return (
        <>
          <SetupPage
            store={profileStore(phase.db)}
            onRestored={() => void load()}
            onDone={async (adminId) => {
              const unit = await getOwnUnit(phase.db)
              const user = await getUser(phase.db, adminId)
              const refused = unit && (await claimOnThisPc(profile, unit))
              if (refused) setPhase({ kind: 'error', message: refused })
              else if (unit && user) setPhase({ kind: 'ready', db: phase.db, unit, user })
              else await load()
            }}
          />
          <Button type="link" style={{ display: 'block', margin: '0 auto 32px' }} onClick={() => switchProfile('demo')}>
            先看看？打开演示环境（培训、试用，不影响本院数据）
          </Button>
        </>
      )
    case 'login':
      return (
        <LoginPage
          store={profileStore(phase.db)}
          unit={phase.unit}
          onSignedIn={(user) => setPhase({ kind: 'ready', db: phase.db, unit: phase.unit, user })}
          demo={profile === 'demo'}
        />
      )
    case 'ready':
      return (
        <SessionContext.Provider value={session}>
          <AppShell />
        </SessionContext.Provider>
      )
  }
}

/**
 * The office red is the primary colour, and antd draws a hovered or focused input in it — the colour of a problem
 * (“金额必须是数字” under a red box): a box the mouse happens to rest on looked refused, with no message. Inputs take
 * a calm blue when hovered or focused; red stays for a field with a problem, always with its message below.
 */
const focusBlue = { hoverBorderColor: '#6b8fb5', activeBorderColor: '#3a6ea5' }
const inputTheme = { ...focusBlue, activeShadow: '0 0 0 2px rgba(58, 110, 165, 0.12)' }
const theme = {
  // styles come from antd's prebuilt sheet (main.tsx); the tokens below reach it as CSS variables
  zeroRuntime: true,
  hashed: false,
  token: { colorPrimary: '#a8071a', borderRadius: 4 },
  components: {
    Input: inputTheme,
    InputNumber: inputTheme,
    DatePicker: inputTheme,
    Select: { ...focusBlue, activeOutlineColor: 'rgba(58, 110, 165, 0.12)' },
  },
}

export function App() {
  return (
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={theme}>
      <AntApp>
        <AuditBanner />
        <ScreenLoading>
          <Boot />
        </ScreenLoading>
      </AntApp>
    </ConfigProvider>
  )
}
