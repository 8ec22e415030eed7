import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { serveStatic } from '../../electron/window/protocol'
import { CHROMIUM_ARGS } from '../e2e/harness'

const ROOT = resolve(import.meta.dirname, '../..')

/**
 * Builds a benchmark entry (test/bench/browser/<name>.ts) for the browser, serves it on 127.0.0.1 and opens it in
 * Debian Chromium with a fresh profile, so benchmarks measure real Chromium IndexedDB.
 * `keep` (a profile directory and a fixed port) reuses a profile across runs instead: IndexedDB is per origin, so
 * the same port gives the same store back (a national fill is done once, then measured again after changes).
 */
export async function openBenchPage(
  entry: string,
  keep?: { profile: string; port: number },
): Promise<{ page: Page; context: BrowserContext; dir: string; profile: string; close(): Promise<void> }> {
  const outDir = await mkdtemp(join(tmpdir(), 'bench-build-'))
  await build({
    configFile: false,
    logLevel: 'warn',
    root: ROOT,
    define: { 'process.env.NODE_ENV': '"production"' },
    resolve: { alias: { '@shared': resolve(ROOT, 'shared') } },
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      lib: { entry: resolve(ROOT, 'test/bench/browser', entry), formats: ['es'], fileName: () => 'bench.js' },
    },
  })
  // the static server sends the app's strict CSP (no inline scripts), so the loader is a file too
  const { writeFile } = await import('node:fs/promises')
  await writeFile(
    join(outDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><script type="module" src="./load.js"></script>',
  )
  await writeFile(
    join(outDir, 'load.js'),
    'import * as b from "./bench.js"; window.bench = b; window.benchReady = true\n',
  )
  const server: Server = createServer(async (req, res) => {
    const file = await serveStatic(outDir, req.url ?? '/')
    res.writeHead(file.status, file.headers)
    res.end(file.body)
  })
  await new Promise<void>((r) => server.listen(keep?.port ?? 0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  const profile = keep?.profile ?? (await mkdtemp(join(tmpdir(), 'bench-profile-')))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    // exact figures from performance.memory (otherwise rounded into buckets), and gc() so that a benchmark can
    // report what a step keeps alive rather than what garbage it has left so far
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.setDefaultTimeout(3_600_000)
  page.on('pageerror', (e) => console.error('页面错误：', e.message))
  page.on('console', (m) => m.type() === 'error' && console.error('页面控制台：', m.text()))
  await page.goto(`http://127.0.0.1:${port}/`)
  await page.waitForFunction(() => (window as unknown as { benchReady?: boolean }).benchReady === true)
  return {
    page,
    context,
    dir: outDir,
    profile,
    async close() {
      await context.close()
      await new Promise((r) => server.close(r))
      await rm(outDir, { recursive: true, force: true })
      if (!keep) await rm(profile, { recursive: true, force: true })
    },
  }
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}

export const machine = async (): Promise<string> => {
  const os = await import('node:os')
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, Chromium ${(await import('node:child_process')).execSync('/usr/bin/chromium --version').toString().trim()}`
}
