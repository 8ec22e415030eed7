/**
 * The 国密 primitives (docs/security.md "哪种算法保护什么"; docs/bundle-format.md §6.3): SM3, SM4-GCM, SM2
 * signatures with the default user id, SM2 envelopes (C1C3C2) of SM4 keys, key generation and the fingerprint read
 * aloud. Bytes in, bytes out; built on sm-crypto-v2 (pinned, no audit of its SM code) with the checks the standards
 * require and the library leaves out. Not yet used by bundles.
 */

export type { Sm2OfficePublicKeys } from './fingerprint'
export { sm2Fingerprint, sm2KeyIdOf } from './fingerprint'
export { openSm4Key, SM2_ENVELOPE_BYTES, sealSm4Key, sm2Decrypt, sm2Encrypt } from './sm2envelope'
export type { Sm2KeyPair } from './sm2key'
export {
  generateSm2KeyPair,
  isSm2PublicKey,
  SM2_PRIVATE_KEY_BYTES,
  SM2_PUBLIC_KEY_BYTES,
  sm2PublicKeyOf,
} from './sm2key'
export { SM2_DEFAULT_USER_ID, SM2_SIGNATURE_BYTES, sm2Sign, sm2Verify, sm2ZValue } from './sm2sign'
export { SM3_BYTES, sm3 } from './sm3'
export type { Sm4GcmInput } from './sm4gcm'
export {
  GCM_IV_BYTES,
  GCM_TAG_BYTES,
  SM4_BLOCK_BYTES,
  SM4_KEY_BYTES,
  sm4EncryptBlock,
  sm4GcmDecrypt,
  sm4GcmEncrypt,
} from './sm4gcm'
