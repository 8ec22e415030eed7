import { type SettingKey, settingDefaults, settingSchemas } from '@shared/domain/settings'
import type { JiuzhuDb } from '../database'

/** A setting's stored value if valid, else its default. */
export async function getSetting<K extends SettingKey>(db: JiuzhuDb, key: K): Promise<(typeof settingDefaults)[K]> {
  const row = await db.settings.get(key)
  const parsed = settingSchemas[key].safeParse(row?.value)
  return parsed.success ? parsed.data : settingDefaults[key]
}
