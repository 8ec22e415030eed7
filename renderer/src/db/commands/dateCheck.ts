import { type DateAfter, dateProblem } from '@shared/domain/dateRules'
import { CodedError } from '@shared/errors/coded'

/**
 * Refuses, inside the command's transaction, a date the one date rule (shared/domain/dateRules.ts) does not allow:
 * after today, or before the step it follows. The form where the date is typed applies the same rule.
 */
export function refuseBadDate(field: string, date: string | undefined, today: string, after?: DateAfter): void {
  if (date === undefined) return
  const problem = dateProblem(field, date, today, after)
  if (problem) throw new CodedError('workflow.date-invalid', problem)
}
