import { maskNumber } from '@shared/domain/masking'
import { formatYuanWithUnit } from '@shared/domain/money'
import { mayRun } from '@shared/domain/permissions'
import { type LocalMeasures, localMeasuresSchema } from '@shared/domain/rulesets'
import { ok } from '@shared/errors'
import { describeZodError } from '@shared/errors/zodProblems'
import { encodeBase64 } from '@shared/util/base64'
import { Button, Card, Empty, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd'
import { type ChangeEvent, useState } from 'react'
import { useSession } from '../../app/session'
import { type Report, useAction } from '../../app/useAction'
import { useDbQuery } from '../../db'
import {
  childPeers,
  listFilings,
  prepareFiling,
  reviewDuplicate,
  subordinateUnits,
  writeSupervisionNote,
} from '../../db/exchange'
import { type CandidateRow, duplicateCandidates } from '../../db/queries/duplicates'
import { ComposeCard } from './ComposeCard'
import { type Outcome, OutcomeAlert, PassphraseInput } from './common'
import { readJson } from './readJson'
import { FilingsTable } from './StandardsTab'

/**
 * 下发与督导 (docs/exchange.md §一.7–11), at a city, province or the national level: compose this office's standards,
 * send standards / supervision notes / duplicate flags down to a direct subordinate, write a note on a period,
 * review cross-office duplicates found in the replicas; at a province, file local measures with the national level.
 */
export function DownwardTab() {
  const { unit, actor } = useSession()
  const [outcome, setOutcome] = useState<Outcome>()
  return (
    <div>
      <OutcomeAlert outcome={outcome} testId="downward-outcome" />
      {mayRun(actor.roles, 'exchange.export') && <SendCard onDone={setOutcome} />}
      {mayRun(actor.roles, 'standards.compose') && <ComposeCard onDone={setOutcome} />}
      {mayRun(actor.roles, 'supervision.write') && <PeriodNoteCard onDone={setOutcome} />}
      <DuplicatesCard onDone={setOutcome} />
      {unit.level === 'province' && <FilingCard onDone={setOutcome} />}
    </div>
  )
}

type Done = { onDone: Report }

function SendCard({ onDone }: Done) {
  const { store } = useSession()
  const children = useDbQuery(() => store.read(childPeers), [store])
  const [child, setChild] = useState<string>()
  const [passphrase, setPassphrase] = useState('')
  const { run, busy } = useAction(onDone)
  async function send(kind: 'standards' | 'supervision' | 'duplicate-flags') {
    if (!child) return
    const name = children?.find((c) => c.unitCode === child)?.unitName ?? child
    await run(
      (s) =>
        kind === 'standards'
          ? s.flows.exportStandards(passphrase, child)
          : s.flows.exportNotes(passphrase, child, kind),
      {
        failure: '未生成文件',
        success: (v) => ({
          type: 'success',
          title: `已导出：${v.fileName}`,
          detail: `保存位置：${v.path}。请交给“${name}”在“导入数据包”中导入。`,
        }),
      },
    )
  }
  return (
    <Card title="下发到下级单位" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        每次导出给一个直接下级单位。下发标准包含本院持有的全部现行标准（本院发布的和上级院下发的，原样转发）及本院签发的单位目录；督导意见包和重复救助提示包含本院持有的、涉及该单位及其下级单位的全部意见和提示（对方已有的不会重复写入）。
      </Typography.Paragraph>
      {children && children.length === 0 ? (
        <Empty description="尚未登记下级单位。" />
      ) : (
        <Space wrap>
          <Select
            aria-label="下级单位"
            placeholder="选择下级单位"
            style={{ width: 280 }}
            value={child}
            onChange={setChild}
            options={(children ?? []).map((c) => ({ value: c.unitCode, label: `${c.unitName}（${c.unitCode}）` }))}
          />
          <PassphraseInput value={passphrase} onChange={setPassphrase} />
          <Button type="primary" disabled={!child || !passphrase} loading={busy} onClick={() => send('standards')}>
            导出下发标准包
          </Button>
          <Button disabled={!child || !passphrase} loading={busy} onClick={() => send('supervision')}>
            导出督导意见包
          </Button>
          <Button disabled={!child || !passphrase} loading={busy} onClick={() => send('duplicate-flags')}>
            导出重复救助提示包
          </Button>
        </Space>
      )}
    </Card>
  )
}

function PeriodNoteCard({ onDone }: Done) {
  const { store, unit } = useSession()
  const units = useDbQuery(() => store.read(subordinateUnits, unit), [store, unit])
  const [targets, setTargets] = useState<string[]>([])
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [subject, setSubject] = useState('')
  const [text, setText] = useState('')
  const { run, busy } = useAction(onDone)
  async function save() {
    const res = await run(
      writeSupervisionNote,
      { period: { from, to }, targets, subject, text },
      { failure: '督导意见未保存', success: '督导意见已保存，将随下一次督导意见包下发。' },
    )
    if (!res.ok) return
    setSubject('')
    setText('')
  }
  return (
    <Card title="撰写督导意见（针对某一期间）" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        针对某件案件的督导意见请在该案件页面（下级院案件的只读副本）中撰写。
      </Typography.Paragraph>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          mode="multiple"
          aria-label="督导对象"
          placeholder="督导对象（下级单位）"
          value={targets}
          onChange={setTargets}
          style={{ width: '100%' }}
          options={(units ?? []).map((u) => ({ value: u.code, label: `${u.name}（${u.code}）` }))}
        />
        <Space wrap>
          <Input
            aria-label="期间起"
            placeholder="期间起 YYYY-MM-DD"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
          <Input
            aria-label="期间止"
            placeholder="期间止 YYYY-MM-DD"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
          <Input
            aria-label="事项"
            placeholder="事项"
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            style={{ width: 300 }}
          />
        </Space>
        <Input.TextArea aria-label="督导意见" rows={3} value={text} onChange={(e) => setText(e.target.value)} />
        <Button type="primary" onClick={save} loading={busy}>
          保存督导意见
        </Button>
      </Space>
    </Card>
  )
}

function DuplicatesCard({ onDone }: Done) {
  const { actor, unit } = useSession()
  const [rows, setRows] = useState<CandidateRow[]>()
  const [notes, setNotes] = useState<Record<string, string>>({})
  const { run, busy } = useAction(onDone)
  const [progress, setProgress] = useState<{ read: number; total: number }>()
  const mayReview = mayRun(actor.roles, 'duplicates.review')
  async function find() {
    setRows(undefined)
    const res = await run(
      async (s) => ok(await s.read(duplicateCandidates, unit, (read, total) => setProgress({ read, total }))),
      { failure: '未能完成重复救助核查' },
    )
    setProgress(undefined)
    if (res.ok) setRows(res.value)
  }
  async function review(c: CandidateRow, decision: 'sent' | 'dismissed') {
    const note = notes[c.key]?.trim()
    const res = await run(
      reviewDuplicate,
      { candidateKey: c.key, decision, ...(note ? { reviewNote: note } : {}) },
      {
        failure: '未能保存审核结果',
        success:
          decision === 'sent'
            ? `已确认重复救助提示（${c.personName}），将随下一次重复救助提示包下发到 ${Object.values(c.unitNames).join('、')}。`
            : `已排除（${c.personName}），不再提示。`,
      },
    )
    // the command found this candidate again before storing it; the others are found again when acted on
    if (res.ok) setRows((rs) => rs?.filter((r) => r.key !== c.key))
  }
  return (
    <Card title="跨单位重复救助核查" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        在本院持有的全部案件（本院案件和下级院案件副本）中，查找同一人（身份证号码）因同一原案件（原案件编号相同；缺编号时案由相同，提示为“仅案由相同”）在两个以上单位获得或申请救助的情形。已撤回、不予救助的案件不计。审核确认后的提示随“重复救助提示包”下发到涉及的单位。
      </Typography.Paragraph>
      <Button onClick={find} loading={busy}>
        查找疑似重复救助
      </Button>
      {progress && progress.total > 0 && (
        <div style={{ marginTop: 12, maxWidth: 480 }} role="status">
          <Typography.Text type="secondary">
            正在核查本院持有的案件：已读 {progress.read.toLocaleString('zh-CN')} /{' '}
            {progress.total.toLocaleString('zh-CN')} 件
          </Typography.Text>
          <Progress percent={Math.floor((progress.read / progress.total) * 100)} size="small" />
        </div>
      )}
      {rows && rows.length === 0 && <Empty style={{ marginTop: 12 }} description="没有发现新的疑似重复救助。" />}
      {rows && rows.length > 0 && (
        <Table<CandidateRow>
          style={{ marginTop: 12 }}
          size="small"
          pagination={
            rows.length > 20 ? { pageSize: 20, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` } : false
          }
          rowKey="key"
          dataSource={rows}
          aria-label="疑似重复救助"
          columns={[
            { title: '当事人', render: (_, c) => `${c.personName}（${maskNumber('idNumber', c.idNumber)}）` },
            {
              title: '原案件',
              render: (_, c) => (
                <>
                  {c.underlyingRef}{' '}
                  {c.matchedOn === 'charge' ? <Tag color="orange">仅案由相同</Tag> : <Tag color="red">编号相同</Tag>}
                </>
              ),
            },
            {
              title: '各单位的救助案件',
              render: (_, c) => (
                <div>
                  {c.cases.map((x) => (
                    <div key={x.id}>
                      <a href={`#/cases/${x.id}`}>{x.caseNo ?? x.id}</a>（{c.unitNames[x.ownerUnit]}
                      {x.decision?.grantedFen ? `，决定 ${formatYuanWithUnit(x.decision.grantedFen)}` : ''}）
                    </div>
                  ))}
                </div>
              ),
            },
            ...(mayReview
              ? [
                  {
                    title: '审核',
                    render: (_: unknown, c: CandidateRow) => (
                      <Space direction="vertical">
                        <Input
                          aria-label="审核意见"
                          placeholder="审核意见（可选）"
                          value={notes[c.key] ?? ''}
                          onChange={(e) => setNotes({ ...notes, [c.key]: e.target.value })}
                        />
                        <Space>
                          <Button size="small" type="primary" onClick={() => review(c, 'sent')} loading={busy}>
                            确认并下发
                          </Button>
                          <Button size="small" onClick={() => review(c, 'dismissed')} loading={busy}>
                            排除
                          </Button>
                        </Space>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
    </Card>
  )
}

function FilingCard({ onDone }: Done) {
  const { store, actor } = useSession()
  const filings = useDbQuery(() => store.read(listFilings), [store])
  const [title, setTitle] = useState('')
  const [measures, setMeasures] = useState<LocalMeasures>()
  const [doc, setDoc] = useState<{ name: string; base64: string }>()
  const [passphrase, setPassphrase] = useState('')
  const { run, busy } = useAction(onDone)
  const mayPrepare = mayRun(actor.roles, 'filing.prepare')
  async function pickMeasures(e: ChangeEvent<HTMLInputElement>) {
    try {
      const data = await readJson(e)
      if (data === undefined) return
      const r = localMeasuresSchema.safeParse(data)
      if (!r.success)
        return onDone({ type: 'error', title: '实施办法文件不符合规范', detail: describeZodError(r.error, 1) })
      setMeasures(r.data)
    } catch (err) {
      onDone({ type: 'error', title: (err as Error).message })
    }
  }
  async function pickDoc(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0]
    if (!file) return
    if (file.size > 49_152) {
      e.target.value = ''
      return onDone({
        type: 'error',
        title: `“${file.name}”超过 48 KB。较大的文件请另行报送纸质件，这里附文件的电子文本即可。`,
      })
    }
    setDoc({ name: file.name, base64: encodeBase64(new Uint8Array(await file.arrayBuffer())) })
  }
  async function prepare() {
    if (!measures || !doc) return
    await run(
      prepareFiling,
      { title, measures, documentName: doc.name, documentBase64: doc.base64 },
      { failure: '报备材料未保存', success: '报备材料已编制，请点“报送最高检”导出报备包。' },
    )
  }
  async function send(id: string) {
    await run((s) => s.flows.exportFiling(passphrase, id), {
      failure: '未生成文件',
      success: (v) => ({
        type: 'success',
        title: `报备包已导出：${v.fileName}`,
        detail: `保存位置：${v.path}。请报送最高人民检察院导入。`,
      }),
    })
  }
  return (
    <Card title="报备本省实施办法（报最高人民检察院）" style={{ marginBottom: 16 }}>
      {mayPrepare && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Space wrap>
            <span>报备事项</span>
            <Input
              aria-label="报备事项"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              style={{ width: 320 }}
            />
          </Space>
          <Space wrap>
            <span>实施办法参数文件（JSON）</span>
            <input type="file" accept=".json" aria-label="选择报备的实施办法文件" onChange={pickMeasures} />
            {measures && <Tag>{measures.title}</Tag>}
          </Space>
          <Space wrap>
            <span>文件正文（≤ 48 KB）</span>
            <input type="file" aria-label="选择报备文件正文" onChange={pickDoc} />
            {doc && <Tag>{doc.name}</Tag>}
          </Space>
          <Button onClick={prepare} disabled={!title.trim() || !measures || !doc} loading={busy}>
            编制报备材料
          </Button>
        </Space>
      )}
      {filings?.length ? (
        <>
          <FilingsTable rows={filings} />
          {mayRun(actor.roles, 'exchange.export') && (
            <Space wrap style={{ marginTop: 12 }}>
              <PassphraseInput label="密钥口令（报备用）" value={passphrase} onChange={setPassphrase} />
              {filings.map((f) => (
                <Button key={f.id} disabled={!passphrase} loading={busy} onClick={() => send(f.id)}>
                  报送最高检：{f.title}
                </Button>
              ))}
            </Space>
          )}
        </>
      ) : (
        <Empty description="尚未编制报备材料。" />
      )}
    </Card>
  )
}
