import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  CITY,
  closeThreeOffices,
  enroll,
  exchangeTab,
  exportFrom,
  ownFingerprint,
  type Page,
  PROVINCE,
  shotsOnFailure,
  startThreeOffices,
} from './exchangeSteps'
import { field, goTo, type Office, readStore, shot } from './harness'

/**
 * 软件更新包 through the 数据交换 → 软件更新 screen, three office PCs in browser mode, files carried by hand
 * (docs/packaging.md §7): the 省级院 makes a package from an installer; the 市级院 receives it — sees the version,
 * notes and the 省's fingerprint, downloads the installer — and relays it; the 基层院 receives the relay and sees
 * the version and notes. A downgrade and a package for another architecture are refused with nothing recorded.
 * The offices run 0.1.0; the browser-mode main process runs on this machine's Linux and architecture.
 */
const NOTES = '修正统计表的若干问题。\n新增软件更新包的接收与转发。'
const thisArch = process.arch === 'arm64' ? 'arm64' : 'amd64'
const otherArch = thisArch === 'arm64' ? 'amd64' : 'arm64'
const archLabel = (a: string) => (a === 'arm64' ? 'ARM 64 位' : 'x86 64 位')

type AuditRow = { command: string }
const updateEntries = async (page: Page) =>
  ((await readStore(page, 'audit')) as AuditRow[]).filter((e) => e.command.startsWith('update.'))

describe('软件更新包: 省 makes, 市 receives and relays, 基层 receives; downgrade and wrong arch refused', () => {
  let basic: Office
  let city: Office
  let province: Office
  let dir: string
  const files: Record<string, string> = {}
  const installer = Buffer.alloc(300_000, 0)
  for (let i = 0; i < installer.length; i++) installer[i] = (i * 131 + (i >> 7)) & 0xff
  let provinceFingerprint: string

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'e2e-update-'))
    ;({ basic, city, province } = await startThreeOffices({ appVersion: '0.1.0' }))
  })
  afterAll(async () => {
    await closeThreeOffices({ basic, city, province })
    await rm(dir, { recursive: true, force: true })
  })
  afterEach((ctx) => shotsOnFailure(ctx.task.result?.state === 'fail', 'update', { basic, city, province }))

  /** The 省 makes a package from `fileName` in the screen and returns the path of the .jzb written. */
  async function make(fileName: string, version: string, minFrom: string, screenshot?: string): Promise<string> {
    const page = province.page
    await exchangeTab(page, '软件更新')
    const path = join(dir, fileName)
    await writeFile(path, installer)
    await page.getByLabel('选择安装程序').setInputFiles(path)
    await field(page, '新版本').fill(version)
    await field(page, '最低可升级版本').fill(minFrom)
    await field(page, '更新说明').fill(NOTES)
    await page.getByLabel('本院密钥口令').fill(PROVINCE.admin.password)
    await page.getByRole('button', { name: '制作软件更新包' }).click()
    const outcome = page.getByTestId('update-create-outcome').getByText(/^软件更新包已制作：/)
    await outcome.waitFor()
    const name = /(update_110000_[\d.]+_linux_(?:x64|arm64)\.jzb)/.exec((await outcome.textContent()) ?? '')?.[1]
    expect(name).toBeTruthy()
    if (screenshot) await shot(page, screenshot)
    return join(province.exportDir, '数据交换', name as string)
  }

  async function receive(page: Page, path: string): Promise<void> {
    await exchangeTab(page, '软件更新')
    await page.getByLabel('选择软件更新包').setInputFiles(path)
    await page.getByTestId('update-outcome').waitFor()
  }

  it('enrollment: the 市 registers the 省 as its upper office, the 基层 the 市', async () => {
    provinceFingerprint = await ownFingerprint(province.page)
    const cityFingerprint = await ownFingerprint(city.page)
    await exchangeTab(province.page, '本院身份与单位目录')
    const p = await exportFrom(province, '导出入网登记包', PROVINCE.admin.password, 'identity-outcome')
    await enroll(city.page, p, provinceFingerprint, /已登记上级院/)
    await exchangeTab(city.page, '本院身份与单位目录')
    const c = await exportFrom(city, '导出入网登记包', CITY.admin.password, 'identity-outcome')
    await enroll(basic.page, c, cityFingerprint, /已登记上级院/)
  })

  it('the 省 makes packages in the screen: 0.2.0 for this machine’s architecture, one for the other, a 0.0.9', async () => {
    files.current = await make(`jiuzhu-desk_0.2.0_${thisArch}.deb`, '0.2.0', '0.1.0', 'update-1-province-made')
    files.otherArch = await make(`jiuzhu-desk_0.2.0_${otherArch}.deb`, '0.2.0', '0.1.0')
    files.older = await make(`jiuzhu-desk_0.0.9_${thisArch}.deb`, '0.0.9', '0.0.1')
    // an invalid version is refused in the form, nothing is made
    await province.page.getByLabel('选择安装程序').setInputFiles(join(dir, `jiuzhu-desk_0.2.0_${thisArch}.deb`))
    await field(province.page, '新版本').fill('0.2')
    await province.page.getByLabel('本院密钥口令').fill(PROVINCE.admin.password)
    await province.page.getByRole('button', { name: '制作软件更新包' }).click()
    await province.page.getByText('版本号应为“主版本.次版本.修订号”，如 0.2.0').waitFor()
    expect((await updateEntries(province.page)).map((e) => e.command)).toEqual([
      'update.create',
      'update.create',
      'update.create',
    ])
  })

  it('the 市 refuses the package for another architecture, the downgrade, a truncated copy: no file, no audit entry', async () => {
    const auditBefore = (await readStore(city.page, 'audit')).length
    await receive(city.page, files.otherArch)
    const refusal = city.page.getByTestId('update-outcome')
    await refusal
      .getByText(
        `软件更新包适用于Linux（${archLabel(otherArch)}），本机是Linux（${archLabel(thisArch)}），不能使用。`,
        {
          exact: false,
        },
      )
      .waitFor()
    await shot(city.page, 'update-2-city-wrong-arch')
    await receive(city.page, files.older)
    await refusal
      .getByText('软件更新包的版本 0.0.9 低于本机正在使用的版本 0.1.0，不能降级。', { exact: false })
      .waitFor()
    await shot(city.page, 'update-3-city-downgrade')
    // a copy cut short on the way
    const cut = join(dir, 'update_cut.jzb')
    const whole = await readFile(files.current)
    await writeFile(cut, whole.subarray(0, whole.length - 4000))
    await receive(city.page, cut)
    await refusal.getByText('数据包不完整：文件末尾缺失', { exact: false }).waitFor()
    expect(await city.page.getByTestId('update-details').count()).toBe(0)
    expect(existsSync(join(city.exportDir, '软件更新'))).toBe(false)
    expect((await readStore(city.page, 'audit')).length).toBe(auditBefore)
  })

  it('the 市 receives 0.2.0: version, notes, the 省’s fingerprint; downloads the installer; relays it', async () => {
    const page = city.page
    await receive(page, files.current)
    await page.getByTestId('update-outcome').getByText('核验通过：司法救助工作台 0.2.0，安装程序已交出').waitFor()
    const details = page.getByTestId('update-details')
    await details.getByText('0.2.0', { exact: true }).waitFor()
    expect(await page.getByTestId('update-notes').textContent()).toBe(NOTES)
    const shown = ((await page.getByTestId('update-issuer-fingerprint').textContent()) ?? '').replace(/\s/g, '')
    expect(shown).toBe(provinceFingerprint.replaceAll('-', ''))
    await details.getByText(`Linux（${archLabel(thisArch)}）`).waitFor()
    await details.getByText('北京市人民检察院（110000）', { exact: false }).waitFor()
    const installerPath = join(city.exportDir, '软件更新', '0.2.0', `jiuzhu-desk_0.2.0_${thisArch}.deb`)
    await page.getByTestId('update-installer-path').getByText(installerPath, { exact: false }).waitFor()
    expect(Buffer.compare(await readFile(installerPath), installer)).toBe(0)
    await shot(page, 'update-4-city-received')

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载安装程序' }).click(),
    ])
    expect(download.suggestedFilename()).toBe(`jiuzhu-desk_0.2.0_${thisArch}.deb`)
    expect(Buffer.compare(await readFile(await download.path()), installer)).toBe(0)

    // the 市 has subordinates: 转发给下级院 (and 制作软件更新包, each with its own passphrase field)
    await page.getByText('转发给下级院', { exact: true }).waitFor()
    await page.getByLabel('本院密钥口令').first().fill(CITY.admin.password)
    await page.getByRole('button', { name: '生成转发件' }).click()
    const relayed = page.getByTestId('update-relay-outcome').getByText(/^转发件已生成：/)
    await relayed.waitFor()
    const name = /(update-relay_110300_0\.2\.0_linux_(?:x64|arm64)\.jzb)/.exec((await relayed.textContent()) ?? '')?.[1]
    expect(name).toBeTruthy()
    files.relay = join(city.exportDir, '数据交换', name as string)
    await shot(page, 'update-5-city-relayed')
    expect((await updateEntries(page)).map((e) => e.command)).toEqual(['update.receive', 'update.relay'])
  })

  it('the 基层 receives the 市’s relay: the version and the notes, relayed by the 市; nothing to relay or make', async () => {
    const page = basic.page
    await receive(page, files.relay)
    await page.getByTestId('update-outcome').getByText('核验通过：司法救助工作台 0.2.0，安装程序已交出').waitFor()
    expect(await page.getByTestId('update-notes').textContent()).toBe(NOTES)
    await page.getByTestId('update-details').getByText('北京市人民检察院第三分院（110300）').waitFor()
    const installerPath = join(basic.exportDir, '软件更新', '0.2.0', `jiuzhu-desk_0.2.0_${thisArch}.deb`)
    expect(Buffer.compare(await readFile(installerPath), installer)).toBe(0)
    expect(await readFile(join(basic.exportDir, '软件更新', '0.2.0', '更新说明.txt'), 'utf8')).toContain(
      '新增软件更新包的接收与转发。',
    )
    expect(await page.getByRole('button', { name: '生成转发件' }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '制作软件更新包' }).count()).toBe(0)
    await shot(page, 'update-6-basic-received')
    expect((await updateEntries(page)).map((e) => e.command)).toEqual(['update.receive'])
    // the audit log names it in Chinese
    await goTo(page, '用户与审计')
    await page.getByRole('tab', { name: '审计日志' }).click()
    const row = page.getByRole('row', { name: /接收软件更新包/ })
    await row.getByText(`软件更新包 0.2.0，Linux（${archLabel(thisArch)}）`).waitFor()
    await row.getByRole('button').first().click()
    await page.getByText('北京市人民检察院第三分院', { exact: false }).last().waitFor()
    await shot(page, 'update-7-basic-audit')
  })
})
