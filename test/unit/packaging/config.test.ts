import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import type { Configuration } from 'electron-builder'
import { describe, expect, it } from 'vitest'
import { PRODUCTION_FUSES } from '../../../electron/fuses'
import { EXECUTABLE_NAME, electronFuses } from '../../../electron-builder'
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
