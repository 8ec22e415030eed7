import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import ExcelJS from 'exceljs'
import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { expect } from 'vitest'
import { registerIpc } from '../../electron/ipc/register'
import { createServices } from '../../electron/services'
import { createExportLinks } from '../../electron/services/exportLinks'
import { startWebServer, type WebServer } from '../../electron/web/bridgeServer'
import { APP_ORIGIN } from '../../electron/window/policy'
import { recorded } from '../mocks/electron'

export const ROOT = resolve(import.meta.dirname, '../..')
export const RESULTS = resolve(ROOT, 'test-results')

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--lang=zh-CN',
]

/**
 * One office PC for a test: a browser-mode server running the real main-process services (exports to a temp
 * folder), and a Chromium profile whose IndexedDB persists across reloads and relaunches.
 *
 * bridge 'web': the page reaches main through the loopback bridge, exactly as `npm run web`.
 * bridge 'preload': the BUILT preload (out/preload/index.js) runs in the page with a stand-in `electron` whose
 * ipcRenderer.invoke calls the real ipcMain handlers (sender = the app's own top frame).
 */
export interface Office {
  server: WebServer
  dataDir: string
  exportDir: string
  profileDir: string
  context: BrowserContext
  page: Page
  open(): Promise<Page>
  relaunch(): Promise<Page>
  close(): Promise<void>
}

export async function startOffice(
  opts: {
    bridge?: 'web' | 'preload'
    profileDir?: string
    /** A machine-wide folder shared with other offices of the test: one store per office code (docs/packaging.md §5). */
    machineDir?: string
    /** The browser's time zone (default the machine's): what the app shows must be China time whatever it is. */
    timezoneId?: string
    /** The version the main process runs as (what an update package is checked against; docs/packaging.md §7). */
    appVersion?: string
    /** The built renderer to serve (default this checkout's out/renderer; a benchmark compares two builds). */
    rendererDir?: string
  } = {},
): Promise<Office> {
  const dataDir = await mkdtemp(join(tmpdir(), 'e2e-data-'))
  const exportDir = join(dataDir, '导出')
  const profileDir = opts.profileDir ?? (await mkdtemp(join(tmpdir(), 'e2e-profile-')))
  const exportLinks = createExportLinks()
  const services = createServices({
    mode: 'web',
    appVersion: opts.appVersion ?? '0.0.0-e2e',
    productName: '司法救助工作台',
    platform: 'linux',
    dataDir,
    exportDir,
    backupDir: join(dataDir, '备份'),
    exportLinks,
    machineDir: opts.machineDir,
  })
  const server = await startWebServer({
    rendererDir: opts.rendererDir ?? resolve(ROOT, 'out/renderer'),
    services,
    exportLinks,
  })
  const office: Office = {
    server,
    dataDir,
    exportDir,
    profileDir,
    context: undefined as unknown as BrowserContext,
    page: undefined as unknown as Page,
    async open() {
      office.context = await chromium.launchPersistentContext(office.profileDir, {
        executablePath: '/usr/bin/chromium',
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: 1366, height: 820 },
        locale: 'zh-CN',
        ...(opts.timezoneId ? { timezoneId: opts.timezoneId } : {}),
      })
      if (opts.bridge === 'preload') await installPreloadBridge(office.context, services)
      office.page = office.context.pages()[0] ?? (await office.context.newPage())
      await office.page.goto(opts.bridge === 'preload' ? server.origin : server.url)
      return office.page
    },
    async relaunch() {
      await office.context.close()
      return office.open()
    },
    async close() {
      await office.context?.close()
      await server.close()
      await rm(dataDir, { recursive: true, force: true })
      if (!opts.profileDir) await rm(office.profileDir, { recursive: true, force: true })
    },
  }
  await office.open()
  return office
}

async function installPreloadBridge(ctx: BrowserContext, services: ReturnType<typeof createServices>): Promise<void> {
  recorded.ipcHandlers.clear()
  registerIpc({ handle: (ch, fn) => recorded.ipcHandlers.set(ch, fn as never) }, services, [APP_ORIGIN])
  await ctx.exposeBinding('__ipcInvoke', async (_source, channel: string, args: unknown) => {
    const handler = recorded.ipcHandlers.get(channel)
    if (!handler) throw new Error(`no ipcMain.handle for ${channel}`)
    return handler({ senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } }, args)
  })
  const preload = await readFile(resolve(ROOT, 'out/preload/index.js'), 'utf8')
  const fakeElectron = `{ contextBridge: { exposeInMainWorld: (k, api) => { window[k] = api } },
    ipcRenderer: { invoke: (ch, a) => window.__ipcInvoke(ch, a) } }`
  await ctx.addInitScript({
    content: `(function (require, module, exports) {\n${preload}\n})((id) => { if (id === 'electron') return ${fakeElectron}; throw new Error('preload require ' + id) }, { exports: {} }, {});`,
  })
}

export function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: join(RESULTS, `${name}.png`), fullPage: true })
}

/** Reads an IndexedDB store of the page's office profile directly (to prove what is, or is not, stored). */
export function readStore(page: Page, store: string, dbName = 'jiuzhu-desk'): Promise<unknown[]> {
  return page.evaluate(
    ([name, storeName]) =>
      new Promise<unknown[]>((resolvePromise, reject) => {
        const req = indexedDB.open(name)
        req.onerror = () => reject(req.error)
        req.onsuccess = () => {
          const db = req.result
          if (!db.objectStoreNames.contains(storeName)) {
            db.close()
            return resolvePromise([])
          }
          const all = db.transaction(storeName).objectStore(storeName).getAll()
          all.onsuccess = () => {
            db.close()
            resolvePromise(all.result)
          }
          all.onerror = () => reject(all.error)
        }
      }),
    [dbName, store] as const,
  )
}

/** Writes records straight into the page's office profile (test fixtures: generated data, imported replicas). */
export function writeStores(
  page: Page,
  stores: Record<string, readonly unknown[]>,
  dbName = 'jiuzhu-desk',
): Promise<void> {
  return page.evaluate(
    ([name, all]) =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.open(name)
        req.onerror = () => reject(req.error)
        req.onsuccess = () => {
          const db = req.result
          const tx = db.transaction(Object.keys(all), 'readwrite')
          for (const [store, rows] of Object.entries(all)) for (const r of rows) tx.objectStore(store).put(r)
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    [dbName, stores as Record<string, unknown[]>] as const,
  )
}

/** The form control whose visible label is exactly `label` (Ant Design may append a help icon's name). */
export function field(page: Page, label: string) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return page.getByLabel(new RegExp(`^${escaped}(\\s|$)`))
}

/**
 * Types a date into an antd date field and presses Enter, as a clerk does; on a loaded machine the keystrokes can land
 * while the picker still opens and the value does not take — the clerk sees the old date and types again, so does this.
 * Only for dates the field accepts (a refused date is typed with fill/press directly and its refusal asserted).
 */
export async function typeDate(input: ReturnType<Page['getByLabel']>, date: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await input.fill(date)
    await input.press('Enter')
    if ((await input.inputValue()) === date) return
  }
  throw new Error(`date field did not take ${date}: shows ${await input.inputValue()}`)
}

export const ADMIN = { username: 'admin', password: 'Mima2026abc', name: '王管理' }

/** Completes first-run setup as a 基层院 with administrator ADMIN, leaving the admin signed in. */
export async function completeSetup(page: Page, contact?: Record<string, string>): Promise<void> {
  await submitSetup(page, contact)
  await page.getByTestId('current-user').waitFor()
}

/** The office most tests set up: 北京市朝阳区人民检察院 (110105) with administrator ADMIN. */
export const ZHAOYANG = {
  name: '北京市朝阳区人民检察院',
  shortName: '朝检',
  code: '110105',
  regionCode: '110105',
  parentCode: '110300',
  parentName: '北京市人民检察院第三分院',
  admin: ADMIN,
}

/** Fills first-run setup as ZHAOYANG (with `contact`: label → text in 联系方式) and submits it. */
export async function submitSetup(page: Page, contact?: Record<string, string>): Promise<void> {
  await fillSetup(page, ZHAOYANG, contact)
}

/** An office as first-run setup asks for it; `level` by its Chinese label (基层院 when not given). */
export interface SetupOffice {
  name: string
  shortName: string
  code: string
  level?: string
  regionCode?: string
  parentCode: string
  parentName: string
  admin: { username: string; name: string; password: string }
  /** 审计日志校验算法 by its label (“SM3（国密）”); the default (SHA-256) when not given. */
  auditHash?: string
}

/** Setup's 下一步: the step shown is checked, and the next one shown when it is right. */
export async function nextSetupStep(page: Page): Promise<void> {
  await page.getByRole('button', { name: '下一步' }).click()
}

/**
 * Goes through first-run setup's steps (本院信息 → 联系方式 with `contact`: label → text, empty when not given →
 * 系统管理员) and submits it.
 */
export async function fillSetup(page: Page, u: SetupOffice, contact: Record<string, string> = {}): Promise<void> {
  await fillUnitStep(page, u)
  await nextSetupStep(page)
  await field(page, '联系电话').waitFor()
  for (const [label, text] of Object.entries(contact)) await field(page, label).fill(text)
  await nextSetupStep(page)
  await field(page, '登录名').fill(u.admin.username)
  await field(page, '管理员姓名').fill(u.admin.name)
  await field(page, '密码').fill(u.admin.password)
  await field(page, '确认密码').fill(u.admin.password)
  await page.getByRole('button', { name: '完成设置' }).click()
}

/** Setup's first step, 本院信息, filled as `u` (the step shown must be the first). */
export async function fillUnitStep(page: Page, u: SetupOffice): Promise<void> {
  await page.getByText('司法救助工作台 · 首次设置').waitFor()
  await field(page, '单位名称').fill(u.name)
  await field(page, '单位简称').fill(u.shortName)
  await field(page, '单位代码').fill(u.code)
  if (u.level) {
    await page.getByLabel('单位层级').click()
    await page.locator('.ant-select-dropdown:visible').getByTitle(u.level, { exact: true }).click()
  }
  if (u.regionCode) await field(page, '行政区划代码').fill(u.regionCode)
  await field(page, '上级单位代码').fill(u.parentCode)
  await field(page, '上级单位名称').fill(u.parentName)
  if (u.auditHash) await page.getByRole('radio', { name: u.auditHash }).check()
}

/** Accounts made by createUser that still have their initial password: username → the initial password. */
const initialPasswords = new Map<string, string>()

/**
 * Signs in. An account made by createUser signs in the first time with the initial password the administrator set,
 * and goes through the forced change to `password` (the app lets no one work on an initial password).
 */
export async function signInAs(page: Page, username: string, password: string): Promise<void> {
  const initial = initialPasswords.get(username)
  await tryPassword(page, username, initial ?? password)
  if (initial === undefined) return
  const forced = page.getByRole('dialog', { name: '请修改初始密码' })
  await forced.waitFor()
  await field(forced as never, '新密码').fill(password)
  await field(forced as never, '确认密码').fill(password)
  await forced.getByRole('button', { name: /保\s*存/ }).click()
  await forced.waitFor({ state: 'detached' })
  initialPasswords.delete(username)
}

/** One attempt on the login screen with exactly this password (no forced change handled). */
async function tryPassword(page: Page, username: string, password: string): Promise<void> {
  await field(page, '登录名').fill(username)
  await field(page, '密码').fill(password)
  await page.getByRole('button', { name: /登\s*录/ }).click()
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: '退出登录' }).click()
  await page.getByRole('button', { name: /登\s*录/ }).waitFor()
}

export async function goTo(page: Page, area: string): Promise<void> {
  await page.getByRole('navigation').getByText(area, { exact: true }).click()
}

/**
 * The administrator creates an account with one role (by its Chinese label), with an initial password; the user's
 * first signInAs sets `user.password`.
 */
export async function createUser(page: Page, user: StaffUser): Promise<void> {
  await page.getByRole('button', { name: '新建用户' }).click()
  const dialog = page.getByRole('dialog')
  await field(dialog as never, '登录名').fill(user.username)
  await field(dialog as never, '姓名').fill(user.name)
  await dialog.getByLabel(user.role).check()
  if (user.department) {
    // 所在部门 is one of the departments a clue names (a case department sees its own clues)
    await dialog.getByLabel('所在部门').click()
    await page.locator('.ant-select-dropdown:visible').getByTitle(user.department, { exact: true }).click()
  }
  const initial = `${user.password}Cs1`
  await field(dialog as never, '初始密码').fill(initial)
  await field(dialog as never, '确认密码').fill(initial)
  await dialog.getByRole('button', { name: /保\s*存/ }).click()
  await dialog.waitFor({ state: 'detached' }).catch(async (e) => {
    await shot(page, `create-user-${user.username}-failed`)
    throw e
  })
  await page.getByRole('cell', { name: user.username, exact: true }).waitFor()
  initialPasswords.set(user.username, initial)
}

/** An account a test creates: login, name, one role (its Chinese label), password, and a department for a case department. */
export type StaffUser = { username: string; name: string; role: string; password: string; department?: string }

/** Signs out whoever is signed in and signs `who` in. */
export async function switchUser(page: Page, who: { username: string; password: string }): Promise<void> {
  if (await page.getByRole('button', { name: '退出登录' }).isVisible()) await signOut(page)
  await signInAs(page, who.username, who.password)
  await page.getByTestId('current-user').waitFor()
}

/**
 * A set-up office (completeSetup) whose administrator has created these accounts in 用户与审计 → 用户管理; then
 * each of `signIn` signs in once in turn (the first sign-in sets the user's own password), leaving the last of them
 * signed in — or the administrator when `signIn` is empty.
 */
export async function officeWithStaff(
  staff: readonly StaffUser[],
  signIn: readonly { username: string; password: string }[] = [],
  options: Parameters<typeof startOffice>[0] = {},
): Promise<Office> {
  const office = await startOffice(options)
  await completeSetup(office.page)
  await goTo(office.page, '用户与审计')
  await office.page.getByRole('tab', { name: '用户管理' }).click()
  for (const user of staff) await createUser(office.page, user)
  for (const who of signIn) await switchUser(office.page, who)
  return office
}

/** The one answer the login screen gives to every refusal (docs/security.md §3). */
export const LOGIN_REFUSED = '登录名或密码不正确。连续输错密码 5 次，账号将锁定 15 分钟'

/**
 * Five wrong passwords in a row, from the login screen: the account is then locked. Typing clears the previous
 * answer, so each wait is for the answer to that attempt.
 */
export async function lockOut(page: Page, username: string): Promise<void> {
  const refused = page.getByText(LOGIN_REFUSED)
  for (let i = 1; i <= 5; i++) {
    await tryPassword(page, username, `Wrong${i}pass`)
    await refused.waitFor()
  }
}

/** The first sheet of the newest export whose file name starts with `prefix`, read back with ExcelJS. */
export async function readExport(office: Office, prefix: string): Promise<ExcelJS.Worksheet> {
  const files = (await readdir(office.exportDir)).filter((f) => f.startsWith(prefix)).sort()
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(join(office.exportDir, files[files.length - 1]))
  return wb.worksheets[0]
}

/** Today in China time, as the app dates its records. */
export function chinaToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
}

/** The page's clock (epoch ms): the real time, unless a test moved it with `page.clock`. */
export function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => Date.now())
}

/**
 * Waits for the draft stamp “已自动保存草稿（HH:MM:SS）” in `scope` and checks it reads China time: a second between
 * `since` (the page's clock before the typing, `pageNow`) and now, as a clock in Beijing shows it, whatever the
 * browser's time zone.
 */
export async function expectChinaDraftStamp(page: Page, scope: Pick<Page, 'getByText'>, since: number): Promise<void> {
  const stamp = scope.getByText(/^已自动保存草稿（\d\d:\d\d:\d\d）$/)
  await stamp.waitFor()
  const shown = /（(.+)）/.exec((await stamp.textContent()) ?? '')?.[1]
  const china = (ms: number) => new Date(ms + 8 * 3600_000).toISOString().slice(11, 19)
  const seconds: string[] = []
  for (let ms = since - 1000, until = (await pageNow(page)) + 1000; ms <= until; ms += 1000) seconds.push(china(ms))
  expect(seconds).toContain(shown)
}
