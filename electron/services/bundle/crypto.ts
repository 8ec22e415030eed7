import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  hkdfSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto'
import { base64ToBytes } from '../../../shared/exchange/base64'
import { bundleError } from '../../../shared/exchange/errors'
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleManifest,
  X25519_SUITE,
} from '../../../shared/exchange/manifest'
import { canonicalJson } from '../../../shared/util/canonicalJson'

/**
 * The bundle's cryptography on Node's built-in crypto (docs/bundle-format.md §6; docs/security-reference.md §2.1 "Do all signing
 * in the main process with Node crypto"): Ed25519 signatures (RFC 8032), X25519 key agreement (RFC 7748),
 * HKDF-SHA256 (RFC 5869), AES-256-GCM (NIST SP 800-38D). Keys travel as raw 32-byte values in base64; the DER
 * prefixes below wrap them into SPKI/PKCS#8 for Node (RFC 8410).
 */
const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')
const X25519_SPKI_PREFIX = Buffer.from('302a300506032b656e032100', 'hex')
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex')
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex')

/** Signature context prepended to the manifest bytes (domain separation from key-rotation signatures). */
export const MANIFEST_SIGNATURE_CONTEXT = 'jiuzhu-bundle-manifest-v1\0'
export const ROTATION_SIGNATURE_CONTEXT = 'jiuzhu-key-rotation-v1\0'
export const GCM_TAG_BYTES = 16

function raw32(b64: string, what: string): Buffer {
  const bytes = base64ToBytes(b64, 32)
  if (!bytes) throw bundleError('bundle.keys-invalid', { detail: `${what}不是 32 字节的规范 base64` })
  return Buffer.from(bytes)
}

export type KeyKind = 'ed25519' | 'x25519'

/** Node key object for a raw 32-byte public key in canonical base64 (SPKI wrapping, RFC 8410). */
export function publicKeyObject(kind: KeyKind, b64: string): KeyObject {
  const prefix = kind === 'ed25519' ? ED25519_SPKI_PREFIX : X25519_SPKI_PREFIX
  return createPublicKey({ key: Buffer.concat([prefix, raw32(b64, '公钥')]), format: 'der', type: 'spki' })
}

/** Node key object for a raw 32-byte private key (Ed25519 seed or X25519 scalar; PKCS#8 wrapping, RFC 8410). */
export function privateKeyObject(kind: KeyKind, seed: Uint8Array | string): KeyObject {
  const bytes = typeof seed === 'string' ? raw32(seed, '私钥') : Buffer.from(seed)
  if (bytes.length !== 32) throw bundleError('bundle.keys-invalid', { detail: '私钥必须是 32 字节' })
  const prefix = kind === 'ed25519' ? ED25519_PKCS8_PREFIX : X25519_PKCS8_PREFIX
  return createPrivateKey({ key: Buffer.concat([prefix, bytes]), format: 'der', type: 'pkcs8' })
}

/** Raw 32-byte public key (base64) of a private or public key object. */
export function rawPublicKey(key: KeyObject): string {
  const spki = createPublicKey(key).export({ format: 'der', type: 'spki' })
  return spki.subarray(spki.length - 32).toString('base64')
}

/** sha256 in native code (≈ 1 GB/s; shared/util/hash.ts is pure JS and much slower for payloads). */
export function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest()
}

/** Lowercase hex sha256: file hashes in the manifest, `bundleHash`, `manifestHash`. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

function contextMessage(context: string, bytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(context, 'utf8'), bytes])
}

/** Ed25519 signature (base64, 64 bytes) over `context ‖ bytes`. */
export function signWithContext(context: string, bytes: Uint8Array, signingPrivateKey: string): string {
  return sign(null, contextMessage(context, bytes), privateKeyObject('ed25519', signingPrivateKey)).toString('base64')
}

/** Verifies an Ed25519 signature over `context ‖ bytes`; false for any malformed input, never throws. */
export function verifyWithContext(context: string, bytes: Uint8Array, signature: string, signingKey: string): boolean {
  const sig = base64ToBytes(signature, 64)
  if (!sig) return false
  try {
    return verify(null, contextMessage(context, bytes), publicKeyObject('ed25519', signingKey), sig)
  } catch {
    return false
  }
}

/** `manifest.sig` content: Ed25519 over the context-prefixed manifest bytes (docs/bundle-format.md §6.1). */
export function signManifest(manifestBytes: Uint8Array, signingPrivateKey: string): string {
  return signWithContext(MANIFEST_SIGNATURE_CONTEXT, manifestBytes, signingPrivateKey)
}

/** Checks `manifest.sig` against a signing key; false for anything malformed. */
export function verifyManifestSignature(manifestBytes: Uint8Array, signature: string, signingKey: string): boolean {
  return verifyWithContext(MANIFEST_SIGNATURE_CONTEXT, manifestBytes, signature, signingKey)
}

type EncryptedManifest = BundleManifest & {
  receiver: NonNullable<BundleManifest['receiver']>
  cipher: Extract<NonNullable<BundleManifest['cipher']>, { suite: typeof X25519_SUITE }>
}

function requireX25519(manifest: BundleManifest): EncryptedManifest {
  if (!manifest.receiver || manifest.cipher?.suite !== X25519_SUITE) {
    throw bundleError('bundle.unsupported-suite', { suite: manifest.cipher?.suite ?? '无', supported: X25519_SUITE })
  }
  return manifest as EncryptedManifest
}

/** HKDF `info`: canonical JSON naming the format, suite, bundle, sender and receiver (docs/bundle-format.md §6.2). */
export function payloadKdfInfo(manifest: BundleManifest): Buffer {
  const m = requireX25519(manifest)
  return Buffer.from(
    canonicalJson({
      format: BUNDLE_FORMAT,
      formatVersion: BUNDLE_FORMAT_VERSION,
      suite: m.cipher.suite,
      bundleId: m.bundleId,
      sender: { unitCode: m.sender.unitCode, keyId: m.sender.keyId },
      receiver: { unitCode: m.receiver.unitCode, keyId: m.receiver.keyId },
    }),
    'utf8',
  )
}

function payloadKey(shared: Buffer, ephemeralPublic: string, receiverPublic: string, info: Buffer): Buffer {
  const salt = Buffer.concat([raw32(ephemeralPublic, '临时公钥'), raw32(receiverPublic, '接收单位公钥')])
  return Buffer.from(hkdfSync('sha256', shared, salt, info, 32))
}

/**
 * Encrypts the inner payload zip to the receiver (docs/bundle-format.md §6.2): X25519(ephemeral, receiver) →
 * HKDF-SHA256(salt = ephemeral pub ‖ receiver pub, info) → AES-256-GCM with the manifest's IV and
 * AAD = sha256(manifest bytes). Output: ciphertext ‖ 16-byte tag.
 */
export function encryptPayload(input: {
  plaintext: Uint8Array
  manifest: BundleManifest
  manifestBytes: Uint8Array
  ephemeralPrivateKey: KeyObject
  receiverEncryptionKey: string
}): Buffer {
  const m = requireX25519(input.manifest)
  if (rawPublicKey(input.ephemeralPrivateKey) !== m.cipher.ephemeralPublicKey) {
    throw bundleError('bundle.pack-invalid', { detail: '临时密钥与清单不符' })
  }
  const shared = diffieHellman({
    privateKey: input.ephemeralPrivateKey,
    publicKey: publicKeyObject('x25519', input.receiverEncryptionKey),
  })
  const key = payloadKey(shared, m.cipher.ephemeralPublicKey, input.receiverEncryptionKey, payloadKdfInfo(m))
  const cipher = createCipheriv('aes-256-gcm', key, Buffer.from(m.cipher.iv, 'base64'))
  cipher.setAAD(sha256(input.manifestBytes))
  return Buffer.concat([cipher.update(input.plaintext), cipher.final(), cipher.getAuthTag()])
}

/** Reverses {@link encryptPayload}; any failure (wrong key, tampering, low-order point) is `bundle.decrypt-failed`. */
export function decryptPayload(input: {
  ciphertext: Uint8Array
  manifest: BundleManifest
  manifestBytes: Uint8Array
  receiverEncryptionPrivateKey: string
}): Buffer {
  const m = requireX25519(input.manifest)
  if (input.ciphertext.length < GCM_TAG_BYTES) throw bundleError('bundle.decrypt-failed')
  try {
    const privateKey = privateKeyObject('x25519', input.receiverEncryptionPrivateKey)
    const shared = diffieHellman({ privateKey, publicKey: publicKeyObject('x25519', m.cipher.ephemeralPublicKey) })
    const key = payloadKey(shared, m.cipher.ephemeralPublicKey, rawPublicKey(privateKey), payloadKdfInfo(m))
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(m.cipher.iv, 'base64'))
    decipher.setAAD(sha256(input.manifestBytes))
    const body = input.ciphertext.subarray(0, input.ciphertext.length - GCM_TAG_BYTES)
    decipher.setAuthTag(input.ciphertext.subarray(input.ciphertext.length - GCM_TAG_BYTES))
    return Buffer.concat([decipher.update(body), decipher.final()])
  } catch {
    throw bundleError('bundle.decrypt-failed')
  }
}
