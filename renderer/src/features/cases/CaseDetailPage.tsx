import { caseNumberView } from '@shared/domain/access'
import { departmentName } from '@shared/domain/departments'
import { formatYuanWithUnit } from '@shared/domain/money'
import { mayRun } from '@shared/domain/permissions'
import {
  type Case,
  caseSourceLabels,
  fundSourceLabels,
  idTypeLabels,
  ledgerKindLabels,
  type Person,
  relationLabels,
} from '@shared/domain/schemas'
import {
  type ActionType,
  actionLabels,
  allowedActions,
  caseHandler,
  deadlinesFor,
  roundComplete,
} from '@shared/domain/workflow'
import { chinaDateOf } from '@shared/util/clock'
import { Alert, Button, Card, Descriptions, Empty, Space, Table, Typography } from 'antd'
import { useState } from 'react'
import { useSession } from '../../app/session'
import { useDepartmentNames } from '../../components/departmentNames'
import { formatInstant } from '../../components/format'
import { SensitiveNumber } from '../../components/SensitiveNumber'
import { getCaseFile, listUsers, queryAuditEvents, repeatGrantNeeded, rulesForCase, useDbQuery } from '../../db'
import { CorrectionDialog } from '../corrections/CorrectionDialog'
import { CorrectionHistory } from '../corrections/CorrectionHistory'
import { caseSubject } from '../corrections/subjects'
import { AfterPaymentCard, RecordDialog } from './AfterPaymentCard'
import { AttachmentsCard } from './AttachmentsCard'
import { ActionDialog } from './actions/ActionDialog'
import { CaseTimeline } from './CaseTimeline'
import { DocumentsCard } from './DocumentsCard'
import { deadlineLabels } from './deadlineLabels'
import { StateTag } from './StateTag'
import { SupervisionCard } from './SupervisionCard'
import { staffNamer } from './staffNames'
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

/** A party with the ID number as the role sees it on the case page (masked, 显示 on demand, or whole). */
function PersonLine({ p, caseId, handler }: { p?: Person & { id: string }; caseId: string; handler: boolean }) {
  const { actor } = useSession()
  if (!p) return <>—</>
  return (
    <span>
      {p.name}（{idTypeLabels[p.idType]}{' '}
      <SensitiveNumber
        caseId={caseId}
        personId={p.id}
        field="idNumber"
        value={p.idNumber}
        view={caseNumberView(actor.roles, 'idNumber', handler)}
      />
      {p.phone ? `，电话 ${p.phone}` : ''}）
    </span>
  )
}

/** One case: who, where it stands, what is due by when and under which rule, what happened, and what to do next. */
export function CaseDetailPage({ caseId, go }: { caseId: string; go(path: string): void }) {
  const { store, actor, unit } = useSession()
  const file = useDbQuery(() => store.read(getCaseFile, caseId), [store, caseId])
  const users = useDbQuery(() => store.read(listUsers), [store])
  const today = chinaDateOf(Date.now())
  const departmentNames = useDepartmentNames()
  const inForce = useDbQuery(
    async () => (file ? store.read(rulesForCase, file.record, unit.code, today) : undefined),
    [store, file?.record.rev, today],
  )
  // one line per command (a new case writes its persons and the case itself under one 新建救助案件)
  const audit = useDbQuery(
    () => store.read(queryAuditEvents, { entityId: caseId }, 0, 200),
    [store, caseId, file?.record.rev],
  )
  // 批准再次救助 is offered only where the rules word an exception and a known grant blocks this case
  const repeatable = useDbQuery(
    async () =>
      file && file.record.ownerUnit === unit.code
        ? store.read(repeatGrantNeeded, file.record, unit.code, today)
        : false,
    [store, file?.record.rev, today],
  )
  const [acting, setActing] = useState<ActionType>()
  const [visiting, setVisiting] = useState(false)
  const [correcting, setCorrecting] = useState(false)
  if (file === undefined) return null
  if (file === null) return <Empty description="找不到该案件" />
  const r = file.record
  const nameOf = staffNamer(users, unit.code)
  const unitName = (code: string) => file.unitNames.get(code) ?? `单位 ${code} `
  const owned = r.ownerUnit === unit.code
  const actions = owned
    ? allowedActions(r, actor).filter((a) => a !== 'approve-repeat-grant' || repeatable === true)
    : []
  const nextStep = mainPath.find((a) => actions.includes(a))
  // 回访 is recorded after payment: offered with the other steps, not only in the card further down
  const followUp = owned && !!r.payment && !r.withdrawal && mayRun(actor.roles, 'case.followUp')
  // A complete approval round waits for 控申's decision; whoever cannot issue it is told who does
  const decided = actions.includes('decide-grant') || actions.includes('decide-refuse')
  const handler = caseHandler(r)
  // 控申承办 sees the whole ID number on the cases they handle (shared/domain/access.ts)
  const handles = handler === actor.userId
  const awaitingDecision = owned && r.state === 'approval' && roundComplete(r) && !decided
  const deadlines = inForce && owned ? deadlinesFor(r, inForce.options.calendar, inForce.options.timeLimits) : []
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space>
        <Button onClick={() => go('cases')}>返回案件列表</Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {r.caseNo ?? '（尚未编号）'}
        </Typography.Title>
        <StateTag record={r} />
        {!owned && <Alert type="info" message={`${unitName(r.ownerUnit)}的案件（只读副本）`} />}
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
              <a href={`#/cases/${o.record.id}`}>{o.record.caseNo ?? o.record.id}</a>（{unitName(o.record.ownerUnit)}，
              <StateTag record={o.record} />
              {o.record.decision?.grantedFen ? `决定金额 ${formatYuanWithUnit(o.record.decision.grantedFen)}` : ''}）
            </div>
          ))}
        />
      )}
      <CaseTransferSection file={file} rules={inForce?.rules} owned={owned} />
      {awaitingDecision && (
        <Alert
          type="info"
          showIcon
          message={`审批完毕，待${handler ? `承办人${nameOf(handler)}` : '控告申诉检察部门'}作出${r.proposal?.decision === 'refuse' ? '不予救助' : '救助'}决定`}
        />
      )}
      {(actions.length > 0 || followUp) && (
        <Card size="small" title="可办理的事项">
          <Space wrap>
            {actions.map((a) => (
              <Button key={a} type={a === nextStep ? 'primary' : 'default'} onClick={() => setActing(a)}>
                {actionLabels[a]}
              </Button>
            ))}
            {followUp && <Button onClick={() => setVisiting(true)}>登记回访</Button>}
          </Space>
        </Card>
      )}
      <Card
        size="small"
        title="基本情况"
        extra={
          owned &&
          mayRun(actor.roles, 'case.correct') && (
            <Button size="small" onClick={() => setCorrecting(true)}>
              更正
            </Button>
          )
        }
      >
        <Descriptions size="small" column={2}>
          <Descriptions.Item label="申请人">
            <PersonLine p={file.applicant} caseId={r.id} handler={handles} />
          </Descriptions.Item>
          <Descriptions.Item label="被害人">
            {file.victim?.id === file.applicant?.id ? (
              '同申请人'
            ) : (
              <PersonLine p={file.victim} caseId={r.id} handler={handles} />
            )}
          </Descriptions.Item>
          {file.applicant?.bankAccount && (
            <Descriptions.Item label="收款账户">
              {file.applicant.bankAccount.bank} {file.applicant.bankAccount.accountName}{' '}
              <SensitiveNumber
                caseId={r.id}
                personId={file.applicant.id}
                field="bankAccount"
                value={file.applicant.bankAccount.accountNo}
                view={caseNumberView(actor.roles, 'bankAccount', handles)}
              />
            </Descriptions.Item>
          )}
          <Descriptions.Item label="与被害人关系">{r.relation ? relationLabels[r.relation] : '—'}</Descriptions.Item>
          <Descriptions.Item label="案件来源">{caseSourceLabels[r.source]}</Descriptions.Item>
          <Descriptions.Item label="移送部门">
            {r.originDepartment ? departmentName(r.originDepartment, departmentNames) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="原案件编号">{r.underlyingCase?.caseNo ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="适用规则">{inForce?.rules?.ruleSet.title ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="小额应急性帮扶">
            {r.smallEmergencyHelp ? '是（不计入统计）' : '否'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title="办理经过">
        <CaseTimeline record={r} nameOf={nameOf} />
      </Card>
      {r.corrections?.length ? (
        <Card size="small" title="更正记录">
          <CorrectionHistory corrections={r.corrections} nameOf={nameOf} />
        </Card>
      ) : null}
      {afterDecision.has(r.state) && !r.withdrawal && (
        <AfterPaymentCard caseId={r.id} editable={owned && mayRun(actor.roles, 'case.followUp')} />
      )}
      <SupervisionCard caseId={r.id} ownerUnit={r.ownerUnit} />
      {owned && <DocumentsCard file={file} rules={inForce?.rules} />}
      <AttachmentsCard caseId={r.id} editable={owned && mayRun(actor.roles, 'case.attach')} nameOf={nameOf} />
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
          rowKey={(e) => e.seqs[0]}
          pagination={false}
          dataSource={audit?.events ?? []}
          columns={[
            { title: '时间', render: (_, e) => formatInstant(e.at) },
            { title: '人员', render: (_, e) => nameOf(e.userId) },
            { title: '操作', render: (_, e) => e.label },
          ]}
        />
      </Card>
      {acting && (
        <ActionDialog
          type={acting}
          file={file}
          materialRules={inForce?.options.materials}
          onClose={() => setActing(undefined)}
        />
      )}
      {correcting && <CorrectionDialog subject={caseSubject(file)} onClose={() => setCorrecting(false)} />}
      {visiting && <RecordDialog caseId={r.id} editing={{ kind: 'followUp' }} onClose={() => setVisiting(false)} />}
    </Space>
  )
}
