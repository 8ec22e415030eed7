import { z } from 'zod'

/**
 * The IPC channels of the audit anchor (docs/security.md §5), spread into the one contract (contract.ts). The main
 * process keeps, outside the page's reach, where this office's audit chain stood; the renderer reports its chain
 * head after each write and at every start (`audit:anchor`), reads the anchor for the audit viewer
 * (`audit:anchorInfo`), and an administrator re-establishes it with a reason after a legitimate restore
 * (`audit:resetAnchor`).
 */
const unitCode = z.string().regex(/^\d{6}$/)
const hex64 = z.string().regex(/^[0-9a-f]{64}$/)
const profile = z.enum(['office', 'demo'])
const seq = z
  .number()
  .int()
  .min(0)
  .max(2 ** 40)

/** Where the renderer's chain stands. `links` are the entries after the anchored one: (seq, prevHash, hash). */
const headArgs = {
  profile,
  unitCode,
  seq,
  count: seq,
  head: hex64,
}
export const ANCHOR_LINKS_MAX = 5000
const links = z.array(z.object({ seq: seq.min(1), prevHash: hex64, hash: hex64 }).strict()).max(ANCHOR_LINKS_MAX)

const anchorState = z.enum(['ok', 'established', 'need-tail', 'behind', 'diverged', 'missing', 'forged'])
const keyProtection = z.enum(['safeStorage', 'file']).nullable()
const anchorEntry = z
  .object({
    profile,
    unitCode,
    seq,
    hash: hex64,
    updatedAt: z.string(),
    establishedAt: z.string(),
    history: z
      .array(
        z
          .object({
            at: z.string(),
            kind: z.enum(['established', 'reset']),
            seq,
            hash: hex64,
            fromSeq: seq.optional(),
            fromHash: hex64.optional(),
            found: z.string().optional(),
            reason: z.string().optional(),
            by: z.string().optional(),
          })
          .strict(),
      )
      .max(50),
    recent: z
      .array(z.tuple([seq, hex64]))
      .max(64)
      .optional(),
  })
  .strict()

const answer = z
  .object({
    state: anchorState,
    from: seq.optional(),
    detail: z.string(),
    anchor: anchorEntry.nullable(),
    keyProtection,
  })
  .strict()

export const auditContract = {
  'audit:anchor': {
    args: z.object({ ...headArgs, links }).strict(),
    result: answer,
  },
  'audit:anchorInfo': {
    args: z.object({ profile, unitCode }).strict(),
    result: z
      .object({
        anchor: anchorEntry.nullable(),
        keyProtection,
        fileState: z.enum(['ok', 'none', 'missing', 'forged']),
        fileDetail: z.string(),
        lastCheck: z.object({ state: anchorState, detail: z.string(), at: z.string() }).strict().nullable(),
      })
      .strict(),
  },
  'audit:resetAnchor': {
    args: z
      .object({
        ...headArgs,
        reason: z.string().trim().min(4, '请写明原因（至少 4 个字）').max(300),
        by: z.string().min(1).max(60),
      })
      .strict(),
    result: answer,
  },
} as const
