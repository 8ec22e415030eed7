import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { methodName } from '../../shared/ipc/api'
import { channels } from '../../shared/ipc/contract'
import {
  completeSetup,
  field,
  fillUnitStep,
  nextSetupStep,
  type Office,
  ROOT,
  readStore,
  shot,
  startOffice,
  ZHAOYANG,
} from './harness'

describe('first-run setup in real Chromium (browser mode, real IndexedDB)', () => {
  let office: Office
  beforeAll(async () => {
    office = await startOffice()
  })
  afterAll(async () => {
    await office?.close()
  })

  it('each step is checked before the next, with Chinese messages at the fields; going back keeps the input; nothing is stored', async () => {
    const page = office.page
    await page.getByText('司法救助工作台 · 首次设置').waitFor()
    // 本院信息: nothing typed, then a five-digit code
    await nextSetupStep(page)
    await page.getByText('请填写单位名称', { exact: true }).waitFor()
    await field(page, '单位代码').fill('12345')
    await field(page, '单位简称').fill('测检')
    await nextSetupStep(page)
    await page.getByText('单位代码必须是 6 位数字').waitFor()
    expect(await page.getByText('请填写单位名称', { exact: true }).count()).toBe(1)
    await page.getByText('请按提示修改标红的项目。').waitFor()
    await shot(page, 'setup-invalid')
    // still the first step, the input kept
    expect(await field(page, '单位代码').inputValue()).toBe('12345')
    // corrected: on to 联系方式, whose wrong phone is named at its field
    await fillUnitStep(page, { ...ZHAOYANG, regionCode: undefined })
    await nextSetupStep(page)
    await field(page, '联系电话').fill('12345')
    await nextSetupStep(page)
    await page.getByText('联系电话应为固定电话（区号-号码，例如 010-65551234）或 11 位手机号码').waitFor()
    await field(page, '联系电话').fill('')
    await nextSetupStep(page)
    // 系统管理员: a weak password and a mismatch, at their fields
    await field(page, '登录名').fill('admin')
    await field(page, '密码').fill('short')
    await field(page, '确认密码').fill('other')
    await page.getByRole('button', { name: '完成设置' }).click()
    await page.getByText('请填写姓名', { exact: true }).waitFor()
    await page.getByText('两次输入的密码不一致').waitFor()
    await shot(page, 'setup-step3-invalid')
    // back to the first step: what was typed is still there
    await page.getByRole('button', { name: '上一步' }).click()
    await page.getByRole('button', { name: '上一步' }).click()
    expect(await field(page, '单位名称').inputValue()).toBe(ZHAOYANG.name)
    expect(await field(page, '单位代码').inputValue()).toBe(ZHAOYANG.code)
    expect(await readStore(page, 'units')).toEqual([])
    expect(await readStore(page, 'users')).toEqual([])
    expect(await readStore(page, 'settings')).toEqual([])
    expect(await readStore(page, 'audit')).toEqual([])
  })

  it('valid setup signs the administrator in; the identity persists across reload and relaunch', async () => {
    const page = office.page
    await completeSetup(page)
    await page.getByTestId('current-user').getByText('当前用户：王管理（系统管理员）').waitFor()
    // the administrator's menu (shared/domain/access.ts): accounts, settings, exchange and read-only views; no
    // clues, intake or funds — that is case work (role-access.test.ts walks every role)
    for (const label of ['工作台', '案件办理', '台账', '统计报表', '数据交换', '用户与审计', '系统设置']) {
      expect(await page.getByRole('navigation').getByText(label, { exact: true }).count()).toBe(1)
    }
    for (const label of ['线索与告知', '受理登记', '资金']) {
      expect(await page.getByRole('navigation').getByText(label, { exact: true }).count()).toBe(0)
    }
    await shot(page, 'shell-after-setup')

    const units = (await readStore(page, 'units')) as { code: string; name: string }[]
    expect(units.map((u) => u.code).sort()).toEqual(['110105', '110300'])
    const users = (await readStore(page, 'users')) as { username: string; passwordHash: string }[]
    expect(users).toHaveLength(1)
    expect(users[0].passwordHash).toMatch(/^scrypt\$/)
    const audit = (await readStore(page, 'audit')) as { command: string; after: { passwordHash?: string } }[]
    expect(audit.length).toBeGreaterThanOrEqual(4)
    expect(audit.every((a) => a.command === 'office.setup')).toBe(true)
    expect(JSON.stringify(audit)).not.toContain(users[0].passwordHash)

    await page.reload()
    await page.getByText('北京市朝阳区人民检察院').waitFor()
    await field(page, '登录名').fill('admin')
    await field(page, '密码').fill('wrong-password1')
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.getByText('登录名或密码不正确。').waitFor()
    await field(page, '密码').fill('Mima2026abc')
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.getByRole('navigation').getByText('关于').click()
    await page.getByText('110105').waitFor()
    await page.getByText('北京市人民检察院第三分院（110300）').waitFor()
    await shot(page, 'about')

    const again = await office.relaunch()
    await again.getByText('北京市朝阳区人民检察院').waitFor()
    expect(await again.getByText('首次设置').count()).toBe(0)
  })
})

describe('the built preload in the page, bound to the real ipcMain handlers', () => {
  let office: Office
  beforeAll(async () => {
    office = await startOffice({ bridge: 'preload' })
  })
  afterAll(async () => {
    await office?.close()
  })

  it('the sandboxed preload requires nothing but electron', async () => {
    const code = await readFile(resolve(ROOT, 'out/preload/index.js'), 'utf8')
    const required = [...code.matchAll(/require\((["'])([^"']+)\1\)/g)].map((m) => m[2])
    expect(new Set(required)).toEqual(new Set(['electron']))
  })

  it('exposes exactly the contract as window.api and no Node globals', async () => {
    const page = office.page
    await page.getByText('司法救助工作台 · 首次设置').waitFor()
    const surface = await page.evaluate(() => ({
      keys: Object.keys(window.api ?? {}).sort(),
      require: typeof (window as unknown as { require?: unknown }).require,
      process: typeof (window as unknown as { process?: unknown }).process,
      module: typeof (window as unknown as { module?: unknown }).module,
    }))
    expect(surface.keys).toEqual(channels.map(methodName).sort())
    expect(surface).toMatchObject({ require: 'undefined', process: 'undefined', module: 'undefined' })
    const info = await page.evaluate(() => window.api!.systemInfo({}))
    expect(info).toMatchObject({ ok: true, value: { productName: '司法救助工作台' } })
    const bad = await page.evaluate(() => window.api!.authHashPassword({ password: 42 } as never))
    expect(bad).toMatchObject({ ok: false, error: { code: 'ipc.invalid-args' } })
  })
})
