import type { RegisterId, RegisterRow } from '@shared/registers'
import { useEffect, useState } from 'react'
import { useSession } from '../../app/session'
import { type RegisterProgress, streamRegister } from '../../db'

export interface LoadedRows {
  rows: RegisterRow[]
  progress: RegisterProgress
  /** ms from asking to the first chunk on screen data (first page), for the status line and the benchmark. */
  firstMs?: number
  error?: string
}

/**
 * Streams a register's rows for a period: the first page arrives alone (first screen), the rest follows in chunks
 * appended as they come. A new register or period aborts the previous load. `version` reloads (after a write).
 */
export function useRegisterRows(register: RegisterId, from?: string, to?: string, version = 0): LoadedRows {
  const { store } = useSession()
  const [state, setState] = useState<LoadedRows>({ rows: [], progress: { rows: 0, done: false } })
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is a reload trigger
  useEffect(() => {
    const abort = new AbortController()
    const started = performance.now()
    let rows: RegisterRow[] = []
    let firstMs: number | undefined
    setState({ rows: [], progress: { rows: 0, done: false } })
    store
      .read(streamRegister, register, { from, to, signal: abort.signal }, (chunk, progress) => {
        if (abort.signal.aborted) return
        if (chunk.length) rows = rows.concat(chunk)
        firstMs ??= performance.now() - started
        setState({ rows, progress, firstMs })
      })
      .catch((e: unknown) => {
        if (!abort.signal.aborted) {
          setState((s) => ({
            ...s,
            progress: { ...s.progress, done: true },
            error: e instanceof Error ? e.message : String(e),
          }))
        }
      })
    return () => abort.abort()
  }, [store, register, from, to, version])
  return state
}
