import { currentDepartmentNames, departmentNamesSchema } from '@shared/domain/departments'
import { mayRun } from '@shared/domain/permissions'
import { originDepartmentLabels, originDepartments } from '@shared/domain/schemas'
import { Button, Card, Form, Input, Table, Typography } from 'antd'
import { useFormDraft } from '../../app/formDraft'
import { useMessageReport } from '../../app/messageReport'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { validateWithSchema } from '../../components/zodForm'
import { updateSetting, useDbQuery } from '../../db'

/**
 * 移送部门名称: the administrator names the office's departments as they are called in this office (e.g. 第二检察部),
 * each against the row of 统计表六 it is counted in; the clue form offers these names. Saved through the settings
 * command (audited); records keep the row's code, so renaming changes no record.
 */
export function DepartmentNamesCard() {
  const { store, actor } = useSession()
  const { run } = useAction(useMessageReport())
  const [form] = Form.useForm<Record<string, string>>()
  const current = useDbQuery(() => store.setting('departmentNames'), [store])
  const mayEdit = mayRun(actor.roles, 'settings.update')
  const draft = useFormDraft(form, 'settings:department-names')
  if (!current) return null

  async function save() {
    const typed = form.getFieldsValue(true) as Record<string, string | undefined>
    // an emptied name goes back to the generic name
    const value = Object.fromEntries(Object.entries(typed).filter(([, name]) => name?.trim()))
    const parsed = validateWithSchema(form, departmentNamesSchema, value)
    if (!parsed) return
    const res = await run(updateSetting, { key: 'departmentNames', value: parsed }, { success: '已保存：移送部门名称' })
    if (res.ok) await draft.saved()
  }

  return (
    <Card title="移送部门名称" style={{ marginBottom: 16 }} data-testid="department-names-card">
      <Typography.Paragraph type="secondary">
        登记线索时“移送部门”按本院的部门名称选择（例如“第二检察部”）。每个名称对应统计表六的一行，统计时计入该行；不填则用通用名称。改名不改动已登记的记录。
      </Typography.Paragraph>
      {draft.offer}
      <Form form={form} initialValues={current} onValuesChange={draft.changed} disabled={!mayEdit} onFinish={save}>
        <Table
          size="small"
          pagination={false}
          rowKey={(row) => row}
          dataSource={[...originDepartments]}
          columns={[
            { title: '统计表六中的行', render: (_, row) => originDepartmentLabels[row] },
            {
              title: '本院的部门名称',
              render: (_, row) => (
                <Form.Item name={row} style={{ marginBottom: 0 }}>
                  <Input
                    aria-label={`${originDepartmentLabels[row]}的本院名称`}
                    placeholder={currentDepartmentNames[row]}
                    maxLength={30}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        {mayEdit && (
          <Button type="primary" htmlType="submit" style={{ marginTop: 12 }}>
            保存部门名称
          </Button>
        )}{' '}
        {draft.autoSaved}
      </Form>
    </Card>
  )
}
