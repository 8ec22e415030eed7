import { z } from 'zod'
import { storedRecord } from './base'
import { materialItems } from './labels'
import {
  calendarDateSchema,
  instantSchema,
  noteSchema,
  recordIdSchema,
  sha256HexSchema,
  textSchema,
} from './primitives'

/** One received piece of the application file, against the checklist (收取申请材料清单; H, S8). */
export const materialSchema = storedRecord({
  caseId: recordIdSchema,
  item: z.enum(materialItems),
  title: textSchema(100, '材料名称'),
  receivedDate: calendarDateSchema,
  pages: z.number().int().positive().max(10000).optional(),
  attachmentIds: z.array(recordIdSchema),
  note: noteSchema.optional(),
})
export type Material = z.infer<typeof materialSchema>

/** A generated document (决定书, 告知书, 通知 …; docs/domain-reference.md §7): template, number, time and content hash. */
export const documentSchema = storedRecord({
  caseId: recordIdSchema,
  templateId: z.string().regex(/^[a-z][a-z0-9.-]{0,63}$/, '文书模板代码格式不正确'),
  number: textSchema(60, '文书编号').optional(),
  generatedAt: instantSchema,
  contentHash: sha256HexSchema,
  attachmentId: recordIdSchema.optional(),
})
export type CaseDocument = z.infer<typeof documentSchema>

/** Metadata of a stored file; the bytes live separately (attachmentBlobs) and are checked against `sha256`. */
export const attachmentSchema = storedRecord({
  caseId: recordIdSchema.optional(),
  name: z
    .string()
    .trim()
    .min(1, '请填写文件名')
    .max(200, '文件名过长')
    .refine((n) => !/[\\/]/.test(n), '文件名不能包含路径'),
  mime: z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, '文件类型格式不正确'),
  size: z.number().int().nonnegative(),
  sha256: sha256HexSchema,
})
export type Attachment = z.infer<typeof attachmentSchema>
