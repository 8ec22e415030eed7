import { randomBytes } from 'node:crypto'
import { mkdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { UnitLevel } from '../../../shared/domain/officeSetup'
import { CodedError } from '../../../shared/errors/coded'
import { describeZodError } from '../../../shared/errors/zodProblems'
import { bundleError, displayName } from '../../../shared/exchange/errors'
import { fingerprint } from '../../../shared/exchange/fingerprint'
import type { OfficeKeyRecord } from '../../../shared/exchange/keyRecord'
import { BUNDLE_LIMITS } from '../../../shared/exchange/limits'
import { type BundleManifest, bundleFileName, bundleKindLabels, isGmManifest } from '../../../shared/exchange/manifest'
import { toNdjson } from '../../../shared/exchange/ndjson'
import {
  attachmentEntry,
  magicMatches,
  renderTransferIndexHtml,
  scanDisplayName,
  TRANSFER_FORMAT,
  TRANSFER_LIMITS,
  TRANSFER_TABLE,
  TRANSFER_VERSION,
  type TransferFacts,
  type TransferFile,
  type TransferMime,
  type TransferRecord,
  transferContentProblems,
  transferFactsProblems,
  transferFactsSchema,
  transferManifestProblems,
  transferMimes,
  transferRecordSchema,
} from '../../../shared/exchange/transfer'
import { newRecordId, type RandomBytes } from '../../../shared/util/recordId'
import { fileInFolder, writeAtomically } from '../files'
import { EXCHANGE_FOLDER, GENERATOR, receiverKeysFor } from './appExchange'
import { sha256Hex } from './crypto'
import { unsealPrivateKeys } from './keys'
import { inspectBundle, openBundle } from './open'
import { type BundleFile, packBundle } from './pack'

/**
 * 案件移送材料包 in the main process (docs/exchange.md §四, shared/exchange/transfer.ts): the renderer sends the
 * case's facts, the decision document's HTML (the same template as 文书) and the scans' bytes; this module prints the
 * decision and the index to PDF, builds the signed `transfer` bundle (encrypted when the receiver is an enrolled
 * office, open otherwise) and, for an open package, a plain folder beside it that a court clerk opens without the
 * app. Opening checks everything the bundle layer checks, then the transfer's own rules. Nothing is stored here.
 */

export const TRANSFER_FOLDER = '移送材料'

export interface TransferScan {
  name: string
  mime: string
  /** The sha256 recorded when the scan was attached; the bytes must still match it. */
  sha256: string
  bytes: Uint8Array
}

export interface TransferPackRequest {
  sealed: string
  passphrase: string
  sender: { unitCode: string; unitName: string; level: UnitLevel }
  /** The receiver's public keys when it is an enrolled office (then the package is encrypted to it), else null. */
  receiverKeys: OfficeKeyRecord | null
  channelSeq: number
  auditHead: BundleManifest['auditHead']
  facts: TransferFacts
  /** The decision document (国家司法救助决定书 / 不予救助决定书) as produced by shared/documents. */
  decisionHtml: string
  scans: readonly TransferScan[]
  /** Defaults to now / Node randomness (tests inject both). */
  createdAt?: string
  random?: RandomBytes
}

export interface TransferPackResult {
  fileName: string
  /** The .jzb file. */
  path: string
  /** The plain folder for reading without the app (open packages only). */
  readableDir: string | null
  bytes: number
  bundleHash: string
  manifest: BundleManifest
  transferId: string
  files: Pick<TransferFile, 'role' | 'name' | 'size' | 'sha256'>[]
}

const packInvalid = (detail: string) => bundleError('bundle.pack-invalid', { detail })

/** The scan's real type from its first bytes (a .jpg that is a PNG is carried as what it is), or null. */
function sniff(bytes: Uint8Array, declared: string): TransferMime | null {
  const order = [declared, ...transferMimes].filter((m): m is TransferMime =>
    (transferMimes as readonly string[]).includes(m),
  )
  return order.find((m) => m !== 'text/html' && magicMatches(m, bytes)) ?? null
}

function checkedFacts(facts: TransferFacts): TransferFacts {
  const parsed = transferFactsSchema.safeParse(facts)
  if (!parsed.success) throw packInvalid(describeZodError(parsed.error, 3))
  const problems = transferFactsProblems(parsed.data)
  if (problems.length) throw packInvalid(problems.join('；'))
  return parsed.data
}

/** Everything of the package in memory: the record, its files, the packed bundle. */
export async function buildTransfer(
  req: TransferPackRequest,
  renderPdf: (html: string) => Promise<Buffer>,
): Promise<{ record: TransferRecord; files: Map<string, Uint8Array>; packed: ReturnType<typeof packBundle> }> {
  const facts = checkedFacts(req.facts)
  if (facts.sender.unitCode !== req.sender.unitCode) throw packInvalid('移送单位与发送单位不符')
  if (req.receiverKeys && req.receiverKeys.unitCode !== facts.receiver.unitCode) {
    throw new CodedError('transfer.receiver-invalid', { detail: '接收单位代码与其登记的密钥不符' })
  }
  if (req.scans.length > TRANSFER_LIMITS.maxFiles - 3) {
    throw new CodedError('transfer.too-large', {
      what: '扫描件数量',
      detail: `最多 ${TRANSFER_LIMITS.maxFiles - 3} 个`,
    })
  }
  const keys = await unsealPrivateKeys(req.sealed, req.passphrase)
  if (keys.unitCode !== req.sender.unitCode) throw packInvalid('密钥不属于发送单位')
  const random = req.random ?? ((n: number) => randomBytes(n))
  const createdAt = req.createdAt ?? new Date().toISOString()
  const ms = Date.parse(createdAt)
  const id = () => newRecordId(req.sender.unitCode, ms, random)
  const bytesById = new Map<string, Uint8Array>()
  const entry = (role: TransferFile['role'], name: string, mime: TransferMime, bytes: Uint8Array): TransferFile => {
    if (bytes.length > TRANSFER_LIMITS.maxFileBytes) {
      throw new CodedError('transfer.too-large', { what: `“${name}”`, detail: '单个文件不超过 20 MB' })
    }
    const f = { id: id(), role, name, mime, size: bytes.length, sha256: sha256Hex(bytes) }
    bytesById.set(f.id, bytes)
    return f
  }

  const scans = req.scans.map((s, i) => {
    if (sha256Hex(s.bytes) !== s.sha256) throw new CodedError('transfer.scan-changed', { name: s.name })
    const mime = sniff(s.bytes, s.mime)
    if (!mime) throw packInvalid(`扫描件“${s.name}”不是 PDF、JPEG、PNG 或 TIFF 文件`)
    return entry('scan', scanDisplayName(i, s.name, mime), mime, s.bytes)
  })
  const decisionName = facts.decision.outcome === 'granted' ? '国家司法救助决定书.pdf' : '不予救助决定书.pdf'
  const decision = entry('decision-pdf', decisionName, 'application/pdf', await renderPdf(req.decisionHtml))
  const transferId = id()
  const indexHtml = renderTransferIndexHtml({ ...facts, transferId, createdAt }, [decision, ...scans])
  const htmlBytes = new TextEncoder().encode(indexHtml)
  const indexFile = entry('index-html', 'index.html', 'text/html', htmlBytes)
  const indexPdf = entry('index-pdf', 'index.pdf', 'application/pdf', await renderPdf(indexHtml))
  const total = [...bytesById.values()].reduce((s, b) => s + b.length, 0)
  if (total > TRANSFER_LIMITS.maxTotalBytes) {
    throw new CodedError('transfer.too-large', { what: '全部文件', detail: '合计不超过 120 MB' })
  }

  const candidate = {
    format: TRANSFER_FORMAT,
    version: TRANSFER_VERSION,
    transferId,
    createdAt,
    ...facts,
    files: [indexFile, indexPdf, decision, ...scans],
  }
  const parsed = transferRecordSchema.safeParse(candidate)
  if (!parsed.success) throw packInvalid(describeZodError(parsed.error, 3))
  const record = parsed.data
  const payload: BundleFile[] = [
    { name: `${TRANSFER_TABLE}.ndjson`, bytes: toNdjson([record as unknown as Record<string, unknown>]) },
    ...record.files.map((f) => ({ name: attachmentEntry(f.id), bytes: bytesById.get(f.id) as Uint8Array })),
  ]
  const packed = packBundle({
    kind: 'transfer',
    sender: { keys, ...req.sender },
    receiver: req.receiverKeys ? { unitCode: req.receiverKeys.unitCode, keys: req.receiverKeys } : null,
    channelSeq: req.channelSeq,
    prevBundleHash: null,
    origins: [],
    tables: { [TRANSFER_TABLE]: { count: 1 } },
    auditHead: req.auditHead,
    files: payload,
    createdAt,
    generator: GENERATOR,
    random,
  })
  return { record, files: bytesById, packed }
}

const FOLDER_UNSAFE = /[^\p{Script=Han}A-Za-z0-9_\-（）()〔〕]/gu

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

/**
 * Builds the package and writes it under `<exportDir>/数据交换/移送材料/`. An open package goes into a folder
 * `移送材料_<案号>_<日期>_<序号>/` with index.html, index.pdf, the decision, `材料/…` and the .jzb itself, so the
 * clerk receives one folder; an encrypted one is the .jzb alone (its reader uses the app).
 */
export async function packTransferToFolder(
  exportDir: string,
  req: TransferPackRequest,
  renderPdf: (html: string) => Promise<Buffer>,
): Promise<TransferPackResult> {
  const { record, files, packed } = await buildTransfer(req, renderPdf)
  const base = join(exportDir, EXCHANGE_FOLDER, TRANSFER_FOLDER)
  const fileName = bundleFileName(packed.manifest)
  let target = base
  let readableDir: string | null = null
  if (!packed.manifest.receiver) {
    const day = packed.manifest.createdAt.slice(0, 10).replaceAll('-', '')
    const stem = `移送材料_${record.caseNo.replace(FOLDER_UNSAFE, '')}_${day}_${req.channelSeq}`.slice(0, 100)
    let dir = fileInFolder(base, stem)
    for (let n = 2; await exists(dir); n++) dir = fileInFolder(base, `${stem}_${n}`)
    readableDir = dir
    target = dir
    await mkdir(join(dir, '材料'), { recursive: true })
    for (const f of record.files) {
      const path = join(dir, ...f.name.split('/'))
      await writeAtomically(path, (tmp) => writeFile(tmp, files.get(f.id) as Uint8Array))
    }
  } else {
    await mkdir(base, { recursive: true })
  }
  const path = fileInFolder(target, fileName)
  await writeAtomically(path, (tmp) => writeFile(tmp, packed.bytes))
  return {
    fileName,
    path,
    readableDir,
    bytes: packed.bytes.length,
    bundleHash: packed.bundleHash,
    manifest: packed.manifest,
    transferId: record.transferId,
    files: record.files.map(({ role, name, size, sha256 }) => ({ role, name, size, sha256 })),
  }
}

export interface TransferOpenRequest {
  sealed?: string
  /** Sealed keys this office used before a rotation: a package encrypted to one of them opens with it, as archives do. */
  retiredSealed?: string[]
  passphrase?: string
  expectedReceiverUnit: string
  /** The receiver's directory (enrolled offices): a known sender must match; an unknown one is accepted, unverified. */
  trusted: OfficeKeyRecord[]
}

export interface OpenedTransfer {
  manifest: BundleManifest
  bundleHash: string
  /** The sender's key is in this office's directory (fingerprint confirmed at enrollment). */
  senderTrusted: boolean
  senderFingerprint: string
  record: TransferRecord
}

/** Caps for opening a transfer: the transfer's own, never above the bundle caps. */
const OPEN_LIMITS = {
  maxPayloadFiles: TRANSFER_LIMITS.maxFiles + 1,
  maxFileBytes: TRANSFER_LIMITS.maxFileBytes,
  maxTotalBytes: Math.min(BUNDLE_LIMITS.maxTotalBytes, TRANSFER_LIMITS.maxTotalBytes + 1024 * 1024),
}

/**
 * Opens a transfer package (in memory; nothing written): the bundle layer's checks (structure, caps before and
 * during decompression, signature, receiver, decryption, every file's sha256), then the record's strict schema, its
 * agreement with the signed manifest, and the files' content (types by their first bytes; an index page without
 * scripts that names the record's facts). Any failure is a coded error with a Chinese message.
 */
export async function openTransferBytes(bytes: Uint8Array, req: TransferOpenRequest): Promise<OpenedTransfer> {
  const { manifest } = inspectBundle(bytes)
  if (manifest.kind !== 'transfer')
    throw new CodedError('transfer.wrong-kind', { kind: bundleKindLabels[manifest.kind] })
  // One table with one record, from the signed manifest before anything is decrypted: the sender of a transfer may
  // be unknown here, so it gets no room for more records than the one it must carry.
  if (Object.keys(manifest.tables).length !== 1 || manifest.tables[TRANSFER_TABLE]?.count !== 1) {
    throw new CodedError('transfer.invalid', { detail: '缺少移送记录（transfer.ndjson 应有且只有一条）' })
  }
  const receiverKeys = await receiverKeysFor(manifest, req)
  // An office this one enrolled must sign with a key of its directory entry: the same unit code with another key
  // is an impostor (or an unannounced key change), not merely "unverified".
  const s = manifest.sender
  const entries = req.trusted.filter((t) => t.unitCode === s.unitCode)
  if (entries.length > 0 && !entries.some((t) => t.keyId === s.keyId)) {
    throw bundleError('bundle.unknown-sender', {
      unitName: displayName(s.unitName),
      unitCode: s.unitCode,
      fingerprint: fingerprint(s),
    })
  }
  const opened = openBundle(bytes, {
    receiverKeys,
    expectedReceiverUnit: req.expectedReceiverUnit,
    trustedSenders: (unitCode, keyId) => req.trusted.find((t) => t.unitCode === unitCode && t.keyId === keyId),
    allowUnknownSenderForTransfer: true,
    limits: OPEN_LIMITS,
  })
  const rows = opened.tables.get(TRANSFER_TABLE)
  if (rows?.length !== 1 || opened.tables.size !== 1) {
    throw new CodedError('transfer.invalid', { detail: '缺少移送记录（transfer.ndjson 应有且只有一条）' })
  }
  const parsed = transferRecordSchema.safeParse(rows[0])
  if (!parsed.success) throw new CodedError('transfer.invalid', { detail: describeZodError(parsed.error, 3) })
  const record = parsed.data
  const byName = new Map(opened.files.map((f) => [f.name, f.bytes]))
  const problems = transferManifestProblems(record, opened.manifest)
  if (isGmManifest(opened.manifest)) {
    for (const f of record.files) {
      const bytes = byName.get(attachmentEntry(f.id))
      if (bytes && sha256Hex(bytes) !== f.sha256) problems.push(`文件“${f.name}”的校验值与记录不符`)
    }
  }
  if (problems.length) throw new CodedError('transfer.invalid', { detail: problems.join('；') })
  const content = transferContentProblems(record, (id) => byName.get(attachmentEntry(id)) ?? new Uint8Array())
  if (content.length) {
    const [name, detail] = content[0]
    throw new CodedError('transfer.content-mismatch', { name, detail })
  }
  return {
    manifest: opened.manifest,
    bundleHash: opened.bundleHash,
    senderTrusted: opened.senderTrusted,
    senderFingerprint: opened.senderFingerprint,
    record,
  }
}
