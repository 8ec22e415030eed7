import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Configuration } from 'electron-builder'
import { describe, expect, it } from 'vitest'
import { PRODUCTION_FUSES } from '../../../electron/fuses'
import { EXECUTABLE_NAME, electronFuses, WINDOWS_ICON } from '../../../electron-builder'
import { FUSE_NAMES, ROOT } from './standInElectron'

/** The configuration exactly as electron-builder loads it (its own loader finds electron-builder.ts by name). */
async function loadedConfig(): Promise<Configuration> {
  const { getConfig } = await import('app-builder-lib/out/util/config/config.js')
  return getConfig(ROOT, null, null)
}

/** electron-builder's own choice of the Windows install folder name (NSIS `APP_FILENAME`). */
async function installFolderName(config: Configuration, perMachine: boolean): Promise<string> {
  const { getWindowsInstallationDirName } = await import('app-builder-lib/out/targets/targetUtil.js')
  return getWindowsInstallationDirName(
    { productFilename: config.executableName, sanitizedName: 'jiuzhu-desk' } as never,
    perMachine,
  )
}

describe('Windows installer (NSIS), as configured', () => {
  it('x64 only, assisted, per-machine (IT installs once for every Windows account), keeps the data on uninstall', async () => {
    const config = await loadedConfig()
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }])
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: true,
      deleteAppDataOnUninstall: false,
      installerLanguages: ['zh_CN'],
    })
  })

  it('ASCII executable, install folder and installer file; Chinese product, shortcut and uninstaller names', async () => {
    const config = await loadedConfig()
    expect(config.executableName).toBe(EXECUTABLE_NAME)
    expect(EXECUTABLE_NAME).toMatch(/^[a-z0-9-]+$/)
    expect(await installFolderName(config, config.nsis!.perMachine!)).toBe(EXECUTABLE_NAME)
    expect(config.nsis!.artifactName).toMatch(/^[\x20-\x7e]+$/)
    expect(config.productName).toBe('司法救助工作台')
    expect(config.nsis!.shortcutName).toBe('司法救助工作台')
    expect(config.nsis!.uninstallDisplayName).toMatch(/^司法救助工作台 \$\{version\}$/)
  })

  it('the program, installer and uninstaller use the committed icon: a real .ico, 16 to 256 px', async () => {
    const config = await loadedConfig()
    expect(config.win?.icon).toBe(WINDOWS_ICON)
    expect(config.nsis).toMatchObject({ installerIcon: WINDOWS_ICON, uninstallerIcon: WINDOWS_ICON })
    // ICONDIR: reserved 0, type 1 (icon), count; then one 16-byte ICONDIRENTRY per image (width 0 means 256)
    const ico = readFileSync(resolve(ROOT, WINDOWS_ICON))
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1])
    const entries = Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
      const at = 6 + 16 * i
      const size = ico.readUInt32LE(at + 8)
      const offset = ico.readUInt32LE(at + 12)
      expect(offset + size).toBeLessThanOrEqual(ico.length)
      const image = ico.subarray(offset, offset + size)
      const png = image.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
      const header = png ? undefined : [image.readUInt32LE(0), image.readInt32LE(4), image.readUInt16LE(14)]
      return { px: ico[at] || 256, bits: ico.readUInt16LE(at + 6), png, header }
    })
    // a bitmap image is a BITMAPINFOHEADER (40 bytes) of the entry's width and twice its height, 32 bits a pixel
    const bitmaps = entries.filter((e) => !e.png)
    expect(bitmaps.map((e) => e.header)).toEqual(bitmaps.map((e) => [40, e.px, 32]))
    expect(entries.map((e) => e.px)).toEqual([16, 24, 32, 48, 64, 128, 256])
    expect(entries.every((e) => e.bits === 32)).toBe(true)
    // Windows reads the 256 px image as PNG; the small ones as bitmaps, which every tool (NSIS included) reads
    expect(entries.map((e) => e.png)).toEqual([false, false, false, false, false, false, true])
  })
})

describe('what every package carries', () => {
  it('the fuses of electron/fuses.ts, every one @electron/fuses knows, in electron-builder spelling', async () => {
    const config = await loadedConfig()
    expect(Object.keys(PRODUCTION_FUSES).sort()).toEqual([...FUSE_NAMES].sort())
    expect(config.electronFuses).toEqual(electronFuses(PRODUCTION_FUSES))
    expect(config.electronFuses).toMatchObject({ runAsNode: false, onlyLoadAppFromAsar: true })
  })

  it('no runtime dependencies: Vite bundles every library, so no node_modules go into app.asar', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'))
    expect(pkg.dependencies ?? {}).toEqual({})
    expect(Object.keys(pkg.devDependencies)).toEqual(expect.arrayContaining(['antd', 'react', 'exceljs', 'zod']))
  })
})
