import { inflateRawSync } from 'node:zlib'
import { CodedError } from '../../../shared/errors/coded'
import { type LegacyReadLimits, sizeText } from '../../../shared/legacyImport/limits'

const CENTRAL_SIG = 0x02014b50
const EOCD_SIG = 0x06054b50
const LOCAL_LEN = 30
const CENTRAL_LEN = 46

const u16 = (b: Uint8Array, p: number) => b[p] | (b[p + 1] << 8)
const u32 = (b: Uint8Array, p: number) => (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0

const damaged = (detail: string) => new CodedError('legacy.file-damaged', { detail })

/**
 * Checks an .xlsx (a zip written by Excel, WPS or LibreOffice — timestamps, data descriptors and all) before exceljs
 * opens it: the entry count, and every entry really inflated with the output capped in native code (zlib
 * `maxOutputLength`) per entry and in total, so a zip bomb is refused before anything expands it. A workbook that
 * links to other files (`xl/externalLinks/`) is refused: its values are not its own. Returns the entry names.
 */
export function guardWorkbookZip(bytes: Uint8Array, limits: LegacyReadLimits): string[] {
  let eocd = -1
  for (let p = bytes.length - 22; p >= Math.max(0, bytes.length - 22 - 65_535); p--) {
    if (u32(bytes, p) === EOCD_SIG) {
      eocd = p
      break
    }
  }
  if (eocd < 0) throw damaged('不是有效的 .xlsx 文件（缺少压缩包目录）')
  const count = u16(bytes, eocd + 10)
  if (count > limits.maxZipEntries) throw new CodedError('legacy.zip-bomb', { detail: `内部文件 ${count} 个` })
  let p = u32(bytes, eocd + 16)
  let total = 0
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_LEN > bytes.length || u32(bytes, p) !== CENTRAL_SIG) throw damaged('压缩包目录损坏')
    const method = u16(bytes, p + 10)
    const compressedSize = u32(bytes, p + 20)
    const nameLen = u16(bytes, p + 28)
    const extraLen = u16(bytes, p + 30)
    const commentLen = u16(bytes, p + 32)
    const local = u32(bytes, p + 42)
    const name = Buffer.from(bytes.subarray(p + CENTRAL_LEN, p + CENTRAL_LEN + nameLen)).toString('utf8')
    names.push(name)
    if (/^xl\/externalLinks\//i.test(name)) throw new CodedError('legacy.external-links')
    if (local + LOCAL_LEN > bytes.length) throw damaged('压缩包文件头损坏')
    const start = local + LOCAL_LEN + u16(bytes, local + 26) + u16(bytes, local + 28)
    if (start + compressedSize > bytes.length) throw damaged('压缩包数据不完整')
    const data = bytes.subarray(start, start + compressedSize)
    const cap = Math.min(limits.maxEntryBytes, limits.maxTotalBytes - total)
    let size: number
    if (method === 0) size = compressedSize
    else if (method === 8) {
      try {
        size = inflateRawSync(data, { maxOutputLength: cap + 1 }).length
      } catch (e) {
        if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') size = cap + 1
        else throw damaged(`内部文件“${name}”无法解压`)
      }
    } else throw damaged(`内部文件“${name}”使用了不支持的压缩方式`)
    if (size > cap) {
      throw new CodedError('legacy.zip-bomb', {
        detail: `单个内部文件上限 ${sizeText(limits.maxEntryBytes)}，合计上限 ${sizeText(limits.maxTotalBytes)}`,
      })
    }
    total += size
    p += CENTRAL_LEN + nameLen + extraLen + commentLen
  }
  return names
}
