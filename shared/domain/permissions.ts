import type { Role } from './roles'
import { type ActionType, actionLabels } from './workflow/actions'
import { actionRoles } from './workflow/table'

/**
 * The one permission table: every command, its Chinese name (shown in refusals and in the audit viewer) and the
 * roles that may run it. The command layer checks it before every write; the UI only uses it to hide what the
 * user could not do anyway. Read-only roles (审计查阅, 上级督导) appear in no row. Separation of duties between
 * particular users on one case is checked by the workflow, not here.
 *
 * 'bootstrap': runs before any account exists (the command refuses by itself once the office is set up).
 * 'any-user': any signed-in account, acting on itself.
 */
type Allowed = readonly Role[] | 'bootstrap' | 'any-user'

export const commandTable = {
  'office.setup': { label: '首次设置', roles: 'bootstrap' },
  'office.update': { label: '修改本院信息', roles: ['admin'] },
  'user.create': { label: '新建用户', roles: ['admin'] },
  'user.update': { label: '修改用户', roles: ['admin'] },
  'user.disable': { label: '停用/启用用户', roles: ['admin'] },
  'user.resetPassword': { label: '重置密码', roles: ['admin'] },
  'user.changeOwnPassword': { label: '修改本人密码', roles: 'any-user' },
  'user.recordLogin': { label: '登录', roles: 'any-user' },
  'settings.update': { label: '修改系统设置', roles: ['admin'] },
  'wage.record': { label: '录入职工月平均工资标准', roles: ['admin', 'dept-head'] },
  'data.loadGenerated': { label: '载入演示或生成数据', roles: ['admin'] },
  'clue.record': { label: '登记线索', roles: ['case-dept-staff', 'case-procurator', 'dept-head'] },
  'clue.close': { label: '终结线索', roles: ['case-procurator', 'dept-head'] },
  /** 更正 (docs/case-handling.md): whoever records clues corrects them; 控申 corrects cases. */
  'clue.correct': { label: '更正线索', roles: ['case-dept-staff', 'case-procurator', 'dept-head'] },
  'case.correct': { label: '更正案件登记内容', roles: ['case-procurator', 'dept-head'] },
  'case.open': { label: '新建救助案件', roles: ['case-procurator', 'dept-head'] },
  /** One command runs every workflow action; the workflow checks the action's own roles (workflow/table.ts). */
  'case.act': { label: '办理救助案件', roles: caseActors() },
  'person.update': { label: '修改当事人信息', roles: ['case-procurator', 'dept-head'] },
  'case.attach': { label: '添加材料扫描件', roles: ['case-procurator', 'dept-head', 'finance'] },
  'draft.save': { label: '保存草稿', roles: 'any-user' },
  'case.document': { label: '制作文书', roles: caseActors() },
  'case.referral': { label: '登记多元救助', roles: ['case-procurator', 'dept-head'] },
  'case.followUp': { label: '登记回访', roles: ['case-procurator', 'dept-head'] },
  'donation.record': { label: '登记社会捐助', roles: ['finance', 'dept-head'] },
  'donation.link': { label: '关联捐助受助案件', roles: ['finance', 'case-procurator', 'dept-head'] },
  'donation.notify': { label: '登记已告知捐助人', roles: ['finance', 'case-procurator', 'dept-head'] },
  'ledger.record': { label: '登记资金分录（拨款、冲销）', roles: ['finance'] },
  'register.saveView': { label: '保存台账视图', roles: 'any-user' },
  /**
   * 个人信息最少必要 (docs/security.md §7): writing nothing, each records who saw or exported whole numbers. Whether
   * the role needs the number in that place is the access table's (access.ts), checked inside the command.
   */
  'person.reveal': { label: '查看完整号码', roles: 'any-user' },
  'register.export': { label: '导出台账', roles: 'any-user' },
  /** 数据交换 (docs/exchange.md): the office key passphrase is the administrator's, so exchange is the administrator's. */
  'exchange.keys': { label: '管理本院交换密钥', roles: ['admin'] },
  'exchange.enroll': { label: '登记上下级单位（入网）', roles: ['admin'] },
  'exchange.export': { label: '导出数据包', roles: ['admin'] },
  'exchange.import': { label: '导入数据包', roles: ['admin'] },
  /** 下发与报备 (docs/exchange.md §一.7–11): standards are settings-like (administrator); notes are the business roles'. */
  'standards.compose': { label: '编制下发标准', roles: ['admin'] },
  'supervision.write': { label: '撰写督导意见', roles: ['dept-head', 'chief'] },
  'supervision.reply': { label: '答复督导意见与重复救助提示', roles: ['case-procurator', 'dept-head', 'chief'] },
  'duplicates.review': { label: '审核重复救助提示', roles: ['dept-head', 'chief'] },
  'filing.prepare': { label: '编制报备材料', roles: ['admin'] },
  /**
   * 软件更新包 (docs/packaging.md §7): received, relayed and made in 数据交换 by the administrator, who holds the key
   * passphrase and hands the installer to IT. Each writes one audit entry and no record.
   */
  'update.receive': { label: '接收软件更新包', roles: ['admin'] },
  'update.relay': { label: '转发软件更新包', roles: ['admin'] },
  'update.create': { label: '制作软件更新包', roles: ['admin'] },
  /**
   * 案件移送材料包 (docs/exchange.md §四): 控申 produces it with the case file (signing needs the office key
   * passphrase, which the administrator may type); importing a package as prior assistance is review work.
   */
  'transfer.export': { label: '生成案件移送材料包', roles: ['case-procurator', 'dept-head', 'admin'] },
  'transfer.import': { label: '导入移送材料（既往救助）', roles: ['case-procurator', 'dept-head', 'admin'] },
  /** 历史台账导入 (docs/legacy-import.md): the administrator and 控申, who kept the old registers. */
  'legacy.import': { label: '导入历史台账', roles: ['case-procurator', 'dept-head', 'admin'] },
  'legacy.importPayments': { label: '导入历史发放台账', roles: ['case-procurator', 'dept-head', 'admin'] },
  'legacy.importFollowUps': { label: '导入历史回访台账', roles: ['case-procurator', 'dept-head', 'admin'] },
  'legacy.withdraw': { label: '撤销历史台账导入', roles: ['case-procurator', 'dept-head', 'admin'] },
  'legacy.saveMapping': { label: '保存台账列对应关系', roles: ['case-procurator', 'dept-head', 'admin'] },
} as const satisfies Record<string, { label: string; roles: Allowed }>

export type CommandName = keyof typeof commandTable

/** Everyone who may take at least one workflow action. */
function caseActors(): readonly Role[] {
  return [...new Set(Object.values(actionRoles).flat())]
}

export const commandNames = Object.keys(commandTable) as CommandName[]

export function mayRun(roles: readonly Role[], command: CommandName): boolean {
  const allowed: Allowed = commandTable[command].roles
  if (allowed === 'bootstrap') return true
  if (allowed === 'any-user') return roles.length > 0
  return roles.some((r) => allowed.includes(r))
}

export function rolesFor(command: CommandName): Allowed {
  return commandTable[command].roles
}

/** The audit name of one workflow action run through 'case.act', e.g. `case.act:pay`. */
export function caseActionCommand(action: ActionType): string {
  return `case.act:${action}`
}

/** Audit names finer than their permission row that are not workflow actions: a failed sign-in is its own event. */
const auditVariantLabels: Readonly<Record<string, string>> = {
  'user.recordLogin:failed': '登录失败',
  'person.reveal:idNumber': '查看完整证件号码',
  'person.reveal:bankAccount': '查看完整银行账号',
}

export function commandLabel(command: string): string {
  if (Object.hasOwn(auditVariantLabels, command)) return auditVariantLabels[command]
  const [base, action] = command.split(':')
  if (base === 'case.act' && action && action in actionLabels) {
    return `${commandTable['case.act'].label}：${actionLabels[action as ActionType]}`
  }
  return (commandTable as Record<string, { label: string }>)[command]?.label ?? command
}

/** Who may open which read-only views. */
export const viewRoles = {
  audit: ['admin', 'auditor', 'chief'],
  users: ['admin'],
} as const satisfies Record<string, readonly Role[]>

export function mayView(roles: readonly Role[], view: keyof typeof viewRoles): boolean {
  return roles.some((r) => (viewRoles[view] as readonly Role[]).includes(r))
}
