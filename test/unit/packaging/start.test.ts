import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { startDesktop } from '../../../scripts/start'
import { ROOT } from './standInElectron'

const tmp = mkdtempSync(join(tmpdir(), 'jiuzhu-start-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** A copy of node_modules/electron as npm installs it (no binary yet), resolving its own dependencies as usual. */
function freshElectronPackage(name: string): string {
  const dir = join(tmp, name)
  mkdirSync(dir)
  for (const f of ['install.js', 'package.json', 'checksums.json']) {
    copyFileSync(join(ROOT, 'node_modules/electron', f), join(dir, f))
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  return dir
}

describe('npm start (scripts/start.ts)', () => {
  it('on a PC that cannot download Electron: says in Chinese what happened and what to do, no English, exit 1', async () => {
    const electronDir = freshElectronPackage('offline')
    const said: string[] = []
    const logFile = join(tmp, 'download.log')
    const code = await startDesktop({
      electronDir,
      args: ['.'],
      // Electron's own installer, pointed at a mirror that refuses every connection: the download fails here
      // whatever network the test machine has.
      env: {
        ...process.env,
        ELECTRON_MIRROR: 'http://127.0.0.1:1/',
        NO_PROXY: '127.0.0.1',
        electron_config_cache: join(tmp, 'cache'),
        ELECTRON_OVERRIDE_DIST_PATH: '',
      },
      logFile,
      say: (text) => said.push(text),
    })
    expect(code).toBe(1)
    const text = said.join('\n')
    expect(text).toContain('下载没有成功')
    expect(text).toContain('连上互联网，再运行一次 npm start')
    expect(text).toContain('ELECTRON_MIRROR')
    expect(text).toContain('安装程序')
    expect(text).toContain('npm run web')
    expect(text).toContain(logFile)
    expect(text.replace(logFile, '')).not.toMatch(/Error|fetch failed|at .+:\d+/)
    // The English details are kept for IT, and nothing was half-installed.
    expect(readFileSync(logFile, 'utf8')).toMatch(/Error/)
    expect(existsSync(join(electronDir, 'path.txt'))).toBe(false)
  })

  it('with Electron present: starts it with the arguments and returns its exit code', async () => {
    const electronDir = freshElectronPackage('present')
    mkdirSync(join(electronDir, 'dist'))
    writeFileSync(join(electronDir, 'path.txt'), 'electron')
    writeFileSync(join(electronDir, 'dist/electron'), `#!/bin/sh\necho "$@" > "${join(tmp, 'args')}"\nexit 3\n`, {
      mode: 0o755,
    })
    const said: string[] = []
    expect(await startDesktop({ electronDir, args: ['.'], say: (t) => said.push(t) })).toBe(3)
    expect(readFileSync(join(tmp, 'args'), 'utf8')).toBe('.\n')
    expect(said).toEqual([])
  })
})
