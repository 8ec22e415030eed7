import { appError } from '@shared/errors'
import type { Period } from '@shared/report/period'
import type { Signatures } from '@shared/report/tableModel'
import { chinaDateOf, chinaFileStamp } from '@shared/util/clock'
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Radio,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { useSession } from '../../app/session'
import { useExportedNotice } from '../../components/ExportedFile'
import { getSetting, reportInputs, storageErrorFrom, useDbQuery } from '../../db'
import { api } from '../../platform/api'
import {
  defaultPeriodChoice,
  exportFileName,
  type PeriodChoice,
  type PeriodKind,
  periodFromChoice,
  periodKindLabels,
} from './reportModel'
import { type ReportKind, type ReportView, reportKindLabels, runReport } from './runReport'
import { TablePreview } from './TablePreview'

interface Generated {
  kind: ReportKind
  period: Period
  views: ReportView[]
}

const QUARTERS = ['第一季度', '第二季度', '第三季度', '第四季度']
const REPORT_SET_TITLE = '司法救助统计报表（全套）'

/**
 * 统计报表: pick a report and a period, preview the table model exactly as it will be printed, export it to Excel
 * through the main process. At a higher office the 统计表 comes with the roll-up views (a row per subordinate
 * office, subtotals by level, grand total) built from this office's records and the imported replicas.
 */
export function ReportsPage() {
  const { db, unit, user } = useSession()
  const { message } = App.useApp()
  const notice = useExportedNotice()
  const today = chinaDateOf(Date.now())
  const [kind, setKind] = useState<ReportKind>('stats')
  const [choice, setChoice] = useState<PeriodChoice>(() => defaultPeriodChoice(today))
  const [reviewer, setReviewer] = useState('')
  const [unitHead, setUnitHead] = useState('')
  // 附上年同期、同比 (off by default): the 统计表 with 上年同期 and 同比 columns, here and in 导出全套报表
  const [yoy, setYoy] = useState(false)
  const [busy, setBusy] = useState(false)
  const [exporting, setExporting] = useState(false)
  const [exportingAll, setExportingAll] = useState(false)
  const [error, setError] = useState<string>()
  const [result, setResult] = useState<Generated>()
  const [viewKey, setViewKey] = useState<string>()
  // 制表机关, 表号 and the signatories from 系统设置 (reportForm); 审核人 and 单位负责人 start from there
  const form = useDbQuery(() => getSetting(db, 'reportForm'), [db])
  useEffect(() => {
    if (!form) return
    setReviewer((r) => r || form.reviewer)
    setUnitHead((h) => h || form.unitHead)
  }, [form])
  const preparer = form?.preparer || user.displayName

  /** 填报人 as set (else the user), 联系电话 as set; 审核人 and 单位负责人 as typed (blank: signed by hand). */
  const signatures = (): Signatures => ({
    preparer,
    reviewer: reviewer.trim() || undefined,
    unitHead: unitHead.trim() || undefined,
    phone: form?.phone || undefined,
  })

  const thisYear = Number(today.slice(0, 4))
  const years = Array.from({ length: 12 }, (_, i) => thisYear - i)
  const change = (patch: Partial<PeriodChoice>) => {
    setChoice((c) => ({ ...c, ...patch }))
    setResult(undefined)
  }

  /** The period chosen, or undefined with the error shown. */
  function chosenPeriod(): Period | undefined {
    try {
      return periodFromChoice(choice)
    } catch (e) {
      setError(appError('report.period-invalid', { detail: e instanceof Error ? e.message : String(e) }).message)
      return undefined
    }
  }

  /** Runs the given reports for the period on this office's records (read once for all of them). */
  async function runReports(kinds: readonly ReportKind[], period: Period): Promise<ReportView[][]> {
    const inputs = await reportInputs(db, unit.code)
    const run = {
      period,
      unitCode: unit.code,
      generatedAt: new Date().toISOString(),
      generatedBy: user.displayName,
      signatures: signatures(),
      form: { issuer: form?.issuer, codes: form?.formCodes },
      yoy,
    }
    const out: ReportView[][] = []
    for (const k of kinds) out.push(await runReport(inputs, { ...run, kind: k }))
    return out
  }

  function failed(e: unknown) {
    const stored = storageErrorFrom(e)
    setError(
      stored.code === 'db.unknown'
        ? appError('report.failed', { detail: e instanceof Error ? e.message : String(e) }).message
        : stored.message,
    )
  }

  async function generate() {
    setError(undefined)
    const period = chosenPeriod()
    if (!period) return
    setBusy(true)
    try {
      const [views] = await runReports([kind], period)
      setResult({ kind, period, views })
      setViewKey(views[0]?.key)
    } catch (e) {
      failed(e)
    } finally {
      setBusy(false)
    }
  }

  /** 导出全套报表: every report of the period (the 统计表 with its views at a higher office) in one workbook. */
  async function exportAll() {
    setError(undefined)
    const period = chosenPeriod()
    if (!period) return
    setExportingAll(true)
    try {
      const kinds = Object.keys(reportKindLabels) as ReportKind[]
      const tables = (await runReports(kinds, period)).flat().map((v) => v.table)
      const res = await api.excelExportWorkbook({
        fileName: exportFileName({ title: REPORT_SET_TITLE }, period, chinaFileStamp(Date.now())),
        tables,
      })
      if (res.ok) notice(`已导出${REPORT_SET_TITLE}（${tables.length} 张表）`, res.value.path)
      else message.error(res.error.message)
    } catch (e) {
      failed(e)
    } finally {
      setExportingAll(false)
    }
  }

  const view = result?.views.find((v) => v.key === viewKey) ?? result?.views[0]
  // the names on the signature line follow the fields at once (they are not part of the figures or the hash)
  const table = view && { ...view.table, signatures: { ...view.table.signatures, ...signatures() } }

  async function exportView() {
    if (!result || !table) return
    setExporting(true)
    try {
      const res = await api.excelExportTable({
        fileName: exportFileName(table, result.period, chinaFileStamp(Date.now())),
        table,
      })
      if (res.ok) notice(`已导出“${table.title}”`, res.value.path)
      else message.error(res.error.message)
    } finally {
      setExporting(false)
    }
  }

  const range: [Dayjs, Dayjs] | null =
    choice.from && choice.to ? [dayjs(choice.from, 'YYYY-MM-DD'), dayjs(choice.to, 'YYYY-MM-DD')] : null

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        统计报表
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 12 }} onFinish={generate}>
          <Form.Item label="报表">
            <Radio.Group
              optionType="button"
              buttonStyle="solid"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value)
                setResult(undefined)
              }}
              options={(Object.keys(reportKindLabels) as ReportKind[]).map((k) => ({
                value: k,
                label: reportKindLabels[k],
              }))}
            />
          </Form.Item>
          <Form.Item label="统计期间" htmlFor="report-period-kind">
            <Space wrap>
              <Select<PeriodKind>
                id="report-period-kind"
                aria-label="期间类型"
                style={{ width: 100 }}
                value={choice.kind}
                onChange={(k) => change({ kind: k })}
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
                  onChange={(year) => change({ year })}
                  options={years.map((y) => ({ value: y, label: `${y}年` }))}
                />
              )}
              {choice.kind === 'half' && (
                <Select<1 | 2>
                  aria-label="上下半年"
                  style={{ width: 100 }}
                  value={choice.half}
                  onChange={(half) => change({ half })}
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
                  onChange={(quarter) => change({ quarter })}
                  options={QUARTERS.map((label, i) => ({ value: (i + 1) as 1 | 2 | 3 | 4, label }))}
                />
              )}
              {choice.kind === 'month' && (
                <Select<number>
                  aria-label="月份"
                  style={{ width: 90 }}
                  value={choice.month}
                  onChange={(month) => change({ month })}
                  options={Array.from({ length: 12 }, (_, i) => ({ value: i + 1, label: `${i + 1}月` }))}
                />
              )}
              {choice.kind === 'range' && (
                <DatePicker.RangePicker
                  aria-label="起止日期"
                  value={range}
                  onChange={(v) => change({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
                />
              )}
            </Space>
          </Form.Item>
          <Form.Item label="审核人" htmlFor="report-reviewer">
            <Input
              id="report-reviewer"
              style={{ width: 110 }}
              maxLength={50}
              value={reviewer}
              onChange={(e) => setReviewer(e.target.value)}
              placeholder="可不填"
            />
          </Form.Item>
          <Form.Item label="单位负责人" htmlFor="report-unit-head">
            <Input
              id="report-unit-head"
              style={{ width: 110 }}
              maxLength={50}
              value={unitHead}
              onChange={(e) => setUnitHead(e.target.value)}
              placeholder="可不填"
            />
          </Form.Item>
          <Form.Item>
            <Checkbox
              checked={yoy}
              onChange={(e) => {
                setYoy(e.target.checked)
                setResult(undefined)
              }}
            >
              附上年同期、同比
            </Checkbox>
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" loading={busy}>
                生成报表
              </Button>
              <Button onClick={exportAll} loading={exportingAll} disabled={busy}>
                导出全套报表
              </Button>
            </Space>
          </Form.Item>
        </Form>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 13 }}>
          填报人：{preparer}
          {form?.preparer ? '' : '（当前登录用户）'}
          。制表机关、表号、单位负责人、审核人、填报人和联系电话在“系统设置 → 统计报表表式与签署”中设置。报表由本院记录
          {unit.level === 'basic' ? '' : '和已导入的下级院数据'}
          生成；小额应急性帮扶案件不计入统计（仍记入台账），每张表的表注都会说明。“导出全套报表”把所选期间的
          {unit.level === 'basic' ? '统计表' : '统计表及其按单位汇总的各表'}、发放明细表和办案时限情况表写进一个 Excel
          工作簿（每张表一个工作表，另附“数据来源”）。勾选“附上年同期、同比”时，统计表的件数和金额后列出上年同期的数字和同比
          {unit.level === 'basic' ? '' : '，另附按单位的同比汇总表'}。
        </Typography.Text>
      </Card>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} />}
      {result && view && (
        <Card
          size="small"
          title={
            result.views.length > 1 ? (
              <Segmented
                aria-label="报表视图"
                value={view.key}
                onChange={(k) => setViewKey(String(k))}
                options={result.views.map((v) => ({ value: v.key, label: v.label }))}
              />
            ) : (
              `${reportKindLabels[result.kind]} · ${result.period.name}`
            )
          }
          extra={
            <Button onClick={exportView} loading={exporting}>
              导出 Excel
            </Button>
          }
        >
          <TablePreview key={view.key} table={table ?? view.table} />
        </Card>
      )}
    </div>
  )
}
