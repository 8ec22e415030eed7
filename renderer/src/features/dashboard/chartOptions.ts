import { formatYuan } from '@shared/domain/money'
import { type DashboardFigures, fenToWan, monthLabel } from './chartData'

/**
 * ECharts options of the 工作台 charts, built from DashboardFigures only (pure, so the figures on the chart can be
 * checked against the report definitions). Series are plain arrays of numbers or {name, value} pairs.
 */
export interface ChartSeries {
  name: string
  type: 'bar' | 'line' | 'pie'
  data: (number | { name: string; value: number })[]
  [key: string]: unknown
}

export interface ChartOption {
  series: ChartSeries[]
  [key: string]: unknown
}

const COLORS = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#eb2f96', '#13c2c2']
const FONT = { fontFamily: 'sans-serif' }

/** 月度趋势: applications and granted cases per month (bars, 件), amount paid (line, 万元). */
export function trendOption(f: DashboardFigures): ChartOption {
  const spans = new Set(f.months.map((m) => m.month.slice(0, 4))).size > 1
  return {
    color: COLORS,
    textStyle: FONT,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 64, top: 40, bottom: 28 },
    xAxis: { type: 'category', data: f.months.map((m) => monthLabel(m.month, spans)) },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1 },
      { type: 'value', name: '万元', splitLine: { show: false } },
    ],
    series: [
      { name: '收到申请（件）', type: 'bar', data: f.months.map((m) => m.applied) },
      { name: '决定救助（件）', type: 'bar', data: f.months.map((m) => m.granted) },
      {
        name: '发放金额（万元）',
        type: 'line',
        yAxisIndex: 1,
        smooth: false,
        data: f.months.map((m) => fenToWan(m.paidFen)),
      },
    ],
  }
}

/** 救助对象类别构成: granted cases by category (pie, 件), with the amount in the tooltip. */
export function categoryOption(f: DashboardFigures): ChartOption {
  const fen = new Map(f.categories.map((c) => [c.label, c.grantedFen]))
  return {
    color: COLORS,
    textStyle: FONT,
    tooltip: {
      trigger: 'item',
      formatter: (p: { name: string; value: number; percent: number }) =>
        `${p.name}<br/>${p.value} 件（${p.percent}%）<br/>决定金额 ${formatYuan(fen.get(p.name) ?? 0)} 元`,
    },
    legend: { bottom: 0, left: 'center', itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } },
    series: [
      {
        name: '决定救助（件）',
        type: 'pie',
        radius: ['30%', '58%'],
        center: ['50%', '40%'],
        label: { formatter: '{c} 件' },
        data: f.categories.map((c) => ({ name: c.label, value: c.cases })),
      },
    ],
  }
}

/** 按单位: granted cases (bars, 件) and amounts granted and paid (万元) per subordinate office. */
export function officeOption(f: DashboardFigures): ChartOption {
  return {
    color: COLORS,
    textStyle: FONT,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 64, top: 40, bottom: 28, containLabel: true },
    xAxis: { type: 'category', data: f.offices.map((o) => o.label), axisLabel: { interval: 0 } },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1 },
      { type: 'value', name: '万元', splitLine: { show: false } },
    ],
    series: [
      { name: '决定救助（件）', type: 'bar', data: f.offices.map((o) => o.granted) },
      { name: '决定金额（万元）', type: 'bar', yAxisIndex: 1, data: f.offices.map((o) => fenToWan(o.grantedFen)) },
      { name: '发放金额（万元）', type: 'bar', yAxisIndex: 1, data: f.offices.map((o) => fenToWan(o.paidFen)) },
    ],
  }
}
