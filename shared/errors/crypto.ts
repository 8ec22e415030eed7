import type { MessageTable } from './types'

/**
 * Codes of the 国密 primitives (shared/crypto/gm, docs/security.md "哪种算法保护什么"): key material of the wrong
 * size or not on the curve, and a ciphertext that does not authenticate. Callers that carry user data (bundles,
 * key files) turn these into their own codes; the texts here are what reaches a user when they do not.
 */
export const cryptoMessages = {
  'crypto.gm-key-invalid': (p) =>
    `国密密钥数据不正确：${p.detail ?? '长度或格式不对'}。未做任何处理。请重新生成或重新导入密钥。`,
  'crypto.gm-decrypt-failed': () =>
    '国密（SM2/SM4）密文无法解开：密文、认证标签或附加数据被改动或损坏，或不是用本院的密钥加密的。未做任何处理。请向对方重新索取。',
} satisfies MessageTable
