import { CodedError } from '../../../shared/errors/coded'
import type { LegacyReadLimits } from '../../../shared/legacyImport/limits'
import type { LegacySheet } from '../../../shared/legacyImport/sheet'

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le'

/**
 * The text of a CSV as Excel and WPS save it: UTF-8 (with or without BOM), UTF-16LE with BOM (“Unicode 文本”), or the
 * ANSI code page of a Chinese Windows — GBK, read as GB18030 (its superset): bytes that are not valid UTF-8 are GBK.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' }
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' }
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' }
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' }
  }
}

/**
 * RFC 4180 CSV (quoted fields with doubled quotes and line breaks inside), comma- or tab-separated (a tab in the
 * first line and no comma: WPS's “文本文件”). Every cell stays text: a CSV has no types, and “1.10101E+17” is what
 * Excel wrote for a corrupted ID number.
 */
export function parseCsv(text: string, name: string, limits: LegacyReadLimits): LegacySheet {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ','
  const rows: (string | null)[][] = []
  let row: (string | null)[] = []
  let field = ''
  let quoted = false
  let cells = 0
  const endField = () => {
    row.push(field === '' ? null : field)
    field = ''
    if (row.length > limits.maxColumns || ++cells > limits.maxCells) tooMany()
  }
  const endRow = () => {
    endField()
    rows.push(row)
    row = []
    if (rows.length > limits.maxRows) tooMany()
  }
  const tooMany = () => {
    throw new CodedError('legacy.too-many-rows', { sheet: name, max: limits.maxRows, maxCells: limits.maxCells })
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += ch
    } else if (ch === '"' && field === '') quoted = true
    else if (ch === sep) endField()
    else if (ch === '\n') endRow()
    else if (ch === '\r') {
      if (text[i + 1] !== '\n') endRow()
    } else field += ch
  }
  if (field !== '' || row.length > 0) endRow()
  return { name, rows, merges: [], formulas: [], date1904: false }
}
