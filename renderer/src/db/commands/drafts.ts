import { recordIdSchema } from '@shared/domain/schemas'
import { type ActionType, actionLabels } from '@shared/domain/workflow'
import { z } from 'zod'
import type { CommandSpec } from './execute'

/** Where a user's draft of one form is kept: one draft per form (and per clue for 受理登记) per user. */
export function draftKey(form: string, userId: string): string {
  return `draft:${form}:${userId}`
}

/** The forms that keep drafts (renderer/src/app/formDraft.tsx callers), by the first part of their name. */
const draftForms: Readonly<Record<string, string>> = {
  intake: '受理登记',
  clue: '登记线索',
  'settings:office-profile': '本院联系方式',
  'settings:report-form': '统计报表表式与签署',
  'settings:department-names': '移送部门名称',
}

/**
 * The form a draft's key is of, as the user knows it (“受理登记”, “登记审查核实情况” …): the audit log names it
 * so; undefined for a key that is not a draft's.
 */
export function draftFormLabel(key: string): string | undefined {
  const form = /^draft:(.+):[^:]+$/.exec(key)?.[1]
  if (!form) return undefined
  const action = /^action:([a-z-]+):/.exec(form)?.[1]
  if (action) return actionLabels[action as ActionType] ?? '办理事项'
  return draftForms[form] ?? draftForms[form.split(':')[0]] ?? '表单'
}

const MAX_DRAFT_CHARS = 200_000

export const saveDraftInput = z
  .object({
    form: z.string().regex(/^[a-z][a-z0-9:-]{0,80}$/, '草稿名称不正确'),
    /** The case or the clue the form is about, if any: the audit log names it. */
    caseId: recordIdSchema.optional(),
    clueId: recordIdSchema.optional(),
    /** What the form holds; null discards the draft. */
    values: z
      .record(z.string(), z.unknown())
      .refine((v) => JSON.stringify(v).length <= MAX_DRAFT_CHARS, '草稿内容过长，请分次填写或直接保存')
      .nullable(),
  })
  .strict()

export interface Draft {
  savedAt: string
  values: Record<string, unknown>
}

/**
 * 保存草稿: keeps what a user has typed into a long form, unfinished and unvalidated, so a crash, the idle lock or
 * the end of the day loses nothing. Only the user's own draft. Audited like every write, but the audit entry says
 * only that a draft of the form (and of which case or clue) was kept or discarded: what was typed — names, ID and
 * bank numbers, perhaps wrong, perhaps never saved — stays out of the append-only log (docs/security.md §5.3).
 */
export const saveDraft: CommandSpec<z.infer<typeof saveDraftInput>, void> = {
  name: 'draft.save',
  input: saveDraftInput,
  tables: ['settings'],
  async run(ctx, { form, values, caseId, clueId }) {
    const key = draftKey(form, ctx.actor.userId)
    const about = { ...(caseId ? { caseId } : {}), ...(clueId ? { clueId } : {}) }
    const value = values ? { savedAt: ctx.now.instant, values } : null
    await ctx.put('settings', key, { key, ...about, value }, { draftFields: ['value'] })
  },
}
