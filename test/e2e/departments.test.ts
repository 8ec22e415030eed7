import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../shared/domain/idcard'
import { choose, finishIntake, OFFICE_STAFF, switchUser } from './caseSteps'
import { ADMIN, field, goTo, type Office, officeWithStaff, readStore, shot } from './harness'

const BANAN = OFFICE_STAFF.banan
const CHENGBAN = OFFICE_STAFF.chengban
const APPLICANT_ID = `11010519800101002${residentIdCheckChar('11010519800101002')}`

describe('移送部门: current names, and the office’s own names set in 系统设置', () => {
  let office: Office
  beforeAll(async () => {
    office = await officeWithStaff([BANAN, CHENGBAN])
  })
  afterAll(async () => {
    await office?.close()
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(office.page, `departments-failed-${ctx.task.name.slice(0, 20)}`)
  })

  it('the administrator names a row 第二检察部 (audited); the clue form and list show it; the record keeps the row', async () => {
    const page = office.page
    await switchUser(page, ADMIN)
    await goTo(page, '系统设置')
    const card = page.getByTestId('department-names-card')
    // a name used twice is refused at the field, and nothing is stored
    await card.getByLabel('公诉（起诉）部门的本院名称').fill('第二检察部')
    await card.getByLabel('侦查监督（批捕）部门的本院名称').fill('第二检察部')
    await card.getByRole('button', { name: '保存部门名称' }).click()
    await card.getByText('“第二检察部”已用于另一行，请用不同的名称').waitFor()
    await card.getByLabel('侦查监督（批捕）部门的本院名称').fill('')
    await card.getByRole('button', { name: '保存部门名称' }).click()
    await page.getByText('已保存：移送部门名称').waitFor()
    await shot(page, 'departments-01-settings')
    const stored = (await readStore(page, 'settings')) as { key: string; value: unknown }[]
    expect(stored.find((s) => s.key === 'departmentNames')?.value).toEqual({ prosecution: '第二检察部' })
    const audit = (await readStore(page, 'audit')) as { command: string }[]
    expect(audit.filter((a) => a.command === 'settings.update')).toHaveLength(1)

    await switchUser(page, BANAN)
    await goTo(page, '线索与告知')
    await page.getByRole('button', { name: '登记线索' }).click()
    const dialog = page.getByRole('dialog', { name: /登记线索/ })
    // the account's own department, under the office's name
    await dialog.getByTitle('第二检察部').waitFor()
    await field(dialog as never, '当事人姓名').fill('周部门')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await dialog.waitFor({ state: 'detached' })
    await page
      .getByRole('row', { name: /周部门/ })
      .getByText('第二检察部')
      .waitFor()
    await shot(page, 'departments-02-clue-list')
    const clues = (await readStore(page, 'clues')) as { partyName: string; originDepartment: string }[]
    expect(clues.find((c) => c.partyName === '周部门')?.originDepartment).toBe('prosecution')
  })

  it('the renamed department shows wherever a department is shown: accounts, case page, 更正, registers', async () => {
    const page = office.page
    // 用户与审计: the account's 所在部门 in the list and in its form
    await switchUser(page, ADMIN)
    await goTo(page, '用户与审计')
    await page.getByRole('tab', { name: '用户管理' }).click()
    const account = page.getByRole('row', { name: /banan/ })
    await account.getByText('第二检察部').waitFor()
    await account.getByRole('button', { name: '修改' }).click()
    const userForm = page.getByRole('dialog', { name: /修改用户/ })
    await userForm.getByTitle('第二检察部').waitFor()
    await shot(page, 'departments-03-user-form')
    await userForm.getByRole('button', { name: /取\s*消/ }).click()
    await userForm.waitFor({ state: 'detached' })

    // 控申 turns the clue into a case: the case page names the department as the office does
    await switchUser(page, CHENGBAN)
    await goTo(page, '线索与告知')
    await page
      .getByRole('row', { name: /周部门/ })
      .getByRole('button', { name: '转为救助案件' })
      .click()
    await field(page, '申请人证件号码').fill(APPLICANT_ID)
    await finishIntake(page)
    const basics = page.locator('.ant-descriptions-item').filter({ hasText: /^移送部门/ })
    expect(await basics.locator('.ant-descriptions-item-content').textContent()).toBe('第二检察部')

    // 更正: the current value and the choices under the office's names
    await page.getByRole('button', { name: '更正', exact: true }).click()
    const correction = page.getByRole('dialog', { name: /^更正：/ })
    await choose(page, correction, '更正项目', '移送部门')
    expect(await correction.getByTestId('correction-current').textContent()).toBe('第二检察部')
    await correction.getByLabel('更正为').click()
    const offered = page.locator('.ant-select-dropdown:visible .ant-select-item-option')
    await offered.first().waitFor()
    const choices = await offered.allTextContents()
    expect(choices).toContain('第二检察部')
    expect(choices.some((c) => c.includes('公诉'))).toBe(false)
    await shot(page, 'departments-04-correction')
    await page.keyboard.press('Escape')
    await correction.getByRole('button', { name: /取\s*消/ }).click()
    await correction.waitFor({ state: 'detached' })

    // 台账: the 线索移送台账 and 受理台账 columns, and the 移送部门 filter
    await goTo(page, '台账')
    for (const [tab, name] of [
      ['线索移送台账', '周部门'],
      ['受理台账', '周部门'],
    ]) {
      await page.getByRole('tab', { name: tab }).click()
      const row = page.getByRole('row', { name: new RegExp(name) })
      await row.getByText('第二检察部').waitFor()
    }
    await page.getByLabel('按移送部门筛选').filter({ visible: true }).click()
    await page.locator('.ant-select-dropdown:visible').getByTitle('第二检察部', { exact: true }).waitFor()
    await shot(page, 'departments-05-register')
    await page.keyboard.press('Escape')
  })
})
