/** The record store's public surface for the UI: open a profile, run commands, query. Nothing else touches Dexie. */
import { JiuzhuDb, PROFILE_DB, type Profile } from './database'

export type { Actor } from './commands/context'
export { execute } from './commands/execute'
export { setupOffice } from './commands/office'
export type { JiuzhuDb, Profile, UnitRow, UserRow } from './database'
export { PROFILE_DB } from './database'
export { storageErrorFrom } from './errors'
export * from './queries/office'

export async function openProfile(profile: Profile): Promise<JiuzhuDb> {
  const db = new JiuzhuDb(PROFILE_DB[profile])
  await db.open()
  return db
}

/** Asks the browser to keep this origin's data under storage pressure (storage health; shown in 关于). */
export async function requestPersistentStorage(): Promise<'granted' | 'denied' | 'unsupported'> {
  if (!navigator.storage?.persist) return 'unsupported'
  try {
    if (await navigator.storage.persisted()) return 'granted'
    return (await navigator.storage.persist()) ? 'granted' : 'denied'
  } catch {
    return 'denied'
  }
}

export async function storageEstimate(): Promise<{ usage: number; quota: number } | undefined> {
  if (!navigator.storage?.estimate) return undefined
  const e = await navigator.storage.estimate()
  return { usage: e.usage ?? 0, quota: e.quota ?? 0 }
}
