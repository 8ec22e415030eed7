import { parseHolidayCalendar } from '@shared/domain/calendar'
import { maskNumber } from '@shared/domain/masking'
import { formatYuanWithUnit, parseYuan } from '@shared/domain/money'
import { mayRun } from '@shared/domain/permissions'
import {
  type LocalMeasures,
  localMeasuresSchema,
  parseRuleSet,
  type RuleSet,
  type WageEntry,
  type WageSeries,
} from '@shared/domain/rulesets'
import { describeZodError } from '@shared/errors/zodProblems'
import { type StandardsContent, standardsContentSchema } from '@shared/exchange/downward'
import { encodeBase64 } from '@shared/util/base64'
import { Button, Card, Empty, Input, Progress, Select, Space, Table, Tag, Typography } from 'antd'
import { type ChangeEvent, useEffect, useState } from 'react'
import { useSession } from '../../app/session'
import { execute, storageErrorFrom, useDbQuery } from '../../db'
import { officeLocalMeasures } from '../../db/commands/caseRules'
import type { StandardsRow } from '../../db/exchange'
import {
  childPeers,
  composeStandards,
  exportFiling,
  exportNotes,
  exportStandards,
  listFilings,
  prepareFiling,
  reviewDuplicate,
  subordinateUnits,
  writeSupervisionNote,
} from '../../db/exchange'
import { type CandidateRow, duplicateCandidates } from '../../db/queries/duplicates'
import { api } from '../../platform/api'
import { type Outcome, OutcomeAlert, PassphraseInput } from './common'
import { HolidayArrangementDialog } from './HolidayArrangementDialog'
import { LocalMeasuresDialog } from './LocalMeasuresDialog'
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

type Done = { onDone: (o: Outcome) => void }

function SendCard({ onDone }: Done) {
  const { db, unit, actor } = useSession()
  const children = useDbQuery(() => childPeers(db), [db])
  const [child, setChild] = useState<string>()
  const [passphrase, setPassphrase] = useState('')
  const [busy, setBusy] = useState(false)
  async function send(kind: 'standards' | 'supervision' | 'duplicate-flags') {
    if (!child) return
    setBusy(true)
    try {
      const res =
        kind === 'standards'
          ? await exportStandards(db, actor, api, unit, passphrase, child)
          : await exportNotes(db, actor, api, unit, passphrase, child, kind)
      const name = children?.find((c) => c.unitCode === child)?.unitName ?? child
      onDone(
        res.ok
          ? {
              type: 'success',
              title: `已导出：${res.value.fileName}`,
              detail: `保存位置：${res.value.path}。请交给“${name}”在“导入数据包”中导入。`,
            }
          : { type: 'error', title: '未生成文件', detail: res.error.message },
      )
    } finally {
      setBusy(false)
    }
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

async function readJson(e: ChangeEvent<HTMLInputElement>): Promise<unknown> {
  const file = e.target.files?.[0]
  e.target.value = ''
  if (!file) return undefined
  if (file.size > 4 * 1024 * 1024) throw new Error('文件超过 4 MB，不是标准数据文件。')
  try {
    return JSON.parse(await file.text())
  } catch {
    throw new Error(`“${file.name}”不是有效的 JSON 文件。`)
  }
}

const emptyContent: StandardsContent = { wageTable: [], localMeasures: [], ruleSets: [] }

function ComposeCard({ onDone }: Done) {
  const { db, actor, unit } = useSession()
  const held = useDbQuery(async () => (await db.standards.get(unit.code)) as unknown as StandardsRow | undefined, [db])
  const ownMeasures = useDbQuery(() => officeLocalMeasures(db), [db])
  const [title, setTitle] = useState('')
  const [content, setContent] = useState<StandardsContent>(emptyContent)
  const [loadedFrom, setLoadedFrom] = useState<number>()
  const [wage, setWage] = useState({ regionCode: '', year: '', amount: '', series: '职工', source: '' })
  const [problem, setProblem] = useState<string>()
  const [added, setAdded] = useState<string>()
  const [busy, setBusy] = useState(false)
  const [holidayForm, setHolidayForm] = useState(false)
  const [measuresForm, setMeasuresForm] = useState<{ editing?: LocalMeasures }>()
  useEffect(() => {
    if (held && loadedFrom !== held.edition.edition) {
      setContent(held.edition.content)
      setTitle(held.edition.title)
      setLoadedFrom(held.edition.edition)
    }
  }, [held, loadedFrom])

  function addWage() {
    setProblem(undefined)
    const parsed = parseYuan(wage.amount.trim())
    const fen = parsed.ok ? parsed.fen : 0
    const entry = {
      regionCode: wage.regionCode.trim(),
      year: Number(wage.year),
      monthlyWageFen: fen,
      series: wage.series as WageSeries,
      source: { document: wage.source.trim() || '（未注明出处）', confidence: 'H' as const },
    }
    const check = standardsContentSchema.shape.wageTable.element.safeParse(entry)
    if (!check.success || !fen) {
      return setProblem('工资标准填写有误：地区代码为 6 位数字，年度为 4 位数字，金额大于零（元，可有两位小数）。')
    }
    const key = (w: WageEntry) => `${w.regionCode}/${w.year}/${w.series}`
    setContent((c) => ({
      ...c,
      wageTable: [...c.wageTable.filter((w) => key(w) !== key(check.data)), check.data].sort(
        (a, b) => a.regionCode.localeCompare(b.regionCode) || a.year - b.year,
      ),
    }))
    setWage({ ...wage, amount: '' })
  }

  async function pick(kind: 'calendar' | 'measures' | 'ruleSet', e: ChangeEvent<HTMLInputElement>) {
    setProblem(undefined)
    try {
      const data = await readJson(e)
      if (data === undefined) return
      if (kind === 'calendar') {
        const r = parseHolidayCalendar(data)
        if (!r.ok) return setProblem(r.reason)
        setContent((c) => ({ ...c, calendar: r.calendar }))
      } else if (kind === 'measures') {
        const list = Array.isArray(data) ? data : [data]
        const parsed: LocalMeasures[] = []
        for (const m of list) {
          const r = localMeasuresSchema.safeParse(m)
          if (!r.success) {
            return setProblem(`实施办法文件不符合规范：${describeZodError(r.error, 1)}`)
          }
          parsed.push(r.data)
        }
        setContent((c) => ({
          ...c,
          localMeasures: [...c.localMeasures.filter((m) => !parsed.some((p) => p.id === m.id)), ...parsed],
        }))
      } else {
        const rs: RuleSet = parseRuleSet(data)
        setContent((c) => ({ ...c, ruleSets: [...c.ruleSets.filter((r) => r.id !== rs.id), rs] }))
      }
    } catch (err) {
      setProblem((err as Error).message)
    }
  }

  async function publish() {
    setBusy(true)
    setProblem(undefined)
    try {
      const res = await execute(db, composeStandards, actor, { title, content })
      if (!res.ok) return setProblem(res.error.message)
      onDone({
        type: 'success',
        title: `已发布本院标准第 ${res.value.edition} 版“${res.value.title}”，本院即日起使用；请到“下发到下级单位”导出下发标准包。`,
      })
    } finally {
      setBusy(false)
    }
  }

  return (
    <Card
      title={`编制本院标准${held ? `（现行第 ${held.edition.edition} 版，修改后发布为第 ${held.edition.edition + 1} 版）` : ''}`}
      style={{ marginBottom: 16 }}
    >
      {problem && (
        <Typography.Paragraph type="danger" role="alert">
          {problem}
        </Typography.Paragraph>
      )}
      {added && (
        <Typography.Paragraph type="success" role="status">
          {added}
        </Typography.Paragraph>
      )}
      <HolidayArrangementDialog
        open={holidayForm}
        composing={content.calendar}
        onClose={(calendar, summary) => {
          setHolidayForm(false)
          if (!calendar) return
          setProblem(undefined)
          setAdded(summary)
          setContent((c) => ({ ...c, calendar }))
        }}
      />
      <LocalMeasuresDialog
        open={measuresForm !== undefined}
        editing={measuresForm?.editing}
        onClose={(m) => {
          const before = measuresForm?.editing
          setMeasuresForm(undefined)
          if (!m) return
          setProblem(undefined)
          setAdded(`实施办法“${m.title}”已${before ? '修改' : '加入'}。发布后生效。`)
          setContent((c) => ({
            ...c,
            localMeasures: [...c.localMeasures.filter((x) => x.id !== m.id && x.id !== before?.id), m],
          }))
        }}
      />
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <span>标准名称</span>
          <Input
            aria-label="标准名称"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
            style={{ width: 320 }}
          />
        </Space>
        <Typography.Text strong>职工月平均工资</Typography.Text>
        <Table<WageEntry>
          size="small"
          pagination={false}
          rowKey={(w) => `${w.regionCode}/${w.year}/${w.series}`}
          dataSource={content.wageTable}
          aria-label="编制中的工资标准"
          columns={[
            { title: '地区代码', dataIndex: 'regionCode' },
            { title: '年度', dataIndex: 'year' },
            { title: '口径', dataIndex: 'series' },
            { title: '月平均工资', dataIndex: 'monthlyWageFen', render: (v: number) => formatYuanWithUnit(v) },
            { title: '出处', render: (_, w) => w.source.document },
            {
              title: '',
              render: (_, w) => (
                <Button
                  size="small"
                  onClick={() => setContent((c) => ({ ...c, wageTable: c.wageTable.filter((x) => x !== w) }))}
                >
                  删除
                </Button>
              ),
            },
          ]}
        />
        <Space wrap>
          <Input
            aria-label="地区代码"
            placeholder="地区代码（如 110000）"
            value={wage.regionCode}
            onChange={(e) => setWage({ ...wage, regionCode: e.target.value })}
            style={{ width: 150 }}
          />
          <Input
            aria-label="年度"
            placeholder="年度（如 2025）"
            value={wage.year}
            onChange={(e) => setWage({ ...wage, year: e.target.value })}
            style={{ width: 120 }}
          />
          <Input
            aria-label="月平均工资（元）"
            placeholder="月平均工资（元）"
            value={wage.amount}
            onChange={(e) => setWage({ ...wage, amount: e.target.value })}
            style={{ width: 160 }}
          />
          <Select
            aria-label="口径"
            value={wage.series}
            onChange={(v) => setWage({ ...wage, series: v })}
            options={['职工', '在岗职工', '全口径'].map((s) => ({ value: s, label: s }))}
            style={{ width: 110 }}
          />
          <Input
            aria-label="出处"
            placeholder="出处（如 某省统计局公报）"
            value={wage.source}
            onChange={(e) => setWage({ ...wage, source: e.target.value })}
            style={{ width: 240 }}
          />
          <Button onClick={addWage}>添加或替换</Button>
        </Space>
        <Space wrap>
          <Typography.Text strong>节假日安排：</Typography.Text>
          {content.calendar ? (
            <Tag>
              {content.calendar.version}（{Object.keys(content.calendar.years).join('、')} 年）
            </Tag>
          ) : (
            <Tag>不下发（使用软件内置）</Tag>
          )}
          <Button size="small" onClick={() => setHolidayForm(true)}>
            录入节假日安排
          </Button>
          <Typography.Text type="secondary">或选择文件：</Typography.Text>
          <input type="file" accept=".json" aria-label="选择节假日安排文件" onChange={(e) => pick('calendar', e)} />
          {content.calendar && (
            <Button size="small" onClick={() => setContent(({ calendar: _c, ...rest }) => rest)}>
              不下发节假日
            </Button>
          )}
        </Space>
        <Space wrap>
          <Typography.Text strong>实施办法：</Typography.Text>
          {content.localMeasures.map((m) => (
            <Tag
              key={m.id}
              closable
              onClose={() => setContent((c) => ({ ...c, localMeasures: c.localMeasures.filter((x) => x.id !== m.id) }))}
            >
              <button
                type="button"
                title="修改"
                aria-label={`修改实施办法“${m.title}”`}
                onClick={() => setMeasuresForm({ editing: m })}
                style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer', color: 'inherit' }}
              >
                {m.title}
              </button>
            </Tag>
          ))}
          <Button size="small" onClick={() => setMeasuresForm({})}>
            新建实施办法
          </Button>
          <Typography.Text type="secondary">或选择文件：</Typography.Text>
          <input type="file" accept=".json" aria-label="选择实施办法文件" onChange={(e) => pick('measures', e)} />
        </Space>
        {(ownMeasures ?? []).filter((m) => !content.localMeasures.some((x) => x.id === m.id)).length > 0 && (
          <Space wrap>
            <Typography.Text type="secondary">本院已录入的实施办法：</Typography.Text>
            {(ownMeasures ?? [])
              .filter((m) => !content.localMeasures.some((x) => x.id === m.id))
              .map((m) => (
                <Button
                  key={m.id}
                  size="small"
                  onClick={() => setContent((c) => ({ ...c, localMeasures: [...c.localMeasures, m] }))}
                >
                  加入“{m.title}”
                </Button>
              ))}
          </Space>
        )}
        <Space wrap>
          <Typography.Text strong>规则集更新：</Typography.Text>
          {content.ruleSets.map((r) => (
            <Tag
              key={r.id}
              closable
              onClose={() => setContent((c) => ({ ...c, ruleSets: c.ruleSets.filter((x) => x.id !== r.id) }))}
            >
              {r.shortTitle}
            </Tag>
          ))}
          <input type="file" accept=".json" aria-label="选择规则集文件" onChange={(e) => pick('ruleSet', e)} />
        </Space>
        <Button type="primary" onClick={publish} loading={busy} disabled={!title.trim()}>
          发布为新版本
        </Button>
      </Space>
    </Card>
  )
}

function PeriodNoteCard({ onDone }: Done) {
  const { db, actor, unit } = useSession()
  const units = useDbQuery(() => subordinateUnits(db, unit), [db, unit])
  const [targets, setTargets] = useState<string[]>([])
  const [from, setFrom] = useState('')
  const [to, setTo] = useState('')
  const [subject, setSubject] = useState('')
  const [text, setText] = useState('')
  const [busy, setBusy] = useState(false)
  async function save() {
    setBusy(true)
    try {
      const res = await execute(db, writeSupervisionNote, actor, {
        period: { from, to },
        targets,
        subject,
        text,
      })
      if (!res.ok) return onDone({ type: 'error', title: '督导意见未保存', detail: res.error.message })
      onDone({ type: 'success', title: '督导意见已保存，将随下一次督导意见包下发。' })
      setSubject('')
      setText('')
    } finally {
      setBusy(false)
    }
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
  const { db, actor, unit } = useSession()
  const [rows, setRows] = useState<CandidateRow[]>()
  const [notes, setNotes] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)
  const [progress, setProgress] = useState<{ read: number; total: number }>()
  const mayReview = mayRun(actor.roles, 'duplicates.review')
  async function find() {
    setBusy(true)
    setRows(undefined)
    try {
      setRows(await duplicateCandidates(db, unit, (read, total) => setProgress({ read, total })))
    } catch (e) {
      onDone({ type: 'error', title: '未能完成重复救助核查', detail: storageErrorFrom(e).message })
    } finally {
      setBusy(false)
      setProgress(undefined)
    }
  }
  async function review(c: CandidateRow, decision: 'sent' | 'dismissed') {
    setBusy(true)
    try {
      const note = notes[c.key]?.trim()
      const res = await execute(db, reviewDuplicate, actor, {
        candidateKey: c.key,
        decision,
        ...(note ? { reviewNote: note } : {}),
      })
      if (!res.ok) return onDone({ type: 'error', title: '未能保存审核结果', detail: res.error.message })
      onDone({
        type: 'success',
        title:
          decision === 'sent'
            ? `已确认重复救助提示（${c.personName}），将随下一次重复救助提示包下发到 ${Object.values(c.unitNames).join('、')}。`
            : `已排除（${c.personName}），不再提示。`,
      })
      // the command found this candidate again before storing it; the others are found again when acted on
      setRows((rs) => rs?.filter((r) => r.key !== c.key))
    } finally {
      setBusy(false)
    }
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
  const { db, actor, unit } = useSession()
  const filings = useDbQuery(() => listFilings(db), [db])
  const [title, setTitle] = useState('')
  const [measures, setMeasures] = useState<LocalMeasures>()
  const [doc, setDoc] = useState<{ name: string; base64: string }>()
  const [passphrase, setPassphrase] = useState('')
  const [busy, setBusy] = useState(false)
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
    setBusy(true)
    try {
      const res = await execute(db, prepareFiling, actor, {
        title,
        measures,
        documentName: doc.name,
        documentBase64: doc.base64,
      })
      onDone(
        res.ok
          ? { type: 'success', title: '报备材料已编制，请点“报送最高检”导出报备包。' }
          : { type: 'error', title: '报备材料未保存', detail: res.error.message },
      )
    } finally {
      setBusy(false)
    }
  }
  async function send(id: string) {
    setBusy(true)
    try {
      const res = await exportFiling(db, actor, api, unit, passphrase, id)
      onDone(
        res.ok
          ? {
              type: 'success',
              title: `报备包已导出：${res.value.fileName}`,
              detail: `保存位置：${res.value.path}。请报送最高人民检察院导入。`,
            }
          : { type: 'error', title: '未生成文件', detail: res.error.message },
      )
    } finally {
      setBusy(false)
    }
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
