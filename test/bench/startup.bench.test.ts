import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from 'playwright-core'
import { it } from 'vitest'
import { serveStatic } from '../../electron/window/protocol'
import { ADMIN, CHROMIUM_ARGS, completeSetup, field, ROOT, signOut, startOffice } from '../e2e/harness'
import { machine, median } from './browserHarness'

/**
 * Issue 21 item 2 (figures in docs/performance.md “启动”): from navigation to the first usable screen (the login
 * form's 登录名 field visible), against the floor — the same Chromium loading a blank page with an inert script of as
 * many bytes as the JavaScript the app fetched before that screen.
 *  - cold: a new browser process whose profile keeps the office's IndexedDB but has no HTTP or code cache (the first
 *    start after installing or updating);
 *  - warm: a new browser process with the caches of the previous start (every start after that).
 * Also timed: signing in → the home screen's first card (what a clerk waits for next; the screens load on demand).
 * App and floor alternate start by start, so both see the same load.
 * Run: npx electron-vite build && BENCH_ROUNDS=5 npm run bench -- test/bench/startup.bench.test.ts
 */

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)

/** An inert script of `bytes` bytes: declarations never called, then one element the bench waits for. */
function inertScript(bytes: number): string {
  const parts: string[] = []
  let size = 0
  for (let i = 0; size < bytes - 200; i++) {
    const fn = `function f${i}(a, b) { const c = a * ${i} + b; return c > ${i} ? { v: c, s: 'x${i}' } : [a, b, ${i}]; }\n`
    parts.push(fn)
    size += fn.length
  }
  parts.push("const p = document.createElement('p'); p.id = 'ready'; p.textContent = '就绪'; document.body.append(p)\n")
  return parts.join('')
}

async function dropCaches(profile: string): Promise<void> {
  for (const d of ['Cache', 'Code Cache', 'GPUCache'])
    await rm(join(profile, 'Default', d), { recursive: true, force: true })
}

/** Launches Chromium on `profile`, times `url` → `ready(page)`, and returns the time and the JS bytes fetched. */
async function timedStart(
  profile: string,
  url: string,
  ready: (page: Page) => Promise<void>,
  after?: (page: Page) => Promise<void>,
): Promise<{ ms: number; jsBytes: number; afterMs?: number }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 820 },
    locale: 'zh-CN',
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    let jsBytes = 0
    let counting = true
    page.on('response', async (r) => {
      if (!counting || !r.url().endsWith('.js')) return
      const size = await r.body().then(
        (b) => b.length,
        () => 0,
      )
      if (counting) jsBytes += size
    })
    const t0 = performance.now()
    await page.goto(url)
    await ready(page)
    const ms = performance.now() - t0
    counting = false
    let afterMs: number | undefined
    if (after) {
      const t1 = performance.now()
      await after(page)
      afterMs = performance.now() - t1
    }
    return { ms, jsBytes, afterMs }
  } finally {
    await context.close()
  }
}

it('start-up: navigation to the login form, cold and warm, against an inert script of the same size', async () => {
  // an office set up once in its own profile; the app's server keeps running
  const office = await startOffice()
  await completeSetup(office.page)
  await signOut(office.page)
  await office.context.close()
  const appProfile = office.profileDir
  const loginReady = (page: Page) => field(page, '登录名').waitFor({ state: 'visible' })
  const signIn = async (page: Page) => {
    await field(page, '登录名').fill(ADMIN.username)
    await field(page, '密码').fill(ADMIN.password)
    await page.getByRole('button', { name: /登\s*录/ }).click()
    await page.getByTestId('current-user').waitFor()
    await page.locator('.ant-card').first().waitFor({ state: 'visible' })
  }

  // the floor's page, served by the app's own static server code (same headers and CSP)
  const floorDir = await mkdtemp(join(tmpdir(), 'bench-floor-'))
  const floorProfile = await mkdtemp(join(tmpdir(), 'bench-floor-profile-'))
  const server: Server = createServer(async (req, res) => {
    const file = await serveStatic(floorDir, req.url ?? '/')
    res.writeHead(file.status, file.headers)
    res.end(file.body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const floorUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  await writeFile(
    join(floorDir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><body><script type="module" src="./inert.js"></script></body>',
  )
  const floorReady = (page: Page) => page.locator('#ready').waitFor({ state: 'attached' })

  const assets = join(ROOT, 'out/renderer/assets')
  const built = await Promise.all(
    (await readdir(assets))
      .filter((f) => f.endsWith('.js'))
      .map(async (f) => ({ f, size: (await stat(join(assets, f))).size })),
  )
  console.log(`built renderer: ${built.map((b) => `${b.f} ${(b.size / 1024).toFixed(0)} KiB`).join(', ')}`)

  const rows = {
    cold: { app: [] as number[], floor: [] as number[] },
    warm: { app: [] as number[], floor: [] as number[] },
  }
  const signIns: number[] = []
  let jsBytes = 0
  const loads: number[] = []
  // a first start fills the app's caches and tells how many bytes of script the login screen needs
  jsBytes = (await timedStart(appProfile, office.server.url, loginReady)).jsBytes
  await writeFile(join(floorDir, 'inert.js'), inertScript(jsBytes))
  await timedStart(floorProfile, floorUrl, floorReady)
  for (let round = 0; round < ROUNDS; round++) {
    loads.push(loadavg()[0])
    for (const mode of ['cold', 'warm'] as const) {
      if (mode === 'cold') await dropCaches(appProfile)
      const app = await timedStart(appProfile, office.server.url, loginReady, mode === 'warm' ? signIn : undefined)
      rows[mode].app.push(app.ms)
      if (app.afterMs !== undefined) signIns.push(app.afterMs)
      if (mode === 'cold') await dropCaches(floorProfile)
      rows[mode].floor.push((await timedStart(floorProfile, floorUrl, floorReady)).ms)
    }
  }
  console.log(`machine: ${await machine()}; load average ${loads.map((l) => l.toFixed(1)).join(', ')}`)
  console.log(`script fetched before the login form: ${(jsBytes / 1024).toFixed(0)} KiB (the inert script's size)`)
  for (const mode of ['cold', 'warm'] as const) {
    const a = median(rows[mode].app)
    const f = median(rows[mode].floor)
    console.log(
      `${mode}: app ${a.toFixed(0)} ms (${rows[mode].app.map((x) => x.toFixed(0)).join(', ')}), floor ${f.toFixed(0)} ms (${rows[mode].floor.map((x) => x.toFixed(0)).join(', ')}), app / floor ${(a / f).toFixed(2)}`,
    )
  }
  console.log(
    `warm: sign-in → home screen ${median(signIns).toFixed(0)} ms (${signIns.map((x) => x.toFixed(0)).join(', ')})`,
  )
  await new Promise((r) => server.close(r))
  await rm(floorDir, { recursive: true, force: true })
  await rm(floorProfile, { recursive: true, force: true })
  await office.close()
})
