import { DatePicker, Select, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { type PeriodChoice, type PeriodKind, periodKindLabels } from './reportModel'

const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度']

/** 统计期间: the kind of period (year, half, quarter, month, range) and its year and part, or the dates of a range. */
export function PeriodPicker({
  choice,
  years,
  onChange,
}: {
  choice: PeriodChoice
  years: readonly number[]
  onChange(patch: Partial<PeriodChoice>): void
}) {
  const range: [Dayjs, Dayjs] | null =
    choice.from && choice.to ? [dayjs(choice.from, 'YYYY-MM-DD'), dayjs(choice.to, 'YYYY-MM-DD')] : null
  return (
    <Space wrap>
      <Select<PeriodKind>
        id="report-period-kind"
        aria-label="期间类型"
        style={{ width: 100 }}
        value={choice.kind}
        onChange={(k) => onChange({ kind: k })}
        options={(Object.keys(periodKindLabels) as PeriodKind[]).map((k) => ({
          value: k,
          label: periodKindLabels[k],
        }))}
      />
      {choice.kind !== 'range' && (
        <Select<number>
          aria-label="年份"
          style={{ width: 100 }}
          value={choice.year}
          onChange={(year) => onChange({ year })}
          options={years.map((y) => ({ value: y, label: `${y}年` }))}
        />
      )}
      {choice.kind === 'half' && (
        <Select<1 | 2>
          aria-label="上下半年"
          style={{ width: 100 }}
          value={choice.half}
          onChange={(half) => onChange({ half })}
          options={[
            { value: 1, label: '上半年' },
            { value: 2, label: '下半年' },
          ]}
        />
      )}
      {choice.kind === 'quarter' && (
        <Select<1 | 2 | 3 | 4>
          aria-label="第几季度"
          style={{ width: 110 }}
          value={choice.quarter}
          onChange={(quarter) => onChange({ quarter })}
          options={QUARTERS.map((label, i) => ({ value: (i + 1) as 1 | 2 | 3 | 4, label }))}
        />
      )}
      {choice.kind === 'month' && (
        <Select<number>
          aria-label="月份"
          style={{ width: 90 }}
          value={choice.month}
          onChange={(month) => onChange({ month })}
          options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }))}
        />
      )}
      {choice.kind === 'range' && (
        <DatePicker.RangePicker
          aria-label="起止日期"
          value={range}
          onChange={(v) => onChange({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
        />
      )}
    </Space>
  )
}
