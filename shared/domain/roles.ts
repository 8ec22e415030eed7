/** Roles of staff in one office (issue: users and roles). Read-only roles write nothing. */
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

export const readOnlyRoles: readonly Role[] = ['auditor', 'supervisor']
