import { toHalfWidth } from '../domain/textInput'
import { type LegacyField, type RegisterKind, registerKindSpecs } from './kinds'
import { cellText, isBlank, type LegacySheet } from './sheet'

export { type LegacyField, type RegisterKind, registerKindSpecs } from './kinds'

/** The fields of an imported historical case (docs/legacy-import.md §2), by their Chinese names. */
export const legacyFieldLabels = registerKindSpecs.cases.labels as Record<CaseField, string>
export type CaseField =
  | 'applicantName'
  | 'applicantId'
  | 'victimName'
  | 'victimId'
  | 'underlyingCaseNo'
  | 'charge'
  | 'caseNo'
  | 'documentNo'
  | 'decisionDate'
  | 'amount'
  | 'fundSources'
  | 'paidDate'
export const legacyFields = Object.keys(legacyFieldLabels) as CaseField[]

/** Without these a row cannot be a historical grant the one-time rule can see. */
export const requiredLegacyFields: readonly LegacyField[] = registerKindSpecs.cases.required

/** Column index → field. Each column maps to at most one field; what a suggestion gets wrong the user changes. */
export type ColumnMapping = Partial<Record<LegacyField, number>>

function normaliseHeader(text: string): string {
  return toHalfWidth(text).replace(/\s+/g, '')
}

export function fieldForHeader(text: string, kind: RegisterKind = 'cases'): LegacyField | undefined {
  const s = normaliseHeader(text)
  if (!s) return undefined
  return registerKindSpecs[kind].rules.find(([, re]) => re.test(s))?.[0]
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
function score(sheet: LegacySheet, r: number, kind: RegisterKind): number {
  return new Set((sheet.rows[r] ?? []).map((cell) => fieldForHeader(cellText(cell), kind)).filter(Boolean)).size
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
export function detectHeader(sheet: LegacySheet, kind: RegisterKind = 'cases'): HeaderBlock | null {
  let best = -1
  let bestScore = 1
  for (let r = 0; r < Math.min(30, sheet.rows.length); r++) {
    const s = score(sheet, r, kind)
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
export function suggestMapping(labels: readonly string[], kind: RegisterKind = 'cases'): ColumnMapping {
  const mapping: ColumnMapping = {}
  labels.forEach((label, c) => {
    const f = fieldForHeader(label, kind)
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
