import type { Role } from '../../../shared/domain/roles'

/**
 * The expected menus, written out independently of the access table: what each role sees in the left navigation
 * (docs/security.md §7). 办案部门人员 has no cases, registers, funds, statistics, exchange or settings.
 */
export const MENUS: Record<Role, string[]> = {
  'case-dept-staff': ['线索与告知', '政策法规', '用户与审计', '关于'],
  'case-procurator': [
    '工作台',
    '线索与告知',
    '受理登记',
    '案件办理',
    '台账',
    '资金',
    '统计报表',
    '数据导入',
    '政策法规',
    '用户与审计',
    '关于',
  ],
  'dept-head': [
    '工作台',
    '线索与告知',
    '受理登记',
    '案件办理',
    '台账',
    '资金',
    '统计报表',
    '数据交换',
    '数据导入',
    '政策法规',
    '用户与审计',
    '系统设置',
    '关于',
  ],
  chief: ['工作台', '案件办理', '台账', '资金', '统计报表', '数据交换', '政策法规', '用户与审计', '关于'],
  finance: ['工作台', '案件办理', '台账', '资金', '统计报表', '政策法规', '用户与审计', '关于'],
  admin: [
    '工作台',
    '案件办理',
    '台账',
    '统计报表',
    '数据交换',
    '数据导入',
    '政策法规',
    '用户与审计',
    '系统设置',
    '关于',
  ],
  auditor: ['工作台', '案件办理', '台账', '资金', '统计报表', '政策法规', '用户与审计', '关于'],
  supervisor: ['工作台', '案件办理', '台账', '统计报表', '数据交换', '政策法规', '用户与审计', '关于'],
}
