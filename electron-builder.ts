import type { Configuration } from 'electron-builder'
import { PRODUCTION_FUSES } from './electron/fuses'

/**
 * The packaging configuration (docs/packaging.md). electron-builder finds this file by its name and loads it with
 * jiti, so the fuses come from electron/fuses.ts and nothing is restated here. One command per target on a connected
 * build PC: `npm run dist:win` (NSIS installer, x64), `npm run dist:linux` (the unpacked app for x64 and arm64, which
 * packaging/deb.ts turns into the 统信 UOS / 银河麒麟 .deb). Offline, test/unit/packaging/ builds the same config with
 * a stand-in Electron distribution (`-c.electronDist=…`).
 */

/** Lowercase reverse-domain application id: the UOS folder /opt/apps/<id>, the .deb package name, Windows' AppUserModelID. */
export const APP_ID = 'cn.jiuzhu.desk'
/** ASCII name of the executable, the Windows install folder and every artifact (Chinese names break some IT tools). */
export const EXECUTABLE_NAME = 'jiuzhu-desk'
export const PRODUCT_NAME = '司法救助工作台'

/**
 * What the asar holds: the built app and the data files. `dependencies` is empty — Vite bundles every library the
 * main process, the CLI and the renderer use into out/ — so electron-builder adds no node_modules; a library put
 * into `dependencies` later would be shipped with all its files, and test/unit/packaging/ refuses that.
 */
/** The document fonts, shipped unpacked (see `asarUnpack`). */
export const FONT_FILES = 'out/main/fonts/**'

export const APP_FILES = ['out/**/*', 'resources/**/*', 'package.json', '!**/*.{map,ts,mts,cts,tsx,md}']

type FuseOptions = NonNullable<Configuration['electronFuses']>

/** `PRODUCTION_FUSES` in electron-builder's spelling (`RunAsNode` → `runAsNode`). */
export function electronFuses(fuses: Record<string, boolean> = PRODUCTION_FUSES): FuseOptions {
  return Object.fromEntries(
    Object.entries(fuses).map(([name, on]) => [name[0]!.toLowerCase() + name.slice(1), on]),
  ) as FuseOptions
}

/** The Windows icon of the program, its shortcuts, the installer and the uninstaller. */
export const WINDOWS_ICON = 'packaging/resources/icon.ico'

const config: Configuration = {
  appId: APP_ID,
  productName: PRODUCT_NAME,
  executableName: EXECUTABLE_NAME,
  copyright: '司法救助工作台',
  directories: { output: 'dist', buildResources: 'packaging/resources' },
  files: APP_FILES,
  asar: true,
  // The document fonts (OFL TrueType data, docs/documents.md) lie beside the asar in app.asar.unpacked: Electron reads
  // them through the same out/main/fonts path, and the asar holds only code and the small data files.
  asarUnpack: [FONT_FILES],
  // No native modules: nothing to rebuild, and a rebuild would download Electron's headers.
  npmRebuild: false,
  nodeGypRebuild: false,
  electronFuses: electronFuses(),
  electronLanguages: ['zh-CN', 'en-US'],
  artifactName: `${EXECUTABLE_NAME}-\${version}-\${os}-\${arch}.\${ext}`,
  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    // 16–256 px, made from packaging/resources/icon.svg by packaging/make-icon.sh (docs/packaging.md §3)
    icon: WINDOWS_ICON,
  },
  nsis: {
    // An assisted installer that IT runs once per PC, for every Windows account (C:\Program Files\jiuzhu-desk).
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: PRODUCT_NAME,
    uninstallDisplayName: `${PRODUCT_NAME} \${version}`,
    // The office's records are in the data folder (docs/packaging.md §4); uninstalling must never delete them.
    deleteAppDataOnUninstall: false,
    unicode: true,
    installerLanguages: ['zh_CN'],
    language: '2052',
    artifactName: `${EXECUTABLE_NAME}-\${version}-win-\${arch}-setup.\${ext}`,
    installerIcon: WINDOWS_ICON,
    uninstallerIcon: WINDOWS_ICON,
  },
  linux: {
    target: [{ target: 'dir', arch: ['x64', 'arm64'] }],
    executableName: EXECUTABLE_NAME,
    category: 'Office',
    synopsis: '国家司法救助案件办理、台账、统计与数据交换',
  },
}

export default config
