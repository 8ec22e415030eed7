import {
  attachmentSchema,
  caseSchema,
  clueSchema,
  documentSchema,
  donationSchema,
  followUpSchema,
  ledgerEntrySchema,
  materialSchema,
  personSchema,
  referralSchema,
} from '@shared/domain/schemas'
import { supervisionReplySchema } from '@shared/exchange/downward'
import { priorAssistanceRowSchema, transferRowSchema } from '@shared/exchange/transfer'
import type { z } from 'zod'

/**
 * Which tables travel in a bundle: the record tables of an upward archive (with the schema every incoming record must
 * pass), the downward kinds and tables, and the tables an import may write.
 */

/** Tables a downward import writes besides units, exchange and receivedBundles. */
export const downwardTables = ['standards', 'supervisionNotes', 'duplicateFlags', 'filings'] as const

/** Record tables that travel upward in an archive, with the schema every incoming record must pass. */
export const archiveSchemas = {
  persons: personSchema,
  clues: clueSchema,
  cases: caseSchema,
  materials: materialSchema,
  documents: documentSchema,
  attachments: attachmentSchema,
  ledger: ledgerEntrySchema,
  donations: donationSchema,
  referrals: referralSchema,
  followUps: followUpSchema,
  /** Replies to supervision notes and duplicate flags go up with the archive (docs/exchange.md §一.9). */
  supervisionReplies: supervisionReplySchema,
  /** 案件移送材料包 produced and 既往救助 imported go up too (docs/exchange.md §四): the one-time rule above sees them. */
  transfers: transferRowSchema,
  priorAssistance: priorAssistanceRowSchema,
} as const satisfies Record<string, z.ZodType>

export type ArchiveTable = keyof typeof archiveSchemas

export const archiveTables = Object.keys(archiveSchemas) as ArchiveTable[]

/** The tables an import transaction touches. */
export const importTables = [
  'units',
  'settings',
  'exchange',
  'receivedBundles',
  'attachmentBlobs',
  ...archiveTables,
  ...downwardTables,
] as const
