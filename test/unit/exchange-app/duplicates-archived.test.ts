import { describe, expect, it } from 'vitest'
import { countsForDuplicates, duplicateCaseOf, findCrossOfficeDuplicates } from '../../../shared/exchange/downward'

const ID = '11010519491231002X'
const stored = (id: string, ownerUnit: string, state: string, extra: Record<string, unknown> = {}) => ({
  id,
  ownerUnit,
  state,
  personIdNumbers: [ID],
  underlyingCase: { caseNo: '京朝检刑诉〔2025〕88号' },
  ...extra,
})

describe('重复救助提示: an archived case counts only when it was paid', () => {
  it('a case archived after payment counts; one archived after a refusal or withdrawal does not', () => {
    const paid = duplicateCaseOf(
      stored('a', '110105', 'archived', {
        decision: { outcome: 'granted', grantedFen: 100_000 },
        payment: { amountFen: 100_000, paidDate: '2025-05-01' },
      }),
    )
    const refused = duplicateCaseOf(stored('b', '110101', 'archived', { decision: { outcome: 'refused' } }))
    const withdrawnAfterGrant = duplicateCaseOf(
      stored('c', '110102', 'archived', { decision: { outcome: 'granted', grantedFen: 100_000 }, withdrawal: {} }),
    )
    expect([paid, refused, withdrawnAfterGrant].map(countsForDuplicates)).toEqual([true, false, false])
    expect(findCrossOfficeDuplicates([paid, refused, withdrawnAfterGrant])).toHaveLength(0)
    const granted = duplicateCaseOf(stored('d', '110101', 'paid', { decision: { outcome: 'granted', grantedFen: 1 } }))
    expect(findCrossOfficeDuplicates([paid, granted])).toHaveLength(1)
  })
})
