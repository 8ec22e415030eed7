import { CodedError } from '../../../shared/errors/coded'
import { LEGACY_READ_LIMITS, type LegacyReadLimits, sizeText } from '../../../shared/legacyImport/limits'
import type { LegacyWorkbook } from '../../../shared/legacyImport/sheet'
import { sha256Hex } from '../../../shared/util/hash'
import { decodeCsv, parseCsv } from './readCsv'
import { readXls } from './readXls'
import { readXlsx } from './readXlsx'

/**
 * 历史台账导入, the reading half (docs/legacy-import.md): a picked register file → its sheets' cells, in the main
 * process and never in the renderer, under the caps of shared/legacyImport/limits.ts. The renderer checks the rows
 * (shared/legacyImport/rows.ts) and commits them through the command layer.
 */
export async function readLegacyFile(
  bytes: Uint8Array,
  fileName: string,
  limits: LegacyReadLimits = LEGACY_READ_LIMITS,
): Promise<LegacyWorkbook> {
  if (bytes.length > limits.maxFileBytes) {
    throw new CodedError('legacy.file-too-large', { size: sizeText(bytes.length), max: sizeText(limits.maxFileBytes) })
  }
  const ext = (/\.([A-Za-z0-9]+)$/.exec(fileName)?.[1] ?? '').toLowerCase()
  const sha256 = sha256Hex(bytes)
  const base = fileName.replace(/\.[^.]+$/, '')
  if (ext === 'csv' || ext === 'txt') {
    const { text, encoding } = decodeCsv(bytes)
    return { fileName, sha256, format: 'csv', encoding, sheets: [parseCsv(text, base, limits)] }
  }
  if (ext === 'xlsx') {
    const sheets = await readXlsx(bytes, limits)
    if (sheets.length === 0) throw new CodedError('legacy.no-sheet')
    return { fileName, sha256, format: 'xlsx', sheets }
  }
  if (ext === 'xls' || ext === 'et') {
    const sheets = readXls(bytes, limits)
    if (sheets.length === 0) throw new CodedError('legacy.no-sheet')
    return { fileName, sha256, format: ext, sheets }
  }
  throw new CodedError('legacy.file-type', { ext: ext ? `.${ext}` : '（无扩展名）' })
}
