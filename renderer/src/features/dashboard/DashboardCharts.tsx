import { collectStats, type StatsInput } from '@shared/report/definitions/stats'
import { periodOf } from '@shared/report/period'
import { chinaDateOf } from '@shared/util/clock'
import { Card, Col, Empty, Row, Select, Spin, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { useSession } from '../../app/session'
import { reportInputs, reportInputsVersion, useDbQuery } from '../../db'
import { type DashboardFigures, dashboardFigures } from './chartData'
import { categoryOption, officeOption, trendOption } from './chartOptions'
import { EChart } from './EChart'

/**
 * 工作台 charts for a year: monthly trend, object-category mix and, at a higher office, each subordinate office —
 * all read from one run of the 统计表's definition (collectStats) over the same records the 统计报表 screen uses,
 * so every figure on a chart is a figure of that year's 统计表 / 汇总表. Loaded lazily with ECharts.
 */
export default function DashboardCharts() {
  const { store, unit, user } = useSession()
  const thisYear = Number(chinaDateOf(Date.now()).slice(0, 4))
  const [year, setYear] = useState(thisYear)
  // re-run when the records may have changed (a cheap live marker), reading them a page at a time
  const version = useDbQuery(() => store.read(reportInputsVersion), [store])
  const [figures, setFigures] = useState<{ key: string; figures: DashboardFigures }>()
  const key = `${year}|${version}`
  useEffect(() => {
    if (version === undefined) return
    let live = true
    store
      .read(reportInputs, unit.code)
      .then((inputs) =>
        collectStats(inputs.records as unknown as StatsInput, {
          scope: { unitCode: unit.code, units: inputs.units },
          generatedAt: new Date().toISOString(),
          generatedBy: user.displayName,
          period: periodOf({ kind: 'year', year }),
        }),
      )
      .then((agg) => {
        if (live) setFigures({ key: `${year}|${version}`, figures: dashboardFigures(agg) })
      })
    return () => {
      live = false
    }
  }, [store, version, year, unit.code, user.displayName])
  const f = figures?.key === key ? figures.figures : undefined
  const options = useMemo(
    () => (f ? { trend: trendOption(f), category: categoryOption(f), office: officeOption(f) } : undefined),
    [f],
  )
  const empty = f?.months.every((m) => m.applied === 0 && m.granted === 0 && m.paidFen === 0)
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={`统计图表（${year}年）`}
      extra={
        <Select<number>
          aria-label="图表年份"
          size="small"
          style={{ width: 100 }}
          value={year}
          onChange={setYear}
          options={Array.from({ length: 5 }, (_, i) => ({ value: thisYear - i, label: `${thisYear - i}年` }))}
        />
      }
      data-testid="dashboard-charts"
    >
      {!options || !f ? (
        <Spin />
      ) : empty ? (
        <Empty description={`${year}年暂无申请、决定或发放`} />
      ) : (
        <>
          <Row gutter={16}>
            <Col span={15}>
              <Typography.Text strong>月度趋势</Typography.Text>
              <EChart option={options.trend} height={280} label={`${year}年月度趋势`} testId="chart-trend" />
            </Col>
            <Col span={9}>
              <Typography.Text strong>决定救助案件按救助对象类别</Typography.Text>
              {f.categories.length > 0 ? (
                <EChart option={options.category} height={280} label="救助对象类别构成" testId="chart-category" />
              ) : (
                <Empty description="本年度尚无决定救助的案件" />
              )}
            </Col>
          </Row>
          {f.offices.length > 0 && (
            <div style={{ marginTop: 16 }}>
              <Typography.Text strong>按单位（下级院含其所属各院）</Typography.Text>
              <EChart option={options.office} height={300} label="按单位" testId="chart-office" />
            </div>
          )}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            口径与统计报表中的统计表相同：申请按申请日期、决定按决定日期、发放按发放日期归入月份；小额应急性帮扶不计入。
          </Typography.Text>
        </>
      )}
    </Card>
  )
}
