import { randomBytes } from 'node:crypto'
import type { UnitLevel } from '../../../shared/domain/officeSetup'
import { describeZodError } from '../../../shared/errors/zodProblems'
import { bundleError } from '../../../shared/exchange/errors'
import { keyIdOf, type OfficePublicKeys } from '../../../shared/exchange/fingerprint'
import { hasSm2Keys, type Sm2PublicRecord } from '../../../shared/exchange/gmKeys'
import { BUNDLE_LIMITS } from '../../../shared/exchange/limits'
import {
  BUNDLE_FORMAT,
  BUNDLE_FORMAT_VERSION,
  type BundleKind,
  type BundleManifest,
  type BundleSuite,
  CURRENT_SUITE,
  type CurrentManifest,
  ED25519_SIGNATURE,
  GM_SUITE,
  type GmManifest,
  manifestSchemaFor,
  SM2_SIGNATURE,
  type TableSummary,
  X25519_SUITE,
} from '../../../shared/exchange/manifest'
import { encodeManifest } from '../../../shared/exchange/manifestCodec'
import {
  ENCRYPTED_PAYLOAD_ENTRY,
  MANIFEST_ENTRY,
  PLAIN_PAYLOAD_ENTRY,
  SIGNATURE_ENTRY,
  tableNameOf,
} from '../../../shared/exchange/names'
import { countNdjsonLines } from '../../../shared/exchange/ndjson'
import { type RandomBytes, ulid } from '../../../shared/util/recordId'
import { writeZip } from './container'
import { encryptPayload, privateKeyObject, rawPublicKey, sha256Hex, signManifest } from './crypto'
import { encryptPayloadSm4, newGmPayloadKey, signManifestSm2, sm3Hex, suiteHashHex } from './gmCrypto'
import type { OfficeKeys } from './keys'

export interface BundleFile {
  name: string
  bytes: Uint8Array
}

export interface PackInput {
  kind: BundleKind
  sender: { keys: OfficeKeys; unitCode: string; unitName: string; level: UnitLevel }
  /** The receiving office and its public keys (from the unit directory); null for an open (unencrypted) bundle. */
  receiver: { unitCode: string; keys: OfficePublicKeys & Sm2PublicRecord } | null
  channelSeq: number
  prevBundleHash: string | null
  origins: BundleManifest['origins']
  tables: Record<string, TableSummary>
  auditHead: BundleManifest['auditHead']
  files: readonly BundleFile[]
  /** Defaults to now. */
  createdAt?: string
  /** Defaults to a fresh ULID. */
  bundleId?: string
  /** e.g. 'jiuzhu-desk 0.1.0'. */
  generator?: string
  /** Injectable randomness (ephemeral key, IV, bundle id) for golden files and tests only. */
  random?: RandomBytes
  /**
   * The suite (docs/bundle-format.md §6): the current one by default; `sm2-sm3-sm4gcm` needs SM2 keys on both sides.
   * In the 国密 suite the SM2 signature and envelope draw their own random k, so only the bundle id, SM4 key and IV
   * come from `random`.
   */
  suite?: BundleSuite
}

export interface PackedBundle {
  bytes: Uint8Array
  manifest: BundleManifest
  /** sha256 (SM3 in the 国密 suite), hex, of the whole file: the next `prevBundleHash` and the importer's replay key. */
  bundleHash: string
  /** sha256 (SM3 in the 国密 suite), hex, of the manifest bytes. */
  manifestHash: string
}

const nodeRandom: RandomBytes = (n) => randomBytes(n)

/** The outer container: manifest, signature and payload, stored, in this order (docs/bundle-format.md §3.1). */
export function writeBundleContainer(parts: {
  manifestBytes: Uint8Array
  signature: string
  payload: Uint8Array
  encrypted: boolean
}): Uint8Array {
  return writeZip([
    { name: MANIFEST_ENTRY, bytes: parts.manifestBytes },
    { name: SIGNATURE_ENTRY, bytes: Buffer.from(parts.signature, 'ascii') },
    { name: parts.encrypted ? ENCRYPTED_PAYLOAD_ENTRY : PLAIN_PAYLOAD_ENTRY, bytes: parts.payload },
  ])
}

function checkFiles(input: PackInput): BundleFile[] {
  const files = [...input.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  let total = 0
  for (const f of files) {
    if (f.bytes.length > BUNDLE_LIMITS.maxFileBytes) {
      throw bundleError('bundle.pack-invalid', { detail: `文件“${f.name}”超过单个文件上限` })
    }
    total += f.bytes.length
    const table = tableNameOf(f.name)
    if (table !== null) {
      const lines = countNdjsonLines(f.bytes)
      if (input.tables[table]?.count !== lines) {
        throw bundleError('bundle.pack-invalid', { detail: `数据表“${table}”的记录数（${lines}）与汇总不符` })
      }
    }
  }
  if (total > BUNDLE_LIMITS.maxTotalBytes) throw bundleError('bundle.pack-invalid', { detail: '数据总量超过上限' })
  if (files.length > BUNDLE_LIMITS.maxPayloadFiles)
    throw bundleError('bundle.pack-invalid', { detail: '文件数超过上限' })
  return files
}

/**
 * Packs a bundle (docs/bundle-format.md §8.1; docs/architecture.md §4): hashes every payload file into the manifest, signs the
 * canonical manifest with the sender's Ed25519 key, and either encrypts the inner payload zip to the receiver's
 * X25519 key (AAD = sha256 of the manifest) or, for open bundles, stores it as `payload.zip` without compression.
 * Refuses (`bundle.pack-invalid`) anything the reader would refuse, so a packed bundle always opens.
 */
export function packBundle(input: PackInput): PackedBundle {
  const random = input.random ?? nodeRandom
  const suite = input.suite ?? CURRENT_SUITE
  const files = checkFiles(input)
  const createdAt = input.createdAt ?? new Date().toISOString()
  const { keys } = input.sender
  const sender = {
    unitCode: input.sender.unitCode,
    unitName: input.sender.unitName,
    level: input.sender.level,
    keyId: keys.keyId,
    signingKey: keys.signingKey,
    encryptionKey: keys.encryptionKey,
  }
  const tail = {
    channelSeq: input.channelSeq,
    prevBundleHash: input.prevBundleHash,
    origins: input.origins,
    tables: input.tables,
    auditHead: input.auditHead,
  }
  if (keys.unitCode !== input.sender.unitCode) {
    throw bundleError('bundle.pack-invalid', { detail: '发送单位与密钥所属单位不符' })
  }
  if (input.receiver && keyIdOf(input.receiver.keys) !== input.receiver.keys.keyId) {
    throw bundleError('bundle.pack-invalid', { detail: '接收单位的密钥编号与其公钥不符' })
  }
  const encrypted = input.receiver !== null
  // the current suite draws its ephemeral key before the bundle id, as it always has (golden files reproduce)
  const ephemeral = suite === CURRENT_SUITE && encrypted ? privateKeyObject('x25519', random(32)) : null
  const head = {
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    bundleId: input.bundleId ?? ulid(Date.parse(createdAt), random),
    kind: input.kind,
    createdAt,
    ...(input.generator ? { generator: input.generator } : {}),
  } as const
  const innerZip = () =>
    writeZip(
      files.map((f) => ({ name: f.name, bytes: f.bytes, deflate: encrypted })),
      BUNDLE_LIMITS.maxRatio / 2,
    )
  if (suite === GM_SUITE) {
    if (!hasSm2Keys(keys) || !keys.sm2SigningPrivateKey) {
      throw bundleError('bundle.pack-invalid', { detail: '本院密钥没有国密密钥对，不能用国密套件签名（请先更换密钥）' })
    }
    const receiverKeys = input.receiver?.keys
    if (input.receiver && (!receiverKeys || !hasSm2Keys(receiverKeys))) {
      throw bundleError('bundle.receiver-no-sm2-key', { unitCode: input.receiver.unitCode })
    }
    const payloadKey =
      receiverKeys && hasSm2Keys(receiverKeys) ? newGmPayloadKey(random, receiverKeys.sm2EncryptionKey) : null
    const manifest: GmManifest = {
      ...head,
      suite: GM_SUITE,
      sender: {
        ...sender,
        signatureAlg: SM2_SIGNATURE,
        sm2KeyId: keys.sm2KeyId,
        sm2SigningKey: keys.sm2SigningKey,
        sm2EncryptionKey: keys.sm2EncryptionKey,
      },
      receiver:
        input.receiver && receiverKeys && hasSm2Keys(receiverKeys)
          ? { unitCode: input.receiver.unitCode, keyId: receiverKeys.keyId, sm2KeyId: receiverKeys.sm2KeyId }
          : null,
      ...tail,
      files: files.map((f) => ({ name: f.name, size: f.bytes.length, sm3: sm3Hex(f.bytes) })),
      cipher:
        payloadKey && receiverKeys && hasSm2Keys(receiverKeys)
          ? {
              suite: GM_SUITE,
              iv: payloadKey.iv,
              envelopes: [{ sm2KeyId: receiverKeys.sm2KeyId, envelope: payloadKey.envelope }],
            }
          : null,
    }
    const manifestBytes = encodeChecked(manifest)
    const signature = signManifestSm2(manifestBytes, keys.sm2SigningPrivateKey)
    const payload = payloadKey
      ? encryptPayloadSm4({ plaintext: innerZip(), manifest, manifestBytes, key: payloadKey.key })
      : innerZip()
    return finish(manifest, manifestBytes, signature, payload, encrypted)
  }
  const manifest: CurrentManifest = {
    ...head,
    sender: { ...sender, signatureAlg: ED25519_SIGNATURE },
    receiver: input.receiver ? { unitCode: input.receiver.unitCode, keyId: input.receiver.keys.keyId } : null,
    ...tail,
    files: files.map((f) => ({ name: f.name, size: f.bytes.length, sha256: sha256Hex(f.bytes) })),
    cipher: ephemeral
      ? {
          suite: X25519_SUITE,
          ephemeralPublicKey: rawPublicKey(ephemeral),
          iv: Buffer.from(random(12)).toString('base64'),
        }
      : null,
  }
  const manifestBytes = encodeChecked(manifest)
  const signature = signManifest(manifestBytes, keys.signingPrivateKey)
  const payload =
    ephemeral && input.receiver
      ? encryptPayload({
          plaintext: innerZip(),
          manifest,
          manifestBytes,
          ephemeralPrivateKey: ephemeral,
          receiverEncryptionKey: input.receiver.keys.encryptionKey,
        })
      : innerZip()
  return finish(manifest, manifestBytes, signature, payload, encrypted)
}

/** Validates a manifest with its suite's full schema and encodes it canonically (refusing what a reader would). */
function encodeChecked(manifest: BundleManifest): Uint8Array {
  const suite = manifest.suite === GM_SUITE ? GM_SUITE : CURRENT_SUITE
  const checked = manifestSchemaFor(suite).safeParse(manifest)
  if (!checked.success) throw bundleError('bundle.pack-invalid', { detail: describeZodError(checked.error, 1) })
  const manifestBytes = encodeManifest(manifest)
  if (manifestBytes.length > BUNDLE_LIMITS.maxManifestBytes) {
    throw bundleError('bundle.pack-invalid', { detail: '清单过大' })
  }
  return manifestBytes
}

function finish(
  manifest: BundleManifest,
  manifestBytes: Uint8Array,
  signature: string,
  payload: Uint8Array,
  encrypted: boolean,
): PackedBundle {
  const bytes = writeBundleContainer({ manifestBytes, signature, payload, encrypted })
  if (bytes.length > BUNDLE_LIMITS.maxBundleBytes) throw bundleError('bundle.pack-invalid', { detail: '数据包过大' })
  const suite = manifest.suite === GM_SUITE ? GM_SUITE : CURRENT_SUITE
  return { bytes, manifest, bundleHash: suiteHashHex(suite, bytes), manifestHash: suiteHashHex(suite, manifestBytes) }
}
