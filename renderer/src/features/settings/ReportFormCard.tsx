import { mayRun } from '@shared/domain/permissions'
import type { ReportForm } from '@shared/domain/reportForm'
import { App, Button, Card, Form, Input, Typography } from 'antd'
import { useFormDraft } from '../../app/formDraft'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { updateSetting, useDbQuery } from '../../db'

/**
 * 统计报表表式与签署: the 制表机关 and 表号 printed under each report's title, and the 单位负责人 / 审核人 / 填报人 /
 * 联系电话 printed above the place for the seal (docs/reports.md §8a). Changed by the administrator through the
 * settings command (audited); every report generated afterwards — screen, Excel — carries them.
 */
export function ReportFormCard() {
  const { store, actor } = useSession()
  const { message } = App.useApp()
  const { run, problem } = useAction()
  // read once: after a save the form keeps showing what was saved
  const current = useDbQuery(() => store.setting('reportForm'), [store])
  const mayEdit = mayRun(actor.roles, 'settings.update')
  const [form] = Form.useForm<ReportForm>()
  const draft = useFormDraft(form, 'settings:report-form')

  async function save(value: ReportForm) {
    const res = await run(updateSetting, { key: 'reportForm', value })
    if (!res.ok) return
    await draft.saved()
    message.success('已保存：统计报表表式与签署')
  }

  return (
    <Card title="统计报表表式与签署" style={{ marginBottom: 16 }} data-testid="report-form-card">
      <Typography.Paragraph type="secondary">
        印在每张统计报表上：标题下方的“表号”和“制表机关”（表号按上级院统计报表制度填写，不填则不印），表下的单位负责人、审核人、填报人和联系电话（不填则留空待手签；填报人不填时为生成报表的用户），以及“填报单位（盖章）”处。
      </Typography.Paragraph>
      {problem && (
        <Typography.Paragraph type="danger" role="alert">
          {problem}
        </Typography.Paragraph>
      )}
      {draft.offer}
      {current && (
        <Form<ReportForm>
          form={form}
          onValuesChange={draft.changed}
          name="report-form"
          layout="inline"
          style={{ rowGap: 8 }}
          disabled={!mayEdit}
          initialValues={current}
          onFinish={(v) => void save({ ...current, ...v, formCodes: { ...current.formCodes, ...v.formCodes } })}
        >
          <Form.Item name="issuer" label="制表机关">
            <Input style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name={['formCodes', 'stats']} label="统计表表号">
            <Input style={{ width: 150 }} placeholder="不填则不印" />
          </Form.Item>
          <Form.Item name={['formCodes', 'payments']} label="发放明细表表号">
            <Input style={{ width: 150 }} placeholder="不填则不印" />
          </Form.Item>
          <Form.Item name={['formCodes', 'timeliness']} label="办案时限情况表表号">
            <Input style={{ width: 150 }} placeholder="不填则不印" />
          </Form.Item>
          <Form.Item name="unitHead" label="单位负责人">
            <Input style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="reviewer" label="审核人">
            <Input style={{ width: 110 }} />
          </Form.Item>
          <Form.Item name="preparer" label="填报人">
            <Input style={{ width: 110 }} placeholder="生成报表的用户" />
          </Form.Item>
          <Form.Item name="phone" label="联系电话">
            <Input style={{ width: 160 }} />
          </Form.Item>
          {mayEdit && (
            <Button type="primary" htmlType="submit">
              保存表式与签署
            </Button>
          )}
          {draft.autoSaved}
        </Form>
      )}
    </Card>
  )
}
