import { parseResidentId } from '../domain/idcard'
import type { LegacyMark } from '../domain/schemas/legacyMark'
import type { LegacyCaseFacts } from './rows'

/** The import a row belongs to, as its records name it. */
export interface ImportOrigin {
  importId: string
  fileName: string
  fileSha256: string
  sheet: string
}

/** A person record to write (base fields are stamped by the command layer). */
export interface PersonDraft {
  id: string
  name: string
  idType: 'resident-id'
  idNumber: string
  sex?: 'male' | 'female'
  birthDate?: string
  priorityFlags: never[]
}

/**
 * One checked row → the records of a historical case (docs/legacy-import.md §4): a decided grant (state 已发放 when
 * the register gives a payment date, else 已决定救助) with its applicant and victim, marked 历史导入. The payment
 * method is not in the registers: it is recorded as 当面发放 with the receipt reference “历史台账导入” saying so.
 * Persons already held (by ID number) are reused, not duplicated.
 */
export function historicalCaseRecords(
  facts: LegacyCaseFacts,
  origin: ImportOrigin,
  ids: { caseId: string; newPersonId: () => string },
  heldPersons: ReadonlyMap<string, string>,
  importer: string,
): { caseRecord: Record<string, unknown>; persons: PersonDraft[] } {
  const persons: PersonDraft[] = []
  const personFor = (p: { name: string; idNumber: string }): string => {
    const held = heldPersons.get(p.idNumber)
    if (held) return held
    const id = ids.newPersonId()
    const parsed = parseResidentId(p.idNumber)
    persons.push({
      id,
      name: p.name,
      idType: 'resident-id',
      idNumber: p.idNumber,
      ...(parsed.ok ? { sex: parsed.sex === 'M' ? 'male' : 'female', birthDate: parsed.birthDate } : {}),
      priorityFlags: [],
    })
    return id
  }
  const applicantId = personFor(facts.applicant)
  const victimId = facts.victim ? personFor(facts.victim) : undefined
  const mark: LegacyMark = {
    importId: origin.importId,
    fileName: origin.fileName,
    fileSha256: origin.fileSha256,
    sheet: origin.sheet,
    row: facts.row,
    ...(facts.caseNo ? { caseNoInFile: facts.caseNo } : {}),
    fundSources: facts.fundSources,
  }
  const caseRecord: Record<string, unknown> = {
    id: ids.caseId,
    state: facts.paidDate ? 'paid' : 'granted',
    source: 'application',
    underlyingCase: { caseNo: facts.underlyingCaseNo, ...(facts.charge ? { charge: facts.charge } : {}) },
    applicantId,
    ...(victimId ? { victimId } : {}),
    personIdNumbers: [facts.applicant.idNumber, ...(facts.victim ? [facts.victim.idNumber] : [])],
    smallEmergencyHelp: false,
    decisionDate: facts.decisionDate,
    materials: [],
    approvals: [],
    decision: {
      outcome: 'granted',
      grantedFen: facts.amountFen,
      ...(facts.documentNo ? { documentNo: facts.documentNo } : {}),
    },
    ...(facts.paidDate
      ? {
          payment: {
            method: 'in-person',
            amountFen: facts.amountFen,
            payeeName: facts.applicant.name,
            payeePersonId: applicantId,
            paidDate: facts.paidDate,
            paidBy: importer,
            receiptRef: '历史台账导入',
          },
        }
      : {}),
    recoveries: [],
    legacyImport: mark,
  }
  return { caseRecord, persons }
}

/** How a case is named to the user in the import's messages: its number, the number in the register, or its row. */
export function caseLabelOf(c: { id: string; caseNo?: string; legacyImport?: LegacyMark }): string {
  const mark = c.legacyImport
  return c.caseNo ?? mark?.caseNoInFile ?? (mark ? `历史导入（${mark.fileName} 第 ${mark.row} 行）` : c.id)
}
