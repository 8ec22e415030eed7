import { OWN_UNIT_KEY } from '../commands/office'
import type { JiuzhuDb, UnitRow, UserRow } from '../database'
import type { ReadDb } from '../readOnly'

/** This office's own unit, or undefined before first-run setup. */
export async function getOwnUnit(db: ReadDb): Promise<UnitRow | undefined> {
  const setting = await db.settings.get(OWN_UNIT_KEY)
  return setting ? db.units.get(setting.value as string) : undefined
}

export function findUserByUsername(db: JiuzhuDb, username: string): Promise<UserRow | undefined> {
  return db.users.where('username').equals(username.trim()).first()
}

export function listUsers(db: JiuzhuDb): Promise<UserRow[]> {
  return db.users.orderBy('username').toArray()
}

export function getUser(db: JiuzhuDb, id: string): Promise<UserRow | undefined> {
  return db.users.get(id)
}
