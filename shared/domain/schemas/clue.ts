import { z } from 'zod'
import { storedRecord } from './base'
import { informingSchema } from './caseIntake'
import { correctionSchema } from './correction'
import { clueSources, clueStatuses, externalBodies, originDepartments } from './labels'
import { calendarDateSchema, noteSchema, recordIdSchema, textSchema } from './primitives'

/**
 * Who referred the clue must be named: the 移送部门 of a clue from a case-handling department, the kind of body of
 * one from outside. One rule for the 登记线索 form (at the field), the command and the stored record.
 */
export function refineClueSource(
  c: { source: string; originDepartment?: string; externalBody?: string },
  ctx: z.RefinementCtx,
): void {
  if (c.source === 'case-department' && !c.originDepartment)
    ctx.addIssue({ code: 'custom', path: ['originDepartment'], message: '请选择移送线索的办案部门' })
  if (c.source === 'external' && !c.externalBody)
    ctx.addIssue({ code: 'custom', path: ['externalBody'], message: '请选择移送线索的外部单位' })
}

/**
 * 线索: a possibly eligible party found by a case-handling department, transferred by an outside body
 * (乡村振兴/民政/妇联/残联 …, within 5 working days per S17) or assigned by an upper level (docs/domain-reference.md §5 #0;
 * 司法救助线索移送表, S33).
 */
export const clueSchema = storedRecord({
  source: z.enum(clueSources),
  originDepartment: z.enum(originDepartments).optional(),
  externalBody: z.enum(externalBodies).optional(),
  externalBodyName: textSchema(60, '移送单位名称').optional(),
  partyName: textSchema(50, '当事人姓名'),
  partyPersonId: recordIdSchema.optional(),
  underlyingCaseNo: textSchema(80, '原案件编号').optional(),
  livingConditions: noteSchema.optional(),
  informing: informingSchema.optional(),
  referredOn: calendarDateSchema,
  status: z.enum(clueStatuses),
  convertedCaseId: recordIdSchema.optional(),
  closedReason: textSchema(500, '终结原因').optional(),
  /** 更正: corrections of typed fields, oldest first, each with the old value and the reason. */
  corrections: z.array(correctionSchema).optional(),
}).superRefine((c, ctx) => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message })
  refineClueSource(c, ctx)
  if ((c.status === 'converted') !== (c.convertedCaseId !== undefined)) {
    issue('convertedCaseId', '“已转为救助案件”的线索须且只须注明案件记录')
  }
  if (c.status === 'informed' && !c.informing) issue('informing', '“已告知”的线索须有告知记录')
  if (c.status === 'closed' && !c.closedReason) issue('closedReason', '请填写线索终结的原因')
})
export type Clue = z.infer<typeof clueSchema>
