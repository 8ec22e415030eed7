import type { ReportRunOptions } from '@shared/report/definitions/common'
import { buildPaymentsReport, type PaymentCase, type PaymentPerson } from '@shared/report/definitions/payments'
import { buildStatsReport, type StatsInput } from '@shared/report/definitions/stats'
import { buildTimelinessReport, type TimelinessCase } from '@shared/report/definitions/timeliness'
import type { Period } from '@shared/report/period'
import type { RecordSource } from '@shared/report/source'
import type { Signatures, TableModelParsed } from '@shared/report/tableModel'
import type { ReportInputs } from '../../db'

export type ReportKind = 'stats' | 'payments' | 'timeliness'

export const reportKindLabels: Record<ReportKind, string> = {
  stats: '统计表',
  payments: '发放明细表',
  timeliness: '办案时限',
}

/** One previewable, exportable table of a report run (the 统计表 of a higher office has four). */
export interface ReportView {
  key: string
  label: string
  table: TableModelParsed
}

export interface ReportRun {
  kind: ReportKind
  period: Period
  unitCode: string
  generatedAt: string
  generatedBy: string
  signatures: Signatures
  /** 制表机关 and 表号 (ReportRunOptions.form). */
  form?: ReportRunOptions['form']
  /** 附上年同期、同比: the 统计表 with its 上年同期 and 同比 columns (and, at a higher office, the 同比 roll-up). */
  yoy?: boolean
}

const statsViewLabels = [
  '统计表（合计）',
  '汇总表（按单位）',
  '重点群体（按单位）',
  '对象类别（按单位）',
  '同比（按单位）',
]
const statsViewKeys = ['stats', 'rollup', 'groups', 'categories', 'yoy']

/**
 * Runs one report definition (shared/report/definitions) on the records held here. The definitions scope the
 * records by owner office through the unit directory, so a higher office's own records and its subordinates'
 * replicas go in together and come out as rows per office with subtotals and a total.
 */
export async function runReport(inputs: ReportInputs, run: ReportRun): Promise<ReportView[]> {
  const options = {
    scope: { unitCode: run.unitCode, units: inputs.units },
    generatedAt: run.generatedAt,
    generatedBy: run.generatedBy,
    signatures: run.signatures,
    ...(run.form ? { form: run.form } : {}),
    bundles: inputs.bundles,
    ...(inputs.imports ? { imports: inputs.imports } : {}),
    period: run.period,
    ...(inputs.ruleSets ? { ruleSets: inputs.ruleSets } : {}),
  }
  const r = inputs.records
  switch (run.kind) {
    case 'stats': {
      const { tables } = await buildStatsReport(r as unknown as StatsInput, options, { yoy: run.yoy === true })
      return tables.map((table, i) => ({ key: statsViewKeys[i], label: statsViewLabels[i], table }))
    }
    case 'payments': {
      const { table } = await buildPaymentsReport(
        {
          cases: r.cases as unknown as RecordSource<PaymentCase>,
          persons: r.persons as unknown as RecordSource<PaymentPerson>,
        },
        options,
      )
      return [{ key: 'payments', label: '发放明细表', table }]
    }
    case 'timeliness': {
      const { table } = await buildTimelinessReport(
        { cases: r.cases as unknown as RecordSource<TimelinessCase> },
        { ...options, ...(inputs.calendar ? { calendar: inputs.calendar } : {}) },
      )
      return [{ key: 'timeliness', label: '办案时限情况表', table }]
    }
  }
}
