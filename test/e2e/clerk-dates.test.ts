import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { switchUser } from './caseSteps'
import {
  chinaToday,
  completeSetup,
  createUser,
  field,
  goTo,
  type Office,
  readStore,
  shot,
  startOffice,
} from './harness'

const BANAN = {
  username: 'banan',
  name: '赵办案',
  role: '办案部门人员',
  password: 'Xiansuo2026',
  department: '第一检察部',
}

/** YYYY-MM-DD plus `days` calendar days. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

describe('dates: one rule where the date is typed and where it is saved', () => {
  let office: Office
  beforeAll(async () => {
    office = await startOffice()
    await completeSetup(office.page)
    await goTo(office.page, '用户与审计')
    await office.page.getByRole('tab', { name: '用户管理' }).click()
    await createUser(office.page, BANAN)
    await switchUser(office.page, BANAN)
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
    await dialog.getByLabel('移送部门').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click()
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
    await referred.fill(addDays(today, -2))
    await referred.press('Enter')
    await informed.fill(addDays(today, -2))
    await informed.press('Enter')
    await dialog.getByText('当事人姓名').click()
    expect(await informed.inputValue()).toBe(addDays(today, -2))
    await referred.fill(addDays(today, -1))
    await referred.press('Enter')
    await dialog.getByText('当事人姓名').click()
    await dialog.getByText(`告知日期（${addDays(today, -2)}）不能早于移送日期（${addDays(today, -1)}）。`).waitFor()
    await shot(page, 'dates-02-order-at-field')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await dialog.getByRole('alert').getByText('请按提示修改标红的内容。').waitFor()
    expect(await readStore(page, 'clues')).toEqual([])
    // the 告知 on the day of the 移送: saved
    await informed.fill(addDays(today, -1))
    await informed.press('Enter')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await page.getByRole('cell', { name: '周日期' }).waitFor()
    const [clue] = (await readStore(page, 'clues')) as { referredOn: string; informing: { date: string } }[]
    expect(clue).toMatchObject({ referredOn: addDays(today, -1), informing: { date: addDays(today, -1) } })
  })
})
