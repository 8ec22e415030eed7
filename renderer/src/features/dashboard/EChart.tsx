import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import type { ChartOption } from './chartOptions'

// Only what the 工作台 draws, on the canvas renderer (no eval, nothing the CSP forbids).
echarts.use([BarChart, LineChart, PieChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer])

/**
 * One ECharts canvas. The series figures are also written on the element (data-series) so that what is drawn can
 * be compared with the report definitions; `label` names the chart for screen readers.
 */
export function EChart({
  option,
  height,
  label,
  testId,
}: {
  option: ChartOption
  height: number
  label: string
  testId: string
}) {
  const el = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)
  useEffect(() => {
    if (!el.current) return
    const c = echarts.init(el.current, undefined, { renderer: 'canvas', locale: 'ZH' })
    chart.current = c
    const observer = new ResizeObserver(() => c.resize())
    observer.observe(el.current)
    return () => {
      observer.disconnect()
      c.dispose()
      chart.current = null
    }
  }, [])
  useEffect(() => {
    chart.current?.setOption(option as echarts.EChartsCoreOption, true)
  }, [option])
  const series = JSON.stringify(option.series.map((s) => ({ name: s.name, data: s.data })))
  return (
    <div
      ref={el}
      role="img"
      aria-label={label}
      data-testid={testId}
      data-series={series}
      style={{ width: '100%', height }}
    />
  )
}
