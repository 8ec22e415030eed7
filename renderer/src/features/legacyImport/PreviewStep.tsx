import { formatYuanWithUnit } from '@shared/domain/money'
import { followUpMethodLabels } from '@shared/domain/schemas/moneyLabels'
import type { RegisterKind } from '@shared/legacyImport/kinds'
import { countVerdicts, type RowVerdict, type RowVerdictKind, verdictLabels } from '@shared/legacyImport/rows'
import { Alert, Segmented, Space, Table, Tag, Typography } from 'antd'
import { useState } from 'react'

const colors: Record<RowVerdictKind, string> = {
  new: 'green',
  matched: 'blue',
  unchanged: 'default',
  rejected: 'red',
  skipped: 'orange',
}

/**
 * 检查结果: how many rows are new, already held here (matched to a case of this office, or imported before and
 * unchanged), rejected or skipped — and each row with its reasons, column by column. Only the new rows are written.
 */
export function PreviewStep({ verdicts, kind }: { verdicts: RowVerdict[]; kind: RegisterKind }) {
  const counts = countVerdicts(verdicts)
  const [shown, setShown] = useState<RowVerdictKind | 'all'>(counts.rejected > 0 ? 'rejected' : 'all')
  const rows = shown === 'all' ? verdicts : verdicts.filter((v) => v.kind === shown)
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <div data-testid="legacy-counts">
        {(Object.keys(verdictLabels) as RowVerdictKind[]).map((k) => (
          <Tag key={k} color={colors[k]} style={{ fontSize: 14, padding: '2px 8px' }}>
            {verdictLabels[k]} {counts[k]} 行
          </Tag>
        ))}
      </div>
      {counts.rejected > 0 && (
        <Alert
          type="warning"
          showIcon
          title={`有 ${counts.rejected} 行被拒收，不会导入。`}
          description="可先导入其余各行；再点“导出错误报告”，按报告逐行修正台账后重新导入同一文件（已导入的行显示为“已导入，未变”）。"
        />
      )}
      <Segmented
        value={shown}
        onChange={(v) => setShown(v as RowVerdictKind | 'all')}
        options={[
          { value: 'all', label: `全部 ${verdicts.length}` },
          ...(Object.keys(verdictLabels) as RowVerdictKind[]).map((k) => ({
            value: k,
            label: `${verdictLabels[k]} ${counts[k]}`,
          })),
        ]}
      />
      <Table
        size="small"
        data-testid="legacy-verdicts"
        rowKey="row"
        dataSource={rows}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          { title: '行号', dataIndex: 'row', width: 64 },
          {
            title: '结果',
            dataIndex: 'kind',
            width: 130,
            render: (k: RowVerdictKind) => <Tag color={colors[k]}>{verdictLabels[k]}</Tag>,
          },
          {
            title: '申请人',
            width: 90,
            render: (_: unknown, v: RowVerdict) => v.facts?.applicant.name ?? v.raw?.name ?? '',
          },
          {
            title: kind === 'cases' ? '原案件编号' : '救助案件',
            width: 190,
            render: (_: unknown, v: RowVerdict) =>
              v.facts?.underlyingCaseNo ?? (v.facts ? undefined : v.existing) ?? v.raw?.caseNo ?? '',
          },
          ...(kind === 'payments' ? paymentColumns : kind === 'followUps' ? followUpColumns : caseColumns),
          {
            title: '说明',
            render: (_: unknown, v: RowVerdict) => (
              <>
                {v.existing && v.facts && <div>已有：{v.existing}</div>}
                {v.problems.map((p) => (
                  <div key={`${p.column}${p.message}`}>
                    {p.column && <Typography.Text strong>{p.column}：</Typography.Text>}
                    {p.message}
                  </div>
                ))}
                {v.notes.map((n) => (
                  <Typography.Text key={n} type="warning">
                    {n}
                  </Typography.Text>
                ))}
              </>
            ),
          },
        ]}
      />
    </Space>
  )
}

const caseColumns = [
  { title: '决定日期', width: 100, render: (_: unknown, v: RowVerdict) => v.facts?.decisionDate ?? '' },
  {
    title: '救助金额',
    width: 120,
    render: (_: unknown, v: RowVerdict) => (v.facts ? formatYuanWithUnit(v.facts.amountFen) : ''),
  },
]

const paymentColumns = [
  { title: '发放日期', width: 100, render: (_: unknown, v: RowVerdict) => v.payment?.paidDate ?? '' },
  {
    title: '发放金额',
    width: 120,
    render: (_: unknown, v: RowVerdict) => (v.payment ? formatYuanWithUnit(v.payment.amountFen) : ''),
  },
]

const followUpColumns = [
  { title: '回访日期', width: 100, render: (_: unknown, v: RowVerdict) => v.followUp?.date ?? '' },
  {
    title: '回访方式',
    width: 100,
    render: (_: unknown, v: RowVerdict) => (v.followUp ? followUpMethodLabels[v.followUp.method] : ''),
  },
]
