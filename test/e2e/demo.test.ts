import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadDemo, signInDemo } from './demoSteps'
import { goTo, type Office, readStore, shot, startOffice } from './harness'

describe('the demo profile: try the app on generated data without touching the office records', () => {
  let office: Office
  beforeAll(async () => {
    office = await startOffice()
  })
  afterAll(async () => {
    await office?.close()
  })

  it('from the first-run screen, the demo profile loads a generated office', async () => {
    const page = office.page
    await loadDemo(page)
    await shot(page, 'demo-01-login')
    const demoCases = await readStore(page, 'cases', 'jiuzhu-desk-demo')
    expect(demoCases.length).toBeGreaterThan(200)
    expect(await readStore(page, 'cases', 'jiuzhu-desk')).toHaveLength(0)
    expect(await readStore(page, 'units', 'jiuzhu-desk')).toHaveLength(0)
  })

  it('a demo procurator signs in and sees due dates and cases in every stage', async () => {
    const page = office.page
    await signInDemo(page, '控申承办检察官')
    await page.getByText(/办理期限（今天/).waitFor()
    // the generated office has running deadlines: each names what is due, who must act and the handler
    const due = page.getByRole('row', { name: /(剩 \d+ 个工作日|逾期 \d+ 个工作日|今天到期)/ })
    await due.first().waitFor()
    expect(await due.first().textContent()).toMatch(/(控告申诉检察部门|检察长).*(检|\p{Script=Han}{2,})/u)
    await shot(page, 'demo-02-dashboard')
    await goTo(page, '案件办理')
    await page.getByText(/共 \d+ 件/).waitFor()
    const total = Number((await page.getByText(/共 \d+ 件/).textContent())?.match(/\d+/)?.[0])
    expect(total).toBeGreaterThan(200)
    await page.getByRole('cell', { name: /控救/ }).first().click()
    await page.getByText('办理经过').waitFor()
    await shot(page, 'demo-03-case')
  })

  it('returning to the office profile shows the untouched first-run screen', async () => {
    const page = office.page
    await page.getByRole('button', { name: '返回正式环境' }).first().click()
    await page.getByText('司法救助工作台 · 首次设置').waitFor()
  })
})
