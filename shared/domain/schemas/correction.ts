import { z } from 'zod'
import { instantSchema, textSchema, userIdSchema } from './primitives'

/**
 * One 更正 of a field a clerk typed on a clue or a case (docs/case-handling.md “更正”): which field, what it held and
 * what it holds now, why, by whom and when. Kept on the record, oldest first; the old value is never lost.
 */
export const correctionSchema = z
  .object({
    at: instantSchema,
    by: userIdSchema,
    field: z.string().min(1).max(60),
    before: z.string().max(2000).nullable(),
    after: z.string().max(2000),
    reason: textSchema(500, '更正理由'),
  })
  .strict()
export type Correction = z.infer<typeof correctionSchema>
