/**
 * Minimum password policy for local accounts (GB/T 22239-2019 level 3 asks for complexity; docs/security-reference.md §5.2):
 * at least 8 characters, at least one letter and one digit, not containing the login name. Returns the Chinese
 * problems, empty when acceptable.
 */
export const PASSWORD_MIN_LENGTH = 8

export function passwordProblems(password: string, username = ''): string[] {
  const problems: string[] = []
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`密码至少 ${PASSWORD_MIN_LENGTH} 位`)
  if (password.length > 128) problems.push('密码不能超过 128 位')
  if (!/[A-Za-z]/.test(password)) problems.push('密码须包含字母')
  if (!/\d/.test(password)) problems.push('密码须包含数字')
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('密码不能包含登录名')
  return problems
}
