import { actOnCase, execute } from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { amountComputationRecord } from '../../../shared/domain/amount'
import { residentIdCheckChar } from '../../../shared/domain/idcard'
import type { Case } from '../../../shared/domain/schemas'
import type { WorkflowAction } from '../../../shared/domain/workflow'

/** Steps of the procedure through the real command layer, shared by the command and query tests. */
export const UNIT = '110105'
export const uid = (n: number) => `${UNIT}-01J${String(n).padStart(23, '0')}`
export const actorOf = (n: number, ...roles: Actor['roles'][number][]): Actor => ({
  userId: uid(n),
  unitCode: UNIT,
  roles,
})
/** The command options for a clock fixed on `date` (10:00 China time). */
export const on = (date: string) => ({ clock: () => ({ date, instant: `${date}T02:00:00.000Z` }) })
export const validId = (first17: string) => first17 + residentIdCheckChar(first17)

/** The materials of an application by the victim, all received on `date`. */
export const allMaterials = (date: string) =>
  (
    ['application', 'identity', 'harmProof', 'hardshipProof', 'compensationStatement', 'relationshipProof'] as const
  ).map((item) => ({ item, received: true, receivedDate: date }))

/** One workflow action through `case.act`; throws with the Chinese refusal when it is refused. */
export async function act(db: JiuzhuDb, who: Actor, record: Case, action: WorkflowAction, date: string): Promise<Case> {
  const res = await execute(db, actOnCase, who, { caseId: record.id, expectedRev: record.rev, action }, on(date))
  if (!res.ok) throw new Error(`${action.type}: ${res.error.message}`)
  return res.value
}

/** An accepted case through review (a site visit, no exclusion) to a 3万元 grant proposal on `date`, not submitted. */
export async function reviewAndPropose(db: JiuzhuDb, who: Actor, accepted: Case, date: string): Promise<Case> {
  let c = await act(db, who, accepted, { type: 'begin-review', date }, date)
  c = await act(
    db,
    who,
    c,
    {
      type: 'record-review',
      verifications: [{ kind: 'site-visit', date, unitName: '某村民委员会' }],
      compensationReceivedFen: 0,
      socialAssistanceReceivedFen: 0,
      exclusionChecks: [
        { code: 'X1', hit: false },
        { code: 'X7', hit: false },
      ],
      duplicateCheckDone: true,
    },
    date,
  )
  const amount = amountComputationRecord({
    ruleSetId: '2021-xize',
    wageYear: 2025,
    wageRegionCode: '110000',
    monthlyWageFen: 800_000,
    proposedFen: 3_000_000,
    factorsText: '重伤，家庭无其他收入',
  })
  return act(
    db,
    who,
    c,
    { type: 'propose', decision: 'grant', amount, categoryItemCode: '2021-serious-injury', text: '建议救助3万元' },
    date,
  )
}
