import { execFileSync } from 'node:child_process'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemo, signInDemo } from './demoSteps'
import { goTo, type Office, RESULTS, shot, startOffice } from './harness'

/** A PDF's text with the letter-spacing and line breaks of the layout taken out. */
const pdfText = (path: string) => execFileSync('pdftotext', [path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '')

const pdfsIn = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith('.pdf')).sort()

describe('全部生成（卷宗）: every document of a concluded case in one go, with progress', () => {
  let office: Office
  beforeAll(async () => {
    office = await startOffice()
    await loadDemo(office.page)
  })
  afterAll(async () => {
    await office?.close()
  })

  it('makes each document the case allows, shows 第 N / M 份, names the one that failed, and keeps the rest', async () => {
    const page = office.page
    await signInDemo(page, '控申承办检察官')
    await goTo(page, '案件办理')
    // the state list is longer than its dropdown shows: scrolled down to 已归档, as the clerk does
    await page.getByLabel('按状态筛选').click()
    const list = page.locator('.ant-select-dropdown:visible')
    const archived = list.getByTitle('已归档', { exact: true })
    await list.waitFor()
    while (!(await archived.isVisible())) {
      await list.hover()
      await page.mouse.wheel(0, 120)
    }
    await archived.click()
    await page.keyboard.press('Escape')
    await page.locator('.ant-select-selection-item').getByText('已归档').waitFor()
    await page.getByRole('cell', { name: '已归档' }).first().click()
    await page.getByText('办理经过').waitFor()
    const card = page.locator('.ant-card').filter({ has: page.getByText('文书', { exact: true }) })
    const offered = await card.getByRole('button', { name: '生成 PDF' }).count()
    expect(offered).toBeGreaterThanOrEqual(4)
    const listed = () =>
      card
        .getByText(/^已制作：/)
        .locator('div')
        .count()
    const listedBefore = await listed()

    // the first document made on its own, and then a folder of its name put in the way: its file cannot be written
    await card.getByRole('button', { name: '生成 PDF' }).first().click()
    await page
      .locator('.ant-notification-notice')
      .getByText(/^已生成/)
      .waitFor({ timeout: 120_000 })
    const [blocked] = await pdfsIn(office.exportDir)
    expect(blocked).toBeDefined()
    await rm(join(office.exportDir, blocked!))
    await mkdir(join(office.exportDir, blocked!))
    await writeFile(join(office.exportDir, blocked!, '别人的文件.txt'), '原样')

    await card.getByRole('button', { name: '全部生成（卷宗）' }).click()
    const progress = page.getByRole('status', { name: '全部生成进度' })
    await progress.getByText(new RegExp(`^正在生成第 \\d+ / ${offered} 份：`)).waitFor({ timeout: 120_000 })
    await shot(page, 'dossier-01-progress')
    // while it runs: nothing covers the page, and no second document can be started beside it
    await expect(page.locator('.ant-modal-mask:visible').count()).resolves.toBe(0)
    for (const b of await card.getByRole('button', { name: '生成 PDF' }).all()) expect(await b.isDisabled()).toBe(true)

    const summary = page.getByRole('region', { name: '全部生成结果' })
    await summary.waitFor({ timeout: 600_000 })
    await shot(page, 'dossier-02-summary')
    await expect(progress.count()).resolves.toBe(0)
    await summary.getByText(`已生成 ${offered - 1} 份文书，1 份未能生成`).waitFor()
    const failure = await summary.locator('.ant-typography-danger').allTextContents()
    expect(failure).toHaveLength(1)
    expect(failure[0]).toMatch(/^未能生成/)
    expect(failure[0]).toContain(`：“${blocked}”已被一个同名的文件夹占用，文件未能写入。`)
    // the folder in the way is left as it was
    expect(await readdir(join(office.exportDir, blocked!))).toEqual(['别人的文件.txt'])

    // every other document: a valid PDF in 导出 with its title, made once each, the index last listing the others
    const made = await summary
      .getByRole('list', { name: '已生成的文书' })
      .getByRole('listitem')
      .locator('.ant-typography')
      .allTextContents()
    expect(made).toHaveLength(offered - 1)
    expect(made.at(-1)).toBe('卷内文件目录')
    const files = (await pdfsIn(office.exportDir)).filter((f) => f !== blocked)
    expect(files).toHaveLength(offered - 1)
    for (const title of made) {
      const file = files.find((f) => f.startsWith(`【演示】${title}`))
      expect(file, title).toBeDefined()
      const bytes = await readFile(join(office.exportDir, file!))
      expect(bytes.subarray(0, 5).toString()).toBe('%PDF-')
      expect(bytes.subarray(-1024).toString()).toContain('%%EOF')
      expect(pdfText(join(office.exportDir, file!))).toContain(title)
    }
    const index = pdfText(join(office.exportDir, files.find((f) => f.startsWith('【演示】卷内文件目录'))!))
    for (const title of made.slice(0, -1)) expect(index, title).toContain(title)
    // each recorded like a single one: the card's 已制作 list has the single one and every one of the batch
    await expect(listed()).resolves.toBe(listedBefore + 1 + offered - 1)

    // a page of the index turned into a picture, to look at
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      join(office.exportDir, files.find((f) => f.startsWith('【演示】卷内文件目录'))!),
      join(RESULTS, 'dossier-03-index'),
    ])
  })
})
