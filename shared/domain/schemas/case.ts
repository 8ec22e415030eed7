import type { z } from 'zod'
import { caseProblems } from './caseInvariants'
import { caseObjectSchema } from './caseObject'

export { type CaseFields, caseObjectSchema } from './caseObject'

/** The assistance case as stored: the fields (caseObject.ts) and the invariants between state and steps (caseInvariants.ts). */
export const caseSchema = caseObjectSchema.superRefine((c, ctx) => {
  for (const p of caseProblems(c)) ctx.addIssue({ code: 'custom', path: p.path, message: p.message })
})
export type Case = z.infer<typeof caseSchema>
