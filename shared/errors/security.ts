import type { MessageTable } from './types'

/**
 * Codes of the password and key-derivation guards (docs/security.md): a stored hash, a backup header or a rate
 * limit that stops a check before any work is done. Every refusal says what was not done and what to do.
 */
export const securityMessages = {
  'auth.unsupported-hash': (p) =>
    `该账号保存的密码记录不能使用（${p.detail ?? '格式不对'}），未进行验证。请系统管理员为该账号重置密码。`,
  'auth.rate-limited': (p) => `密码尝试过于频繁，请 ${p.seconds ?? 1} 秒后再试。`,
  'backup.unsupported-kdf': (p) =>
    `备份文件头中的密钥派生参数（scrypt ${p.params ?? '未知'}）不是本软件使用的参数（${p.accepted ?? '见说明文档'}），文件已损坏或被改动。为防止恶意文件耗尽内存和处理器，未尝试解密，未做任何改动。请使用本软件生成的另一份备份。`,
} satisfies MessageTable
