import { join } from 'node:path'
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron'
import { registerIpc } from './ipc/register'
import { closePrintingWindow, electronPdf } from './pdf'
import { createServices, type ServiceContext } from './services'
import { machineStoreDir } from './services/storeClaims'
import {
  APP_ORIGIN,
  APP_SCHEME,
  allowedOrigins,
  devServerUrlFor,
  isAllowedOrigin,
  isDevToolsOrReloadKey,
  webPreferencesFor,
} from './window/policy'
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
    keyProtector: osKeyProtector(),
    // 打开 / 打印: the system's program for the (already checked) exported file; its print command prints
    openPath: (path) => shell.openPath(path),
    // 打开安装程序所在文件夹: the handed-over installer selected in Explorer / the file manager, not run
    showInFolder: (path) => shell.showItemInFolder(path),
    pickBackupFile: async () => {
      const win = BrowserWindow.getFocusedWindow()
      const options: Electron.OpenDialogOptions = {
        title: '选择备份文件',
        properties: ['openFile'],
        filters: [{ name: '司法救助工作台备份', extensions: ['jzbak'] }],
      }
      const res = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options)
      return res.canceled ? undefined : res.filePaths[0]
    },
    machineDir: machineStoreDir(process.platform, process.env),
  }
}

/**
 * The audit anchor's key, protected by the operating system (Electron safeStorage: DPAPI on Windows, the Keychain on
 * macOS, the Secret Service / KWallet on Linux). Where the OS offers nothing better than Chromium's built-in
 * fallback password ('basic_text' on Linux without a keyring), the service keeps a 0600 key file instead and says
 * so in the audit viewer (docs/security.md §5).
 */
export function osKeyProtector(): ServiceContext['keyProtector'] {
  try {
    if (!safeStorage.isEncryptionAvailable()) return undefined
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') return undefined
  } catch {
    return undefined
  }
  return {
    kind: 'safeStorage',
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  }
}

/**
 * The app window. `production` (a packaged build, `app.isPackaged`): DevTools off in webPreferences and their
 * shortcuts refused; development keeps both (docs/security.md §5).
 */
export function createMainWindow(
  preloadPath: string,
  devServerUrl?: string,
  production: boolean = app.isPackaged,
): BrowserWindow {
  const devUrl = devServerUrlFor(devServerUrl, production)
  const origins = allowedOrigins(devUrl)
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    title: PRODUCT_NAME,
    show: false,
    autoHideMenuBar: true,
    webPreferences: webPreferencesFor(preloadPath, production),
  })
  hardenContents(win.webContents, origins, production)
  win.once('ready-to-show', () => win.show())
  void win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`)
  return win
}

/**
 * Blocks navigation away from the app, every new window and every webview (checklist items 12–14). In production
 * also the DevTools / reload / view-source keys, and DevTools if anything opens them regardless.
 */
export function hardenContents(contents: Electron.WebContents, origins: readonly string[], production = false): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedOrigin(url, origins)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedOrigin(url, origins)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  if (production) {
    contents.on('before-input-event', (event, input) => {
      if (isDevToolsOrReloadKey(input)) event.preventDefault()
    })
    contents.on('devtools-opened', () => contents.closeDevTools())
  }
}

export function startApp(options: { rendererDir: string; preloadPath: string; devServerUrl?: string }): void {
  registerAppScheme()
  const production = app.isPackaged
  // ELECTRON_RENDERER_URL only in development (docs/security.md §5): a packaged build always loads app://desk.
  const opts = { ...options, devServerUrl: devServerUrlFor(options.devServerUrl, production) }
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
  app.on('web-contents-created', (_e, contents) =>
    hardenContents(contents, allowedOrigins(opts.devServerUrl), production),
  )
  app.on('window-all-closed', () => app.quit())
  void app.whenReady().then(() => {
    // No default menu in a packaged build: it carries 重新加载 and 开发者工具 with their accelerators.
    if (production) Menu.setApplicationMenu(null)
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
    main = createMainWindow(opts.preloadPath, opts.devServerUrl, production)
    // the hidden printing window (kept between documents) must not keep the app open once the user closes it
    main.on('closed', closePrintingWindow)
  })
}
