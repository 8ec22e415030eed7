import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../shared/domain/idcard'
import { OFFICE_STAFF, openCaseOf, registerApplication, switchUser } from './caseSteps'
import {
  ADMIN,
  expectChinaDraftStamp,
  field,
  goTo,
  type Office,
  officeWithStaff,
  pageNow,
  readStore,
  shot,
  signInAs,
} from './harness'

const BANAN = OFFICE_STAFF.banan
const CHENGBAN = OFFICE_STAFF.chengban
const APPLICANT_ID = `11010519800101002${residentIdCheckChar('11010519800101002')}`
const BANAN2 = {
  username: 'banan2',
  name: '钱办案',
  role: '办案部门人员',
  password: 'Xiansuo2027',
  department: '刑事检察部门（审查起诉）',
}

describe('forms guarded against leaving; drafts kept for their own user', () => {
  let office: Office
  beforeAll(async () => {
    // the browser in UTC: the draft stamp must still read China time
    office = await officeWithStaff([BANAN, BANAN2, CHENGBAN], [BANAN2, BANAN], { timezoneId: 'UTC' })
  })
  afterAll(async () => {
    await office?.close()
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(office.page, `drafts-failed-${ctx.task.name.slice(0, 20)}`)
  })

  const clueDialog = () => office.page.getByRole('dialog', { name: /登记线索/ })
  async function openClueDialog() {
    await goTo(office.page, '线索与告知')
    await office.page.getByRole('button', { name: '登记线索' }).click()
    await clueDialog().waitFor()
  }

  /**
   * 恢复草稿 in the clue dialog, until the offer goes: a click while the dialog still zooms in is sometimes lost (the
   * user sees the offer still there and clicks again — so does this).
   */
  async function restoreDraft() {
    const offer = clueDialog().getByText(/保存的草稿$/)
    for (let attempt = 0; attempt < 3 && (await offer.isVisible()); attempt++) {
      await clueDialog().getByRole('button', { name: '恢复草稿' }).click()
      await offer.waitFor({ state: 'detached', timeout: 5000 }).catch(() => {})
    }
    expect(await offer.count()).toBe(0)
  }

  it('登记线索: leaving asks first; after a reload and sign-in the draft is offered, restored, and cleared on saving', async () => {
    const page = office.page
    await openClueDialog()
    const typing = await pageNow(page)
    await field(clueDialog() as never, '当事人姓名').fill('孙草稿')
    await field(clueDialog() as never, '了解到的当事人家庭生活情况').fill('父亲受伤后无法工作，家中无其他收入。')
    await expectChinaDraftStamp(page, clueDialog(), typing)
    // a link or the back button (the menu is under the dialog's mask): asked, and staying keeps the input
    await page.evaluate(() => {
      window.location.hash = '#/dashboard'
    })
    const confirm = page.getByRole('dialog').filter({ hasText: '草稿保留' })
    await confirm.waitFor()
    await shot(page, 'drafts-01-clue-leave-asked')
    await confirm.getByRole('button', { name: '留在本页' }).click()
    await confirm.waitFor({ state: 'detached' })
    expect(await field(clueDialog() as never, '当事人姓名').inputValue()).toBe('孙草稿')
    // 取消 asks too
    await clueDialog()
      .getByRole('button', { name: /取\s*消/ })
      .click()
    await confirm.waitFor()
    await confirm.getByRole('button', { name: '留在本页' }).click()
    await confirm.waitFor({ state: 'detached' })
    // F5: the browser asks before unloading
    const asked = new Promise<string>((done) =>
      page.once('dialog', (d) => {
        done(d.type())
        void d.accept()
      }),
    )
    await page.reload()
    expect(await asked).toBe('beforeunload')
    await signInAs(page, BANAN.username, BANAN.password)
    await openClueDialog()
    await clueDialog()
      .getByText(/保存的草稿$/)
      .waitFor()
    await shot(page, 'drafts-02-clue-draft-offered')
    await restoreDraft()
    expect(await field(clueDialog() as never, '当事人姓名').inputValue()).toBe('孙草稿')
    expect(await field(clueDialog() as never, '了解到的当事人家庭生活情况').inputValue()).toBe(
      '父亲受伤后无法工作，家中无其他收入。',
    )
    // saved: the clue is listed and the draft is gone
    await clueDialog()
      .getByRole('button', { name: /保\s*存/ })
      .click()
    await clueDialog().waitFor({ state: 'detached' })
    await page.getByRole('cell', { name: '孙草稿' }).waitFor()
    await openClueDialog()
    await field(clueDialog() as never, '当事人姓名').waitFor()
    expect(
      await clueDialog()
        .getByText(/保存的草稿$/)
        .count(),
    ).toBe(0)
    await clueDialog()
      .getByRole('button', { name: /取\s*消/ })
      .click()
    await clueDialog().waitFor({ state: 'detached' })
  })

  it('the idle lock keeps the draft; another user does not see it; its owner gets it back after signing in', async () => {
    const page = office.page
    await switchUser(page, ADMIN)
    await goTo(page, '系统设置')
    await page.getByLabel('无操作自动锁屏分钟数').fill('1')
    await page.getByText('已保存：无操作自动锁屏时间').waitFor()
    await switchUser(page, BANAN)
    await openClueDialog()
    await field(clueDialog() as never, '当事人姓名').fill('李锁屏')
    // locked before typing paused long enough for an automatic save
    await page.clock.install()
    await page.mouse.move(5, 5) // re-arms the idle timer under the installed clock
    await page.mouse.move(6, 6)
    await page.clock.fastForward('01:05')
    await page.clock.resume()
    const lock = page.getByRole('dialog', { name: '屏幕已锁定' })
    await lock.waitFor()
    await shot(page, 'drafts-03-locked')
    // someone else takes the computer: switching user asks, the draft is already kept
    await lock.getByRole('button', { name: '切换用户' }).click()
    const confirm = page.getByRole('dialog').filter({ hasText: '草稿保留' })
    await confirm.getByRole('button', { name: '放弃修改并退出' }).click()
    await signInAs(page, BANAN2.username, BANAN2.password)
    await page.getByTestId('current-user').waitFor()
    await openClueDialog()
    await field(clueDialog() as never, '当事人姓名').waitFor()
    expect(
      await clueDialog()
        .getByText(/保存的草稿$/)
        .count(),
    ).toBe(0)
    expect(await field(clueDialog() as never, '当事人姓名').inputValue()).toBe('')
    await shot(page, 'drafts-04-other-user-no-draft')
    await clueDialog()
      .getByRole('button', { name: /取\s*消/ })
      .click()
    await clueDialog().waitFor({ state: 'detached' })
    // the owner signs in again: offered and restored
    await switchUser(page, BANAN)
    await openClueDialog()
    await clueDialog()
      .getByText(/保存的草稿$/)
      .waitFor()
    await restoreDraft()
    expect(await field(clueDialog() as never, '当事人姓名').inputValue()).toBe('李锁屏')
    await shot(page, 'drafts-05-owner-restored')
    // restored is not unsaved input: 取消 closes without asking (the draft stays until the clue is saved)
    await clueDialog()
      .getByRole('button', { name: /取\s*消/ })
      .click()
    await clueDialog().waitFor({ state: 'detached' })
  })

  it('an action dialog (撤回申请): leaving asks; 取消 keeps the draft; reopened, it is offered and restored', async () => {
    const page = office.page
    await switchUser(page, CHENGBAN)
    await registerApplication(page, { name: '周撤回', idNumber: APPLICANT_ID, underlying: '京朝检刑诉〔2026〕5号' })
    const dialog = page.getByRole('dialog', { name: '撤回申请' })
    await page.getByRole('button', { name: '撤回申请', exact: true }).click()
    const typing = await pageNow(page)
    await field(dialog as never, '撤回原因').fill('申请人来电称已与被告人达成和解，拟撤回申请。')
    await expectChinaDraftStamp(page, dialog, typing)
    await shot(page, 'drafts-06-action-autosaved')
    // the back button while the dialog holds typed input: asked, and staying keeps it
    await page.evaluate(() => {
      window.location.hash = '#/dashboard'
    })
    const confirm = page.getByRole('dialog').filter({ hasText: '草稿保留' })
    await confirm.waitFor()
    await confirm.getByRole('button', { name: '留在本页' }).click()
    await confirm.waitFor({ state: 'detached' })
    expect(await field(dialog as never, '撤回原因').inputValue()).toBe('申请人来电称已与被告人达成和解，拟撤回申请。')
    // 取消 closes at once (the input stays as the draft); the menu then leaves without asking
    await dialog.getByRole('button', { name: /取\s*消/ }).click()
    await dialog.waitFor({ state: 'detached' })
    await goTo(page, '工作台')
    expect(await page.getByRole('dialog').count()).toBe(0)
    // back on the case: the draft is offered and restored
    await openCaseOf(page, '周撤回')
    await page.getByRole('button', { name: '撤回申请', exact: true }).click()
    const offer = dialog.getByText(/保存的草稿$/)
    await offer.waitFor()
    await shot(page, 'drafts-07-action-draft-offered')
    await dialog.getByRole('button', { name: '恢复草稿' }).click()
    await offer.waitFor({ state: 'detached' })
    expect(await field(dialog as never, '撤回原因').inputValue()).toBe('申请人来电称已与被告人达成和解，拟撤回申请。')
    // done: the draft is gone
    await dialog.getByRole('button', { name: '确认办理' }).click()
    await page.getByText('已办理：撤回申请').first().waitFor()
    const drafts = (await readStore(page, 'settings')) as { key: string; value: unknown }[]
    const kept = drafts.filter((d) => d.key.startsWith('draft:action:withdraw:') && d.value !== null)
    expect(kept).toEqual([])
  })

  it('a settings form (本院联系方式): leaving by the menu asks; the draft is offered on coming back', async () => {
    const page = office.page
    await switchUser(page, ADMIN)
    await goTo(page, '系统设置')
    const card = page
      .locator('.ant-card')
      .filter({ has: page.locator('.ant-card-head-title', { hasText: /^本院联系方式$/ }) })
    const typing = await pageNow(page)
    await field(card as never, '联系电话').fill('010-65550000')
    await expectChinaDraftStamp(page, card, typing)
    await goTo(page, '工作台')
    const confirm = page.getByRole('dialog').filter({ hasText: '有未保存的内容' })
    await confirm.waitFor()
    await shot(page, 'drafts-08-settings-leave-asked')
    await confirm.getByRole('button', { name: '放弃并离开' }).click()
    await card.waitFor({ state: 'detached' })
    await goTo(page, '系统设置')
    await card.getByText(/保存的草稿$/).waitFor()
    expect(await field(card as never, '联系电话').inputValue()).toBe('')
    await card.getByRole('button', { name: '恢复草稿' }).click()
    expect(await field(card as never, '联系电话').inputValue()).toBe('010-65550000')
    await shot(page, 'drafts-09-settings-restored')
    await card.getByRole('button', { name: '保存联系方式' }).click()
    await page.getByText('已保存：本院联系方式').waitFor()
    const settings = (await readStore(page, 'settings')) as { key: string; value: { phone?: string } }[]
    expect(settings.find((s) => s.key === 'officeProfile')?.value.phone).toBe('010-65550000')
  })
})
