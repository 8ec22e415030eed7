import { type SettingKey, settingDefaults, settingSchemas } from '@shared/domain/settings'
import { type Draft, draftKey } from '../commands/drafts'
import type { JiuzhuDb } from '../database'
import type { ReadDb } from '../readOnly'

/** A setting's stored value if valid, else its default. */
export async function getSetting<K extends SettingKey>(db: ReadDb, key: K): Promise<(typeof settingDefaults)[K]> {
  const row = await db.settings.get(key)
  const parsed = settingSchemas[key].safeParse(row?.value)
  return parsed.success ? (parsed.data as (typeof settingDefaults)[K]) : settingDefaults[key]
}

/** The signed-in user's draft of a form, if one was saved and not discarded. */
export async function getDraft(db: JiuzhuDb, form: string, userId: string): Promise<Draft | undefined> {
  const row = await db.settings.get(draftKey(form, userId))
  return (row?.value as Draft | null | undefined) ?? undefined
}
