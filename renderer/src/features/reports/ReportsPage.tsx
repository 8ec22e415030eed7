import { type AppError, appError, fail, ok, type Result } from '@shared/errors'
import type { Period } from '@shared/report/period'
import type { Signatures } from '@shared/report/tableModel'
import { chinaDateOf, chinaFileStamp } from '@shared/util/clock'
import { Alert, Button, Card, Segmented, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useSession } from '../../app/session'
import { type Report, useAction } from '../../app/useAction'
import { useExportedNotice } from '../../components/ExportedFile'
import { reportInputs, storageErrorFrom, useDbQuery } from '../../db'
import { api } from '../../platform/api'
import { ReportOptions } from './ReportOptions'
import { defaultPeriodChoice, exportFileName, type PeriodChoice, periodFromChoice } from './reportModel'
import { type ReportKind, type ReportView, reportKindLabels, runReport } from './runReport'
import { TablePreview } from './TablePreview'

interface Generated {
  kind: ReportKind
  period: Period
  views: ReportView[]
}

const REPORT_SET_TITLE = '司法救助统计报表（全套）'

/**
 * 统计报表: pick a report and a period, preview the table model exactly as it will be printed, export it to Excel
 * through the main process. At a higher office the 统计表 comes with the roll-up views (a row per subordinate
 * office, subtotals by level, grand total) built from this office's records and the imported replicas.
 */
export function ReportsPage() {
  const { store, unit, user } = useSession()
  const notice = useExportedNotice()
  const today = chinaDateOf(Date.now())
  const [kind, setKind] = useState<ReportKind>('stats')
  const [choice, setChoice] = useState<PeriodChoice>(() => defaultPeriodChoice(today))
  const [reviewer, setReviewer] = useState('')
  const [unitHead, setUnitHead] = useState('')
  // 附上年同期、同比 (off by default): the 统计表 with 上年同期 and 同比 columns, here and in 导出全套报表
  const [yoy, setYoy] = useState(false)
  const [error, setError] = useState<string>()
  const showError: Report = (o) => setError(o?.type === 'error' ? o.title : undefined)
  const generating = useAction(showError)
  const exportingAll = useAction(showError)
  const exporting = useAction(showError)
  const [result, setResult] = useState<Generated>()
  const [viewKey, setViewKey] = useState<string>()
  // 制表机关, 表号 and the signatories from 系统设置 (reportForm); 审核人 and 单位负责人 start from there
  const form = useDbQuery(() => store.setting('reportForm'), [store])
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

  /** The period chosen, or undefined with the error shown. */
  function chosenPeriod(): Period | undefined {
    setError(undefined)
    try {
      return periodFromChoice(choice)
    } catch (e) {
      setError(appError('report.period-invalid', { detail: e instanceof Error ? e.message : String(e) }).message)
      return undefined
    }
  }

  /** Runs the given reports for the period on this office's records (read once for all of them). */
  async function runReports(kinds: readonly ReportKind[], period: Period): Promise<Result<ReportView[][]>> {
    try {
      const inputs = await store.read(reportInputs, unit.code)
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
      return ok(out)
    } catch (e) {
      return fail(reportFailure(e))
    }
  }

  async function generate() {
    const period = chosenPeriod()
    if (!period) return
    const res = await generating.run(() => runReports([kind], period))
    if (!res.ok) return
    const [views] = res.value
    setResult({ kind, period, views })
    setViewKey(views[0]?.key)
  }

  /** 导出全套报表: every report of the period (the 统计表 with its views at a higher office) in one workbook. */
  async function exportAll() {
    const period = chosenPeriod()
    if (!period) return
    const res = await exportingAll.run(async () => {
      const built = await runReports(Object.keys(reportKindLabels) as ReportKind[], period)
      if (!built.ok) return built
      const tables = built.value.flat().map((v) => v.table)
      const written = await api.excelExportWorkbook({
        fileName: exportFileName({ title: REPORT_SET_TITLE }, period, chinaFileStamp(Date.now())),
        tables,
      })
      return written.ok ? ok({ path: written.value.path, count: tables.length }) : written
    })
    if (res.ok) notice(`已导出${REPORT_SET_TITLE}（${res.value.count} 张表）`, res.value.path)
  }

  const view = result?.views.find((v) => v.key === viewKey) ?? result?.views[0]
  // the names on the signature line follow the fields at once (they are not part of the figures or the hash)
  const table = view && { ...view.table, signatures: { ...view.table.signatures, ...signatures() } }

  async function exportView() {
    if (!result || !table) return
    const res = await exporting.run(() =>
      api.excelExportTable({ fileName: exportFileName(table, result.period, chinaFileStamp(Date.now())), table }),
    )
    if (res.ok) notice(`已导出“${table.title}”`, res.value.path)
  }

  return (
    <div>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        统计报表
      </Typography.Title>
      <ReportOptions
        kind={kind}
        onKind={(k) => {
          setKind(k)
          setResult(undefined)
        }}
        choice={choice}
        years={years}
        onPeriod={(patch) => {
          setChoice((c) => ({ ...c, ...patch }))
          setResult(undefined)
        }}
        reviewer={reviewer}
        onReviewer={setReviewer}
        unitHead={unitHead}
        onUnitHead={setUnitHead}
        yoy={yoy}
        onYoy={(checked) => {
          setYoy(checked)
          setResult(undefined)
        }}
        preparer={preparer}
        preparerFromSettings={!!form?.preparer}
        level={unit.level}
        generating={generating.busy}
        exportingAll={exportingAll.busy}
        onGenerate={() => void generate()}
        onExportAll={() => void exportAll()}
      />
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
            <Button onClick={exportView} loading={exporting.busy}>
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

/** A failure while building reports: a storage code as it is, anything else as 生成报表失败 with its detail. */
function reportFailure(e: unknown): AppError {
  const stored = storageErrorFrom(e)
  return stored.code === 'db.unknown'
    ? appError('report.failed', { detail: e instanceof Error ? e.message : String(e) })
    : stored
}
