import { formatYuanWithUnit } from '@shared/domain/money'
import { commandLabel, mayRun } from '@shared/domain/permissions'
import {
  type Case,
  caseSourceLabels,
  fundSourceLabels,
  idTypeLabels,
  ledgerKindLabels,
  originDepartmentLabels,
  type Person,
  relationLabels,
} from '@shared/domain/schemas'
import { type ActionType, actionLabels, allowedActions, deadlinesFor } from '@shared/domain/workflow'
import { chinaDateOf } from '@shared/util/clock'
import { Alert, Button, Card, Descriptions, Empty, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { formatInstant } from '../../components/format'
import { getCaseFile, listUsers, queryAudit, rulesForCase, useDbQuery } from '../../db'
import { AfterPaymentCard } from './AfterPaymentCard'
import { AttachmentsCard } from './AttachmentsCard'
import { ActionDialog } from './actions/ActionDialog'
import { CaseTimeline } from './CaseTimeline'
import { DocumentsCard } from './DocumentsCard'
import { deadlineLabels } from './deadlineLabels'
import { StateTag } from './StateTag'
import { SupervisionCard } from './SupervisionCard'
import { CaseTransferSection } from './TransferSection'

/** The usual next step, highlighted; side paths (先行救助, 撤回, 追回 …) are offered but never highlighted. */
const mainPath: readonly ActionType[] = [
  'inform',
  'apply',
  'accept',
  'receive-supplement',
  'begin-review',
  'record-review',
  'propose',
  'submit-opinion',
  'approve-advance',
  'approve-step',
  'decide-grant',
  'decide-refuse',
  'request-funds',
  'funds-received',
  'notify-collection',
  'pay',
  'complete-advance-paperwork',
  'start-follow-up',
  'archive',
  'close-recovery',
]

/** States in which 多元救助 and 回访 are recorded (after the decision). */
const afterDecision = new Set<Case['state']>([
  'granted',
  'awaiting-funds',
  'awaiting-collection',
  'paid',
  'follow-up',
  'archived',
  'recovery',
  'refused',
])

function personText(p?: Person) {
  if (!p) return '—'
  return `${p.name}（${idTypeLabels[p.idType]} ${p.idNumber}${p.phone ? `，电话 ${p.phone}` : ''}）`
}

/** One case: who, where it stands, what is due by when and under which rule, what happened, and what to do next. */
export function CaseDetailPage({ caseId, go }: { caseId: string; go(path: string): void }) {
  const { db, actor, unit } = useSession()
  const file = useDbQuery(() => getCaseFile(db, caseId), [db, caseId])
  const users = useDbQuery(() => listUsers(db), [db])
  const today = chinaDateOf(Date.now())
  const inForce = useDbQuery(
    async () => (file ? rulesForCase(db, file.record, unit.code, today) : undefined),
    [db, file?.record.rev, today],
  )
  const audit = useDbQuery(() => queryAudit(db, { entityId: caseId }, 0, 200), [db, caseId, file?.record.rev])
  const [acting, setActing] = useState<ActionType>()
  if (file === undefined) return null
  if (file === null) return <Empty description="找不到该案件" />
  const r = file.record
  const names = new Map((users ?? []).map((u) => [u.id, u.displayName]))
  const owned = r.ownerUnit === unit.code
  const actions = owned ? allowedActions(r, actor) : []
  const nextStep = mainPath.find((a) => actions.includes(a))
  const deadlines = inForce && owned ? deadlinesFor(r, inForce.options.calendar, inForce.options.timeLimits) : []
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <Button onClick={() => go('cases')}>返回案件列表</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {r.caseNo ?? '（尚未编号）'}
        </Typography.Title>
        <StateTag state={r.state} />
        {!owned && <Alert type="info" message={`${r.ownerUnit} 的案件（只读副本）`} />}
      </Space>
      {deadlines.map((d) => (
        <Alert
          key={d.kind}
          type={today > d.due ? 'error' : 'warning'}
          showIcon
          message={`${deadlineLabels[d.kind]}：${today > d.due ? '已逾期，' : ''}期限至 ${d.due}`}
          description={`依据：${d.rule.text}（${d.rule.source.document}）`}
        />
      ))}
      {file.sameParty.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message="同一当事人另有救助案件，请核查是否属于同一案件重复救助（一次性救助原则）"
          description={file.sameParty.map((o) => (
            <div key={o.record.id}>
              <a href={`#/cases/${o.record.id}`}>{o.record.caseNo ?? o.record.id}</a>（{o.record.ownerUnit}，
              <StateTag state={o.record.state} />
              {o.record.decision?.grantedFen ? `决定金额 ${formatYuanWithUnit(o.record.decision.grantedFen)}` : ''}）
            </div>
          ))}
        />
      )}
      <CaseTransferSection file={file} rules={inForce?.rules} owned={owned} />
      {actions.length > 0 && (
        <Card size="small" title="可办理的事项">
          <Space wrap>
            {actions.map((a) => (
              <Button key={a} type={a === nextStep ? 'primary' : 'default'} onClick={() => setActing(a)}>
                {actionLabels[a]}
              </Button>
            ))}
          </Space>
        </Card>
      )}
      <Card size="small" title="基本情况">
        <Descriptions size="small" column={2}>
          <Descriptions.Item label="申请人">{personText(file.applicant)}</Descriptions.Item>
          <Descriptions.Item label="被害人">
            {file.victim?.id === file.applicant?.id ? '同申请人' : personText(file.victim)}
          </Descriptions.Item>
          <Descriptions.Item label="与被害人关系">{r.relation ? relationLabels[r.relation] : '—'}</Descriptions.Item>
          <Descriptions.Item label="案件来源">{caseSourceLabels[r.source]}</Descriptions.Item>
          <Descriptions.Item label="移送部门">
            {r.originDepartment ? originDepartmentLabels[r.originDepartment] : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="原案件编号">{r.underlyingCase?.caseNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="适用规则">{inForce?.rules?.ruleSet.title ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="小额应急性帮扶">
            {r.smallEmergencyHelp ? '是（不计入统计）' : '否'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="办理经过">
        <CaseTimeline record={r} names={names} />
      </Card>
      {afterDecision.has(r.state) && !r.withdrawal && (
        <AfterPaymentCard caseId={r.id} editable={owned && mayRun(actor.roles, 'case.followUp')} />
      )}
      <SupervisionCard caseId={r.id} ownerUnit={r.ownerUnit} />
      {owned && <DocumentsCard file={file} rules={inForce?.rules} />}
      <AttachmentsCard caseId={r.id} editable={owned && mayRun(actor.roles, 'case.attach')} names={names} />
      <Card size="small" title="资金分录">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={file.ledger}
          locale={{ emptyText: '暂无资金分录' }}
          columns={[
            { title: '日期', dataIndex: 'date' },
            { title: '类别', render: (_, e) => ledgerKindLabels[e.kind] },
            { title: '资金来源', render: (_, e) => fundSourceLabels[e.fundSource] },
            { title: '金额', align: 'right', render: (_, e) => formatYuanWithUnit(e.amountFen) },
            { title: '对方', dataIndex: 'counterparty' },
          ]}
        />
      </Card>
      <Card size="small" title="操作记录（审计）">
        <Table
          size="small"
          rowKey="seq"
          pagination={false}
          dataSource={audit?.rows ?? []}
          columns={[
            { title: '时间', render: (_, e) => formatInstant(e.at) },
            { title: '人员', render: (_, e) => names.get(e.userId) ?? e.userId },
            { title: '操作', render: (_, e) => commandLabel(e.command) },
          ]}
        />
      </Card>
      {acting && <ActionDialog type={acting} file={file} onClose={() => setActing(undefined)} />}
    </Space>
  )
}
