import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { APP_ID, EXECUTABLE_NAME, PRODUCT_NAME } from '../electron-builder'

/**
 * The .deb for 统信 UOS and 银河麒麟 (docs/packaging.md §3), built with Debian's own `dpkg-deb` from electron-builder's
 * `--linux dir` output — electron-builder's deb target downloads fpm, which these build PCs may not reach. Layout as
 * the UOS application rules ask: everything under /opt/apps/<appid>/ — `files/` (the unpacked app), `entries/`
 * (desktop entry and icon, which the UOS and Kylin desktops pick up from there) and `info` (appid, name, version,
 * arch, permissions). No maintainer scripts: installing writes nothing outside that folder; the chrome-sandbox helper
 * gets its setuid bit in the archive itself. Ordinary Debian desktops do not scan /opt/apps: there the app is started
 * from /opt/apps/<appid>/files/jiuzhu-desk (docs/packaging.md).
 *
 *   npx jiti packaging/deb.ts [dist]      # after `electron-builder --linux dir --x64 --arm64`; writes dist/*.deb
 */

/** electron-builder's arch name → Debian's, and the folder electron-builder unpacks each into. */
export const DEB_ARCHES = [
  { builder: 'x64', deb: 'amd64', unpacked: 'linux-unpacked' },
  { builder: 'arm64', deb: 'arm64', unpacked: 'linux-arm64-unpacked' },
] as const
export type DebArch = (typeof DEB_ARCHES)[number]['deb']

/** What Electron 45 links against (Chromium's Debian package list), with the t64 renames of Debian 13 / Ubuntu 24.04. */
export const DEB_DEPENDS = [
  'libgtk-3-0 | libgtk-3-0t64',
  'libnss3',
  'libnotify4',
  'libxss1',
  'libxtst6',
  'libatspi2.0-0 | libatspi2.0-0t64',
  'libuuid1',
  'libsecret-1-0',
  'libgbm1',
  'libdrm2',
  'libxkbcommon0',
  'libasound2 | libasound2t64',
  'xdg-utils',
]

export const APP_ROOT = `/opt/apps/${APP_ID}`

/** The highest `GLIBC_x.y` symbol version the executable names: the libc6 it needs (docs/packaging.md §3). */
export function requiredGlibc(executable: Buffer): string | undefined {
  const versions = [...executable.toString('latin1').matchAll(/GLIBC_(\d+)\.(\d+)(?:\.(\d+))?/g)].map((m) => [
    Number(m[1]),
    Number(m[2]),
    Number(m[3] ?? 0),
  ])
  const newest = versions.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!).at(-1)
  return newest && (newest[2] ? newest.join('.') : `${newest[0]}.${newest[1]}`)
}

export function controlFile(o: { version: string; arch: DebArch; installedKiB: number; glibc?: string }): string {
  const depends = [...(o.glibc ? [`libc6 (>= ${o.glibc})`] : []), ...DEB_DEPENDS].join(', ')
  return [
    `Package: ${APP_ID}`,
    `Version: ${o.version}`,
    `Architecture: ${o.arch}`,
    'Maintainer: jiuzhu-desk <jiuzhu-desk@localhost>',
    `Installed-Size: ${o.installedKiB}`,
    `Depends: ${depends}`,
    'Section: utils',
    'Priority: optional',
    `Description: ${PRODUCT_NAME}`,
    ' 人民检察院国家司法救助案件办理、台账、统计与上下级数据交换的离线桌面应用。',
    '',
  ].join('\n')
}

/** The UOS `info` file. The app asks for nothing beyond its own window. */
export function uosInfo(version: string, arch: DebArch): string {
  const permissions = Object.fromEntries(
    [
      'autostart',
      'notification',
      'trayicon',
      'clipboard',
      'account',
      'bluetooth',
      'camera',
      'audio_record',
      'installed_apps',
    ].map((p) => [p, false]),
  )
  return `${JSON.stringify({ appid: APP_ID, name: PRODUCT_NAME, version, arch: [arch], permissions }, null, 2)}\n`
}

export function desktopEntry(): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${PRODUCT_NAME}`,
    `Name[zh_CN]=${PRODUCT_NAME}`,
    'Comment=国家司法救助案件办理、台账、统计与数据交换',
    `Exec=${APP_ROOT}/files/${EXECUTABLE_NAME} %U`,
    `Icon=${APP_ROOT}/entries/icons/hicolor/scalable/apps/${APP_ID}.svg`,
    'Terminal=false',
    'Categories=Office;',
    '',
  ].join('\n')
}

async function sizeKiB(dir: string): Promise<number> {
  let bytes = 0
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) bytes += statSync(join(e.parentPath, e.name)).size
  }
  return Math.ceil(bytes / 1024)
}

/** Builds `<outDir>/<appid>_<version>_<arch>.deb` from an unpacked app folder and returns its path. */
export async function buildDeb(o: {
  unpackedDir: string
  arch: DebArch
  version: string
  outDir: string
}): Promise<string> {
  const stage = mkdtempSync(join(tmpdir(), 'jiuzhu-deb-'))
  try {
    const root = join(stage, APP_ROOT)
    const files = join(root, 'files')
    cpSync(o.unpackedDir, files, { recursive: true })
    // Chromium's sandbox helper must be setuid root where the kernel offers no unprivileged user namespaces.
    const sandbox = join(files, 'chrome-sandbox')
    if (existsSync(sandbox)) chmodSync(sandbox, 0o4755)
    const apps = join(root, 'entries/applications')
    const icons = join(root, 'entries/icons/hicolor/scalable/apps')
    mkdirSync(apps, { recursive: true })
    mkdirSync(icons, { recursive: true })
    writeFileSync(join(apps, `${APP_ID}.desktop`), desktopEntry())
    cpSync(resolve(import.meta.dirname, 'resources/icon.svg'), join(icons, `${APP_ID}.svg`))
    writeFileSync(join(root, 'info'), uosInfo(o.version, o.arch))
    mkdirSync(join(stage, 'DEBIAN'))
    const glibc = requiredGlibc(readFileSync(join(files, EXECUTABLE_NAME)))
    writeFileSync(
      join(stage, 'DEBIAN/control'),
      controlFile({ version: o.version, arch: o.arch, installedKiB: await sizeKiB(join(stage, 'opt')), glibc }),
    )
    mkdirSync(o.outDir, { recursive: true })
    const deb = join(o.outDir, `${APP_ID}_${o.version}_${o.arch}.deb`)
    // xz: the dpkg of UOS 20 and Kylin V10 reads it (not zstd).
    execFileSync('dpkg-deb', ['--root-owner-group', '-Zxz', '--build', stage, deb], { stdio: 'pipe' })
    return deb
  } finally {
    rmSync(stage, { recursive: true, force: true })
  }
}

/** Every .deb whose unpacked folder electron-builder left in `distDir`. */
export async function buildDebs(distDir: string, version: string): Promise<string[]> {
  const found = DEB_ARCHES.filter((a) => existsSync(join(distDir, a.unpacked, EXECUTABLE_NAME)))
  if (found.length === 0) {
    throw new Error(`在 ${distDir} 中没有找到 electron-builder 的 Linux 输出：请先运行 npm run dist:linux。`)
  }
  const debs: string[] = []
  for (const a of found) {
    debs.push(await buildDeb({ unpackedDir: join(distDir, a.unpacked), arch: a.deb, version, outDir: distDir }))
  }
  return debs
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const distDir = resolve(process.argv[2] ?? 'dist')
  const { version } = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8'))
  buildDebs(distDir, version).then(
    (debs) => {
      for (const deb of debs) console.log(`已生成 ${deb}`)
    },
    (e: Error) => {
      console.error(e.message)
      process.exit(1)
    },
  )
}
