import { dataScope, mayOpen } from '@shared/domain/access'
import { departmentChoices, departmentName } from '@shared/domain/departments'
import { formatYuanWithUnit } from '@shared/domain/money'
import { mayRun } from '@shared/domain/permissions'
import {
  type Case,
  type Correction,
  caseStateLabels,
  clueSourceLabels,
  clueStatusLabels,
  externalBodyLabels,
  informMethodLabels,
  partyResponseLabels,
} from '@shared/domain/schemas'
import { chinaDateOf } from '@shared/util/clock'
import { Alert, App, Button, Form, Input, Modal, Select, Space, Table, Tag } from 'antd'
import { useState } from 'react'
import { useFormDraft } from '../../app/formDraft'
import { useSession } from '../../app/session'
import { leaveQuestion } from '../../app/unsavedChanges'
import { DateField, fieldRulesPass } from '../../components/DateField'
import { validateWithSchema } from '../../components/zodForm'
import {
  closeClue,
  clueOutcomes,
  informOnClue,
  informOnClueInput,
  listClues,
  listUsers,
  recordClue,
  recordClueInput,
  type StoredRecord,
  useDbQuery,
} from '../../db'
import { pruneEmpty } from '../cases/actions/toPayload'
import { staffNamer } from '../cases/staffNames'
import { CorrectionDialog } from '../corrections/CorrectionDialog'
import { CorrectionHistory } from '../corrections/CorrectionHistory'
import { clueSubject } from '../corrections/subjects'

/** What became of a clue's case, as its department is told: where it stands and the decision with its amount. */
function caseOutcomeText(c: Case): string {
  const no = c.caseNo ? `${c.caseNo}：` : ''
  if (c.withdrawal) return `${no}申请人撤回申请`
  if (c.decision?.outcome === 'refused') return `${no}决定不予救助`
  if (c.decision?.grantedFen) {
    const paid = c.payment ? '，已发放' : ''
    return `${no}决定救助 ${formatYuanWithUnit(c.decision.grantedFen)}${paid}`
  }
  return `${no}${caseStateLabels[c.state]}`
}

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))

/** 告知 fields; the 告知日期 may not precede the clue's 移送日期 (`referredOn`, watched when on the same form). */
function InformingFields({ referredOn, sameForm }: { referredOn?: string; sameForm?: boolean }) {
  return (
    <Space wrap>
      <Form.Item name={['informing', 'byName']} label="告知人">
        <Input />
      </Form.Item>
      <Form.Item name={['informing', 'method']} label="告知方式">
        <Select options={options(informMethodLabels)} style={{ width: 140 }} aria-label="告知方式" />
      </Form.Item>
      <DateField
        name={['informing', 'date']}
        label="告知日期"
        rule={{ field: 'informed', after: ['referred', referredOn] }}
        dependencies={sameForm ? [['referredOn']] : undefined}
      />
      <Form.Item name={['informing', 'response']} label="当事人意见">
        <Select options={options(partyResponseLabels)} style={{ width: 140 }} aria-label="当事人意见" />
      </Form.Item>
    </Space>
  )
}

/** 线索移送: a department records what it learned and that it informed the party; the clue goes to 控申. */
function RecordClueDialog({ onClose }: { onClose(): void }) {
  const { store, actor, user } = useSession()
  const [form] = Form.useForm()
  const [problem, setProblem] = useState<string>()
  const source = Form.useWatch('source', form)
  // a case department's user records its own department's referrals only
  const ownDepartment = dataScope(actor.roles) === 'own-department'
  const informed = Form.useWatch('informed', form)
  const referredOn = Form.useWatch('referredOn', form) as string | undefined
  const today = chinaDateOf(Date.now())
  const draft = useFormDraft(form, 'clue:new')
  // the office's own department names (系统设置 → 移送部门名称), each standing for its row of 统计表六
  const names = useDbQuery(() => store.setting('departmentNames'), [store])
  const { modal } = App.useApp()
  /** Cancelling with typed input asks first; what was typed stays as the user's draft. */
  function onCancel() {
    if (!draft.dirty) return onClose()
    modal.confirm({ ...leaveQuestion('关闭'), onOk: onClose })
  }
  async function onOk() {
    const { informed: withInforming, ...values } = form.getFieldsValue(true)
    const input = pruneEmpty({ ...values, informing: withInforming ? values.informing : undefined })
    if (!(await fieldRulesPass(form))) return setProblem('请按提示修改标红的内容。')
    const parsed = validateWithSchema(form, recordClueInput, input)
    if (!parsed) return setProblem('请按提示修改标红的内容。')
    const res = await store.execute(recordClue, input)
    if (!res.ok) return setProblem(res.error.message)
    await draft.saved()
    onClose()
  }
  return (
    <Modal
      open
      title="登记线索（司法救助线索移送表）"
      okText="保存"
      cancelText="取消"
      onOk={onOk}
      onCancel={onCancel}
      maskClosable={false}
      width={760}
      footer={(buttons) => (
        <Space>
          {draft.autoSaved}
          {buttons}
        </Space>
      )}
    >
      {draft.offer}
      {problem && <Alert type="error" message={problem} role="alert" style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        name="record-clue"
        layout="vertical"
        onValuesChange={draft.changed}
        initialValues={{
          source: 'case-department',
          ...(ownDepartment && user.department ? { originDepartment: user.department } : {}),
          referredOn: today,
          informed: true,
          informing: { byName: user.displayName, method: 'written', date: today, response: 'will-apply' },
        }}
      >
        <Space wrap>
          <Form.Item name="source" label="线索来源">
            <Select
              options={options(clueSourceLabels)}
              style={{ width: 180 }}
              aria-label="线索来源"
              disabled={ownDepartment}
            />
          </Form.Item>
          {source === 'case-department' && (
            <Form.Item name="originDepartment" label="移送部门">
              <Select
                options={departmentChoices(names, user.department)}
                style={{ width: 260 }}
                aria-label="移送部门"
                disabled={ownDepartment}
              />
            </Form.Item>
          )}
          {source === 'external' && (
            <Form.Item name="externalBody" label="移送单位类别">
              <Select options={options(externalBodyLabels)} style={{ width: 260 }} aria-label="移送单位类别" />
            </Form.Item>
          )}
          <DateField name="referredOn" label="移送日期" rule={{ field: 'referred' }} />
        </Space>
        <Space wrap>
          <Form.Item name="partyName" label="当事人姓名">
            <Input />
          </Form.Item>
          <Form.Item name="underlyingCaseNo" label="原案件编号">
            <Input style={{ width: 260 }} />
          </Form.Item>
        </Space>
        <Form.Item name="livingConditions" label="了解到的当事人家庭生活情况">
          <Input.TextArea autoSize={{ minRows: 3 }} />
        </Form.Item>
        <Form.Item name="informed" label="是否已告知当事人可以申请救助">
          <Select
            aria-label="是否已告知"
            style={{ width: 200 }}
            options={[
              { value: true, label: '已告知' },
              { value: false, label: '尚未告知' },
            ]}
          />
        </Form.Item>
        {informed && <InformingFields referredOn={referredOn} sameForm />}
      </Form>
    </Modal>
  )
}

function InformDialog({ clue, onClose }: { clue: StoredRecord; onClose(): void }) {
  const { store, user } = useSession()
  const [form] = Form.useForm()
  const [problem, setProblem] = useState<string>()
  const today = chinaDateOf(Date.now())
  async function onOk() {
    const input = pruneEmpty({ clueId: clue.id, informing: form.getFieldsValue(true).informing })
    if (!(await fieldRulesPass(form))) return setProblem('请按提示修改标红的内容。')
    if (!validateWithSchema(form, informOnClueInput, input)) return setProblem('请按提示修改标红的内容。')
    const res = await store.execute(informOnClue, input)
    if (!res.ok) return setProblem(res.error.message)
    onClose()
  }
  return (
    <Modal
      open
      title={`告知：${String(clue.partyName)}`}
      okText="保存"
      cancelText="取消"
      onOk={onOk}
      onCancel={onClose}
      width={760}
    >
      {problem && <Alert type="error" message={problem} role="alert" style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        name="inform-clue"
        layout="vertical"
        initialValues={{
          informing: { byName: user.displayName, method: 'written', date: today, response: 'will-apply' },
        }}
      >
        <InformingFields referredOn={String(clue.referredOn)} />
      </Form>
    </Modal>
  )
}

/** 线索与告知: clues from the departments and outside bodies; 控申 turns one into a case or closes it. */
export function CluesPage({ go }: { go(path: string): void }) {
  const { store, actor, unit, user } = useSession()
  // a case department sees its own referrals and what became of them (shared/domain/access.ts)
  const ownDepartment = dataScope(actor.roles) === 'own-department'
  const [status, setStatus] = useState<string[]>(ownDepartment ? [] : ['open', 'informed'])
  const rows = useDbQuery(
    () =>
      store.read(
        listClues,
        unit.code,
        status.length ? status : undefined,
        ownDepartment ? (user.department ?? '') : undefined,
      ),
    [store, unit.code, status.join(), ownDepartment, user.department],
  )
  const caseIds = (rows ?? []).map((c) => c.convertedCaseId).filter((id): id is string => typeof id === 'string')
  const outcomes = useDbQuery(() => store.read(clueOutcomes, caseIds), [store, caseIds.join()])
  const mayOpenCases = mayOpen(actor.roles, 'cases')
  const [dialog, setDialog] = useState<'new' | { inform: StoredRecord } | { correct: StoredRecord }>()
  const users = useDbQuery(() => store.read(listUsers), [store])
  const nameOf = staffNamer(users, unit.code)
  const names = useDbQuery(() => store.setting('departmentNames'), [store])
  const { modal, message } = App.useApp()
  const mayConvert = mayRun(actor.roles, 'case.open')

  function close(clue: StoredRecord) {
    let reason = ''
    modal.confirm({
      title: `终结线索：${String(clue.partyName)}`,
      content: (
        <Input.TextArea
          aria-label="终结原因"
          placeholder="请填写终结原因（必填）"
          onChange={(e) => (reason = e.target.value)}
        />
      ),
      okText: '终结',
      cancelText: '取消',
      onOk: async () => {
        const res = await store.execute(closeClue, { clueId: clue.id, reason })
        if (!res.ok) {
          message.error(res.error.message)
          throw new Error(res.error.message)
        }
      },
    })
  }

  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {mayRun(actor.roles, 'clue.record') && (
          <Button type="primary" onClick={() => setDialog('new')}>
            登记线索
          </Button>
        )}
        <Select
          mode="multiple"
          aria-label="按状态筛选线索"
          placeholder="全部状态"
          style={{ minWidth: 240 }}
          value={status}
          onChange={setStatus}
          options={options(clueStatusLabels)}
        />
      </Space>
      <Table<StoredRecord>
        rowKey="id"
        size="middle"
        dataSource={rows ?? []}
        loading={rows === undefined}
        locale={{ emptyText: '暂无线索' }}
        expandable={{
          rowExpandable: (c) => Array.isArray(c.corrections) && c.corrections.length > 0,
          expandedRowRender: (c) => <CorrectionHistory corrections={c.corrections as Correction[]} nameOf={nameOf} />,
        }}
        columns={[
          { title: '移送日期', dataIndex: 'referredOn' },
          { title: '当事人', dataIndex: 'partyName' },
          {
            title: '来源',
            render: (_, c) =>
              c.source === 'case-department'
                ? departmentName(c.originDepartment as string | undefined, names) || '本院办案部门'
                : clueSourceLabels[c.source as keyof typeof clueSourceLabels],
          },
          { title: '原案件编号', dataIndex: 'underlyingCaseNo' },
          { title: '状态', render: (_, c) => <Tag>{clueStatusLabels[c.status as keyof typeof clueStatusLabels]}</Tag> },
          {
            title: '办理结果',
            render: (_, c) => {
              const converted = outcomes?.get(String(c.convertedCaseId))
              return converted ? caseOutcomeText(converted) : ''
            },
          },
          {
            title: '操作',
            render: (_, c) =>
              c.status === 'open' || c.status === 'informed' ? (
                <Space>
                  {mayRun(actor.roles, 'clue.record') && (
                    <Button size="small" onClick={() => setDialog({ inform: c })}>
                      告知
                    </Button>
                  )}
                  {mayRun(actor.roles, 'clue.correct') && (
                    <Button size="small" onClick={() => setDialog({ correct: c })}>
                      更正
                    </Button>
                  )}
                  {mayConvert && (
                    <Button size="small" type="primary" onClick={() => go(`intake/${c.id}`)}>
                      转为救助案件
                    </Button>
                  )}
                  {mayRun(actor.roles, 'clue.close') && (
                    <Button size="small" onClick={() => close(c)}>
                      终结
                    </Button>
                  )}
                </Space>
              ) : c.convertedCaseId && mayOpenCases ? (
                <a href={`#/cases/${String(c.convertedCaseId)}`}>查看案件</a>
              ) : (
                String(c.closedReason ?? '')
              ),
          },
        ]}
      />
      {dialog === 'new' && <RecordClueDialog onClose={() => setDialog(undefined)} />}
      {dialog && dialog !== 'new' && 'inform' in dialog && (
        <InformDialog clue={dialog.inform} onClose={() => setDialog(undefined)} />
      )}
      {dialog && dialog !== 'new' && 'correct' in dialog && (
        <CorrectionDialog subject={clueSubject(dialog.correct)} onClose={() => setDialog(undefined)} />
      )}
    </>
  )
}
