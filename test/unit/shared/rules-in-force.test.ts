import { describe, expect, it } from 'vitest'
import { ledgerDraftsFor } from '../../../shared/domain/ledgerEffects'
import { exampleLocalMeasures } from '../../../shared/domain/rulesets'
import { governingDate, rulesInForce } from '../../../shared/domain/rulesInForce'
import type { Case } from '../../../shared/domain/schemas'
import type { WorkflowEvent } from '../../../shared/domain/workflow'

describe('the rules in force for a case', () => {
  it('the governing date is the application, else the ex officio start, else the clue, else today', () => {
    expect(governingDate({ applicationDate: '2020-05-01', clueDate: '2019-01-01' }, '2026-01-01')).toBe('2020-05-01')
    expect(
      governingDate(
        { exOfficio: { date: '2018-03-01', reason: '依职权', by: 'x' }, clueDate: '2018-01-01' },
        '2026-01-01',
      ),
    ).toBe('2018-03-01')
    expect(governingDate({ clueDate: '2017-01-01' }, '2026-01-01')).toBe('2017-01-01')
    expect(governingDate({}, '2026-01-01')).toBe('2026-01-01')
  })

  it('picks the rule set by date and passes its limits, chain, checklist and hard exclusions to the workflow', () => {
    const r2026 = rulesInForce({ applicationDate: '2026-03-04' }, '2026-03-04', { unitCode: '110105' })
    expect(r2026.rules?.ruleSet.id).toBe('2021-xize')
    expect(r2026.options.timeLimits?.decideWorkingDays.value).toBe(10)
    expect(r2026.options.approval?.chain?.map((s) => s.role)).toEqual(['dept-head', 'chief'])
    expect(r2026.options.materials?.some((m) => m.code === 'identity')).toBe(true)
    // Legal-person applicants are not a hard exclusion under the 2021 细则, but are under the 2016 细则.
    expect(r2026.options.hardExclusions).not.toContain('X7')
    const r2017 = rulesInForce({ applicationDate: '2017-06-01' }, '2026-03-04', { unitCode: '110105' })
    expect(r2017.rules?.ruleSet.id).toBe('2016-xize')
    expect(r2017.options.hardExclusions).toContain('X7')
  })

  it('before the first rule set there are no rules, and the workflow falls back to its defaults', () => {
    expect(rulesInForce({ applicationDate: '2013-12-31' }, '2026-01-01', { unitCode: '110105' }).rules).toBeUndefined()
  })

  it('local measures covering the office are merged in; others are not', () => {
    const scope = exampleLocalMeasures.scope
    const where = scope.unitCode ? { unitCode: scope.unitCode } : { unitCode: 'x', regionCode: scope.regionCode }
    const date = exampleLocalMeasures.effectiveDate
    const covered = rulesInForce({ applicationDate: date }, date, { ...where, localMeasures: [exampleLocalMeasures] })
    expect(covered.rules?.local).toBe(exampleLocalMeasures)
    const other = rulesInForce({ applicationDate: date }, date, {
      unitCode: '999999',
      regionCode: '650000',
      localMeasures: [exampleLocalMeasures],
    })
    expect(other.rules?.local).toBeUndefined()
  })
})

describe('money entries caused by workflow steps', () => {
  const record = {
    id: '110105-01J00000000000000000000001',
    caseNo: '朝检控救〔2026〕1号',
    payment: { payeeName: '李四' },
    funding: {
      splits: [
        { source: 'central', amountFen: 1_000_000 },
        { source: 'county', amountFen: 2_000_000 },
      ],
    },
  } as unknown as Case
  const at = { caseId: record.id, by: 'u', at: '2026-03-16T02:00:00.000Z' }
  it('funds arriving, payment and recovery each move the ledger by exactly the amounts of the step', () => {
    const splits = (record.funding?.splits ?? []) as never
    const events = [
      { ...at, action: 'funds-received', type: 'funds-received', date: '2026-03-16', splits },
      { ...at, action: 'pay', type: 'payment-made', date: '2026-03-18', amountFen: 3_000_000, splits },
      { ...at, action: 'close-recovery', type: 'recovery-closed', date: '2026-04-10', recoveredFen: 500_000 },
    ] as WorkflowEvent[]
    const drafts = ledgerDraftsFor(record, events)
    expect(drafts.map((d) => [d.kind, d.fundSource, d.amountFen])).toEqual([
      ['allocation', 'central', 1_000_000],
      ['allocation', 'county', 2_000_000],
      ['disbursement', 'central', 1_000_000],
      ['disbursement', 'county', 2_000_000],
      ['recovery', 'county', 500_000],
    ])
    expect(drafts.every((d) => d.caseId === record.id)).toBe(true)
  })
  it('a recovery that brought nothing back writes nothing', () => {
    const events = [
      { ...at, action: 'close-recovery', type: 'recovery-closed', date: '2026-04-10', recoveredFen: 0 },
    ] as WorkflowEvent[]
    expect(ledgerDraftsFor(record, events)).toEqual([])
  })
})
