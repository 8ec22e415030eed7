import { SIGN_IN_REFUSED } from '../domain/accountPolicy'
import type { MessageTable } from './types'

/**
 * Codes of the password and key-derivation guards (docs/security.md): a stored hash, a backup header or a rate
 * limit that stops a check before any work is done; and of the audit anchors (docs/security.md §5): this office's
 * own, kept by the main process, and the audit heads this office keeps for each sender. Every refusal says what was
 * not done and what to do.
 */
export const securityMessages = {
  'auth.unsupported-hash': (p) =>
    `该账号保存的密码记录不能使用（${p.detail ?? '格式不对'}），未进行验证。请系统管理员为该账号重置密码。`,
  'auth.sign-in-refused': () => SIGN_IN_REFUSED,
  'auth.rate-limited': (p) => `密码尝试过于频繁，请 ${p.seconds ?? 1} 秒后再试。`,
  'backup.unsupported-kdf': (p) =>
    `备份文件头中的密钥派生参数（scrypt ${p.params ?? '未知'}）不是本软件使用的参数（${p.accepted ?? '见说明文档'}），文件已损坏或被改动。为防止恶意文件耗尽内存和处理器，未尝试解密，未做任何改动。请使用本软件生成的另一份备份。`,
  'audit.export-refused': (p) =>
    `审计记录与本机保存的校验点不一致：${p.detail ?? '原因不明'}。为防止把可能被改动的数据交给其他单位，本次未导出，本院数据未做任何改动。请系统管理员在“用户与审计 → 审计日志”中查看校验点情况并查明原因；确属从备份恢复等正当原因的，可在该处写明原因后重新建立校验点。`,
  'audit.anchor-reset-denied': () => '只有系统管理员可以重新建立审计校验点。未做任何改动。',
  'audit.anchor-reset-reason': () => '请写明重新建立审计校验点的原因（至少 4 个字）。未做任何改动。',
  'exchange.audit-behind': (p) =>
    `审计日志倒退：本院上次从“${p.unitName}”（${p.unitCode}）收到的数据包记载其审计日志已有 ${p.held} 条（第 ${p.heldChannelSeq} 号数据包），此包（第 ${p.seq} 号）只记载 ${p.got} 条。对方的审计记录被删除，或对方的数据被换成了较早的备份。整个数据包未导入，本院数据未做任何改动。请电话与发送单位核实并报告上级院；对方确系从备份恢复的，须查明恢复之后缺失的记录后再作处理。`,
  'exchange.audit-diverged': (p) =>
    `审计日志被改写：本院此前从“${p.unitName}”（${p.unitCode}）收到的数据包记载其第 ${p.held} 条审计记录的校验值为 ${p.heldHash}，此包（第 ${p.seq} 号）记载的同一条为 ${p.gotHash}。对方的审计记录被改写或其数据被换过。整个数据包未导入，本院数据未做任何改动。请电话与发送单位核实并报告上级院。`,
  'exchange.audit-alg-changed': (p) =>
    `审计日志的校验算法变了：本院此前从“${p.unitName}”（${p.unitCode}）收到的数据包记载其审计日志用 ${p.heldAlg} 校验（第 ${p.heldChannelSeq} 号数据包），此包（第 ${p.seq} 号）记载的是 ${p.gotAlg}。校验算法只在首次设置时选定，此后不能更改：对方的审计日志被重建，或其数据被换过。整个数据包未导入，本院数据未做任何改动。请电话与发送单位核实并报告上级院。`,
} satisfies MessageTable
