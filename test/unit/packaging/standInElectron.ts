import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { FuseV1Options } from '@electron/fuses'
import { PRODUCTION_FUSES } from '../../../electron/fuses'

export const ROOT = resolve(import.meta.dirname, '../../..')
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
/** The glibc symbol versions the stand-in "links against": the .deb must then depend on libc6 (>= 2.28). */
export const STAND_IN_GLIBC = '2.28'

export type FuseName = keyof typeof FuseV1Options & string

/** Every fuse @electron/fuses knows, in wire order. */
export const FUSE_NAMES = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k))) as FuseName[]

/**
 * A stand-in for Electron's unpacked Linux distribution (Electron's binary cannot be downloaded here): the files of
 * the real `electron-v45-linux-<arch>.zip` as empty placeholders, and an `electron` executable that is a shell script
 * saying it is a stand-in — carrying, after its `exit`, glibc symbol-version strings and Electron's fuse sentinel and
 * wire (format of @electron/fuses: sentinel, version 1, length, one '0'/'1' per fuse). The wire starts as the
 * OPPOSITE of PRODUCTION_FUSES, so a packaged binary that reads back as PRODUCTION_FUSES proves every fuse was set.
 */
export function makeStandInElectron(dir: string): string {
  mkdirSync(join(dir, 'locales'), { recursive: true })
  mkdirSync(join(dir, 'resources'), { recursive: true })
  const wire = FUSE_NAMES.map((name) => (PRODUCTION_FUSES[name as keyof typeof PRODUCTION_FUSES] ? '0' : '1')).join('')
  const script = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "stand-in Electron: this build cannot run" >&2\nexit 1\n', 'latin1'),
    Buffer.from(`GLIBC_2.17\0GLIBC_${STAND_IN_GLIBC}\0GLIBC_2.2.5\0`, 'latin1'),
    Buffer.from(SENTINEL, 'latin1'),
    Buffer.from([1, wire.length]),
    Buffer.from(`${wire}\n`, 'latin1'),
  ])
  writeFileSync(join(dir, 'electron'), script)
  chmodSync(join(dir, 'electron'), 0o755)
  for (const f of [
    'chrome-sandbox',
    'chrome_crashpad_handler',
    'libEGL.so',
    'libGLESv2.so',
    'libffmpeg.so',
    'libvk_swiftshader.so',
    'libvulkan.so.1',
    'vk_swiftshader_icd.json',
    'icudtl.dat',
    'snapshot_blob.bin',
    'v8_context_snapshot.bin',
    'resources.pak',
    'chrome_100_percent.pak',
    'chrome_200_percent.pak',
    'LICENSES.chromium.html',
    'locales/zh-CN.pak',
    'locales/en-US.pak',
    'locales/de.pak',
  ]) {
    writeFileSync(join(dir, f), '')
  }
  chmodSync(join(dir, 'chrome-sandbox'), 0o755)
  writeFileSync(join(dir, 'LICENSE'), 'Stand-in for the MIT license file of Electron.\n')
  return dir
}

/**
 * `electron-builder --linux dir` exactly as `npm run dist:linux` runs it, with the stand-in as `electronDist` and
 * the output in `outDir`. Needs the built out/ (`npm test` builds first).
 */
export function buildLinuxDir(electronDist: string, outDir: string, arches: string[] = ['--x64', '--arm64']): string {
  const run = spawnSync(
    process.execPath,
    [
      resolve(ROOT, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      ...arches,
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${outDir}`,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  )
  if (run.status !== 0) throw new Error(`electron-builder failed (${run.status}):\n${run.stdout}\n${run.stderr}`)
  return run.stdout
}
