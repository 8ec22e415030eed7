import { z } from 'zod'
import { auditHeadSchema } from '../audit/hashAlg'
import { officeKeyRecordSchema } from '../exchange/keyRecord'
import { manifestShape } from '../exchange/manifest'
import { TRANSFER_LIMITS, transferFactsSchema, transferFileSchema, transferRecordSchema } from '../exchange/transfer'

/**
 * The IPC channels of the case transfer package (docs/exchange.md §四), spread into the one contract
 * (contract.ts). `transfer:pack` prints the decision and the index to PDF and writes the package; `transfer:open`
 * verifies a picked package and returns its record. Scans and packages travel as base64 (contract cap ≈ 150 MB).
 */
const unitCode = z.string().regex(/^\d{6}$/)
const hex64 = z.string().regex(/^[0-9a-f]{64}$/)
const sealed = z
  .string()
  .min(100)
  .max(16 * 1024)
const passphrase = z.string().min(1).max(256)
const base64 = (max: number) =>
  z
    .string()
    .max(max)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容编码不正确')

export const transferContract = {
  'transfer:pack': {
    args: z
      .object({
        sealed,
        passphrase,
        sender: z
          .object({
            unitCode,
            unitName: z.string().min(1).max(60),
            level: z.enum(['supreme', 'province', 'city', 'basic']),
          })
          .strict(),
        receiverKeys: officeKeyRecordSchema.nullable(),
        channelSeq: z
          .number()
          .int()
          .min(1)
          .max(2 ** 31 - 1),
        auditHead: auditHeadSchema,
        facts: transferFactsSchema,
        decisionHtml: z.string().min(1).max(5_000_000),
        scans: z
          .array(
            z
              .object({
                name: z.string().min(1).max(200),
                mime: z.string().max(100),
                sha256: hex64,
                bytes: base64(Math.ceil((TRANSFER_LIMITS.maxFileBytes * 4) / 3) + 4),
              })
              .strict(),
          )
          .max(TRANSFER_LIMITS.maxFiles - 3),
      })
      .strict(),
    result: z
      .object({
        fileName: z.string(),
        path: z.string(),
        readableDir: z.string().nullable(),
        bytes: z.number().int(),
        bundleHash: hex64,
        manifest: manifestShape,
        transferId: z.string(),
        files: z.array(transferFileSchema.pick({ role: true, name: true, size: true, sha256: true })),
      })
      .strict(),
  },
  'transfer:open': {
    args: z
      .object({
        bytes: base64(200 * 1024 * 1024),
        sealed: sealed.optional(),
        /** Keys this office used before a rotation: a package encrypted to an old key opens with it. */
        retiredSealed: z.array(sealed).max(32).optional(),
        passphrase: passphrase.optional(),
        expectedReceiverUnit: unitCode,
        trusted: z.array(officeKeyRecordSchema).max(10_000),
      })
      .strict(),
    result: z
      .object({
        manifest: manifestShape,
        bundleHash: hex64,
        senderTrusted: z.boolean(),
        senderFingerprint: z.string(),
        record: transferRecordSchema,
      })
      .strict(),
  },
} as const
