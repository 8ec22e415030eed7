import { useEffect, useState } from 'react'

const EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const

/** True once there has been no keyboard or mouse input for `minutes`; `unlock()` starts the clock again. */
export function useIdleLock(minutes: number): [boolean, () => void] {
  const [locked, setLocked] = useState(false)
  useEffect(() => {
    if (locked) return
    let timer = window.setTimeout(() => setLocked(true), minutes * 60_000)
    const reset = () => {
      window.clearTimeout(timer)
      timer = window.setTimeout(() => setLocked(true), minutes * 60_000)
    }
    for (const e of EVENTS) window.addEventListener(e, reset, { passive: true })
    return () => {
      window.clearTimeout(timer)
      for (const e of EVENTS) window.removeEventListener(e, reset)
    }
  }, [locked, minutes])
  return [locked, () => setLocked(false)]
}
