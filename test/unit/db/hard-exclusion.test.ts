import 'fake-indexeddb/auto'
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest'
import { actOnCase, execute, openCase } from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { amountComputationRecord } from '../../../shared/domain/amount'
import { rulesInForce } from '../../../shared/domain/rulesInForce'
import type { Case } from '../../../shared/domain/schemas'
import { act, actorOf, allMaterials, on, UNIT, validId } from './caseSteps'
import { freshDb, setUp, snapshot } from './fixtures'

/*
 * X7 (申请人为法人或其他组织) through the real command layer under the 2021 细则, which does not list X7 among its
 * exclusions: the rules in force give no hard exclusion, yet the workflow never lets an approver override X7 and never
 * lets a grant be proposed over it (docs/domain/rules-amounts-eligibility.md §2.4, §6).
 */

const jcg = actorOf(2, 'case-procurator')
const jcz = actorOf(5, 'chief')
const DAY = '2026-03-04' // 2021 细则 in force since 2021-12-31

/** The signed-in accounts as the user screen stores them: the command layer reads the signer's roles from the store. */
async function addStaff(db: JiuzhuDb, ...actors: Actor[]): Promise<void> {
  await db.users.bulkPut(
    actors.map((a) => ({
      id: a.userId,
      unitCode: UNIT,
      username: `u${a.userId.slice(-4)}`,
      displayName: `人员${a.userId.slice(-2)}`,
      roles: [...a.roles],
      passwordHash: `scrypt$15$8$1$${'A'.repeat(24)}$${'B'.repeat(44)}`,
      disabled: false,
      failedLogins: 0,
      mustChangePassword: false,
      rev: 1,
      createdAt: `${DAY}T01:00:00.000Z`,
      updatedAt: `${DAY}T01:00:00.000Z`,
      createdBy: a.userId,
      updatedBy: a.userId,
    })),
  )
}

/** An application by a company's representative, accepted and under review, with X7 (and X1) recorded as hits. */
async function reviewedWithX7(db: JiuzhuDb): Promise<Case> {
  const opened = await execute(
    db,
    openCase,
    jcg,
    {
      source: 'application',
      applicant: {
        name: '某某商贸有限公司',
        idType: 'resident-id',
        idNumber: validId('11010519800101004'),
        priorityFlags: [],
      },
      relation: 'self',
      clueDate: DAY,
      firstAction: { type: 'apply', date: DAY, form: 'written', capacity: 'self', materials: allMaterials(DAY) },
    },
    on(DAY),
  )
  if (!opened.ok) throw new Error(opened.error.message)
  let c = await act(db, jcg, opened.value, { type: 'accept', date: DAY }, DAY)
  c = await act(db, jcg, c, { type: 'begin-review', date: DAY }, DAY)
  return act(
    db,
    jcg,
    c,
    {
      type: 'record-review',
      verifications: [{ kind: 'site-visit', date: DAY, unitName: '某村民委员会' }],
      compensationReceivedFen: 0,
      socialAssistanceReceivedFen: 0,
      exclusionChecks: [
        { code: 'X1', hit: true, evidence: '对案发有一定过错' },
        { code: 'X7', hit: true, evidence: '申请人为公司' },
      ],
      duplicateCheckDone: true,
    },
    DAY,
  )
}

describe('X7 under the 2021 细则 through case.act: never overridable, never granted', () => {
  let db: JiuzhuDb
  let reviewed: Case
  beforeAll(async () => {
    db = freshDb()
    await db.open()
    await setUp(db)
    await addStaff(db, jcg, jcz)
    reviewed = await reviewedWithX7(db)
  })
  afterAll(() => db.close())

  it('the 2021 细则 itself lists no hard exclusion: the rules in force pass none to the workflow', () => {
    const { rules, options } = rulesInForce(reviewed, DAY, { unitCode: UNIT })
    expect(rules?.ruleSet.id).toBe('2021-xize')
    expect(rules?.ruleSet.exclusions.map((e) => e.code)).not.toContain('X7')
    expect(options.hardExclusions).not.toContain('X7')
  })

  it('2021 细则（第八条未列 X7）: 检察长认定 X7 不适用被拒绝，理由再充分也不能例外决定，数据未改动', async () => {
    const before = await snapshot(db)
    const res = await execute(
      db,
      actOnCase,
      jcz,
      {
        caseId: reviewed.id,
        expectedRev: reviewed.rev,
        action: { type: 'override-exclusion', code: 'X7', reason: '小微企业主个人生活困难' },
      },
      on(DAY),
    )
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.code).toBe('workflow.hard-exclusion')
    expect(res.error.message).toBe('存在不得救助的情形（申请人为法人或者其他组织），不能认定例外，也不能提出救助意见。')
    expect(await snapshot(db)).toEqual(before)
  })

  it('a soft exclusion (X1) on the same case can still be overridden with a reason', async () => {
    const res = await execute(
      db,
      actOnCase,
      jcz,
      {
        caseId: reviewed.id,
        expectedRev: reviewed.rev,
        action: { type: 'override-exclusion', code: 'X1', reason: '过错轻微，且家庭生活特别困难' },
      },
      on(DAY),
    )
    if (!res.ok) throw new Error(res.error.message)
    expect(res.value.review?.exclusionChecks.find((c) => c.code === 'X1')?.override?.reason).toBe(
      '过错轻微，且家庭生活特别困难',
    )
    reviewed = res.value
  })

  it('2021 细则: a grant cannot be proposed while X7 is recorded as a hit, and nothing is written', async () => {
    const before = await snapshot(db)
    const amount = amountComputationRecord({
      ruleSetId: '2021-xize',
      wageYear: 2025,
      wageRegionCode: '110000',
      monthlyWageFen: 800_000,
      proposedFen: 3_000_000,
      factorsText: '经营困难',
    })
    const res = await execute(
      db,
      actOnCase,
      jcg,
      {
        caseId: reviewed.id,
        expectedRev: reviewed.rev,
        action: { type: 'propose', decision: 'grant', amount, categoryItemCode: '2021-7-4', text: '建议救助' },
      },
      on(DAY),
    )
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.code).toBe('workflow.hard-exclusion')
    expect(await snapshot(db)).toEqual(before)
  })
})
