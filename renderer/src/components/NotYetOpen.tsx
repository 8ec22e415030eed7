import { Empty } from 'antd'

/** Shown by areas whose work is not built yet: an honest notice, never fake data. */
export function NotYetOpen({ area }: { area: string }) {
  return <Empty style={{ marginTop: 80 }} description={`${area}：本功能尚未开放`} />
}
