import {
  type CaseCorrectableField,
  type ClueCorrectableField,
  caseCorrectableFields,
  caseCorrectionDateProblem,
  caseCorrectionLock,
  clueCorrectableFields,
  clueCorrectionDateProblem,
  clueCorrectionLock,
} from '@shared/domain/corrections'
import type { Clue, Person } from '@shared/domain/schemas'
import { type CaseFile, correctCase, correctClue, type StoredRecord } from '../../db'
import type { CorrectionSubject } from './CorrectionDialog'

const getIn = (row: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), row)
const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v))

/** 更正 of a case: its fields, the parties' from their person records; the same lock and date rule as the command. */
export function caseSubject(file: CaseFile): CorrectionSubject<CaseCorrectableField> {
  const r = file.record
  const person = (role: string): Person | undefined => (role === 'applicant' ? file.applicant : file.victim)
  return {
    title: `更正：${r.caseNo ?? '救助案件'}`,
    fields: caseCorrectableFields,
    current(field) {
      const [head, ...rest] = field.split('.')
      return head === 'applicant' || head === 'victim'
        ? text(getIn(person(head), rest))
        : text(getIn(r, field.split('.')))
    },
    lock: (field) =>
      field.startsWith('victim.') && file.victim?.id === file.applicant?.id
        ? '被害人即申请人本人'
        : caseCorrectionLock(r, field),
    dateProblem: (field, value, today) => caseCorrectionDateProblem(r, field, value, today),
    save: (store, field, value, reason) =>
      store.execute(correctCase, { caseId: r.id, expectedRev: r.rev, field, value, reason }),
  }
}

/** 更正 of a clue not yet converted or closed. */
export function clueSubject(clue: StoredRecord): CorrectionSubject<ClueCorrectableField> {
  const c = clue as unknown as Clue
  return {
    title: `更正线索：${c.partyName}`,
    fields: clueCorrectableFields,
    current: (field) => text(getIn(c, field.split('.'))),
    lock: (field) => clueCorrectionLock(c) ?? (field === 'informing.date' && !c.informing ? '尚未告知' : undefined),
    dateProblem: (field, value, today) => clueCorrectionDateProblem(c, field, value, today),
    save: (store, field, value, reason) =>
      store.execute(correctClue, { clueId: c.id, expectedRev: c.rev, field, value, reason }),
  }
}
