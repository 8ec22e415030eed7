/**
 * SLOW (about 2 minutes on the 2-core test machine): packages the app as `npm run dist:linux` does — electron-builder
 * `--linux dir` for x64 and arm64 with a stand-in Electron distribution, then packaging/deb.ts with dpkg-deb — and
 * checks what an office PC would receive. Offline; needs the built out/ (`npm test` builds first) and dpkg.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { extractAll, listPackage } from '@electron/asar'
import { getCurrentFuseWire } from '@electron/fuses'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRODUCTION_FUSES } from '../../../electron/fuses'
import { APP_ID, EXECUTABLE_NAME } from '../../../electron-builder'
import { APP_ROOT, buildDebs, DEB_ARCHES } from '../../../packaging/deb'
import { CHROMIUM_ARGS } from '../../e2e/harness'
import { buildLinuxDir, FUSE_NAMES, makeStandInElectron, ROOT, STAND_IN_GLIBC } from './standInElectron'

const version = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')).version as string
const tmp = mkdtempSync(join(tmpdir(), 'jiuzhu-pkg-'))
const dist = join(tmp, 'dist')
const asarOf = (unpacked: string) => join(dist, unpacked, 'resources/app.asar')
let debs: string[] = []

beforeAll(async () => {
  if (!existsSync(resolve(ROOT, 'out/main/index.js')) || !existsSync(resolve(ROOT, 'out/renderer/index.html'))) {
    throw new Error('未找到构建产物：请先运行 `npm run build`（`npm test` 会自动构建）。')
  }
  buildLinuxDir(makeStandInElectron(join(tmp, 'electron-dist')), dist)
  debs = await buildDebs(dist, version)
}, 600_000)

afterAll(() => rmSync(tmp, { recursive: true, force: true }))

describe('the packaged app (electron-builder --linux dir, stand-in Electron)', () => {
  it('app.asar holds out/, resources/ and package.json only: no node_modules, source maps, TypeScript or tests; under 15 MB', () => {
    const files = listPackage(asarOf('linux-unpacked'), { isPack: false }).map((f) => f.replaceAll('\\', '/'))
    expect(files).toContain('/out/main/index.js')
    expect(files).toContain('/out/preload/index.js')
    expect(files).toContain('/out/renderer/index.html')
    expect(files).toContain('/package.json')
    for (const f of readdirSync(resolve(ROOT, 'resources'), { recursive: true }) as string[]) {
      expect(files).toContain(`/resources/${f}`)
    }
    // Vite bundles every library; package.json `dependencies` is empty, so electron-builder adds no node_modules.
    expect(files.filter((f) => !/^\/(out|resources)(\/|$)|^\/package\.json$/.test(f))).toEqual([])
    expect(files.filter((f) => /\.(map|ts|tsx|mts|cts)$|(^|\/)(test|tests|__tests__)(\/|$)/.test(f))).toEqual([])
    const size = statSync(asarOf('linux-unpacked')).size
    expect(size).toBeLessThan(15 * 1024 * 1024)
    // the document fonts are beside it, unpacked, where the PDF service reads them through the asar path
    const fonts = readdirSync(join(`${asarOf('linux-unpacked')}.unpacked`, 'out/main/fonts'))
    expect(fonts).toContain('fonts.json')
    expect(fonts.filter((f) => f.endsWith('.woff2')).length).toBeGreaterThan(0)
  })

  it('every Electron fuse is set as electron/fuses.ts says, in the x64 and the arm64 executable', async () => {
    expect(Object.keys(PRODUCTION_FUSES).sort()).toEqual([...FUSE_NAMES].sort())
    for (const { unpacked } of DEB_ARCHES) {
      const wire = await getCurrentFuseWire(join(dist, unpacked, EXECUTABLE_NAME))
      const read = Object.fromEntries(FUSE_NAMES.map((name, i) => [name, (wire as Record<number, number>)[i] === 49]))
      expect(read, unpacked).toEqual(PRODUCTION_FUSES)
    }
  })
})

describe('the 统信 UOS / 银河麒麟 .deb (packaging/deb.ts)', () => {
  const info = (deb: string) => execFileSync('dpkg-deb', ['-I', deb], { encoding: 'utf8' })
  const field = (deb: string, name: string) => execFileSync('dpkg-deb', ['-f', deb, name], { encoding: 'utf8' }).trim()
  const contents = (deb: string) => execFileSync('dpkg-deb', ['-c', deb], { encoding: 'utf8' }).trim().split('\n')

  it('one per architecture, named <appid>_<version>_<arch>.deb, with the package fields UOS expects', () => {
    expect(debs.map((d) => d.slice(dist.length + 1))).toEqual([
      `${APP_ID}_${version}_amd64.deb`,
      `${APP_ID}_${version}_arm64.deb`,
    ])
    for (const [deb, arch] of [
      [debs[0]!, 'amd64'],
      [debs[1]!, 'arm64'],
    ]) {
      expect(field(deb, 'Package')).toBe(APP_ID)
      expect(field(deb, 'Version')).toBe(version)
      expect(field(deb, 'Architecture')).toBe(arch)
      const depends = field(deb, 'Depends').split(', ')
      expect(depends[0]).toBe(`libc6 (>= ${STAND_IN_GLIBC})`)
      expect(depends).toEqual(expect.arrayContaining(['libnss3', 'libgtk-3-0 | libgtk-3-0t64', 'libgbm1', 'xdg-utils']))
      // No maintainer scripts: installing writes nothing outside /opt/apps/<appid>.
      expect(info(deb)).not.toMatch(/\b(preinst|postinst|prerm|postrm|config|triggers)\b/)
    }
  })

  it('every path is ASCII and inside /opt/apps/<appid>/{entries,files,info}; chrome-sandbox is setuid root', () => {
    for (const deb of debs) {
      const lines = contents(deb)
      const paths = lines.map((l) => l.slice(l.indexOf('./')))
      for (const p of paths) expect(p, p).toMatch(/^[\x21-\x7e]+$/)
      const outside = paths.filter(
        (p) => !['./', './opt/', './opt/apps/', `.${APP_ROOT}/`].includes(p) && !p.startsWith(`.${APP_ROOT}/`),
      )
      expect(outside).toEqual([])
      const top = new Set(paths.filter((p) => p.startsWith(`.${APP_ROOT}/`)).map((p) => p.split('/')[4]))
      expect([...top].sort()).toEqual(['', 'entries', 'files', 'info'])
      expect(lines.find((l) => l.endsWith(`/files/chrome-sandbox`))).toMatch(/^-rwsr-xr-x root\/root /)
      expect(lines.find((l) => l.endsWith(`/files/${EXECUTABLE_NAME}`))).toMatch(/^-rwxr-xr-x root\/root /)
      expect(paths).toContain(`.${APP_ROOT}/entries/applications/${APP_ID}.desktop`)
      expect(paths).toContain(`.${APP_ROOT}/files/resources/app.asar`)
    }
  })

  describe('extracted with dpkg -x (amd64)', () => {
    const root = join(tmp, 'root')
    let web: ChildProcess | undefined
    afterAll(() => web?.kill())

    it('the info file and the desktop entry point at what was installed', () => {
      execFileSync('dpkg', ['-x', debs[0]!, root])
      const appDir = join(root, APP_ROOT)
      expect(JSON.parse(readFileSync(join(appDir, 'info'), 'utf8'))).toMatchObject({
        appid: APP_ID,
        name: '司法救助工作台',
        version,
        arch: ['amd64'],
      })
      const desktop = readFileSync(join(appDir, `entries/applications/${APP_ID}.desktop`), 'utf8')
      const exec = /^Exec=(\S+)/m.exec(desktop)![1]!
      const icon = /^Icon=(\S+)/m.exec(desktop)![1]!
      expect(statSync(join(root, exec)).mode & 0o111).not.toBe(0)
      expect(readFileSync(join(root, icon), 'utf8')).toContain('<svg')
      expect(desktop).toContain('Name[zh_CN]=司法救助工作台')
    })

    it('its app.asar runs in browser mode (node out/main/web.js) and the app opens at 首次设置', async () => {
      // Electron cannot run here; the same bundle runs in plain Node as browser mode, from the installed files only.
      const app = join(tmp, 'app')
      extractAll(join(root, APP_ROOT, 'files/resources/app.asar'), app)
      web = spawn(process.execPath, [join(app, 'out/main/web.js'), '--data-dir', join(tmp, 'web-data')], {
        cwd: tmp,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      const url = await new Promise<string>((ok, fail) => {
        let out = ''
        web!.stdout!.on('data', (d: Buffer) => {
          out += d.toString()
          const m = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(out)
          if (m) ok(m[1]!)
        })
        web!.on('exit', (code) => fail(new Error(`web.js exited ${code}: ${out}`)))
      })
      const page = await fetch(url.split('#')[0]!)
      expect(page.status).toBe(200)
      const html = await page.text()
      const script = /<script[^>]* src="([^"]+\.js)"/.exec(html)![1]!
      expect((await fetch(new URL(script, url.split('#')[0]))).status).toBe(200)
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS })
      try {
        const tab = await browser.newPage({ locale: 'zh-CN' })
        await tab.goto(url)
        await tab.getByText('司法救助工作台 · 首次设置').waitFor()
      } finally {
        await browser.close()
      }
    }, 180_000)
  })
})
