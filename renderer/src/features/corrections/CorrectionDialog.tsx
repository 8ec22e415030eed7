import { type CorrectableField, correctionValueText } from '@shared/domain/corrections'
import type { DateProblem } from '@shared/domain/dateRules'
import { isValidDate } from '@shared/domain/dates'
import { departmentChoices } from '@shared/domain/departments'
import { cleanNameInput, cleanNumberInput } from '@shared/domain/textInput'
import { messageFor, type Result } from '@shared/errors'
import { chinaDateOf } from '@shared/util/clock'
import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd'
import type { Store } from '../../app/store'
import { useAction } from '../../app/useAction'
import { DateInput } from '../../components/DateField'
import { useDepartmentNames } from '../../components/departmentNames'

const cleaners = {
  name: (v?: string) => cleanNameInput(v ?? ''),
  number: (v?: string) => cleanNumberInput(v ?? ''),
}

/** What the dialog needs of a clue or a case: its fields, what each holds, why one is locked, the date rule. */
export interface CorrectionSubject<F extends string> {
  title: string
  fields: Record<F, CorrectableField>
  current(field: F): string | undefined
  /** Why the field cannot be corrected now (shown beside it, and the command refuses the same). */
  lock(field: F): string | undefined
  dateProblem(field: F, value: string, today: string): DateProblem | undefined
  /** Runs the command in the session's store. */
  save(store: Store, field: F, value: string, reason: string): Promise<Result<unknown>>
}

/**
 * 更正: pick the field, see what it holds, type what it should hold and why. Fields a decision rests on are listed
 * with the reason they are locked; a corrected date gets the one date rule at the field; the command checks again.
 */
export function CorrectionDialog<F extends string>({
  subject,
  onClose,
}: {
  subject: CorrectionSubject<F>
  onClose(): void
}) {
  const [form] = Form.useForm()
  const { run, busy, problem, setProblem } = useAction()
  const { message } = App.useApp()
  const field = Form.useWatch('field', form) as F | undefined
  const today = chinaDateOf(Date.now())
  const spec = field ? subject.fields[field] : undefined
  const keys = Object.keys(subject.fields) as F[]
  const departmentNames = useDepartmentNames()

  async function onOk() {
    setProblem(undefined)
    try {
      await form.validateFields()
    } catch {
      return setProblem('请按提示修改标红的内容。')
    }
    const { value, reason } = form.getFieldsValue(['value', 'reason'])
    if (!field) return
    const res = await run((store) => subject.save(store, field, String(value ?? ''), String(reason ?? '')))
    if (!res.ok) return
    message.success(`已更正：${subject.fields[field].label}`)
    onClose()
  }

  return (
    <Modal
      open
      title={subject.title}
      okText="确认更正"
      cancelText="取消"
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={busy}
      maskClosable={false}
      destroyOnHidden
      width={620}
    >
      {problem && <Alert type="error" showIcon message={problem} role="alert" style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        name="correction"
        onValuesChange={(c) => 'field' in c && form.resetFields(['value'])}
      >
        <Form.Item name="field" label="更正项目" rules={[{ required: true, message: '请选择要更正的项目' }]}>
          <Select
            virtual={false}
            aria-label="更正项目"
            options={keys.map((k) => {
              const why = subject.lock(k)
              return {
                value: k,
                label: why ? `${subject.fields[k].label}（不能更正：${why}）` : subject.fields[k].label,
                disabled: !!why,
              }
            })}
          />
        </Form.Item>
        {field && spec && (
          <>
            <Typography.Paragraph>
              原内容：
              <Typography.Text strong data-testid="correction-current">
                {correctionValueText(field, subject.current(field) ?? null, departmentNames)}
              </Typography.Text>
            </Typography.Paragraph>
            <Form.Item
              name="value"
              label="更正为"
              normalize={spec.kind === 'name' || spec.kind === 'number' ? cleaners[spec.kind] : undefined}
              rules={[
                { required: true, message: '请填写更正后的内容' },
                {
                  validator: (_, v) => {
                    if (spec.kind !== 'date' || typeof v !== 'string' || !isValidDate(v)) return Promise.resolve()
                    const p = subject.dateProblem(field, v, today)
                    return p ? Promise.reject(new Error(messageFor('workflow.date-invalid', p))) : Promise.resolve()
                  },
                },
              ]}
            >
              {spec.kind === 'date' ? (
                <DateInput rule={{ field: spec.label }} />
              ) : spec.kind === 'department' ? (
                <Select options={departmentChoices(departmentNames, subject.current(field))} aria-label="更正为" />
              ) : spec.kind === 'note' ? (
                <Input.TextArea autoSize={{ minRows: 2 }} />
              ) : (
                <Input />
              )}
            </Form.Item>
          </>
        )}
        <Form.Item
          name="reason"
          label="更正理由"
          rules={[{ required: true, whitespace: true, message: '请填写更正理由（如：登记时笔误，以身份证原件为准）' }]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  )
}
