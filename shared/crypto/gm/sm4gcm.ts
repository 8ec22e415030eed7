import { sm4 } from 'sm-crypto-v2'
import { CodedError } from '../../errors/coded'
import { concatBytes, requireLength } from './bytes'

export const SM4_KEY_BYTES = 16
export const SM4_BLOCK_BYTES = 16
/** GCM nonce: 96 bits, the only length SP 800-38D §8.2 recommends and RFC 8998 uses. */
export const GCM_IV_BYTES = 12
export const GCM_TAG_BYTES = 16

export interface Sm4GcmInput {
  key: Uint8Array
  iv: Uint8Array
  /** Additional authenticated data (bound to the ciphertext, not encrypted); empty when there is none. */
  aad: Uint8Array
}

function checkKeyAndIv({ key, iv, aad }: Sm4GcmInput): void {
  requireLength(key, SM4_KEY_BYTES, 'SM4 密钥')
  requireLength(iv, GCM_IV_BYTES, 'SM4-GCM 的 IV')
  if (!(aad instanceof Uint8Array)) throw new TypeError('附加数据必须是字节')
}

/**
 * SM4-GCM (GB/T 32907-2016 block, NIST SP 800-38D mode, as in RFC 8998): a 16-byte key, a 12-byte IV that MUST
 * never repeat under one key, any AAD. Returns ciphertext ‖ 16-byte tag, the layout of the AES-GCM payload in
 * electron/services/bundle/crypto.ts.
 */
export function sm4GcmEncrypt(input: Sm4GcmInput & { plaintext: Uint8Array }): Uint8Array {
  checkKeyAndIv(input)
  const { output, tag } = sm4.encrypt(input.plaintext, input.key, {
    mode: 'gcm',
    iv: input.iv,
    associatedData: input.aad,
    output: 'array',
    outputTag: true,
  })
  if (!tag || tag.length !== GCM_TAG_BYTES) throw new Error('SM4-GCM 未产生认证标签')
  return concatBytes(output, tag)
}

/**
 * Reverses {@link sm4GcmEncrypt}. The tag is always checked (the library decrypts without a tag if given none, so
 * the tag is split off here and its length fixed); any mismatch of key, IV, AAD, ciphertext or tag is
 * `crypto.gm-decrypt-failed` and no plaintext is returned.
 */
export function sm4GcmDecrypt(input: Sm4GcmInput & { sealed: Uint8Array }): Uint8Array {
  checkKeyAndIv(input)
  const { sealed } = input
  if (!(sealed instanceof Uint8Array) || sealed.length < GCM_TAG_BYTES) throw new CodedError('crypto.gm-decrypt-failed')
  const body = sealed.subarray(0, sealed.length - GCM_TAG_BYTES)
  const tag = sealed.subarray(sealed.length - GCM_TAG_BYTES)
  try {
    return sm4.decrypt(body, input.key, {
      mode: 'gcm',
      iv: input.iv,
      associatedData: input.aad,
      tag,
      output: 'array',
    })
  } catch {
    throw new CodedError('crypto.gm-decrypt-failed')
  }
}

/**
 * The bare SM4 block cipher on one 16-byte block (GB/T 32907-2016 §7). For known-answer tests of the cipher the
 * modes are built on — never for data: one block with no mode leaks equal blocks and is not authenticated.
 */
export function sm4EncryptBlock(key: Uint8Array, block: Uint8Array): Uint8Array {
  requireLength(key, SM4_KEY_BYTES, 'SM4 密钥')
  requireLength(block, SM4_BLOCK_BYTES, 'SM4 分组')
  return sm4.encrypt(block, key, { mode: 'ecb', padding: 'none', output: 'array' })
}
