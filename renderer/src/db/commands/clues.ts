import { dataScope, departmentName } from '@shared/domain/access'
import {
  calendarDateSchema,
  clueSchema,
  clueSources,
  externalBodies,
  informingSchema,
  noteSchema,
  originDepartments,
  recordIdSchema,
  refineClueSource,
  textSchema,
} from '@shared/domain/schemas'
import { CodedError } from '@shared/errors/coded'
import { describeZodError } from '@shared/errors/zodProblems'
import { z } from 'zod'
import type { StoredRecord } from '../database'
import { getSetting } from '../queries/settings'
import { refuseBadDate } from './dateCheck'
import type { CommandSpec } from './execute'

function checked(row: StoredRecord): void {
  const r = clueSchema.safeParse(row)
  if (!r.success) {
    const detail = describeZodError(r.error)
    throw new CodedError('command.invalid-input', { detail })
  }
}

export const recordClueInput = z
  .object({
    source: z.enum(clueSources),
    originDepartment: z.enum(originDepartments).optional(),
    externalBody: z.enum(externalBodies).optional(),
    externalBodyName: textSchema(60, '移送单位名称').optional(),
    partyName: textSchema(50, '当事人姓名'),
    underlyingCaseNo: textSchema(80, '原案件编号').optional(),
    livingConditions: noteSchema.optional(),
    informing: informingSchema.optional(),
    referredOn: calendarDateSchema,
  })
  .strict()
  // checked even while other fields are wrong, so the form flags a missing 移送部门 with the rest at once
  .superRefine(refineClueSource, { when: (p) => typeof p.value === 'object' && p.value !== null })
export type RecordClueInput = z.input<typeof recordClueInput>

/**
 * 线索移送: a case-handling department (or 控申 for a clue from an outside body) records the party, what it learned
 * of the family's living conditions and, when done, that the party was told of the right to apply.
 */
export const recordClue: CommandSpec<z.infer<typeof recordClueInput>, StoredRecord> = {
  name: 'clue.record',
  input: recordClueInput,
  tables: ['clues', 'users', 'settings'],
  async run(ctx, input) {
    refuseBadDate('referred', input.referredOn, ctx.now.date)
    refuseBadDate('informed', input.informing?.date, ctx.now.date, ['referred', input.referredOn])
    // a case department records only its own referrals (shared/domain/access.ts: its user sees only those)
    if (dataScope(ctx.actor.roles) === 'own-department') {
      const department = (await ctx.get<StoredRecord>('users', ctx.actor.userId))?.department
      if (input.source !== 'case-department' || !department || input.originDepartment !== department) {
        // named as the office calls it (系统设置 → 移送部门名称), as the user sees it everywhere else
        const names = await getSetting(ctx.read, 'departmentNames')
        throw new CodedError('access.other-department', {
          department: departmentName(department as string | undefined, names),
        })
      }
    }
    const row = await ctx.insert('clues', { ...input, status: input.informing ? 'informed' : 'open' })
    checked(row)
    return row
  },
}

export const informOnClueInput = z.object({ clueId: recordIdSchema, informing: informingSchema }).strict()

/** 告知: records that the party was told of the right to apply, how, and the answer. */
export const informOnClue: CommandSpec<z.infer<typeof informOnClueInput>, StoredRecord> = {
  name: 'clue.record',
  input: informOnClueInput,
  tables: ['clues'],
  async run(ctx, { clueId, informing }) {
    const row = await ctx.update<StoredRecord>('clues', clueId, (c) => {
      if (c.status !== 'open' && c.status !== 'informed') throw new CodedError('clue.not-open', {})
      refuseBadDate('informed', informing.date, ctx.now.date, ['referred', String(c.referredOn)])
      return { ...c, informing, status: 'informed' }
    })
    checked(row)
    return row
  },
}

export const closeClueInput = z.object({ clueId: recordIdSchema, reason: textSchema(500, '终结原因') }).strict()

/** 终结线索: the party declined, could not be reached, or the clue is not for assistance. */
export const closeClue: CommandSpec<z.infer<typeof closeClueInput>, StoredRecord> = {
  name: 'clue.close',
  input: closeClueInput,
  tables: ['clues'],
  async run(ctx, { clueId, reason }) {
    const row = await ctx.update<StoredRecord>('clues', clueId, (c) => {
      if (c.status !== 'open' && c.status !== 'informed') throw new CodedError('clue.not-open', {})
      return { ...c, status: 'closed', closedReason: reason }
    })
    checked(row)
    return row
  },
}
