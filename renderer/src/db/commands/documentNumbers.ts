import {
  documentDateOf,
  numberedDocumentLabels,
  numberedDocumentOf,
  parseDocumentNumber,
} from '@shared/domain/documentNumbers'
import type { Case } from '@shared/domain/schemas'
import type { WorkflowAction } from '@shared/domain/workflow'
import { CodedError } from '@shared/errors/coded'
import type { UnitRow } from '../database'
import { caseBearingDocumentNumber, nextDocumentNumber } from '../queries/documentNumbers'
import type { CommandContext } from './context'

/**
 * 文号 are unique within the office (docs/documents.md「文号」): when an action gives the case's decision a 文号 that
 * another case of this office already bears, the command is refused — inside its transaction, so two clerks who took
 * the same suggested number cannot both save it — and the refusal names that case and the next free number.
 */
export async function refuseTakenDocumentNumber(
  ctx: CommandContext,
  before: Case,
  after: Case,
  action: WorkflowAction,
): Promise<void> {
  const documentNo = after.decision?.documentNo
  if (!documentNo || documentNo === before.decision?.documentNo) return
  const holder = await caseBearingDocumentNumber(ctx.read, ctx.actor.unitCode, documentNo, after.id)
  if (!holder) return
  const unit = (await ctx.read.units.get(ctx.actor.unitCode)) as UnitRow | undefined
  const type = numberedDocumentOf(action.type)
  const held = unit && parseDocumentNumber(unit.shortName, documentNo)?.type
  throw new CodedError('case.document-no-taken', {
    documentNo,
    caseNo: typeof holder.caseNo === 'string' ? holder.caseNo : '（尚未编号）',
    held: held ? numberedDocumentLabels[held] : '决定书',
    next:
      unit && type ? await nextDocumentNumber(ctx.read, unit, type, documentDateOf(action, ctx.now.date)) : undefined,
  })
}
