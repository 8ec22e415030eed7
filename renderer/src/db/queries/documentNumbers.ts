import {
  documentNumberPrefix,
  documentYear,
  type NumberedDocument,
  suggestDocumentNumber,
} from '@shared/domain/documentNumbers'
import type { JiuzhuDb, StoredRecord, UnitRow } from '../database'
import type { ReadDb } from '../readOnly'
import { getOwnUnit } from './office'

const documentNoOf = (row: StoredRecord) => (row.decision as { documentNo?: string } | undefined)?.documentNo

/** The 文号 of this office's documents of one type and year (by the `decision.documentNo` index, migration 0006). */
export async function documentNumbersOf(
  db: ReadDb,
  unit: Pick<UnitRow, 'code' | 'shortName'>,
  type: NumberedDocument,
  year: number,
): Promise<string[]> {
  const rows = await db.cases
    .where('decision.documentNo')
    .startsWith(documentNumberPrefix(unit.shortName, type, year))
    .filter((r) => r.ownerUnit === unit.code)
    .toArray()
  return rows.map(documentNoOf).filter((n): n is string => n !== undefined)
}

/** The next free 文号 of this office for a document of `type` dated `date` (docs/documents.md「文号」). */
export async function nextDocumentNumber(
  db: ReadDb,
  unit: Pick<UnitRow, 'code' | 'shortName'>,
  type: NumberedDocument,
  date: string,
): Promise<string> {
  const used = await documentNumbersOf(db, unit, type, documentYear(date))
  return suggestDocumentNumber(unit.shortName, type, date, used)
}

/** The same, for the dialogs: this office's unit read first; undefined before first-run setup. */
export async function suggestedDocumentNumber(
  db: JiuzhuDb,
  type: NumberedDocument,
  date: string,
): Promise<string | undefined> {
  const unit = await getOwnUnit(db)
  return unit && nextDocumentNumber(db, unit, type, date)
}

/** The case of this office other than `exceptCaseId` whose document bears `documentNo`, if any. */
export async function caseBearingDocumentNumber(
  db: ReadDb,
  unitCode: string,
  documentNo: string,
  exceptCaseId: string,
): Promise<StoredRecord | undefined> {
  return db.cases
    .where('decision.documentNo')
    .equals(documentNo)
    .filter((r) => r.ownerUnit === unitCode && r.id !== exceptCaseId && !r.voided)
    .first()
}
