import { type ColumnMapping, type HeaderBlock, headerLabels } from '@shared/legacyImport/fields'
import { fieldLabel, type LegacyField, type RegisterKind, registerKindSpecs } from '@shared/legacyImport/kinds'
import { cellText, columnLetter, type LegacySheet } from '@shared/legacyImport/sheet'
import { Card, InputNumber, Select, Space, Table, Typography } from 'antd'

/**
 * 选择工作表、表头行与对应字段: the first rows of the sheet as they are (row numbers and column letters, as in Excel),
 * the header rows (a merged two-row header is read as one: 申请人/姓名), and for each field the column it comes from.
 */
export function MappingStep(props: {
  kind: RegisterKind
  sheets: LegacySheet[]
  sheetIndex: number
  onSheet: (i: number) => void
  header: HeaderBlock
  onHeader: (h: HeaderBlock) => void
  mapping: ColumnMapping
  onMapping: (m: ColumnMapping) => void
}) {
  const { sheets, sheetIndex, header, mapping, kind } = props
  const spec = registerKindSpecs[kind]
  const sheet = sheets[sheetIndex]
  const labels = headerLabels(sheet, header.top, header.bottom)
  const width = Math.max(labels.length, ...sheet.rows.slice(0, 12).map((r) => r.length))
  const preview = sheet.rows.slice(0, Math.max(8, header.bottom + 4)).map((row, r) => ({ key: r, r, row }))
  const options = labels
    .map((l, c) => ({ value: c, label: `${columnLetter(c)} 列${l ? `：${l}` : ''}` }))
    .filter((_, c) => c < width)
  const rows = Math.max(1, sheet.rows.length)
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title="工作表与表头">
        <Space wrap>
          {sheets.length > 1 && (
            <span>
              工作表：
              <Select
                aria-label="工作表"
                style={{ minWidth: 160 }}
                value={sheetIndex}
                onChange={props.onSheet}
                options={sheets.map((s, i) => ({ value: i, label: `${s.name}（${s.rows.length} 行）` }))}
              />
            </span>
          )}
          <span>
            表头从第{' '}
            <InputNumber
              aria-label="表头首行"
              min={1}
              max={rows}
              value={header.top + 1}
              onChange={(v) => v && props.onHeader({ top: v - 1, bottom: Math.max(v - 1, header.bottom) })}
            />{' '}
            行到第{' '}
            <InputNumber
              aria-label="表头末行"
              min={header.top + 1}
              max={rows}
              value={header.bottom + 1}
              onChange={(v) => v && props.onHeader({ top: header.top, bottom: v - 1 })}
            />{' '}
            行（合并的多行表头请包括全部表头行）
          </span>
        </Space>
        <Table
          size="small"
          style={{ marginTop: 12 }}
          pagination={false}
          scroll={{ x: true }}
          dataSource={preview}
          rowClassName={(x) => (x.r >= header.top && x.r <= header.bottom ? 'ant-table-row-selected' : '')}
          columns={[
            { title: '行', dataIndex: 'r', width: 48, render: (r: number) => r + 1 },
            ...Array.from({ length: width }, (_, c) => ({
              title: columnLetter(c),
              key: c,
              ellipsis: true,
              render: (_: unknown, x: { row: unknown[] }) => cellText(x.row[c] as never),
            })),
          ]}
        />
      </Card>
      <Card size="small" title="对应字段（根据表头自动建议，可修改）">
        <Space direction="vertical" style={{ width: '100%' }}>
          {(Object.keys(spec.labels) as LegacyField[]).map((f) => (
            <Space key={f}>
              <Typography.Text style={{ display: 'inline-block', width: 150 }}>
                {fieldLabel(kind, f)}
                {spec.required.includes(f) && <Typography.Text type="danger">（必填）</Typography.Text>}
              </Typography.Text>
              <Select
                aria-label={`${fieldLabel(kind, f)}所在列`}
                style={{ width: 320 }}
                allowClear
                placeholder="（表中没有此项）"
                value={mapping[f]}
                options={options}
                onChange={(c?: number) => {
                  const next = { ...mapping }
                  if (c === undefined) delete next[f]
                  else next[f] = c
                  props.onMapping(next)
                }}
              />
            </Space>
          ))}
        </Space>
      </Card>
    </Space>
  )
}
