import { useLiveQuery } from 'dexie-react-hooks'

/** A query that re-runs whenever the tables it read change (Dexie liveQuery). Screens use this, never Dexie. */
export function useDbQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  return useLiveQuery(query, deps)
}
