import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { UnitLevel } from '../../../shared/domain/officeSetup'
import { CodedError } from '../../../shared/errors/coded'
import { bundleError } from '../../../shared/exchange/errors'
import { fingerprint } from '../../../shared/exchange/fingerprint'
import type { KeyRotation, OfficeKeyRecord } from '../../../shared/exchange/keyRecord'
import { ARCHIVE_SCAN_MAX_BYTES } from '../../../shared/exchange/limits'
import { type BundleKind, type BundleManifest, bundleFileName } from '../../../shared/exchange/manifest'
import { toNdjson } from '../../../shared/exchange/ndjson'
import { attachmentEntry } from '../../../shared/exchange/transfer'
import { fileInFolder, writeAtomically } from '../files'
import { sha256Hex } from './crypto'
import {
  generateOfficeKeys,
  publicKeyRecord,
  readSealCipher,
  readSealedKeyRecord,
  sealNeedsUpgrade,
  sealPrivateKeys,
  signRotation,
  unsealPrivateKeys,
  verifyRotation,
} from './keys'
import { inspectBundle, openBundle } from './open'
import { type BundleFile, packBundle } from './pack'

/**
 * The exchange services the app calls over IPC (docs/exchange.md): the main process generates and seals office
 * keys, packs bundles from records the renderer sends and writes them to the exchange folder, and inspects and
 * opens bundle bytes the operator picked. It never stores case data and never holds an unsealed key beyond one
 * call: the sealed key lives in the office's IndexedDB (and so in its encrypted backups), the passphrase is typed
 * for each operation.
 */

export const EXCHANGE_FOLDER = '数据交换'
export const GENERATOR = 'jiuzhu-desk 0.1.0'
const ATTACHMENT_PREFIX = attachmentEntry('')

export interface CreatedKeys {
  sealed: string
  record: OfficeKeyRecord
  fingerprint: string
}

/** A new office key pair sealed under `passphrase` (scrypt + AES-256-GCM, docs/bundle-format.md §2.1). */
export async function createSealedOfficeKeys(unitCode: string, passphrase: string): Promise<CreatedKeys> {
  const keys = generateOfficeKeys({ unitCode })
  const sealed = await sealPrivateKeys(keys, passphrase)
  return { sealed, record: publicKeyRecord(keys), fingerprint: fingerprint(keys) }
}

/** Re-seals the office key under a new passphrase; the old one must open it. */
export async function resealOfficeKeys(sealed: string, passphrase: string, newPassphrase: string): Promise<string> {
  const keys = await unsealPrivateKeys(sealed, passphrase)
  return sealPrivateKeys(keys, newPassphrase, { cipher: readSealCipher(sealed) })
}

/**
 * 核对密钥口令: opens the sealed key with the passphrase. A key file not in the current format (other scrypt
 * parameters, or no header checksum) comes back sealed again in it under the same passphrase (`resealed`), for the
 * renderer to store in place of the old one (docs/security.md §1).
 */
export async function checkSealedPassphrase(
  sealed: string,
  passphrase: string,
): Promise<{ keyId: string; resealed?: string }> {
  const keys = await unsealPrivateKeys(sealed, passphrase)
  if (!sealNeedsUpgrade(sealed)) return { keyId: keys.keyId }
  return { keyId: keys.keyId, resealed: await sealPrivateKeys(keys, passphrase, { cipher: readSealCipher(sealed) }) }
}

export interface RotatedKeys extends CreatedKeys {
  rotation: KeyRotation
}

/**
 * 密钥更换 (docs/bundle-format.md §2.2): a new key pair for the same office, its record naming the old key id, sealed
 * under the same passphrase, and the rotation announcement signed by the OLD signing key. The old sealed key stays
 * with the office (the renderer keeps it as a retired key) so bundles still in flight to it can be opened.
 */
export async function rotateSealedOfficeKeys(sealed: string, passphrase: string): Promise<RotatedKeys> {
  const old = await unsealPrivateKeys(sealed, passphrase)
  const next = generateOfficeKeys({ unitCode: old.unitCode, previousKeyId: old.keyId })
  const record = publicKeyRecord(next)
  const rotation = signRotation(old, record)
  const resealed = await sealPrivateKeys(next, passphrase, { cipher: readSealCipher(sealed) })
  return { sealed: resealed, record, fingerprint: fingerprint(next), rotation }
}

/** Checks a rotation announcement against the key this office holds for the announcing office. */
export function checkRotation(
  rotation: Record<string, unknown>,
  previous: OfficeKeyRecord,
): { valid: boolean; next?: OfficeKeyRecord } {
  if (!verifyRotation(rotation, previous)) return { valid: false }
  return { valid: true, next: publicKeyRecord((rotation as unknown as KeyRotation).next as OfficeKeyRecord) }
}

/** Sum of `amountFen` over records that carry one (ledger entries, donations): the manifest's money total. */
export function amountTotal(rows: readonly Record<string, unknown>[]): number | undefined {
  let total = 0
  let any = false
  for (const r of rows) {
    if (typeof r.amountFen === 'number' && Number.isSafeInteger(r.amountFen)) {
      total += r.amountFen
      any = true
    }
  }
  return any ? total : undefined
}

export interface PackRequest {
  sealed: string
  passphrase: string
  kind: BundleKind
  sender: { unitCode: string; unitName: string; level: UnitLevel }
  receiver: { unitCode: string; keys: OfficeKeyRecord } | null
  channelSeq: number
  prevBundleHash: string | null
  origins: BundleManifest['origins']
  auditHead: BundleManifest['auditHead']
  tables: Record<string, Record<string, unknown>[]>
  /** Archive only: each attachment's bytes (base64) with the sha256 its record states. */
  scans?: { id: string; sha256: string; bytes: string }[]
}

export interface PackResult {
  fileName: string
  path: string
  bytes: number
  bundleHash: string
  manifest: BundleManifest
}

/**
 * Packs a bundle signed with the office key (unsealed for this call only) and writes it atomically to
 * `<exportDir>/数据交换/<kind>_<sender>_<receiver>_<seq>_<date>.jzb`. Counts and money totals per table are computed
 * here from the records, so the manifest always agrees with the payload.
 */
export async function packToFolder(exportDir: string, req: PackRequest): Promise<PackResult> {
  const keys = await unsealPrivateKeys(req.sealed, req.passphrase)
  if (keys.unitCode !== req.sender.unitCode) throw bundleError('bundle.pack-invalid', { detail: '密钥不属于发送单位' })
  const files: BundleFile[] = []
  const tables: BundleManifest['tables'] = {}
  for (const [name, rows] of Object.entries(req.tables)) {
    const amountFen = amountTotal(rows)
    tables[name] = { count: rows.length, ...(amountFen !== undefined ? { totals: { amountFen } } : {}) }
    files.push({ name: `${name}.ndjson`, bytes: toNdjson(rows) })
  }
  files.push(...scanFiles(req))
  const packed = packBundle({
    kind: req.kind,
    sender: { keys, ...req.sender },
    receiver: req.receiver,
    channelSeq: req.channelSeq,
    prevBundleHash: req.prevBundleHash,
    origins: req.origins,
    tables,
    auditHead: req.auditHead,
    files,
    generator: GENERATOR,
  })
  const folder = join(exportDir, EXCHANGE_FOLDER)
  await mkdir(folder, { recursive: true })
  const fileName = bundleFileName(packed.manifest)
  const path = fileInFolder(folder, fileName)
  await writeAtomically(path, (tmp) => writeFile(tmp, packed.bytes))
  return { fileName, path, bytes: packed.bytes.length, bundleHash: packed.bundleHash, manifest: packed.manifest }
}

/**
 * The scans of an archive as payload files `attachments/<id>` — the same entries a transfer package uses
 * (docs/bundle-format.md §5). Each must belong to an attachment record of the archive and match its sha256 and size,
 * so the receiver's check against the record can only fail for a bundle changed after signing (or a forged one).
 */
function scanFiles(req: PackRequest): BundleFile[] {
  const scans = req.scans ?? []
  if (scans.length === 0) return []
  if (req.kind !== 'archive') throw bundleError('bundle.pack-invalid', { detail: '只有上报数据包附带扫描件' })
  const records = new Map((req.tables.attachments ?? []).map((r) => [r.id, r]))
  const seen = new Set<string>()
  return scans.map((scan) => {
    const record = records.get(scan.id)
    const bytes = Buffer.from(scan.bytes, 'base64')
    const name = typeof record?.name === 'string' ? record.name : scan.id
    const invalid = (detail: string) => bundleError('bundle.pack-invalid', { detail: `扫描件“${name}”${detail}` })
    if (!record) throw invalid('没有对应的附件记录')
    if (seen.has(scan.id)) throw invalid('重复出现')
    seen.add(scan.id)
    if (bytes.toString('base64') !== scan.bytes) throw invalid('的内容编码不正确')
    if (bytes.length > ARCHIVE_SCAN_MAX_BYTES) throw invalid('超过 20 MB')
    if (sha256Hex(bytes) !== scan.sha256 || scan.sha256 !== record.sha256 || bytes.length !== record.size) {
      throw invalid('的内容与附件记录的校验值或大小不符')
    }
    return { name: attachmentEntry(scan.id), bytes: new Uint8Array(bytes) }
  })
}

export interface InspectResult {
  manifest: BundleManifest
  bundleHash: string
  signatureValid: boolean
  senderFingerprint: string
  encrypted: boolean
  size: number
}

/** Container, manifest and signature of picked bytes, without keys (what the import screen shows first). */
export function inspectBytes(bytes: Uint8Array): InspectResult {
  const i = inspectBundle(bytes)
  return {
    manifest: i.manifest,
    bundleHash: i.bundleHash,
    signatureValid: i.signatureValid,
    senderFingerprint: i.senderFingerprint,
    encrypted: i.payloadEntry === 'payload.bin',
    size: bytes.length,
  }
}

export interface OpenRequest {
  sealed?: string
  /** Sealed keys this office used before a rotation (same passphrase at the time of rotation). */
  retiredSealed?: string[]
  passphrase?: string
  expectedReceiverUnit: string
  /** The receiver's directory: public keys of offices it has enrolled (fingerprint confirmed). */
  trusted: OfficeKeyRecord[]
  /** Accept an enrollment bundle from an office not in the directory yet (the UI then asks for the fingerprint). */
  allowEnrollment: boolean
}

export interface OpenResult {
  manifest: BundleManifest
  bundleHash: string
  senderTrusted: boolean
  senderFingerprint: string
  tables: Record<string, Record<string, unknown>[]>
  /** The `attachments/<id>` payload files (scans of an archive), base64, with size and sha256 from the manifest. */
  scans?: { id: string; size: number; sha256: string; bytes: string }[]
}

/**
 * Opens picked bytes addressed to this office (docs/bundle-format.md §8.2): verified, decrypted with the office
 * key when encrypted, every file hashed, every record safely parsed. Nothing is written anywhere.
 */
/**
 * The private key to decrypt a bundle addressed to this office: none for an open bundle; otherwise the sealed key the
 * manifest names (the current one, or a retired one for a bundle sent before a rotation arrived), unsealed with the
 * passphrase. Refuses a bundle for another office, and asks for the key or passphrase when missing.
 */
export async function receiverKeysFor(
  manifest: BundleManifest,
  req: Pick<OpenRequest, 'sealed' | 'retiredSealed' | 'passphrase' | 'expectedReceiverUnit'>,
): Promise<Awaited<ReturnType<typeof unsealPrivateKeys>>[]> {
  if (manifest.receiver === null) return []
  if (manifest.receiver.unitCode !== req.expectedReceiverUnit) {
    throw bundleError('bundle.wrong-receiver', {
      receiver: manifest.receiver.unitCode,
      expected: req.expectedReceiverUnit,
    })
  }
  if (!req.sealed) throw new CodedError('exchange.no-office-key')
  if (!req.passphrase) throw new CodedError('exchange.passphrase-required')
  const wanted = manifest.receiver.keyId
  const named = [req.sealed, ...(req.retiredSealed ?? [])].find((s) => sealedKeyIdOf(s) === wanted)
  return [await unsealPrivateKeys(named ?? req.sealed, req.passphrase)]
}

export async function openBytes(bytes: Uint8Array, req: OpenRequest): Promise<OpenResult> {
  const { manifest } = inspectBundle(bytes)
  const receiverKeys = await receiverKeysFor(manifest, req)
  const opened = openBundle(bytes, {
    receiverKeys,
    expectedReceiverUnit: req.expectedReceiverUnit,
    trustedSenders: (unitCode, keyId) => req.trusted.find((t) => t.unitCode === unitCode && t.keyId === keyId),
    allowUnknownSenderForEnrollment: req.allowEnrollment,
  })
  const tables: Record<string, Record<string, unknown>[]> = {}
  for (const [name, rows] of opened.tables) tables[name] = rows
  const scans = opened.manifest.files.flatMap((f, i) =>
    f.name.startsWith(ATTACHMENT_PREFIX)
      ? [
          {
            id: f.name.slice(ATTACHMENT_PREFIX.length),
            size: f.size,
            // the records name scans by SHA-256; a 国密 manifest lists SM3, so hash the (already verified) bytes
            sha256: sha256Hex(opened.files[i].bytes),
            bytes: Buffer.from(opened.files[i].bytes).toString('base64'),
          },
        ]
      : [],
  )
  return {
    ...(scans.length ? { scans } : {}),
    manifest: opened.manifest,
    bundleHash: opened.bundleHash,
    senderTrusted: opened.senderTrusted,
    senderFingerprint: opened.senderFingerprint,
    tables,
  }
}

function sealedKeyIdOf(sealed: string): string | undefined {
  try {
    return readSealedKeyRecord(sealed).keyId
  } catch {
    return undefined
  }
}

/** Base64 (from the renderer) → bytes, refusing anything that is not canonical base64. */
export function bytesFromBase64(b64: string): Uint8Array {
  const buf = Buffer.from(b64, 'base64')
  if (buf.toString('base64') !== b64) throw bundleError('bundle.not-a-bundle')
  return new Uint8Array(buf)
}
