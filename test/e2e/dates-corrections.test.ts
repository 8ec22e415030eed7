import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../shared/domain/idcard'
import { choose, finishIntake, switchUser } from './caseSteps'
import { chinaToday, field, goTo, type Office, officeWithStaff, readStore, shot, signInAs, typeDate } from './harness'

const CHENGBAN = { username: 'chengban', name: '张承办', role: '控申承办检察官', password: 'Shencha2026' }
const APPLICANT_ID = `11010519800101002${residentIdCheckChar('11010519800101002')}`
const BANAN = {
  username: 'banan',
  name: '赵办案',
  role: '办案部门人员',
  password: 'Xiansuo2026',
  department: '刑事检察部门（审查起诉）',
}

/** YYYY-MM-DD plus `days` calendar days. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

describe('dates checked where typed; 更正 of a clue and of a case', () => {
  let office: Office
  beforeAll(async () => {
    office = await officeWithStaff([BANAN, CHENGBAN], [BANAN])
  })
  afterAll(async () => {
    await office?.close()
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(office.page, `dates-failed-${ctx.task.name.slice(0, 20)}`)
  })

  it('登记线索: a future 移送日期 cannot be chosen, and a 告知日期 before the 移送日期 is refused at the field', async () => {
    const page = office.page
    const today = chinaToday()
    await goTo(page, '线索与告知')
    await page.getByRole('button', { name: '登记线索' }).click()
    const dialog = page.getByRole('dialog', { name: /登记线索/ })
    await field(dialog as never, '当事人姓名').fill('周日期')
    // a case department's clue names its own department (fixed by the form)
    await dialog.getByTitle('刑事检察部门（审查起诉）').waitFor()
    // the picker greys out the days after today; a future date typed in does not take
    const referred = field(dialog as never, '移送日期')
    await referred.click()
    const tomorrow = page.locator(`.ant-picker-dropdown:visible td[title="${addDays(today, 1)}"]`)
    await tomorrow.waitFor()
    expect(await tomorrow.getAttribute('class')).toContain('ant-picker-cell-disabled')
    await shot(page, 'dates-01-future-greyed')
    await referred.fill('2099-01-15')
    await referred.press('Enter')
    await dialog.getByText('当事人姓名').click()
    expect(await referred.inputValue()).toBe(today)
    // 移送 and 告知 two days ago; then the 移送 moved to yesterday: the 告知日期 field says why it cannot stand
    const informed = field(dialog as never, '告知日期')
    await typeDate(referred, addDays(today, -2))
    await typeDate(informed, addDays(today, -2))
    await dialog.getByText('当事人姓名').click()
    expect(await informed.inputValue()).toBe(addDays(today, -2))
    await typeDate(referred, addDays(today, -1))
    await dialog.getByText('当事人姓名').click()
    await dialog.getByText(`告知日期（${addDays(today, -2)}）不能早于移送日期（${addDays(today, -1)}）。`).waitFor()
    await shot(page, 'dates-02-order-at-field')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await dialog.getByRole('alert').getByText('请按提示修改标红的内容。').waitFor()
    expect(await readStore(page, 'clues')).toEqual([])
    // the 告知 on the day of the 移送: saved
    await typeDate(informed, addDays(today, -1))
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await page.getByRole('cell', { name: '周日期' }).waitFor()
    const [clue] = (await readStore(page, 'clues')) as { referredOn: string; informing: { date: string } }[]
    expect(clue).toMatchObject({ referredOn: addDays(today, -1), informing: { date: addDays(today, -1) } })
  })

  it('更正线索: the party’s name is corrected with a reason, the history shown, and the clue then converted', async () => {
    const page = office.page
    const row = page.getByRole('row', { name: /周日期/ })
    await row.getByRole('button', { name: '更正' }).click()
    const dialog = page.getByRole('dialog', { name: '更正线索：周日期' })
    await choose(page, dialog, '更正项目', '当事人姓名')
    expect(await dialog.getByTestId('correction-current').textContent()).toBe('周日期')
    await field(dialog as never, '更正为').fill('周 日七')
    await dialog.getByRole('button', { name: '确认更正' }).click()
    await dialog.getByText('请填写更正理由（如：登记时笔误，以身份证原件为准）').waitFor()
    await field(dialog as never, '更正理由').fill('移送表笔误，以身份证为准')
    await shot(page, 'dates-03-correct-clue')
    await dialog.getByRole('button', { name: '确认更正' }).click()
    await page.getByText('已更正：当事人姓名').first().waitFor()
    const corrected = page.getByRole('row', { name: /周日七/ })
    await corrected.getByRole('button', { name: /展开行|Expand row/ }).click()
    await page.getByRole('cell', { name: '移送表笔误，以身份证为准', exact: true }).waitFor()
    await shot(page, 'dates-04-clue-history')
    await switchUser(page, CHENGBAN)
    await goTo(page, '线索与告知')
    await page
      .getByRole('row', { name: /周日七/ })
      .getByRole('button', { name: '转为救助案件' })
      .click()
    expect(await field(page, '申请人姓名').inputValue()).toBe('周日七')
    await field(page, '申请人证件号码').fill(APPLICANT_ID)
    await finishIntake(page)
    expect(((await readStore(page, 'clues')) as { status: string }[])[0].status).toBe('converted')
  })

  it('更正案件: the 申请日期 is corrected with a reason, a date before the 线索日期 is refused at the field', async () => {
    const page = office.page
    const today = chinaToday()
    await page.getByRole('button', { name: '更正', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: /^更正：/ })
    await choose(page, dialog, '更正项目', '申请日期')
    expect(await dialog.getByTestId('correction-current').textContent()).toBe(today)
    const value = field(dialog as never, '更正为')
    await typeDate(value, addDays(today, -1))
    await field(dialog as never, '更正理由').fill('申请书落款日期为前一日')
    await shot(page, 'dates-05-correct-case')
    await dialog.getByRole('button', { name: '确认更正' }).click()
    await page.getByText('已更正：申请日期').first().waitFor()
    const history = page
      .locator('.ant-card')
      .filter({ has: page.locator('.ant-card-head-title', { hasText: /^更正记录$/ }) })
    await history.getByRole('cell', { name: '申请书落款日期为前一日', exact: true }).waitFor()
    expect(await history.getByRole('row').nth(1).textContent()).toContain(`申请日期${today}${addDays(today, -1)}`)
    await shot(page, 'dates-06-case-history')
    const [c] = (await readStore(page, 'cases')) as { applicationDate: string; corrections: unknown[] }[]
    expect(c.applicationDate).toBe(addDays(today, -1))
    expect(c.corrections).toHaveLength(1)
  })

  it('受理登记: leaving by the menu asks first; after a reload and sign-in the draft is offered and restored', async () => {
    const page = office.page
    await goTo(page, '受理登记')
    await field(page, '申请人姓名').fill('吴草稿')
    await field(page, '申请人联系电话').fill('13900000000')
    await page.getByText(/^已自动保存草稿/).waitFor()
    await goTo(page, '工作台')
    const confirm = page.getByRole('dialog').filter({ hasText: '有未保存的内容，离开后' })
    await confirm.waitFor()
    await shot(page, 'dates-07-leave-confirm')
    await confirm.getByRole('button', { name: '留在本页' }).click()
    await confirm.waitFor({ state: 'detached' })
    expect(await field(page, '申请人姓名').inputValue()).toBe('吴草稿')
    // F5: the browser asks before unloading a form with unsaved input
    const asked = new Promise<string>((done) =>
      page.once('dialog', (d) => {
        done(d.type())
        void d.accept()
      }),
    )
    await page.reload()
    expect(await asked).toBe('beforeunload')
    await signInAs(page, CHENGBAN.username, CHENGBAN.password)
    await goTo(page, '受理登记')
    await page.getByText(/保存的草稿$/).waitFor()
    await shot(page, 'dates-08-draft-offered')
    await page.getByRole('button', { name: '恢复草稿' }).click()
    expect(await field(page, '申请人姓名').inputValue()).toBe('吴草稿')
    expect(await field(page, '申请人联系电话').inputValue()).toBe('13900000000')
  })
})
