import { z } from 'zod'
import { instantSchema, recordIdSchema, textSchema, unitCodeSchema, userIdSchema } from './primitives'

/**
 * Change stamps every stored row carries (docs/architecture.md §3, §4): `rev` is the owner office's change counter, stamped by
 * the command layer from the office's one monotonic sequence.
 */
export const stampsShape = {
  rev: z.number().int('版本号必须是整数').positive('版本号必须是正整数'),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  createdBy: userIdSchema,
  updatedBy: userIdSchema,
}

/** Records are voided with a reason, never deleted (docs/architecture.md §3). */
export const voidedSchema = z
  .object({ at: instantSchema, by: userIdSchema, reason: textSchema(500, '作废原因') })
  .strict()
export type Voided = z.infer<typeof voidedSchema>

/**
 * The common base of every replicated record (docs/architecture.md §3–4): global id, owning office, change stamps, void
 * marker and the id of the record it supersedes.
 */
export const recordBaseShape = {
  id: recordIdSchema,
  ownerUnit: unitCodeSchema,
  ...stampsShape,
  voided: voidedSchema.optional(),
  supersedes: recordIdSchema.optional(),
}

export const recordBaseSchema = z.object(recordBaseShape).strict()
export type RecordBase = z.infer<typeof recordBaseSchema>

/** A strict replicated-record schema: the base plus the kind's own fields; unknown fields are rejected. */
export function storedRecord<S extends z.core.$ZodLooseShape>(shape: S) {
  return recordBaseSchema.extend(shape)
}
