import {
  type ActionType,
  actionDateRule,
  actionLabels,
  type MaterialRule,
  workflowActionSchema,
} from '@shared/domain/workflow'
import { chinaDateOf } from '@shared/util/clock'
import { Alert, App, Form, Modal, Space } from 'antd'
import { useEffect, useRef } from 'react'
import { useFormDraft } from '../../../app/formDraft'
import { useSession } from '../../../app/session'
import { useAction } from '../../../app/useAction'
import { fieldRulesPass } from '../../../components/DateField'
import { problemSummary, validateWithSchema } from '../../../components/zodForm'
import { actOnCase, type CaseFile } from '../../../db'
import { type DateRuleOf, FieldInput } from './FieldInput'
import { fieldsFor } from './fieldSpecs'
import { initialValuesFor } from './initialValues'
import { ProposalForm } from './ProposalForm'
import { toPayload } from './toPayload'
import { useSuggestedDocumentNo } from './useSuggestedDocumentNo'

/**
 * The dialog for one workflow action on a case: the action's fields, checked by the shared schema with every problem
 * next to its field, then run by the command layer. The user's input stays when anything is refused, and the refusal
 * (wrong state, another person must approve, a date in the future …) is shown in Chinese above the form.
 */
export function ActionDialog({
  type,
  file,
  materialRules,
  onClose,
}: {
  type: ActionType
  file: CaseFile
  /** The checklist rule in force for the case, for the materials 补正 asks for by default. */
  materialRules?: readonly MaterialRule[]
  onClose(): void
}) {
  const { user } = useSession()
  const [form] = Form.useForm()
  const { run, busy, problem: refusal, setProblem: setRefusal } = useAction()
  // a long dialog (审查核实, 审查意见) is scrolled to its buttons when sent: the refusal above the form comes into view
  const refusalBox = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (refusal) refusalBox.current?.scrollIntoView({ block: 'nearest' })
  }, [refusal])
  const { message } = App.useApp()
  // guarded against leaving and kept as the user's draft, per action and case
  const draft = useFormDraft(form, `action:${type}:${file.record.id}`, { caseId: file.record.id })
  const today = chinaDateOf(Date.now())
  const fields = type === 'propose' ? [] : fieldsFor(type, file.record)
  const dateRule: DateRuleOf = (path) => {
    const rule = actionDateRule(type, path)
    return rule && { field: rule.field, after: rule.after?.(file.record, today) }
  }
  const offerDocumentNo = useSuggestedDocumentNo(form, type, file.record, today)

  async function submit(action: Record<string, unknown>) {
    const res = await run(actOnCase, { caseId: file.record.id, expectedRev: file.record.rev, action })
    if (!res.ok && res.error.code === 'case.document-no-taken') await offerDocumentNo(true)
    if (!res.ok) return
    await draft.saved()
    message.success(`已办理：${actionLabels[type]}`)
    onClose()
  }

  async function onOk() {
    setRefusal(undefined)
    if (type === 'propose') return form.submit()
    if (!(await fieldRulesPass(form))) return setRefusal('请按提示修改标红的内容。')
    const { payload, errors } = toPayload(fields, form.getFieldsValue(true), today)
    const action = validateWithSchema(form, workflowActionSchema, { type, ...payload }, errors, `action-${type}`)
    if (!action) return setRefusal(problemSummary(workflowActionSchema, { type, ...payload }, errors, `action-${type}`))
    await submit(action)
  }

  return (
    <Modal
      open
      title={actionLabels[type]}
      okText="确认办理"
      cancelText="取消"
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={busy}
      width={type === 'record-review' || type === 'propose' || type === 'apply' || type === 'accept' ? 900 : 620}
      destroyOnHidden
      maskClosable={false}
      footer={(buttons) => (
        <Space>
          {draft.autoSaved}
          {buttons}
        </Space>
      )}
    >
      {draft.offer}
      <div ref={refusalBox}>
        {refusal && <Alert type="error" showIcon message={refusal} style={{ marginBottom: 12 }} role="alert" />}
      </div>
      <Form.Provider onFormChange={draft.changed}>
        {type === 'propose' ? (
          <ProposalForm form={form} file={file} today={today} onSubmit={submit} onProblem={setRefusal} />
        ) : (
          <Form
            form={form}
            name={`action-${type}`}
            layout="vertical"
            initialValues={initialValuesFor(type, file, today, user.displayName, materialRules)}
          >
            {fields.length === 0 && <p>确认后将办理“{actionLabels[type]}”。</p>}
            {fields.map((f) => (
              <FieldInput key={f.name.join('.')} field={f} governing={file.record} dateRule={dateRule} />
            ))}
          </Form>
        )}
      </Form.Provider>
    </Modal>
  )
}
