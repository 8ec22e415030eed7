import { personIdKeys } from '@shared/domain/eligibility'
import type { Case, FollowUp } from '@shared/domain/schemas'
import { LEGACY_IMPORT_KEY, LEGACY_MAPPING_KEY, type LegacyImportRecord } from '@shared/legacyImport/commitInput'
import type { LegacyField } from '@shared/legacyImport/fields'
import { followUpKey } from '@shared/legacyImport/followUps'
import { caseNoKey, type PayableCase } from '@shared/legacyImport/payments'
import { caseLabelOf } from '@shared/legacyImport/records'
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

/**
 * The granted cases the rows of a 发放台账 or 回访台账 may name (with their follow-ups held) (by `caseNoKey` of their 救助案件编号 — the office's own number or
 * the number in the imported register — and by `grantKey` of applicant and underlying case). A register that names
 * cases only by number is matched against every historical case of the office.
 */
export async function payableCasesFor(
  db: ReadDb,
  refs: { idNumbers: readonly string[]; byCaseNo: boolean },
): Promise<Map<string, PayableCase>> {
  const keys = [...new Set(refs.idNumbers.flatMap(personIdKeys))]
  const found = new Map<string, Case>()
  const add = (rows: unknown[]) => {
    for (const c of rows as Case[]) if (!c.voided && c.decision?.outcome === 'granted') found.set(c.id, c)
  }
  if (keys.length > 0) add(await db.cases.where('personIdNumbers').anyOf(keys).distinct().toArray())
  if (refs.byCaseNo) {
    add(await db.cases.where('state').anyOf(['granted', 'paid']).toArray())
  }
  const persons = new Map<string, string>()
  const personIds = [...new Set([...found.values()].map((c) => c.applicantId).filter((id): id is string => !!id))]
  for (const p of await db.persons.bulkGet(personIds)) if (p) persons.set(p.id, String(p.name))
  const visits = new Map<string, string[]>()
  const followUps = (await db.followUps
    .where('caseId')
    .anyOf([...found.keys()])
    .toArray()) as unknown as FollowUp[]
  for (const f of followUps) if (!f.voided) visits.set(f.caseId, [...(visits.get(f.caseId) ?? []), followUpKey(f)])
  const out = new Map<string, PayableCase>()
  for (const c of found.values()) {
    const mark = c.legacyImport
    const label = caseLabelOf(c)
    const payable: PayableCase = {
      id: c.id,
      label,
      historical: !!mark,
      grantedFen: c.decision?.grantedFen ?? 0,
      ...(c.decisionDate ? { decisionDate: c.decisionDate } : {}),
      ...(c.applicantId && persons.has(c.applicantId) ? { applicantName: persons.get(c.applicantId) } : {}),
      ...(c.payment ? { payment: { amountFen: c.payment.amountFen, paidDate: c.payment.paidDate } } : {}),
      followUps: visits.get(c.id) ?? [],
    }
    for (const no of [c.caseNo, mark?.caseNoInFile]) if (no) out.set(caseNoKey(no), payable)
    const underlying = c.underlyingCase?.caseNo
    if (underlying) for (const id of c.personIdNumbers) out.set(grantKey(id, underlying), payable)
  }
  return out
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
