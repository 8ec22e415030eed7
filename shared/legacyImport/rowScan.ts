import { messageFor } from '../errors'
import type { LegacyImportErrorCode } from '../errors/legacyImport'
import type { MessageParams } from '../errors/types'
import type { RowProblem, RowVerdict } from './facts'
import { type ColumnMapping, type HeaderBlock, rowIsBlank } from './fields'
import { fieldLabel, type LegacyField, type RegisterKind, registerKindSpecs } from './kinds'
import { cellText, columnLetter, isBlank, type LegacyCell, type LegacySheet } from './sheet'
import type { Read } from './values'

/**
 * What every kind of register shares row by row (docs/legacy-import.md §3): blank rows, totals rows and the notes
 * under the table skipped with their reason, trailing blank rows dropped, and each data row read cell by cell — a
 * formula, an empty required cell or a value a reader refuses becomes a problem naming its column.
 */
const TOTAL = /^(合\s*计|小\s*计|总\s*计|共\s*计|累\s*计|本页合计|总合计)/
const NOTE = /^(注|说明|备注|附注|填表|制表|审核|负责人|统计)/

export interface ScanInput {
  sheet: LegacySheet
  header: HeaderBlock
  mapping: ColumnMapping
  headerLabels: readonly string[]
  kind: RegisterKind
  /** Fields whose being blank together marks a short row as a note rather than a data row. */
  keyFields: readonly LegacyField[]
}

/** Reads one field of a data row; problems collect in `problems`. */
export interface RowReading {
  rowNo: number
  problems: RowProblem[]
  cell(f: LegacyField): LegacyCell
  read<T>(f: LegacyField, reader: (c: LegacyCell) => Read<T>): T | undefined
  problem(f: LegacyField, code: LegacyImportErrorCode, params: MessageParams): void
  /** The cell's text as written (for a rejected row, to find it in the register). */
  raw(f: LegacyField): string
}

export function scanRows(input: ScanInput, onData: (reading: RowReading) => RowVerdict): RowVerdict[] {
  const { sheet, header, mapping, headerLabels, kind, keyFields } = input
  const required = registerKindSpecs[kind].required
  const formulas = new Map(sheet.formulas.map((f) => [`${f.r}:${f.c}`, f.f]))
  const mappedCols = new Set(Object.values(mapping))
  const out: RowVerdict[] = []
  for (let r = header.bottom + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? []
    const rowNo = r + 1
    if (rowIsBlank(row)) {
      out.push(skipped(rowNo, 'legacy.row.blank', {}))
      continue
    }
    const texts = row.map((c) => cellText(c).trim()).filter(Boolean)
    const totalText = texts.slice(0, 3).find((t) => TOTAL.test(t))
    if (totalText) {
      out.push(skipped(rowNo, 'legacy.row.total', { text: totalText }))
      continue
    }
    const cell = (f: LegacyField): LegacyCell => (mapping[f] === undefined ? null : (row[mapping[f]] ?? null))
    const keyBlank = keyFields.every((f) => isBlank(cell(f)))
    if (NOTE.test(texts[0]) || (keyBlank && texts.length <= 2 && !mappedOnly(row, mappedCols))) {
      out.push(skipped(rowNo, 'legacy.row.note', { text: texts.join(' ').slice(0, 40) }))
      continue
    }
    const problems: RowProblem[] = []
    const column = (f: LegacyField) => {
      const c = mapping[f] as number
      return c === undefined ? '' : `${columnLetter(c)} ${headerLabels[c] || fieldLabel(kind, f)}`
    }
    const problem = (f: LegacyField, code: LegacyImportErrorCode, params: MessageParams) =>
      problems.push({ column: column(f), message: messageFor(code, params) })
    const read = <T>(f: LegacyField, reader: (c: LegacyCell) => Read<T>): T | undefined => {
      if (mapping[f] === undefined) return undefined
      const formula = formulas.get(`${r}:${mapping[f]}`)
      if (formula !== undefined) {
        problem(f, 'legacy.row.formula', { formula: `=${formula}`.slice(0, 60) })
        return undefined
      }
      const c = cell(f)
      if (isBlank(c)) {
        if (required.includes(f)) problem(f, 'legacy.row.required', { field: fieldLabel(kind, f) })
        return undefined
      }
      const v = reader(c)
      if (!v.ok) {
        problem(f, v.code, v.params)
        return undefined
      }
      return v.value
    }
    out.push(onData({ rowNo, problems, cell, read, problem, raw: (f) => cellText(cell(f)).trim() }))
  }
  return trimTrailingBlanks(out)
}

function skipped(row: number, code: LegacyImportErrorCode, params: MessageParams): RowVerdict {
  return { row, kind: 'skipped', problems: [{ column: '', message: messageFor(code, params) }], notes: [] }
}

/** True when every filled cell of the row is in a mapped column (a data row missing its key fields, not a note). */
function mappedOnly(row: readonly LegacyCell[], mapped: ReadonlySet<number>): boolean {
  return row.every((c, i) => isBlank(c) || mapped.has(i))
}

/** Blank rows after the last row with content are the sheet's end, not rows to report. */
function trimTrailingBlanks(out: RowVerdict[]): RowVerdict[] {
  let end = out.length
  while (
    end > 0 &&
    out[end - 1].kind === 'skipped' &&
    out[end - 1].problems[0]?.message === messageFor('legacy.row.blank')
  )
    end--
  return end === out.length ? out : out.slice(0, end)
}
