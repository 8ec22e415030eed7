import {
  applySavedMapping,
  type ColumnMapping,
  detectHeader,
  type HeaderBlock,
  headerLabels,
  type LegacyField,
  suggestMapping,
} from '@shared/legacyImport/fields'
import { checkFollowUpRows } from '@shared/legacyImport/followUps'
import { fieldLabel, type RegisterKind, registerKindSpecs } from '@shared/legacyImport/kinds'
import { checkPaymentRows } from '@shared/legacyImport/payments'
import { checkRows, type RowVerdict } from '@shared/legacyImport/rows'
import type { LegacySheet } from '@shared/legacyImport/sheet'
import type { ProfileStore } from '../../app/store'
import { heldGrantsFor, payableCasesFor } from '../../db/queries/legacyImport'

/** The header block and mapping the screen starts from: the saved mapping of the register type, else suggestions. */
export function initialLayout(
  sheet: LegacySheet,
  saved: Partial<Record<LegacyField, string>> | undefined,
  kind: RegisterKind = 'cases',
): { header: HeaderBlock; mapping: ColumnMapping; fromSaved: boolean } {
  const header = detectHeader(sheet, kind) ?? { top: 0, bottom: 0 }
  const labels = headerLabels(sheet, header.top, header.bottom)
  const fromSaved = saved ? applySavedMapping(saved, labels) : null
  return { header, mapping: fromSaved ?? suggestMapping(labels, kind), fromSaved: fromSaved !== null }
}

/** Required fields the mapping leaves out, by their Chinese names (a payment or visit also needs its case). */
export function missingFields(mapping: ColumnMapping, kind: RegisterKind = 'cases'): string[] {
  const missing = registerKindSpecs[kind].required
    .filter((f) => mapping[f] === undefined)
    .map((f) => fieldLabel(kind, f))
  const byNumber = mapping.caseNo !== undefined
  const byPerson = mapping.applicantId !== undefined && mapping.underlyingCaseNo !== undefined
  if (kind !== 'cases' && !byNumber && !byPerson) missing.push('救助案件编号（或申请人身份证号码和原案件编号）')
  return missing
}

const ID_LIKE = /^\d{15}(\d{2}[\dXx])?$/

/** The ID numbers written as text in the mapped ID columns (to read only the cases of the file's persons). */
function idNumbersIn(sheet: LegacySheet, header: HeaderBlock, mapping: ColumnMapping): string[] {
  const ids: string[] = []
  for (const f of ['applicantId', 'victimId'] as const) {
    const c = mapping[f]
    if (c === undefined) continue
    for (let r = header.bottom + 1; r < sheet.rows.length; r++) {
      const v = sheet.rows[r]?.[c]
      if (typeof v === 'string' && ID_LIKE.test(v.replace(/\s+/g, ''))) ids.push(v.replace(/\s+/g, '').toUpperCase())
    }
  }
  return ids
}

/** Checks every row against what is held here: the grants of the file's persons, or the cases its payments name. */
export async function checkSheet(
  store: ProfileStore,
  sheet: LegacySheet,
  header: HeaderBlock,
  mapping: ColumnMapping,
  today: string,
  kind: RegisterKind = 'cases',
): Promise<RowVerdict[]> {
  const labels = headerLabels(sheet, header.top, header.bottom)
  const ids = idNumbersIn(sheet, header, mapping)
  if (kind !== 'cases') {
    const cases = await store.read(payableCasesFor, { idNumbers: ids, byCaseNo: mapping.caseNo !== undefined })
    const input = { sheet, header, mapping, headerLabels: labels, today, cases }
    return kind === 'payments' ? checkPaymentRows(input) : checkFollowUpRows(input)
  }
  const held = await store.read(heldGrantsFor, ids)
  return checkRows({ sheet, header, mapping, headerLabels: labels, today, held })
}
