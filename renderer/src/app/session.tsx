import { createContext, useContext } from 'react'
import type { Actor, Profile, UnitRow, UserRow } from '../db'
import type { Store } from './store'

/** What every screen needs: the open profile, this office, and who is at the keyboard. */
export interface Session {
  /** Reads, commands and flows bound to this profile and user — never the Dexie object (./store.ts). */
  store: Store
  profile: Profile
  unit: UnitRow
  user: UserRow
  actor: Actor
  persistence: 'granted' | 'denied' | 'unsupported'
  logout(): void
}

export const SessionContext = createContext<Session | null>(null)

export function useSession(): Session {
  const s = useContext(SessionContext)
  if (!s) throw new Error('useSession outside a signed-in session')
  return s
}
