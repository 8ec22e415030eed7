import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dueItems, pendingAdvancePaperwork } from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import type { Case } from '../../../shared/domain/schemas'
import { act, actorOf, openApplication, reviewAndPropose, UNIT, validId } from './caseSteps'
import { freshDb, setUp } from './fixtures'

const jcg = actorOf(2, 'case-procurator')
const jcg2 = actorOf(3, 'case-procurator')
const bzr = actorOf(4, 'dept-head')
const jcz = actorOf(5, 'chief')
const person = (name: string, n: number) => ({
  name,
  idType: 'resident-id' as const,
  idNumber: validId(`1101051980010100${n}`),
  priorityFlags: [],
})

const open = (db: JiuzhuDb, who: Actor, name: string, n: number, date: string): Promise<Case> =>
  openApplication(db, who, person(name, n), date)

describe('工作台: who must act on each deadline, and 先行救助 awaiting its paperwork', () => {
  let db: JiuzhuDb
  beforeAll(async () => {
    db = freshDb()
    await db.open()
    await setUp(db)
    // staff names as the user management screen stores them
    await db.users.bulkPut(
      [
        [jcg, '张承办'],
        [jcg2, '李承办'],
        [bzr, '赵主任'],
        [jcz, '钱检察长'],
      ].map(([a, name]) => {
        const actor = a as Actor
        return {
          id: actor.userId,
          unitCode: actor.unitCode,
          username: actor.userId.slice(-4),
          displayName: name as string,
          roles: [...actor.roles],
          disabled: false,
        } as never
      }),
    )
  })
  afterAll(() => db.close())

  it('each deadline names the department and role that must act and the staff member carrying the case', async () => {
    const first = await open(db, jcg, '王一', 1, '2026-05-06')
    const second = await open(db, jcg2, '王二', 2, '2026-05-06')
    const due = await dueItems(db, UNIT, '2026-05-07')
    const of = (c: Case) => due.filter((d) => d.row.record.id === c.id)
    expect(of(first).map((d) => [d.deadline.kind, d.owner.department, d.owner.handlerId, d.handlerName])).toEqual([
      ['supplement-notice', 'ks', jcg.userId, '张承办'],
      ['decision', 'ks', jcg.userId, '张承办'],
    ])
    expect(of(second).every((d) => d.owner.handlerId === jcg2.userId && d.handlerName === '李承办')).toBe(true)

    // in approval, the decision deadline waits on the current approval step: first the department head, then the chief
    let c = await act(db, jcg, first, { type: 'accept', date: '2026-05-07' }, '2026-05-07')
    c = await reviewAndPropose(db, jcg, c, '2026-05-08')
    c = await act(db, jcg, c, { type: 'submit-opinion' }, '2026-05-08')
    const inApproval = (await dueItems(db, UNIT, '2026-05-08')).find((d) => d.row.record.id === c.id)!
    expect(inApproval.deadline.kind).toBe('decision')
    expect([inApproval.owner.role, inApproval.owner.department]).toEqual(['dept-head', 'ks'])
    c = await act(db, bzr, c, { type: 'approve-step', decision: 'agree', opinion: '同意' }, '2026-05-08')
    const atChief = (await dueItems(db, UNIT, '2026-05-08')).find((d) => d.row.record.id === c.id)!
    expect([atChief.owner.role, atChief.owner.department]).toEqual(['chief', 'chief'])
    // the handler stays the procurator who received the application
    expect([atChief.owner.handlerId, atChief.handlerName]).toEqual([jcg.userId, '张承办'])
  })

  it('先行救助 approved by the chief is listed until its paperwork is completed; a disagreement is not', async () => {
    const c = await open(db, jcg, '赵三', 3, '2026-06-01')
    let adv = await act(
      db,
      jcg,
      c,
      { type: 'start-advance', date: '2026-06-01', reason: '伤情危急，急需医疗费用', proposedFen: 2_000_000 },
      '2026-06-01',
    )
    // waiting for the chief: a deadline owned by the chief, not yet a pending paperwork item
    const waiting = (await dueItems(db, UNIT, '2026-06-01')).find((d) => d.row.record.id === c.id)!
    expect([waiting.deadline.kind, waiting.owner.department]).toEqual(['advance-approval', 'chief'])
    expect(await pendingAdvancePaperwork(db, UNIT, '2026-06-01')).toEqual([])

    adv = await act(db, jcz, adv, { type: 'approve-advance', decision: 'agree', opinion: '同意先行救助' }, '2026-06-01')
    const pending = await pendingAdvancePaperwork(db, UNIT, '2026-06-11')
    expect(pending.map((p) => [p.row.record.id, p.approvedOn, p.daysSince, p.handlerName])).toEqual([
      [c.id, '2026-06-01', 10, '张承办'],
    ])

    // a case whose advance the chief refused returns to its earlier state and is not listed
    const d = await open(db, jcg2, '赵四', 4, '2026-06-02')
    const refused = await act(
      db,
      jcg2,
      d,
      { type: 'start-advance', date: '2026-06-02', reason: '生活困难', proposedFen: 500_000 },
      '2026-06-02',
    )
    await act(
      db,
      jcz,
      refused,
      { type: 'approve-advance', decision: 'disagree', opinion: '不符合先行救助条件' },
      '2026-06-02',
    )
    expect((await pendingAdvancePaperwork(db, UNIT, '2026-06-11')).map((p) => p.row.record.id)).toEqual([c.id])

    // completing the paperwork (after the decision date, naming the 救助情形 and the amount basis the start lacked)
    // takes it off the list
    await act(
      db,
      jcg,
      adv,
      {
        type: 'complete-advance-paperwork',
        date: '2026-06-05',
        categoryItemCode: '2021-7-2',
        factorsText: '伤情危急，医疗费用缺口两万元',
      },
      '2026-06-05',
    )
    expect(await pendingAdvancePaperwork(db, UNIT, '2026-06-11')).toEqual([])
  })
})
