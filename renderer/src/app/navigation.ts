/**
 * The areas of work, in the order of the left navigation. Each later capability has its place here from the
 * start; an area whose work is not built yet shows 本功能尚未开放, never fake data.
 */
export const areas = [
  { key: 'dashboard', label: '工作台' },
  { key: 'clues', label: '线索与告知' },
  { key: 'intake', label: '受理登记' },
  { key: 'cases', label: '案件办理' },
  { key: 'registers', label: '台账' },
  { key: 'funds', label: '资金' },
  { key: 'reports', label: '统计报表' },
  { key: 'exchange', label: '数据交换' },
  { key: 'import', label: '数据导入' },
  { key: 'policy', label: '政策法规' },
  { key: 'users', label: '用户与审计' },
  { key: 'settings', label: '系统设置' },
  { key: 'about', label: '关于' },
] as const

export type AreaKey = (typeof areas)[number]['key']

export function isAreaKey(value: string): value is AreaKey {
  return areas.some((a) => a.key === value)
}
