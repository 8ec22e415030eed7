import { Card, Empty } from 'antd'
import { useSession } from '../../app/session'
import { useDbQuery } from '../../db'
import { supervisionOverview } from '../../db/exchange'
import { NoteItem } from './NoteItem'

/**
 * 督导意见与提示 (docs/exchange.md §一.8–9): notes and duplicate flags received from higher offices (with the form
 * to reply), and those this office wrote, with the replies that came up in the subordinates' archives.
 */
export function SupervisionTab() {
  const { store, unit } = useSession()
  const data = useDbQuery(() => store.read(supervisionOverview, unit), [store, unit])
  if (!data) return null
  return (
    <div>
      {unit.level !== 'supreme' && (
        <Card title={`收到的督导意见与重复救助提示（${data.received.length}）`} style={{ marginBottom: 16 }}>
          {data.received.length === 0 ? (
            <Empty description="尚未收到上级院的督导意见或重复救助提示。" />
          ) : (
            data.received.map((item) => <NoteItem key={(item.note ?? item.flag)?.id} item={item} />)
          )}
        </Card>
      )}
      {unit.level !== 'basic' && (
        <Card title={`本院的督导意见与重复救助提示（${data.written.length}）`} style={{ marginBottom: 16 }}>
          {data.written.length === 0 ? (
            <Empty description="本院尚未撰写督导意见或确认重复救助提示。" />
          ) : (
            data.written.map((item) => <NoteItem key={(item.note ?? item.flag)?.id} item={item} />)
          )}
        </Card>
      )}
    </div>
  )
}
