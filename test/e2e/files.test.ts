import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rename, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Page, Response } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { chinaFileStamp } from '../../shared/util/clock'
import { DEMO_PASSWORD, loadDemo, signInDemo } from './demoSteps'
import { field, goTo, type Office, RESULTS, shot, signOut, startOffice } from './harness'

const WATERMARK = '演示数据，不得作为正式材料'

/** Clicks a button of the newest notice and returns the new tab it opens and the response that tab loaded. */
async function openFromNotice(office: Office, button: '打开' | '打印'): Promise<{ tab: Page; response: Response }> {
  const notice = office.page.locator('.ant-notification-notice').last()
  const loaded = office.context.waitForEvent('response', (r) => r.url().includes('/__export/'))
  const [tab] = await Promise.all([
    office.context.waitForEvent('page'),
    notice.getByRole('button', { name: button }).click(),
  ])
  return { tab, response: await loaded }
}

describe('files a clerk makes: 打开 and 打印, China-time names, demo marking, restore from a picked backup', () => {
  let office: Office
  let elsewhere: string
  beforeAll(async () => {
    office = await startOffice()
    elsewhere = await mkdtemp(join(tmpdir(), 'e2e-usb-'))
    await loadDemo(office.page)
  })
  afterAll(async () => {
    await office?.close()
    await rm(elsewhere, { recursive: true, force: true })
  })

  it('a PDF generated in the demo profile opens and prints in a new tab, and is named and marked as demo', async () => {
    const page = office.page
    // the window's icon is served (it was a 404)
    const href = (await page.locator('link[rel="icon"]').getAttribute('href')) ?? ''
    const icon = await office.context.request.get(new URL(href, office.server.origin).href)
    expect([icon.status(), icon.headers()['content-type']]).toEqual([200, 'image/svg+xml'])
    await signInDemo(page, '控申承办检察官')
    await goTo(page, '案件办理')
    await page.getByRole('cell', { name: /控救/ }).first().click()
    await page.getByText('办理经过').waitFor()
    await page.getByRole('button', { name: '生成 PDF' }).first().click()
    const notice = page.locator('.ant-notification-notice').last()
    // headless Chromium renders the PDF: on a loaded machine that takes a while, and the clerk waits for it too
    await notice.getByText(/^已生成/).waitFor({ timeout: 120_000 })
    await shot(page, 'files-01-pdf-notice')
    const pdfs = (await readdir(office.exportDir)).filter((n) => n.endsWith('.pdf'))
    expect(pdfs).toHaveLength(1)
    expect(pdfs[0]).toMatch(/^【演示】/)
    const text = execFileSync('pdftotext', ['-layout', join(office.exportDir, pdfs[0]), '-'], { encoding: 'utf8' })
    expect(text).toContain(WATERMARK)
    expect(await notice.textContent()).toContain(join(office.exportDir, pdfs[0]))

    for (const button of ['打开', '打印'] as const) {
      const { tab, response } = await openFromNotice(office, button)
      expect(response.status()).toBe(200)
      expect(response.headers()['content-type']).toBe('application/pdf')
      // the viewer wraps what it shows: the tab's address itself serves the PDF's bytes
      const served = await office.context.request.get(response.url())
      expect((await served.body()).equals(await readFile(join(office.exportDir, pdfs[0])))).toBe(true)
      await tab.waitForURL(/\/__export\//)
      expect(decodeURIComponent(tab.url())).toContain(pdfs[0])
      await tab.close()
    }
    await page.getByText('已在新标签页中打开，请点击其中的打印按钮（或按 Ctrl+P）。').waitFor()
  })

  it('a register exported in the demo profile is named with the time on the screen (China time) and marked as demo', async () => {
    const page = office.page
    await goTo(page, '台账')
    await page.getByRole('button', { name: '导出 Excel' }).waitFor()
    const before = chinaFileStamp(Date.now())
    await page.getByRole('button', { name: '导出 Excel' }).click()
    await page
      .locator('.ant-notification-notice')
      .last()
      .getByText(/^已导出 \d+ 条/)
      .waitFor()
    const after = chinaFileStamp(Date.now())
    const name = (await readdir(office.exportDir)).find((n) => n.endsWith('.xlsx')) ?? ''
    const stamp = /^【演示】.+-(\d{8}-\d{6})\.xlsx$/.exec(name)?.[1] ?? ''
    expect(stamp >= before && stamp <= after, `${name} between ${before} and ${after}`).toBe(true)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(join(office.exportDir, name))
    expect(wb.worksheets[0].getRow(3).getCell(1).text).toMatch(new RegExp(`^${WATERMARK}`))
    // an Excel file is handed to the browser as a download (no 打印 button: the spreadsheet program prints)
    const notice = page.locator('.ant-notification-notice').last()
    expect(await notice.getByRole('button', { name: '打印' }).count()).toBe(0)
    const { tab, response } = await openFromNotice(office, '打开')
    expect(response.headers()['content-disposition']).toContain('attachment')
    await tab.close()
  })

  it('in a narrow window the register keeps 救助案件编号 and 申请人 at the left while 金额 and 合计 scroll into view', async () => {
    const page = office.page
    await page.setViewportSize({ width: 1024, height: 720 })
    await page.getByRole('tab', { name: '救助决定台账' }).click()
    await page
      .getByTestId('register-status')
      .getByText(/^共 \d+ 条/)
      .waitFor()
    const grid = page.getByTestId('register-scroll')
    const header = (title: string) => grid.getByRole('columnheader', { name: title, exact: true })
    const frozenBefore = await header('救助案件编号').boundingBox()
    const applicantBefore = await header('申请人').boundingBox()
    // scroll sideways until 决定金额 comes out from under the frozen columns
    await grid.evaluate((el) => {
      const th = [...el.querySelectorAll('th')].find((t) => t.textContent === '决定金额') as HTMLElement
      const frozen = [...el.querySelectorAll('th.pin-serial, th.pin')].reduce(
        (w, t) => w + t.getBoundingClientRect().width,
        0,
      )
      el.scrollLeft = th.offsetLeft - frozen
    })
    await expect.poll(() => grid.evaluate((el) => el.scrollLeft)).toBeGreaterThan(300)
    const box = await grid.boundingBox()
    const amount = await header('决定金额').boundingBox()
    // the key columns did not move; the amount column is now inside the visible part of the grid
    expect(await header('救助案件编号').boundingBox()).toEqual(frozenBefore)
    expect(await header('申请人').boundingBox()).toEqual(applicantBefore)
    expect(
      amount &&
        box &&
        amount.x + amount.width <= box.x + box.width &&
        amount.x >= (applicantBefore?.x ?? 0) + (applicantBefore?.width ?? 0),
    ).toBe(true)
    // the totals row keeps its label at the left, beside the sum it totals
    await expect.poll(() => page.getByTestId('register-totals').textContent()).toMatch(/^合计（\d+ 条）/)
    await page.screenshot({ path: join(RESULTS, 'files-03-register-frozen-1024.png') })
    await page.setViewportSize({ width: 1366, height: 820 })
  })

  // backing up and restoring three years of demo data: minutes on a loaded machine, and the clerk waits for it
  it('a backup kept outside the backup folder is picked and restored on a fresh setup page', {
    timeout: 400_000,
  }, async () => {
    const page = office.page
    await signOut(page)
    const admin = await signInDemo(page, '系统管理员')
    await goTo(page, '系统设置')
    await field(page, '备份密码').fill('Beifen2026x')
    await field(page, '确认备份密码').fill('Beifen2026x')
    await page.getByRole('button', { name: '立即备份' }).click()
    await page.getByText(/^备份完成：/).waitFor({ timeout: 180_000 })
    // the backup is taken away on a USB stick: the backup folder is empty again
    const [made] = await readdir(join(office.dataDir, '备份'))
    await rename(join(office.dataDir, '备份', made), join(elsewhere, made))
    await page.getByRole('button', { name: '返回正式环境' }).first().click()
    await page.getByText('司法救助工作台 · 首次设置').waitFor()
    const card = page.locator('.ant-card', { hasText: '从备份恢复' })
    await card.getByText(/中没有备份。要从备份恢复，请点击“选择备份文件…”/).waitFor()
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      card.getByRole('button', { name: '选择备份文件…' }).click(),
    ])
    await chooser.setFiles(join(elsewhere, made))
    await card
      .getByText(/演示|人民检察院/)
      .first()
      .waitFor()
    await shot(page, 'files-02-restore-picked')
    expect(await readdir(join(office.dataDir, '备份'))).toEqual([made])
    await field(page, '备份密码').fill('Beifen2026x')
    await card.getByRole('button', { name: '恢复' }).click()
    await page.getByRole('button', { name: /登\s*录/ }).waitFor({ timeout: 180_000 })
    await field(page, '登录名').fill(admin)
    await field(page, '密码').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: /登\s*录/ }).click()
    await page.getByTestId('current-user').waitFor()
  })
})
