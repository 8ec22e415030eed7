import type { AuditEntry } from '@shared/audit/chain'
import Dexie, { type Table } from 'dexie'
import { migrations } from './migrations'

/** Every row in a replicated table carries these (docs/architecture.md §3). */
export interface StoredRecord {
  id: string
  ownerUnit: string
  rev: number
  createdAt: string
  updatedAt: string
  createdBy: string
  updatedBy: string
  voided?: { at: string; by: string; reason: string }
  [field: string]: unknown
}

export interface UnitRow {
  code: string
  name: string
  shortName: string
  level: 'supreme' | 'province' | 'city' | 'basic'
  parentCode?: string
  parentName?: string
  regionCode?: string
  caseNoPattern: string
  rev: number
  createdAt: string
  updatedAt: string
  createdBy: string
  updatedBy: string
  [field: string]: unknown
}

export interface UserRow {
  id: string
  unitCode: string
  username: string
  displayName: string
  roles: string[]
  department?: string
  passwordHash: string
  disabled: boolean
  failedLogins: number
  lockedUntil?: string
  mustChangePassword: boolean
  rev: number
  createdAt: string
  updatedAt: string
  createdBy: string
  updatedBy: string
  [field: string]: unknown
}

export interface SettingRow {
  key: string
  value: unknown
}

export interface CounterRow {
  name: string
  value: number
}

export interface BlobRow {
  id: string
  blob: Blob
}

export interface ExchangeRow {
  key: string
  [field: string]: unknown
}

export interface ReceivedBundleRow {
  bundleId: string
  sender: string
  receivedAt: string
  [field: string]: unknown
}

/**
 * The office's system of record in IndexedDB. Opened with strict durability: a committed transaction has reached
 * the disk (Chromium's default has been 'relaxed' since Chrome 121 — docs/security-reference.md §4). Only the command layer in
 * ./commands writes to it.
 */
export class JiuzhuDb extends Dexie {
  units!: Table<UnitRow, string>
  users!: Table<UserRow, string>
  persons!: Table<StoredRecord, string>
  clues!: Table<StoredRecord, string>
  cases!: Table<StoredRecord, string>
  materials!: Table<StoredRecord, string>
  documents!: Table<StoredRecord, string>
  attachments!: Table<StoredRecord, string>
  attachmentBlobs!: Table<BlobRow, string>
  ledger!: Table<StoredRecord, string>
  donations!: Table<StoredRecord, string>
  referrals!: Table<StoredRecord, string>
  followUps!: Table<StoredRecord, string>
  ruleSets!: Table<StoredRecord, string>
  localMeasures!: Table<StoredRecord, string>
  settings!: Table<SettingRow, string>
  counters!: Table<CounterRow, string>
  audit!: Table<AuditEntry, number>
  exchange!: Table<ExchangeRow, string>
  receivedBundles!: Table<ReceivedBundleRow, string>
  standards!: Table<{ issuer: string; [field: string]: unknown }, string>
  supervisionNotes!: Table<StoredRecord, string>
  duplicateFlags!: Table<StoredRecord, string>
  supervisionReplies!: Table<StoredRecord, string>
  filings!: Table<StoredRecord, string>
  transfers!: Table<StoredRecord, string>
  priorAssistance!: Table<StoredRecord, string>

  constructor(name: string) {
    super(name, { chromeTransactionDurability: 'strict' })
    for (const m of migrations) {
      const v = this.version(m.version).stores(m.stores)
      if (m.upgrade) v.upgrade(m.upgrade)
    }
  }
}

export type TableName = {
  [K in keyof JiuzhuDb]: JiuzhuDb[K] extends Table<infer _R, infer _K> ? K : never
}[keyof JiuzhuDb]

/** The database names of the two profiles: the office's real data and the clearly separate demo profile. */
export const PROFILE_DB = { office: 'jiuzhu-desk', demo: 'jiuzhu-desk-demo' } as const
export type Profile = keyof typeof PROFILE_DB
