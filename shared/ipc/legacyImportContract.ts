import { z } from 'zod'
import { LEGACY_READ_LIMITS } from '../legacyImport/limits'

/**
 * The IPC channel of 历史台账导入 (docs/legacy-import.md), spread into the one contract (contract.ts):
 * `legacy:read` reads a picked register file (base64) in the main process under the caps of
 * shared/legacyImport/limits.ts and returns its sheets' cells (shared/legacyImport/sheet.ts).
 */
const cell = z.union([z.string().max(32_767), z.number(), z.null()])
const index = z.number().int().min(0).max(LEGACY_READ_LIMITS.maxRows)

export const legacySheetSchema = z
  .object({
    name: z.string().max(200),
    rows: z.array(z.array(cell).max(LEGACY_READ_LIMITS.maxColumns)).max(LEGACY_READ_LIMITS.maxRows),
    merges: z.array(z.tuple([index, index, index, index])).max(100_000),
    formulas: z.array(z.object({ r: index, c: index, f: z.string().max(8_192) }).strict()).max(1_000_000),
    date1904: z.boolean(),
  })
  .strict()

export const legacyImportContract = {
  'legacy:read': {
    args: z
      .object({
        fileName: z.string().min(1).max(255),
        bytes: z
          .string()
          .max(Math.ceil((LEGACY_READ_LIMITS.maxFileBytes * 4) / 3) + 4)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容编码不正确'),
      })
      .strict(),
    result: z
      .object({
        fileName: z.string(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        format: z.enum(['xlsx', 'xls', 'et', 'csv']),
        encoding: z.enum(['utf-8', 'gb18030', 'utf-16le']).optional(),
        sheets: z.array(legacySheetSchema).min(1).max(255),
      })
      .strict(),
  },
}
