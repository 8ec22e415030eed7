import { normaliseCaseNo, normalisePersonId } from '../domain/eligibility'
import type { FundSource } from '../domain/schemas/moneyLabels'
import { messageFor } from '../errors'
import type { LegacyImportErrorCode } from '../errors/legacyImport'
import type { MessageParams } from '../errors/types'
import {
  type ColumnMapping,
  type HeaderBlock,
  headerInWan,
  type LegacyField,
  legacyFieldLabels,
  requiredLegacyFields,
  rowIsBlank,
} from './fields'
import { cellText, columnLetter, isBlank, type LegacyCell, type LegacySheet } from './sheet'
import { type Read, readAmount, readDate, readFundSources, readIdNumber, readName, readText } from './values'

/** What one row of an old register says about one historical grant, checked. */
export interface LegacyCaseFacts {
  /** The row in the sheet as the user sees it (1-based). */
  row: number
  applicant: { name: string; idNumber: string }
  victim?: { name: string; idNumber: string }
  underlyingCaseNo: string
  charge?: string
  caseNo?: string
  documentNo?: string
  decisionDate: string
  amountFen: number
  fundSources: FundSource[]
  paidDate?: string
}

export interface RowProblem {
  /** Column letter and header (“C 身份证号码”), or empty for the row as a whole. */
  column: string
  message: string
}

export type RowVerdictKind = 'new' | 'matched' | 'unchanged' | 'rejected' | 'skipped'

export interface RowVerdict {
  row: number
  kind: RowVerdictKind
  problems: RowProblem[]
  /** Things to look at that do not stop the row (the same person under another case number). */
  notes: string[]
  facts?: LegacyCaseFacts
  /** For matched / unchanged: the case already held (its number, or where it was imported from). */
  existing?: string
  /** For a rejected row: its name and underlying case number as written, to find it in the register. */
  raw?: { name: string; caseNo: string }
}

/** A grant already held here for a person and underlying case, as the check needs it. */
export interface HeldGrant {
  caseLabel: string
  /** Set when it came from an earlier import (then an identical row is “unchanged”). */
  importedFrom?: string
  decisionDate?: string
  amountFen?: number
}

/** person (normalised ID) + underlying case (normalised number): the identity of a historical grant. */
export function grantKey(idNumber: string, underlyingCaseNo: string): string {
  return `${normalisePersonId(idNumber)}|${normaliseCaseNo(underlyingCaseNo)}`
}

const TOTAL = /^(合\s*计|小\s*计|总\s*计|共\s*计|累\s*计|本页合计|总合计)/
const NOTE = /^(注|说明|备注|附注|填表|制表|审核|负责人|统计)/

export interface CheckInput {
  sheet: LegacySheet
  header: HeaderBlock
  mapping: ColumnMapping
  headerLabels: readonly string[]
  today: string
  /** Grants held here, by `grantKey`. */
  held: ReadonlyMap<string, HeldGrant>
}

/**
 * Checks every row under the header (docs/legacy-import.md §3): blank rows, totals rows and the notes under the
 * table are skipped with their reason; a data row becomes a historical grant or is rejected with one problem per
 * cell (its column, what is wrong, what to do); a row whose person and underlying case are already held is matched
 * (or unchanged, when an earlier import of the same facts holds it) and not written again.
 */
export function checkRows(input: CheckInput): RowVerdict[] {
  const { sheet, header, mapping, headerLabels, today, held } = input
  const formulas = new Map(sheet.formulas.map((f) => [`${f.r}:${f.c}`, f.f]))
  const mappedCols = new Set(Object.values(mapping))
  const firstSeen = new Map<string, number>()
  const personSeen = new Map<string, number>()
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
    const keyBlank = isBlank(cell('applicantId')) && isBlank(cell('amount'))
    if (NOTE.test(texts[0]) || (keyBlank && texts.length <= 2 && !mappedOnly(row, mappedCols))) {
      out.push(skipped(rowNo, 'legacy.row.note', { text: texts.join(' ').slice(0, 40) }))
      continue
    }
    const problems: RowProblem[] = []
    const column = (f: LegacyField) => {
      const c = mapping[f] as number
      return `${columnLetter(c)} ${headerLabels[c] || legacyFieldLabels[f]}`
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
        if (requiredLegacyFields.includes(f)) problem(f, 'legacy.row.required', { field: legacyFieldLabels[f] })
        return undefined
      }
      const v = reader(c)
      if (!v.ok) {
        problem(f, v.code, v.params)
        return undefined
      }
      return v.value
    }
    const applicantName = read('applicantName', readName)
    const applicantId = read('applicantId', (c) => readIdNumber(c, today))
    const victimName = read('victimName', readName)
    const victimId = read('victimId', (c) => readIdNumber(c, today))
    const underlyingCaseNo = read('underlyingCaseNo', (c) => ok(readText(c, 80)))
    const charge = read('charge', (c) => ok(readText(c, 60)))
    const caseNo = read('caseNo', (c) => ok(readText(c, 60)))
    const documentNo = read('documentNo', (c) => ok(readText(c, 60)))
    const decisionDate = read('decisionDate', (c) => readDate(c, '决定日期', sheet.date1904, today))
    const amountFen = read('amount', (c) =>
      readAmount(c, '救助金额', headerInWan(headerLabels[mapping.amount as number])),
    )
    const fundSources = read('fundSources', readFundSources)
    const paidDate = read('paidDate', (c) => readDate(c, '发放日期', sheet.date1904, today))
    if (decisionDate && paidDate && paidDate < decisionDate) {
      problem('paidDate', 'legacy.row.date-order', { paid: paidDate, decided: decisionDate })
    }
    const raw = { name: cellText(cell('applicantName')).trim(), caseNo: cellText(cell('underlyingCaseNo')).trim() }
    if (problems.length > 0 || !applicantName || !applicantId || !underlyingCaseNo || !decisionDate || !amountFen) {
      out.push({ row: rowNo, kind: 'rejected', problems, notes: [], raw })
      continue
    }
    const facts: LegacyCaseFacts = {
      row: rowNo,
      applicant: { name: applicantName, idNumber: applicantId },
      ...(victimName && victimId && victimId !== applicantId
        ? { victim: { name: victimName, idNumber: victimId } }
        : {}),
      underlyingCaseNo,
      ...(charge ? { charge } : {}),
      ...(caseNo ? { caseNo } : {}),
      ...(documentNo ? { documentNo } : {}),
      decisionDate,
      amountFen,
      fundSources: fundSources ?? [],
      ...(paidDate ? { paidDate } : {}),
    }
    const key = grantKey(applicantId, underlyingCaseNo)
    const person = `${applicantName}，${applicantId}`
    const earlier = firstSeen.get(key)
    if (earlier !== undefined) {
      out.push({
        row: rowNo,
        kind: 'rejected',
        problems: [{ column: '', message: messageFor('legacy.row.duplicate-in-file', { row: earlier, person }) }],
        notes: [],
        raw,
      })
      continue
    }
    firstSeen.set(key, rowNo)
    const notes: string[] = []
    const samePerson = personSeen.get(normalisePersonId(applicantId))
    if (samePerson !== undefined) notes.push(messageFor('legacy.row.same-person-in-file', { row: samePerson, person }))
    else personSeen.set(normalisePersonId(applicantId), rowNo)
    const h = held.get(key)
    if (!h) {
      out.push({ row: rowNo, kind: 'new', problems: [], notes, facts })
      continue
    }
    const same = h.importedFrom !== undefined && h.decisionDate === decisionDate && h.amountFen === amountFen
    out.push({ row: rowNo, kind: same ? 'unchanged' : 'matched', problems: [], notes, facts, existing: h.caseLabel })
  }
  return trimTrailingBlanks(out)
}

const ok = <T>(value: T): Read<T> => ({ ok: true, value })

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

export interface VerdictCounts {
  new: number
  matched: number
  unchanged: number
  rejected: number
  skipped: number
}

export function countVerdicts(verdicts: readonly RowVerdict[]): VerdictCounts {
  const counts: VerdictCounts = { new: 0, matched: 0, unchanged: 0, rejected: 0, skipped: 0 }
  for (const v of verdicts) counts[v.kind]++
  return counts
}

export const verdictLabels: Record<RowVerdictKind, string> = {
  new: '新增',
  matched: '与本院已有案件相同',
  unchanged: '已导入，未变',
  rejected: '拒收',
  skipped: '跳过',
}
