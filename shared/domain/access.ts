import { type DepartmentNames, departmentName as rowName } from './departments'
import type { SensitiveField } from './masking'
import { type Role, roles } from './roles'

/**
 * Who sees what (docs/security.md §7, 个人信息保护法 minimum necessary): the one table of the screens each role
 * opens, and of how each role sees ID and bank account numbers in each place. The menu shows only these screens,
 * the route guard refuses the others (无权访问), and the queries narrow the data (a case department's own clues).
 * What a role may *write* is the command table (permissions.ts); this table is what it may *see*.
 */
export const screens = [
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

export type ScreenKey = (typeof screens)[number]['key']

export function isScreenKey(value: string): value is ScreenKey {
  return screens.some((s) => s.key === value)
}

const everyone = roles

/**
 * Screen → the roles that open it, and what the screen shows them.
 * - 办案部门人员 records clues and informs parties: only 线索与告知, with its own department's clues and the outcome
 *   of the cases they became — no cases, registers, funds, statistics, exchange or settings.
 * - 系统管理员 runs accounts, settings and 数据交换 (上报、导入, which it checks in the cases, registers and
 *   statistics it imported); it records no case work and sees numbers masked only.
 */
export const screenRoles: Readonly<Record<ScreenKey, { roles: readonly Role[]; shows: string }>> = {
  dashboard: {
    roles: ['case-procurator', 'dept-head', 'chief', 'finance', 'admin', 'auditor', 'supervisor'],
    shows: '办理期限、待我审批、本年度统计图表',
  },
  clues: {
    roles: ['case-dept-staff', 'case-procurator', 'dept-head'],
    shows: '办案部门人员：本部门移送的线索及其转为案件后的办理结果；控申：全院线索',
  },
  intake: { roles: ['case-procurator', 'dept-head'], shows: '受理登记表' },
  cases: {
    roles: ['case-procurator', 'dept-head', 'chief', 'finance', 'admin', 'auditor', 'supervisor'],
    shows: '本院案件（上级院另有下级院案件的只读副本）；证件号码和银行账号按下表显示',
  },
  registers: {
    roles: ['case-procurator', 'dept-head', 'chief', 'finance', 'admin', 'auditor', 'supervisor'],
    shows: '八种台账；证件号码遮蔽，导出时按角色可选完整号码',
  },
  funds: { roles: ['case-procurator', 'dept-head', 'chief', 'finance', 'auditor'], shows: '资金余额、对账、捐助' },
  reports: {
    roles: ['case-procurator', 'dept-head', 'chief', 'finance', 'admin', 'auditor', 'supervisor'],
    shows: '统计报表（不含个人证件号码）',
  },
  exchange: {
    roles: ['dept-head', 'chief', 'admin', 'supervisor'],
    shows: '管理员：密钥、入网、上报、导入、下发、软件更新包；负责人、检察长、上级督导：督导意见与重复救助提示',
  },
  import: {
    roles: ['case-procurator', 'dept-head', 'admin'],
    shows: '历史台账导入（控申和管理员，保管旧台账的人；docs/legacy-import.md）',
  },
  policy: { roles: everyone, shows: '政策法规原文' },
  users: {
    roles: everyone,
    shows: '每个人：本人账号（修改密码）；管理员：用户管理与审计日志；检察长、审计查阅：审计日志',
  },
  settings: { roles: ['admin', 'dept-head'], shows: '管理员：全部设置；控申部门负责人：职工月平均工资标准' },
  about: { roles: everyone, shows: '版本与说明' },
}

/**
 * 数据交换 shows the administrator everything; the business roles (负责人、检察长、上级督导) only what they work on:
 * the subordinates' data, supervision notes and duplicate flags, and the standards in force — not the office key,
 * enrolment, import, upward reporting or software update packages, which need the administrator (the key passphrase,
 * the hand-over to IT).
 */
export const exchangeAdminTabs = ['identity', 'import', 'upward', 'update'] as const

export function mayUseExchangeTab(roles: readonly Role[], tab: string): boolean {
  return roles.includes('admin') || !(exchangeAdminTabs as readonly string[]).includes(tab)
}

/** True when one of `roles` opens `screen`. */
export function mayOpen(roles: readonly Role[], screen: ScreenKey): boolean {
  return roles.some((r) => screenRoles[screen].roles.includes(r))
}

/** The screens `roles` open, in menu order. */
export function screensFor(roles: readonly Role[]): ScreenKey[] {
  return screens.map((s) => s.key).filter((k) => mayOpen(roles, k))
}

/** The screen a signed-in user lands on: the first they open (工作台 for most, 线索与告知 for a case department). */
export function homeScreen(roles: readonly Role[]): ScreenKey {
  return screensFor(roles)[0] ?? 'about'
}

/**
 * Which records a role's queries return: 'all' of the office (and replicas), or only the clues its own department
 * referred ('own-department', with the outcome of the cases they became).
 */
export type DataScope = 'all' | 'own-department'

export function dataScope(roles: readonly Role[]): DataScope {
  return roles.length > 0 && roles.every((r) => r === 'case-dept-staff') ? 'own-department' : 'all'
}

/**
 * An account's department as shown: a case department's account holds the code its clues carry (移送部门, the
 * same list), shown under the office's own name (`names`, 系统设置 → 移送部门名称); older accounts' free text is shown
 * as typed.
 */
export function departmentName(department: string | undefined, names?: DepartmentNames): string {
  if (!department) return '未设部门'
  return rowName(department, names)
}

// ---- ID and bank account numbers -----------------------------------------------------------------------------

/** Where a number is shown: lists (案件列表, 线索), registers, the case page's 基本情况, and register exports. */
export type NumberPlace = 'list' | 'register' | 'case' | 'export'

/**
 * How a number is shown in a place:
 * - 'full': whole;
 * - 'full-if-handler': whole on the cases the user handles (承办), else as 'reveal';
 * - 'reveal': masked, with a 显示 button; each reveal writes an audit entry (查看完整证件号码 / 银行账号);
 * - 'choice' (exports): masked unless the user ticks 导出完整号码; the choice is in the export's audit entry;
 * - 'masked': masked, no way to see it whole here.
 */
export type NumberView = 'full' | 'full-if-handler' | 'reveal' | 'choice' | 'masked'

type Policy = Readonly<Record<SensitiveField, Readonly<Record<NumberPlace, NumberView>>>>

const masked = { list: 'masked', register: 'masked', case: 'masked', export: 'masked' } as const

/**
 * Role → how it sees each number in each place. Lists and registers are masked for everyone (a list is read over
 * a shoulder and a register is printed; search still finds a case by its whole number). Decided per role:
 * - 控申承办检察官 checks identity and pays with 计财: the applicant's ID number whole on the cases they handle, else
 *   on demand; the bank account on demand; full numbers in an export when ticked (a list for 财政 or the bank);
 * - 控申部门负责人 reviews the cases: both on demand; exports by choice;
 * - 检察长 approves on the review opinion, not on numbers: on demand;
 * - 计财人员 pays into the account: the bank account whole on the case page; the ID number on demand (the bank
 *   asks for it on a transfer); exports by choice;
 * - 上级督导 checks duplicate assistance across offices: on demand;
 * - 系统管理员, 审计查阅 and 办案部门人员 need no whole number: masked everywhere.
 */
export const numberPolicy: Readonly<Record<Role, Policy>> = {
  'case-dept-staff': { idNumber: masked, bankAccount: masked },
  'case-procurator': {
    idNumber: { list: 'masked', register: 'masked', case: 'full-if-handler', export: 'choice' },
    bankAccount: { list: 'masked', register: 'masked', case: 'reveal', export: 'choice' },
  },
  'dept-head': {
    idNumber: { list: 'masked', register: 'masked', case: 'reveal', export: 'choice' },
    bankAccount: { list: 'masked', register: 'masked', case: 'reveal', export: 'choice' },
  },
  chief: {
    idNumber: { list: 'masked', register: 'masked', case: 'reveal', export: 'masked' },
    bankAccount: { list: 'masked', register: 'masked', case: 'reveal', export: 'masked' },
  },
  finance: {
    idNumber: { list: 'masked', register: 'masked', case: 'reveal', export: 'choice' },
    bankAccount: { list: 'masked', register: 'masked', case: 'full', export: 'choice' },
  },
  admin: { idNumber: masked, bankAccount: masked },
  auditor: { idNumber: masked, bankAccount: masked },
  supervisor: {
    idNumber: { list: 'masked', register: 'masked', case: 'reveal', export: 'masked' },
    bankAccount: { list: 'masked', register: 'masked', case: 'reveal', export: 'masked' },
  },
}

const openness: readonly NumberView[] = ['masked', 'reveal', 'choice', 'full-if-handler', 'full']

/** The most open view any of `roles` has of `field` in `place` (a user with two roles sees what either sees). */
export function numberView(roles: readonly Role[], field: SensitiveField, place: NumberPlace): NumberView {
  let best: NumberView = 'masked'
  for (const r of roles) {
    const v = numberPolicy[r][field][place]
    if (openness.indexOf(v) > openness.indexOf(best)) best = v
  }
  return best
}

/**
 * What the case page shows at first for a number: whole, or masked with (or without) a 显示 button. `handler`:
 * the user handles (承办) this case.
 */
export function caseNumberView(
  roles: readonly Role[],
  field: SensitiveField,
  handler: boolean,
): 'full' | 'reveal' | 'masked' {
  const v = numberView(roles, field, 'case')
  if (v === 'full' || (v === 'full-if-handler' && handler)) return 'full'
  return v === 'masked' ? 'masked' : 'reveal'
}

/** True when the user may export a register with whole numbers (only by ticking it; masked is the default). */
export function mayExportFull(roles: readonly Role[]): boolean {
  return numberView(roles, 'idNumber', 'export') === 'choice'
}
