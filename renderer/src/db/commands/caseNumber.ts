import { caseCounterName, formatCaseNumber } from '@shared/domain/caseNumber'
import { CodedError } from '@shared/errors/coded'
import type { UnitRow } from '../database'
import type { CommandContext } from './context'

/**
 * Allocates the next case number of this office for `year`, inside the command's transaction: if the command
 * fails, the counter rolls back with it, so numbers stay gap-free; concurrent commands serialise on the counters
 * table, so no number is issued twice.
 */
export async function allocateCaseNumber(
  ctx: CommandContext,
  year: number,
): Promise<{ caseNo: string; caseYear: number; caseSeq: number }> {
  const unit = (await ctx.read.units.get(ctx.actor.unitCode)) as UnitRow | undefined
  if (!unit) throw new CodedError('command.not-found', { table: 'units', id: ctx.actor.unitCode })
  const seq = await ctx.nextCounter(caseCounterName(unit.code, year))
  return {
    caseNo: formatCaseNumber(unit.caseNoPattern, { short: unit.shortName, year, seq }),
    caseYear: year,
    caseSeq: seq,
  }
}
