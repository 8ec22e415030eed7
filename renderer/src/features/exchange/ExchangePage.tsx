import { mayUseExchangeTab } from '@shared/domain/access'
import { Alert, Spin, Tabs, Typography } from 'antd'
import { useSession } from '../../app/session'
import { useDbQuery } from '../../db'
import { exchangeOverview } from '../../db/exchange'
import { DownwardTab } from './DownwardTab'
import { IdentityTab } from './IdentityTab'
import { ImportTab } from './ImportTab'
import { StandardsTab } from './StandardsTab'
import { SubordinatesTab } from './SubordinatesTab'
import { SupervisionTab } from './SupervisionTab'
import { UpdateTab } from './UpdateTab'
import { UpwardTab } from './UpwardTab'

const TABS = ['identity', 'import', 'upward', 'subordinates', 'downward', 'supervision', 'standards', 'update'] as const
type TabKey = (typeof TABS)[number]

/**
 * 数据交换 (docs/exchange.md): offices are not networked; signed, encrypted bundle files carried by hand move data
 * up and down the hierarchy. This office's identity and directory, importing bundles, reporting upward, what is held
 * of subordinate offices, what goes down (standards, supervision notes, duplicate flags), the standards in force, and
 * software update packages (received, relayed, made).
 */
export function ExchangePage({ tab, go }: { tab?: string; go: (path: string) => void }) {
  const { store, unit, actor } = useSession()
  const overview = useDbQuery(() => store.read(exchangeOverview, unit), [store, unit])
  if (!overview) return <Spin />
  const all = [
    { key: 'identity', label: '本院身份与单位目录', children: <IdentityTab overview={overview} /> },
    { key: 'import', label: '导入数据包', children: <ImportTab /> },
    ...(unit.level !== 'supreme'
      ? [{ key: 'upward', label: '上报上级院', children: <UpwardTab overview={overview} /> }]
      : []),
    ...(unit.level !== 'basic'
      ? [
          { key: 'subordinates', label: '下级院数据', children: <SubordinatesTab overview={overview} go={go} /> },
          { key: 'downward', label: '下发与督导', children: <DownwardTab /> },
        ]
      : []),
    { key: 'supervision', label: '督导意见与提示', children: <SupervisionTab /> },
    { key: 'standards', label: '现行标准', children: <StandardsTab /> },
    { key: 'update', label: '软件更新', children: <UpdateTab /> },
  ]
  // what this screen shows each role (shared/domain/access.ts)
  const items = all.filter((t) => mayUseExchangeTab(actor.roles, t.key))
  const active: TabKey = items.some((t) => t.key === tab) ? (tab as TabKey) : (items[0]?.key as TabKey)
  return (
    <div>
      <Typography.Title level={4}>数据交换</Typography.Title>
      {!overview.officeKey && actor.roles.includes('admin') && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="本院尚未生成数据交换密钥，请系统管理员在“本院身份与单位目录”中生成。"
        />
      )}
      <Tabs activeKey={active} onChange={(k) => go(`exchange/${k}`)} items={items} destroyOnHidden />
    </div>
  )
}
