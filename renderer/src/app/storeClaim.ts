import type { Profile, UnitRow } from '../db'
import { api } from '../platform/api'

/**
 * One store per office per PC (docs/packaging.md §5): asks the main process to record that this account's data
 * folder holds the office, at start and right after first-run setup. Resolves to the Chinese reason when another
 * system account already holds it on this PC (the app then opens nothing), else undefined.
 */
export async function claimOnThisPc(profile: Profile, unit: UnitRow): Promise<string | undefined> {
  const res = await api.storeClaim({ profile, unitCode: unit.code, unitName: unit.name })
  return res.ok ? undefined : res.error.message
}
