import { formLine, SEAL_LABEL, signatureLines } from '@shared/report/furniture'
import type { CellValue, RowStyle, TableModelParsed } from '@shared/report/tableModel'
import { Collapse, Flex, Table, Typography } from 'antd'
import type { ColumnsType, ColumnType } from 'antd/es/table'
import type { CSSProperties } from 'react'
import { formatInstant } from '../../components/format'
import { cellAlign, formatCell, type PreviewColumn, previewColumns } from './reportModel'

interface PreviewRow {
  key: number
  cells: readonly CellValue[]
  style?: RowStyle
}

const CHAR_PX = 8
const PAGE_SIZE = 100

/** Pixel width of a column given in characters (as for Excel), with room for padding. */
const pxOf = (chars: number | undefined) => Math.max(48, (chars ?? 10) * CHAR_PX + 16)

const rowStyleCss: Record<RowStyle, CSSProperties> = {
  subtotal: { fontWeight: 600, background: '#fafafa' },
  total: { fontWeight: 700, background: '#f0f5ff' },
  section: { fontWeight: 600, background: '#f5f5f5' },
}

/**
 * On-screen preview of a table model — the very object the Excel writer lays out: title block, the multi-row
 * merged headers, body with subtotals, totals and section headings, footnotes, the signature line, and the
 * provenance (who, when, which data up to which rev, input hash).
 */
export function TablePreview({ table }: { table: TableModelParsed }) {
  const nCols = table.columns.length
  const toAntd = (cols: PreviewColumn[]): ColumnsType<PreviewRow> =>
    cols.map((c): ColumnType<PreviewRow> | { title: string; key: string; children: ColumnsType<PreviewRow> } => {
      if (c.children) return { title: c.title, key: c.key, children: toAntd(c.children) }
      const index = c.index as number
      const col = table.columns[index]
      return {
        title: c.title,
        key: c.key,
        width: pxOf(col.width),
        align: 'center',
        fixed: index < (table.frozenColumns ?? 0) ? 'left' : undefined,
        onCell: (row) => ({
          colSpan: row.style === 'section' ? (index === 0 ? nCols : 0) : 1,
          style: { ...(row.style ? rowStyleCss[row.style] : {}), textAlign: cellAlign(col.kind, row.cells[index]) },
        }),
        render: (_: unknown, row) => {
          const text = formatCell(col.kind, row.cells[index])
          return col.kind === 'text' ? <span style={{ whiteSpace: 'pre-wrap' }}>{text}</span> : text
        },
      }
    })
  const columns = toAntd(previewColumns(table))
  const rows: PreviewRow[] = table.rows.map((cells, i) => ({ key: i, cells, style: table.rowStyles[String(i)] }))
  const width = table.columns.reduce((s, c) => s + pxOf(c.width), 0)
  const sig = table.signatures ?? {}
  const info = table.provenanceInfo
  return (
    <div data-testid="report-preview">
      <Typography.Title level={4} style={{ textAlign: 'center', marginBottom: 8 }} data-testid="report-title">
        {table.title}
      </Typography.Title>
      <Flex justify="space-between" wrap style={{ marginBottom: 4 }}>
        <span>填报单位：{table.unitName}</span>
        <span>统计期间：{table.periodLabel}</span>
      </Flex>
      {(table.unitsNote || formLine(table)) && (
        <Flex justify="space-between" wrap style={{ marginBottom: 8 }}>
          <span>{table.unitsNote ?? ''}</span>
          <span data-testid="report-form-line">{formLine(table)}</span>
        </Flex>
      )}
      <div data-testid="report-table">
        <Table<PreviewRow>
          bordered
          size="small"
          columns={columns}
          dataSource={rows}
          scroll={{ x: width }}
          pagination={
            rows.length > PAGE_SIZE * 2
              ? { pageSize: PAGE_SIZE, showSizeChanger: false, showTotal: (n) => `共 ${n} 行` }
              : false
          }
        />
      </div>
      <div style={{ marginTop: 8 }} data-testid="report-footnotes">
        {table.footnotes.map((f) => (
          <Typography.Paragraph key={f} style={{ marginBottom: 4, fontSize: 13 }}>
            {f}
          </Typography.Paragraph>
        ))}
      </div>
      {table.signatureLine && (
        <>
          <div style={{ margin: '12px 0 4px' }} data-testid="report-signatures">
            {signatureLines(sig).map((parts) => (
              <Flex key={parts[0]} gap={48} wrap style={{ marginBottom: 4 }}>
                {parts.map((part) => (
                  <span key={part.slice(0, 3)}>{part}</span>
                ))}
              </Flex>
            ))}
          </div>
          <div style={{ textAlign: 'center', paddingLeft: '50%', minHeight: 48 }} data-testid="report-seal">
            {SEAL_LABEL}
          </div>
        </>
      )}
      {info && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 13 }} data-testid="report-provenance-summary">
          生成于 {formatInstant(info.generatedAt)}（北京时间），生成人 {info.generatedBy}；输入数据校验值（SHA-256）
          <Typography.Text code copyable={{ text: info.inputHash, tooltips: ['复制校验值', '已复制'] }}>
            {info.inputHash.slice(0, 16)}…
          </Typography.Text>
        </Typography.Paragraph>
      )}
      {(table.provenance.length > 0 || table.provenanceTable) && (
        <Collapse
          size="small"
          defaultActiveKey={['provenance']}
          items={[
            {
              key: 'provenance',
              label: '数据来源与校验值',
              children: (
                <div data-testid="report-provenance">
                  {table.provenance.map((line) => (
                    <div key={line} style={{ fontSize: 13, marginBottom: 2, wordBreak: 'break-all' }}>
                      {line}
                    </div>
                  ))}
                  {table.provenanceTable && (
                    <Table
                      size="small"
                      bordered
                      style={{ marginTop: 8 }}
                      pagination={false}
                      rowKey={(r) => String(r[0])}
                      columns={table.provenanceTable.headers.map((h, i) => ({
                        title: h,
                        key: String(i),
                        align: /（条）$|变更序号/.test(h) ? ('right' as const) : ('left' as const),
                        ...(h === '单位名称'
                          ? { width: 240 }
                          : h === '层级'
                            ? { width: 130 }
                            : h === '截至变更序号'
                              ? { width: 110 }
                              : {}),
                        render: (_: unknown, r: readonly (string | number | null)[]) => r[i] ?? '',
                      }))}
                      dataSource={table.provenanceTable.rows}
                    />
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
    </div>
  )
}
