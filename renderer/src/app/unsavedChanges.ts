import { useEffect, useId } from 'react'

/**
 * Forms register here while they hold input that is not saved, so that leaving them (the menu, a link or the
 * browser's back button, signing out or switching user, reloading or closing the window) asks first instead of
 * losing it silently. The idle lock overlays the screen without unmounting it, so input survives it.
 */
const dirty = new Set<string>()

/** The question asked before leaving a form with unsaved input. */
export const LEAVE_QUESTION = {
  title: '有未保存的内容',
  content: '有未保存的内容，离开后所填写的内容不会保存（受理登记已自动保留草稿，再次打开时可以恢复）。确定离开吗？',
  okText: '放弃并离开',
  cancelText: '留在本页',
}

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

/** Reloading or closing the window with unsaved input: the browser asks (its own dialog, in its own language). */
function onBeforeUnload(e: BeforeUnloadEvent): void {
  if (!hasUnsavedChanges()) return
  e.preventDefault()
  e.returnValue = ''
}
if (typeof window !== 'undefined') window.addEventListener('beforeunload', onBeforeUnload)
