import { formatYuanWithUnit, parseYuan } from '@shared/domain/money'
import { mayRun } from '@shared/domain/permissions'
import { wageSeriesSchema } from '@shared/domain/rulesets'
import { type OfficeWageFigure, officeWageFigureSchema } from '@shared/domain/wageFigures'
import { describeZodError } from '@shared/errors/zodProblems'
import { App, Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { officeWageFigures, recordWageFigures, useDbQuery } from '../../db'

interface FigureForm {
  regionCode?: string
  year?: string
  series?: OfficeWageFigure['series']
  wage?: string
  document?: string
}

/**
 * 职工月平均工资标准: the figures this office keeps from the statistics bureau's publication, used for the cap of every
 * proposal (36 × the previous year's figure). A standard sent down by a higher office takes precedence for the same
 * region, year and series. Recorded by the administrator or the 控申 department head; every change is audited.
 */
export function WageFiguresCard() {
  const { store, actor, unit } = useSession()
  const { message } = App.useApp()
  const [form] = Form.useForm<FigureForm>()
  const [problem, setProblem] = useState<string>()
  const [rev, setRev] = useState(0)
  const figures = useDbQuery(() => store.read(officeWageFigures), [store, rev])
  const mayEdit = mayRun(actor.roles, 'wage.record')

  async function save(next: OfficeWageFigure[], done: string) {
    const res = await store.execute(recordWageFigures, { figures: next })
    if (!res.ok) return setProblem(res.error.message)
    setProblem(undefined)
    setRev((r) => r + 1)
    message.success(done)
    return true
  }

  async function add(v: FigureForm) {
    const wage = parseYuan(v.wage ?? '')
    if (!wage.ok) return setProblem(`月平均工资：${wage.reason}`)
    const candidate = {
      regionCode: v.regionCode?.trim() ?? '',
      year: Number(v.year),
      series: v.series ?? '职工',
      monthlyWageFen: wage.fen,
      document: v.document?.trim() ?? '',
    }
    const checked = officeWageFigureSchema.safeParse(candidate)
    if (!checked.success) return setProblem(describeZodError(checked.error))
    if (
      await save(
        [...(figures ?? []), checked.data],
        `已录入 ${candidate.regionCode} ${candidate.year} 年度职工月平均工资`,
      )
    )
      form.resetFields()
  }

  return (
    <Card title="职工月平均工资标准" style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">
        救助金额一般不超过上一年度职工月平均工资的36倍。上级院下发了工资标准的，以下发的为准；尚未下发时，请在此录入统计部门公布的本省（或实施办法规定地区）的数字，并写明公布文件。审查意见中的救助金额上限只按这里和上级下发的标准计算，不能在案件中另行填写。
      </Typography.Paragraph>
      {problem && (
        <Typography.Paragraph type="danger" role="alert">
          {problem}
        </Typography.Paragraph>
      )}
      <Table<OfficeWageFigure>
        size="small"
        rowKey={(w) => `${w.regionCode}/${w.year}/${w.series}`}
        dataSource={figures ?? []}
        pagination={false}
        locale={{ emptyText: '本院尚未录入工资标准' }}
        columns={[
          { title: '地区代码', dataIndex: 'regionCode' },
          { title: '年度', dataIndex: 'year' },
          { title: '口径', dataIndex: 'series' },
          { title: '月平均工资', dataIndex: 'monthlyWageFen', render: (v: number) => formatYuanWithUnit(v) },
          { title: '公布文件', dataIndex: 'document' },
          ...(mayEdit
            ? [
                {
                  title: '操作',
                  key: 'remove',
                  render: (_: unknown, w: OfficeWageFigure) => (
                    <Button
                      size="small"
                      danger
                      onClick={() =>
                        void save(
                          (figures ?? []).filter((x) => x !== w),
                          `已删除 ${w.regionCode} ${w.year} 年度工资标准`,
                        )
                      }
                    >
                      删除
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {mayEdit && (
        <Form
          form={form}
          name="wage-figure"
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          initialValues={{ regionCode: `${(unit.regionCode ?? unit.code).slice(0, 2)}0000`, series: '职工' }}
          onFinish={(v) => void add(v)}
        >
          <Form.Item name="regionCode" label="地区代码">
            <Input style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="year" label="年度">
            <Input style={{ width: 80 }} placeholder="如 2025" />
          </Form.Item>
          <Form.Item name="series" label="口径">
            <Select style={{ width: 110 }} options={wageSeriesSchema.options.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Form.Item name="wage" label="月平均工资">
            <Input style={{ width: 140 }} suffix="元" />
          </Form.Item>
          <Form.Item name="document" label="公布文件">
            <Input style={{ width: 260 }} placeholder="如：某省统计局2025年统计公报" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              录入
            </Button>
          </Space>
        </Form>
      )}
    </Card>
  )
}
