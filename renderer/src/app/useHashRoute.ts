import { useCallback, useEffect, useState } from 'react'

/** Minimal hash routing (#/area/sub…) — the app has no server routes, and app:// and browser mode both serve one page. */
function read(): string[] {
  return window.location.hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s))
}

export function useHashRoute(): [string[], (path: string) => void] {
  const [parts, setParts] = useState<string[]>(read)
  useEffect(() => {
    const onChange = () => setParts(read())
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  const go = useCallback((path: string) => {
    window.location.hash = `#/${path}`
  }, [])
  return [parts, go]
}
