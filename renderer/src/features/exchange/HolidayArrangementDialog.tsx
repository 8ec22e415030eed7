import { defaultCalendar, type HolidayCalendar } from '@shared/domain/calendar'
import { daysBetween, isValidDate } from '@shared/domain/dates'
import {
  type ArrangementProblem,
  arrangementOf,
  dateWithWeekday,
  defaultNoticeTitle,
  type HolidayArrangement,
  withHolidayArrangement,
} from '@shared/domain/holidayArrangement'
import { chinaDateOf } from '@shared/util/clock'
import { Alert, Button, Input, Modal, Select, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useSession } from '../../app/session'
import { useDbQuery } from '../../db'
import { officeRulesContext } from '../../db/commands/caseRules'
import { FieldRow, PopupsInPlace } from './FieldRow'

/**
 * 录入节假日安排: one year's arrangement from 国务院办公厅's notice — 放假 periods (first and last day) and 调休 working
 * weekend days — typed in as the notice lists them, checked (shared/domain/holidayArrangement.ts) and added to the
 * standards being composed. Loads a year already held to correct it.
 */
export function HolidayArrangementDialog({
  open,
  composing,
  onClose,
}: {
  open: boolean
  composing: HolidayCalendar | undefined
  onClose: (calendar?: HolidayCalendar, summary?: string) => void
}) {
  const { store, unit } = useSession()
  const inForce = useDbQuery(
    async () => (await store.read(officeRulesContext, unit.code)).calendar ?? defaultCalendar,
    [store],
  )
  const today = chinaDateOf(Date.now())
  const nextYear = Number(today.slice(0, 4)) + 1
  const [form, setForm] = useState<HolidayArrangement>(() => blank(nextYear))
  const [problems, setProblems] = useState<ArrangementProblem[]>([])
  // each opening starts from a blank form for next year (a cancelled entry is discarded)
  useEffect(() => {
    if (!open) return
    setForm(blank(nextYear))
    setProblems([])
  }, [open, nextYear])
  const known = (year: number) => composing?.years[String(year)] ?? inForce?.years[String(year)]
  const at = (path: (string | number)[]) =>
    problems.filter((p) => p.path.join('.') === path.join('.')).map((p) => p.message)

  function chooseYear(year: number) {
    setProblems([])
    const held = known(year)
    const source = composing?.years[String(year)] ? composing : inForce
    setForm(held && source ? (arrangementOf(source, year) as HolidayArrangement) : blank(year))
  }
  function save() {
    if (!inForce) return
    const entered = clean(form)
    const r = withHolidayArrangement(composing, inForce, entered, { name: unit.name, on: today })
    if (!r.ok) return setProblems(r.problems)
    const days = r.calendar.years[String(form.year)].holidays.length
    onClose(
      r.calendar,
      `${form.year} 年节假日安排已${r.replaces ? '替换' : '加入'}（放假 ${days} 天，调休上班 ${entered.workdays.length} 天）${
        r.years.length > 1 ? `；${r.years[0]} 年的数据随之增加跨年的放假日` : ''
      }。发布后生效。`,
    )
  }
  // a changed line loses its old problems (they are found again on saving)
  const forget = (path: (string | number)[]) =>
    setProblems((ps) => ps.filter((p) => p.path.join('.') !== path.join('.')))
  const setPeriod = (i: number, patch: Partial<HolidayArrangement['periods'][number]>) => {
    forget(['periods', i])
    setForm((f) => ({ ...f, periods: f.periods.map((p, k) => (k === i ? { ...p, ...patch } : p)) }))
  }
  const setWorkday = (i: number, v: string) => {
    forget(['workdays', i])
    setForm((f) => ({ ...f, workdays: f.workdays.map((d, k) => (k === i ? v : d)) }))
  }
  const general = problems.filter((p) => p.path.length === 0 || ['periods', 'workdays'].includes(p.path.join('.')))

  return (
    <Modal
      open={open}
      title="录入节假日安排"
      okText="加入下发内容"
      cancelText="取消"
      onOk={save}
      onCancel={() => onClose()}
      width={720}
      styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflowY: 'auto' } }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        按国务院办公厅当年《关于部分节假日安排的通知》逐项填写：每个放假时段的第一天和最后一天（含其中的周六、周日），以及调休上班的周六、周日。日期写作
        YYYY-MM-DD。元旦放假从上一年 12 月下旬开始的，照填即可，软件把那几天归入上一年的数据。
      </Typography.Paragraph>
      <PopupsInPlace>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <span>年份</span>
            <Select<number>
              aria-label="安排年份"
              value={form.year}
              onChange={chooseYear}
              style={{ width: 120 }}
              options={Array.from({ length: 4 }, (_, i) => nextYear - 2 + i).map((y) => ({
                value: y,
                label: `${y}年${known(y) ? '（已有）' : ''}`,
              }))}
            />
            {known(form.year) && (
              <Typography.Text type="warning">已有 {form.year} 年的安排：已载入，保存后整体替换。</Typography.Text>
            )}
          </Space>
          <FieldRow labelWidth={0} label="通知名称" errors={at(['notice'])}>
            <Input
              aria-label="通知名称"
              value={form.notice}
              onChange={(e) => setForm({ ...form, notice: e.target.value })}
              style={{ width: 480 }}
            />
          </FieldRow>
          <Typography.Text strong>放假时段</Typography.Text>
          {form.periods.map((p, i) => (
            <FieldRow labelWidth={0} key={`p${String(i)}`} errors={at(['periods', i])}>
              <DateInput
                label={`第${i + 1}个放假时段起`}
                placeholder="起 YYYY-MM-DD"
                value={p.from}
                onChange={(from) => setPeriod(i, { from })}
              />
              <span>至</span>
              <DateInput
                label={`第${i + 1}个放假时段止`}
                placeholder="止 YYYY-MM-DD"
                value={p.to}
                onChange={(to) => setPeriod(i, { to })}
              />
              <Typography.Text type="secondary">{periodHint(p)}</Typography.Text>
              <RemoveButton onClick={() => setForm({ ...form, periods: form.periods.filter((_, k) => k !== i) })} />
            </FieldRow>
          ))}
          <Button size="small" onClick={() => setForm({ ...form, periods: [...form.periods, { from: '', to: '' }] })}>
            添加放假时段
          </Button>
          <Typography.Text strong>调休上班日（周六、周日上班）</Typography.Text>
          {form.workdays.map((d, i) => (
            <FieldRow labelWidth={0} key={`w${String(i)}`} errors={at(['workdays', i])}>
              <DateInput
                label={`第${i + 1}个调休上班日`}
                placeholder="YYYY-MM-DD"
                value={d}
                onChange={(v) => setWorkday(i, v)}
              />
              <Typography.Text type="secondary">{isValidDate(d) ? dateWithWeekday(d) : ''}</Typography.Text>
              <RemoveButton onClick={() => setForm({ ...form, workdays: form.workdays.filter((_, k) => k !== i) })} />
            </FieldRow>
          ))}
          <Button size="small" onClick={() => setForm({ ...form, workdays: [...form.workdays, ''] })}>
            添加调休上班日
          </Button>
          {general.length > 0 && (
            <Alert type="error" showIcon title={general.map((p) => p.message).join('；')} role="alert" />
          )}
          {problems.length > general.length && (
            <Alert type="error" showIcon title="请按各项下方的提示修改后再保存。" role="alert" />
          )}
        </Space>
      </PopupsInPlace>
    </Modal>
  )
}

function blank(year: number): HolidayArrangement {
  return { year, notice: defaultNoticeTitle(year), periods: [{ from: '', to: '' }], workdays: [] }
}

/** Rows left entirely empty are not mistakes: they are dropped. */
function clean(a: HolidayArrangement): HolidayArrangement {
  return {
    ...a,
    periods: a.periods.filter((p) => p.from || p.to),
    workdays: a.workdays.filter((d) => d),
  }
}

function periodHint(p: { from: string; to: string }): string {
  if (!isValidDate(p.from) || !isValidDate(p.to) || p.from > p.to) return ''
  const days = daysBetween(p.from, p.to) + 1
  return `${dateWithWeekday(p.from)} 至 ${dateWithWeekday(p.to)}，共 ${days} 天`
}

function DateInput(props: { label: string; placeholder: string; value: string; onChange: (v: string) => void }) {
  return (
    <Input
      aria-label={props.label}
      placeholder={props.placeholder}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value.trim())}
      style={{ width: 150 }}
    />
  )
}

function RemoveButton({ onClick }: { onClick: () => void }) {
  return (
    <Button size="small" onClick={onClick}>
      删除
    </Button>
  )
}
