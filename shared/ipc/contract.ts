import { z } from 'zod'
import { tableModelSchema } from '../report/tableModel'
import { type ChannelName, channelNames } from './channels'

/**
 * The one IPC contract between the renderer and the main process. Each channel has exactly one argument object
 * and one result; both are validated with these schemas — in the main process on receipt (electron/ipc), in the
 * browser-mode bridge (electron/web) on receipt, and on the way back. The preload exposes exactly these channels
 * as `window.api` (shared/ipc/api.ts builds it from this map), so the three sides cannot drift.
 */

/** A bare file name: no directory part, no traversal, no reserved characters. */
export const safeFileNameSchema = z
  .string()
  .min(1)
  .max(120)
  .regex(
    /^[\p{Script=Han}A-Za-z0-9 _\-.（）()〔〕]+$/u,
    '文件名只能使用中文、字母、数字、空格、下划线、连字符、括号和点',
  )
  .refine((s) => !s.startsWith('.') && !s.includes('..'), '文件名不能以点开头或包含“..”')

const empty = z.object({}).strict()

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
  })
  .strict()

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
    args: z.object({ fileName: safeFileNameSchema, table: tableModelSchema }).strict(),
    result: z.object({ path: z.string(), rows: z.number().int() }).strict(),
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
  'pdf:render': {
    args: z.object({ fileName: safeFileNameSchema, html: z.string().min(1).max(5_000_000) }).strict(),
    result: z.object({ path: z.string(), bytes: z.number().int() }).strict(),
  },
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
