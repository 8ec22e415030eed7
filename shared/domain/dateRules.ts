/**
 * The one rule for a date a clerk records (移送、告知、申请、受理、决定、发放、回访 …): it may not lie after today,
 * nor before the date of the step it follows (告知 ≥ 移送, 受理 ≥ 申请, 发放 ≥ 通知领取 …). The forms use it where the
 * date is typed (the date picker greys out the days it refuses and the field says why) and the commands use it
 * inside their transaction, so a date the form accepts is never refused later on another screen.
 */

/** The step a date follows: that step's field code and its date (absent while the step has none). */
export type DateAfter = readonly [field: string, date?: string]

/** What is wrong with a date: the params of 'workflow.date-invalid' (shared/errors/workflow.ts). */
export type DateProblem =
  | { reason: 'future'; field: string; date: string; today: string }
  | { reason: 'order'; field: string; date: string; beforeField: string; before: string }

/** The problem with `date` (field code `field`) recorded `today`, following `after`; undefined when it may stand. */
export function dateProblem(field: string, date: string, today: string, after?: DateAfter): DateProblem | undefined {
  if (date > today) return { reason: 'future', field, date, today }
  const [beforeField, before] = after ?? []
  if (beforeField && before && date < before) return { reason: 'order', field, date, beforeField, before }
  return undefined
}
