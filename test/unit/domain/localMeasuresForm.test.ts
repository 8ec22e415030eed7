import { describe, expect, it } from 'vitest'
import {
  emptyMeasuresFields,
  type LocalMeasuresFields,
  measuresFields,
  measuresFromFields,
} from '../../../shared/domain/localMeasuresForm'
import { applyLocalMeasures, exampleLocalMeasures, requireRuleSetFor } from '../../../shared/domain/rulesets'

const filled = (patch: Partial<LocalMeasuresFields> = {}): LocalMeasuresFields => ({
  ...emptyMeasuresFields({ kind: 'region', code: '320000' }, '320000-20270101'),
  title: '江苏省人民检察院国家司法救助工作实施办法',
  document: '苏检发〔2026〕12号',
  effectiveDate: '2027-01-01',
  perCaseMax: '60,000',
  floor: '2000',
  escalationThreshold: '30000',
  escalationBody: '检察委员会',
  steps: [
    { role: 'dept-head', label: '' },
    { role: 'chief', label: '检察长审批' },
  ],
  escalationStep: { role: 'procuratorial-committee', label: '' },
  decideWorkingDays: '8',
  ...patch,
})

const problemsOf = (f: LocalMeasuresFields) => {
  const r = measuresFromFields(f)
  expect(r.ok).toBe(false)
  return r.ok ? [] : r.problems.map((p) => [p.path.join('.'), p.message])
}

describe('本地实施办法 on a form', () => {
  it('a filled form gives the measure the rules read: amounts in 分, the approval chain, the time limit', () => {
    const r = measuresFromFields(filled())
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('；'))
    expect(r.measures).toEqual({
      schemaVersion: 1,
      id: '320000-20270101',
      title: '江苏省人民检察院国家司法救助工作实施办法',
      document: '苏检发〔2026〕12号',
      scope: { regionCode: '320000' },
      effectiveDate: '2027-01-01',
      source: { document: '苏检发〔2026〕12号', confidence: 'H' },
      perCaseMaxFen: 6_000_000,
      floorFen: 200_000,
      escalationThresholdFen: 3_000_000,
      escalationBody: '检察委员会',
      wageTable: [],
      approvalChain: {
        steps: [
          { role: 'dept-head', label: '部门负责人' },
          { role: 'chief', label: '检察长审批' },
        ],
        escalationStep: { role: 'procuratorial-committee', label: '检察委员会' },
      },
      timeLimitOverrides: { decideWorkingDays: 8, source: { document: '苏检发〔2026〕12号', confidence: 'H' } },
    })
    // and the rule machinery takes it: the 2021 细则 with this office's cap, floor and chain
    const rules = applyLocalMeasures(requireRuleSetFor('2027-02-01'), r.measures)
    expect(rules.amount.perCaseMaxFen).toBe(6_000_000)
    expect(rules.approvalChain.steps.map((s) => s.role)).toEqual(['dept-head', 'chief'])
  })

  it('the example measure, shown on the form and saved unchanged, is the same measure (its wage table kept)', () => {
    const r = measuresFromFields(measuresFields(exampleLocalMeasures), {
      wageTable: exampleLocalMeasures.wageTable,
      confidence: exampleLocalMeasures.source.confidence,
    })
    if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('；'))
    const { source, timeLimitOverrides, ...rest } = r.measures
    const { source: s0, timeLimitOverrides: t0, ...rest0 } = exampleLocalMeasures
    expect(rest).toEqual(rest0)
    expect(source).toEqual({ document: exampleLocalMeasures.document, confidence: 'M', note: s0.note })
    expect({ ...timeLimitOverrides, source: undefined }).toEqual({ ...t0, source: undefined })
  })

  it('an empty form and each mistake: named in Chinese at its field, and no measure', () => {
    const empty = emptyMeasuresFields({ kind: 'unit', code: '' }, '')
    expect(problemsOf(empty)).toEqual([
      ['id', '请填写编号'],
      ['title', '请填写实施办法名称'],
      ['document', '请填写文件名称及文号'],
      ['scopeCode', '单位代码为 6 位数字'],
      ['effectiveDate', '请填写施行日期（YYYY-MM-DD）'],
    ])
    expect(problemsOf(filled({ floor: '70000' }))).toEqual([['floor', '最低救助金额不能高于每案最高金额']])
    expect(problemsOf(filled({ perCaseMax: '0' }))).toEqual([['perCaseMax', '金额应大于零']])
    expect(problemsOf(filled({ perCaseMax: '5万' }))[0][0]).toBe('perCaseMax')
    expect(problemsOf(filled({ escalationBody: '' }))).toEqual([
      ['escalationBody', '规定了提级审批金额的，须注明审批机构（检委会、党组或政法委）'],
    ])
    expect(problemsOf(filled({ escalationThreshold: '' }))).toEqual([
      ['escalationThreshold', '注明了提级审批机构的，须填写提级审批的金额'],
    ])
    expect(problemsOf(filled({ steps: [{ role: '', label: '审核' }] }))).toEqual([['steps.0.role', '请选择审批人']])
    expect(problemsOf(filled({ steps: [] }))).toEqual([['steps', '规定提级审批环节时，须同时列出一般审批环节']])
    expect(problemsOf(filled({ decideWorkingDays: '0' }))).toEqual([['decideWorkingDays', '应为 1 至 366 的整数']])
    expect(problemsOf(filled({ externalApprovalBody: '党委政法委' }))).toEqual([
      ['externalApprovalWorkingDays', '注明了报批机构的，须填写另加的工作日'],
    ])
    expect(problemsOf(filled({ id: '苏-1' }))).toEqual([['id', '编号只能由字母、数字和连字符组成']])
    expect(problemsOf(filled({ effectiveDate: '2027-02-30' }))).toEqual([
      ['effectiveDate', '施行日期不是有效的日期（YYYY-MM-DD）'],
    ])
  })
})
