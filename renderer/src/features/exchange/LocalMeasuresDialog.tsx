import {
  approvalRoleLabels,
  emptyMeasuresFields,
  type FieldProblem,
  type LocalMeasuresFields,
  measuresFields,
  measuresFromFields,
  type StepFields,
  wageRegionKindLabels,
} from '@shared/domain/localMeasuresForm'
import { type ApprovalRole, approvalRoleSchema, type LocalMeasures, wageSeriesSchema } from '@shared/domain/rulesets'
import { chinaDateOf } from '@shared/util/clock'
import { Alert, Button, Divider, Input, Modal, Radio, Select, Space, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useSession } from '../../app/session'
import { FieldRow, PopupsInPlace } from './FieldRow'

/**
 * 新建或修改本地实施办法 on a form (shared/domain/localMeasuresForm.ts): amounts in 元, the approval chain, the time
 * limits. Empty fields mean "as the national rules"; every problem is shown at its field and nothing is added.
 */
export function LocalMeasuresDialog({
  open,
  editing,
  onClose,
}: {
  open: boolean
  /** The measure being corrected, or undefined for a new one. */
  editing: LocalMeasures | undefined
  onClose: (measures?: LocalMeasures) => void
}) {
  const { unit } = useSession()
  const fresh = () =>
    emptyMeasuresFields(
      unit.level === 'basic' ? { kind: 'unit', code: unit.code } : { kind: 'region', code: unit.regionCode ?? '' },
      `${unit.code}-${chinaDateOf(Date.now()).replaceAll('-', '')}`,
    )
  const [f, setF] = useState<LocalMeasuresFields>(fresh)
  const [problems, setProblems] = useState<FieldProblem[]>([])
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the dialog opens for another measure
  useEffect(() => {
    if (!open) return
    setF(editing ? measuresFields(editing) : fresh())
    setProblems([])
  }, [open, editing])
  const errors = (...path: (string | number)[]) =>
    problems.filter((p) => p.path.join('.') === path.join('.')).map((p) => p.message)
  // a changed field loses its old problems (they are found again on saving)
  const set = (patch: Partial<LocalMeasuresFields>) => {
    const keys = new Set(Object.keys(patch))
    setProblems((ps) => ps.filter((p) => !keys.has(String(p.path[0]))))
    setF((x) => ({ ...x, ...patch }))
  }
  const text = (key: keyof LocalMeasuresFields, label: string, width = 320, placeholder?: string) => (
    <FieldRow label={label} errors={errors(key)}>
      <Input
        aria-label={label}
        value={f[key] as string}
        placeholder={placeholder}
        onChange={(e) => set({ [key]: e.target.value })}
        style={{ width }}
      />
    </FieldRow>
  )
  function save() {
    const r = measuresFromFields(f, {
      wageTable: editing?.wageTable ?? [],
      ...(editing ? { confidence: editing.source.confidence } : {}),
    })
    if (!r.ok) return setProblems(r.problems)
    onClose(r.measures)
  }
  const setStep = (i: number, patch: Partial<StepFields>) =>
    set({ steps: f.steps.map((s, k) => (k === i ? { ...s, ...patch } : s)) })
  const move = (i: number, by: -1 | 1) => {
    const steps = [...f.steps]
    const [s] = steps.splice(i, 1)
    steps.splice(i + by, 0, s)
    set({ steps })
  }
  const roleOptions = approvalRoleSchema.options.map((r) => ({ value: r, label: approvalRoleLabels[r] }))
  const unplaced = problems.filter((p) => p.path.length === 0)

  return (
    <Modal
      open={open}
      title={editing ? `修改实施办法：${editing.title}` : '新建本地实施办法'}
      okText={editing ? '保存修改' : '加入下发内容'}
      cancelText="取消"
      onOk={save}
      onCancel={() => onClose()}
      width={820}
      styles={{ body: { maxHeight: 'calc(100vh - 220px)', overflowY: 'auto' } }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        只填本地实施办法有规定的项目；留空的项目按所适用的国家规则集（规则原文见“政策法规”）。金额以元为单位，可有两位小数。
      </Typography.Paragraph>
      <PopupsInPlace>
        <Space direction="vertical" style={{ width: '100%' }}>
          {text('title', '实施办法名称', 480)}
          {text('document', '文件名称及文号', 480, '如 某检发〔2026〕12号')}
          {text('article', '条款（可选）', 240, '如 第十二条')}
          <FieldRow label="适用范围" errors={errors('scopeCode')}>
            <Radio.Group
              value={f.scopeKind}
              onChange={(e) => set({ scopeKind: e.target.value })}
              options={[
                { value: 'region', label: '地区（按行政区划代码）' },
                { value: 'unit', label: '单位（按检察院代码）' },
              ]}
            />
            <Input
              aria-label={f.scopeKind === 'unit' ? '适用单位代码' : '适用地区代码'}
              value={f.scopeCode}
              onChange={(e) => set({ scopeCode: e.target.value.trim() })}
              style={{ width: 120 }}
              placeholder="6 位数字"
            />
          </FieldRow>
          {text('effectiveDate', '施行日期', 160, 'YYYY-MM-DD')}
          {text('id', '编号', 240)}
          <Divider plain>救助金额</Divider>
          {text('perCaseMax', '每案最高金额（元）', 200, '留空：按规则集')}
          {text('floor', '最低救助金额（元）', 200, '留空：不设')}
          {text('escalationThreshold', '提级审批金额（元，达到或超过）', 200, '留空：不设')}
          {text('escalationBody', '提级审批机构', 280, '如 检察委员会、党组会')}
          <FieldRow label="工资地区" errors={errors('wageRegionKind')}>
            <Select
              aria-label="工资地区"
              value={f.wageRegionKind}
              onChange={(v) => set({ wageRegionKind: v })}
              style={{ width: 360 }}
              options={[
                { value: '', label: '按规则集' },
                ...Object.entries(wageRegionKindLabels).map(([value, label]) => ({ value, label })),
              ]}
            />
          </FieldRow>
          <FieldRow label="工资口径" errors={errors('wageSeries')}>
            <Select
              aria-label="工资口径"
              value={f.wageSeries}
              onChange={(v) => set({ wageSeries: v })}
              style={{ width: 160 }}
              options={[
                { value: '', label: '按规则集' },
                ...wageSeriesSchema.options.map((s) => ({ value: s, label: s })),
              ]}
            />
          </FieldRow>
          <Divider plain>审批环节</Divider>
          <Typography.Text type="secondary">
            按先后顺序列出（第一个为承办检察官时，其意见即审查意见）；不列则按规则集。环节名称留空时用审批人名称。
          </Typography.Text>
          {errors('steps').map((e) => (
            <Typography.Text key={e} type="danger" role="alert">
              {e}
            </Typography.Text>
          ))}
          {f.steps.map((s, i) => (
            <FieldRow
              key={`s${String(i)}`}
              label={`第 ${i + 1} 环节`}
              errors={[...errors('steps', i, 'role'), ...errors('steps', i, 'label')]}
            >
              <Select
                aria-label={`第${i + 1}环节审批人`}
                value={s.role || undefined}
                placeholder="审批人"
                onChange={(role: ApprovalRole) => setStep(i, { role })}
                style={{ width: 160 }}
                showSearch
                optionFilterProp="label"
                options={roleOptions}
              />
              <Input
                aria-label={`第${i + 1}环节名称`}
                value={s.label}
                placeholder="环节名称（可选）"
                onChange={(e) => setStep(i, { label: e.target.value })}
                style={{ width: 200 }}
              />
              <Button size="small" disabled={i === 0} onClick={() => move(i, -1)}>
                上移
              </Button>
              <Button size="small" disabled={i === f.steps.length - 1} onClick={() => move(i, 1)}>
                下移
              </Button>
              <Button size="small" onClick={() => set({ steps: f.steps.filter((_, k) => k !== i) })}>
                删除
              </Button>
            </FieldRow>
          ))}
          <Button size="small" onClick={() => set({ steps: [...f.steps, { role: '', label: '' }] })}>
            添加审批环节
          </Button>
          <FieldRow label="提级审批环节" errors={errors('escalationStep', 'label')}>
            <Select
              aria-label="提级审批环节审批人"
              value={f.escalationStep.role}
              onChange={(role: ApprovalRole | '') => set({ escalationStep: { ...f.escalationStep, role } })}
              style={{ width: 160 }}
              showSearch
              optionFilterProp="label"
              options={[{ value: '', label: '不设' }, ...roleOptions]}
            />
            <Input
              aria-label="提级审批环节名称"
              value={f.escalationStep.label}
              placeholder="环节名称（可选）"
              onChange={(e) => set({ escalationStep: { ...f.escalationStep, label: e.target.value } })}
              style={{ width: 240 }}
            />
          </FieldRow>
          <Divider plain>办理期限（留空：按规则集）</Divider>
          {text('decideWorkingDays', '提出审查意见（工作日）', 100)}
          {text('notifyCollectionWorkingDays', '通知领取（工作日）', 100)}
          {text('supplementNoticeWorkingDays', '补正告知（工作日）', 100)}
          {text('supplementDays', '补正期限（日）', 100)}
          {text('externalApprovalWorkingDays', '报批另加（工作日）', 100)}
          {text('externalApprovalBody', '报批机构', 240, '如 党委政法委')}
          {text('note', '说明（可选）', 480)}
          {unplaced.length > 0 && (
            <Alert type="error" showIcon role="alert" title={unplaced.map((p) => p.message).join('；')} />
          )}
          {problems.length > 0 && unplaced.length === 0 && (
            <Alert type="error" showIcon role="alert" title="请按各项下方的提示修改后再保存。" />
          )}
        </Space>
      </PopupsInPlace>
    </Modal>
  )
}
