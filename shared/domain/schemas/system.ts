import { z } from 'zod'
import { storedRecord } from './base'
import {
  calendarDateSchema,
  instantSchema,
  regionCodeSchema,
  sha256HexSchema,
  textSchema,
  unitCodeSchema,
} from './primitives'

const ruleSetIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, '规则集代码格式不正确')

/**
 * A rule set as stored (docs/architecture.md §3: rule sets are data, versioned by effective date). The payload is checked by
 * shared/domain/rulesets.ts; here only that it is plain JSON, wrapped with id, version and validity.
 */
export const ruleSetRecordSchema = z
  .object({
    id: ruleSetIdSchema,
    version: z.number().int().positive(),
    name: textSchema(100, '规则集名称'),
    effectiveFrom: calendarDateSchema,
    effectiveTo: calendarDateSchema.optional(),
    issuedBy: unitCodeSchema.optional(),
    receivedAt: instantSchema.optional(),
    data: z.json(),
  })
  .strict()
  .refine((r) => !r.effectiveTo || r.effectiveTo >= r.effectiveFrom, {
    path: ['effectiveTo'],
    message: '失效日期不能早于生效日期',
  })
export type RuleSetRecord = z.infer<typeof ruleSetRecordSchema>

/** Local implementing measures (省级实施办法 …) layered on a rule set; owned by the issuing office. */
export const localMeasuresRecordSchema = storedRecord({
  name: textSchema(100, '实施办法名称'),
  version: z.number().int().positive(),
  baseRuleSetId: ruleSetIdSchema,
  regionCode: regionCodeSchema.optional(),
  effectiveFrom: calendarDateSchema,
  effectiveTo: calendarDateSchema.optional(),
  data: z.json(),
}).refine((r) => !r.effectiveTo || r.effectiveTo >= r.effectiveFrom, {
  path: ['effectiveTo'],
  message: '失效日期不能早于生效日期',
})
export type LocalMeasuresRecord = z.infer<typeof localMeasuresRecordSchema>

/** One office setting; each key's value is checked by shared/domain/settings.ts. */
export const settingSchema = z
  .object({ key: z.string().regex(/^[A-Za-z][A-Za-z0-9._:-]{0,63}$/, '设置项名称格式不正确'), value: z.json() })
  .strict()
export type Setting = z.infer<typeof settingSchema>

/** One entry of the hash-chained audit log (docs/security-reference.md §5.1; hashing in shared/audit/chain.ts). */
export const auditEntrySchema = z
  .object({
    seq: z.number().int().positive(),
    at: instantSchema,
    userId: z.string().min(1).max(80),
    unitCode: unitCodeSchema,
    command: z.string().min(1).max(80),
    table: z.string().min(1).max(40),
    entityId: z.string().min(1).max(120),
    before: z.json(),
    after: z.json(),
    prevHash: sha256HexSchema,
    hash: sha256HexSchema,
  })
  .strict()
export type AuditEntry = z.infer<typeof auditEntrySchema>

const seqSchema = z.number().int().nonnegative()

/**
 * Exchange bookkeeping (docs/architecture.md §4): per channel the last bundle sequence numbers and hash, per origin office
 * the highest `rev` held, and the bundles already received (so a re-import changes nothing).
 */
export const exchangeStateSchema = z
  .object({
    key: z.string().min(1).max(64),
    channels: z.record(
      z.string().min(1).max(64),
      z
        .object({ lastSentSeq: seqSchema, lastReceivedSeq: seqSchema, lastBundleHash: sha256HexSchema.optional() })
        .strict(),
    ),
    origins: z.record(
      unitCodeSchema,
      z.object({ highWaterRev: seqSchema, acknowledgedRev: seqSchema.optional() }).strict(),
    ),
    receivedBundles: z.array(
      z.object({ bundleId: z.string().min(1).max(80), hash: sha256HexSchema, receivedAt: instantSchema }).strict(),
    ),
  })
  .strict()
export type ExchangeState = z.infer<typeof exchangeStateSchema>
