import { createContext, useContext } from 'react'
import type { Actor, JiuzhuDb, Profile, UnitRow, UserRow } from '../db'

/** What every screen needs: the open profile, this office, and who is at the keyboard. */
export interface Session {
  db: JiuzhuDb
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
