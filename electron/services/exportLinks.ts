import { randomBytes } from 'node:crypto'
import { basename } from 'node:path'

/** Where browser mode serves an exported file for 打开 / 打印: `/__export/<ticket>/<file name>`. */
export const EXPORT_LINK_PATH = '/__export/'
const TICKET = /^[A-Za-z0-9_-]{32}$/

/**
 * Short-lived links to files in the export folder, for browser mode's 打开 / 打印 (a new tab cannot send the bridge's
 * token header). A link is issued only by `files:open` — a bridge call that carried the token, for a path already
 * checked by `exportedFile` — and names one file by an unguessable ticket that expires after `ttlMs`; the page's
 * token itself never appears in an address (docs/security.md “打开和打印导出的文件”).
 */
export interface ExportLinks {
  issue(path: string): string
  lookup(ticket: string): string | undefined
}

export function createExportLinks(ttlMs = 10 * 60_000, now: () => number = Date.now): ExportLinks {
  const tickets = new Map<string, { path: string; expires: number }>()
  return {
    issue(path) {
      for (const [t, v] of tickets) if (v.expires <= now()) tickets.delete(t)
      const ticket = randomBytes(24).toString('base64url')
      tickets.set(ticket, { path, expires: now() + ttlMs })
      return `${EXPORT_LINK_PATH}${ticket}/${encodeURIComponent(basename(path))}`
    },
    lookup(ticket) {
      if (!TICKET.test(ticket)) return undefined
      const entry = tickets.get(ticket)
      if (!entry || entry.expires <= now()) return undefined
      return entry.path
    },
  }
}
