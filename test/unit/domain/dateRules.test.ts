import { describe, expect, it } from 'vitest'
import { dateProblem } from '../../../shared/domain/dateRules'
import type { Case } from '../../../shared/domain/schemas'
import { actionDateChecks, actionDateRule, actionDateRules, actionTypes } from '../../../shared/domain/workflow'
import { messageFor } from '../../../shared/errors'

describe('the one date rule (shared/domain/dateRules.ts)', () => {
  it('refuses a date after today, naming the field and today', () => {
    const p = dateProblem('referred', '2027-01-15', '2026-12-07')
    expect(p).toEqual({ reason: 'future', field: 'referred', date: '2027-01-15', today: '2026-12-07' })
    expect(messageFor('workflow.date-invalid', p)).toBe('移送日期（2027-01-15）不能晚于今天（2026-12-07）。')
  })

  it('refuses a date before the step it follows, naming both dates', () => {
    const p = dateProblem('informed', '2026-12-01', '2026-12-07', ['referred', '2026-12-03'])
    expect(messageFor('workflow.date-invalid', p)).toBe('告知日期（2026-12-01）不能早于移送日期（2026-12-03）。')
  })

  it('lets stand today, the day of the earlier step, and any date when the earlier step has none', () => {
    expect(dateProblem('informed', '2026-12-07', '2026-12-07', ['referred', '2026-12-07'])).toBeUndefined()
    expect(dateProblem('acceptance', '2026-01-01', '2026-12-07', ['application', undefined])).toBeUndefined()
    expect(dateProblem('withdraw', '2020-02-29', '2026-12-07')).toBeUndefined()
  })

  it('every date field code of the action table has a Chinese name in the messages', () => {
    for (const rules of Object.values(actionDateRules)) {
      for (const r of rules ?? []) {
        const text = messageFor('workflow.date-invalid', { reason: 'future', field: r.field, date: 'x', today: 'y' })
        expect(text).toMatch(/^[\u4e00-\u9fa5（）]+日期（x）/)
      }
    }
  })
})

describe('the dates of workflow actions: one table for the form and for transition', () => {
  const record = {
    clueDate: '2026-03-01',
    applicationDate: '2026-03-04',
    acceptanceDate: '2026-03-05',
    decisionDate: '2026-03-20',
    state: 'granted',
    recoveries: [],
    funding: { splits: [], requestDate: '2026-03-21' },
  } as unknown as Case

  it('finds the rule of a form field by its path, list items by any index', () => {
    expect(actionDateRule('accept', ['date'])?.after?.(record, '2026-04-01')).toEqual(['application', '2026-03-04'])
    expect(actionDateRule('record-review', ['verifications', 3, 'date'])?.field).toBe('verification')
    expect(actionDateRule('apply', ['materials', 0, 'receivedDate'])?.field).toBe('material-received')
    expect(actionDateRule('accept', ['materials'])).toBeUndefined()
  })

  it('the checks of an action carry every date it holds, with the step each follows', () => {
    expect(
      actionDateChecks(
        record,
        {
          type: 'record-review',
          verifications: [
            { kind: 'interview', date: '2026-03-06' },
            { kind: 'interview', date: '2026-03-07' },
          ],
        } as never,
        '2026-04-01',
      ),
    ).toEqual([
      ['verification', '2026-03-06', undefined],
      ['verification', '2026-03-07', undefined],
    ])
    expect(actionDateChecks(record, { type: 'funds-received', receivedDate: '2026-03-22' } as never, 'x')).toEqual([
      ['funds-received', '2026-03-22', ['request-funds', '2026-03-21']],
    ])
  })

  it('names only action types that exist', () => {
    for (const t of Object.keys(actionDateRules)) expect(actionTypes).toContain(t)
  })
})
