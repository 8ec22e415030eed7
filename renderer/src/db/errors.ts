import { type AppError, appError } from '@shared/errors'
import { CodedError } from '@shared/errors/coded'

/**
 * Turns whatever IndexedDB/Dexie threw into one of the closed set of storage codes. QuotaExceededError often
 * arrives wrapped (AbortError.inner, or as the transaction's error), so the whole `inner` chain is searched.
 */
export function storageErrorFrom(e: unknown): AppError {
  if (e instanceof CodedError) return appError(e.code, e.params)
  const names: string[] = []
  let cur: unknown = e
  for (let depth = 0; cur && depth < 6; depth++) {
    const err = cur as { name?: string; inner?: unknown; cause?: unknown }
    if (err.name) names.push(err.name)
    cur = err.inner ?? err.cause
  }
  const message = e instanceof Error ? e.message : String(e)
  if (names.includes('QuotaExceededError') || /quota/i.test(message)) return appError('db.quota-exceeded')
  if (names.includes('DatabaseClosedError') || names.includes('InvalidStateError')) return appError('db.closed')
  if (names.includes('VersionError')) return appError('db.version-too-new')
  if (names.includes('BlockedError') || names.includes('UpgradeError')) return appError('db.upgrade-blocked')
  return appError('db.unknown', { detail: message.slice(0, 200) })
}
