/**
 * The security policy of the app window, as data and pure functions so a unit test can assert it
 * (docs/security-reference.md §1; Electron's security checklist).
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * Strict CSP: scripts only from the app itself; styles also inline because Ant Design injects its CSS-in-JS
 * <style> tags at run time; no remote hosts; no plugins; no framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'self' blob:",
].join('; ')

/**
 * The window's webPreferences. In a packaged build (`production`, i.e. `app.isPackaged`) DevTools cannot be opened at
 * all: with them the page's checks, the stored roles and the audit log are one console away (“守得住” #2,
 * docs/security.md §5). `npm start` / `npm run dev` keep them for development.
 */
export function webPreferencesFor(preloadPath: string, production = false) {
  return {
    preload: preloadPath,
    devTools: !production,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
    navigateOnDragDrop: false,
  } as const
}

/**
 * The dev server to load instead of app://desk (electron-vite sets `ELECTRON_RENDERER_URL` for `npm run dev`), or
 * undefined. Never in a packaged build: there the variable would be anyone's way to load a page of their choice and
 * have it trusted for IPC (its origin joins `allowedOrigins`) — a page that could then call every main-process
 * service (keys, exports, backups). Nor anything but an http(s) URL on this machine.
 */
export function devServerUrlFor(url: string | undefined, packaged: boolean): string | undefined {
  if (packaged || !url) return undefined
  try {
    const u = new URL(url)
    const loopback = u.hostname === 'localhost' || u.hostname === '127.0.0.1' || u.hostname === '[::1]'
    return (u.protocol === 'http:' || u.protocol === 'https:') && loopback ? url : undefined
  } catch {
    return undefined
  }
}

/** Origins the window may show and accept IPC from: the app:// origin, plus the dev server in development. */
export function allowedOrigins(devServerUrl?: string): string[] {
  const origins = [APP_ORIGIN]
  if (devServerUrl) origins.push(new URL(devServerUrl).origin)
  return origins
}

/** Compares origins with a URL parser, never with startsWith (checklist item 13). */
export function isAllowedOrigin(url: string | undefined | null, origins: readonly string[]): boolean {
  if (!url) return false
  try {
    const u = new URL(url)
    const origin = u.protocol === `${APP_SCHEME}:` ? `${u.protocol}//${u.host}` : u.origin
    return origins.includes(origin)
  } catch {
    return false
  }
}

/**
 * Keys that open DevTools, reload the page or view its source in Chromium's default bindings. A packaged build has no
 * application menu (so no menu accelerators) and DevTools off; these are refused as well, before the page sees them.
 */
export function isDevToolsOrReloadKey(input: {
  type?: string
  key?: string
  code?: string
  control?: boolean
  meta?: boolean
  shift?: boolean
  alt?: boolean
}): boolean {
  if (input.type !== undefined && input.type !== 'keyDown') return false
  const key = (input.key ?? '').toLowerCase()
  const mod = Boolean(input.control || input.meta)
  if (key === 'f12' || key === 'f5') return true
  if (mod && input.shift && (key === 'i' || key === 'j' || key === 'c')) return true
  if (input.meta && input.alt && (key === 'i' || key === 'j' || key === 'c')) return true
  if (mod && (key === 'r' || key === 'u')) return true
  return false
}
