import { amountComputationRecord, assistanceCap } from '@shared/domain/amount'
import type { Finding } from '@shared/domain/findings'
import { formatYuanWithUnit, parseYuan } from '@shared/domain/money'
import { type Case, proposalDecisionLabels, refusalReasonLabels } from '@shared/domain/schemas'
import { refusalReasonsFromReview, type WorkflowAction, workflowActionSchema } from '@shared/domain/workflow'
import {
  Alert,
  Checkbox,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd'
import { useSession } from '../../../app/session'
import { problemSummary, validateWithSchema } from '../../../components/zodForm'
import { type CaseFile, findingsForAction, readCaseGate, similarGrants, useDbQuery } from '../../../db'

const severityTag = {
  blocking: <Tag color="red">不能提交</Tag>,
  warning: <Tag color="orange">请注意</Tag>,
  info: <Tag>提示</Tag>,
}

function fenOf(text: unknown): number | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined
  const r = parseYuan(text)
  return r.ok ? r.fen : undefined
}

/** Each finding with the rule behind it and its source, as the issue asks: never a bare warning. */
export function FindingList({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0) return null
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {findings.map((f) => (
        <Alert
          key={f.code}
          type={f.severity === 'blocking' ? 'error' : f.severity === 'warning' ? 'warning' : 'info'}
          message={
            <span>
              {severityTag[f.severity]} {f.message}
            </span>
          }
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

/**
 * 审查意见 with the amount calculator: the cap from the wage standard in force for the case's region and year (the
 * office's recorded figures or a standard sent down — never typed on the case), the proposed amount with its
 * factors, the findings of the legal gate the command applies (shared/domain/gate, the same function), and the
 * amounts of similar cases of this region beside it.
 */
export function ProposalForm({
  form,
  file,
  today,
  onSubmit,
  onProblem,
}: {
  form: FormInstance
  file: CaseFile
  today: string
  onSubmit(action: Record<string, unknown>): Promise<void>
  onProblem(text: string): void
}) {
  const { store, unit } = useSession()
  const record = file.record
  const gate = useDbQuery(() => store.read(readCaseGate, record, unit.code, today), [store, record.id, record.rev])
  const rules = gate?.inForce.rules
  const values = Form.useWatch([], form) ?? {}
  const similar = useDbQuery(
    () =>
      values.categoryItemCode
        ? store.read(similarGrants, values.categoryItemCode, record.id)
        : Promise.resolve(undefined),
    [store, values.categoryItemCode, record.id],
  )
  if (!gate) return null
  if (!rules) return <Alert type="error" message="申请日期早于2014年意见施行，没有可适用的规则，无法计算救助金额。" />

  const wage = gate.facts.wage
  const lookup = wage.lookup
  const monthlyWageFen = lookup?.monthlyWageFen
  const proposedFen = fenOf(values.proposed)
  const cap = monthlyWageFen ? assistanceCap({ monthlyWageFen, months: rules.amount.capMonths }) : undefined
  const amountOf = (factorsText: string, ceiling: unknown) =>
    lookup && proposedFen !== undefined && proposedFen > 0
      ? amountComputationRecord({
          ruleSetId: rules.ruleSet.id,
          wageYear: lookup.year,
          wageRegionCode: lookup.regionCode,
          monthlyWageFen: lookup.monthlyWageFen,
          wageSeries: lookup.series,
          wageFallbacks: lookup.fallbacks,
          wageSource: lookup.source.document,
          months: rules.amount.capMonths,
          proposedFen,
          courtAwardCeilingFen: fenOf(ceiling) ?? null,
          factorsText,
        })
      : undefined
  const draft =
    values.decision === 'grant'
      ? amountOf(String(values.factors ?? '').trim() || '（待填写）', values.courtCeiling)
      : undefined
  const findings =
    values.decision === 'grant' && (draft || !lookup)
      ? draft
        ? findingsForAction(
            gate,
            {
              ...record,
              state: 'opinion',
              proposal: { decision: 'grant', by: '', at: '', text: '' },
              amount: draft,
              categoryItemCode: values.categoryItemCode,
            } as Case,
            { type: 'propose', decision: 'grant', text: '' } as WorkflowAction,
          ).filter((f) => f.code !== 'category.not-in-rules' || !!values.categoryItemCode)
        : []
      : []

  async function finish(v: Record<string, string | string[] | undefined>) {
    const errors: { name: string[]; errors: string[] }[] = []
    const need = (name: string, ok: boolean, text: string) => !ok && errors.push({ name: [name], errors: [text] })
    let amount: ReturnType<typeof amountComputationRecord> | undefined
    if (v.decision === 'grant') {
      need('categoryItemCode', !!v.categoryItemCode, '请选择救助情形')
      need('proposed', proposedFen !== undefined && proposedFen > 0, '请填写拟救助金额（大于零）')
      need('factors', !!(v.factors as string)?.trim(), '请说明确定金额所考虑的因素')
      if (!lookup) onProblem('本院没有该地区该年度的职工月平均工资标准，请先在“系统设置 → 职工月平均工资标准”中录入。')
      if ((v.factors as string)?.trim()) amount = amountOf(String(v.factors), v.courtCeiling)
      if (findings.some((f) => f.severity === 'blocking')) onProblem('依法审查有“不能提交”的问题，请先处理。')
    }
    if (v.decision === 'refuse') need('refusalReasons', !!v.refusalReasons?.length, '请选择不予救助的理由')
    const candidate = {
      type: 'propose',
      decision: v.decision,
      text: v.text,
      ...(v.decision === 'grant' ? { amount, categoryItemCode: v.categoryItemCode } : {}),
      ...(v.decision === 'refuse' ? { refusalReasons: v.refusalReasons ?? [] } : {}),
    }
    const action = validateWithSchema(form, workflowActionSchema, candidate, errors, 'action-propose')
    if (!action) onProblem(problemSummary(workflowActionSchema, candidate, errors, 'action-propose'))
    if (!action || (v.decision === 'grant' && (!lookup || findings.some((f) => f.severity === 'blocking')))) return
    await onSubmit(action)
  }

  // 建议不予救助 starts with the exclusions the review found (X1–X8 are refusal reasons under the same codes)
  const initialValues = { decision: 'grant', refusalReasons: refusalReasonsFromReview(record) }
  return (
    <Form form={form} name="action-propose" layout="vertical" onFinish={finish} initialValues={initialValues}>
      <Form.Item name="decision" label="审查意见">
        <Radio.Group options={Object.entries(proposalDecisionLabels).map(([value, label]) => ({ value, label }))} />
      </Form.Item>
      {values.decision === 'refuse' ? (
        <Form.Item name="refusalReasons" label="不予救助的理由">
          <Checkbox.Group
            style={{ display: 'grid', gap: 4 }}
            options={Object.entries(refusalReasonLabels).map(([value, label]) => ({ value, label }))}
          />
        </Form.Item>
      ) : (
        <>
          <Form.Item name="categoryItemCode" label="救助情形">
            <Select
              aria-label="救助情形"
              options={rules.ruleSet.categories.map((c) => ({ value: c.code, label: `${c.label}：${c.text}` }))}
            />
          </Form.Item>
          <Form.Item label="职工月平均工资（现行标准）">
            {lookup ? (
              <Typography.Text data-testid="wage">
                {formatYuanWithUnit(lookup.monthlyWageFen)}（{lookup.regionCode}，{lookup.year}年，{lookup.series}；
                {lookup.source.document}）
                {lookup.notes.map((n) => (
                  <Tag key={n}>{n}</Tag>
                ))}
              </Typography.Text>
            ) : (
              <Alert
                type="error"
                data-testid="wage-missing"
                message={`本院没有地区 ${wage.request.regionCode} ${wage.request.year} 年度（或此前年度）的职工月平均工资标准，不能提出救助意见。请由管理员或部门负责人在“系统设置 → 职工月平均工资标准”中录入统计部门公布的数字，或导入上级院下发的标准。`}
              />
            )}
          </Form.Item>
          <Descriptions size="small" column={2} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label="救助金额上限">
              <span data-testid="cap">
                {cap !== undefined && monthlyWageFen
                  ? `${rules.amount.capMonths} × ${formatYuanWithUnit(monthlyWageFen)} = ${formatYuanWithUnit(cap)}`
                  : '—'}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label="本地区同类案件">
              <span data-testid="similar">
                {similar
                  ? `${similar.count} 件，${formatYuanWithUnit(similar.minFen)}～${formatYuanWithUnit(similar.maxFen)}，中位数 ${formatYuanWithUnit(similar.medianFen)}`
                  : '暂无同类案件'}
              </span>
            </Descriptions.Item>
          </Descriptions>
          <Form.Item name="proposed" label="拟救助金额">
            <Input suffix="元" style={{ width: 220 }} />
          </Form.Item>
          {cap !== undefined && proposedFen !== undefined && proposedFen > cap && (
            <Form.Item name="courtCeiling" label="人民法院依法应当判决的赔偿数额（超过上限时必填）">
              <Input suffix="元" style={{ width: 200 }} />
            </Form.Item>
          )}
          <Form.Item name="factors" label="确定金额考虑的因素">
            <Input.TextArea
              autoSize={{ minRows: 2 }}
              placeholder="损害后果、过错、家庭经济状况、当地最低生活标准、已获赔偿等"
            />
          </Form.Item>
          <FindingList findings={findings} />
        </>
      )}
      <Form.Item name="text" label="审查意见内容" style={{ marginTop: 12 }}>
        <Input.TextArea autoSize={{ minRows: 3 }} />
      </Form.Item>
    </Form>
  )
}
