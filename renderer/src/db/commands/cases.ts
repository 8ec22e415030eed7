import { citationOf } from '@shared/domain/findings'
import { blockingPriorGrants, firstBlocking, legalFindings } from '@shared/domain/gate'
import { ledgerDraftsFor } from '@shared/domain/ledgerEffects'
import { caseActionCommand } from '@shared/domain/permissions'
import {
  type Case,
  calendarDateSchema,
  caseSchema,
  caseSources,
  originDepartments,
  personInputSchema,
  recordIdSchema,
  relations,
  underlyingCaseSchema,
  victimInfoSchema,
} from '@shared/domain/schemas'
import { transition, type WorkflowAction, type WorkflowEvent, workflowActionSchema } from '@shared/domain/workflow'
import { CodedError } from '@shared/errors/coded'
import { describeZodError } from '@shared/errors/zodProblems'
import { z } from 'zod'
import type { StoredRecord, TableName } from '../database'
import { readCaseGate } from './caseGate'
import { allocateCaseNumber } from './caseNumber'
import type { CommandContext } from './context'
import { refuseBadDate } from './dateCheck'
import { refuseTakenDocumentNumber } from './documentNumbers'
import type { CommandSpec } from './execute'
import { legacyReadOnly } from './legacyImport'
import { upsertPerson } from './persons'

/** States in which a case first becomes a case of this office and receives its number. */
const numberedStates = new Set<Case['state']>(['applied', 'ex-officio', 'advance'])

/** The date an action is dated by, for the case number's year. */
function actionDate(action: WorkflowAction, fallback: string): string {
  const a = action as Record<string, unknown>
  for (const key of ['date', 'noticeDate', 'receivedDate']) if (typeof a[key] === 'string') return a[key] as string
  return fallback
}

/**
 * Runs one workflow action on a case inside the command's transaction: the rules in force give the options, the
 * pure state machine decides, the result is checked against the case schema, a case number is allocated when the
 * case first becomes a case of this office, and the money effects go to the ledger. A refusal aborts the whole
 * command with the workflow's own code and Chinese message.
 */
async function applyAction(ctx: CommandContext, current: Case, requested: WorkflowAction): Promise<Case> {
  // the stored account's roles: execute() puts them in ctx.actor, whatever the caller's actor object claimed
  const signer = { userId: ctx.actor.userId, roles: [...ctx.actor.roles] }
  const gate = await readCaseGate(ctx.read, current, ctx.actor.unitCode, ctx.now.date, gatedActions.has(requested.type))
  // an exception to the one-time rule covers exactly the grants known now, whatever the caller listed
  const action: WorkflowAction =
    requested.type === 'approve-repeat-grant' && gate.facts.rules
      ? { ...requested, priorCaseIds: blockingPriorGrants(gate.facts.rules, current, gate.facts) }
      : requested
  const result = transition(current, action, signer, ctx.now, gate.inForce.options)
  if (!result.ok) throw new CodedError(`workflow.${result.refusal.code}`, result.refusal.params)
  const blocking = firstBlocking(legalFindings({ action, after: result.record, facts: gate.facts }))
  if (blocking) throw new CodedError(blocking.code, { ...blocking.params, basis: citationOf(blocking.rule) })
  await refuseTakenDocumentNumber(ctx, current, result.record, action)
  let next = result.record
  if (!next.caseNo && numberedStates.has(next.state)) {
    const year = Number(actionDate(action, ctx.now.date).slice(0, 4))
    next = { ...next, ...(await allocateCaseNumber(ctx, year)) }
  }
  const checked = caseSchema.safeParse(next)
  if (!checked.success) {
    throw new CodedError('command.invalid-input', { detail: describeZodError(checked.error, 3) })
  }
  const stored = (await ctx.update<StoredRecord>('cases', current.id, () => checked.data)) as unknown as Case
  await recordLedger(ctx, stored, result.events)
  return stored
}

/** Actions on the money path: the legal gate reads every grant known for the case's persons before them. */
const gatedActions = new Set<WorkflowAction['type']>([
  'approve-repeat-grant',
  'propose',
  'submit-opinion',
  'approve-step',
  'decide-grant',
  'decide-refuse',
  'start-advance',
  'approve-advance',
  'pay',
])

async function recordLedger(ctx: CommandContext, record: Case, events: readonly WorkflowEvent[]): Promise<void> {
  for (const draft of ledgerDraftsFor(record, events)) await ctx.insert('ledger', draft)
}

async function loadCase(ctx: CommandContext, caseId: string, expectedRev?: number): Promise<Case> {
  const row = await ctx.get<Case>('cases', caseId)
  if (!row) throw new CodedError('command.not-found', { table: 'cases', id: caseId })
  if (row.ownerUnit !== ctx.actor.unitCode) throw new CodedError('command.replica-read-only', { owner: row.ownerUnit })
  if (row.legacyImport) throw legacyReadOnly(row)
  if (expectedRev !== undefined && row.rev !== expectedRev) throw new CodedError('command.stale', {})
  return row
}

/** What a workflow action reads and writes: the case, its ledger entries, the rules' data and the one-time rule's. */
const caseActionTables = [
  'cases',
  'ledger',
  'units',
  'localMeasures',
  'standards',
  'settings',
  'persons',
  'priorAssistance',
  'users',
] as const satisfies readonly TableName[]

export const caseActionInput = z
  .object({
    caseId: recordIdSchema,
    /** The version the user was looking at; a case changed meanwhile by someone else is not overwritten. */
    expectedRev: z.number().int().positive().optional(),
    action: workflowActionSchema,
  })
  .strict()

/** 办理: one workflow action on one case. */
export const actOnCase: CommandSpec<z.infer<typeof caseActionInput>, Case> = {
  name: 'case.act',
  input: caseActionInput,
  tables: caseActionTables,
  auditName: (input) => caseActionCommand(input.action.type),
  async run(ctx, { caseId, expectedRev, action }) {
    return applyAction(ctx, await loadCase(ctx, caseId, expectedRev), action)
  },
}

export const openCaseInput = z
  .object({
    source: z.enum(caseSources),
    clueId: recordIdSchema.optional(),
    originDepartment: z.enum(originDepartments).optional(),
    underlyingCase: underlyingCaseSchema.optional(),
    applicant: personInputSchema,
    /** The victim when it is not the applicant (a close relative or agent applies). */
    victim: personInputSchema.optional(),
    relation: z.enum(relations),
    victimInfo: victimInfoSchema.optional(),
    clueDate: calendarDateSchema,
    smallEmergencyHelp: z.boolean().default(false),
    /** Taken at once in the same transaction: 登记申请, 依职权启动 or 先行救助. */
    firstAction: workflowActionSchema.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.relation !== 'self' && !v.victim) {
      ctx.addIssue({ code: 'custom', path: ['victim'], message: '申请人不是被害人本人时，请填写被害人信息' })
    }
    if (v.relation === 'self' && v.victim) {
      ctx.addIssue({ code: 'custom', path: ['relation'], message: '填写了被害人信息时，与被害人关系不能是“本人”' })
    }
  })
export type OpenCaseInput = z.input<typeof openCaseInput>

/**
 * 新建救助案件: records the parties (reusing a person this office already holds under the same ID), opens the case
 * at 线索, converts the clue it came from (taking over the clue's 告知 record), then takes the first action (登记申请,
 * 依职权启动 or 先行救助) — all in one transaction, so a refused first action leaves nothing behind.
 */
export const openCase: CommandSpec<z.infer<typeof openCaseInput>, Case> = {
  name: 'case.open',
  input: openCaseInput,
  tables: [...caseActionTables, 'clues'],
  async run(ctx, input) {
    refuseBadDate('clue', input.clueDate, ctx.now.date)
    refuseBadDate('birth', input.applicant.birthDate, ctx.now.date)
    refuseBadDate('birth', input.victim?.birthDate, ctx.now.date)
    const applicantId = await upsertPerson(ctx, input.applicant)
    const victimId = input.victim ? await upsertPerson(ctx, input.victim) : applicantId
    const clue = input.clueId ? await ctx.get<StoredRecord>('clues', input.clueId) : undefined
    if (input.clueId && !clue) throw new CodedError('command.not-found', { table: 'clues', id: input.clueId })
    if (clue && (clue.status === 'converted' || clue.status === 'closed')) throw new CodedError('case.clue-used', {})
    const draft = {
      state: 'clue',
      source: input.source,
      ...(input.originDepartment ? { originDepartment: input.originDepartment } : {}),
      ...(input.clueId ? { clueId: input.clueId } : {}),
      ...(input.underlyingCase ? { underlyingCase: input.underlyingCase } : {}),
      applicantId,
      victimId,
      relation: input.relation,
      ...(input.victimInfo ? { victim: input.victimInfo } : {}),
      personIdNumbers: [...new Set([input.applicant.idNumber, input.victim?.idNumber].filter((x) => x !== undefined))],
      smallEmergencyHelp: input.smallEmergencyHelp,
      clueDate: input.clueDate,
      materials: [],
      approvals: [],
      recoveries: [],
    }
    let record = (await ctx.insert('cases', draft)) as unknown as Case
    const checked = caseSchema.safeParse(record)
    if (!checked.success) throw new CodedError('command.invalid-input', { detail: describeZodError(checked.error, 3) })
    if (clue) {
      await ctx.update<StoredRecord>('clues', clue.id, (c) => ({
        ...c,
        status: 'converted',
        convertedCaseId: record.id,
      }))
      if (clue.informing)
        record = await applyAction(ctx, record, { type: 'inform', informing: clue.informing } as WorkflowAction)
    }
    if (input.firstAction) record = await applyAction(ctx, record, input.firstAction)
    return record
  },
}
