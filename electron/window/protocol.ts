import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, normalize, relative, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from './policy'

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
}

/** Maps a URL path to a file inside `root`, or null if it would escape it (path traversal). */
export function resolveStaticPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0].split('#')[0])
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '')
  const full = resolve(root, normalize(rel))
  const inside = relative(root, full)
  if (inside === '' || inside.startsWith('..') || inside.startsWith(sep) || isAbsolute(inside)) return null
  return full
}

export const securityHeaders = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
} as const

/**
 * Serves the built renderer for the app:// scheme and for browser mode: only files under `root`, with the CSP
 * and security headers on every response. Unknown paths fall back to index.html (client-side routes).
 */
export async function serveStatic(
  root: string,
  urlPath: string,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const file = resolveStaticPath(root, urlPath)
  if (!file) return { status: 403, headers: { ...securityHeaders }, body: Buffer.from('禁止访问') }
  try {
    const body = await readFile(file)
    return {
      status: 200,
      headers: { ...securityHeaders, 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream' },
      body,
    }
  } catch {
    if (extname(file) === '') {
      const body = await readFile(resolve(root, 'index.html'))
      return { status: 200, headers: { ...securityHeaders, 'Content-Type': MIME['.html'] }, body }
    }
    return { status: 404, headers: { ...securityHeaders }, body: Buffer.from('未找到') }
  }
}
