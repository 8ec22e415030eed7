import type { Actor } from '../../../renderer/src/db/commands/context'
import type { Case } from '../../../shared/domain/schemas'
import { act, reviewAndPropose } from '../db/caseSteps'
import { APPLICANT_ID, openApplication, procuratorOf, type TestOffice } from './offices'

/** The 原案件编号 of the case {@link decidedAndPaid} opens. */
export const UNDERLYING = '京朝检刑诉〔2026〕88号'

/**
 * A case of `office` from application to payment (30,000 元 to 李四, APPLICANT_ID), through the real command layer;
 * for the underlying case {@link UNDERLYING} unless another is named (the one-time rule refuses a second grant to the
 * same person for the same case).
 */
export async function decidedAndPaid(office: TestOffice, underlying = UNDERLYING): Promise<Case> {
  const code = (await office.unit()).code
  const who = (n: number, role: Actor['roles'][number]): Actor => ({
    userId: `${code}-01J${String(n).padStart(23, '0')}`,
    unitCode: code,
    roles: [role],
  })
  const jcg = procuratorOf(code)
  let c = await openApplication(office, '李四', APPLICANT_ID, {
    underlyingCase: { caseNo: underlying, charge: '故意伤害' },
    clock: () => ({ date: '2026-03-04', instant: '2026-03-04T02:00:00.000Z' }),
  })
  c = await act(office.db, jcg, c, { type: 'accept', date: '2026-03-05' }, '2026-03-05')
  c = await reviewAndPropose(office.db, jcg, c, '2026-03-06')
  c = await act(office.db, jcg, c, { type: 'submit-opinion' }, '2026-03-09')
  c = await act(
    office.db,
    who(3, 'dept-head'),
    c,
    { type: 'approve-step', decision: 'agree', opinion: '同意' },
    '2026-03-10',
  )
  c = await act(
    office.db,
    who(4, 'chief'),
    c,
    { type: 'approve-step', decision: 'agree', opinion: '同意' },
    '2026-03-11',
  )
  c = await act(office.db, jcg, c, { type: 'decide-grant', documentNo: '朝检控救〔2026〕1号' }, '2026-03-11')
  const jcb = who(5, 'finance')
  c = await act(office.db, jcb, c, { type: 'request-funds', requestDate: '2026-03-12' }, '2026-03-12')
  c = await act(
    office.db,
    jcb,
    c,
    { type: 'funds-received', receivedDate: '2026-03-16', splits: [{ source: 'county', amountFen: 3_000_000 }] },
    '2026-03-16',
  )
  c = await act(office.db, jcg, c, { type: 'notify-collection', date: '2026-03-17', method: 'oral' }, '2026-03-17')
  return act(
    office.db,
    jcb,
    c,
    {
      type: 'pay',
      method: 'transfer',
      payeeName: '李四',
      account: { bank: '中国农业银行', accountName: '李四', accountNo: '6228480012345678' },
      paidDate: '2026-03-18',
    },
    '2026-03-18',
  )
}
