import { mkdtemp, rm, writeFile } from 'node:fs/promises'
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
 * App and floor alternate start by start, so both see the same load; with BENCH_COMPARE_RENDERER=<a built
 * out/renderer> a second build (e.g. the one before a change) is timed in the same rounds beside this one.
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

/** One build of the renderer served by its own office (own origin, so its own IndexedDB), set up once. */
async function officeFor(name: string, rendererDir: string) {
  const office = await startOffice({ rendererDir })
  await completeSetup(office.page)
  await signOut(office.page)
  await office.context.close()
  return { name, office, profile: office.profileDir }
}

it('start-up: navigation to the login form, cold and warm, against an inert script of the same size', async () => {
  // this checkout's build, and (BENCH_COMPARE_RENDERER) another build to compare in the same run — e.g. the one
  // before a change: `git worktree add /tmp/before <rev>`, build there, pass its out/renderer
  const builds = [await officeFor('app', join(ROOT, 'out/renderer'))]
  if (process.env.BENCH_COMPARE_RENDERER) builds.push(await officeFor('compared', process.env.BENCH_COMPARE_RENDERER))
  const loginReady = (page: Page) => field(page, '登录名').waitFor({ state: 'visible' })
  const signIn = async (page: Page) => {
    await field(page, '登录名').fill(ADMIN.username)
    await field(page, '密码').fill(ADMIN.password)
    await page.getByRole('button', { name: /登\s*录/ }).click()
    await page.getByTestId('current-user').waitFor()
    await page.locator('.ant-card').first().waitFor({ state: 'visible' })
  }

  // each build's floor: a blank page with an inert script of as many bytes, served by the app's own static server
  // code (same headers and CSP)
  const floorDir = await mkdtemp(join(tmpdir(), 'bench-floor-'))
  const floorProfile = await mkdtemp(join(tmpdir(), 'bench-floor-profile-'))
  const server: Server = createServer(async (req, res) => {
    const file = await serveStatic(floorDir, req.url ?? '/')
    res.writeHead(file.status, file.headers)
    res.end(file.body)
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const floorOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const floorReady = (page: Page) => page.locator('#ready').waitFor({ state: 'attached' })

  type Times = { app: number[]; floor: number[]; signIn: number[] }
  const rows = builds.map((b) => ({
    ...b,
    jsBytes: 0,
    cold: { app: [], floor: [], signIn: [] } as Times,
    warm: { app: [], floor: [], signIn: [] } as Times,
  }))
  // a first start of each build fills its caches and tells how many bytes of script its login screen needs
  for (const r of rows) {
    r.jsBytes = (await timedStart(r.profile, r.office.server.url, loginReady)).jsBytes
    await writeFile(
      join(floorDir, `${r.name}.html`),
      `<!doctype html><meta charset="utf-8"><body><script type="module" src="./${r.name}.js"></script></body>`,
    )
    await writeFile(join(floorDir, `${r.name}.js`), inertScript(r.jsBytes))
    await timedStart(floorProfile, `${floorOrigin}/${r.name}.html`, floorReady)
  }
  const loads: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    loads.push(loadavg()[0])
    for (const mode of ['cold', 'warm'] as const) {
      for (const r of rows) {
        if (mode === 'cold') await dropCaches(r.profile)
        const app = await timedStart(r.profile, r.office.server.url, loginReady, signIn)
        r[mode].app.push(app.ms)
        r[mode].signIn.push(app.afterMs ?? Number.NaN)
        if (mode === 'cold') await dropCaches(floorProfile)
        r[mode].floor.push((await timedStart(floorProfile, `${floorOrigin}/${r.name}.html`, floorReady)).ms)
      }
    }
  }
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ')
  console.log(`machine: ${await machine()}; load average ${loads.map((l) => l.toFixed(1)).join(', ')}`)
  for (const r of rows) {
    const dir = r.office.server.url
    console.log(
      `${r.name} (${dir}): script fetched before the login form ${(r.jsBytes / 1024).toFixed(0)} KiB (the inert script's size)`,
    )
    for (const mode of ['cold', 'warm'] as const) {
      const a = median(r[mode].app)
      const f = median(r[mode].floor)
      console.log(
        `  ${mode}: login form ${a.toFixed(0)} ms (${list(r[mode].app)}), floor ${f.toFixed(0)} ms (${list(r[mode].floor)}), app / floor ${(a / f).toFixed(2)}; sign-in → home ${median(r[mode].signIn).toFixed(0)} ms (${list(r[mode].signIn)})`,
      )
    }
  }
  await new Promise((r) => server.close(r))
  await rm(floorDir, { recursive: true, force: true })
  await rm(floorProfile, { recursive: true, force: true })
  for (const r of rows) await r.office.close()
})
