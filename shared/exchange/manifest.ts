import { z } from 'zod'
import { auditHeadSchema } from '../audit/hashAlg'
import { unitLevels } from '../domain/officeSetup'
import { base64PatternFor } from './base64'
import { KEY_ID_PATTERN, keyIdOf } from './fingerprint'
import { sm2RecordProblem } from './gmKeys'
import { sm2Key } from './keyRecord'
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
export const ED25519_SIGNATURE = 'ed25519'
/**
 * The bundle suites (docs/bundle-format.md §6): the current one, written without a `suite` field (absent means this
 * one, so every earlier bundle still reads), and the 国密 one, named in the manifest and so covered by the signature.
 */
export const CURRENT_SUITE = 'ed25519-x25519-aes256gcm'
export const GM_SUITE = 'sm2-sm3-sm4gcm'
export const bundleSuites = [CURRENT_SUITE, GM_SUITE] as const
export type BundleSuite = (typeof bundleSuites)[number]
export const bundleSuiteLabels: Record<BundleSuite, string> = {
  [CURRENT_SUITE]: '现行套件（Ed25519、X25519、AES-256-GCM、SHA-256）',
  [GM_SUITE]: '国密套件（SM2、SM3、SM4-GCM）',
}
/** SM2 signatures with SM3 and the default user id (GB/T 32918.2, GB/T 35276 §10), in 国密 bundles only. */
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

const senderEd25519 = z.strictObject({
  unitCode,
  unitName: z.string().min(1).max(MANIFEST_CAPS.maxUnitNameChars),
  level: z.enum(unitLevels),
  signatureAlg: z.literal(ED25519_SIGNATURE),
  keyId,
  signingKey: key32,
  encryptionKey: key32,
})
/** A 国密 bundle's sender: the whole key record — the office key's id and keys, and its SM2 half (§2.3). */
const senderSm2 = senderEd25519.extend({
  signatureAlg: z.literal(SM2_SIGNATURE),
  sm2KeyId: keyId,
  sm2SigningKey: sm2Key,
  sm2EncryptionKey: sm2Key,
})

const cipherX25519 = z.strictObject({
  suite: z.literal(X25519_SUITE),
  ephemeralPublicKey: key32,
  iv: z.string().regex(base64PatternFor(12)),
})
/** One SM2 envelope (C1 ‖ C3 ‖ C2, 113 bytes) of the bundle's SM4 key per recipient, named by its 国密 key id. */
const cipherSm2 = z.strictObject({
  suite: z.literal(GM_SUITE),
  iv: z.string().regex(base64PatternFor(12)),
  envelopes: z
    .array(z.strictObject({ sm2KeyId: keyId, envelope: z.string().regex(base64PatternFor(113)) }))
    .min(1)
    .max(1),
})

const fileName = z
  .string()
  .max(80)
  .regex(/^([a-z][a-zA-Z]{1,40}\.ndjson|attachments\/[0-9A-Z-]{10,64})$/)
const fileEntry = z.strictObject({ name: fileName, size: safeNat, sha256: hex64 })
/** A 国密 bundle's payload file: its SM3 (lowercase hex) instead of its SHA-256. */
const fileEntrySm3 = z.strictObject({ name: fileName, size: safeNat, sm3: hex64 })

const tableSummary = z.strictObject({
  count,
  totals: z.strictObject({ amountFen: safeNat }).optional(),
})

const commonFields = {
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  bundleId,
  kind: z.enum(bundleKinds),
  createdAt: instant,
  generator: z.string().min(1).max(MANIFEST_CAPS.maxGeneratorChars).optional(),
  channelSeq: z.number().int().min(1).max(MANIFEST_CAPS.maxChannelSeq),
  prevBundleHash: hex64.nullable(),
  origins: z.array(z.strictObject({ unitCode, revFrom: safeNat, revTo: safeNat })).max(MANIFEST_CAPS.maxOrigins),
  tables: z.record(z.string().regex(TABLE_NAME_PATTERN), tableSummary),
  auditHead: auditHeadSchema,
}

/** The current suite's manifest (no `suite` field, or `suite` naming it). */
export const currentManifestShape = z.strictObject({
  ...commonFields,
  suite: z.literal(CURRENT_SUITE).optional(),
  sender: senderEd25519,
  receiver: z.strictObject({ unitCode, keyId }).nullable(),
  files: z.array(fileEntry).max(10_000),
  cipher: cipherX25519.nullable(),
})

/** The 国密 suite's manifest (docs/bundle-format.md §6.3). */
export const gmManifestShape = z.strictObject({
  ...commonFields,
  suite: z.literal(GM_SUITE),
  sender: senderSm2,
  receiver: z.strictObject({ unitCode, keyId, sm2KeyId: keyId }).nullable(),
  files: z.array(fileEntrySm3).max(10_000),
  cipher: cipherSm2.nullable(),
})

export const manifestShape = z.union([currentManifestShape, gmManifestShape])

export type CurrentManifest = z.infer<typeof currentManifestShape>
export type GmManifest = z.infer<typeof gmManifestShape>
export type BundleManifest = CurrentManifest | GmManifest
export type ManifestFile = BundleManifest['files'][number]
export type ManifestSender = BundleManifest['sender']
export type TableSummary = z.infer<typeof tableSummary>

/** The suite a manifest is in (absent `suite` = the current one). */
export function suiteOf(m: { suite?: string }): BundleSuite {
  return m.suite === GM_SUITE ? GM_SUITE : CURRENT_SUITE
}

export function isGmManifest(m: BundleManifest): m is GmManifest {
  return m.suite === GM_SUITE
}

/** The hash (lowercase hex) a manifest lists for a payload file: SHA-256 or, in the 国密 suite, SM3. */
export function fileHashOf(f: ManifestFile): string {
  return 'sm3' in f ? f.sm3 : f.sha256
}

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
  if (derivedKeyId(m.sender) !== m.sender.keyId) out.push('发送单位的密钥编号与其公钥不符')
  if (isGmManifest(m)) {
    const problem = sm2RecordProblem(m.sender)
    if (problem) out.push(`发送单位的${problem}`)
    const envelope = m.cipher?.envelopes[0]
    if (m.receiver && envelope && envelope.sm2KeyId !== m.receiver.sm2KeyId) {
      out.push('数字信封的国密密钥编号与接收单位不符')
    }
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

const withRules = <T extends BundleManifest>(m: T, ctx: z.RefinementCtx) => {
  for (const message of manifestRuleProblems(m)) ctx.addIssue({ code: 'custom', message })
}

/** The whole manifest schema of each suite: shape plus cross-field rules. */
export const currentManifestSchema = currentManifestShape.superRefine(withRules)
export const gmManifestSchema = gmManifestShape.superRefine(withRules)

/** The schema for a manifest of `suite`, chosen from its `suite` field before validating (so messages stay precise). */
export function manifestSchemaFor(suite: BundleSuite) {
  return suite === GM_SUITE ? gmManifestSchema : currentManifestSchema
}

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
