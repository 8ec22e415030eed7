import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actOnCase, execute, suggestedDocumentNumber } from '../../../renderer/src/db'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import type { Case } from '../../../shared/domain/schemas'
import type { WorkflowAction } from '../../../shared/domain/workflow'
import { ensureAccount } from './accounts'
import { act, actorOf, on, openApplication, validId } from './caseSteps'
import { freshDb, setUp, snapshot } from './fixtures'

const jcg = actorOf(2, 'case-procurator')
const jcz = actorOf(5, 'chief')

/** 不予救助（不符合条件） with a 不予救助告知书 of the given 文号. */
const refusal = (documentNo: string, date: string): WorkflowAction => ({
  type: 'refuse-out-of-scope',
  date,
  reasons: ['not-case-related'],
  documentNo,
  explanation: { method: 'in-person', date },
})

describe('文号 are suggested per type and year and unique within the office (docs/documents.md「文号」)', () => {
  let db: JiuzhuDb
  let serial = 0
  beforeAll(async () => {
    db = freshDb()
    await db.open()
    await setUp(db)
    for (const a of [jcg, jcz]) await ensureAccount(db, a)
  })
  afterAll(() => db.close())

  async function applied(date: string): Promise<Case> {
    serial += 1
    const idNumber = validId(`1101051980010120${serial}`)
    return openApplication(
      db,
      jcg,
      { name: `申请人${serial}`, idType: 'resident-id', idNumber, priorityFlags: [] },
      date,
    )
  }

  /** The same refusal through `case.act`, its result kept (for the refusals). */
  const tryRefusal = (c: Case, documentNo: string) =>
    execute(
      db,
      actOnCase,
      jcz,
      { caseId: c.id, expectedRev: c.rev, action: refusal(documentNo, '2026-06-09') },
      on('2026-06-09'),
    )

  it('the first 告知书 of the year is numbered 1, the next one follows the highest used; another year starts again', async () => {
    expect(await suggestedDocumentNumber(db, 'refusal-notice', '2026-06-09')).toBe('朝检控不救告〔2026〕1号')
    await act(db, jcz, await applied('2026-06-08'), refusal('朝检控不救告〔2026〕1号', '2026-06-09'), '2026-06-09')
    // the clerk may type another number: the next suggestion follows the highest one used
    await act(db, jcz, await applied('2026-06-08'), refusal('朝检控不救告〔2026〕7号', '2026-06-09'), '2026-06-09')
    expect(await suggestedDocumentNumber(db, 'refusal-notice', '2026-06-10')).toBe('朝检控不救告〔2026〕8号')
    expect(await suggestedDocumentNumber(db, 'refusal-decision', '2026-06-10')).toBe('朝检控不救决〔2026〕1号')
    expect(await suggestedDocumentNumber(db, 'refusal-notice', '2027-01-04')).toBe('朝检控不救告〔2027〕1号')
  })

  it('the 文号 is recorded in the audit entry of the action that gave it', async () => {
    const entries = await db.audit.where('command').equals('case.act:refuse-out-of-scope').toArray()
    expect(entries.map((e) => JSON.stringify(e)).some((e) => e.includes('朝检控不救告〔2026〕7号'))).toBe(true)
  })

  it('a 文号 another case of this office bears is refused in the transaction, naming that case and the next free one; nothing is written', async () => {
    const holder = (await db.cases.where('decision.documentNo').equals('朝检控不救告〔2026〕7号').first()) as Case
    const second = await applied('2026-06-08')
    const before = await snapshot(db)
    const res = await tryRefusal(second, '朝检控不救告〔2026〕7号')
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.error.code).toBe('case.document-no-taken')
    expect(res.error.message).toBe(
      `文号“朝检控不救告〔2026〕7号”已被本院案件 ${holder.caseNo} 的不予救助告知书使用，同一文号不能用于两份文书。` +
        '本次操作未执行，数据未改动。请改用其他文号，如本类文书本年度下一个可用的文号“朝检控不救告〔2026〕8号”。',
    )
    expect(await snapshot(db)).toEqual(before)
    // the number offered is accepted
    const done = await act(db, jcz, second, refusal('朝检控不救告〔2026〕8号', '2026-06-09'), '2026-06-09')
    expect(done.decision?.documentNo).toBe('朝检控不救告〔2026〕8号')
  })

  it('a 文号 in another form is unique too; the same text held by another office’s case does not block this office', async () => {
    await act(db, jcz, await applied('2026-06-08'), refusal('朝检告字第3号', '2026-06-09'), '2026-06-09')
    const again = await applied('2026-06-08')
    const res = await tryRefusal(again, '朝检告字第3号')
    expect(!res.ok && res.error.code).toBe('case.document-no-taken')
    expect(!res.ok && res.error.message).toContain(
      '请改用其他文号，如本类文书本年度下一个可用的文号“朝检控不救告〔2026〕9号”',
    )
    // a replica of another office's case with the same number (upper-level copies, transfers)
    const replica = { ...(again as unknown as Record<string, unknown>), id: '110106-01J00000000000000000000099' }
    await db.cases.add({
      ...replica,
      ownerUnit: '110106',
      decision: { outcome: 'refused', documentNo: '朝检告字第5号' },
    } as never)
    const own = await act(db, jcz, again, refusal('朝检告字第5号', '2026-06-09'), '2026-06-09')
    expect(own.decision?.documentNo).toBe('朝检告字第5号')
  })
})
