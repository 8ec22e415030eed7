/**
 * Roles of staff in one office (docs/architecture.md §1; docs/domain-reference.md §5 actors: BA = case-dept-staff, KS/JCG = case-procurator,
 * BZR = dept-head, JCZ = chief, JCB = finance). 检委会/党组/政法委 are bodies, not users: their decisions are
 * recorded by a chief as an external approval step (shared/domain/workflow). Read-only roles write nothing.
 */
export const roles = [
  'case-dept-staff',
  'case-procurator',
  'dept-head',
  'chief',
  'finance',
  'admin',
  'auditor',
  'supervisor',
] as const
export type Role = (typeof roles)[number]

export const roleLabels: Record<Role, string> = {
  'case-dept-staff': '办案部门人员',
  'case-procurator': '控申承办检察官',
  'dept-head': '控申部门负责人',
  chief: '检察长/分管检察长',
  finance: '计财人员',
  admin: '系统管理员',
  auditor: '审计查阅',
  supervisor: '上级督导',
}

/** 审计查阅 reads the office's records and audit log; 上级督导 reads subordinate replicas. Neither writes. */
export const readOnlyRoles: readonly Role[] = ['auditor', 'supervisor']

/** True when `value` is one of the closed set of roles (for data read from storage or bundles). */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value)
}
