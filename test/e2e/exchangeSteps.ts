import { join } from 'node:path'
import { expect } from 'vitest'
import { residentIdCheckChar } from '../../shared/domain/idcard'
import { completeSetup, fillSetup, goTo, type Office, shot, startOffice } from './harness'

/**
 * Steps shared by the exchange e2e tests (exchange.test.ts, exchange-downward.test.ts): setting up a 市 or 省 office,
 * the 数据交换 tabs, reading the fingerprint, exporting a bundle and importing one (preview → 确认导入).
 */
export type Page = Office['page']

export const PROVINCE = {
  name: '北京市人民检察院',
  shortName: '京检',
  code: '110000',
  level: '省级院',
  parentCode: '100000',
  parentName: '最高人民检察院',
  admin: { username: 'shengadmin', name: '省管理', password: 'Shengji2026ab' },
}
export const CITY = {
  name: '北京市人民检察院第三分院',
  shortName: '京三分检',
  code: '110300',
  level: '市级院（分院）',
  parentCode: '110000',
  parentName: '北京市人民检察院',
  admin: { username: 'shiadmin', name: '市管理', password: 'Shiji2026abc' },
}
export const PROCURATOR = { username: 'chengban', name: '张承办', role: '控申承办检察官', password: 'Shencha2026' }
export const APPLICANT_ID = `11010519850301002${residentIdCheckChar('11010519850301002')}`

export async function setUpOffice(page: Page, u: typeof PROVINCE): Promise<void> {
  await fillSetup(page, u)
  await page.getByTestId('current-user').waitFor()
}

export async function exchangeTab(page: Page, tab: string): Promise<void> {
  await goTo(page, '数据交换')
  await page.getByRole('tab', { name: tab }).click()
}

export async function ownFingerprint(page: Page): Promise<string> {
  await exchangeTab(page, '本院身份与单位目录')
  const text = (await page.getByTestId('own-fingerprint').textContent()) ?? ''
  const fp = (text.replace(/[\s-]/g, '').match(/.{1,5}/g) ?? []).join('-')
  expect(fp).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/)
  return fp
}

/** Writes a bundle and returns the path of the file in that office's export folder. */
export async function exportFrom(office: Office, button: string, passphrase: string, outcome: string): Promise<string> {
  const page = office.page
  await page.getByLabel('本院密钥口令').fill(passphrase)
  await page.getByRole('button', { name: button }).click()
  const text =
    (await page
      .getByTestId(outcome)
      .getByText(/已导出：/)
      .textContent()) ?? ''
  const name = /([a-z-]+_\d{6}_(?:\d{6}|open)_\d+_\d{8}\.jzb)/.exec(text)?.[1]
  expect(name, text).toBeTruthy()
  return join(office.exportDir, '数据交换', name as string)
}

export async function pick(page: Page, path: string): Promise<void> {
  await exchangeTab(page, '导入数据包')
  await page.getByLabel('选择数据包文件').setInputFiles(path)
}

/** The receiving office imports an enrollment bundle, typing the fingerprint the sender reads out. */
export async function enroll(page: Page, path: string, fingerprint: string, expected: RegExp): Promise<void> {
  await pick(page, path)
  await page.getByText('入网登记：电话核对指纹').waitFor()
  await page.getByLabel('对方读出的指纹').fill(fingerprint.replaceAll('-', ' '))
  await page.getByRole('button', { name: '核对指纹并登记' }).click()
  await page.getByTestId('import-outcome').getByText(expected).waitFor()
}

/** A bundle of 100 MB is read, checked, opened and written in tens of seconds on a loaded machine. */
const LARGE_STEP = { timeout: 180_000 }

/** Imports an encrypted bundle: passphrase → preview → 确认导入. For an archive, returns the path of the ack written. */
export async function importBundle(office: Office, path: string, passphrase: string, screenshot?: string) {
  const page = office.page
  await pick(page, path)
  await page.getByLabel('本院密钥口令').waitFor(LARGE_STEP)
  await page.getByLabel('本院密钥口令').fill(passphrase)
  // Decrypting a large archive keeps the page's thread busy; the user waits for the preview, not for the click's
  // after-effects, so the click does not wait on the page (a busy CI machine timed out here at 30 s).
  await page.getByRole('button', { name: '解密并预览' }).click({ noWaitAfter: true })
  const preview = page.getByTestId('import-preview')
  await preview.waitFor(LARGE_STEP)
  const isArchive = (await preview.getByText(/^导入预览：.*第 \d+ 号上报数据$/).count()) > 0
  if (screenshot) await shot(page, screenshot)
  await page.getByRole('button', { name: '确认导入' }).click({ noWaitAfter: true })
  await page
    .getByTestId('import-outcome')
    .getByText(/^已导入/)
    .waitFor(LARGE_STEP)
  expect(await preview.count()).toBe(0)
  if (!isArchive) return undefined
  await page.getByTestId('ack-outcome').waitFor(LARGE_STEP)
  const text = (await page.getByTestId('ack-outcome').textContent()) ?? ''
  const name = /(ack_\d{6}_\d{6}_\d+_\d{8}\.jzb)/.exec(text)?.[1]
  expect(name, text).toBeTruthy()
  return join(office.exportDir, '数据交换', name as string)
}

export interface ThreeOffices {
  basic: Office
  city: Office
  province: Office
}

/**
 * The three offices of the exchange journeys, each in its own browser profile, set up at the same time: a 基层院
 * (harness completeSetup), its 市级院 and the 省级院.
 */
export async function startThreeOffices(opts: Parameters<typeof startOffice>[0] = {}): Promise<ThreeOffices> {
  const [basic, city, province] = await Promise.all([startOffice(opts), startOffice(opts), startOffice(opts)])
  await Promise.all([completeSetup(basic.page), setUpOffice(city.page, CITY), setUpOffice(province.page, PROVINCE)])
  return { basic, city, province }
}

export async function closeThreeOffices(o: Partial<ThreeOffices>): Promise<void> {
  await Promise.all([o.basic?.close(), o.city?.close(), o.province?.close()])
}

/** After a failed test: a screenshot of each office's page as `<prefix>-failed-<office>.png`. */
export async function shotsOnFailure(failed: boolean, prefix: string, o: Partial<ThreeOffices>): Promise<void> {
  if (!failed) return
  for (const [name, office] of Object.entries(o)) {
    if (office?.page) await shot(office.page, `${prefix}-failed-${name}`).catch(() => {})
  }
}
