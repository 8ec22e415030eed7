import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../shared/domain/idcard'
import { type Dialog, OFFICE_STAFF, openCaseOf as openCase, registerApplication, switchUser } from './caseSteps'
import { chinaToday, field, type Office, officeWithStaff, readStore, shot, signInAs } from './harness'

/**
 * 文号 (docs/documents.md「文号」): the dialog of an action that issues a numbered document offers the office's next
 * free number for that type and year; a second case gets the next one; when two clerks take the same suggested
 * number, the second save is refused with the case that has it, and the dialog offers the next free number.
 */
type Page = Office['page']
const REFUSE = '不属救助范围，决定不予救助'
const NUMBER_FIELD = '不予救助告知书文号'
const YEAR = chinaToday().slice(0, 4)
const notice = (serial: number) => `朝检控不救告〔${YEAR}〕${serial}号`
const applicants = ['周一', '吴二', '郑三', '王四'].map((name, i) => {
  const body = `11010519850301${String(41 + i).padStart(3, '0')}`
  return { name, idNumber: `${body}${residentIdCheckChar(body)}`, underlying: `京朝检刑诉〔${YEAR}〕${41 + i}号` }
})

interface StoredCase {
  caseNo: string
  personIdNumbers: string[]
  decision?: { documentNo?: string }
}

/** Opens 不属救助范围，决定不予救助 and waits until its 文号 field shows `documentNo`. */
async function openRefusal(page: Page, documentNo: string): Promise<Dialog> {
  await page.getByRole('button', { name: REFUSE, exact: true }).click()
  const dialog = page.getByRole('dialog', { name: REFUSE })
  await dialog.locator(`input[value="${documentNo}"]`).waitFor()
  expect(await field(dialog as never, NUMBER_FIELD).inputValue()).toBe(documentNo)
  await dialog.getByLabel('生活困难与检察机关办理的案件无关').check()
  return dialog
}

async function confirm(page: Page, dialog: Dialog) {
  await dialog.getByRole('button', { name: '确认办理' }).click()
  await page.getByText(`已办理：${REFUSE}`).first().waitFor()
  await dialog.waitFor({ state: 'detached' })
}

async function caseOf(page: Page, idNumber: string): Promise<StoredCase> {
  return ((await readStore(page, 'cases')) as StoredCase[]).find((c) => c.personIdNumbers.includes(idNumber))!
}

describe('文号 are suggested per type and year, and a taken one is refused', () => {
  let office: Office
  beforeAll(async () => {
    office = await officeWithStaff([OFFICE_STAFF.chengban, OFFICE_STAFF.jcz], [OFFICE_STAFF.chengban])
    for (const a of applicants.slice(0, 3)) await registerApplication(office.page, a)
    await switchUser(office.page, OFFICE_STAFF.jcz)
  })
  afterAll(async () => {
    await office?.close()
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(office.page, `docno-failed-${ctx.task.name.slice(0, 20)}`)
  })

  it('the first 不予救助告知书 of the year is offered 1号, the next case 2号; two clerks racing for 3号: the second is told and offered 4号', async () => {
    const page = office.page
    await openCase(page, applicants[0].name)
    await shot(page, 'docno-01-before')
    let dialog = await openRefusal(page, notice(1))
    await shot(page, 'docno-01-dialog-suggests-1')
    await confirm(page, dialog)
    expect((await caseOf(page, applicants[0].idNumber)).decision?.documentNo).toBe(notice(1))

    // the clerk keeps the 2号 offered for the second case
    await openCase(page, applicants[1].name)
    dialog = await openRefusal(page, notice(2))
    await confirm(page, dialog)
    expect((await caseOf(page, applicants[1].idNumber)).decision?.documentNo).toBe(notice(2))

    // Two clerks at once: this tab opens the dialog for the third case (3号 offered) …
    await openCase(page, applicants[2].name)
    dialog = await openRefusal(page, notice(3))
    // … while a colleague in another window gives 3号 to a fourth case and saves first.
    const other = await office.context.newPage()
    await other.goto(office.server.url)
    await signInAs(other, OFFICE_STAFF.chengban.username, OFFICE_STAFF.chengban.password)
    const fourth = applicants[3]
    await registerApplication(other, fourth)
    await switchUser(other, OFFICE_STAFF.jcz)
    await openCase(other, fourth.name)
    await confirm(other, await openRefusal(other, notice(3)))
    const taken = await caseOf(other, fourth.idNumber)
    await other.close()

    await dialog.getByRole('button', { name: '确认办理' }).click()
    const alert = dialog.getByRole('alert')
    await alert.getByText(`文号“${notice(3)}”已被本院案件 ${taken.caseNo} 的不予救助告知书使用`).waitFor()
    await dialog.locator(`input[value="${notice(4)}"]`).waitFor()
    await alert.scrollIntoViewIfNeeded()
    await shot(page, 'docno-02-taken-offers-next')
    expect(await alert.textContent()).toContain(`下一个可用的文号“${notice(4)}”`)
    expect((await caseOf(page, applicants[2].idNumber)).decision).toBeUndefined()
    await confirm(page, dialog)
    expect((await caseOf(page, applicants[2].idNumber)).decision?.documentNo).toBe(notice(4))
  })
})
