import type { RuleSource } from '@shared/domain/findings'
import { builtInRuleSets, type RuleSet, ruleSetFor } from '@shared/domain/rulesets'
import { chinaDateOf } from '@shared/util/clock'
import { Card, Collapse, Descriptions, Table, Tag, Typography } from 'antd'

const confidence = { H: '原文可查', M: '二手资料或部分原文', L: '背景知识，待核实' } as const

function Source({ source }: { source: RuleSource }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {source.document}
      {source.article ? ` ${source.article}` : ''}（{confidence[source.confidence]}）
    </Typography.Text>
  )
}

function RuleSetView({ rs }: { rs: RuleSet }) {
  const t = rs.timeLimits
  return (
    <>
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
        <Descriptions.Item label="制定机关">{rs.issuer}</Descriptions.Item>
        <Descriptions.Item label="文号">{rs.documentNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="施行日期">{rs.effectiveDate}</Descriptions.Item>
        <Descriptions.Item label="牵头部门">{rs.leadDepartment}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={5}>救助对象（救助情形）</Typography.Title>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={rs.categories}
        columns={[
          { title: '情形', dataIndex: 'label', width: 160 },
          { title: '规定', render: (_, c) => c.text },
          { title: '出处', width: 260, render: (_, c) => <Source source={c.source} /> },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        不予救助的情形
      </Typography.Title>
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        dataSource={rs.exclusions}
        columns={[
          {
            title: '性质',
            width: 110,
            render: (_, x) =>
              x.kind === 'hard' ? <Tag color="red">不得救助</Tag> : <Tag color="orange">一般不予救助</Tag>,
          },
          { title: '情形', render: (_, x) => `${x.code} ${x.text}` },
          { title: '出处', width: 260, render: (_, x) => <Source source={x.source} /> },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        办理期限、金额与审批
      </Typography.Title>
      <Descriptions size="small" column={1} bordered>
        <Descriptions.Item label={`作出决定（${t.decide.workingDays}个工作日）`}>
          {t.decide.text} <Source source={t.decide.source} />
        </Descriptions.Item>
        <Descriptions.Item label={`告知补正（${t.supplementNotice.workingDays}个工作日）`}>
          {t.supplementNotice.text} <Source source={t.supplementNotice.source} />
        </Descriptions.Item>
        <Descriptions.Item label={`补正期限（${t.supplementPeriod.days}日）`}>
          {t.supplementPeriod.text} <Source source={t.supplementPeriod.source} />
        </Descriptions.Item>
        <Descriptions.Item label={`通知领取（${t.notifyCollection.workingDays}个工作日）`}>
          {t.notifyCollection.text} <Source source={t.notifyCollection.source} />
        </Descriptions.Item>
        <Descriptions.Item label={`救助金额上限（${rs.amountRules.capMonths}个月）`}>
          {rs.amountRules.cap.text} <Source source={rs.amountRules.cap.source} />
        </Descriptions.Item>
        <Descriptions.Item label="超出上限">
          {rs.amountRules.overCap.text} <Source source={rs.amountRules.overCap.source} />
        </Descriptions.Item>
        <Descriptions.Item label="确定金额考虑的因素">
          {rs.amountRules.factors.text} <Source source={rs.amountRules.factors.source} />
        </Descriptions.Item>
        <Descriptions.Item label="一次性救助">
          {rs.oneTimeRule.text} <Source source={rs.oneTimeRule.source} />
        </Descriptions.Item>
        <Descriptions.Item label="审批程序">
          {rs.approval.steps.map((s) => s.label).join(' → ')}。{rs.approval.text} <Source source={rs.approval.source} />
        </Descriptions.Item>
      </Descriptions>
    </>
  )
}

/**
 * 政策法规: the rule sets the app applies, with their sources, for staff training (the source document asks that
 * staff know the rules). The one in force today is open; earlier ones apply to cases applied for while they were.
 */
export function PolicyPage() {
  const today = chinaDateOf(Date.now())
  const current = ruleSetFor(today)
  return (
    <Card size="small" title="国家司法救助政策法规（本软件据以审查的规则）">
      <Typography.Paragraph type="secondary">
        案件适用申请之日施行的规则。本页内容与审查时提示的依据出自同一份规则数据；上级院下发的本地实施办法在“系统设置”中查看。
      </Typography.Paragraph>
      <Collapse
        defaultActiveKey={current ? [current.id] : []}
        items={[...builtInRuleSets].reverse().map((rs) => ({
          key: rs.id,
          label: (
            <span>
              {rs.title}
              {rs.id === current?.id && (
                <Tag color="green" style={{ marginLeft: 8 }}>
                  现行
                </Tag>
              )}
            </span>
          ),
          children: <RuleSetView rs={rs} />,
        }))}
      />
    </Card>
  )
}
