import { useCallback, useEffect, useRef, useState } from 'react'
import { hasUnsavedChanges } from './unsavedChanges'

/** Minimal hash routing (#/area/sub…) — the app has no server routes, and app:// and browser mode both serve one page. */
function read(): string[] {
  return window.location.hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s))
}

/**
 * The route, and `go` to change it. Leaving a form with unsaved input — by `go` (the menu, buttons) or by the hash
 * changing under it (a link, the back button) — first calls `confirmLeave`, which calls `proceed` if the user agrees;
 * otherwise the page stays as it was.
 */
export function useHashRoute(confirmLeave: (proceed: () => void) => void): [string[], (path: string) => void] {
  const [parts, setParts] = useState<string[]>(read)
  const shown = useRef(window.location.hash)
  const ask = useRef(confirmLeave)
  ask.current = confirmLeave
  useEffect(() => {
    const onChange = () => {
      const target = window.location.hash
      if (target === shown.current) return
      if (!hasUnsavedChanges()) {
        shown.current = target
        setParts(read())
        return
      }
      // stay on the form until the user agrees to leave it
      window.history.replaceState(null, '', shown.current)
      ask.current(() => {
        shown.current = target
        window.history.replaceState(null, '', target)
        setParts(read())
      })
    }
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  const go = useCallback((path: string) => {
    const target = `#/${path}`
    const move = () => {
      shown.current = target
      window.location.hash = target
      setParts(read())
    }
    if (hasUnsavedChanges()) ask.current(move)
    else move()
  }, [])
  return [parts, go]
}
