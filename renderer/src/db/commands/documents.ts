import { documentSchema, recordIdSchema, sha256HexSchema, textSchema } from '@shared/domain/schemas'
import { CodedError } from '@shared/errors/coded'
import { describeZodError } from '@shared/errors/zodProblems'
import { z } from 'zod'
import type { StoredRecord } from '../database'
import type { CommandSpec } from './execute'

export const recordDocumentInput = z
  .object({
    caseId: recordIdSchema,
    templateId: z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/),
    number: textSchema(60, '文书编号').optional(),
    contentHash: sha256HexSchema,
  })
  .strict()

/**
 * 制作文书: records that a document of the case was produced — which template, its number, when, by whom and the
 * SHA-256 of its content — so the case file lists every document issued and a reprint can be checked against it.
 */
export const recordDocument: CommandSpec<z.infer<typeof recordDocumentInput>, StoredRecord> = {
  name: 'case.document',
  input: recordDocumentInput,
  tables: ['cases', 'documents'],
  async run(ctx, input) {
    const c = await ctx.get<StoredRecord>('cases', input.caseId)
    if (!c) throw new CodedError('command.not-found', { table: 'cases', id: input.caseId })
    const row = await ctx.insert('documents', { ...input, generatedAt: ctx.now.instant })
    const checked = documentSchema.safeParse(row)
    if (!checked.success) {
      throw new CodedError('command.invalid-input', { detail: describeZodError(checked.error) })
    }
    return row
  },
}
