/** A moment as the app records it: the instant (ISO-8601 UTC) and the calendar day in China time (UTC+8). */
export interface Now {
  instant: string
  date: string
}

export function chinaDateOf(epochMs: number): string {
  return new Date(epochMs + 8 * 3600_000).toISOString().slice(0, 10)
}

/** The China-time (UTC+8) time of day `HH:MM:SS` of a moment, whatever the computer's time zone (e.g. a draft's stamp). */
export function chinaTimeOf(epochMs: number): string {
  return new Date(epochMs + 8 * 3600_000).toISOString().slice(11, 19)
}

export function nowFrom(epochMs: number): Now {
  return { instant: new Date(epochMs).toISOString(), date: chinaDateOf(epochMs) }
}

/**
 * The China-time (Asia/Shanghai, UTC+8 all year: no daylight saving since 1991) stamp put in export and backup file
 * names, `YYYYMMDD-HHmmss`: the time on the clerk's screen, not UTC (a file made at 14:18 reads 141800, not 061800).
 */
export function chinaFileStamp(epochMs: number): string {
  const iso = new Date(epochMs + 8 * 3600_000).toISOString()
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}`
}
