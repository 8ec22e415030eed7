import { maskNumber } from '@shared/domain/masking'
import { formatYuanWithUnit } from '@shared/domain/money'
import { mayRun } from '@shared/domain/permissions'
import { type ReplyHandling, replyHandlings } from '@shared/exchange/downward'
import { Button, Card, Descriptions, Input, Select, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import type { NoteWithReplies } from '../../db/exchange'
import { replyToNote } from '../../db/exchange'

/**
 * One supervision note or duplicate flag with its replies; the office it was sent to can reply (the reply goes up
 * with the next archive). Used on the case page and in 数据交换 → 督导意见与提示.
 */
export function NoteItem({ item, onProblem }: { item: NoteWithReplies; onProblem?: (text: string) => void }) {
  const { actor, unit } = useSession()
  const [handling, setHandling] = useState<ReplyHandling>(item.kind === 'flag' ? 'not-duplicate' : 'noted')
  const [text, setText] = useState('')
  const { run, busy, problem } = useAction()
  const record = item.note ?? item.flag
  if (!record) return null
  const addressedHere = record.targets.includes(unit.code)
  const mayReply = addressedHere && mayRun(actor.roles, 'supervision.reply')
  async function reply() {
    const res = await run(replyToNote, { noteId: record!.id, noteKind: item.kind, handling, text })
    if (!res.ok) return onProblem?.(res.error.message)
    setText('')
  }
  return (
    <Card
      size="small"
      style={{ marginBottom: 8 }}
      data-testid={item.kind === 'flag' ? 'duplicate-flag' : 'supervision-note'}
      title={
        item.flag ? (
          <Space>
            <Tag color="red">重复救助提示</Tag>
            <span>
              {item.flag.personName}：{item.flag.underlyingRef}
            </span>
          </Space>
        ) : (
          <Space>
            <Tag color="purple">督导意见</Tag>
            <span>{item.note?.subject}</span>
          </Space>
        )
      }
    >
      {item.note && (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="督导单位">
            {item.note.authorUnitName}（{item.note.authorName}，{item.note.writtenOn}）
          </Descriptions.Item>
          <Descriptions.Item label="针对">
            {item.note.caseId ? (
              <a href={`#/cases/${item.note.caseId}`}>案件 {item.note.caseNo ?? item.note.caseId}</a>
            ) : (
              `${item.note.period?.from} 至 ${item.note.period?.to} 期间`
            )}
            （{item.note.targets.join('、')}）
          </Descriptions.Item>
          <Descriptions.Item label="意见">
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{item.note.text}</Typography.Text>
          </Descriptions.Item>
          {item.note.replyBy && <Descriptions.Item label="请于此日前答复">{item.note.replyBy}</Descriptions.Item>}
        </Descriptions>
      )}
      {item.flag && (
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="发现单位">
            {item.flag.detectorName}（{item.flag.reviewerName} 审核，{item.flag.reviewedOn}）
          </Descriptions.Item>
          <Descriptions.Item label="当事人">
            {item.flag.personName}（{maskNumber('idNumber', item.flag.idNumber)}）
          </Descriptions.Item>
          <Descriptions.Item label="同一原案件">
            {item.flag.underlyingRef}
            {item.flag.matchedOn === 'charge' ? '（仅案由相同，请核实是否同一案件）' : '（原案件编号相同）'}
          </Descriptions.Item>
          <Descriptions.Item label="各单位的救助">
            <div>
              {item.flag.cases.map((c) => (
                <div key={c.caseId}>
                  {c.unitName}：{c.caseNo ?? c.caseId}
                  {c.grantedFen ? `，决定救助 ${formatYuanWithUnit(c.grantedFen)}` : ''}
                  {c.decisionDate ? `（${c.decisionDate}）` : ''}
                </div>
              ))}
            </div>
          </Descriptions.Item>
          {item.flag.reviewNote && <Descriptions.Item label="审核意见">{item.flag.reviewNote}</Descriptions.Item>}
        </Descriptions>
      )}
      {item.replies.map((r) => (
        <Typography.Paragraph key={r.id} style={{ marginTop: 8 }} data-testid="note-reply">
          <Tag color="green">{replyHandlings[r.handling]}</Tag>
          {r.ownerUnit} {r.replierName}（{r.repliedOn}）：{r.text}
        </Typography.Paragraph>
      ))}
      {item.replies.length === 0 && !mayReply && <Typography.Text type="secondary">尚未答复。</Typography.Text>}
      {mayReply && (
        <Space direction="vertical" style={{ width: '100%', marginTop: 8 }}>
          {problem && <Typography.Text type="danger">{problem}</Typography.Text>}
          <Space wrap>
            <Select
              aria-label="办理情况"
              value={handling}
              onChange={setHandling}
              style={{ width: 280 }}
              options={Object.entries(replyHandlings).map(([value, label]) => ({ value, label }))}
            />
          </Space>
          <Input.TextArea aria-label="答复内容" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          <Button size="small" type="primary" onClick={reply} loading={busy} disabled={!text.trim()}>
            保存答复（随下次上报送上级院）
          </Button>
        </Space>
      )}
    </Card>
  )
}
