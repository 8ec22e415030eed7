import type { Role } from './roles'

/**
 * The one permission table: which roles may run which command. The command layer checks it before every write;
 * the UI only uses it to hide what the user could not do anyway. Read-only roles (审计查阅, 上级督导) appear in
 * no row. Separation of duties between particular users on one case is checked by the workflow, not here.
 */
export const commandRoles = {
  // 首次设置 has no acting user yet; the command itself refuses when the office is already set up.
  'office.setup': 'bootstrap',
  'office.update': ['admin'],
  'user.create': ['admin'],
  'user.update': ['admin'],
  'user.disable': ['admin'],
  'user.resetPassword': ['admin'],
  'user.changeOwnPassword': 'any-user',
  'user.recordLogin': 'any-user',
  'settings.update': ['admin'],
} as const satisfies Record<string, readonly Role[] | 'bootstrap' | 'any-user'>

export type CommandName = keyof typeof commandRoles

export function mayRun(roles: readonly Role[], command: CommandName): boolean {
  const allowed = commandRoles[command] as readonly Role[] | 'bootstrap' | 'any-user'
  if (allowed === 'bootstrap') return true
  if (allowed === 'any-user') return roles.length > 0
  return roles.some((r) => allowed.includes(r))
}

export function rolesFor(command: CommandName): readonly Role[] | 'bootstrap' | 'any-user' {
  return commandRoles[command]
}
