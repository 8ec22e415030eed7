/** A moment as the app records it: the instant (ISO-8601 UTC) and the calendar day in China time (UTC+8). */
export interface Now {
  instant: string
  date: string
}

export function chinaDateOf(epochMs: number): string {
  return new Date(epochMs + 8 * 3600_000).toISOString().slice(0, 10)
}

export function nowFrom(epochMs: number): Now {
  return { instant: new Date(epochMs).toISOString(), date: chinaDateOf(epochMs) }
}
