import { oneTimeCheck } from '@shared/domain/eligibility'
import type { Finding } from '@shared/domain/findings'
import { maskNumber } from '@shared/domain/masking'
import { formatYuanWithUnit, toChineseUppercase } from '@shared/domain/money'
import { mayRun } from '@shared/domain/permissions'
import type { EffectiveRules } from '@shared/domain/rulesets'
import { idTypeLabels } from '@shared/domain/schemas'
import { ok } from '@shared/errors'
import {
  type TransferReceiverKind,
  transferFileRoleLabels,
  transferReceiverKindLabels,
  transferReceiverKinds,
} from '@shared/exchange/transfer'
import { encodeBase64 } from '@shared/util/base64'
import { Alert, Button, Card, Descriptions, Input, Select, Space, Table, Tag, Typography } from 'antd'
import { type ChangeEvent, useRef, useState } from 'react'
import { useSession } from '../../app/session'
import { useAction } from '../../app/useAction'
import { formatInstant } from '../../components/format'
import { type CaseFile, useDbQuery } from '../../db'
import {
  enrolledReceiver,
  heldTransfer,
  listCaseTransfers,
  mayTransfer,
  type OpenedTransfer,
  priorGrantsFor,
} from '../../db/transfer'
import { Fingerprint, type Outcome, OutcomeAlert, PassphraseInput } from '../exchange/common'

/**
 * 一次性救助核查 and 案件移送材料包 on the case page (docs/exchange.md §四): the one-time rule against every grant
 * known here — own cases, other offices' replicas and imported transfer packages — with the import of a package
 * from another procuratorate; and, once the case is decided, producing the package that goes with the case file.
 */
export function CaseTransferSection({
  file,
  rules,
  owned,
}: {
  file: CaseFile
  rules?: EffectiveRules
  owned: boolean
}) {
  return (
    <>
      <OneTimeCard file={file} rules={rules} owned={owned} />
      {owned && mayTransfer(file.record) && <TransferCard file={file} />}
    </>
  )
}

function FindingAlerts({ findings }: { findings: readonly Finding[] }) {
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="one-time-findings">
      {findings.map((f) => (
        <Alert
          key={`${f.code}-${String(f.params?.caseId ?? '')}`}
          type={f.severity === 'blocking' ? 'error' : f.severity === 'warning' ? 'warning' : 'info'}
          showIcon
          message={f.message}
          description={
            <Typography.Text type="secondary">
              依据：{f.rule.text}（{f.rule.source.document}
              {f.rule.source.article ? ` ${f.rule.source.article}` : ''}）
            </Typography.Text>
          }
        />
      ))}
    </Space>
  )
}

/** The one-time rule for this case's applicant, and the import of a transfer package as prior assistance. */
function OneTimeCard({ file, rules, owned }: { file: CaseFile; rules?: EffectiveRules; owned: boolean }) {
  const { store, actor, unit } = useSession()
  const r = file.record
  const grants = useDbQuery(() => store.read(priorGrantsFor, r), [store, r.id, r.rev])
  const [picked, setPicked] = useState<{ name: string; bytes: string }>()
  const [needsPassphrase, setNeedsPassphrase] = useState(false)
  const [passphrase, setPassphrase] = useState('')
  const [preview, setPreview] = useState<{ opened: OpenedTransfer; heldAt?: string }>()
  const [outcome, setOutcome] = useState<Outcome>()
  const { run, busy } = useAction(setOutcome)
  const [importing, setImporting] = useState(false)
  const input = useRef<HTMLInputElement>(null)
  const mayImport = mayRun(actor.roles, 'transfer.import')
  const findings =
    rules && grants
      ? oneTimeCheck(
          { caseId: r.id, applicantIdNumber: file.applicant?.idNumber, underlyingCaseNo: r.underlyingCase?.caseNo },
          rules,
          grants,
        )
      : []

  function reset() {
    setPicked(undefined)
    setPreview(undefined)
    setNeedsPassphrase(false)
    setPassphrase('')
    if (input.current) input.current.value = ''
  }

  async function open(bytes: string, name: string, pass?: string) {
    const res = await run(
      async (s) => {
        const opened = await s.flows.openTransfer(bytes, pass)
        if (!opened.ok) return opened
        const held = await s.read(heldTransfer, unit.code, opened.value)
        return ok({ opened: opened.value, ...(held ? { heldAt: held.createdAt } : {}) })
      },
      { failure: `无法导入“${name}”`, handles: ['exchange.passphrase-required'] },
    )
    if (res.ok) setPreview(res.value)
    else if (res.error.code === 'exchange.passphrase-required') setNeedsPassphrase(true)
  }

  async function onPick(e: ChangeEvent<HTMLInputElement>) {
    const f = e.target.files?.[0]
    setOutcome(undefined)
    setPreview(undefined)
    setNeedsPassphrase(false)
    if (!f) return
    const bytes = encodeBase64(new Uint8Array(await f.arrayBuffer()))
    setPicked({ name: f.name, bytes })
    await open(bytes, f.name)
  }

  async function confirm() {
    if (!preview) return
    const rec = preview.opened.record
    const res = await run((s) => s.flows.confirmTransferImport(preview.opened), {
      failure: '未导入',
      success: (v) =>
        v.status === 'already-imported'
          ? { type: 'info', title: '此移送材料包已导入，本次未做任何改动。' }
          : { type: 'success', title: `已导入既往救助记录：${rec.applicant.name}，${rec.sender.unitName}（移送材料）` },
    })
    if (res.ok) reset()
  }

  const showFindings = findings.length > 0
  if (!showFindings && !(owned && mayImport)) return null
  return (
    <Card size="small" title="一次性救助核查（本院、下级院副本与移送材料）">
      {showFindings ? (
        <FindingAlerts findings={findings} />
      ) : (
        <Typography.Paragraph type="secondary" data-testid="one-time-clear">
          未发现该申请人就同一案件在本院、下级院副本或已导入的移送材料中获得过救助。
        </Typography.Paragraph>
      )}
      <OutcomeAlert outcome={outcome} testId="transfer-import-outcome" />
      {owned && mayImport && !importing && (
        <Button style={{ marginTop: 12 }} onClick={() => setImporting(true)}>
          导入移送材料包
        </Button>
      )}
      {owned && mayImport && importing && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text>其他检察院移送的材料包（.jzb）：</Typography.Text>{' '}
          <input
            ref={input}
            type="file"
            accept=".jzb"
            aria-label="选择移送材料包文件"
            onChange={onPick}
            disabled={busy}
          />
          {needsPassphrase && picked && (
            <Space style={{ marginTop: 8 }}>
              <PassphraseInput value={passphrase} onChange={setPassphrase} />
              <Button
                onClick={() => void open(picked.bytes, picked.name, passphrase)}
                disabled={!passphrase}
                loading={busy}
              >
                解密并预览
              </Button>
            </Space>
          )}
        </div>
      )}
      {preview && (
        <TransferPreview preview={preview} busy={busy} onConfirm={() => void confirm()} onCancel={() => reset()} />
      )}
    </Card>
  )
}

function TransferPreview({
  preview,
  busy,
  onConfirm,
  onCancel,
}: {
  preview: { opened: OpenedTransfer; heldAt?: string }
  busy: boolean
  onConfirm(): void
  onCancel(): void
}) {
  const { opened, heldAt } = preview
  const rec = opened.record
  const d = rec.decision
  return (
    <Card
      size="small"
      type="inner"
      title="移送材料预览（尚未导入）"
      style={{ marginTop: 12 }}
      data-testid="transfer-preview"
    >
      {opened.senderTrusted ? (
        <Alert type="success" showIcon message="签名有效，发送单位已在本院登记（密钥一致）。" />
      ) : (
        <Alert
          type="warning"
          showIcon
          data-testid="transfer-unverified"
          message="签名有效，但发送单位未在本院登记：无法确认签名确为该单位所有（未核验）。"
          description={
            <div>
              请通过该单位的公开电话核对其密钥指纹，核对前仅作参考：
              <div>
                <Fingerprint value={opened.senderFingerprint} testId="transfer-fingerprint" />
              </div>
            </div>
          }
        />
      )}
      <Descriptions size="small" column={2} bordered style={{ marginTop: 12 }}>
        <Descriptions.Item label="移送单位">
          {rec.sender.unitName}（{rec.sender.unitCode}）
        </Descriptions.Item>
        <Descriptions.Item label="移送时间">{formatInstant(rec.createdAt)}</Descriptions.Item>
        <Descriptions.Item label="救助对象">
          {rec.applicant.name}（{idTypeLabels[rec.applicant.idType]} {maskNumber('idNumber', rec.applicant.idNumber)}）
        </Descriptions.Item>
        <Descriptions.Item label="救助案件">{rec.caseNo}</Descriptions.Item>
        <Descriptions.Item label="原案件编号">{rec.underlyingCase.caseNo ?? '（未载明）'}</Descriptions.Item>
        <Descriptions.Item label="决定">
          {d.outcome === 'granted' ? '决定救助' : '决定不予救助'}，{d.date}
          {d.documentNo ? `，${d.documentNo}` : ''}
        </Descriptions.Item>
        {d.grantedFen !== undefined && (
          <Descriptions.Item label="救助金额">
            {formatYuanWithUnit(d.grantedFen)}（{toChineseUppercase(d.grantedFen)}）
          </Descriptions.Item>
        )}
        <Descriptions.Item label="发放">
          {rec.payment ? `${formatYuanWithUnit(rec.payment.amountFen)}，${rec.payment.paidDate}` : '未发放'}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        style={{ marginTop: 12 }}
        rowKey="id"
        pagination={false}
        dataSource={rec.files}
        columns={[
          { title: '文件', dataIndex: 'name' },
          { title: '内容', render: (_, f) => transferFileRoleLabels[f.role] },
          { title: '字节数', align: 'right', render: (_, f) => f.size.toLocaleString('en-US') },
          {
            title: 'SHA-256（已核对）',
            render: (_, f) => <Typography.Text code>{f.sha256.slice(0, 16)}…</Typography.Text>,
          },
        ]}
      />
      {heldAt ? (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          message={`此移送材料包已于 ${formatInstant(heldAt)} 导入，再次导入不会改动任何数据。`}
        />
      ) : null}
      <Space style={{ marginTop: 12 }}>
        <Button type="primary" onClick={onConfirm} loading={busy} disabled={!!heldAt}>
          确认导入为既往救助记录
        </Button>
        <Button onClick={onCancel}>取消</Button>
      </Space>
    </Card>
  )
}

/** 生成移送材料包 for a decided case, and the packages produced from it. */
function TransferCard({ file }: { file: CaseFile }) {
  const { store, actor } = useSession()
  const r = file.record
  const sent = useDbQuery(() => store.read(listCaseTransfers, r.id), [store, r.id])
  const [open, setOpen] = useState(false)
  const [kind, setKind] = useState<TransferReceiverKind>('court')
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const [passphrase, setPassphrase] = useState('')
  const [outcome, setOutcome] = useState<Outcome>()
  const { run, busy } = useAction(setOutcome)
  const trimmedCode = code.trim()
  const peer = useDbQuery(
    () => store.read(enrolledReceiver, /^\d{6}$/.test(trimmedCode) ? trimmedCode : undefined),
    [store, trimmedCode],
  )
  const mayExport = mayRun(actor.roles, 'transfer.export')

  async function produce() {
    const res = await run(
      (s) =>
        s.flows.exportTransfer({
          caseId: r.id,
          receiver: { kind, name: name.trim(), ...(trimmedCode ? { unitCode: trimmedCode } : {}) },
          passphrase,
        }),
      {
        failure: '未生成移送材料包',
        success: (v) => ({
          type: 'success',
          title: `已生成移送材料包：${v.fileName}`,
          detail: v.readableDir ? (
            <div>
              <div>文件夹：{v.readableDir}</div>
              <div>
                请把整个文件夹随案卷交给{name.trim()}。对方不需要本软件：用浏览器打开文件夹中的 index.html（或打印
                index.pdf）即可阅读；.jzb 文件供使用本软件的检察院导入。
              </div>
            </div>
          ) : (
            <div>
              <div>保存位置：{v.path}</div>
              <div>已加密给已登记单位“{peer?.unitName ?? trimmedCode}”，只有该单位能用本软件打开。</div>
            </div>
          ),
        }),
      },
    )
    if (!res.ok) return
    setPassphrase('')
    setOpen(false)
  }

  return (
    <Card size="small" title="案件移送材料包（随案移送法院、公安机关或其他检察院）">
      <OutcomeAlert outcome={outcome} testId="transfer-outcome" />
      {mayExport && !open && (
        <Button onClick={() => setOpen(true)} type="default">
          生成移送材料包
        </Button>
      )}
      {open && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            材料包含救助决定和案件要素（可由软件读取）、决定书
            PDF、材料扫描件，以及不需要本软件即可阅读的索引（index.html 和
            index.pdf）。生成时以本院密钥签名，须输入本院密钥口令（由系统管理员掌握）。
          </Typography.Text>
          <Space wrap>
            <span>接收单位类别</span>
            <Select
              aria-label="接收单位类别"
              value={kind}
              onChange={setKind}
              style={{ width: 160 }}
              options={transferReceiverKinds.map((k) => ({ value: k, label: transferReceiverKindLabels[k] }))}
            />
            <span>接收单位名称</span>
            <Input
              aria-label="接收单位名称"
              value={name}
              onChange={(e) => setName(e.target.value)}
              style={{ width: 260 }}
            />
            <span>接收单位代码（可选）</span>
            <Input
              aria-label="接收单位代码"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              style={{ width: 120 }}
              maxLength={6}
            />
          </Space>
          {peer ? (
            <Alert
              type="info"
              showIcon
              message={`“${peer.unitName}”已在本院登记密钥：材料包将加密，只有该单位能打开。`}
            />
          ) : (
            <Alert
              type="info"
              showIcon
              message="接收单位未在本院登记密钥：材料包不加密（仅签名），并另生成可直接阅读的文件夹，随纸质案卷移送。"
            />
          )}
          <Space wrap>
            <PassphraseInput value={passphrase} onChange={setPassphrase} />
            <Button type="primary" onClick={() => void produce()} loading={busy} disabled={!name.trim() || !passphrase}>
              生成
            </Button>
            <Button onClick={() => setOpen(false)}>取消</Button>
          </Space>
        </Space>
      )}
      {sent && sent.length > 0 && (
        <Table
          size="small"
          style={{ marginTop: 12 }}
          rowKey="id"
          pagination={false}
          dataSource={sent}
          columns={[
            { title: '生成时间', render: (_, t) => formatInstant(t.createdAt) },
            {
              title: '接收单位',
              render: (_, t) => {
                const rc = t.receiver as { kind: TransferReceiverKind; name: string; unitCode?: string }
                return `${rc.name}（${transferReceiverKindLabels[rc.kind]}${rc.unitCode ? `，${rc.unitCode}` : ''}）`
              },
            },
            {
              title: '加密',
              render: (_, t) => (t.encrypted ? <Tag color="blue">已加密</Tag> : <Tag>公开（仅签名）</Tag>),
            },
            { title: '文件', render: (_, t) => String(t.readableDir ?? t.path) },
          ]}
        />
      )}
    </Card>
  )
}
