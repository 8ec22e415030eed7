import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { paymentRegisterXlsx, registerXlsx, unpaidCaseRows } from '../legacyCorpus'
import { choose } from './caseSteps'
import { completeSetup, goTo, type Office, readStore, shot, startOffice, typeDate } from './harness'

/**
 * 发放台账 in browser mode, by the visible Chinese labels: the administrator imports an old case register (four
 * grants not yet paid, one paid), then the office's payment register — the check matches each payment to its case
 * (two rows of one case taken together, a payment over the decided amount refused with its reason), 确认导入 gives
 * the cases their payments in one command, and the 发放台账 of 2021–2022 lists them.
 */
type Page = Office['page']

describe('数据导入: a 发放台账 after the case register', () => {
  let office: Office
  let page: Page

  beforeAll(async () => {
    office = await startOffice()
    page = office.page
    await completeSetup(page)
  })
  afterAll(async () => office?.close())
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(page, `legacy-pay-failed-${ctx.task.name.slice(0, 16)}`)
  })

  async function pickFile(name: string, buffer: Buffer) {
    await page.getByLabel('选择台账文件').setInputFiles({ name, mimeType: 'application/octet-stream', buffer })
    await page.getByTestId('legacy-file').getByText(name).waitFor()
  }

  it('the case register comes in first: five historical cases, one of them paid', async () => {
    await goTo(page, '数据导入')
    await pickFile('历史案件.xlsx', await registerXlsx({ rows: unpaidCaseRows }))
    await page.getByRole('button', { name: '检查' }).click()
    await page.getByTestId('legacy-counts').getByText('新增 5 行').waitFor()
    await page.getByRole('button', { name: '确认导入 5 件' }).click()
    await page.getByTestId('legacy-outcome').getByText('已导入 5 件历史案件').waitFor()
    const cases = (await readStore(page, 'cases')) as { state: string }[]
    expect(cases.map((c) => c.state).sort()).toEqual(['granted', 'granted', 'granted', 'granted', 'paid'])
  })

  it('the 发放台账 is checked against those cases: each row its verdict, the payment over the decision refused', async () => {
    await choose(page, page.locator('body'), '台账类型', '发放台账')
    await pickFile('2021-2024发放台账.xlsx', await paymentRegisterXlsx())
    expect(await page.getByLabel('表头首行').inputValue()).toBe('2')
    await page.getByTitle('F 列：发放金额(元)').waitFor()
    await page.getByRole('button', { name: '检查' }).click()
    const counts = page.getByTestId('legacy-counts')
    for (const text of ['新增 3 行', '已导入，未变 1 行', '拒收 6 行', '跳过 2 行'])
      await counts.getByText(text).waitFor()
    const verdicts = page.getByTestId('legacy-verdicts')
    await verdicts.getByText(/发放金额合计 20,000\.00元（第 6 行）超过决定救助金额 15,000\.00元/).waitFor()
    await verdicts.getByText(/银行转账的发放须有收款账号/).waitFor()
    await verdicts.getByText(/找不到对应的救助案件/).waitFor()
    await shot(page, 'legacy-pay-01-check')
  })

  it('确认导入 gives the two cases their payments in one command', async () => {
    await page.getByRole('button', { name: '确认导入 3 行发放记录' }).click()
    await page.getByTestId('legacy-outcome').getByText('已导入 2 件历史案件的发放记录（3 行）').waitFor()
    await page.getByTestId('legacy-counts').getByText('已导入，未变 4 行').waitFor()
    await page.getByTestId('legacy-imports').getByText('2 件的发放（3 行）').waitFor()
    const cases = (await readStore(page, 'cases')) as { state: string; payment?: { amountFen: number } }[]
    expect(
      cases
        .filter((c) => c.state === 'paid')
        .map((c) => c.payment?.amountFen)
        .sort(),
    ).toEqual([1_250_050, 3_000_000, 800_000])
    const audit = (await readStore(page, 'audit')) as { command: string }[]
    expect(audit.filter((e) => e.command === 'legacy.importPayments').length).toBeGreaterThanOrEqual(3)
    await shot(page, 'legacy-pay-02-imported')
  })

  it('the 发放台账 of 2021–2022 lists the imported payments', async () => {
    await goTo(page, '台账')
    await page.getByRole('tab', { name: '发放台账' }).click()
    await typeDate(page.getByPlaceholder('发放日期起'), '2021-01-01')
    await typeDate(page.getByPlaceholder('止'), '2022-12-31')
    const register = page.getByTestId('register-payments')
    await page
      .getByTestId('register-status')
      .getByText(/^共 3 条/)
      .waitFor()
    for (const text of ['甲一', '乙二', '戊五', '12,500.50', '30,000.00'])
      await register.getByText(text).first().waitFor()
    await shot(page, 'legacy-pay-03-register')
  })
})
