import { vi } from 'vitest'

/**
 * Stand-in for the 'electron' package in Node tests (the real one would try to download its binary). Records
 * what the main process asks of Electron so tests can assert it: windows created with their options, IPC
 * handlers, protocol handlers, app event listeners.
 */
type Handler = (...args: unknown[]) => unknown

export const recorded = {
  windows: [] as FakeBrowserWindow[],
  ipcHandlers: new Map<string, Handler>(),
  protocolHandlers: new Map<string, Handler>(),
  privilegedSchemes: [] as unknown[],
  appListeners: new Map<string, Handler[]>(),
  exposed: new Map<string, unknown>(),
  permissionRequestHandler: undefined as Handler | undefined,
  singleInstanceLock: true,
  /** Menu.setApplicationMenu calls, in order (null = no menu). */
  applicationMenus: [] as unknown[],
  reset() {
    this.windows.length = 0
    this.ipcHandlers.clear()
    this.protocolHandlers.clear()
    this.privilegedSchemes.length = 0
    this.appListeners.clear()
    this.exposed.clear()
    this.permissionRequestHandler = undefined
    this.singleInstanceLock = true
    this.applicationMenus.length = 0
    app.isPackaged = false
  },
}

class FakeWebContents {
  listeners = new Map<string, Handler[]>()
  windowOpenHandler: Handler | undefined
  on(event: string, fn: Handler) {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn])
    return this
  }
  setWindowOpenHandler(fn: Handler) {
    this.windowOpenHandler = fn
  }
  devToolsClosed = 0
  closeDevTools() {
    this.devToolsClosed++
  }
  /** Fires an event the way Electron would and reports whether a listener prevented it. */
  emitPreventable(event: string, ...args: unknown[]): boolean {
    let prevented = false
    const e = { preventDefault: () => (prevented = true) }
    for (const fn of this.listeners.get(event) ?? []) fn(e, ...args)
    return prevented
  }
}

export class FakeBrowserWindow {
  options: Record<string, unknown>
  webContents = new FakeWebContents()
  loadedUrl: string | undefined
  constructor(options: Record<string, unknown>) {
    this.options = options
    recorded.windows.push(this)
  }
  loadURL(url: string) {
    this.loadedUrl = url
    return Promise.resolve()
  }
  once() {
    return this
  }
  on() {
    return this
  }
  show() {}
  focus() {}
  restore() {}
  isMinimized() {
    return false
  }
}

export const app = {
  isPackaged: false,
  getVersion: vi.fn(() => '0.0.0-test'),
  getPath: vi.fn((name: string) => `/tmp/jiuzhu-test/${name}`),
  whenReady: vi.fn(() => Promise.resolve()),
  requestSingleInstanceLock: vi.fn(() => recorded.singleInstanceLock),
  quit: vi.fn(),
  on: vi.fn((event: string, fn: Handler) => {
    recorded.appListeners.set(event, [...(recorded.appListeners.get(event) ?? []), fn])
  }),
}

export const ipcMain = {
  handle: vi.fn((channel: string, fn: Handler) => {
    recorded.ipcHandlers.set(channel, fn)
  }),
}

export const protocol = {
  registerSchemesAsPrivileged: vi.fn((schemes: unknown[]) => recorded.privilegedSchemes.push(...schemes)),
  handle: vi.fn((scheme: string, fn: Handler) => recorded.protocolHandlers.set(scheme, fn)),
}

export const session = {
  defaultSession: {
    setPermissionRequestHandler: vi.fn((fn: Handler) => {
      recorded.permissionRequestHandler = fn
    }),
    setPermissionCheckHandler: vi.fn(),
  },
}

export const contextBridge = {
  exposeInMainWorld: vi.fn((key: string, value: unknown) => recorded.exposed.set(key, value)),
}

export const ipcRenderer = { invoke: vi.fn() }
export const shell = { openExternal: vi.fn(), showItemInFolder: vi.fn(), openPath: vi.fn(async () => '') }
export const dialog = { showSaveDialog: vi.fn(), showOpenDialog: vi.fn() }
export const BrowserWindow = FakeBrowserWindow
export const Menu = {
  setApplicationMenu: vi.fn((menu: unknown) => {
    recorded.applicationMenus.push(menu)
  }),
}
/** safeStorage without an OS keyring (as on a test machine): the anchor service falls back to its key file. */
export const safeStorage = {
  isEncryptionAvailable: vi.fn(() => false),
  getSelectedStorageBackend: vi.fn(() => 'basic_text'),
  encryptString: vi.fn((s: string) => Buffer.from(s)),
  decryptString: vi.fn((b: Buffer) => b.toString()),
}

export default {
  app,
  ipcMain,
  protocol,
  session,
  contextBridge,
  ipcRenderer,
  shell,
  dialog,
  BrowserWindow,
  Menu,
  safeStorage,
}
