import { z } from 'zod'
import { fundSources } from './moneyLabels'
import { recordIdSchema, sha256HexSchema, textSchema } from './primitives'

/**
 * 历史导入: the mark of a case brought in from an office's old Excel/WPS register (docs/legacy-import.md). Such a
 * case counts for the one-time rule, the registers and the statistics of its period, and is read-only: no workflow
 * action runs on it. It names the import, the file and its SHA-256, and the row it came from; what the register said
 * beyond the case record's own fields (its 救助案件编号, the fund sources without per-source amounts) is kept here.
 */
export const legacyMarkSchema = z
  .object({
    importId: recordIdSchema,
    fileName: textSchema(200, '文件名'),
    fileSha256: sha256HexSchema,
    sheet: textSchema(100, '工作表'),
    row: z.number().int().positive(),
    caseNoInFile: textSchema(60, '救助案件编号').optional(),
    fundSources: z.array(z.enum(fundSources)),
    /** The 发放台账 import that gave the case its payment, and the rows it came from. */
    payment: z
      .object({
        importId: recordIdSchema,
        fileName: textSchema(200, '文件名'),
        fileSha256: sha256HexSchema,
        rows: z.array(z.number().int().positive()).min(1),
      })
      .strict()
      .optional(),
  })
  .strict()
export type LegacyMark = z.infer<typeof legacyMarkSchema>
