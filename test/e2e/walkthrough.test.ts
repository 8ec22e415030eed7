import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../shared/domain/idcard'
import { OFFICE_STAFF, openCaseOf, registerApplication, switchUser } from './caseSteps'
import { ADMIN, goTo, type Office, officeWithStaff, shot } from './harness'

/**
 * The new-user walkthrough (docs/walkthrough.md) as a test: each role signs in and opens every screen of its menu
 * and every tab on it, then the forms are sent empty; every screen is photographed (test-results/walk-*.png) and
 * no English may be on it — visible text, placeholders and messages alike. Latin letters a clerk meets on purpose
 * (file types, units, standards) are listed in ALLOWED.
 */
type Page = Office['page']

const STAFF = {
  ...OFFICE_STAFF,
  shenji: { username: 'shenji', name: '周审计', role: '审计查阅', password: 'Chayue2026' },
}
type Who = keyof typeof STAFF | 'admin'
const ID = `11010519800101002${residentIdCheckChar('11010519800101002')}`

/** Latin words a Chinese office reads as they are: file formats, sizes, paper, standards, the product's own terms. */
const ALLOWED = new Set([
  'PDF',
  'Excel',
  'xlsx',
  'xls',
  'csv',
  'CSV',
  'et',
  'WPS',
  'UTF',
  'GBK',
  'JPEG',
  'PNG',
  'TIFF',
  'MB',
  'KB',
  'GB',
  'SHA',
  'A4',
  'U',
  'jzb', // 数据包 files are *.jzb
  'IndexedDB', // 关于: where the browser keeps the office's data, for the IT department
  'Windows', // 软件更新: the system a package is for, named as the IT department knows it
  'Linux',
  'x86', // 软件更新: the processor architecture, e.g. Linux（x86 64 位）
  'ARM',
  'amd64',
  'arm64',
  'macOS',
  'SM2', // 国密: the national algorithms are named so in the standards and by assessors (国密指纹, 审计日志校验算法 SM3)
  'SM3',
  'SM4',
])

/** Data shown as it is, not words: login names, folders, hyphenated names (jiuzhu-desk), fingerprints and ids. */
const USERNAMES = new Set(['admin', ...Object.values(STAFF).map((u) => u.username)])
const isData = (w: string) => USERNAMES.has(w) || /^[A-Z]\d*$/.test(w) || (/^[A-Z0-9]{8,}$/.test(w) && /\d/.test(w))

/** Words of Latin letters on the page now (text, placeholders, open dialogs and messages) that are not allowed. */
async function english(page: Page): Promise<string[]> {
  const words = await page.evaluate(() => {
    const text = [
      // what the user sees (innerText leaves out hidden elements, which textContent would include)
      // biome-ignore lint/performance/useDomNodeTextContent: the visible text is what is checked
      document.body.innerText,
      ...[...document.querySelectorAll<HTMLInputElement>('[placeholder]')].map((e) => e.placeholder),
    ]
      .join('\n')
      .replace(/\S*[\\/]\S*/g, ' ')
      .replace(/[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+/g, ' ')
    return text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []
  })
  return [...new Set(words.filter((w) => !ALLOWED.has(w) && !isData(w)))]
}

/** The screen has drawn its content: the main region holds text and nothing is still loading. */
async function settled(page: Page) {
  await page.waitForFunction(() => {
    const main = document.querySelector('main')
    // biome-ignore lint/performance/useDomNodeTextContent: drawn text, as the user sees it
    return !!main && main.innerText.trim().length > 10 && !document.querySelector('.ant-spin-spinning')
  })
}

describe('new-user walkthrough: every role, every screen and tab, empty forms — screenshots, no English', () => {
  let office: Office
  const found: string[] = []
  /** Refusals drawn outside the window (a long dialog scrolled to its buttons): the user would not see them. */
  const unseen: string[] = []
  beforeAll(async () => {
    office = await officeWithStaff(Object.values(STAFF))
    await switchUser(office.page, STAFF.chengban)
    await registerApplication(office.page, { name: '周走查', idNumber: ID, underlying: '京朝检刑诉〔2026〕7号' })
  })
  afterAll(async () => {
    await office?.close()
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(office.page, `walk-failed-${ctx.task.name.slice(0, 20)}`)
  })

  async function look(page: Page, where: string) {
    await shot(page, `walk-${where}`)
    for (const w of await english(page)) found.push(`${where}: ${w}`)
  }

  for (const who of ['banan', 'chengban', 'buzhang', 'jcz', 'caiwu', 'admin', 'shenji'] as Who[]) {
    it(`${who}: every screen of the menu and every tab on it`, async () => {
      const page = office.page
      await switchUser(page, who === 'admin' ? ADMIN : STAFF[who])
      const items = (await page.getByRole('navigation').getByRole('menuitem').allTextContents()).map((t) => t.trim())
      for (const item of items) {
        await goTo(page, item)
        await page.getByRole('main', { name: item }).waitFor()
        await settled(page)
        await look(page, `${who}-${item}`)
        const tabs = (await page.getByRole('main').getByRole('tab').allTextContents()).map((t) => t.trim())
        for (const tab of tabs.slice(1)) {
          await page.getByRole('main').getByRole('tab', { name: tab, exact: true }).first().click()
          await settled(page)
          await look(page, `${who}-${item}-${tab}`)
        }
      }
    }, 300_000)
  }

  it('forms sent empty: 受理登记, 登记线索, every action of the case, 更正 — each says in Chinese what to do', async () => {
    const page = office.page
    await switchUser(page, STAFF.chengban)
    await goTo(page, '受理登记')
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByRole('alert').first().waitFor()
    await look(page, 'empty-intake')
    await goTo(page, '线索与告知')
    await page.getByRole('button', { name: '登记线索' }).click()
    const clue = page.getByRole('dialog', { name: /登记线索/ })
    await clue.getByRole('button', { name: /保\s*存/ }).click()
    await clue.getByRole('alert').first().waitFor()
    await look(page, 'empty-clue')
    await clue.getByRole('button', { name: /取\s*消/ }).click()
    await clue.waitFor({ state: 'detached' })

    await openCaseOf(page, '周走查')
    // each action offered, its text fields emptied and sent: refused in Chinese, or (defaults enough) done — then
    // the next step's actions are offered and tried in turn (撤回申请 is left: it would end the walk)
    const actions = page.locator('.ant-card').filter({ hasText: '可办理的事项' }).getByRole('button')
    const tried = new Set(['撤回申请'])
    for (let step = 0; step < 12; step++) {
      const label = (await actions.allTextContents()).map((t) => t.trim()).find((t) => t && !tried.has(t))
      if (!label) break
      tried.add(label)
      await page.getByRole('button', { name: label, exact: true }).click()
      const dialog = page.getByRole('dialog', { name: label })
      await dialog.waitFor()
      for (const input of await dialog.locator('textarea, input[type="text"]:not([readonly])').all()) {
        if (await input.isEditable()) await input.fill('')
      }
      await dialog.getByRole('button', { name: '确认办理' }).click()
      const refused = dialog.getByRole('alert').first()
      await Promise.race([refused.waitFor(), dialog.waitFor({ state: 'detached' })])
      await look(page, `empty-action-${label}`)
      if (await dialog.isVisible()) {
        const box = await refused.boundingBox()
        if (!box || box.y < 0 || box.y + box.height > (page.viewportSize()?.height ?? 0)) unseen.push(label)
        await dialog.getByRole('button', { name: /取\s*消/ }).click()
        await dialog.waitFor({ state: 'detached' })
      }
    }
    await page.getByRole('button', { name: '更正', exact: true }).click()
    const correction = page.getByRole('dialog', { name: /^更正：/ })
    await correction.getByRole('button', { name: '确认更正' }).click()
    await correction.getByRole('alert').first().waitFor()
    await look(page, 'empty-correction')
    await correction.getByRole('button', { name: /取\s*消/ }).click()
    await correction.waitFor({ state: 'detached' })
  })

  it('no English on any screen, tab or message seen; every refusal in view', () => {
    expect(found).toEqual([])
    expect(unseen).toEqual([])
  })
})
