import {
  amountCheckInputFrom,
  amountComputationRecord,
  assistanceCap,
  checkProposedAmount,
} from '@shared/domain/amount'
import type { Finding } from '@shared/domain/findings'
import { formatYuanWithUnit, parseYuan } from '@shared/domain/money'
import { monthlyWageFor, wageRegionFor, wageYearFor } from '@shared/domain/rulesets'
import { proposalDecisionLabels, refusalReasonLabels } from '@shared/domain/schemas'
import { workflowActionSchema } from '@shared/domain/workflow'
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
import { type CaseFile, rulesForCase, similarGrants, useDbQuery } from '../../../db'

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
 * 审查意见 with the amount calculator: the cap from the configured wage for the applicable region and year (or a wage
 * entered with its source when the office has no wage table yet), the proposed amount with its factors, every finding
 * of the shared amount rules, and the amounts of similar cases of this region beside it.
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
  const { db, unit } = useSession()
  const record = file.record
  const inForce = useDbQuery(() => rulesForCase(db, record, unit.code, today), [db, record.id, record.rev])
  const rules = inForce?.rules
  const values = Form.useWatch([], form) ?? {}
  const similar = useDbQuery(
    () =>
      values.categoryItemCode ? similarGrants(db, values.categoryItemCode, record.id) : Promise.resolve(undefined),
    [db, values.categoryItemCode, record.id],
  )
  if (!inForce) return null
  if (!rules) return <Alert type="error" message="申请日期早于2014年意见施行，没有可适用的规则，无法计算救助金额。" />

  const procuratorateRegion = unit.regionCode
  const defaultRegion = procuratorateRegion
    ? wageRegionFor(rules, {
        caseJurisdictionRegionCode: record.jurisdictionRegion ?? procuratorateRegion,
        procuratorateRegionCode: procuratorateRegion,
      })
    : ''
  const defaultYear = wageYearFor(record.applicationDate ?? today)
  const region: string = values.wageRegionCode ?? defaultRegion
  const year = Number(values.wageYear ?? defaultYear)
  const lookup = /^\d{6}$/.test(region) && Number.isInteger(year) ? monthlyWageFor(rules, region, year) : undefined
  const monthlyWageFen = lookup?.monthlyWageFen ?? fenOf(values.monthlyWage)
  const proposedFen = fenOf(values.proposed)
  const cap = monthlyWageFen ? assistanceCap({ monthlyWageFen, months: rules.amount.capMonths }) : undefined
  const overCapApproval = values.overCapRef ? { ref: values.overCapRef, body: values.overCapBody ?? '' } : null
  const findings =
    values.decision === 'grant' && monthlyWageFen && proposedFen !== undefined
      ? checkProposedAmount(
          amountCheckInputFrom(rules, {
            proposedFen,
            monthlyWageFen,
            overCapApproval,
            courtAwardCeilingFen: fenOf(values.courtCeiling) ?? null,
          }),
        )
      : []

  async function finish(v: Record<string, string | string[] | undefined>) {
    const errors: { name: string[]; errors: string[] }[] = []
    const need = (name: string, ok: boolean, text: string) => !ok && errors.push({ name: [name], errors: [text] })
    let amount: ReturnType<typeof amountComputationRecord> | undefined
    if (v.decision === 'grant') {
      need('categoryItemCode', !!v.categoryItemCode, '请选择救助情形')
      need('wageRegionCode', /^\d{6}$/.test(region), '请填写工资所属地区的6位行政区划代码（如110000）')
      need('monthlyWage', !!monthlyWageFen, '没有该地区该年度的职工月平均工资数据，请填写并在因素说明中注明来源')
      need('proposed', proposedFen !== undefined && proposedFen > 0, '请填写拟救助金额（大于零）')
      need('factors', !!(v.factors as string)?.trim(), '请说明确定金额所考虑的因素')
      if (monthlyWageFen && proposedFen && (v.factors as string)?.trim()) {
        amount = amountComputationRecord({
          ruleSetId: rules?.ruleSet.id,
          wageYear: year,
          wageRegionCode: lookup?.regionCode ?? region,
          monthlyWageFen,
          ...(lookup ? { wageSeries: lookup.series, wageFallbacks: lookup.fallbacks } : {}),
          months: rules?.amount.capMonths,
          proposedFen,
          overCapApproval,
          courtAwardCeilingFen: fenOf(v.courtCeiling) ?? null,
          factorsText: String(v.factors),
        })
      }
      if (findings.some((f) => f.severity === 'blocking')) onProblem('金额审查有“不能提交”的问题，请先处理。')
    }
    if (v.decision === 'refuse') need('refusalReasons', !!v.refusalReasons?.length, '请选择不予救助的理由')
    const candidate = {
      type: 'propose',
      decision: v.decision,
      text: v.text,
      ...(v.decision === 'grant' ? { amount, categoryItemCode: v.categoryItemCode } : {}),
      ...(v.decision === 'refuse' ? { refusalReasons: v.refusalReasons ?? [] } : {}),
    }
    const action = validateWithSchema(form, workflowActionSchema, candidate, errors)
    if (!action) onProblem(problemSummary(workflowActionSchema, candidate, errors))
    if (!action || (v.decision === 'grant' && findings.some((f) => f.severity === 'blocking'))) return
    await onSubmit(action)
  }

  return (
    <Form form={form} name="action-propose" layout="vertical" onFinish={finish} initialValues={{ decision: 'grant' }}>
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
          <Space wrap>
            <Form.Item name="wageRegionCode" label="工资地区代码" initialValue={defaultRegion}>
              <Input style={{ width: 140 }} />
            </Form.Item>
            <Form.Item name="wageYear" label="工资年度（上一年度）" initialValue={String(defaultYear)}>
              <Input style={{ width: 120 }} />
            </Form.Item>
            {lookup ? (
              <Form.Item label="职工月平均工资">
                <Typography.Text data-testid="wage">
                  {formatYuanWithUnit(lookup.monthlyWageFen)}（{lookup.year}年，{lookup.series}）
                  {lookup.notes.map((n) => (
                    <Tag key={n}>{n}</Tag>
                  ))}
                </Typography.Text>
              </Form.Item>
            ) : (
              <Form.Item name="monthlyWage" label="职工月平均工资（本院尚无该地区该年度数据，请手工填写）">
                <Input suffix="元" style={{ width: 200 }} />
              </Form.Item>
            )}
          </Space>
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
            <Space wrap>
              <Form.Item name="courtCeiling" label="人民法院依法应当判决的赔偿数额">
                <Input suffix="元" style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="overCapRef" label="超出上限的审批文号">
                <Input style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="overCapBody" label="审批机构">
                <Input style={{ width: 200 }} placeholder="如：检察委员会" />
              </Form.Item>
            </Space>
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
