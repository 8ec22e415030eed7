import type { TableModel } from '../report/tableModel'
import type { RowVerdict } from './rows'
import { verdictLabels } from './rows'

/**
 * 错误报告: every row the check did not take (rejected, or skipped as blank, totals or notes), one line per problem
 * — the row, the column, the reason and what to do — as a table model the main process writes with the Excel writer
 * (`excel:exportTable`), so the office fixes its register and imports it again.
 */
export function errorReportTable(args: {
  fileName: string
  sha256: string
  sheet: string
  unitName: string
  verdicts: readonly RowVerdict[]
}): TableModel {
  const rows: (string | number)[][] = []
  for (const v of args.verdicts) {
    if (v.kind !== 'rejected' && v.kind !== 'skipped') continue
    for (const p of v.problems) rows.push([v.row, p.column || '（整行）', verdictLabels[v.kind], p.message])
  }
  const rejected = args.verdicts.filter((v) => v.kind === 'rejected').length
  const skipped = args.verdicts.filter((v) => v.kind === 'skipped').length
  return {
    title: '历史台账导入错误报告',
    unitName: args.unitName,
    periodLabel: `文件：${args.fileName}　工作表：${args.sheet}`,
    sheetName: '错误报告',
    headerRows: [[{ label: '行号' }, { label: '列' }, { label: '结果' }, { label: '原因及处理办法' }]],
    columns: [
      { key: 'row', kind: 'integer', width: 8 },
      { key: 'column', kind: 'text', width: 24 },
      { key: 'kind', kind: 'text', width: 10 },
      { key: 'reason', kind: 'text', width: 90 },
    ],
    rows,
    footnotes: [
      `拒收 ${rejected} 行，跳过 ${skipped} 行。请在原台账中逐行修正后重新导入；已导入的行再次导入时显示为“已导入，未变”，不会重复。`,
      `文件 SHA-256：${args.sha256}`,
    ],
  }
}
