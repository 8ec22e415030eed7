import {
  applySavedMapping,
  type ColumnMapping,
  detectHeader,
  type HeaderBlock,
  headerLabels,
  type LegacyField,
  legacyFieldLabels,
  requiredLegacyFields,
  suggestMapping,
} from '@shared/legacyImport/fields'
import { checkRows, type RowVerdict } from '@shared/legacyImport/rows'
import type { LegacySheet } from '@shared/legacyImport/sheet'
import type { ProfileStore } from '../../app/store'
import { heldGrantsFor } from '../../db/queries/legacyImport'

/** The header block and mapping the screen starts from: the saved mapping of the register type, else suggestions. */
export function initialLayout(
  sheet: LegacySheet,
  saved: Partial<Record<LegacyField, string>> | undefined,
): { header: HeaderBlock; mapping: ColumnMapping; fromSaved: boolean } {
  const header = detectHeader(sheet) ?? { top: 0, bottom: 0 }
  const labels = headerLabels(sheet, header.top, header.bottom)
  const fromSaved = saved ? applySavedMapping(saved, labels) : null
  return { header, mapping: fromSaved ?? suggestMapping(labels), fromSaved: fromSaved !== null }
}

/** Required fields the mapping leaves out, by their Chinese names. */
export function missingFields(mapping: ColumnMapping): string[] {
  return requiredLegacyFields.filter((f) => mapping[f] === undefined).map((f) => legacyFieldLabels[f])
}

const ID_LIKE = /^\d{15}(\d{2}[\dXx])?$/

/** Checks every row against the grants held here for the file's persons. */
export async function checkSheet(
  store: ProfileStore,
  sheet: LegacySheet,
  header: HeaderBlock,
  mapping: ColumnMapping,
  today: string,
): Promise<RowVerdict[]> {
  const labels = headerLabels(sheet, header.top, header.bottom)
  const ids: string[] = []
  for (const f of ['applicantId', 'victimId'] as const) {
    const c = mapping[f]
    if (c === undefined) continue
    for (let r = header.bottom + 1; r < sheet.rows.length; r++) {
      const v = sheet.rows[r]?.[c]
      if (typeof v === 'string' && ID_LIKE.test(v.replace(/\s+/g, ''))) ids.push(v.replace(/\s+/g, '').toUpperCase())
    }
  }
  const held = await store.read(heldGrantsFor, ids)
  return checkRows({ sheet, header, mapping, headerLabels: labels, today, held })
}
