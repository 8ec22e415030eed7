import type { Profile } from '../db'

const KEY = 'jiuzhu.profile'

/**
 * Which profile this window works in: the office's real records, or the clearly separate demo profile (its own
 * database). Kept for the window's session only, so a restart always opens the office's records.
 */
export function currentProfile(): Profile {
  // (no sessionStorage where the renderer's modules are loaded in Node by the unit tests: the office's records)
  return globalThis.sessionStorage?.getItem(KEY) === 'demo' ? 'demo' : 'office'
}

export function switchProfile(profile: Profile): void {
  sessionStorage.setItem(KEY, profile)
  window.location.hash = ''
  window.location.reload()
}
