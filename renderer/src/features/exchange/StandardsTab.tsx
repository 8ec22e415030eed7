import { formatYuanWithUnit } from '@shared/domain/money'
import type { Filing } from '@shared/exchange/downward'
import { formatFingerprint } from '@shared/exchange/fingerprint'
import { Card, Collapse, Descriptions, Empty, Table, Tag, Typography } from 'antd'
import { useSession } from '../../app/session'
import { formatInstant } from '../../components/format'
import { useDbQuery } from '../../db'
import type { DirectoryRow } from '../../db/exchange'
import { listDirectory, listFilings, type StandardsInForce, standardsInForce } from '../../db/exchange'
import { levelLabel } from './common'

type EditionRow = StandardsInForce['rows'][number]

/**
 * 现行标准 (docs/exchange.md §一.7): which standards this office uses — per issuing office the edition held and the
 * bundle it came in — and what they contain: wage figures, holiday years, local measures, rule-set updates. Also
 * the unit directory a higher office signed, and (at the national level) the filings received.
 */
export function StandardsTab() {
  const { store, unit } = useSession()
  const data = useDbQuery(() => store.read(standardsInForce), [store])
  const directory = useDbQuery(() => store.read(listDirectory), [store])
  const filings = useDbQuery(
    () => (unit.level === 'supreme' ? store.read(listFilings) : Promise.resolve([])),
    [store, unit],
  )
  if (!data) return null
  return (
    <div>
      <Card title="本院现行的标准" style={{ marginBottom: 16 }}>
        {data.rows.length === 0 ? (
          <Empty description="尚未收到上级院下发的标准，也未发布本院标准。规则、工资标准和节假日均使用软件内置数据和本院录入的实施办法。" />
        ) : (
          <Table<EditionRow>
            size="small"
            pagination={false}
            rowKey="issuer"
            dataSource={data.rows}
            aria-label="现行标准"
            columns={[
              {
                title: '发布单位',
                render: (_, r) => `${r.edition.issuerName}（${r.issuer}，${levelLabel(r.edition.issuerLevel)}）`,
              },
              { title: '标准', render: (_, r) => `${r.edition.title}` },
              { title: '版本', render: (_, r) => <Tag color="blue">第 {r.edition.edition} 版</Tag> },
              { title: '发布时间', render: (_, r) => formatInstant(r.edition.issuedAt) },
              {
                title: '来源',
                render: (_, r) =>
                  r.source === 'own'
                    ? '本院发布'
                    : r.bundle
                      ? `“${r.bundle.senderName}”第 ${r.bundle.channelSeq} 号下发标准包，${formatInstant(r.bundle.receivedAt)} 导入`
                      : `数据包 ${r.bundleId}`,
              },
            ]}
          />
        )}
      </Card>
      <Collapse
        style={{ marginBottom: 16 }}
        defaultActiveKey={['wages']}
        items={[
          {
            key: 'wages',
            label: `职工月平均工资（${data.wages.length} 项）`,
            children: (
              <Table
                size="small"
                pagination={{ pageSize: 20 }}
                rowKey={(w) => `${w.regionCode}/${w.year}/${w.series}`}
                dataSource={data.wages}
                aria-label="现行工资标准"
                columns={[
                  { title: '地区代码', dataIndex: 'regionCode' },
                  { title: '年度', dataIndex: 'year' },
                  { title: '口径', dataIndex: 'series' },
                  { title: '月平均工资', dataIndex: 'monthlyWageFen', render: (v: number) => formatYuanWithUnit(v) },
                  { title: '出处', render: (_, w) => w.source.document },
                  { title: '来自', dataIndex: 'from' },
                ]}
              />
            ),
          },
          {
            key: 'calendar',
            label: '法定节假日与调休安排',
            children: (
              <Table
                size="small"
                pagination={false}
                rowKey="year"
                dataSource={data.calendarYears}
                aria-label="节假日年度"
                columns={[
                  { title: '年度', dataIndex: 'year' },
                  { title: '放假天数', dataIndex: 'holidays' },
                  { title: '调休上班天数', dataIndex: 'workdays' },
                  { title: '来自', dataIndex: 'from' },
                ]}
              />
            ),
          },
          {
            key: 'measures',
            label: `实施办法（${data.measures.length} 件）`,
            children: data.measures.length ? (
              <Table
                size="small"
                pagination={false}
                rowKey="id"
                dataSource={data.measures}
                aria-label="现行实施办法"
                columns={[
                  { title: '名称', dataIndex: 'title' },
                  { title: '文号', dataIndex: 'document' },
                  { title: '施行日期', dataIndex: 'effectiveDate' },
                  {
                    title: '适用范围',
                    render: (_, m) => (m.scope.unitCode ? `单位 ${m.scope.unitCode}` : `地区 ${m.scope.regionCode}`),
                  },
                  {
                    title: '每案最高',
                    render: (_, m) => (m.perCaseMaxFen ? formatYuanWithUnit(m.perCaseMaxFen) : '—'),
                  },
                  { title: '来自', dataIndex: 'from' },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">没有下发的实施办法。</Typography.Text>
            ),
          },
          {
            key: 'rules',
            label: `规则集更新（${data.ruleSets.length} 件）`,
            children: data.ruleSets.length ? (
              <Table
                size="small"
                pagination={false}
                rowKey="id"
                dataSource={data.ruleSets}
                columns={[
                  { title: '规则集', dataIndex: 'shortTitle' },
                  { title: '代码', dataIndex: 'id' },
                  { title: '施行日期', dataIndex: 'effectiveDate' },
                  { title: '来自', dataIndex: 'from' },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">使用软件内置的 2014 年意见、2016 年和 2021 年细则。</Typography.Text>
            ),
          },
        ]}
      />
      {directory && directory.length > 0 && (
        <Card title="上级院签发的单位目录" style={{ marginBottom: 16 }}>
          <Table<DirectoryRow>
            size="small"
            pagination={false}
            rowKey="unitCode"
            dataSource={directory}
            columns={[
              { title: '单位', render: (_, d) => `${d.unitName}（${d.unitCode}）` },
              { title: '层级', dataIndex: 'level', render: levelLabel },
              { title: '密钥指纹', dataIndex: 'fingerprint', render: (v: string) => <code>{v}</code> },
              {
                title: '已吊销的密钥',
                render: (_, d) =>
                  d.revokedKeys?.map((r) => (
                    <Tag key={r.keyId} color="red">
                      {formatFingerprint(r.keyId)}（{r.revokedOn}，{r.reason}）
                    </Tag>
                  )) ?? '无',
              },
              { title: '收到时间', dataIndex: 'receivedAt', render: formatInstant },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
            目录供核对用：导入某单位的数据包仍须先与其互相入网登记、电话核对指纹。以上级院吊销的密钥签名的数据包和案件移送材料包，本院一律拒收。
          </Typography.Paragraph>
        </Card>
      )}
      {unit.level === 'supreme' && (
        <Card title="收到的备案材料" style={{ marginBottom: 16 }}>
          {filings?.length ? <FilingsTable rows={filings} /> : <Empty description="尚未收到省级院报备的实施办法。" />}
        </Card>
      )}
    </div>
  )
}

export function FilingsTable({ rows }: { rows: Filing[] }) {
  return (
    <Table<Filing>
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={rows}
      aria-label="备案材料"
      expandable={{
        expandedRowRender: (f) => (
          <Descriptions size="small" column={1} bordered>
            <Descriptions.Item label="实施办法">
              {f.measures.title}（{f.measures.document}，{f.measures.effectiveDate} 起施行）
            </Descriptions.Item>
            <Descriptions.Item label="参数">
              {[
                f.measures.perCaseMaxFen ? `每案最高 ${formatYuanWithUnit(f.measures.perCaseMaxFen)}` : '',
                f.measures.floorFen ? `最低 ${formatYuanWithUnit(f.measures.floorFen)}` : '',
                f.measures.escalationThresholdFen
                  ? `${formatYuanWithUnit(f.measures.escalationThresholdFen)}以上报${f.measures.escalationBody}`
                  : '',
                `工资标准 ${f.measures.wageTable.length} 项`,
              ]
                .filter(Boolean)
                .join('；')}
            </Descriptions.Item>
            <Descriptions.Item label="文件">
              {f.documentName}（{f.documentBytes} 字节，SHA-256 <code>{f.documentSha256}</code>）
            </Descriptions.Item>
            {f.note && <Descriptions.Item label="说明">{f.note}</Descriptions.Item>}
          </Descriptions>
        ),
      }}
      columns={[
        { title: '报备单位', dataIndex: 'ownerUnit' },
        { title: '报备事项', dataIndex: 'title' },
        { title: '报备日期', dataIndex: 'filedOn' },
        { title: '文件', dataIndex: 'documentName' },
      ]}
    />
  )
}
