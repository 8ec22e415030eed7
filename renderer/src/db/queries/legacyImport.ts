import { personIdKeys } from '@shared/domain/eligibility'
import type { Case } from '@shared/domain/schemas'
import { LEGACY_IMPORT_KEY, LEGACY_MAPPING_KEY, type LegacyImportRecord } from '@shared/legacyImport/commitInput'
import type { LegacyField } from '@shared/legacyImport/fields'
import { grantKey, type HeldGrant } from '@shared/legacyImport/rows'
import type { JiuzhuDb } from '../database'
import type { ReadDb } from '../readOnly'

/**
 * What 历史台账导入 reads (docs/legacy-import.md): the grants already held for the persons of a file (to match its
 * rows), the imports done here (newest first) and the column mappings saved per register type.
 */
export async function heldGrantsFor(db: ReadDb, idNumbers: readonly string[]): Promise<Map<string, HeldGrant>> {
  const keys = [...new Set(idNumbers.flatMap(personIdKeys))]
  const held = new Map<string, HeldGrant>()
  if (keys.length === 0) return held
  const cases = (await db.cases.where('personIdNumbers').anyOf(keys).distinct().toArray()) as unknown as Case[]
  for (const c of cases) {
    const caseNo = c.underlyingCase?.caseNo
    if (c.voided || !caseNo || c.decision?.outcome !== 'granted') continue
    const mark = c.legacyImport
    const grant: HeldGrant = {
      caseLabel: c.caseNo ?? (mark ? `历史导入（${mark.fileName} 第 ${mark.row} 行）` : c.id),
      ...(mark ? { importedFrom: mark.fileName } : {}),
      ...(c.decisionDate ? { decisionDate: c.decisionDate } : {}),
      ...(c.decision.grantedFen !== undefined ? { amountFen: c.decision.grantedFen } : {}),
    }
    for (const id of c.personIdNumbers) held.set(grantKey(id, caseNo), grant)
  }
  return held
}

export async function listLegacyImports(db: ReadDb): Promise<LegacyImportRecord[]> {
  const rows = await db.settings.where('key').startsWith(LEGACY_IMPORT_KEY).toArray()
  return rows.map((r) => r.value as LegacyImportRecord).sort((a, b) => (a.at < b.at ? 1 : -1))
}

export async function savedLegacyMapping(
  db: JiuzhuDb,
  registerType: string,
): Promise<Partial<Record<LegacyField, string>> | undefined> {
  return (await db.settings.get(`${LEGACY_MAPPING_KEY}${registerType}`))?.value as
    | Partial<Record<LegacyField, string>>
    | undefined
}
