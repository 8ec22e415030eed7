import { normaliseCaseNo, normalisePersonId } from '../domain/eligibility'
import { messageFor } from '../errors'
import type { LegacyCaseFacts, RowVerdict, RowVerdictKind } from './facts'
import { type ColumnMapping, type HeaderBlock, headerInWan } from './fields'
import { scanRows } from './rowScan'
import type { LegacySheet } from './sheet'
import { type Read, readAmount, readDate, readFundSources, readIdNumber, readName, readText } from './values'

export type { LegacyCaseFacts, RowProblem, RowVerdict, RowVerdictKind } from './facts'

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
 * table are skipped with their reason (rowScan.ts); a data row becomes a historical grant or is rejected with one
 * problem per cell (its column, what is wrong, what to do); a row whose person and underlying case are already held
 * is matched (or unchanged, when an earlier import of the same facts holds it) and not written again.
 */
export function checkRows(input: CheckInput): RowVerdict[] {
  const { sheet, mapping, headerLabels, today, held } = input
  const firstSeen = new Map<string, number>()
  const personSeen = new Map<string, number>()
  const scan = { ...input, kind: 'cases' as const, keyFields: ['applicantId', 'amount'] as const }
  return scanRows(scan, ({ rowNo, problems, read, problem, raw: rawText }) => {
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
    const raw = { name: rawText('applicantName'), caseNo: rawText('underlyingCaseNo') }
    if (problems.length > 0 || !applicantName || !applicantId || !underlyingCaseNo || !decisionDate || !amountFen) {
      return { row: rowNo, kind: 'rejected', problems, notes: [], raw }
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
      return {
        row: rowNo,
        kind: 'rejected',
        problems: [{ column: '', message: messageFor('legacy.row.duplicate-in-file', { row: earlier, person }) }],
        notes: [],
        raw,
      }
    }
    firstSeen.set(key, rowNo)
    const notes: string[] = []
    const samePerson = personSeen.get(normalisePersonId(applicantId))
    if (samePerson !== undefined) notes.push(messageFor('legacy.row.same-person-in-file', { row: samePerson, person }))
    else personSeen.set(normalisePersonId(applicantId), rowNo)
    const h = held.get(key)
    if (!h) return { row: rowNo, kind: 'new', problems: [], notes, facts }
    const same = h.importedFrom !== undefined && h.decisionDate === decisionDate && h.amountFen === amountFen
    return { row: rowNo, kind: same ? 'unchanged' : 'matched', problems: [], notes, facts, existing: h.caseLabel }
  })
}

export const ok = <T>(value: T): Read<T> => ({ ok: true, value })

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
