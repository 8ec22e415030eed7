import { roleLabels } from '../domain/roles'
import {
  caseSourceLabels,
  caseStateLabels,
  clueSourceLabels,
  clueStatusLabels,
  decisionOutcomeLabels,
  originDepartmentLabels,
} from '../domain/schemas/labels'
import { capacityLabels, relationLabels } from '../domain/schemas/partyLabels'
import { auditHashLabels } from './hashAlg'

type Labels = Readonly<Record<string, string>>

/** Coded fields of a table whose values the audit viewer shows by their Chinese label (table-specific first). */
const BY_TABLE_FIELD: Readonly<Record<string, Labels>> = {
  'cases.state': caseStateLabels,
  'cases.source': caseSourceLabels,
  'clues.status': clueStatusLabels,
  'clues.source': clueSourceLabels,
}
const BY_FIELD: Readonly<Record<string, Labels>> = {
  originDepartment: originDepartmentLabels,
  relation: relationLabels,
  capacity: capacityLabels,
  outcome: decisionOutcomeLabels,
  roles: roleLabels,
  auditHash: auditHashLabels,
}

/**
 * A coded value as the audit viewer shows it: 案件状态 “accepted” as “已受理”, a user's roles as their names. A value
 * that is not a known code (or a field without a code list) is returned unchanged.
 */
export function auditValueLabel(table: string, field: string, value: unknown): unknown {
  const labels = BY_TABLE_FIELD[`${table}.${field}`] ?? BY_FIELD[field]
  if (!labels) return value
  const one = (v: unknown) => (typeof v === 'string' && Object.hasOwn(labels, v) ? labels[v] : v)
  return Array.isArray(value) ? value.map(one).join('、') : one(value)
}
