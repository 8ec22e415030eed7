import { mayRun } from '@shared/domain/permissions'
import { ok } from '@shared/errors'
import { errorReportTable } from '@shared/legacyImport/errorReport'
import { type ColumnMapping, type HeaderBlock, headerLabels, mappingByHeader } from '@shared/legacyImport/fields'
import type { LegacyFollowUpFacts } from '@shared/legacyImport/followUps'
import { type RegisterKind, registerKindLabels, registerKinds } from '@shared/legacyImport/kinds'
import type { LegacyPaymentFacts } from '@shared/legacyImport/payments'
import type { LegacyCaseFacts, RowVerdict } from '@shared/legacyImport/rows'
import type { LegacyWorkbook } from '@shared/legacyImport/sheet'
import { encodeBase64 } from '@shared/util/base64'
import { chinaDateOf } from '@shared/util/clock'
import { Alert, Button, Card, Select, Space, Spin, Steps, Typography } from 'antd'
import { type ChangeEvent, useState } from 'react'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { commitLegacyFollowUps } from '../../db/commands/legacyFollowUps'
import { commitLegacyImport, saveLegacyMapping } from '../../db/commands/legacyImport'
import { commitLegacyPayments } from '../../db/commands/legacyPayments'
import { savedLegacyMapping } from '../../db/queries/legacyImport'
import { api } from '../../platform/api'
import { type Outcome, OutcomeAlert } from '../exchange/common'
import { checkSheet, initialLayout, missingFields } from './checkFile'
import { ImportHistory } from './ImportHistory'
import { MappingStep } from './MappingStep'
import { PreviewStep } from './PreviewStep'

/**
 * 数据导入 — 历史台账 (docs/legacy-import.md): choose a register file (read in the main process) → sheet, header rows
 * and the column of each field → 检查 every row → the preview (新增 / 与本院已有案件相同 / 已导入未变 / 拒收 / 跳过)
 * → 确认导入 in one command, and the error report of the rows not taken as xlsx.
 */
export function LegacyImportPage() {
  const { store, actor, unit } = useSession()
  const [kind, setKind] = useState<RegisterKind>('cases')
  const registerType = registerKindLabels[kind]
  const [workbook, setWorkbook] = useState<LegacyWorkbook>()
  const [sheetIndex, setSheetIndex] = useState(0)
  const [header, setHeader] = useState<HeaderBlock>({ top: 0, bottom: 0 })
  const [mapping, setMapping] = useState<ColumnMapping>({})
  const [verdicts, setVerdicts] = useState<RowVerdict[]>()
  const [outcome, setOutcome] = useState<Outcome>()
  const { run, working: busy } = useAction(setOutcome)
  const sheet = workbook?.sheets[sheetIndex]

  async function layoutFor(wb: LegacyWorkbook, i: number, k: RegisterKind = kind) {
    const saved = await store.read(savedLegacyMapping, registerKindLabels[k])
    const layout = initialLayout(wb.sheets[i], saved, k)
    setHeader(layout.header)
    setMapping(layout.mapping)
    setVerdicts(undefined)
  }

  async function pick(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0]
    e.target.value = ''
    if (!file) return
    setWorkbook(undefined)
    setVerdicts(undefined)
    await run(
      async () => {
        const bytes = encodeBase64(new Uint8Array(await file.arrayBuffer()))
        const res = await api.legacyRead({ fileName: file.name, bytes })
        if (!res.ok) return res
        setWorkbook(res.value)
        setSheetIndex(0)
        await layoutFor(res.value, 0)
        return ok(undefined)
      },
      { label: '正在读取文件…', failure: '无法读取该文件' },
    )
  }

  async function check() {
    if (!sheet) return
    const missing = missingFields(mapping, kind)
    if (missing.length > 0) {
      return setOutcome({
        type: 'error',
        title: '还不能检查',
        detail: `还没有指定以下字段对应的列：${missing.join('、')}。`,
      })
    }
    await run(
      async (s) => ok(setVerdicts(await checkSheet(s, sheet, header, mapping, chinaDateOf(Date.now()), kind))),
      {
        label: '正在逐行检查…',
      },
    )
  }

  async function commit() {
    if (!workbook || !sheet || !verdicts) return
    const taken = verdicts.filter((v) => v.kind === 'new')
    const file = {
      fileName: workbook.fileName,
      fileSha256: workbook.sha256,
      sheet: sheet.name,
      registerType,
      rejectedCount: verdicts.filter((v) => v.kind === 'rejected').length,
    }
    const payments = kind === 'payments'
    await run(
      async (s) => {
        const res =
          kind === 'payments'
            ? await s.execute(commitLegacyPayments, {
                ...file,
                payments: taken.map((v) => v.payment as LegacyPaymentFacts),
              })
            : kind === 'followUps'
              ? await s.execute(commitLegacyFollowUps, {
                  ...file,
                  followUps: taken.map((v) => v.followUp as LegacyFollowUpFacts),
                })
              : await s.execute(commitLegacyImport, { ...file, rows: taken.map((v) => v.facts as LegacyCaseFacts) })
        if (!res.ok) return res
        const labels = headerLabels(sheet, header.top, header.bottom)
        await s.execute(saveLegacyMapping, { registerType, mapping: mappingByHeader(mapping, labels) })
        // the rows again: those just imported now show as 已导入未变
        setVerdicts(await checkSheet(s, sheet, header, mapping, chinaDateOf(Date.now()), kind))
        return res
      },
      {
        label: `正在导入 ${taken.length} ${unitOf[kind]}…`,
        failure: '未能导入',
        success: (value) =>
          kind === 'followUps'
            ? {
                type: 'success',
                title: `已导入 ${value.followUpIds?.length} 条回访记录（${value.caseCount} 件历史案件）`,
                detail: `来自“${workbook.fileName}”（SHA-256 ${workbook.sha256}）。这些回访记录标记为“历史导入”，计入其回访日期所在期间的回访台账；如有错误，可在下方“导入记录”中整体撤销。`,
              }
            : payments
              ? {
                  type: 'success',
                  title: `已导入 ${value.caseCount} 件历史案件的发放记录（${value.paymentRows} 行）`,
                  detail: `来自“${workbook.fileName}”（SHA-256 ${workbook.sha256}）。这些案件现为“已发放”，计入其发放日期所在期间的发放台账和统计；如有错误，可在下方“导入记录”中整体撤销。`,
                }
              : {
                  type: 'success',
                  title: `已导入 ${value.caseCount} 件历史案件`,
                  detail: `来自“${workbook.fileName}”（SHA-256 ${workbook.sha256}）。这些案件标记为“历史导入”，只读，计入一次性救助核查、台账和统计；如有错误，可在下方“导入记录”中整体撤销。`,
                },
      },
    )
  }

  async function exportErrors() {
    if (!workbook || !sheet || !verdicts) return
    const res = await api.excelExportTable({
      fileName:
        `导入错误报告-${workbook.fileName.replace(/\.[^.]+$/, '').replace(/[^\p{Script=Han}A-Za-z0-9 _\-.（）()]/gu, '_')}`.slice(
          0,
          100,
        ),
      table: errorReportTable({
        fileName: workbook.fileName,
        sha256: workbook.sha256,
        sheet: sheet.name,
        unitName: unit.name,
        verdicts,
      }),
    })
    setOutcome(
      res.ok
        ? { type: 'success', title: '错误报告已导出', detail: `文件：${res.value.path}（${res.value.rows} 行）` }
        : { type: 'error', title: '错误报告未能导出', detail: res.error.message },
    )
  }

  if (!mayRun(actor.roles, 'legacy.import')) {
    return (
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Title level={3}>数据导入</Typography.Title>
        <Alert type="info" showIcon title="导入历史台账由系统管理员或控申人员办理。以下是本院的导入记录。" />
        <ImportHistory />
      </Space>
    )
  }
  const newRows = verdicts?.filter((v) => v.kind === 'new').length ?? 0
  const stepNow = !workbook ? 0 : !verdicts ? 1 : 2
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Title level={3}>数据导入</Typography.Title>
      <Typography.Paragraph type="secondary">
        把本院以往用 Excel 或 WPS 记录的救助台账导入为“历史导入”案件：导入后计入一次性救助核查、台账和统计，只读；
        再导入“发放台账”“回访台账”，为这些案件登记发放和回访记录。支持 .xlsx 和 .csv（UTF-8 或 GBK）；.xls、.et
        文件请先在 Excel 或 WPS 中另存为 .xlsx。
      </Typography.Paragraph>
      <Steps
        current={stepNow}
        items={[{ title: '选择文件' }, { title: '表头与对应字段' }, { title: '检查结果与导入' }]}
      />
      <OutcomeAlert outcome={outcome} testId="legacy-outcome" />
      <Card size="small" title="选择文件">
        <Space wrap>
          <span>
            台账类型：
            <Select
              aria-label="台账类型"
              style={{ width: 200 }}
              value={kind}
              options={registerKinds.map((k) => ({ value: k, label: registerKindLabels[k] }))}
              onChange={(k: RegisterKind) => {
                setKind(k)
                if (workbook) void layoutFor(workbook, sheetIndex, k)
              }}
            />
          </span>
          <input type="file" accept=".xlsx,.csv,.xls,.et" aria-label="选择台账文件" onChange={pick} />
        </Space>
        {workbook && (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-testid="legacy-file">
            {workbook.fileName}（
            {workbook.format === 'csv'
              ? `CSV，${workbook.encoding === 'gb18030' ? 'GBK' : 'UTF-8'} 编码`
              : 'Excel 工作簿'}
            ，{workbook.sheets.length} 个工作表；SHA-256 {workbook.sha256}）
          </Typography.Paragraph>
        )}
      </Card>
      {busy && (
        <Spin tip={busy}>
          <div style={{ height: 48 }} />
        </Spin>
      )}
      {workbook && sheet && (
        <MappingStep
          kind={kind}
          sheets={workbook.sheets}
          sheetIndex={sheetIndex}
          onSheet={(i) => {
            setSheetIndex(i)
            void layoutFor(workbook, i)
          }}
          header={header}
          onHeader={(h) => {
            setHeader(h)
            setVerdicts(undefined)
          }}
          mapping={mapping}
          onMapping={(m) => {
            setMapping(m)
            setVerdicts(undefined)
          }}
        />
      )}
      {workbook && (
        <Space>
          <Button type="primary" onClick={check} disabled={!!busy}>
            检查
          </Button>
        </Space>
      )}
      {verdicts && (
        <Card size="small" title="检查结果">
          <PreviewStep verdicts={verdicts} kind={kind} />
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" disabled={newRows === 0 || !!busy} onClick={commit}>
              确认导入 {newRows} {unitOf[kind]}
            </Button>
            <Button
              onClick={exportErrors}
              disabled={!verdicts.some((v) => v.kind === 'rejected' || v.kind === 'skipped')}
            >
              导出错误报告
            </Button>
          </Space>
          {newRows === 0 && (
            <Alert
              style={{ marginTop: 8 }}
              type="info"
              showIcon
              title="没有可导入的新记录（全部已导入、与本院案件相同或被拒收）。"
            />
          )}
        </Card>
      )}
      <ImportHistory />
    </Space>
  )
}

/** What a row of each register kind becomes, as the buttons count it. */
const unitOf: Record<RegisterKind, string> = { cases: '件', payments: '行发放记录', followUps: '条回访记录' }
