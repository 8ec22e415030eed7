import {
  GCM_IV_BYTES,
  openSm4Key,
  SM2_SIGNATURE_BYTES,
  SM4_KEY_BYTES,
  sealSm4Key,
  sm2Sign,
  sm2Verify,
  sm3,
  sm4GcmDecrypt,
  sm4GcmEncrypt,
} from '../../../shared/crypto/gm'
import { base64ToBytes } from '../../../shared/exchange/base64'
import { bundleError } from '../../../shared/exchange/errors'
import { type BundleSuite, GM_SUITE, type GmManifest } from '../../../shared/exchange/manifest'
import { MANIFEST_SIGNATURE_CONTEXT, sha256Hex } from './crypto'

/**
 * The 国密 suite `sm2-sm3-sm4gcm` of a bundle (docs/bundle-format.md §6.3) on the primitives in shared/crypto/gm:
 * SM2 signature over the context-prefixed manifest, one SM2 envelope of a fresh SM4 key per recipient, SM4-GCM on
 * the payload with SM3(manifest) as AAD, SM3 for file and bundle hashes.
 */

/** Lowercase hex SM3: file hashes, `bundleHash` and `manifestHash` of a 国密 bundle. */
export function sm3Hex(bytes: Uint8Array): string {
  return Buffer.from(sm3(bytes)).toString('hex')
}

/** The hash a suite lists files and names bundles by (lowercase hex): SHA-256, or SM3 in the 国密 suite. */
export function suiteHashHex(suite: BundleSuite, bytes: Uint8Array): string {
  return suite === GM_SUITE ? sm3Hex(bytes) : sha256Hex(bytes)
}

function contextMessage(manifestBytes: Uint8Array): Uint8Array {
  return Buffer.concat([Buffer.from(MANIFEST_SIGNATURE_CONTEXT, 'utf8'), manifestBytes])
}

function bytesOf(b64: string, n: number, what: string): Uint8Array {
  const bytes = base64ToBytes(b64, n)
  if (!bytes) throw bundleError('bundle.keys-invalid', { detail: `${what}不是 ${n} 字节的规范 base64` })
  return bytes
}

/** `manifest.sig` of a 国密 bundle: base64 of the 64-byte SM2 signature r ‖ s over the context-prefixed manifest. */
export function signManifestSm2(manifestBytes: Uint8Array, sm2SigningPrivateKey: string): string {
  const d = bytesOf(sm2SigningPrivateKey, 32, 'SM2 签名私钥')
  return Buffer.from(sm2Sign(contextMessage(manifestBytes), d)).toString('base64')
}

/** Checks a 国密 `manifest.sig` against an SM2 signing key (base64, 65 bytes); false for anything malformed. */
export function verifyManifestSm2(manifestBytes: Uint8Array, signature: string, sm2SigningKey: string): boolean {
  const sig = base64ToBytes(signature, SM2_SIGNATURE_BYTES)
  const key = base64ToBytes(sm2SigningKey, 65)
  if (!sig || !key) return false
  return sm2Verify(contextMessage(manifestBytes), sig, key)
}

/** A fresh SM4 key and IV for one bundle, and the key's envelope to the recipient's SM2 encryption key (base64). */
export function newGmPayloadKey(
  random: (n: number) => Uint8Array,
  recipientSm2EncryptionKey: string,
): { key: Uint8Array; iv: string; envelope: string } {
  const key = random(SM4_KEY_BYTES)
  const iv = Buffer.from(random(GCM_IV_BYTES)).toString('base64')
  const envelope = sealSm4Key(key, bytesOf(recipientSm2EncryptionKey, 65, '接收单位的 SM2 加密公钥'))
  return { key, iv, envelope: Buffer.from(envelope).toString('base64') }
}

/** payload.bin of a 国密 bundle: SM4-GCM(key, IV, AAD = SM3(manifest bytes)) of the inner zip, tag appended. */
export function encryptPayloadSm4(input: {
  plaintext: Uint8Array
  manifest: GmManifest
  manifestBytes: Uint8Array
  key: Uint8Array
}): Uint8Array {
  if (!input.manifest.cipher) throw bundleError('bundle.pack-invalid', { detail: '清单缺少加密参数' })
  const iv = Buffer.from(input.manifest.cipher.iv, 'base64')
  return sm4GcmEncrypt({ key: input.key, iv, aad: sm3(input.manifestBytes), plaintext: input.plaintext })
}

/**
 * Reverses {@link encryptPayloadSm4}: opens this recipient's envelope with its SM2 encryption private key, then
 * SM4-GCM. Any failure (another key, a changed envelope, IV, manifest or payload) is `bundle.decrypt-failed`.
 */
export function decryptPayloadSm4(input: {
  ciphertext: Uint8Array
  manifest: GmManifest
  manifestBytes: Uint8Array
  sm2KeyId: string
  sm2EncryptionPrivateKey: string
}): Uint8Array {
  const { cipher } = input.manifest
  const envelope = cipher?.envelopes.find((e) => e.sm2KeyId === input.sm2KeyId)
  if (!cipher || !envelope) throw bundleError('bundle.decrypt-failed')
  try {
    const key = openSm4Key(
      bytesOf(envelope.envelope, 113, '数字信封'),
      bytesOf(input.sm2EncryptionPrivateKey, 32, 'SM2 加密私钥'),
    )
    const iv = Buffer.from(cipher.iv, 'base64')
    return sm4GcmDecrypt({ key, iv, aad: sm3(input.manifestBytes), sealed: input.ciphertext })
  } catch {
    throw bundleError('bundle.decrypt-failed')
  }
}
