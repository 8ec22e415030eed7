import { workingDaysBetween } from '@shared/domain/calendar'
import { toEpochDay } from '@shared/domain/dates'
import { rulesInForce } from '@shared/domain/rulesInForce'
import type { Case, LedgerEntry, Person } from '@shared/domain/schemas'
import {
  type Actor,
  actionStates,
  awaitedSignature,
  caseHandler,
  currentRoundEntries,
  type Deadline,
  type DeadlineOwner,
  deadlineOwner,
  deadlinesFor,
  endedUnpaid,
} from '@shared/domain/workflow'
import { chinaDateOf } from '@shared/util/clock'
import { caseRules, officeRulesContext } from '../commands/caseRules'
import type { JiuzhuDb, StoredRecord } from '../database'

export interface CaseListRow {
  record: Case
  applicantName: string
  victimName: string
}

/** States a case is still being worked on in (not closed, not waiting on nobody). */
export const activeStates: readonly Case['state'][] = [
  'clue',
  'informed',
  'ex-officio',
  'advance',
  'applied',
  'needs-supplement',
  'accepted',
  'review',
  'opinion',
  'approval',
  'granted',
  'awaiting-funds',
  'awaiting-collection',
  'paid',
  'follow-up',
  'recovery',
]

async function namesOf(db: JiuzhuDb, ids: readonly (string | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))]
  const rows = await db.persons.bulkGet(wanted)
  return new Map(rows.filter((r): r is StoredRecord => !!r).map((r) => [r.id, String(r.name)]))
}

/**
 * This office's cases for the case list: by state when given, newest first, with the parties' names; a search text
 * matches the case number, a party's name or ID number.
 */
export async function listCases(
  db: JiuzhuDb,
  unitCode: string,
  filter: { states?: readonly Case['state'][]; search?: string } = {},
): Promise<CaseListRow[]> {
  const rows = (filter.states?.length
    ? await db.cases
        .where('[ownerUnit+state]')
        .anyOf(filter.states.map((s) => [unitCode, s]))
        .toArray()
    : await db.cases.where('ownerUnit').equals(unitCode).toArray()) as unknown as Case[]
  const names = await namesOf(
    db,
    rows.flatMap((r) => [r.applicantId, r.victimId]),
  )
  const search = filter.search?.trim().toUpperCase()
  return rows
    .filter((r) => !r.voided)
    .map((record) => ({
      record,
      applicantName: names.get(record.applicantId ?? '') ?? '',
      victimName: names.get(record.victimId ?? '') ?? '',
    }))
    .filter(
      (r) =>
        !search ||
        (r.record.caseNo ?? '').toUpperCase().includes(search) ||
        r.applicantName.includes(search) ||
        r.victimName.includes(search) ||
        r.record.personIdNumbers.some((n) => n.includes(search)),
    )
    .sort((a, b) => b.record.createdAt.localeCompare(a.record.createdAt))
}

export interface CaseFile {
  record: Case
  applicant?: Person
  victim?: Person
  clue?: StoredRecord
  ledger: LedgerEntry[]
  /** Other cases (own or other offices' replicas) naming one of this case's ID numbers: the one-time rule. */
  sameParty: CaseListRow[]
  /** Names of the offices owning this case and the same-party cases, by unit code (from the units table). */
  unitNames: Map<string, string>
}

/** Everything the case screen shows about one case. */
export async function getCaseFile(db: JiuzhuDb, caseId: string): Promise<CaseFile | null> {
  const record = (await db.cases.get(caseId)) as unknown as Case | undefined
  if (!record) return null
  const [applicant, victim] = (await db.persons.bulkGet([
    record.applicantId ?? '',
    record.victimId ?? '',
  ])) as unknown as (Person | undefined)[]
  const clue = record.clueId ? await db.clues.get(record.clueId) : undefined
  const ledger = (await db.ledger.where('caseId').equals(caseId).sortBy('date')) as unknown as LedgerEntry[]
  const others = record.personIdNumbers.length
    ? ((await db.cases
        .where('personIdNumbers')
        .anyOf(record.personIdNumbers)
        .distinct()
        .toArray()) as unknown as Case[])
    : []
  const sameCases = others.filter((c) => c.id !== caseId && !c.voided)
  const names = await namesOf(
    db,
    sameCases.flatMap((r) => [r.applicantId, r.victimId]),
  )
  const sameParty = sameCases.map((r) => ({
    record: r,
    applicantName: names.get(r.applicantId ?? '') ?? '',
    victimName: names.get(r.victimId ?? '') ?? '',
  }))
  const codes = [...new Set([record.ownerUnit, ...sameCases.map((c) => c.ownerUnit)])]
  const units = await db.units.bulkGet(codes)
  const unitNames = new Map(units.flatMap((u) => (u ? [[u.code, u.name] as const] : [])))
  return { record, applicant, victim, clue, ledger, sameParty, unitNames }
}

export interface DueItem {
  row: CaseListRow
  deadline: Deadline
  /** Working days from today to the due date; negative when overdue. */
  workingDaysLeft: number
  /** The department and role that must act, and the staff member carrying the case. */
  owner: DeadlineOwner
  /** The handler's display name, or '' when the case has none yet. */
  handlerName: string
}

/**
 * 工作台: every deadline running on this office's active cases, soonest first, with the working days left (negative
 * when overdue) and the rule that sets it, under the rules in force for each case.
 */
export async function dueItems(db: JiuzhuDb, unitCode: string, today: string): Promise<DueItem[]> {
  const context = await officeRulesContext(db, unitCode)
  const rows = await listCases(db, unitCode, { states: activeStates })
  const staff = await staffNames(db)
  const items: DueItem[] = []
  for (const row of rows) {
    const { options } = rulesInForce(row.record, today, context)
    for (const deadline of deadlinesFor(row.record, options.calendar, options.timeLimits)) {
      const left =
        deadline.due >= today
          ? workingDaysBetween(today, deadline.due, options.calendar)
          : -workingDaysBetween(deadline.due, today, options.calendar)
      const owner = deadlineOwner(row.record, deadline.kind)
      const handlerName = owner.handlerId ? (staff.get(owner.handlerId) ?? owner.handlerId) : ''
      items.push({ row, deadline, workingDaysLeft: left, owner, handlerName })
    }
  }
  return items.sort((a, b) => a.deadline.due.localeCompare(b.deadline.due))
}

async function staffNames(db: JiuzhuDb): Promise<Map<string, string>> {
  return new Map((await db.users.toArray()).map((u) => [u.id, u.displayName]))
}

export interface PendingAdvancePaperwork {
  row: CaseListRow
  /** The day the chief agreed to the 先行救助. */
  approvedOn: string
  /** Calendar days since then (there is no set limit: the paperwork follows "afterwards", S7). */
  daysSince: number
  handlerName: string
}

/**
 * 先行救助 paid or granted on the chief's approval whose paperwork (补办手续: application, review, decision) is not yet
 * completed, oldest first — tracked on 工作台 until `complete-advance-paperwork` is recorded (docs/domain-reference.md §5 step 1e).
 */
export async function pendingAdvancePaperwork(
  db: JiuzhuDb,
  unitCode: string,
  today: string,
): Promise<PendingAdvancePaperwork[]> {
  const paperworkStates = actionStates['complete-advance-paperwork'].from
  const rows = await listCases(db, unitCode, { states: paperworkStates })
  const staff = await staffNames(db)
  const out: PendingAdvancePaperwork[] = []
  for (const row of rows) {
    const a = row.record.advance
    if (a?.decision !== 'agree' || a.paperworkCompletedDate || !paperworkStates.includes(row.record.state)) continue
    const approvedOn = a.decidedAt ? chinaDateOf(Date.parse(a.decidedAt)) : a.requestedDate
    const handlerId = caseHandler(row.record)
    out.push({
      row,
      approvedOn,
      daysSince: toEpochDay(today) - toEpochDay(approvedOn),
      handlerName: handlerId ? (staff.get(handlerId) ?? handlerId) : '',
    })
  }
  return out.sort((x, y) => x.approvedOn.localeCompare(y.approvedOn))
}

export interface ApprovalQueueItem {
  row: CaseListRow
  kind: 'approve-step' | 'approve-advance'
  /** The step to sign (部门负责人审核, 检察长审批 …) or 先行救助审批. */
  stepLabel: string
  /** The China date the case came before this approver: the last signature of the round, its submission, the request. */
  since: string
  /** 建议予以救助 / 建议不予救助 (approval) or 先行救助 (advance). */
  proposal: string
  /** The amount to approve, when one is proposed. */
  proposedFen?: number
  /** Who put it forward: the proposer of the opinion, or the procurator who asked for the 先行救助. */
  fromName: string
}

/**
 * 工作台 “待我审批”: this office's cases waiting for the signed-in user's signature, oldest first — in 'approval', those
 * whose current step has a role the user holds and the user may sign (not the proposer, not signed in this round:
 * `awaitedSignature`, the workflow's own checks); in 'advance', the 先行救助 awaiting the chief.
 */
export async function approvalQueue(db: JiuzhuDb, unitCode: string, actor: Actor): Promise<ApprovalQueueItem[]> {
  const rows = await listCases(db, unitCode, { states: ['approval', 'advance'] })
  const staff = await staffNames(db)
  const nameOf = (id?: string) => (id ? (staff.get(id) ?? id) : '')
  const dayOf = (instant: string) => chinaDateOf(Date.parse(instant))
  const out: ApprovalQueueItem[] = []
  for (const row of rows) {
    const r = row.record
    const awaited = awaitedSignature(r, actor)
    if (!awaited) continue
    if (awaited.kind === 'approve-advance' && r.advance) {
      out.push({
        row,
        kind: 'approve-advance',
        stepLabel: '先行救助审批',
        since: r.advance.requestedDate,
        proposal: '先行救助',
        proposedFen: r.advance.proposedFen,
        fromName: nameOf(r.advance.requestedBy),
      })
    } else if (awaited.kind === 'approve-step') {
      const last = currentRoundEntries(r).at(-1)
      const grant = r.proposal?.decision === 'grant'
      out.push({
        row,
        kind: 'approve-step',
        stepLabel: awaited.step.label,
        since: dayOf(last?.at ?? r.approvalRound?.submittedAt ?? r.updatedAt),
        proposal: grant ? '建议予以救助' : '建议不予救助',
        ...(grant && r.amount ? { proposedFen: r.amount.proposedFen } : {}),
        fromName: nameOf(r.proposal?.by ?? r.approvalRound?.submittedBy),
      })
    }
  }
  return out.sort((a, b) => a.since.localeCompare(b.since))
}

/** Clues for 控申 and the departments, newest first; by status when given. */
/**
 * The office's clues, newest first. `department` (a case department's user, shared/domain/access.ts dataScope):
 * only the clues that department referred; '' (an account without a department) gets none.
 */
export async function listClues(
  db: JiuzhuDb,
  unitCode: string,
  statuses?: readonly string[],
  department?: string,
): Promise<StoredRecord[]> {
  const rows = await db.clues.where('ownerUnit').equals(unitCode).toArray()
  return rows
    .filter((c) => !c.voided && (!statuses || statuses.includes(String(c.status))))
    .filter((c) => department === undefined || (c.source === 'case-department' && c.originDepartment === department))
    .sort((a, b) => String(b.referredOn).localeCompare(String(a.referredOn)) || b.createdAt.localeCompare(a.createdAt))
}

/** What became of the cases some clues were turned into: the case number, where it stands and the decision. */
export async function clueOutcomes(db: JiuzhuDb, caseIds: readonly string[]): Promise<Map<string, Case>> {
  const rows = await db.cases.bulkGet([...caseIds])
  return new Map(rows.filter((c): c is StoredRecord => c !== undefined).map((c) => [c.id, c as unknown as Case]))
}

/** The rules in force for one case at this office (rule set, local measures, limits, approval chain). */
export async function rulesForCase(db: JiuzhuDb, record: Case, unitCode: string, today: string) {
  return caseRules(db, record, unitCode, today)
}

/**
 * The rules in force at this office for the dates that choose them (application, ex officio start, clue) — for a
 * case being registered, which has no record yet, or any part of a case's form that needs only those dates.
 */
export async function rulesForDates(
  db: JiuzhuDb,
  dates: Pick<Case, 'applicationDate' | 'exOfficio' | 'clueDate'>,
  unitCode: string,
  today: string,
) {
  return rulesInForce(dates, today, await officeRulesContext(db, unitCode))
}

export interface SimilarGrants {
  count: number
  minFen: number
  medianFen: number
  maxFen: number
}

/**
 * Amounts decided in similar cases of this region — the same category item, own records and other offices' replicas
 * — shown beside a proposal as the source document asks (range and median). undefined when there are none.
 */
export async function similarGrants(db: JiuzhuDb, categoryItemCode: string, excludeCaseId: string) {
  const amounts = ((await db.cases.where('state').anyOf(grantedStates).toArray()) as unknown as Case[])
    .filter((c) => c.id !== excludeCaseId && !c.voided && !endedUnpaid(c) && c.categoryItemCode === categoryItemCode)
    .map((c) => c.decision?.grantedFen)
    .filter((f): f is number => typeof f === 'number' && f > 0)
    .sort((a, b) => a - b)
  if (amounts.length === 0) return undefined
  const mid = amounts.length >> 1
  const median = amounts.length % 2 ? amounts[mid] : Math.round((amounts[mid - 1] + amounts[mid]) / 2)
  return { count: amounts.length, minFen: amounts[0], medianFen: median, maxFen: amounts[amounts.length - 1] }
}

const grantedStates: Case['state'][] = [
  'granted',
  'awaiting-funds',
  'awaiting-collection',
  'paid',
  'follow-up',
  'archived',
  'recovery',
]

/** The scans kept with a case, oldest first (metadata only; the bytes are read when opened). */
export async function listAttachments(db: JiuzhuDb, caseId: string): Promise<StoredRecord[]> {
  return (await db.attachments.where('caseId').equals(caseId).sortBy('createdAt')).filter((a) => !a.voided)
}

/** The bytes of one scan, or undefined when they are missing. */
export async function attachmentBlob(db: JiuzhuDb, id: string): Promise<Blob | undefined> {
  return (await db.attachmentBlobs.get(id))?.blob
}

/** Documents produced for a case, newest first. */
export async function listCaseDocuments(db: JiuzhuDb, caseId: string): Promise<StoredRecord[]> {
  return (await db.documents.where('caseId').equals(caseId).sortBy('generatedAt')).reverse()
}

/** The clue a case came from, and the office's staff and units, for filling in documents. */
export async function documentSources(db: JiuzhuDb, clueId: string | undefined) {
  const [clue, users, units] = await Promise.all([
    clueId ? db.clues.get(clueId) : undefined,
    db.users.toArray(),
    db.units.toArray(),
  ])
  return {
    clue,
    users: users.map((u) => ({ id: u.id, displayName: u.displayName })),
    units: units.map((u) => ({ code: u.code, name: u.name })),
  }
}

/** 多元救助 referrals and 回访 records of a case, oldest first. */
export async function afterPaymentRecords(db: JiuzhuDb, caseId: string) {
  const [referrals, followUps] = await Promise.all([
    db.referrals.where('caseId').equals(caseId).sortBy('date'),
    db.followUps.where('caseId').equals(caseId).sortBy('date'),
  ])
  return { referrals: referrals.filter((r) => !r.voided), followUps: followUps.filter((f) => !f.voided) }
}
