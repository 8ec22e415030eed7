import type { Role } from '../roles'
import type { Case } from '../schemas'
import { currentStep } from './approval'
import type { DeadlineKind } from './deadlines'

/** The department of the office that must act before a deadline (docs/domain-reference.md §5 actors). */
export type Department = 'ks' | 'chief' | 'finance'

export const departmentLabels: Record<Department, string> = {
  ks: '控告申诉检察部门',
  chief: '检察长',
  finance: '计划财务装备部门',
}

export interface DeadlineOwner {
  department: Department
  /** The role that acts next (the current approval step's role while the case is in approval). */
  role: Role
  /** The staff member carrying the case: who received the application or started it; absent before that. */
  handlerId?: string
}

const departmentOf = (role: Role): Department => (role === 'chief' ? 'chief' : role === 'finance' ? 'finance' : 'ks')

/** Who carries the case in 控申: the receiver of the application, else who started it ex officio or as 先行救助. */
export function caseHandler(record: Case): string | undefined {
  return record.application?.receivedBy ?? record.exOfficio?.by ?? record.advance?.requestedBy
}

/**
 * Who must act before a running deadline (工作台 "per person and department"): 先行救助 approval is the chief's; the
 * decision deadline during approval belongs to the current approval step's role (部门负责人 or 检察长); every other
 * limit (补正 notice and period, decision, notice to collect) is 控申's, carried by the case's handler.
 */
export function deadlineOwner(record: Case, kind: DeadlineKind): DeadlineOwner {
  const handlerId = caseHandler(record)
  let role: Role = 'case-procurator'
  if (kind === 'advance-approval') role = 'chief'
  else if (kind === 'decision' && record.state === 'approval') {
    const step = currentStep(record)
    if (step) role = step.role
  }
  return { department: departmentOf(role), role, ...(handlerId ? { handlerId } : {}) }
}
