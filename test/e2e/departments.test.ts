import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { OFFICE_STAFF, switchUser } from './caseSteps'
import { ADMIN, completeSetup, createUser, field, goTo, type Office, readStore, shot, startOffice } from './harness'

const BANAN = OFFICE_STAFF.banan

describe('移送部门: current names, and the office’s own names set in 系统设置', () => {
  let office: Office
  beforeAll(async () => {
    office = await startOffice()
    await completeSetup(office.page)
    await goTo(office.page, '用户与审计')
    await office.page.getByRole('tab', { name: '用户管理' }).click()
    await createUser(office.page, BANAN)
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
})
