import { toHalfWidth } from '../domain/textInput'
import { cellText, isBlank, type LegacySheet } from './sheet'

/**
 * The fields of an imported historical case (docs/legacy-import.md §2) and how header text suggests them. Each
 * column maps to at most one field; what a suggestion gets wrong the user changes before the check.
 */
export const legacyFieldLabels = {
  applicantName: '申请人姓名',
  applicantId: '申请人身份证号码',
  victimName: '被害人姓名',
  victimId: '被害人身份证号码',
  underlyingCaseNo: '原案件编号',
  charge: '案由（罪名）',
  caseNo: '救助案件编号',
  documentNo: '决定书文号',
  decisionDate: '决定日期',
  amount: '救助金额',
  fundSources: '资金来源',
  paidDate: '发放日期',
} as const
export type LegacyField = keyof typeof legacyFieldLabels
export const legacyFields = Object.keys(legacyFieldLabels) as LegacyField[]

/** Without these a row cannot be a historical grant the one-time rule can see. */
export const requiredLegacyFields: readonly LegacyField[] = [
  'applicantName',
  'applicantId',
  'underlyingCaseNo',
  'decisionDate',
  'amount',
]

/** Column index → field. */
export type ColumnMapping = Partial<Record<LegacyField, number>>

/** Header text → field, first rule that matches wins (the victim's columns before the applicant's). */
const headerRules: [LegacyField, RegExp][] = [
  ['victimId', /(被害人|受害人).*(身份证|证件|公民身份)/],
  ['victimName', /(被害人|受害人)/],
  ['applicantId', /身份证|证件号|公民身份号/],
  ['caseNo', /救助(案件)?编号|救助案号/],
  ['documentNo', /文号|决定书号/],
  ['applicantName', /申请人|姓名|救助对象|受助人|被救助人/],
  ['underlyingCaseNo', /原案|案号|案件编号|案件号/],
  ['charge', /案由|罪名/],
  ['decisionDate', /决定(日期|时间)|审批(日期|时间)|批准(日期|时间)/],
  ['paidDate', /发放(日期|时间)|支付(日期|时间)|领取(日期|时间)|兑付(日期|时间)/],
  ['amount', /金额|救助款|救助金/],
  ['fundSources', /资金来源|资金渠道|经费来源/],
]

function normaliseHeader(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '')
}

export function fieldForHeader(text: string): LegacyField | undefined {
  const s = normaliseHeader(text)
  if (!s) return undefined
  return headerRules.find(([, re]) => re.test(s))?.[0]
}

/** The header block's text per column (merged cells filled, rows joined with “/”). */
export function headerLabels(sheet: LegacySheet, top: number, bottom: number): string[] {
  const width = Math.max(0, ...sheet.rows.slice(top, bottom + 1).map((r) => r.length))
  const labels: string[] = []
  for (let c = 0; c < width; c++) {
    const parts: string[] = []
    for (let r = top; r <= bottom; r++) {
      const t = normaliseHeader(cellText(mergedValue(sheet, r, c)))
      if (t && parts.at(-1) !== t) parts.push(t)
    }
    labels.push(parts.join('/'))
  }
  return labels
}

/** A cell's value, or the value of the merged range it lies in. */
function mergedValue(sheet: LegacySheet, r: number, c: number) {
  const m = sheet.merges.find(([t, l, b, rr]) => r >= t && r <= b && c >= l && c <= rr)
  return m ? (sheet.rows[m[0]]?.[m[1]] ?? null) : (sheet.rows[r]?.[c] ?? null)
}

/** How many header cells of a row name a field. */
function score(sheet: LegacySheet, r: number): number {
  return new Set((sheet.rows[r] ?? []).map((cell) => fieldForHeader(cellText(cell))).filter(Boolean)).size
}

export interface HeaderBlock {
  top: number
  bottom: number
}

/**
 * Where the header is: the row among the first 30 that names the most fields (at least two), widened to the rows
 * its merged cells span (a two-row header: 申请人 merged over 姓名 | 身份证号码 below it). A title merged across
 * the whole table above the header is not part of it.
 */
export function detectHeader(sheet: LegacySheet): HeaderBlock | null {
  let best = -1
  let bestScore = 1
  for (let r = 0; r < Math.min(30, sheet.rows.length); r++) {
    const s = score(sheet, r)
    if (s > bestScore) {
      best = r
      bestScore = s
    }
  }
  if (best < 0) return null
  const width = Math.max(...sheet.rows.slice(best, best + 2).map((r) => r.length))
  let top = best
  let bottom = best
  for (const [t, l, b, r] of sheet.merges) {
    if (r - l + 1 >= width) continue
    if (t <= best && b >= best) {
      top = Math.min(top, t)
      bottom = Math.max(bottom, b)
    }
  }
  return { top, bottom }
}

/** Suggested mapping from header labels: each field to its first column; columns that name nothing stay unmapped. */
export function suggestMapping(labels: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {}
  labels.forEach((label, c) => {
    const f = fieldForHeader(label)
    if (f && mapping[f] === undefined) mapping[f] = c
  })
  return mapping
}

/** A saved mapping (by header text) applied to this file's header labels; null when a saved header is missing. */
export function applySavedMapping(
  saved: Partial<Record<LegacyField, string>>,
  labels: readonly string[],
): ColumnMapping | null {
  const mapping: ColumnMapping = {}
  for (const [field, header] of Object.entries(saved) as [LegacyField, string][]) {
    const c = labels.indexOf(header)
    if (c < 0) return null
    mapping[field] = c
  }
  return mapping
}

/** The mapping as header texts, to save per register type and apply to next year's file. */
export function mappingByHeader(
  mapping: ColumnMapping,
  labels: readonly string[],
): Partial<Record<LegacyField, string>> {
  const out: Partial<Record<LegacyField, string>> = {}
  for (const [field, c] of Object.entries(mapping) as [LegacyField, number][]) if (labels[c]) out[field] = labels[c]
  return out
}

/** The amount column's header says 万元. */
export function headerInWan(label: string | undefined): boolean {
  return !!label && /万元/.test(label)
}

export function rowIsBlank(row: readonly unknown[] | undefined): boolean {
  return !row || row.every((c) => isBlank(c as never))
}
