import type { SettingKey, settingDefaults } from '@shared/domain/settings'
import type { Result } from '@shared/errors'
import type { DesktopApi } from '@shared/ipc/api'
import {
  type Actor,
  type CommandSpec,
  execute,
  getSetting,
  type JiuzhuDb,
  restoreBackupTables,
  type UnitRow,
} from '../db'
import { createUpdate, receiveUpdate, relayUpdate, storeSchemaVersion } from '../db/commands/updatePackage'
import {
  confirmEnrollment,
  confirmImport,
  exportAck,
  exportArchive,
  exportEnrollment,
  exportFiling,
  exportNotes,
  exportRotation,
  exportStandards,
  exportTrustDirectory,
  inspectPicked,
  openPicked,
  previewEnrollment,
  previewImport,
  reissueKey,
  resealRetired,
  revokeKey,
  rotateKey,
} from '../db/exchange'
import { confirmTransferImport, exportTransfer, openTransfer } from '../db/transfer'
import { api } from '../platform/api'

/** A read from db/ — any query whose first parameter is the database. */
export type Query<A extends unknown[], R> = (db: JiuzhuDb, ...args: A) => R

/**
 * What a screen has of the record store: reads, commands and the exchange's flows, all bound to the open profile,
 * the acting user and this office. A screen never holds the Dexie object (docs/architecture.md §2, 界面如何办理).
 */
export interface Store extends ProfileStore {
  /** Runs a command in the signed-in user's name (one transaction, audited; renderer/src/db/commands/execute.ts). */
  execute<I, R>(spec: CommandSpec<I, R>, input: unknown): Promise<Result<R>>
  /** The multi-step flows (export, import, keys), with the session's parts already supplied. */
  flows: Flows
}

/**
 * What the screens before sign-in have (首次设置, 演示环境, 登录, 从备份恢复): reads, and commands run as an actor they
 * name — the administrator a bootstrap command creates, or the account signing in.
 */
export interface ProfileStore {
  /** Runs a query of db/ against this profile: `read(listCases, filter)`. */
  read<A extends unknown[], R>(query: Query<A, R>, ...args: A): R
  /** A setting's stored value, or its default (typed by key, which `read(getSetting, key)` cannot keep). */
  setting<K extends SettingKey>(key: K): Promise<(typeof settingDefaults)[K]>
  /** Runs a command as `actor` (still checked against the stored account inside the transaction). */
  executeAs<I, R>(actor: Actor, spec: CommandSpec<I, R>, input: unknown): Promise<Result<R>>
  /** The version of this profile's database schema (stated in an update package: the oldest store it can open). */
  schemaVersion: number
  /** Restores a backup's tables into this (empty) profile (renderer/src/db/backup.ts). */
  restoreBackup(tables: Record<string, unknown[]>): Promise<void>
}

export type Flows = ReturnType<typeof bindFlows>

/** The flows of db/exchange and db/transfer, given the database, the acting user, the desktop API and this office. */
function bindFlows(db: JiuzhuDb, actor: Actor, own: UnitRow, desktop: DesktopApi) {
  const full =
    <A extends unknown[], R>(f: (db: JiuzhuDb, actor: Actor, api: DesktopApi, own: UnitRow, ...a: A) => R) =>
    (...a: A) =>
      f(db, actor, desktop, own, ...a)
  const acting =
    <A extends unknown[], R>(f: (db: JiuzhuDb, actor: Actor, ...a: A) => R) =>
    (...a: A) =>
      f(db, actor, ...a)
  const actingApi =
    <A extends unknown[], R>(f: (db: JiuzhuDb, actor: Actor, api: DesktopApi, ...a: A) => R) =>
    (...a: A) =>
      f(db, actor, desktop, ...a)
  const reading =
    <A extends unknown[], R>(f: (db: JiuzhuDb, api: DesktopApi, own: UnitRow, ...a: A) => R) =>
    (...a: A) =>
      f(db, desktop, own, ...a)
  const planning =
    <A extends unknown[], R>(f: (db: JiuzhuDb, own: UnitRow, ...a: A) => R) =>
    (...a: A) =>
      f(db, own, ...a)
  return {
    exportEnrollment: full(exportEnrollment),
    exportArchive: full(exportArchive),
    exportAck: full(exportAck),
    exportStandards: full(exportStandards),
    exportNotes: full(exportNotes),
    exportFiling: full(exportFiling),
    exportRotation: full(exportRotation),
    exportTransfer: full(exportTransfer),
    exportTrustDirectory: reading(exportTrustDirectory),
    rotateKey: actingApi(rotateKey),
    resealRetired: actingApi(resealRetired),
    reissueKey: full(reissueKey),
    revokeKey: acting(revokeKey),
    inspectPicked: reading(inspectPicked),
    openPicked: reading(openPicked),
    previewEnrollment: planning(previewEnrollment),
    previewImport: planning(previewImport),
    confirmEnrollment: acting(confirmEnrollment),
    confirmImport: acting(confirmImport),
    openTransfer: reading(openTransfer),
    confirmTransferImport: acting(confirmTransferImport),
    receiveUpdate: full(receiveUpdate),
    relayUpdate: full(relayUpdate),
    createUpdate: full(createUpdate),
  }
}

/** The store of a profile before anyone signs in. */
export function profileStore(db: JiuzhuDb): ProfileStore {
  return {
    read: (query, ...args) => query(db, ...args),
    setting: (key) => getSetting(db, key),
    executeAs: (actor, spec, input) => execute(db, spec, actor, input),
    schemaVersion: storeSchemaVersion(db),
    restoreBackup: (tables) => restoreBackupTables(db, tables),
  }
}

/** The store of one signed-in session. */
export function sessionStore(db: JiuzhuDb, actor: Actor, own: UnitRow, desktop: DesktopApi = api): Store {
  return {
    ...profileStore(db),
    execute: (spec, input) => execute(db, spec, actor, input),
    flows: bindFlows(db, actor, own, desktop),
  }
}
