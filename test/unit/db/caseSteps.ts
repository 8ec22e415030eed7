import {
  actOnCase,
  execute,
  type OpenCaseInput,
  officeWageFigures,
  openCase,
  recordWageFigures,
} from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { amountComputationRecord } from '../../../shared/domain/amount'
import { residentIdCheckChar } from '../../../shared/domain/idcard'
import { governingDate } from '../../../shared/domain/rulesInForce'
import type { Case } from '../../../shared/domain/schemas'
import type { WorkflowAction } from '../../../shared/domain/workflow'
import { ensureAccount } from './accounts'

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

/** 受理登记 of a written application by `applicant` himself with every material, through `case.open`. */
export async function openApplication(
  db: JiuzhuDb,
  who: Actor,
  applicant: OpenCaseInput['applicant'],
  date: string,
): Promise<Case> {
  await ensureAccount(db, who)
  const res = await execute(
    db,
    openCase,
    who,
    {
      source: 'application',
      applicant,
      relation: 'self',
      clueDate: date,
      firstAction: { type: 'apply', date, form: 'written', capacity: 'self', materials: allMaterials(date) },
    },
    on(date),
  )
  if (!res.ok) throw new Error(res.error.message)
  return res.value
}

/** One workflow action through `case.act`; throws with the Chinese refusal when it is refused. */
export async function act(db: JiuzhuDb, who: Actor, record: Case, action: WorkflowAction, date: string): Promise<Case> {
  await ensureAccount(db, who)
  const res = await execute(db, actOnCase, who, { caseId: record.id, expectedRev: record.rev, action }, on(date))
  if (!res.ok) throw new Error(`${action.type}: ${res.error.message}`)
  return res.value
}

/** The monthly wage every test office records for its province (8,000元, 职工). */
export const TEST_WAGE_FEN = 800_000
export const TEST_WAGE_SOURCE = '统计公报（测试）'

/**
 * The office records the wage standard of its province for `year` (系统设置 → 职工月平均工资标准) through the command
 * layer, as an office does before its first proposal; nothing when already recorded.
 */
export async function recordProvinceWage(db: JiuzhuDb, unitCode: string, year: number): Promise<string> {
  const region = `${unitCode.slice(0, 2)}0000`
  const held = await officeWageFigures(db)
  if (held.some((w) => w.regionCode === region && w.year === year)) return region
  const admin: Actor = { userId: `${unitCode}-01J${'9'.repeat(23)}`, unitCode, roles: ['admin'] }
  await ensureAccount(db, admin)
  const figure = {
    regionCode: region,
    year,
    series: '职工' as const,
    monthlyWageFen: TEST_WAGE_FEN,
    document: TEST_WAGE_SOURCE,
  }
  const res = await execute(db, recordWageFigures, admin, { figures: [...held, figure] })
  if (!res.ok) throw new Error(res.error.message)
  return region
}

/** The amount record of a proposal as the case screen builds it from the office's wage standard. */
export async function amountFor(
  db: JiuzhuDb,
  record: Case,
  unitCode: string,
  proposedFen: number,
  today: string,
  factorsText = '重伤，家庭无其他收入',
) {
  const year = Number(governingDate(record, today).slice(0, 4)) - 1
  const region = await recordProvinceWage(db, unitCode, year)
  return amountComputationRecord({
    ruleSetId: '2021-xize',
    wageYear: year,
    wageRegionCode: region,
    wageSeries: '职工',
    wageSource: TEST_WAGE_SOURCE,
    monthlyWageFen: TEST_WAGE_FEN,
    proposedFen,
    factorsText,
  })
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
  const amount = await amountFor(db, c, who.unitCode, 3_000_000, date)
  return act(
    db,
    who,
    c,
    { type: 'propose', decision: 'grant', amount, categoryItemCode: '2021-7-1', text: '建议救助3万元' },
    date,
  )
}
