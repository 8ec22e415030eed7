import { localMeasuresSchema } from '@shared/domain/rulesets'
import { textSchema } from '@shared/domain/schemas/primitives'
import { CodedError } from '@shared/errors/coded'
import { decodeBase64 } from '@shared/util/base64'
import { sha256Hex } from '@shared/util/hash'
import { z } from 'zod'
import type { CommandSpec } from '../commands/execute'
import type { StoredRecord } from '../database'
import { ownUnit } from './store'

/**
 * 报备 (docs/exchange.md §一.11): preparing the filing of local measures with the national level, a command in one
 * transaction with its audit entry.
 */

const filingInput = z
  .object({
    title: textSchema(100, '报备事项'),
    measures: localMeasuresSchema,
    documentName: textSchema(120, '文件名'),
    documentBase64: z.string().min(1).max(65_536),
    note: textSchema(2000, '说明').optional(),
  })
  .strict()

/** 编制报备材料 at a province: its local implementing measures and the document, to be sent up for filing. */
export const prepareFiling: CommandSpec<z.infer<typeof filingInput>, StoredRecord> = {
  name: 'filing.prepare',
  input: filingInput,
  tables: ['units', 'settings', 'filings'],
  async run(ctx, input) {
    const own = await ownUnit(ctx)
    if (own.level !== 'province') {
      throw new CodedError('exchange.filing-not-national', {
        level: own.level === 'supreme' ? '最高人民检察院' : '非省级院',
      })
    }
    let bytes: Uint8Array
    try {
      bytes = decodeBase64(input.documentBase64)
    } catch {
      throw new CodedError('command.invalid-input', { detail: '文件内容无法读取' })
    }
    if (bytes.length === 0 || bytes.length > 49_152) {
      throw new CodedError('command.invalid-input', {
        detail: '报备文件须为 1 字节至 48 KB（较大的文件请另行报送纸质件）',
      })
    }
    return ctx.insert('filings', {
      title: input.title,
      measures: input.measures,
      documentName: input.documentName,
      documentBase64: input.documentBase64,
      documentSha256: sha256Hex(bytes),
      documentBytes: bytes.length,
      filedOn: ctx.now.date,
      ...(input.note ? { note: input.note } : {}),
    })
  },
}

// ---- commit of an imported downward bundle ---------------------------------------------------------------------
