import { parseHolidayCalendar } from '@shared/domain/calendar'
import { formatYuanWithUnit } from '@shared/domain/money'
import { type LocalMeasures, localMeasuresSchema, parseRuleSet, type WageEntry } from '@shared/domain/rulesets'
import { describeZodError } from '@shared/errors/zodProblems'
import {
  editStandards,
  emptyStandards,
  WAGE_INPUT_PROBLEM,
  type WageInput,
  wageEntryOf,
} from '@shared/exchange/standardsDraft'
import { Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd'
import { type ChangeEvent, useEffect, useReducer, useState } from 'react'
import { useSession } from '../../app/session'
import { type Report, useAction } from '../../app/useAction'
import { useDbQuery } from '../../db'
import { officeLocalMeasures } from '../../db/commands/caseRules'
import { composeStandards, heldStandards } from '../../db/exchange'
import { HolidayArrangementDialog } from './HolidayArrangementDialog'
import { LocalMeasuresDialog } from './LocalMeasuresDialog'
import { readJson } from './readJson'

/**
 * 编制本院标准 (docs/exchange.md “下发标准”): the wage table, the holiday arrangement, local measures and rule-set
 * updates of this office's next edition, edited step by step (shared/exchange/standardsDraft.ts) and published as
 * one command. Starts from the edition in force.
 */
export function ComposeCard({ onDone }: { onDone: Report }) {
  const { store, unit } = useSession()
  const held = useDbQuery(() => store.read(heldStandards, unit.code), [store, unit.code])
  const ownMeasures = useDbQuery(() => store.read(officeLocalMeasures), [store])
  const [title, setTitle] = useState('')
  const [content, edit] = useReducer(editStandards, emptyStandards)
  const [loadedFrom, setLoadedFrom] = useState<number>()
  const [wage, setWage] = useState<WageInput>({ regionCode: '', year: '', amount: '', series: '职工', source: '' })
  const [problem, setProblem] = useState<string>()
  const [added, setAdded] = useState<string>()
  const { run, busy } = useAction()
  const [holidayForm, setHolidayForm] = useState(false)
  const [measuresForm, setMeasuresForm] = useState<{ editing?: LocalMeasures }>()
  useEffect(() => {
    if (held && loadedFrom !== held.edition.edition) {
      edit({ type: 'load', content: held.edition.content })
      setTitle(held.edition.title)
      setLoadedFrom(held.edition.edition)
    }
  }, [held, loadedFrom])

  function addWage() {
    setProblem(undefined)
    const entry = wageEntryOf(wage)
    if (!entry) return setProblem(WAGE_INPUT_PROBLEM)
    edit({ type: 'put-wage', entry })
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
        edit({ type: 'set-calendar', calendar: r.calendar })
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
        edit({ type: 'put-measures', measures: parsed })
      } else {
        edit({ type: 'put-rule-set', ruleSet: parseRuleSet(data) })
      }
    } catch (err) {
      setProblem((err as Error).message)
    }
  }

  async function publish() {
    setProblem(undefined)
    const res = await run(composeStandards, { title, content })
    if (!res.ok) return setProblem(res.error.message)
    onDone({
      type: 'success',
      title: `已发布本院标准第 ${res.value.edition} 版“${res.value.title}”，本院即日起使用；请到“下发到下级单位”导出下发标准包。`,
    })
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
          edit({ type: 'set-calendar', calendar })
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
          edit({ type: 'put-measures', measures: [m], ...(before ? { replacing: before.id } : {}) })
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
                <Button size="small" onClick={() => edit({ type: 'remove-wage', entry: w })}>
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
            <Button size="small" onClick={() => edit({ type: 'drop-calendar' })}>
              不下发节假日
            </Button>
          )}
        </Space>
        <Space wrap>
          <Typography.Text strong>实施办法：</Typography.Text>
          {content.localMeasures.map((m) => (
            <Tag key={m.id} closable onClose={() => edit({ type: 'remove-measures', id: m.id })}>
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
                <Button key={m.id} size="small" onClick={() => edit({ type: 'put-measures', measures: [m] })}>
                  加入“{m.title}”
                </Button>
              ))}
          </Space>
        )}
        <Space wrap>
          <Typography.Text strong>规则集更新：</Typography.Text>
          {content.ruleSets.map((r) => (
            <Tag key={r.id} closable onClose={() => edit({ type: 'remove-rule-set', id: r.id })}>
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
