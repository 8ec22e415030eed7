import { bundleError, displayName, isBundleError } from '../../../shared/exchange/errors'
import { fingerprint, formatFingerprint, type OfficePublicKeys } from '../../../shared/exchange/fingerprint'
import { hasSm2Keys, type Sm2PublicRecord } from '../../../shared/exchange/gmKeys'
import { type BundleLimits, resolveLimits } from '../../../shared/exchange/limits'
import { type BundleManifest, fileHashOf, isGmManifest, suiteOf } from '../../../shared/exchange/manifest'
import { decodeManifest } from '../../../shared/exchange/manifestCodec'
import {
  ENCRYPTED_PAYLOAD_ENTRY,
  isPayloadFileName,
  MANIFEST_ENTRY,
  PLAIN_PAYLOAD_ENTRY,
  SIGNATURE_ENTRY,
  tableNameOf,
} from '../../../shared/exchange/names'
import { countNdjsonLines, parseNdjson } from '../../../shared/exchange/ndjson'
import { DEFLATE, extractEntry, readZip, type ZipEntry } from './container'
import { decryptPayload, verifyManifestSignature } from './crypto'
import { decryptPayloadSm4, suiteHashHex, verifyManifestSm2 } from './gmCrypto'
import type { OfficeKeys } from './keys'
import type { BundleFile } from './pack'

/**
 * The receiver's directory of trusted offices: the key record of (unit, key id) — with its SM2 half when the office
 * has one —, or undefined when not trusted.
 */
export type TrustedSenderLookup = (unitCode: string, keyId: string) => (OfficePublicKeys & Sm2PublicRecord) | undefined

export interface InspectedBundle {
  manifest: BundleManifest
  /** sha256 (SM3 in the 国密 suite), hex, of the whole file. */
  bundleHash: string
  /** sha256 (SM3 in the 国密 suite), hex, of the manifest bytes. */
  manifestHash: string
  /** The signature verifies against the signing key the manifest itself names (not yet against any directory). */
  signatureValid: boolean
  senderFingerprint: string
  /** 国密指纹 of the sender's SM2 keys, in a 国密 bundle. */
  senderSm2Fingerprint?: string
  payloadEntry: typeof ENCRYPTED_PAYLOAD_ENTRY | typeof PLAIN_PAYLOAD_ENTRY
  payloadBytes: number
}

export interface OpenOptions {
  /** This office's keys (several after a rotation: the manifest's receiver key id picks one). */
  receiverKeys: OfficeKeys | readonly OfficeKeys[]
  /** This office's unit code. */
  expectedReceiverUnit: string
  trustedSenders: TrustedSenderLookup
  /** Accept an enrollment bundle from an office not yet in the directory (to be confirmed by fingerprint). */
  allowUnknownSenderForEnrollment?: boolean
  /**
   * Accept a case transfer (移送材料) from an office not in the directory: the package travels with the paper case
   * file to any unit, so its sender is often unknown. `senderTrusted` is then false and the importer shows the
   * fingerprint and records the package as unverified. A sender IN the directory must still match its keys.
   */
  allowUnknownSenderForTransfer?: boolean
  /**
   * Diagnostics only (CLI `bundle dump`): accept any sender whose signature verifies against the key in the
   * manifest. The result then says `senderTrusted: false`. Never use for import.
   */
  acceptAnySender?: boolean
  /** Lower caps (tests); defaults are BUNDLE_LIMITS. */
  limits?: Partial<BundleLimits>
}

export interface OpenedBundle {
  manifest: BundleManifest
  bundleHash: string
  manifestHash: string
  /** False only for an accepted unknown enrollment sender (or `acceptAnySender`): confirm the fingerprint first. */
  senderTrusted: boolean
  senderFingerprint: string
  senderSm2Fingerprint?: string
  /** Plaintext payload files in manifest order, every one present, sized and hashed as the manifest says. */
  files: BundleFile[]
  /** Parsed records per table (`cases.ndjson` → `cases`), safe against prototype pollution. */
  tables: ReadonlyMap<string, Record<string, unknown>[]>
}

interface Outer extends InspectedBundle {
  manifestBytes: Uint8Array
  payload: Uint8Array
}

function readOuter(bytes: Uint8Array, limits: BundleLimits): Outer {
  if (bytes.length > limits.maxBundleBytes) {
    throw bundleError('bundle.too-large', { what: '数据包文件', size: bytes.length, limit: limits.maxBundleBytes })
  }
  const entries = readZip(bytes, { layer: 'outer', maxEntries: 3, allowDeflate: false })
  const names = entries.map((e) => e.name)
  const payloadName = names[2]
  if (
    names.length !== 3 ||
    names[0] !== MANIFEST_ENTRY ||
    names[1] !== SIGNATURE_ENTRY ||
    (payloadName !== ENCRYPTED_PAYLOAD_ENTRY && payloadName !== PLAIN_PAYLOAD_ENTRY)
  ) {
    throw bundleError('bundle.unexpected-entry', { names: names.map((n) => displayName(n, 40)).join('、') || '（无）' })
  }
  const [manifestEntry, sigEntry, payloadEntry] = entries
  if (manifestEntry.size > limits.maxManifestBytes) {
    throw bundleError('bundle.too-large', {
      what: MANIFEST_ENTRY,
      size: manifestEntry.size,
      limit: limits.maxManifestBytes,
    })
  }
  if (sigEntry.size > limits.maxSignatureBytes) {
    throw bundleError('bundle.too-large', {
      what: SIGNATURE_ENTRY,
      size: sigEntry.size,
      limit: limits.maxSignatureBytes,
    })
  }
  const manifestBytes = extractEntry(bytes, manifestEntry, 'outer')
  const signature = Buffer.from(extractEntry(bytes, sigEntry, 'outer')).toString('latin1')
  const payload = extractEntry(bytes, payloadEntry, 'outer', false)
  const manifest = decodeManifest(manifestBytes, limits)
  if ((manifest.cipher !== null) !== (payloadName === ENCRYPTED_PAYLOAD_ENTRY)) {
    throw bundleError('bundle.unexpected-entry', {
      names: `${names.join('、')}（清单${manifest.cipher ? '声明已加密' : '声明未加密'}）`,
    })
  }
  // the suite is read from the signed manifest; each suite verifies only with its own algorithm and key
  const gm = isGmManifest(manifest)
  const suite = suiteOf(manifest)
  return {
    manifest,
    manifestBytes,
    payload,
    bundleHash: suiteHashHex(suite, bytes),
    manifestHash: suiteHashHex(suite, manifestBytes),
    signatureValid: gm
      ? verifyManifestSm2(manifestBytes, signature, manifest.sender.sm2SigningKey)
      : verifyManifestSignature(manifestBytes, signature, manifest.sender.signingKey),
    senderFingerprint: fingerprint(manifest.sender),
    ...(gm ? { senderSm2Fingerprint: formatFingerprint(manifest.sender.sm2KeyId) } : {}),
    payloadEntry: payloadName,
    payloadBytes: payload.length,
  }
}

function guarded<T>(run: () => T): T {
  try {
    return run()
  } catch (e) {
    if (isBundleError(e)) throw e
    throw bundleError('bundle.internal', { detail: e instanceof Error ? e.message : String(e) })
  }
}

/**
 * Reads a bundle's container and manifest and checks the signature against the key the manifest names, without
 * decrypting or trusting anything (for previews and `npm run cli -- bundle inspect`). Structural and manifest
 * failures throw `bundle.*` CodedErrors; a bad signature is reported as `signatureValid: false`.
 */
export function inspectBundle(bytes: Uint8Array, limits?: Partial<BundleLimits>): InspectedBundle {
  return guarded(() => {
    const { manifestBytes: _m, payload: _p, ...inspected } = readOuter(bytes, resolveLimits(limits))
    return inspected
  })
}

function checkSender(outer: Outer, opts: OpenOptions): boolean {
  const { sender, kind } = outer.manifest
  const known = opts.trustedSenders(sender.unitCode, sender.keyId)
  if (known) {
    const manifest = outer.manifest
    // a 国密 bundle is checked against the SM2 keys the directory holds for this office key, and needs them
    if (isGmManifest(manifest) && !hasSm2Keys(known)) {
      throw bundleError('bundle.sender-no-sm2-key', {
        unitName: displayName(sender.unitName),
        unitCode: sender.unitCode,
      })
    }
    const sm2Differs =
      isGmManifest(manifest) &&
      (known.sm2KeyId !== manifest.sender.sm2KeyId ||
        known.sm2SigningKey !== manifest.sender.sm2SigningKey ||
        known.sm2EncryptionKey !== manifest.sender.sm2EncryptionKey)
    if (
      known.keyId !== sender.keyId ||
      known.signingKey !== sender.signingKey ||
      known.encryptionKey !== sender.encryptionKey ||
      sm2Differs
    ) {
      throw bundleError('bundle.unknown-sender', {
        unitName: displayName(sender.unitName),
        unitCode: sender.unitCode,
        fingerprint: outer.senderFingerprint,
      })
    }
    return true
  }
  if (
    opts.acceptAnySender ||
    (kind === 'enrollment' && opts.allowUnknownSenderForEnrollment) ||
    (kind === 'transfer' && opts.allowUnknownSenderForTransfer)
  ) {
    return false
  }
  throw bundleError('bundle.unknown-sender', {
    unitName: displayName(sender.unitName),
    unitCode: sender.unitCode,
    fingerprint: outer.senderFingerprint,
  })
}

function receiverKey(manifest: BundleManifest, opts: OpenOptions): OfficeKeys | null {
  if (!manifest.receiver) return null
  if (manifest.receiver.unitCode !== opts.expectedReceiverUnit) {
    throw bundleError('bundle.wrong-receiver', {
      receiver: manifest.receiver.unitCode,
      expected: opts.expectedReceiverUnit,
    })
  }
  const keys = Array.isArray(opts.receiverKeys) ? opts.receiverKeys : [opts.receiverKeys as OfficeKeys]
  const key = keys.find((k) => k.keyId === manifest.receiver?.keyId && k.unitCode === opts.expectedReceiverUnit)
  if (!key) throw bundleError('bundle.receiver-key-unknown', { keyId: manifest.receiver.keyId })
  // a 国密 bundle names the SM2 key too: this office key must hold exactly that one, private half included
  if (
    isGmManifest(manifest) &&
    manifest.receiver &&
    (key.sm2KeyId !== manifest.receiver.sm2KeyId || !key.sm2EncryptionPrivateKey)
  ) {
    throw bundleError('bundle.receiver-key-unknown', { keyId: manifest.receiver.sm2KeyId })
  }
  return key
}

/**
 * The signed manifest's sizes and record counts against the caps, before anything is decrypted or inflated: a
 * bundle that declares more than a reader may hold is refused here, having cost nothing but its manifest.
 */
function checkDeclaredSizes(manifest: BundleManifest, limits: BundleLimits): void {
  if (manifest.files.length > limits.maxPayloadFiles) {
    throw bundleError('bundle.too-many-entries', {
      count: manifest.files.length,
      limit: limits.maxPayloadFiles,
      where: '清单',
    })
  }
  let total = 0
  for (const f of manifest.files) {
    if (f.size > limits.maxFileBytes) {
      throw bundleError('bundle.too-large', { what: f.name, size: f.size, limit: limits.maxFileBytes })
    }
    total += f.size
  }
  if (total > limits.maxTotalBytes) {
    throw bundleError('bundle.too-large', { what: '全部数据文件', size: total, limit: limits.maxTotalBytes })
  }
  for (const [table, { count }] of Object.entries(manifest.tables)) {
    if (count > limits.maxNdjsonLines) {
      throw bundleError('bundle.too-large', {
        what: `${table}.ndjson`,
        size: `${count} 行`,
        limit: `${limits.maxNdjsonLines} 行`,
      })
    }
  }
}

/** Matches the inner zip against the manifest before anything is decompressed. */
function planExtraction(entries: ZipEntry[], manifest: BundleManifest, limits: BundleLimits): ZipEntry[] {
  const declared = new Map(manifest.files.map((f) => [f.name, f]))
  const present = new Set<string>()
  for (const e of entries) {
    if (!isPayloadFileName(e.name)) throw bundleError('bundle.bad-entry-name', { name: displayName(e.name) })
    const f = declared.get(e.name)
    if (!f) throw bundleError('bundle.file-extra', { name: e.name })
    present.add(e.name)
    if (e.size !== f.size)
      throw bundleError('bundle.file-size-mismatch', { name: e.name, expected: f.size, actual: e.size })
    if (e.method === DEFLATE && e.size > limits.ratioFloorBytes && e.size > limits.maxRatio * e.compressedSize) {
      throw bundleError('bundle.bomb', {
        name: e.name,
        ratio: Math.round(e.size / Math.max(1, e.compressedSize)),
        limit: limits.maxRatio,
      })
    }
  }
  for (const f of manifest.files) if (!present.has(f.name)) throw bundleError('bundle.file-missing', { name: f.name })
  const byName = new Map(entries.map((e) => [e.name, e]))
  return manifest.files.map((f) => byName.get(f.name)!)
}

/**
 * Opens a bundle addressed to this office (docs/bundle-format.md §8.2), entirely in memory. Checks, in order:
 * size cap; container structure and entry allowlist; manifest (safe JSON, version, suite, strict schema, canonical
 * bytes); signature; receiver is us and we hold the key; sender trusted (or an allowed enrollment); declared sizes
 * within caps; decryption (AEAD bound to the manifest); inner zip structure, names, no extra/missing files, sizes,
 * compression ratio; inflation capped at the declared sizes; sha256 of every file; NDJSON record counts and safe
 * parsing. Every refusal is a CodedError with a 'bundle.*' code; replay and sequence checks are the importer's
 * (it gets `bundleHash` and `manifest.channelSeq`).
 */
export function openBundle(bytes: Uint8Array, opts: OpenOptions): OpenedBundle {
  return guarded(() => {
    const limits = resolveLimits(opts.limits)
    const outer = readOuter(bytes, limits)
    const { manifest } = outer
    if (!outer.signatureValid) throw bundleError('bundle.bad-signature')
    const key = receiverKey(manifest, opts)
    const senderTrusted = checkSender(outer, opts)
    checkDeclaredSizes(manifest, limits)
    const inner = !key
      ? outer.payload
      : isGmManifest(manifest)
        ? decryptPayloadSm4({
            ciphertext: outer.payload,
            manifest,
            manifestBytes: outer.manifestBytes,
            sm2KeyId: key.sm2KeyId ?? '',
            sm2EncryptionPrivateKey: key.sm2EncryptionPrivateKey ?? '',
          })
        : decryptPayload({
            ciphertext: outer.payload,
            manifest,
            manifestBytes: outer.manifestBytes,
            receiverEncryptionPrivateKey: key.encryptionPrivateKey,
          })
    const entries = readZip(inner, { layer: 'payload', maxEntries: limits.maxPayloadFiles, allowDeflate: key !== null })
    const plan = planExtraction(entries, manifest, limits)
    const files: BundleFile[] = []
    const tables = new Map<string, Record<string, unknown>[]>()
    let total = 0
    for (const [i, entry] of plan.entries()) {
      const expected = manifest.files[i]
      const data = extractEntry(inner, entry, 'payload')
      total += data.length
      if (total > limits.maxTotalBytes) {
        throw bundleError('bundle.too-large', { what: '全部数据文件', size: total, limit: limits.maxTotalBytes })
      }
      if (suiteHashHex(suiteOf(manifest), data) !== fileHashOf(expected)) {
        throw bundleError('bundle.file-hash-mismatch', { name: expected.name })
      }
      const table = tableNameOf(expected.name)
      if (table !== null) {
        const want = manifest.tables[table].count
        const lines = countNdjsonLines(data)
        if (lines !== want) throw bundleError('bundle.count-mismatch', { table, expected: want, actual: lines })
        tables.set(table, parseNdjson(data, want, expected.name, limits))
      }
      files.push({ name: expected.name, bytes: data })
    }
    return {
      manifest,
      bundleHash: outer.bundleHash,
      manifestHash: outer.manifestHash,
      senderTrusted,
      senderFingerprint: outer.senderFingerprint,
      ...(outer.senderSm2Fingerprint ? { senderSm2Fingerprint: outer.senderSm2Fingerprint } : {}),
      files,
      tables,
    }
  })
}
