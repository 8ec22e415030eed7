import { attachmentSchema, recordIdSchema, sha256HexSchema } from '@shared/domain/schemas'
import { CodedError } from '@shared/errors/coded'
import { describeZodError } from '@shared/errors/zodProblems'
import { z } from 'zod'
import type { StoredRecord } from '../database'
import type { CommandSpec } from './execute'

/** Scans a procuratorate keeps with a case file: PDF and common image formats, up to 20 MB each. */
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024
export const attachmentMimes = ['application/pdf', 'image/jpeg', 'image/png', 'image/tiff'] as const

export const attachScanInput = z
  .object({
    caseId: recordIdSchema,
    name: z.string().trim().min(1, '请选择文件').max(200, '文件名过长'),
    mime: z.enum(attachmentMimes, { error: '只能添加 PDF、JPEG、PNG 或 TIFF 格式的扫描件' }),
    sha256: sha256HexSchema,
    blob: z
      .instanceof(Blob, { message: '请选择文件' })
      .refine((b) => b.size > 0, '文件是空的')
      .refine((b) => b.size <= ATTACHMENT_MAX_BYTES, '单个扫描件不能超过 20 MB，请分页扫描或降低分辨率'),
  })
  .strict()

/**
 * 添加材料扫描件: the file's metadata (name, type, size, SHA-256) becomes an audited record of the case; the bytes go
 * to attachmentBlobs in the same transaction, so a record never points at a missing file. The hash is computed by
 * the caller (Web Crypto) and checked again when the file is opened.
 */
export const attachScan: CommandSpec<z.infer<typeof attachScanInput>, StoredRecord> = {
  name: 'case.attach',
  input: attachScanInput,
  tables: ['cases', 'attachments', 'attachmentBlobs'],
  async run(ctx, { caseId, name, mime, sha256, blob }) {
    const c = await ctx.get<StoredRecord>('cases', caseId)
    if (!c) throw new CodedError('command.not-found', { table: 'cases', id: caseId })
    if (c.ownerUnit !== ctx.actor.unitCode) throw new CodedError('command.replica-read-only', { owner: c.ownerUnit })
    const row = await ctx.insert('attachments', { caseId, name, mime, size: blob.size, sha256 })
    const checked = attachmentSchema.safeParse(row)
    if (!checked.success) {
      throw new CodedError('command.invalid-input', { detail: describeZodError(checked.error) })
    }
    await ctx.putBlobs([{ id: row.id, blob }])
    return row
  },
}
