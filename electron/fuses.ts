/**
 * The Electron fuses a packaged build must flip (docs/security.md §5). Fuses are bits in the Electron binary, set at
 * packaging time with `@electron/fuses`: electron-builder.ts passes this list as `electronFuses` (keys lowercased), and
 * test/unit/packaging/ reads every fuse back from the packaged binary. Without them a local user could start the
 * packaged binary as plain Node (`ELECTRON_RUN_AS_NODE`), attach an inspector (`--inspect`), preload code through
 * `NODE_OPTIONS`, or swap app.asar — each a way around DevTools being off.
 */
export const PRODUCTION_FUSES = {
  /** `ELECTRON_RUN_AS_NODE=1` would turn the app binary into a Node interpreter with the user's rights. */
  RunAsNode: false,
  /** Cookies and other Chromium storage encrypted with the OS-protected key (as safeStorage). */
  EnableCookieEncryption: true,
  /** `NODE_OPTIONS=--require …` would load arbitrary code into the main process. */
  EnableNodeOptionsEnvironmentVariable: false,
  /** `--inspect` / `--inspect-brk` would attach a debugger to the main process (DevTools for the main side). */
  EnableNodeCliInspectArguments: false,
  /** The app.asar is checked against the hash embedded at packaging (Windows and macOS). */
  EnableEmbeddedAsarIntegrityValidation: true,
  /** Only the packaged app.asar is loaded, never a loose app folder placed beside it. */
  OnlyLoadAppFromAsar: true,
  /** No separate browser-process V8 snapshot a user could replace. */
  LoadBrowserProcessSpecificV8Snapshot: false,
  /** file:// gets no extra privileges (the app is served from app://). */
  GrantFileProtocolExtraPrivileges: false,
} as const satisfies Record<string, boolean>

/** What the packaging step must also do besides the fuses: no DevTools, no default menu (electron/app.ts). */
export const PRODUCTION_WINDOW = { devTools: false, applicationMenu: null } as const
