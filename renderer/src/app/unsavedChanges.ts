import { useEffect, useId } from 'react'

/**
 * Forms register here while they hold input that is not saved, so that signing out or switching user can warn
 * instead of losing it silently. The idle lock overlays the screen without unmounting it, so input survives it.
 */
const dirty = new Set<string>()

export function useUnsavedChanges(isDirty: boolean): void {
  const id = useId()
  useEffect(() => {
    if (isDirty) dirty.add(id)
    else dirty.delete(id)
    return () => {
      dirty.delete(id)
    }
  }, [id, isDirty])
}

export function hasUnsavedChanges(): boolean {
  return dirty.size > 0
}
