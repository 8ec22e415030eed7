import { caseStageLabels, originDepartmentLabels, relationLabels, victimOutcomeLabels } from '@shared/domain/schemas'
import { actionDateRule } from '@shared/domain/workflow'
import { chinaDateOf } from '@shared/util/clock'
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Select, Space } from 'antd'
import { useState } from 'react'
import { useFormDraft } from '../../app/formDraft'
import { useSession } from '../../app/session'
import { fieldRulesPass } from '../../components/DateField'
import { problemSummary, validateWithSchema } from '../../components/zodForm'
import { listClues, openCase, openCaseInput, useDbQuery } from '../../db'
import { type DateRuleOf, FieldInput } from '../cases/actions/FieldInput'
import { actionFields, type Field } from '../cases/actions/fieldSpecs'
import { pruneEmpty, toPayload } from '../cases/actions/toPayload'
import { PersonFieldset } from './PersonFieldset'

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))

/** How the case starts: an application (the usual way), ex officio, 先行救助, or only recorded as a clue for now. */
const starts = {
  apply: '登记救助申请',
  'start-ex-officio': '依职权启动救助',
  'start-advance': '先行救助（情况紧急）',
  none: '暂只登记，稍后办理',
} as const
type Start = keyof typeof starts
const sourceOf = {
  apply: 'application',
  'start-ex-officio': 'ex-officio',
  'start-advance': 'advance',
  none: 'application',
} as const

const prefixed = (fields: readonly Field[]): Field[] => fields.map((f) => ({ ...f, name: ['firstAction', ...f.name] }))

/**
 * 受理登记: the applicant and the victim with live checks, the underlying case, and the first step — an application
 * with its materials checklist, an ex officio start or 先行救助 — saved in one step. From a clue, the clue is
 * converted and its 告知 record taken over.
 */
export function NewCasePage({ clueId, go }: { clueId?: string; go(path: string): void }) {
  const { store, unit } = useSession()
  const [form] = Form.useForm()
  const [problem, setProblem] = useState<string>()
  const { message } = App.useApp()
  // guarded against leaving, and kept as the user's draft (one per clue, or one for a case without a clue)
  const draft = useFormDraft(form, `intake:${clueId ?? 'new'}`, clueId ? { clueId } : {})
  const clue = useDbQuery(
    async () => (clueId ? ((await store.read(listClues, unit.code)).find((c) => c.id === clueId) ?? null) : null),
    [store, clueId],
  )
  const start = (Form.useWatch('start', form) ?? 'apply') as Start
  const relation = Form.useWatch('relation', form) ?? 'self'
  const firstDate = Form.useWatch(['firstAction', 'date'], form) as string | undefined
  const capacity = Form.useWatch(['firstAction', 'capacity'], form) as string | undefined
  const today = chinaDateOf(Date.now())
  /** The day ages count on: the application (or start) date being entered, else today. */
  const onDate = /^\d{4}-\d{2}-\d{2}$/.test(firstDate ?? '') ? (firstDate as string) : today

  if (clue === undefined || !draft.ready) return null
  /** The case's clue date as it will be saved: it chooses the rules (救助情形) of the case. */
  const clueDate = clue ? String(clue.referredOn) : /^\d{4}-\d{2}-\d{2}$/.test(firstDate ?? '') ? firstDate : today

  /**
   * A minor cannot apply alone: the minor becomes the victim (with everything entered), the applicant fields are
   * emptied for the 法定代理人, the relation becomes 父母 and the capacity 法定代理人代为申请 (all still editable).
   */
  function applyByGuardian() {
    const minor = structuredClone(form.getFieldValue('applicant'))
    form.setFieldValue('victim', minor)
    form.setFieldValue('applicant', { idType: 'resident-id', priorityFlags: [] })
    form.setFieldValue('relation', 'parent')
    form.setFieldValue(['firstAction', 'capacity'], 'legal-representative')
    draft.setDirty(true)
  }

  /** The first action's dates follow the clue's 移送日期 when the case comes from a clue (the same rule as the command). */
  const dateRule: DateRuleOf = (path) => {
    const rule = start === 'none' ? undefined : actionDateRule(start, path.slice(1))
    return rule && { field: rule.field, after: clue && rule.after ? ['clue', String(clue.referredOn)] : undefined }
  }

  async function save() {
    setProblem(undefined)
    if (!(await fieldRulesPass(form))) return setProblem('请按提示修改标红的内容。')
    const values = form.getFieldsValue(true)
    const fields = start === 'none' ? [] : prefixed(actionFields[start])
    const { payload, errors } = toPayload(fields, values, today)
    const input = {
      source: clue
        ? clue.source === 'external'
          ? 'external-clue'
          : clue.source === 'upper-level'
            ? 'assigned'
            : 'referral'
        : sourceOf[start],
      ...(clue ? { clueId: clue.id, clueDate: clue.referredOn } : { clueDate: values.firstAction?.date ?? today }),
      ...(pruneEmpty({
        originDepartment: values.originDepartment ?? clue?.originDepartment,
        underlyingCase: values.underlyingCase,
        applicant: values.applicant,
        victim: relation === 'self' ? undefined : values.victim,
        victimInfo: values.victimInfo?.outcomes?.length ? values.victimInfo : undefined,
      }) as object),
      relation,
      smallEmergencyHelp: values.smallEmergencyHelp === true,
      ...(start === 'none' ? {} : { firstAction: { type: start, ...(payload.firstAction as object) } }),
    }
    const parsed = validateWithSchema(form, openCaseInput, input, errors, 'new-case')
    if (!parsed) return setProblem(problemSummary(openCaseInput, input, errors, 'new-case'))
    const res = await store.execute(openCase, input)
    if (!res.ok) return setProblem(res.error.message)
    await draft.saved()
    message.success(res.value.caseNo ? `已登记，案件编号 ${res.value.caseNo}` : '已登记')
    go(`cases/${res.value.id}`)
  }

  return (
    <Form
      form={form}
      name="new-case"
      layout="vertical"
      onValuesChange={draft.changed}
      initialValues={{
        start: 'apply',
        relation: 'self',
        applicant: { name: clue?.partyName },
        underlyingCase: { caseNo: clue?.underlyingCaseNo },
        originDepartment: clue?.originDepartment,
        firstAction: { date: today, form: 'written', capacity: 'self', reason: '' },
      }}
      style={{ maxWidth: 1100 }}
    >
      {draft.offer}
      {clue && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`由线索转为救助案件：${String(clue.partyName)}（移送日期 ${String(clue.referredOn)}）`}
          description={clue.livingConditions ? `家庭生活情况：${String(clue.livingConditions)}` : undefined}
        />
      )}
      <Card size="small" title="办理方式" style={{ marginBottom: 12 }}>
        <Form.Item name="start">
          <Radio.Group options={options(starts)} />
        </Form.Item>
        <Form.Item name="smallEmergencyHelp" valuePropName="checked">
          <Checkbox>小额应急性帮扶（计入台账，不计入统计）</Checkbox>
        </Form.Item>
      </Card>
      <PersonFieldset
        prefix="applicant"
        title="申请人"
        note={capacity === 'legal-representative' ? '（法定代理人）' : undefined}
        onDate={onDate}
        onMinorApplicant={relation === 'self' ? applyByGuardian : undefined}
      />
      <Form.Item name="relation" label="申请人与被害人关系">
        <Select options={options(relationLabels)} style={{ width: 240 }} aria-label="申请人与被害人关系" />
      </Form.Item>
      {relation !== 'self' && (
        <PersonFieldset
          prefix="victim"
          title="被害人"
          onDate={onDate}
          representedByGuardian={capacity === 'legal-representative'}
        />
      )}
      <Card size="small" title="原案件及损害情况" style={{ marginBottom: 12 }}>
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name={['underlyingCase', 'caseNo']} label="原案件编号">
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['underlyingCase', 'charge']} label="罪名或案由">
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name={['underlyingCase', 'stage']} label="诉讼阶段">
              <Select options={options(caseStageLabels)} allowClear aria-label="诉讼阶段" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="originDepartment" label="移送线索的办案部门">
              <Select options={options(originDepartmentLabels)} allowClear aria-label="移送线索的办案部门" />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name={['victimInfo', 'outcomes']} label="被害人遭受的损害">
              <Checkbox.Group options={options(victimOutcomeLabels)} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      {start !== 'none' && (
        <Card size="small" title={starts[start]} style={{ marginBottom: 12 }}>
          {prefixed(actionFields[start]).map((f) => (
            <FieldInput key={f.name.join('.')} field={f} governing={{ clueDate }} dateRule={dateRule} />
          ))}
        </Card>
      )}
      {problem && <Alert type="error" showIcon message={problem} role="alert" style={{ marginBottom: 12 }} />}
      <Space>
        <Button type="primary" onClick={save}>
          保存登记
        </Button>
        <Button onClick={() => void draft.keep()}>保存草稿</Button>
        <Button
          onClick={() => {
            void draft.discard()
            go('cases')
          }}
        >
          返回
        </Button>
        {draft.autoSaved}
      </Space>
    </Form>
  )
}
