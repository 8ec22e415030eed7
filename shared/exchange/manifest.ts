import { z } from 'zod'
import { unitLevels } from '../domain/officeSetup'
import { base64PatternFor } from './base64'
import { KEY_ID_PATTERN, keyIdOf } from './fingerprint'
import { MANIFEST_CAPS } from './limits'
import { isPayloadFileName, isReservedName, TABLE_NAME_PATTERN, tableNameOf } from './names'

/**
 * The bundle manifest, format version 1 (docs/bundle-format.md §4; docs/architecture.md §4 "Bundle = manifest + payload +
 * signature"). Strict: unknown fields are refused, every string is bounded, every number is a bounded integer.
 * The same schema is published as JSON Schema in resources/schemas/bundle-manifest.v1.json (generated from this
 * one; the cross-field rules in `manifestRules` cannot be expressed there and are listed in the spec).
 */
export const BUNDLE_FORMAT = 'jiuzhu-bundle'
export const BUNDLE_FORMAT_VERSION = 1
export const SUPPORTED_FORMAT_VERSIONS: readonly number[] = [1]

export const bundleKinds = [
  'enrollment',
  'archive',
  'ack',
  'standards',
  'supervision',
  'transfer',
  'filing',
  'duplicate-flags',
  'key-rotation',
  'update',
] as const
export type BundleKind = (typeof bundleKinds)[number]

/**
 * The kinds one office packs for another over their exchange channel, numbered by its channel sequence (IPC
 * `exchange:pack`); 案件移送材料 and 软件更新包 have their own files and are not on a channel.
 */
export const channelKinds = [
  'enrollment',
  'archive',
  'ack',
  'standards',
  'supervision',
  'duplicate-flags',
  'key-rotation',
  'filing',
] as const satisfies readonly BundleKind[]
export type ChannelKind = (typeof channelKinds)[number]

/** The kinds sent down the hierarchy (标准、督导、重复救助提示、密钥轮换) and 报备, planned and committed alike. */
export const downwardKinds = [
  'standards',
  'supervision',
  'duplicate-flags',
  'key-rotation',
  'filing',
] as const satisfies readonly ChannelKind[]
export type DownwardKind = (typeof downwardKinds)[number]

export function isDownwardKind(kind: string): kind is DownwardKind {
  return (downwardKinds as readonly string[]).includes(kind)
}

export const bundleKindLabels: Record<BundleKind, string> = {
  enrollment: '入网登记（单位身份与公钥）',
  archive: '上报数据（案件、台账与审计摘要）',
  ack: '接收回执',
  standards: '下发标准（工资标准、节假日、规则、单位目录）',
  supervision: '督导意见',
  transfer: '案件移送材料',
  filing: '报备材料',
  'duplicate-flags': '重复救助提示',
  'key-rotation': '密钥更换通知',
  update: '软件更新包',
}

/**
 * Whether a kind's payload is encrypted to the receiver (docs/bundle-format.md §4.2): personal data always is;
 * enrollment never is (the receiver may not know the sender yet, and it carries only public material); the rest
 * may be sent open when the receiver has no key (a court receiving a transfer) or the content is public.
 */
export const kindEncryption: Record<BundleKind, 'required' | 'optional' | 'never'> = {
  enrollment: 'never',
  archive: 'required',
  ack: 'required',
  standards: 'optional',
  supervision: 'required',
  transfer: 'optional',
  filing: 'required',
  'duplicate-flags': 'required',
  'key-rotation': 'optional',
  /** Open: the same file is passed down unchanged to every level (docs/packaging.md “软件更新包”). */
  update: 'never',
}

export const X25519_SUITE = 'x25519-hkdf-sha256-aes256gcm'
/** Reserved for a 国密 profile (SM2 key agreement/signature, SM3, SM4-GCM; docs/security-reference.md §5.4); not implemented. */
export const SM2_SUITE = 'sm2-sm3-sm4'
export const ED25519_SIGNATURE = 'ed25519'
/** Reserved: SM2 signatures with SM3 (GB/T 32918), not implemented. */
export const SM2_SIGNATURE = 'sm2-sm3'

const unitCode = z.string().regex(/^\d{6}$/)
const keyId = z.string().regex(KEY_ID_PATTERN)
const key32 = z.string().regex(base64PatternFor(32))
const hex64 = z.string().regex(/^[0-9a-f]{64}$/)
const count = z.number().int().min(0).max(MANIFEST_CAPS.maxCount)
const safeNat = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)
/** ISO-8601 UTC instant with optional milliseconds, e.g. 2026-03-01T08:30:00.000Z. */
const instant = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{3})?Z$/)
/** ULID (Crockford base32, 26 characters, first character ≤ 7). */
const bundleId = z.string().regex(/^[0-7][0-9A-HJKMNP-TV-Z]{25}$/)
/** Reserved GM key material: base64 of an uncompressed SM2 point or similar, bounded. */
const gmKey = z.string().regex(/^[A-Za-z0-9+/]{40,180}={0,2}$/)

const senderEd25519 = z.strictObject({
  unitCode,
  unitName: z.string().min(1).max(MANIFEST_CAPS.maxUnitNameChars),
  level: z.enum(unitLevels),
  signatureAlg: z.literal(ED25519_SIGNATURE),
  keyId,
  signingKey: key32,
  encryptionKey: key32,
})
const senderSm2 = z.strictObject({
  unitCode,
  unitName: z.string().min(1).max(MANIFEST_CAPS.maxUnitNameChars),
  level: z.enum(unitLevels),
  signatureAlg: z.literal(SM2_SIGNATURE),
  keyId,
  signingKey: gmKey,
  encryptionKey: gmKey,
})

const cipherX25519 = z.strictObject({
  suite: z.literal(X25519_SUITE),
  ephemeralPublicKey: key32,
  iv: z.string().regex(base64PatternFor(12)),
})
const cipherSm2 = z.strictObject({
  suite: z.literal(SM2_SUITE),
  ephemeralPublicKey: gmKey,
  iv: z.string().regex(/^[A-Za-z0-9+/]{16,24}={0,2}$/),
})

const fileEntry = z.strictObject({
  name: z
    .string()
    .max(80)
    .regex(/^([a-z][a-zA-Z]{1,40}\.ndjson|attachments\/[0-9A-Z-]{10,64})$/),
  size: safeNat,
  sha256: hex64,
})

const tableSummary = z.strictObject({
  count,
  totals: z.strictObject({ amountFen: safeNat }).optional(),
})

export const manifestShape = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  bundleId,
  kind: z.enum(bundleKinds),
  createdAt: instant,
  generator: z.string().min(1).max(MANIFEST_CAPS.maxGeneratorChars).optional(),
  sender: z.discriminatedUnion('signatureAlg', [senderEd25519, senderSm2]),
  receiver: z.strictObject({ unitCode, keyId }).nullable(),
  channelSeq: z.number().int().min(1).max(MANIFEST_CAPS.maxChannelSeq),
  prevBundleHash: hex64.nullable(),
  origins: z.array(z.strictObject({ unitCode, revFrom: safeNat, revTo: safeNat })).max(MANIFEST_CAPS.maxOrigins),
  tables: z.record(z.string().regex(TABLE_NAME_PATTERN), tableSummary),
  auditHead: z.strictObject({ seq: safeNat, hash: hex64 }),
  files: z.array(fileEntry).max(10_000),
  cipher: z.discriminatedUnion('suite', [cipherX25519, cipherSm2]).nullable(),
})

export type BundleManifest = z.infer<typeof manifestShape>
export type ManifestFile = BundleManifest['files'][number]
export type ManifestSender = BundleManifest['sender']
export type TableSummary = z.infer<typeof tableSummary>

/** Key id of well-formed keys, or null (zod runs refinements even after format issues, so keys may be malformed). */
function derivedKeyId(keys: { signingKey: string; encryptionKey: string }): string | null {
  try {
    return keyIdOf(keys)
  } catch {
    return null
  }
}

/** Cross-field rules of version 1 (docs/bundle-format.md §4.3); each failure is one Chinese sentence. */
export function manifestRuleProblems(m: BundleManifest): string[] {
  const out: string[] = []
  const policy = kindEncryption[m.kind]
  if ((m.receiver === null) !== (m.cipher === null)) out.push('接收单位与加密参数必须同时出现或同时为空')
  if (policy === 'required' && m.cipher === null) out.push(`“${bundleKindLabels[m.kind]}”必须加密`)
  if (policy === 'never' && m.cipher !== null) out.push(`“${bundleKindLabels[m.kind]}”不得加密`)
  if (m.receiver && m.receiver.unitCode === m.sender.unitCode) out.push('发送单位与接收单位不能相同')
  if (m.sender.signatureAlg === ED25519_SIGNATURE && derivedKeyId(m.sender) !== m.sender.keyId) {
    out.push('发送单位的密钥编号与其公钥不符')
  }
  const tableKeys = Object.keys(m.tables)
  if (tableKeys.length > MANIFEST_CAPS.maxTables) out.push(`数据表超过 ${MANIFEST_CAPS.maxTables} 个`)
  if (tableKeys.some(isReservedName)) out.push('数据表名称不允许')
  for (let i = 0; i < m.files.length; i++) {
    const f = m.files[i]
    if (!isPayloadFileName(f.name)) out.push(`文件名“${f.name}”不允许`)
    if (i > 0 && !(m.files[i - 1].name < f.name)) out.push('文件列表必须按名称升序排列且不能重复')
  }
  const lower = new Set(m.files.map((f) => f.name.toLowerCase()))
  if (lower.size !== m.files.length) out.push('文件名仅大小写不同也视为重复')
  const fileTables = m.files.map((f) => tableNameOf(f.name)).filter((t): t is string => t !== null)
  const fileTableSet = new Set(fileTables)
  if (fileTables.length !== tableKeys.length || tableKeys.some((t) => !fileTableSet.has(t))) {
    out.push('数据表汇总（tables）必须与 .ndjson 文件一一对应')
  }
  for (let i = 0; i < m.origins.length; i++) {
    const o = m.origins[i]
    if (o.revFrom > o.revTo) out.push(`来源单位 ${o.unitCode} 的版本区间起点大于终点`)
    if (i > 0 && !(m.origins[i - 1].unitCode < o.unitCode)) out.push('来源单位必须按单位代码升序排列且不能重复')
  }
  if (Number.isNaN(Date.parse(m.createdAt))) out.push('创建时间不是有效日期')
  return [...new Set(out)]
}

/** The whole manifest schema: shape plus cross-field rules. */
export const manifestSchema = manifestShape.superRefine((m, ctx) => {
  for (const message of manifestRuleProblems(m)) ctx.addIssue({ code: 'custom', message })
})

/** Suggested file name (informational only, never trusted): `<kind>_<sender>_<receiver|open>_<seq>_<yyyymmdd>.jzb`. */
export function bundleFileName(m: Pick<BundleManifest, 'kind' | 'sender' | 'receiver' | 'channelSeq' | 'createdAt'>) {
  const day = m.createdAt.slice(0, 10).replaceAll('-', '')
  return `${m.kind}_${m.sender.unitCode}_${m.receiver?.unitCode ?? 'open'}_${m.channelSeq}_${day}${BUNDLE_FILE_EXTENSION}`
}

export const BUNDLE_FILE_EXTENSION = '.jzb'

/**
 * The manifest's JSON Schema (draft 2020-12), generated from {@link manifestShape}; published as
 * resources/schemas/bundle-manifest.v1.json for other implementations. Cross-field rules are not included.
 */
export function manifestJsonSchema(): Record<string, unknown> {
  const { $schema, ...rest } = z.toJSONSchema(manifestShape) as Record<string, unknown>
  return {
    $schema,
    $id: 'https://jiuzhu-desk.invalid/schemas/bundle-manifest.v1.json',
    title: '司法救助数据包清单（manifest.json）第 1 版',
    description:
      'Shape of manifest.json in a jiuzhu-bundle, formatVersion 1. Generated from shared/exchange/manifest.ts; the cross-field rules (manifestRuleProblems) and the canonical-JSON requirement are specified in docs/bundle-format.md §4.',
    ...rest,
  }
}
