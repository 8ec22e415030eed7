import { useEffect, useId } from 'react'

/**
 * Forms register here while they hold input that is not saved, so that leaving them (the menu, a link or the
 * browser's back button, signing out or switching user, reloading or closing the window) asks first instead of
 * losing it silently. The idle lock overlays the screen without unmounting it, so input survives it.
 */
const dirty = new Set<string>()
/** Forms that keep drafts: how each keeps its draft now (the idle lock calls them all). */
const keepers = new Map<string, () => void>()

/** The question asked before leaving a form with unsaved input; it says whether the input stays as a draft. */
export function leaveQuestion(leaving = '离开') {
  const kept = [...dirty].every((id) => keepers.has(id))
  return {
    title: '有未保存的内容',
    content: kept
      ? `有未保存的内容，${leaving}后不会正式保存；所填写的内容已作为您本人的草稿保留，再次打开该表单时可以恢复。确定${leaving}吗？`
      : `有未保存的内容，${leaving}后所填写的内容不会保存。确定${leaving}吗？`,
    okText: '放弃并离开',
    cancelText: '留在本页',
  }
}

/** `keepDraft`, when the form keeps drafts: called when the idle lock comes while the form holds unsaved input. */
export function useUnsavedChanges(isDirty: boolean, keepDraft?: () => void): void {
  const id = useId()
  useEffect(() => {
    if (isDirty) dirty.add(id)
    else dirty.delete(id)
    if (isDirty && keepDraft) keepers.set(id, keepDraft)
    else keepers.delete(id)
    return () => {
      dirty.delete(id)
      keepers.delete(id)
    }
  }, [id, isDirty, keepDraft])
}

/** The idle lock came: every form with unsaved input keeps its draft at once (the user may not come back). */
export function keepDraftsNow(): void {
  for (const keep of keepers.values()) keep()
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
