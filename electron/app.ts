import { join } from 'node:path'
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron'
import { registerIpc } from './ipc/register'
import { electronPdf } from './pdf'
import { createServices, type ServiceContext } from './services'
import { APP_ORIGIN, APP_SCHEME, allowedOrigins, isAllowedOrigin, webPreferencesFor } from './window/policy'
import { serveStatic } from './window/protocol'

/**
 * The thin Electron adapter: window, protocol, lifecycle. Everything it does is wiring; the services live in
 * ./services and the policy in ./window/policy so that both are tested in plain Node.
 */
export const PRODUCT_NAME = '司法救助工作台'

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ])
}

export function serviceContext(): ServiceContext {
  return {
    mode: 'electron',
    appVersion: app.getVersion(),
    productName: PRODUCT_NAME,
    platform: process.platform,
    dataDir: app.getPath('userData'),
    exportDir: join(app.getPath('documents'), `${PRODUCT_NAME}导出`),
    backupDir: join(app.getPath('documents'), `${PRODUCT_NAME}备份`),
    renderPdf: electronPdf,
  }
}

export function createMainWindow(preloadPath: string, devServerUrl?: string): BrowserWindow {
  const origins = allowedOrigins(devServerUrl)
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: PRODUCT_NAME,
    show: false,
    autoHideMenuBar: true,
    webPreferences: webPreferencesFor(preloadPath),
  })
  hardenContents(win.webContents, origins)
  win.once('ready-to-show', () => win.show())
  void win.loadURL(devServerUrl ?? `${APP_ORIGIN}/index.html`)
  return win
}

/** Blocks navigation away from the app, every new window and every webview (checklist items 12–14). */
export function hardenContents(contents: Electron.WebContents, origins: readonly string[]): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedOrigin(url, origins)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedOrigin(url, origins)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

export function startApp(opts: { rendererDir: string; preloadPath: string; devServerUrl?: string }): void {
  registerAppScheme()
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  let main: BrowserWindow | undefined
  app.on('second-instance', () => {
    if (main) {
      if (main.isMinimized()) main.restore()
      main.focus()
    }
  })
  app.on('web-contents-created', (_e, contents) => hardenContents(contents, allowedOrigins(opts.devServerUrl)))
  app.on('window-all-closed', () => app.quit())
  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, async (request) => {
      const url = new URL(request.url)
      if (url.host !== new URL(APP_ORIGIN).host) return new Response('禁止访问', { status: 403 })
      const res = await serveStatic(opts.rendererDir, url.pathname)
      return new Response(new Uint8Array(res.body), { status: res.status, headers: res.headers })
    })
    // Deny every permission request (camera, notifications, geolocation …): the app needs none.
    session.defaultSession.setPermissionRequestHandler((_wc, _perm, callback) => callback(false))
    session.defaultSession.setPermissionCheckHandler(() => false)
    registerIpc(ipcMain, createServices(serviceContext()), allowedOrigins(opts.devServerUrl))
    main = createMainWindow(opts.preloadPath, opts.devServerUrl)
  })
}
