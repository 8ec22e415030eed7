import { mayRun } from '@shared/domain/permissions'
import { Button, Card, Input, Space, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { useDbQuery } from '../../db'
import { notesForCase, writeSupervisionNote } from '../../db/exchange'
import { NoteItem } from '../exchange/NoteItem'

/**
 * 督导意见与重复救助提示 on one case (docs/exchange.md §一.8–9): at the office that owns the case, what higher offices
 * sent down, with the reply form; at a higher office looking at a subordinate's replica, the notes written here
 * (with the replies that came up) and the form to write one.
 */
export function SupervisionCard({ caseId, ownerUnit }: { caseId: string; ownerUnit: string }) {
  const { store, actor, unit } = useSession()
  const items = useDbQuery(() => store.read(notesForCase, caseId), [store, caseId])
  const [subject, setSubject] = useState('')
  const [text, setText] = useState('')
  const { run, busy, problem } = useAction()
  const mayWrite = ownerUnit !== unit.code && mayRun(actor.roles, 'supervision.write')
  if (!items || (items.length === 0 && !mayWrite)) return null
  async function save() {
    const res = await run(writeSupervisionNote, { caseId, subject, text })
    if (!res.ok) return
    setSubject('')
    setText('')
  }
  return (
    <Card size="small" title="督导意见与重复救助提示" data-testid="supervision-card">
      {items.map((item) => (
        <NoteItem key={(item.note ?? item.flag)?.id} item={item} />
      ))}
      {mayWrite && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          {problem && (
            <Typography.Text type="danger" role="alert">
              {problem}
            </Typography.Text>
          )}
          <Input
            aria-label="督导事项"
            placeholder="事项"
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
          />
          <Input.TextArea aria-label="督导意见内容" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
          <Button type="primary" size="small" onClick={save} loading={busy} disabled={!subject.trim() || !text.trim()}>
            保存督导意见（随督导意见包下发）
          </Button>
        </Space>
      )}
    </Card>
  )
}
