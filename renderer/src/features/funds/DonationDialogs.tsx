import { dateProblem } from '@shared/domain/dateRules'
import { parseYuan } from '@shared/domain/money'
import { donorKindLabels, fundSourceLabels } from '@shared/domain/schemas/labels'
import { ok } from '@shared/errors'
import { categoryLabel, donationNoticeHtml } from '@shared/registers'
import { chinaDateOf } from '@shared/util/clock'
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Select, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { ExportedFile } from '../../components/ExportedFile'
import {
  donationCandidates,
  donationFile,
  linkDonationRecipients,
  markDonorNotified,
  recordDonation,
  recordLedgerEntry,
  useDbQuery,
} from '../../db'
import { api } from '../../platform/api'

function useCandidates(search: string) {
  const { store, unit } = useSession()
  return useDbQuery(() => store.read(donationCandidates, unit.code, search), [store, unit.code, search]) ?? []
}

function RecipientSelect({ value, onChange }: { value?: string[]; onChange?: (v: string[]) => void }) {
  const [search, setSearch] = useState('')
  const options = useCandidates(search)
  return (
    <Select
      mode="multiple"
      aria-label="受助案件"
      placeholder="按案件编号或申请人姓名查找"
      showSearch
      filterOption={false}
      onSearch={setSearch}
      value={value ?? []}
      onChange={onChange}
      options={options.map((c) => ({ value: c.id, label: `${c.caseNo || '（未编号）'} ${c.applicant}` }))}
    />
  )
}

/** 登记社会捐助: donor, amount, restrictions, date, optionally the recipients already known. */
export function DonationDialog({ open, onClose }: { open: boolean; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm()
  const { run, busy, problem, setProblem } = useAction()
  async function onOk() {
    setProblem(undefined)
    const v = await form.validateFields().catch(() => undefined)
    if (!v) return
    const amount = parseYuan(String(v.amount ?? ''))
    if (!amount.ok) return setProblem(`捐助金额：${amount.reason}`)
    const res = await run(recordDonation, {
      donor: { name: v.donorName, kind: v.donorKind },
      amountFen: amount.fen,
      ...(v.restrictions?.trim() ? { restrictions: v.restrictions.trim() } : {}),
      receivedOn: (v.receivedOn as Dayjs).format('YYYY-MM-DD'),
      recipientCaseIds: v.recipients ?? [],
    })
    if (!res.ok) return
    form.resetFields()
    onClose(true)
  }
  return (
    <Modal
      open={open}
      title="登记社会捐助"
      okText="保存"
      cancelText="取消"
      onOk={onOk}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ donorKind: 'company', receivedOn: dayjs(chinaDateOf(Date.now())) }}
      >
        <Form.Item name="donorName" label="捐助人" rules={[{ required: true, message: '请填写捐助人' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="donorKind" label="捐助人类别">
          <Radio.Group options={Object.entries(donorKindLabels).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item name="amount" label="捐助金额（元）" rules={[{ required: true, message: '请填写捐助金额' }]}>
          <Input inputMode="decimal" placeholder="如 50000 或 50000.00" />
        </Form.Item>
        <Form.Item name="restrictions" label="限定用途（如有）">
          <Input.TextArea rows={2} maxLength={4000} placeholder="如：仅用于救助未成年被害人" />
        </Form.Item>
        <Form.Item name="receivedOn" label="收到日期" rules={[{ required: true, message: '请选择收到日期' }]}>
          <DatePicker disabledDate={refusedBy('donation')} />
        </Form.Item>
        <Form.Item name="recipients" label="受助案件（可稍后关联）">
          <RecipientSelect />
        </Form.Item>
      </Form>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  )
}

/** The days the one date rule (shared/domain/dateRules.ts) refuses for a date of this kind: after today. */
const refusedBy = (field: string) => (d: Dayjs) =>
  dateProblem(field, d.format('YYYY-MM-DD'), chinaDateOf(Date.now())) !== undefined

/** 关联受助案件: the specific recipients a donation helped. */
export function RecipientsDialog({ donationId, onClose }: { donationId?: string; onClose: () => void }) {
  const { store } = useSession()
  const file = useDbQuery(
    async () => (donationId ? store.read(donationFile, donationId) : undefined),
    [store, donationId],
  )
  const [value, setValue] = useState<string[]>()
  const { run, busy, problem } = useAction()
  const current = value ?? file?.donation.recipientCaseIds ?? []
  async function onOk() {
    if (!file) return
    const res = await run(linkDonationRecipients, {
      donationId: file.donation.id,
      recipientCaseIds: current,
      expectedRev: file.donation.rev,
    })
    if (!res.ok) return
    setValue(undefined)
    onClose()
  }
  return (
    <Modal
      open={!!donationId}
      title={`受助人：${file?.donation.donor.name ?? ''}的捐助`}
      okText="保存"
      cancelText="取消"
      onOk={onOk}
      confirmLoading={busy}
      onCancel={() => {
        setValue(undefined)
        onClose()
      }}
      destroyOnHidden
    >
      <RecipientSelect value={current} onChange={setValue} />
      {problem && <Alert style={{ marginTop: 8 }} type="error" showIcon title={problem} />}
    </Modal>
  )
}

/** 告知书: renders the notice naming the recipients to PDF (main process) and records that the donor was told. */
export function DonorNoticeButton({ donationId, onNotified }: { donationId: string; onNotified?: () => void }) {
  const { unit } = useSession()
  const { message, modal } = App.useApp()
  const { run, busy } = useAction()
  async function print() {
    const today = chinaDateOf(Date.now())
    const res = await run(async (s) => {
      const file = await s.read(donationFile, donationId)
      if (!file) return ok(undefined)
      const html = donationNoticeHtml(
        file.donation,
        file.recipients.map((r) => ({ ...r, category: categoryLabel(r.categoryItemCode) })),
        { unitName: unit.name },
        today,
      )
      return api.pdfRender({ fileName: `捐助资金使用情况告知书-${file.donation.donor.name}-${today}`, html })
    })
    if (!res.ok) return void message.error(res.error.message)
    if (!res.value) return
    modal.confirm({
      title: '告知书已生成',
      content: <ExportedFile path={res.value.path}>寄送或交给捐助人后，可登记“已告知捐助人”。</ExportedFile>,
      okText: '登记今天已告知',
      cancelText: '暂不登记',
      onOk: async () => {
        const r = await run(markDonorNotified, { donationId, date: today })
        if (r.ok) {
          message.success('已登记告知捐助人')
          onNotified?.()
        } else message.error(r.error.message)
      },
    })
  }
  return (
    <Button size="small" loading={busy} onClick={print}>
      告知书
    </Button>
  )
}

/** 登记拨款 / 冲销: a 财政拨款 not tied to one case, or a reversal of an entry of this office's ledger. */
export function LedgerEntryDialog({ open, onClose }: { open: boolean; onClose: (saved: boolean) => void }) {
  const [form] = Form.useForm()
  const [kind, setKind] = useState<'allocation' | 'reversal'>('allocation')
  const { run, busy, problem, setProblem } = useAction()
  async function onOk() {
    setProblem(undefined)
    const v = await form.validateFields().catch(() => undefined)
    if (!v) return
    const date = (v.date as Dayjs).format('YYYY-MM-DD')
    let input: unknown
    if (kind === 'allocation') {
      const amount = parseYuan(String(v.amount ?? ''))
      if (!amount.ok) return setProblem(`金额：${amount.reason}`)
      input = {
        kind,
        fundSource: v.fundSource,
        amountFen: amount.fen,
        date,
        counterparty: v.counterparty,
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }
    } else {
      const amount = v.amount?.trim() ? parseYuan(String(v.amount)) : undefined
      if (amount && !amount.ok) return setProblem(`金额：${amount.reason}`)
      input = {
        kind,
        reversesId: String(v.reversesId).trim(),
        ...(amount?.ok ? { amountFen: amount.fen } : {}),
        date,
        note: v.note,
      }
    }
    const res = await run(recordLedgerEntry, input)
    if (!res.ok) return
    form.resetFields()
    onClose(true)
  }
  return (
    <Modal
      open={open}
      title="登记资金分录"
      okText="保存"
      cancelText="取消"
      onOk={onOk}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          options={[
            { value: 'allocation', label: '财政拨款（不对应具体案件）' },
            { value: 'reversal', label: '冲销（更正错误分录）' },
          ]}
        />
        <Form
          form={form}
          layout="vertical"
          initialValues={{ date: dayjs(chinaDateOf(Date.now())), fundSource: 'county' }}
        >
          {kind === 'allocation' ? (
            <>
              <Form.Item name="fundSource" label="资金来源">
                <Select
                  options={(['central', 'province', 'city', 'county'] as const).map((s) => ({
                    value: s,
                    label: fundSourceLabels[s],
                  }))}
                />
              </Form.Item>
              <Form.Item name="counterparty" label="拨款单位" rules={[{ required: true, message: '请填写拨款单位' }]}>
                <Input maxLength={100} placeholder="如：某县财政局" />
              </Form.Item>
              <Form.Item name="amount" label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
                <Input inputMode="decimal" />
              </Form.Item>
              <Form.Item name="note" label="摘要">
                <Input maxLength={200} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item
                name="reversesId"
                label="被冲销的分录编号"
                rules={[{ required: true, message: '请填写分录编号' }]}
              >
                <Input placeholder="在资金台账中显示“分录编号”列可查到" />
              </Form.Item>
              <Form.Item name="amount" label="冲销金额（元，不填则全额冲销）">
                <Input inputMode="decimal" />
              </Form.Item>
              <Form.Item name="note" label="冲销原因" rules={[{ required: true, message: '请填写冲销原因' }]}>
                <Input maxLength={500} />
              </Form.Item>
            </>
          )}
          <Form.Item name="date" label="记账日期" rules={[{ required: true, message: '请选择日期' }]}>
            <DatePicker disabledDate={refusedBy('ledger')} />
          </Form.Item>
        </Form>
      </Space>
      {problem && <Alert type="error" showIcon title={problem} />}
    </Modal>
  )
}
