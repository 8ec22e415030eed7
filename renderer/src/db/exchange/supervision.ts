import { calendarDateSchema, recordIdSchema, textSchema } from '@shared/domain/schemas/primitives'
import { CodedError } from '@shared/errors/coded'
import {
  type DuplicateFlag,
  findCrossOfficeDuplicates,
  replyHandlings,
  supervisionPeriodSchema,
} from '@shared/exchange/downward'
import { z } from 'zod'
import type { CommandSpec } from '../commands/execute'
import type { StoredRecord } from '../database'
import { duplicateInputsForCandidate } from '../queries/duplicates'
import { descendantsOf } from './reads'
import { actorName, ownUnit } from './store'

/**
 * 督导 (docs/exchange.md §一.8–10): writing a supervision note, replying to a note or duplicate flag, reviewing a
 * cross-office duplicate — each a command in one transaction with its audit entry.
 */

const noteInput = z
  .object({
    caseId: recordIdSchema.optional(),
    period: supervisionPeriodSchema.optional(),
    /** For a note on a period: the subordinate offices it is addressed to. */
    targets: z
      .array(z.string().regex(/^\d{6}$/))
      .max(50)
      .optional(),
    subject: textSchema(100, '事项'),
    text: textSchema(4000, '督导意见'),
    replyBy: calendarDateSchema.optional(),
  })
  .strict()

/**
 * 撰写督导意见 at a higher office: on a subordinate's case (a replica held here; addressed to its owner) or on a
 * period (addressed to chosen subordinates). Owned by this office; it goes down with the next supervision bundle.
 */
export const writeSupervisionNote: CommandSpec<z.infer<typeof noteInput>, StoredRecord> = {
  name: 'supervision.write',
  input: noteInput,
  tables: ['units', 'settings', 'cases', 'supervisionNotes', 'users'],
  async run(ctx, input) {
    const own = await ownUnit(ctx)
    const units = await ctx.read.units.toArray()
    const below = new Set(descendantsOf(units, own.code))
    let targets: string[]
    let caseNo: string | undefined
    if (input.caseId) {
      const c = await ctx.read.cases.get(input.caseId)
      if (!c) throw new CodedError('command.not-found', { table: 'cases', id: input.caseId })
      if (!below.has(c.ownerUnit)) {
        throw new CodedError('command.invalid-input', {
          detail: '只能对下级单位的案件（本院持有的只读副本）撰写督导意见',
        })
      }
      targets = [c.ownerUnit]
      caseNo = typeof c.caseNo === 'string' ? c.caseNo : undefined
    } else {
      if (!input.period) throw new CodedError('command.invalid-input', { detail: '督导意见须针对一件案件或一个期间' })
      targets = [...new Set(input.targets ?? [])]
      if (!targets.length || targets.some((t) => !below.has(t))) {
        throw new CodedError('command.invalid-input', { detail: '请选择本院的下级单位作为督导对象' })
      }
    }
    return ctx.insert('supervisionNotes', {
      targets,
      ...(input.caseId ? { caseId: input.caseId } : {}),
      ...(caseNo ? { caseNo } : {}),
      ...(input.period ? { period: input.period } : {}),
      subject: input.subject,
      text: input.text,
      ...(input.replyBy ? { replyBy: input.replyBy } : {}),
      authorName: await actorName(ctx),
      authorUnitName: own.name,
      writtenOn: ctx.now.date,
    })
  },
}

// ---- 答复 ------------------------------------------------------------------------------------------------------

const replyInput = z
  .object({
    noteId: recordIdSchema,
    noteKind: z.enum(['note', 'flag']),
    handling: z.enum(Object.keys(replyHandlings) as [keyof typeof replyHandlings]),
    text: textSchema(4000, '答复'),
  })
  .strict()

/**
 * 答复督导意见 / 重复救助提示 at the office it was sent to: a record owned by this office, which goes up with the
 * next archive (and is relayed on by every office in between) to the office that wrote the note.
 */
export const replyToNote: CommandSpec<z.infer<typeof replyInput>, StoredRecord> = {
  name: 'supervision.reply',
  input: replyInput,
  tables: ['units', 'settings', 'supervisionNotes', 'duplicateFlags', 'supervisionReplies', 'users'],
  async run(ctx, input) {
    const own = await ownUnit(ctx)
    const table = input.noteKind === 'note' ? 'supervisionNotes' : 'duplicateFlags'
    const note = (await ctx.read.table(table).get(input.noteId)) as (StoredRecord & { targets: string[] }) | undefined
    if (!note) throw new CodedError('command.not-found', { table, id: input.noteId })
    if (!note.targets.includes(own.code)) {
      throw new CodedError('command.invalid-input', { detail: '该意见或提示不是发给本院的，不能由本院答复' })
    }
    const caseId =
      input.noteKind === 'note'
        ? (note.caseId as string | undefined)
        : ((note as unknown as DuplicateFlag).cases.find((c) => c.unitCode === own.code)?.caseId ?? undefined)
    return ctx.insert('supervisionReplies', {
      noteId: input.noteId,
      noteKind: input.noteKind,
      noteOwner: note.ownerUnit,
      ...(caseId ? { caseId } : {}),
      handling: input.handling,
      text: input.text,
      replierName: await actorName(ctx),
      repliedOn: ctx.now.date,
    })
  },
}

// ---- 重复救助提示：审核 ----------------------------------------------------------------------------------------

const reviewInput = z
  .object({
    candidateKey: z.string().min(1).max(4000),
    decision: z.enum(['sent', 'dismissed']),
    reviewNote: textSchema(2000, '审核意见').optional(),
  })
  .strict()

/**
 * 审核重复救助提示: the reviewer confirms a candidate found in the replicas (it is then sent down to every office
 * concerned) or dismisses it (kept here so it is not shown again, never sent). The candidate is found again inside
 * the transaction; if the cases changed meanwhile it is refused.
 */
export const reviewDuplicate: CommandSpec<z.infer<typeof reviewInput>, StoredRecord> = {
  name: 'duplicates.review',
  input: reviewInput,
  tables: ['units', 'settings', 'cases', 'priorAssistance', 'persons', 'duplicateFlags', 'users'],
  async run(ctx, input) {
    const own = await ownUnit(ctx)
    const candidate = findCrossOfficeDuplicates(await duplicateInputsForCandidate(ctx.read, input.candidateKey)).find(
      (c) => c.key === input.candidateKey,
    )
    if (!candidate) {
      throw new CodedError('command.invalid-input', { detail: '该疑似重复救助已不存在（案件已有变化），请重新查找' })
    }
    const reviewed = await ctx.read.duplicateFlags.where('ownerUnit').equals(own.code).toArray()
    if (reviewed.some((f) => f.candidateKey === input.candidateKey)) {
      throw new CodedError('command.invalid-input', { detail: '该疑似重复救助已审核过' })
    }
    const units = new Map((await ctx.read.units.toArray()).map((u) => [u.code, u]))
    const person = await ctx.read.persons.where('idNumber').equals(candidate.idNumber).first()
    return ctx.insert('duplicateFlags', {
      candidateKey: input.candidateKey,
      targets: [...new Set(candidate.cases.map((c) => c.ownerUnit))].sort(),
      caseIds: candidate.cases.map((c) => c.id),
      idNumber: candidate.idNumber,
      personName: String(person?.name ?? '（姓名未知）').slice(0, 60),
      matchedOn: candidate.matchedOn,
      underlyingRef: candidate.underlyingRef.slice(0, 120),
      cases: candidate.cases.map((c) => ({
        caseId: c.id,
        unitCode: c.ownerUnit,
        unitName: (units.get(c.ownerUnit)?.name ?? c.ownerUnit).slice(0, 60),
        ...(c.caseNo ? { caseNo: c.caseNo } : {}),
        state: c.state,
        ...(c.decision?.grantedFen !== undefined ? { grantedFen: c.decision.grantedFen } : {}),
        ...(c.decisionDate ? { decisionDate: c.decisionDate } : {}),
      })),
      status: input.decision,
      ...(input.reviewNote ? { reviewNote: input.reviewNote } : {}),
      reviewerName: await actorName(ctx),
      reviewedOn: ctx.now.date,
      detectorName: own.name,
    })
  },
}

// ---- 密钥更换 --------------------------------------------------------------------------------------------------
