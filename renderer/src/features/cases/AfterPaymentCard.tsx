import { followUpMethodLabels, referralKindLabels } from '@shared/domain/schemas'
import { chinaDateOf } from '@shared/util/clock'
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Table } from 'antd'
import { useState } from 'react'
import type { z } from 'zod'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { DateField, fieldRulesPass } from '../../components/DateField'
import { problemSummary, validateWithSchema } from '../../components/zodForm'
import {
  afterPaymentRecords,
  recordFollowUp,
  recordFollowUpInput,
  recordReferral,
  recordReferralInput,
  type StoredRecord,
  useDbQuery,
} from '../../db'
import type { CommandSpec } from '../../db/commands/execute'
import { pruneEmpty } from './actions/toPayload'

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }))

export type Editing = { kind: 'referral'; row?: StoredRecord } | { kind: 'followUp' }

/**
 * One small form dialog for a referral, its outcome, or a follow-up; checked by the command's own schema. The case
 * page also opens the follow-up form from 可办理的事项.
 */
export function RecordDialog({ caseId, editing, onClose }: { caseId: string; editing: Editing; onClose(): void }) {
  const [form] = Form.useForm()
  const { run, busy, problem, setProblem } = useAction()
  const { message } = App.useApp()
  const today = chinaDateOf(Date.now())
  const referral = editing.kind === 'referral'
  const referralDate = Form.useWatch('date', form) as string | undefined
  const spec = (referral ? recordReferral : recordFollowUp) as CommandSpec<unknown, unknown>
  const schema: z.ZodType = referral ? recordReferralInput : recordFollowUpInput
  async function onOk() {
    const input = pruneEmpty({
      caseId,
      ...(referral && editing.row ? { referralId: editing.row.id } : {}),
      ...form.getFieldsValue(true),
    })
    if (!(await fieldRulesPass(form))) return setProblem('请按提示修改标红的内容。')
    if (!validateWithSchema(form, schema, input, [], `after-${editing.kind}`))
      return setProblem(problemSummary(schema, input, [], `after-${editing.kind}`))
    const res = await run(spec, input)
    if (!res.ok) return
    message.success(referral ? '已登记多元救助' : '已登记回访')
    onClose()
  }
  const title = referral ? (editing.row ? '登记多元救助结果' : '登记多元救助') : '登记回访'
  const initial = referral
    ? editing.row
      ? {
          kind: editing.row.kind,
          partnerAgency: editing.row.partnerAgency,
          regionCode: editing.row.regionCode,
          date: editing.row.date,
          outcomeDate: today,
        }
      : { kind: 'legal-aid', date: today }
    : { method: 'visit', date: today }
  return (
    <Modal
      open
      title={title}
      okText="保存"
      cancelText="取消"
      onOk={onOk}
      confirmLoading={busy}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      {problem && <Alert type="error" showIcon title={problem} role="alert" style={{ marginBottom: 12 }} />}
      <Form form={form} name={`after-${editing.kind}`} layout="vertical" initialValues={initial}>
        {referral ? (
          <>
            <Space wrap>
              <Form.Item name="kind" label="救助方式">
                <Select options={options(referralKindLabels)} style={{ width: 220 }} aria-label="救助方式" />
              </Form.Item>
              <DateField name="date" label="移送（转介）日期" rule={{ field: 'after-payment' }} />
              <Form.Item name="regionCode" label="承接地区代码（户籍所在地）">
                <Input style={{ width: 160 }} />
              </Form.Item>
            </Space>
            <Form.Item name="partnerAgency" label="承接单位">
              <Input />
            </Form.Item>
            <Space wrap>
              <DateField
                name="outcomeDate"
                label="结果日期"
                rule={{ field: 'after-outcome', after: ['after-payment', referralDate] }}
                dependencies={[['date']]}
              />
            </Space>
            <Form.Item name="outcome" label="救助结果">
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </>
        ) : (
          <>
            <Space wrap>
              <DateField name="date" label="回访日期" rule={{ field: 'after-payment' }} />
              <Form.Item name="method" label="回访方式">
                <Select options={options(followUpMethodLabels)} style={{ width: 200 }} aria-label="回访方式" />
              </Form.Item>
            </Space>
            <Form.Item name="findings" label="回访情况">
              <Input.TextArea autoSize={{ minRows: 3 }} />
            </Form.Item>
            <Form.Item name="furtherNeeds" label="仍需的帮扶">
              <Input.TextArea autoSize={{ minRows: 2 }} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  )
}

/** 多元救助 and 回访: what was arranged beyond money, with outcomes, and the follow-up visits after payment. */
export function AfterPaymentCard({ caseId, editable }: { caseId: string; editable: boolean }) {
  const { store } = useSession()
  const records = useDbQuery(() => store.read(afterPaymentRecords, caseId), [store, caseId])
  const [editing, setEditing] = useState<Editing>()
  return (
    <Card
      size="small"
      title="多元救助与回访"
      extra={
        editable && (
          <Space>
            <Button onClick={() => setEditing({ kind: 'referral' })}>登记多元救助</Button>
            <Button onClick={() => setEditing({ kind: 'followUp' })}>登记回访</Button>
          </Space>
        )
      }
    >
      <Table<StoredRecord>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={records?.referrals ?? []}
        locale={{ emptyText: '暂无多元救助（法律援助、心理疏导、社会救助、教育、就业等）' }}
        columns={[
          { title: '日期', dataIndex: 'date' },
          { title: '救助方式', render: (_, r) => referralKindLabels[r.kind as keyof typeof referralKindLabels] },
          { title: '承接单位', dataIndex: 'partnerAgency' },
          {
            title: '结果',
            render: (_, r) => (r.outcome ? `${String(r.outcomeDate ?? '')} ${String(r.outcome)}` : '待反馈'),
          },
          {
            title: '操作',
            render: (_, r) =>
              editable &&
              !r.outcome && (
                <Button size="small" onClick={() => setEditing({ kind: 'referral', row: r })}>
                  登记结果
                </Button>
              ),
          },
        ]}
      />
      <Table<StoredRecord>
        size="small"
        rowKey="id"
        pagination={false}
        style={{ marginTop: 12 }}
        dataSource={records?.followUps ?? []}
        locale={{ emptyText: '暂无回访记录' }}
        columns={[
          { title: '回访日期', dataIndex: 'date' },
          { title: '方式', render: (_, f) => followUpMethodLabels[f.method as keyof typeof followUpMethodLabels] },
          { title: '回访情况', dataIndex: 'findings' },
          { title: '仍需的帮扶', dataIndex: 'furtherNeeds' },
        ]}
      />
      {editing && <RecordDialog caseId={caseId} editing={editing} onClose={() => setEditing(undefined)} />}
    </Card>
  )
}
