import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { z } from 'zod'
import { auditHashLabels, headAuditHash } from '../../../shared/audit/hashAlg'
import { unitLevelLabels } from '../../../shared/domain/officeSetup'
import { exchangeMessages } from '../../../shared/errors/exchange'
import { base64PatternFor } from '../../../shared/exchange/base64'
import { bundleError, bundleErrorMessage, displayName, isBundleError } from '../../../shared/exchange/errors'
import { formatFingerprint, KEY_ID_PATTERN, keyIdOf, type OfficePublicKeys } from '../../../shared/exchange/fingerprint'
import { BUNDLE_LIMITS } from '../../../shared/exchange/limits'
import { type BundleManifest, bundleKindLabels, fileHashOf, type ManifestFile } from '../../../shared/exchange/manifest'
import { type OfficeKeys, unsealPrivateKeys } from './keys'
import { inspectBundle, openBundle, type TrustedSenderLookup } from './open'

/**
 * What `npm run cli -- bundle verify|inspect|dump` runs (docs/bundle-format.md §10). These functions read the
 * bundle file (and a sealed key file) and nothing else; they never write.
 */
async function readBounded(path: string, maxBytes: number): Promise<Uint8Array> {
  try {
    const { size } = await stat(path)
    if (size > maxBytes) throw bundleError('bundle.too-large', { what: basename(path), size, limit: maxBytes })
    return new Uint8Array(await readFile(path))
  } catch (e) {
    if (isBundleError(e)) throw e
    const code = (e as NodeJS.ErrnoException)?.code
    const detail = code === 'ENOENT' ? '文件不存在' : code === 'EACCES' ? '没有读取权限' : String(code ?? e)
    throw bundleError('bundle.read-failed', { path: displayName(path, 120), detail })
  }
}

export interface VerifyReport {
  /** Nothing failed: container, manifest, signature (and the sender, the payload where they could be checked). */
  ok: boolean
  /**
   * The sender's keys were found in the trusted directory given (`--trust`). Without one a valid signature only
   * says that SOME key signed the bundle — anyone can make a key and write any office into the manifest.
   */
  senderVerified: boolean
  manifest: BundleManifest | null
  /** Chinese lines: every failed check, and every check that could not be made. */
  reasons: string[]
}

const TRUST_FILE_MAX_BYTES = 16 * 1024 * 1024
const trustEntrySchema = z.object({
  unitCode: z.string().regex(/^\d{6}$/),
  keyId: z.string().regex(KEY_ID_PATTERN),
  signingKey: z.string().regex(base64PatternFor(32)),
  encryptionKey: z.string().regex(base64PatternFor(32)),
})

/**
 * The receiving office's directory of trusted keys for `bundle verify|dump --trust <file>`: a JSON array (or an
 * object with a `directory` or `entries` array, or NDJSON, one entry a line) of key records — `{ unitCode, keyId,
 * signingKey, encryptionKey, … }` as `generate` writes `keys/directory.json` — or of directory entries `{ unitCode,
 * record: {…}, revokedKeys?: [{ keyId, … }] }` as a standards bundle carries them (docs/bundle-format.md §14). A key
 * id must derive from its keys; a key the file lists as revoked is not trusted. Any entry that does not parse makes
 * the whole file unusable (`bundle.read-failed` naming the entry), so a typo cannot silently trust nobody.
 */
export async function readTrustFile(path: string): Promise<TrustedSenderLookup> {
  const text = Buffer.from(await readBounded(path, TRUST_FILE_MAX_BYTES)).toString('utf8')
  const bad = (detail: string) => bundleError('bundle.read-failed', { path: displayName(path, 120), detail })
  let items: unknown[]
  try {
    const trimmed = text.replace(/^\uFEFF/, '').trim()
    let whole: unknown
    try {
      whole = JSON.parse(trimmed)
    } catch {
      whole = undefined // NDJSON: one entry a line
    }
    const list =
      whole === undefined
        ? trimmed
            .split('\n')
            .filter((l) => l.trim() !== '')
            .map((l) => JSON.parse(l) as unknown)
        : Array.isArray(whole)
          ? whole
          : ((whole as { directory?: unknown })?.directory ?? (whole as { entries?: unknown })?.entries ?? [whole])
    if (!Array.isArray(list)) throw new Error('no list')
    items = list
  } catch {
    throw bad('不是可信单位目录（应为单位公钥记录的 JSON 数组或每行一条的 NDJSON）')
  }
  if (items.length === 0) throw bad('可信单位目录中没有任何单位')
  const trusted = new Map<string, OfficePublicKeys & { unitCode: string }>()
  const revoked = new Set<string>()
  for (const [i, item] of items.entries()) {
    const entry = (item ?? {}) as { record?: unknown; revokedKeys?: unknown }
    const parsed = trustEntrySchema.safeParse(entry.record ?? item)
    if (!parsed.success || keyIdOf(parsed.data) !== parsed.data.keyId) {
      throw bad(`第 ${i + 1} 项不是有效的单位公钥记录（单位代码、密钥编号、签名公钥、加密公钥，编号须与公钥一致）`)
    }
    trusted.set(`${parsed.data.unitCode}/${parsed.data.keyId}`, parsed.data)
    if (Array.isArray(entry.revokedKeys)) {
      for (const r of entry.revokedKeys) {
        const keyId = (r as { keyId?: unknown })?.keyId
        if (typeof keyId === 'string') revoked.add(`${parsed.data.unitCode}/${keyId}`)
      }
    }
  }
  return (unitCode, keyId) => (revoked.has(`${unitCode}/${keyId}`) ? undefined : trusted.get(`${unitCode}/${keyId}`))
}

/**
 * Verifies a bundle file without importing it: container, manifest, signature; the sender against `trust` when
 * given; and the payload files (sizes, hashes, records) when the bundle is open or `keys` can decrypt it.
 */
export async function verifyBundleFile(
  path: string,
  trust?: TrustedSenderLookup,
  keys?: OfficeKeys,
): Promise<VerifyReport> {
  let bytes: Uint8Array
  let manifest: BundleManifest
  let signatureValid: boolean
  try {
    bytes = await readBounded(path, BUNDLE_LIMITS.maxBundleBytes)
    ;({ manifest, signatureValid } = inspectBundle(bytes))
  } catch (e) {
    return { ok: false, senderVerified: false, manifest: null, reasons: [bundleErrorMessage(e)] }
  }
  if (!signatureValid) {
    return { ok: false, senderVerified: false, manifest, reasons: [exchangeMessages['bundle.bad-signature']()] }
  }
  const reasons: string[] = []
  let ok = true
  let senderVerified = false
  const fp = formatFingerprint(manifest.sender.keyId)
  if (!trust) {
    reasons.push(
      `未核验发送单位身份：未提供可信单位目录（--trust）。签名只说明数据包由清单所列的公钥签发，任何人都可以生成密钥并自称任一单位。发送单位密钥指纹为 ${fp}，请与对方电话核对，或用 --trust 指定本院的可信单位目录。`,
    )
  } else {
    const known = trust(manifest.sender.unitCode, manifest.sender.keyId)
    const matches =
      known?.signingKey === manifest.sender.signingKey && known?.encryptionKey === manifest.sender.encryptionKey
    senderVerified = matches
    if (!matches) {
      ok = false
      reasons.push(
        exchangeMessages['bundle.unknown-sender']({
          unitName: displayName(manifest.sender.unitName),
          unitCode: manifest.sender.unitCode,
          fingerprint: fp,
        }),
      )
    }
  }
  if (manifest.cipher && !keys) {
    reasons.push('未校验数据文件：数据部分已加密，需提供接收单位的密钥才能逐一核对文件。')
  } else {
    try {
      openBundle(bytes, {
        receiverKeys: keys ? [keys] : [],
        expectedReceiverUnit: keys?.unitCode ?? manifest.receiver?.unitCode ?? '',
        trustedSenders: () => undefined,
        acceptAnySender: true,
      })
    } catch (e) {
      ok = false
      reasons.push(bundleErrorMessage(e))
    }
  }
  return { ok, senderVerified, manifest, reasons }
}

function yuan(fen: number): string {
  const whole = Math.trunc(fen / 100).toLocaleString('en-US')
  return `${whole}.${String(fen % 100).padStart(2, '0')} 元`
}

/** Human-readable Chinese summary of a bundle's manifest and signature, without decrypting anything. */
export async function inspectBundleFile(path: string): Promise<string[]> {
  let inspected: ReturnType<typeof inspectBundle>
  try {
    inspected = inspectBundle(await readBounded(path, BUNDLE_LIMITS.maxBundleBytes))
  } catch (e) {
    return [`数据包：${displayName(basename(path), 120)}`, `无法读取：${bundleErrorMessage(e)}`]
  }
  const m = inspected.manifest
  const s = m.sender
  const lines = [
    `数据包：${displayName(basename(path), 120)}`,
    `格式：${m.format} 第 ${m.formatVersion} 版${m.generator ? `（由 ${displayName(m.generator)} 生成）` : ''}`,
    `类型：${bundleKindLabels[m.kind]}（${m.kind}）`,
    `包编号：${m.bundleId}`,
    `创建时间：${m.createdAt}`,
    `发送单位：${displayName(s.unitName)}（${s.unitCode}，${unitLevelLabels[s.level]}）`,
    `发送单位密钥：编号 ${s.keyId}，指纹 ${inspected.senderFingerprint}`,
    inspected.signatureValid
      ? '签名：有效（与清单所列发送单位公钥一致；是否可信须对照本院的可信单位目录）'
      : `签名：无效。${exchangeMessages['bundle.bad-signature']()}`,
    m.receiver
      ? `接收单位：${m.receiver.unitCode}（密钥编号 ${m.receiver.keyId}）`
      : '接收单位：未指定（未加密的公开数据包）',
    `加密：${m.cipher ? m.cipher.suite : '未加密'}`,
    `通道序号：${m.channelSeq}；上一个数据包哈希：${m.prevBundleHash ?? '无（本通道第一个数据包）'}`,
  ]
  if (m.origins.length === 0) lines.push('来源单位：无')
  for (const o of m.origins) lines.push(`来源单位：${o.unitCode}，变更序号 ${o.revFrom}–${o.revTo}`)
  const tableNames = Object.keys(m.tables).sort()
  if (tableNames.length === 0) lines.push('数据表：无')
  for (const t of tableNames) {
    const { count, totals } = m.tables[t]
    lines.push(`数据表：${t}，${count} 条${totals ? `，金额合计 ${yuan(totals.amountFen)}` : ''}`)
  }
  lines.push(
    `审计链头：第 ${m.auditHead.seq} 条，哈希 ${m.auditHead.hash}（${auditHashLabels[headAuditHash(m.auditHead)]}）`,
  )
  const total = m.files.reduce((sum, f) => sum + f.size, 0)
  lines.push(`文件：${m.files.length} 个，共 ${total} 字节（${inspected.payloadEntry} ${inspected.payloadBytes} 字节）`)
  for (const f of m.files) {
    lines.push(`  ${f.name}  ${f.size} 字节  ${'sm3' in f ? 'sm3' : 'sha256'} ${fileHashOf(f).slice(0, 16)}…`)
  }
  lines.push(`数据包哈希：${inspected.bundleHash}`)
  return lines
}

/** The office's sealed key file (docs/bundle-format.md §2.1), opened with its passphrase. */
export async function unsealKeyFile(path: string, passphrase: string): Promise<OfficeKeys> {
  return unsealPrivateKeys(Buffer.from(await readBounded(path, 16 * 1024)).toString('utf8'), passphrase)
}

export interface BundleDump {
  manifest: BundleManifest
  senderTrusted: boolean
  /** Records per table. */
  tables: Record<string, Record<string, unknown>[]>
  /** As the manifest lists them: `sha256`, or `sm3` in a 国密 bundle. */
  attachments: ManifestFile[]
}

/**
 * Decrypts and dumps a bundle's records for diagnosis. `keySource` is a sealed key file path (opened with
 * `passphrase`) or unsealed keys, or null for an open bundle (a transfer package sent to a court). The sender is checked against `trust` when given; otherwise any sender whose
 * signature verifies is accepted and `senderTrusted` is false.
 */
export async function dumpBundleFile(
  path: string,
  keySource: string | OfficeKeys | null,
  passphrase = '',
  trust?: TrustedSenderLookup,
): Promise<BundleDump> {
  const keys = typeof keySource === 'string' ? await unsealKeyFile(keySource, passphrase) : keySource
  const bytes = await readBounded(path, BUNDLE_LIMITS.maxBundleBytes)
  // Without a key only an open bundle (e.g. a transfer package for a court) can be dumped.
  const receiver = keys?.unitCode ?? inspectBundle(bytes).manifest.receiver?.unitCode
  if (!keys && receiver !== undefined) throw bundleError('bundle.receiver-key-unknown', { keyId: '（未提供密钥文件）' })
  const opened = openBundle(bytes, {
    receiverKeys: keys ? [keys] : [],
    expectedReceiverUnit: receiver ?? '',
    trustedSenders: trust ?? (() => undefined),
    acceptAnySender: !trust,
  })
  return {
    manifest: opened.manifest,
    senderTrusted: opened.senderTrusted,
    tables: Object.fromEntries(opened.tables),
    attachments: opened.manifest.files.filter((f) => f.name.startsWith('attachments/')),
  }
}

/**
 * `JSON.stringify(dump, null, 2)` in pieces, byte for byte the same text: one piece per record, so that printing a
 * large dump never builds one string of it all (V8 strings stop at 2^29 − 24 characters — the “Invalid string
 * length” an 800 MB dump ended with — and the whole text would sit in memory beside the records).
 */
export function* dumpJsonPieces(dump: BundleDump): Generator<string> {
  const at = (value: unknown, pad: string) => JSON.stringify(value, null, 2).replaceAll('\n', `\n${pad}`)
  yield `{\n  "manifest": ${at(dump.manifest, '  ')},\n  "senderTrusted": ${JSON.stringify(dump.senderTrusted)},\n  "tables": `
  const names = Object.keys(dump.tables)
  if (names.length === 0) yield '{}'
  else {
    yield '{\n'
    for (const [i, name] of names.entries()) {
      const rows = dump.tables[name]
      yield `    ${JSON.stringify(name)}: `
      if (rows.length === 0) yield '[]'
      else {
        yield '[\n'
        for (let j = 0; j < rows.length; j++) yield `      ${at(rows[j], '      ')}${j < rows.length - 1 ? ',' : ''}\n`
        yield '    ]'
      }
      yield i < names.length - 1 ? ',\n' : '\n'
    }
    yield '  }'
  }
  yield `,\n  "attachments": ${at(dump.attachments, '  ')}\n}\n`
}
