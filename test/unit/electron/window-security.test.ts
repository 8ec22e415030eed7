import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMainWindow, hardenContents, osKeyProtector, startApp } from '../../../electron/app'
import { PRODUCTION_FUSES } from '../../../electron/fuses'
import {
  APP_ORIGIN,
  CONTENT_SECURITY_POLICY,
  devServerUrlFor,
  isDevToolsOrReloadKey,
} from '../../../electron/window/policy'
import { channels } from '../../../shared/ipc/contract'
import { app, recorded, safeStorage } from '../../mocks/electron'

const flush = () => new Promise((r) => setTimeout(r, 0))

describe('hardened main process (options captured from a mocked electron)', () => {
  beforeEach(() => recorded.reset())
  afterEach(() => recorded.reset())

  it('creates the window with context isolation, sandbox and no Node integration, loading app://', () => {
    const win = createMainWindow('/app/preload/index.js') as unknown as {
      options: { webPreferences: Record<string, unknown> }
      loadedUrl: string
    }
    const prefs = win.options.webPreferences
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      preload: '/app/preload/index.js',
    })
    expect(win.loadedUrl).toBe(`${APP_ORIGIN}/index.html`)
    expect(win.loadedUrl.startsWith('file:')).toBe(false)
  })

  it('blocks navigation away from the app, every window.open and every webview', () => {
    const win = recorded.windows[0] ?? (createMainWindow('/p.js') as unknown as (typeof recorded.windows)[number])
    const wc = win.webContents
    expect(wc.emitPreventable('will-navigate', 'https://example.com/')).toBe(true)
    expect(wc.emitPreventable('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(wc.emitPreventable('will-navigate', 'app://evil/index.html')).toBe(true)
    expect(wc.emitPreventable('will-navigate', 'javascript:alert(1)')).toBe(true)
    expect(wc.emitPreventable('will-navigate', `${APP_ORIGIN}/index.html#/about`)).toBe(false)
    expect(wc.emitPreventable('will-redirect', 'http://127.0.0.1:1/')).toBe(true)
    expect(wc.emitPreventable('will-attach-webview')).toBe(true)
    expect(wc.windowOpenHandler?.({ url: `${APP_ORIGIN}/x` })).toEqual({ action: 'deny' })
    expect(wc.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' })
  })

  it('hardens every web contents created later, too', () => {
    const contents = {
      on: () => contents,
      setWindowOpenHandler: (fn: () => unknown) => (contents.handler = fn),
      handler: undefined as undefined | (() => unknown),
    }
    hardenContents(contents as never, [APP_ORIGIN])
    expect(contents.handler?.()).toEqual({ action: 'deny' })
  })

  it('startApp: single-instance lock, app:// scheme privileged, permissions denied, one IPC handler per contract channel', async () => {
    startApp({ rendererDir: '/nonexistent', preloadPath: '/p.js' })
    await flush()
    expect(recorded.privilegedSchemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ])
    expect(recorded.protocolHandlers.has('app')).toBe(true)
    expect([...recorded.ipcHandlers.keys()].sort()).toEqual([...channels].sort())
    let granted: boolean | undefined
    recorded.permissionRequestHandler?.({}, 'media', (g: boolean) => (granted = g))
    expect(granted).toBe(false)
    expect(recorded.appListeners.has('second-instance')).toBe(true)
    expect(recorded.appListeners.has('web-contents-created')).toBe(true)
    expect(recorded.windows).toHaveLength(1)
  })

  it('quits when another instance holds the lock', async () => {
    recorded.singleInstanceLock = false
    startApp({ rendererDir: '/nonexistent', preloadPath: '/p.js' })
    await flush()
    expect(recorded.windows).toHaveLength(0)
    expect(recorded.ipcHandlers.size).toBe(0)
  })

  it('serves app:// only for its own host, with the strict CSP header', async () => {
    startApp({ rendererDir: '/nonexistent', preloadPath: '/p.js' })
    await flush()
    const handler = recorded.protocolHandlers.get('app')!
    const foreign = (await handler(new Request('app://other/index.html'))) as Response
    expect(foreign.status).toBe(403)
    const missing = (await handler(new Request(`${APP_ORIGIN}/nope.js`))) as Response
    expect(missing.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe/)
  })

  it('IPC handlers refuse callers that are not the app top frame', async () => {
    startApp({ rendererDir: '/nonexistent', preloadPath: '/p.js' })
    await flush()
    const info = recorded.ipcHandlers.get('system:info')!
    const fromApp = (await info({ senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } }, {})) as {
      ok: boolean
    }
    expect(fromApp.ok).toBe(true)
    for (const frame of [
      { url: 'https://evil.example/', parent: null },
      { url: `${APP_ORIGIN}/index.html`, parent: {} },
      { url: 'file:///index.html', parent: null },
      null,
    ]) {
      const res = (await info({ senderFrame: frame }, {})) as { ok: boolean; error?: { code: string; message: string } }
      expect(res.ok).toBe(false)
      expect(res.error?.code).toBe('ipc.sender-denied')
      expect(res.error?.message).toMatch(/拒绝执行/)
    }
  })
  it('a packaged build: DevTools off, no application menu, DevTools and reload keys refused', async () => {
    app.isPackaged = true
    startApp({ rendererDir: '/nonexistent', preloadPath: '/p.js' })
    await flush()
    expect(recorded.applicationMenus).toEqual([null])
    const win = recorded.windows[0] as unknown as {
      options: { webPreferences: Record<string, unknown> }
      webContents: (typeof recorded.windows)[number]['webContents']
    }
    expect(win.options.webPreferences.devTools).toBe(false)
    const wc = win.webContents
    const key = (k: Record<string, unknown>) => wc.emitPreventable('before-input-event', { type: 'keyDown', ...k })
    expect(key({ key: 'F12' })).toBe(true)
    expect(key({ key: 'I', control: true, shift: true })).toBe(true)
    expect(key({ key: 'j', control: true, shift: true })).toBe(true)
    expect(key({ key: 'c', control: true, shift: true })).toBe(true)
    expect(key({ key: 'i', meta: true, alt: true })).toBe(true)
    expect(key({ key: 'r', control: true })).toBe(true)
    expect(key({ key: 'R', control: true, shift: true })).toBe(true)
    expect(key({ key: 'F5' })).toBe(true)
    expect(key({ key: 'u', control: true })).toBe(true)
    // ordinary typing and copy / paste still reach the page
    expect(key({ key: 'c', control: true })).toBe(false)
    expect(key({ key: 'v', control: true })).toBe(false)
    expect(key({ key: 'i' })).toBe(false)
    expect(key({ key: '张' })).toBe(false)
    // DevTools opened by any other path are closed at once
    for (const fn of wc.listeners.get('devtools-opened') ?? []) fn()
    expect(wc.devToolsClosed).toBe(1)
  })

  it('development (npm start): DevTools and the default menu stay', async () => {
    app.isPackaged = false
    startApp({ rendererDir: '/nonexistent', preloadPath: '/p.js' })
    await flush()
    expect(recorded.applicationMenus).toEqual([])
    const win = recorded.windows[0] as unknown as { options: { webPreferences: Record<string, unknown> } }
    expect(win.options.webPreferences.devTools).toBe(true)
    expect(recorded.windows[0].webContents.emitPreventable('before-input-event', { type: 'keyDown', key: 'F12' })).toBe(
      false,
    )
  })

  it('ELECTRON_RENDERER_URL: a packaged build ignores it (loads app://desk, trusts no other origin for IPC)', async () => {
    const devServerUrl = 'http://localhost:5173/'
    const infoFrom = async (url: string) => {
      const info = recorded.ipcHandlers.get('system:info')!
      return (await info({ senderFrame: { url, parent: null } }, {})) as { ok: boolean; error?: { code: string } }
    }
    app.isPackaged = true
    startApp({ rendererDir: '/nonexistent', preloadPath: '/p.js', devServerUrl })
    await flush()
    expect((recorded.windows[0] as unknown as { loadedUrl: string }).loadedUrl).toBe(`${APP_ORIGIN}/index.html`)
    expect((await infoFrom(`${devServerUrl}index.html`)).error?.code).toBe('ipc.sender-denied')
    expect((await infoFrom(`${APP_ORIGIN}/index.html`)).ok).toBe(true)
    // navigation to the dev server is blocked as to any other origin
    expect(recorded.windows[0].webContents.emitPreventable('will-navigate', `${devServerUrl}x`)).toBe(true)

    // development (npm run dev): the dev server is loaded and trusted
    recorded.reset()
    app.isPackaged = false
    startApp({ rendererDir: '/nonexistent', preloadPath: '/p.js', devServerUrl })
    await flush()
    expect((recorded.windows[0] as unknown as { loadedUrl: string }).loadedUrl).toBe(devServerUrl)
    expect((await infoFrom(`${devServerUrl}index.html`)).ok).toBe(true)

    // and only an http(s) URL on this machine, even in development
    expect(devServerUrlFor('http://127.0.0.1:5173', false)).toBe('http://127.0.0.1:5173')
    expect(devServerUrlFor('http://localhost:5173', true)).toBeUndefined()
    for (const url of ['https://evil.example/', 'file:///tmp/x.html', 'app://desk/index.html', 'not a url', '']) {
      expect(devServerUrlFor(url, false), url).toBeUndefined()
    }
  })

  it('the DevTools key check only looks at key presses', () => {
    expect(isDevToolsOrReloadKey({ type: 'keyUp', key: 'F12' })).toBe(false)
    expect(isDevToolsOrReloadKey({ type: 'keyDown', key: 'F12' })).toBe(true)
  })

  it('the fuses a packaged build flips close every way around DevTools (test/unit/packaging/ reads them back)', () => {
    // The list itself lives in electron/fuses.ts only; electron-builder.ts applies it. These are the ways around.
    const around = ['RunAsNode', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments'] as const
    for (const fuse of around) expect(PRODUCTION_FUSES[fuse], fuse).toBe(false)
    expect(PRODUCTION_FUSES.OnlyLoadAppFromAsar).toBe(true)
  })

  it('the audit anchor key is sealed by safeStorage only with a real OS keyring', () => {
    safeStorage.isEncryptionAvailable.mockReturnValue(false)
    expect(osKeyProtector()).toBeUndefined()
    safeStorage.isEncryptionAvailable.mockReturnValue(true)
    safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text')
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!
    Object.defineProperty(process, 'platform', { value: 'linux' })
    try {
      expect(osKeyProtector()).toBeUndefined()
      safeStorage.getSelectedStorageBackend.mockReturnValue('gnome_libsecret')
      const p = osKeyProtector()!
      expect(p.kind).toBe('safeStorage')
      const key = Buffer.alloc(32, 7)
      expect(p.decrypt(p.encrypt(key))).toEqual(key)
    } finally {
      Object.defineProperty(process, 'platform', platform)
      safeStorage.isEncryptionAvailable.mockReturnValue(false)
      safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text')
    }
  })
})
