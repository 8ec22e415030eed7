import { z } from 'zod'
import { auditHeadSchema } from '../audit/hashAlg'
import { keyRotationSchema, officeKeyRecordSchema } from '../exchange/keyRecord'
import { ARCHIVE_SCAN_MAX_BYTES } from '../exchange/limits'
import { channelKinds, manifestShape } from '../exchange/manifest'
import { bundleTablesSchema } from '../exchange/tables'
import { tableModelSchema } from '../report/tableModel'
import { auditContract } from './auditContract'
import { type ChannelName, channelNames } from './channels'
import { legacyImportContract } from './legacyImportContract'
import { storeContract } from './storeContract'
import { transferContract } from './transferContract'
import { updateContract } from './updateContract'

/**
 * The one IPC contract between the renderer and the main process. Each channel has exactly one argument object
 * and one result; both are validated with these schemas — in the main process on receipt (electron/ipc), in the
 * browser-mode bridge (electron/web) on receipt, and on the way back. The preload exposes exactly these channels
 * as `window.api` (shared/ipc/api.ts builds it from this map), so the three sides cannot drift.
 */

/**
 * Names Windows keeps for devices, with or without an extension and in any case (“CON”, “nul.xlsx”, “Com1.pdf”):
 * writing to one opens the device, not a file — a hang on CON or AUX, data gone to NUL.
 */
const WINDOWS_RESERVED_NAME = /^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$/i

/** A bare file name: no directory part, no traversal, no reserved characters, no name Windows reserves. */
export const safeFileNameSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(
    /^[\p{Script=Han}A-Za-z0-9 _\-.（）()〔〕【】]+$/u,
    '文件名只能使用中文、字母、数字、空格、下划线、连字符、括号和点',
  )
  .refine((s) => !s.startsWith('.') && !s.includes('..'), '文件名不能以点开头或包含“..”')
  // Windows drops trailing spaces and dots: “报表.xlsx.” and “报表.xlsx ” would be written as another file.
  .refine((s) => !/[ .]$/.test(s) && !s.startsWith(' '), '文件名不能以空格开头，也不能以空格或点结尾')
  .refine(
    (s) => !WINDOWS_RESERVED_NAME.test(s.split('.')[0].trimEnd()),
    '文件名不能使用 Windows 保留的设备名（CON、PRN、AUX、NUL、COM0–COM9、LPT0–LPT9）',
  )

const empty = z.object({}).strict()
/** The call comes from the demo profile: the export is named and marked as demo (shared/report/demoMark.ts). */
const demoFlag = z.boolean().optional()

/** Table name → rows. Names are plain identifiers (no __proto__ and friends). */
const backupTablesSchema = z.record(z.string().regex(/^[a-z][A-Za-z]{1,40}$/), z.array(z.unknown()).max(20_000_000))

const backupSummarySchema = z
  .object({
    fileName: z.string(),
    size: z.number().int(),
    createdAt: z.string(),
    unitCode: z.string(),
    unitName: z.string(),
    counts: z.record(z.string(), z.number().int()),
    /** `backup:list` only: why the file cannot be used (a damaged or foreign file is listed, not left out). */
    problem: z.string().max(500).optional(),
  })
  .strict()

// ---- exchange (docs/exchange.md) ----
const unitCodeArg = z.string().regex(/^\d{6}$/)
const hex64 = z.string().regex(/^[0-9a-f]{64}$/)
/** The office's sealed key file (canonical JSON, docs/bundle-format.md §2.1). */
const sealedKeySchema = z
  .string()
  .min(100)
  .max(16 * 1024)
const passphraseSchema = z.string().min(1).max(256)
/** A picked bundle file as base64 (bounded by the browser-mode bridge's body cap of 256 MiB). */
const bundleBytesSchema = z
  .string()
  .min(4)
  .max(200 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容编码不正确')
/** Scan bytes of an upward archive (docs/exchange.md “扫描件随上报数据”): one per attachment record, ≤ 20 MiB each. */
const scanIdSchema = z.string().regex(/^[0-9A-Z-]{10,64}$/)
const scanBase64Schema = z
  .string()
  .max(Math.ceil((ARCHIVE_SCAN_MAX_BYTES * 4) / 3) + 4)
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容编码不正确')
const packScansSchema = z
  .array(z.object({ id: scanIdSchema, sha256: hex64, bytes: scanBase64Schema }).strict())
  .max(10_000)
const openedScansSchema = z
  .array(
    z
      .object({
        id: scanIdSchema,
        size: z.number().int().min(0).max(ARCHIVE_SCAN_MAX_BYTES),
        sha256: hex64,
        bytes: scanBase64Schema,
      })
      .strict(),
  )
  .max(10_000)
const originsSchema = z
  .array(z.object({ unitCode: unitCodeArg, revFrom: z.number().int().min(0), revTo: z.number().int().min(0) }).strict())
  .max(10_000)

export const contract = {
  'system:info': {
    args: empty,
    result: z
      .object({
        appVersion: z.string(),
        productName: z.string(),
        mode: z.enum(['electron', 'web']),
        dataDir: z.string(),
        exportDir: z.string(),
        platform: z.string(),
        /** The processor architecture the main process runs on (x64, arm64): what an update package must be for. */
        arch: z.string(),
      })
      .strict(),
  },
  'auth:hashPassword': {
    args: z.object({ password: z.string().min(1).max(256) }).strict(),
    result: z.object({ hash: z.string() }).strict(),
  },
  'auth:verifyPassword': {
    args: z.object({ password: z.string().max(256), hash: z.string().min(1).max(512) }).strict(),
    result: z.object({ ok: z.boolean(), needsRehash: z.boolean() }).strict(),
  },
  'excel:exportTable': {
    args: z.object({ fileName: safeFileNameSchema, table: tableModelSchema, demo: demoFlag }).strict(),
    result: z.object({ path: z.string(), rows: z.number().int() }).strict(),
  },
  /** Several table models in one workbook, a sheet each (plus one 数据来源 sheet): e.g. a period's full report set. */
  'excel:exportWorkbook': {
    args: z
      .object({ fileName: safeFileNameSchema, tables: z.array(tableModelSchema).min(1).max(10), demo: demoFlag })
      .strict(),
    result: z.object({ path: z.string(), rows: z.array(z.number().int()) }).strict(),
  },
  'backup:write': {
    args: z
      .object({
        fileName: safeFileNameSchema,
        password: z.string().min(8, '备份密码至少 8 位').max(256),
        unitCode: z.string().regex(/^\d{6}$/),
        unitName: z.string().max(60),
        createdAt: z.string(),
        tables: backupTablesSchema,
      })
      .strict(),
    result: backupSummarySchema,
  },
  'backup:read': {
    args: z.object({ fileName: safeFileNameSchema, password: z.string().min(1).max(256) }).strict(),
    result: z.object({ summary: backupSummarySchema, tables: backupTablesSchema }).strict(),
  },
  'backup:list': {
    args: empty,
    result: z.object({ dir: z.string(), backups: z.array(backupSummarySchema) }).strict(),
  },
  /**
   * 从文件选择备份 (desktop): the main process shows the system's open dialog and copies the chosen backup into the
   * backup folder, after checking it is one; then it is restored from there like any other (`backup:read`).
   */
  'backup:pick': { args: empty, result: backupSummarySchema },
  /** The same in browser mode: the file picked with <input type=file>, uploaded through the bridge. */
  'backup:import': {
    args: z.object({ fileName: z.string().min(1).max(255), bytes: bundleBytesSchema }).strict(),
    result: backupSummarySchema,
  },
  /**
   * 打开 / 打印 a file this app wrote in its export folder (a PDF document or an exported Excel): any other path is
   * refused (electron/services/exportedFile.ts). Desktop: opened with the system's program, whose print command
   * prints; browser mode: the result's `url` (a short-lived link the bridge serves) opens in a new tab
   * (docs/security.md “打开和打印导出的文件”).
   */
  'files:open': {
    /**
     * `reveal`: the file shown in its folder, never opened — a document or table in 导出 (全部生成's 打开文件夹,
     * docs/documents.md) or an installer handed over in 导出/软件更新 (docs/packaging.md §7).
     */
    args: z.object({ path: z.string().min(1).max(4096), purpose: z.enum(['open', 'print', 'reveal']) }).strict(),
    result: z.object({ url: z.string().max(2000).optional() }).strict(),
  },
  'pdf:render': {
    args: z.object({ fileName: safeFileNameSchema, html: z.string().min(1).max(5_000_000), demo: demoFlag }).strict(),
    result: z.object({ path: z.string(), bytes: z.number().int() }).strict(),
  },
  'exchange:createKeys': {
    args: z.object({ unitCode: unitCodeArg, passphrase: z.string().min(8, '密钥口令至少 8 位').max(256) }).strict(),
    result: z.object({ sealed: z.string(), record: officeKeyRecordSchema, fingerprint: z.string() }).strict(),
  },
  'exchange:changePassphrase': {
    args: z
      .object({
        sealed: sealedKeySchema,
        passphrase: passphraseSchema,
        newPassphrase: z.string().min(8, '新口令至少 8 位').max(256),
      })
      .strict(),
    result: z.object({ sealed: z.string() }).strict(),
  },
  'exchange:checkPassphrase': {
    args: z.object({ sealed: sealedKeySchema, passphrase: passphraseSchema }).strict(),
    /** `resealed`: the same key sealed again in the current format, when the stored one is not (docs/security.md §1). */
    result: z.object({ keyId: z.string(), resealed: z.string().optional() }).strict(),
  },
  'exchange:pack': {
    args: z
      .object({
        sealed: sealedKeySchema,
        passphrase: passphraseSchema,
        kind: z.enum(channelKinds),
        sender: z
          .object({
            unitCode: unitCodeArg,
            unitName: z.string().min(1).max(60),
            level: z.enum(['supreme', 'province', 'city', 'basic']),
          })
          .strict(),
        receiver: z.object({ unitCode: unitCodeArg, keys: officeKeyRecordSchema }).strict().nullable(),
        channelSeq: z
          .number()
          .int()
          .min(1)
          .max(2 ** 31 - 1),
        prevBundleHash: hex64.nullable(),
        origins: originsSchema,
        auditHead: auditHeadSchema,
        tables: bundleTablesSchema,
        /** Archive only: the bytes of the attachments in `tables.attachments`, each checked against its sha256. */
        scans: packScansSchema.optional(),
      })
      .strict(),
    result: z
      .object({
        fileName: z.string(),
        path: z.string(),
        bytes: z.number().int(),
        bundleHash: hex64,
        manifest: manifestShape,
      })
      .strict(),
  },
  'exchange:inspect': {
    args: z.object({ bytes: bundleBytesSchema }).strict(),
    result: z
      .object({
        manifest: manifestShape,
        bundleHash: hex64,
        signatureValid: z.boolean(),
        senderFingerprint: z.string(),
        encrypted: z.boolean(),
        size: z.number().int(),
      })
      .strict(),
  },
  'exchange:open': {
    args: z
      .object({
        bytes: bundleBytesSchema,
        sealed: sealedKeySchema.optional(),
        /** Keys this office used before a rotation: a bundle still in flight to an old key opens with it. */
        retiredSealed: z.array(sealedKeySchema).max(32).optional(),
        passphrase: passphraseSchema.optional(),
        expectedReceiverUnit: unitCodeArg,
        trusted: z.array(officeKeyRecordSchema).max(10_000),
        allowEnrollment: z.boolean(),
      })
      .strict(),
    result: z
      .object({
        manifest: manifestShape,
        bundleHash: hex64,
        senderTrusted: z.boolean(),
        senderFingerprint: z.string(),
        tables: bundleTablesSchema,
        /** The `attachments/<id>` payload files (sha256 and size as the signed manifest lists them). */
        scans: openedScansSchema.optional(),
      })
      .strict(),
  },
  /** 密钥更换: a new office key pair sealed under the same passphrase, announced by the old key (bundle-format §2.2). */
  'exchange:rotateKeys': {
    args: z.object({ sealed: sealedKeySchema, passphrase: passphraseSchema }).strict(),
    result: z
      .object({
        sealed: z.string(),
        record: officeKeyRecordSchema,
        fingerprint: z.string(),
        rotation: keyRotationSchema,
      })
      .strict(),
  },
  /** Checks another office's rotation announcement against the key this office holds for it. */
  'exchange:verifyRotation': {
    args: z.object({ rotation: z.record(z.string(), z.unknown()), previous: officeKeyRecordSchema }).strict(),
    result: z.object({ valid: z.boolean(), next: officeKeyRecordSchema.optional() }).strict(),
  },
  /** 导出可信单位目录 (docs/bundle-format.md §10): the keys the office trusts, for `bundle verify --trust`. */
  'exchange:exportTrust': {
    args: z
      .object({
        unitCode: unitCodeArg,
        writtenAt: z.iso.datetime(),
        entries: z
          .array(
            z
              .object({
                unitCode: unitCodeArg,
                unitName: z.string().min(1).max(100),
                record: officeKeyRecordSchema,
                revokedKeys: z.array(z.object({ keyId: z.string().max(100) }).strict()).max(1000),
              })
              .strict(),
          )
          .min(1)
          .max(10_000),
      })
      .strict(),
    result: z.object({ fileName: z.string(), path: z.string(), count: z.number().int() }).strict(),
  },
  ...transferContract,
  ...updateContract,
  ...auditContract,
  ...legacyImportContract,
  ...storeContract,
} as const satisfies Record<ChannelName, { args: z.ZodType; result: z.ZodType }>

export type Contract = typeof contract
export type Channel = keyof Contract
export type ArgsOf<C extends Channel> = z.input<Contract[C]['args']>
export type ParsedArgsOf<C extends Channel> = z.output<Contract[C]['args']>
export type ResultOf<C extends Channel> = z.output<Contract[C]['result']>

export const channels: readonly Channel[] = channelNames

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.hasOwn(contract, value)
}
