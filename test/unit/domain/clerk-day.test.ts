import { describe, expect, it } from 'vitest'
import { actionFields } from '../../../renderer/src/features/cases/actions/fieldSpecs'
import { toPayload } from '../../../renderer/src/features/cases/actions/toPayload'
import { documentTemplate } from '../../../shared/documents/templates'
import { ageOn, isMinorOn } from '../../../shared/domain/age'
import type { Case } from '../../../shared/domain/schemas'
import { cleanNameInput, cleanNumberInput } from '../../../shared/domain/textInput'
import {
  approvalCompleteLabel,
  awaitedSignature,
  defaultApprovalChain,
  refusalReasonsFromReview,
  stateLabelOf,
} from '../../../shared/domain/workflow'

const U = (n: number) => `110105-01J${String(n).padStart(23, '0')}`
const procurator = { userId: U(2), roles: ['case-procurator' as const] }
const head = { userId: U(4), roles: ['dept-head' as const] }
const chief = { userId: U(5), roles: ['chief' as const] }

/** A case in approval with `signed` steps of the default chain agreed. */
function inApproval(signed: number): Case {
  const round = {
    round: 1,
    chain: [...defaultApprovalChain],
    submittedBy: U(2),
    submittedAt: '2026-05-08T02:00:00.000Z',
  }
  const approvals = defaultApprovalChain.slice(0, signed).map((s, i) => ({
    round: 1,
    step: s.step,
    role: s.role,
    userId: i === 0 ? U(4) : U(5),
    opinion: '同意',
    decision: 'agree' as const,
    at: '2026-05-08T03:00:00.000Z',
  }))
  return {
    state: 'approval',
    approvalRound: round,
    approvals,
    proposal: { decision: 'grant', by: U(2), at: '2026-05-08T02:00:00.000Z', text: '建议救助' },
  } as unknown as Case
}

describe('what the case screens derive for a clerk', () => {
  it('a complete approval round reads 审批完毕，待作出决定; before that 审批中', () => {
    expect(stateLabelOf(inApproval(0))).toBe('审批中')
    expect(stateLabelOf(inApproval(1))).toBe('审批中')
    expect(stateLabelOf(inApproval(2))).toBe(approvalCompleteLabel)
    expect(approvalCompleteLabel).toBe('审批完毕，待作出决定')
    expect(stateLabelOf({ ...inApproval(2), state: 'granted' })).toBe('决定救助')
  })

  it('卷内文件目录 names the state the same way when it cannot be made yet (not “审批中” after the round)', () => {
    const missing = (c: Case) => {
      const check = documentTemplate('case-file-index').canProduce({
        office: { code: '110105', name: '北京市朝阳区人民检察院', shortName: '朝检' },
        case: c,
        persons: [],
        users: [],
        units: [],
        today: '2026-05-09',
      } as never)
      return check.ok ? [] : check.missing
    }
    expect(missing(inApproval(2))).toContain('案件办结（现为“审批完毕，待作出决定”，办结后才能立卷归档）')
    expect(missing(inApproval(1))).toContain('案件办结（现为“审批中”，办结后才能立卷归档）')
  })

  it('待我审批: the current step waits for a holder of its role who may sign; nobody once the round is complete', () => {
    expect(awaitedSignature(inApproval(0), head)).toMatchObject({ kind: 'approve-step', step: { step: 'dept-head' } })
    expect(awaitedSignature(inApproval(0), chief)).toBeUndefined()
    expect(awaitedSignature(inApproval(1), head)).toBeUndefined()
    expect(awaitedSignature(inApproval(1), chief)).toMatchObject({ kind: 'approve-step', step: { step: 'chief' } })
    expect(awaitedSignature(inApproval(2), chief)).toBeUndefined()
    // the proposer never signs the opinion, whatever roles he holds
    expect(awaitedSignature(inApproval(0), { userId: U(2), roles: ['dept-head'] })).toBeUndefined()
    expect(awaitedSignature(inApproval(0), procurator)).toBeUndefined()
    const advance = {
      state: 'advance',
      approvals: [],
      advance: {
        requestedBy: U(2),
        requestedDate: '2026-06-01',
        proposedFen: 500_000,
        reason: '急需',
        fromState: 'accepted',
      },
    } as unknown as Case
    expect(awaitedSignature(advance, chief)).toEqual({ kind: 'approve-advance' })
    expect(awaitedSignature(advance, head)).toBeUndefined()
  })

  it('the refusal reasons start from the exclusions the review found, not those overridden', () => {
    const record = {
      review: {
        exclusionChecks: [
          { code: 'X1', hit: false },
          { code: 'X5', hit: true, evidence: '病历' },
          { code: 'X6', hit: true, override: { reason: '补偿不足', by: U(5), at: '2026-05-08T02:00:00.000Z' } },
          { code: 'X8', hit: true },
        ],
      },
    } as unknown as Case
    expect(refusalReasonsFromReview(record)).toEqual(['X5', 'X8'])
    expect(refusalReasonsFromReview({ review: undefined } as Case)).toEqual([])
  })

  it('numbers pasted with spaces or full-width digits are cleaned; Chinese names lose spaces, Latin ones keep one', () => {
    expect(cleanNumberInput('1101 0519 8001 0100 2x')).toBe('11010519800101002x')
    expect(cleanNumberInput('６２２８\u3000４８００ 1234 5678')).toBe('6228480012345678')
    expect(cleanNumberInput(' 6228 4800\t1234 5678 ')).toBe('6228480012345678')
    expect(cleanNameInput('陈  小 明')).toBe('陈小明')
    expect(cleanNameInput(' 陈\u3000小明 ')).toBe('陈小明')
    expect(cleanNameInput('John   Smith')).toBe('John Smith')
    expect(cleanNameInput('John ')).toBe('John ') // still typing the next word
    expect(cleanNameInput('陈 John')).toBe('陈John')
    expect(cleanNameInput('买买提·艾力')).toBe('买买提·艾力')
  })

  it('a minor is under 18 on the day; the 18th birthday makes an adult', () => {
    expect(ageOn('2008-12-07', '2026-12-06')).toBe(17)
    expect(ageOn('2008-12-07', '2026-12-07')).toBe(18)
    expect(isMinorOn('2008-12-07', '2026-12-06')).toBe(true)
    expect(isMinorOn('2008-12-07', '2026-12-07')).toBe(false)
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17)
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18)
  })

  it('an amount left empty says what to enter, by the field’s label — “没有的填 0” where none is 0', () => {
    const { errors } = toPayload(
      actionFields['record-review'],
      { compensationReceivedFen: '', socialAssistanceReceivedFen: ' ', verifications: [], duplicateCheckDone: false },
      '2026-05-08',
    )
    expect(errors).toEqual([
      { name: ['compensationReceivedFen'], errors: ['请填写已获赔偿金额，没有的填 0'] },
      { name: ['socialAssistanceReceivedFen'], errors: ['请填写已获社会救助金额，没有的填 0'] },
    ])
    // an amount that must be more than 0 only asks for it; an optional one left empty is no problem
    expect(
      toPayload(actionFields['start-advance'], { date: '2026-05-08', reason: '急需' }, '2026-05-08').errors,
    ).toEqual([{ name: ['proposedFen'], errors: ['请填写拟先行救助金额'] }])
  })
})
