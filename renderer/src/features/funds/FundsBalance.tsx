import { formatYuan } from '@shared/domain/money'
import { fundSourceLabels, fundSources, ledgerKindLabels } from '@shared/domain/schemas/labels'
import { type FundsSummary, type LedgerProblem, ledgerProblemLabels, unitWithSubordinates } from '@shared/registers'
import { Alert, Checkbox, Progress, Space, Table, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useSession } from '../../app/session'
import { fundsSummary, registerUnits, useDbQuery } from '../../db'

interface BalanceRow {
  key: string
  label: string
  received: number
  paid: number
  recovered: number
  balance: number
  difference: number
}

/**
 * 余额与对账: the balance per fund source (中央/省级/市级/县级/社会捐助) of this office's account — or of this office
 * and its subordinates' replicas — and the reconciliation 收入 − 支出 + 追回 = 余额 with the entries that break it.
 */
export function FundsBalance({ version, go }: { version: number; go: (path: string) => void }) {
  const { store, unit } = useSession()
  const units = useDbQuery(() => store.read(registerUnits), [store]) ?? []
  const hasSubordinates = units.some((u) => u.parentCode === unit.code)
  const [withSubordinates, setWithSubordinates] = useState(false)
  const [summary, setSummary] = useState<FundsSummary>()
  const [progress, setProgress] = useState<[number, number]>([0, 0])
  const scopeKey = withSubordinates ? unitWithSubordinates(unit.code, units).join(',') : unit.code
  // biome-ignore lint/correctness/useExhaustiveDependencies: version reloads after a write
  useEffect(() => {
    const abort = new AbortController()
    setSummary(undefined)
    store
      .read(fundsSummary, scopeKey.split(','), (done, total) => setProgress([done, total]), abort.signal)
      .then((s) => {
        if (!abort.signal.aborted) setSummary(s)
      })
    return () => abort.abort()
  }, [store, scopeKey, version])

  const rows: BalanceRow[] = summary
    ? [
        ...fundSources.map((s) => ({ key: s, label: fundSourceLabels[s], ...summary.bySource[s] })),
        { key: 'total', label: '合计', ...summary.total },
      ]
    : []
  const broken = summary ? fundSources.filter((s) => summary.bySource[s].difference !== 0) : []
  const yuan = (v: number) => formatYuan(v)
  return (
    <div data-testid="funds-balance">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>
          {withSubordinates ? `${unit.name}及下级院的资金账户（合并）` : `${unit.name}资金账户`}
        </Typography.Text>
        {hasSubordinates && (
          <Checkbox checked={withSubordinates} onChange={(e) => setWithSubordinates(e.target.checked)}>
            含下级院
          </Checkbox>
        )}
        {!summary && progress[1] > 1 && (
          <Progress percent={Math.round((progress[0] / progress[1]) * 100)} size="small" style={{ width: 200 }} />
        )}
      </Space>
      <Table<BalanceRow>
        size="small"
        pagination={false}
        loading={!summary}
        rowKey="key"
        dataSource={rows}
        aria-label="各资金来源余额"
        rowClassName={(r) => (r.key === 'total' ? 'total-row' : '')}
        columns={[
          { title: '资金来源', dataIndex: 'label', render: (v: string, r) => (r.key === 'total' ? <b>{v}</b> : v) },
          { title: '收入（拨款、捐助）', dataIndex: 'received', align: 'right', render: yuan },
          { title: '支出（发放）', dataIndex: 'paid', align: 'right', render: yuan },
          { title: '追回', dataIndex: 'recovered', align: 'right', render: yuan },
          { title: '余额', dataIndex: 'balance', align: 'right', render: (v: number) => <b>{yuan(v)}</b> },
          {
            title: '对账（收入 − 支出 + 追回 = 余额）',
            dataIndex: 'difference',
            render: (v: number) =>
              v === 0 ? (
                <Typography.Text type="success">相符</Typography.Text>
              ) : (
                <Typography.Text type="danger">不符，差额 {yuan(v)} 元</Typography.Text>
              ),
          },
        ]}
      />
      {summary && (
        <div style={{ marginTop: 16 }}>
          {summary.problems.length === 0 ? (
            <Alert
              type="success"
              showIcon
              role="status"
              title={`对账相符：共 ${summary.entries} 笔分录，各资金来源 收入 − 支出 + 追回 = 余额，未发现问题分录。`}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              role="alert"
              title={`发现 ${summary.problems.length} 笔问题分录${
                broken.length ? `；${broken.map((s) => fundSourceLabels[s]).join('、')}资金对账不符` : ''
              }`}
              description="以下分录违反资金台账的规则或使余额无法核对。台账只追加不修改：请以冲销分录更正，或补登缺少的拨款。"
            />
          )}
          {summary.problems.length > 0 && (
            <Table<LedgerProblem>
              style={{ marginTop: 8 }}
              size="small"
              rowKey={(p) => `${p.code}:${p.entryId}`}
              dataSource={summary.problems}
              aria-label="问题分录"
              pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (t) => `共 ${t} 笔` }}
              columns={[
                { title: '记账日期', dataIndex: 'date', width: 110 },
                {
                  title: '问题',
                  dataIndex: 'code',
                  render: (c: LedgerProblem['code']) => ledgerProblemLabels[c],
                  width: 220,
                },
                {
                  title: '类别',
                  dataIndex: 'kind',
                  render: (k: LedgerProblem['kind']) => ledgerKindLabels[k],
                  width: 90,
                },
                {
                  title: '资金来源',
                  dataIndex: 'fundSource',
                  render: (s: LedgerProblem['fundSource']) => fundSourceLabels[s],
                  width: 90,
                },
                { title: '分录金额', dataIndex: 'amountFen', align: 'right', render: yuan, width: 120 },
                { title: '涉及金额', dataIndex: 'affectedFen', align: 'right', render: yuan, width: 120 },
                { title: '说明', dataIndex: 'message' },
                {
                  title: '分录编号',
                  dataIndex: 'entryId',
                  render: (id: string, p) =>
                    p.caseId ? (
                      <a
                        href={`#/cases/${p.caseId}`}
                        onClick={(e) => {
                          e.preventDefault()
                          go(`cases/${p.caseId}`)
                        }}
                      >
                        {id}
                      </a>
                    ) : (
                      id
                    ),
                },
              ]}
            />
          )}
        </div>
      )}
    </div>
  )
}
