import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../shared/domain/idcard'
import { act, OFFICE_STAFF, openCaseOf, registerApplication, switchUser } from './caseSteps'
import { field, goTo, type Office, officeWithStaff, shot } from './harness'

/**
 * A clerk's messages say what to do, in the words of the form in front of them (docs/walkthrough.md): 受理登记 names
 * its fields by their labels, an emptied amount asks for 0, 审查核实 explains a problem at its row, 登记线索 flags
 * a missing 移送部门, 关于 says in plain words which data this is and where it is kept.
 */
const ID = `11010519800101002${residentIdCheckChar('11010519800101002')}`

describe('a clerk’s day: each message in the form’s own words, at the field', () => {
  let office: Office
  beforeAll(async () => {
    office = await officeWithStaff(Object.values(OFFICE_STAFF), [OFFICE_STAFF.chengban])
    await registerApplication(office.page, { name: '吴日常', idNumber: ID, underlying: '京朝检刑诉〔2026〕9号' })
  })
  afterAll(async () => {
    await office?.close()
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(office.page, `clerkday-failed-${ctx.task.name.slice(0, 20)}`)
  })

  it('受理登记 sent empty: the summary names each field as the form labels it', async () => {
    const page = office.page
    await switchUser(page, OFFICE_STAFF.chengban)
    await goTo(page, '受理登记')
    await page.getByRole('button', { name: '保存登记' }).click()
    const summary = page.getByRole('alert').filter({ hasText: '请修改后再提交' })
    await summary.waitFor()
    await shot(page, 'clerkday-01-intake-summary')
    const text = (await summary.textContent()) ?? ''
    // the schema's plain “请填写姓名” names the field as the form labels it, at the field and in the summary
    expect(text).toContain('请填写申请人姓名')
    expect(text).toContain('请填写申请人证件号码')
    expect(text).not.toContain('申请人·')
    await page.getByText('请填写申请人姓名', { exact: true }).waitFor()
    await page.getByRole('button', { name: '返回' }).click()
  })

  it('审查核实 with amounts emptied: “请填写已获赔偿金额，没有的填 0” at the field and in the summary', async () => {
    const page = office.page
    await switchUser(page, OFFICE_STAFF.chengban)
    await openCaseOf(page, '吴日常')
    await act(page, '受理')
    await act(page, '开始审查')
    await page.getByRole('button', { name: '登记审查核实情况', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: '登记审查核实情况' })
    await field(dialog as never, '已获赔偿金额（元）').fill('')
    await field(dialog as never, '已获社会救助金额（元）').fill('')
    await dialog.getByRole('button', { name: '确认办理' }).click()
    const summary = dialog.getByRole('alert').first()
    await summary.waitFor()
    await shot(page, 'clerkday-02-amounts-empty')
    expect(await summary.textContent()).toBe(
      '请修改后再提交：请填写已获赔偿金额，没有的填 0；请填写已获社会救助金额，没有的填 0',
    )
    await dialog.getByText('请填写已获赔偿金额，没有的填 0', { exact: true }).waitFor()
    await dialog.getByText('请填写已获社会救助金额，没有的填 0', { exact: true }).waitFor()
    expect(await dialog.getByText('金额必须是数字').count()).toBe(0)
    // a red box always has its message: the rows of 不予救助情形逐项审查 have no problem, and the one the mouse rests
    // on is not drawn in the colour of a problem
    const x4 = dialog.getByLabel(/^核查情况：在诉讼中主动放弃/)
    await x4.hover()
    await shot(page, 'clerkday-02b-hovered-row')
    expect(await x4.getAttribute('class')).not.toContain('status-error')
    const [r, g, b] = (
      await x4.evaluate(async (e) => {
        // the colour it settles on once the hover transition has run
        await Promise.all(e.getAnimations().map((a) => a.finished))
        return getComputedStyle(e).borderTopColor
      })
    )
      .match(/\d+/g)!
      .map(Number)
    expect(r > g + 60 && r > b + 60, `hovered border rgb(${r}, ${g}, ${b}) reads as a problem`).toBe(false)
    await dialog.getByRole('button', { name: /取\s*消/ }).click()
    await dialog.waitFor({ state: 'detached' })
  })

  it('登记线索 from a case department without its 移送部门: flagged at the field, nothing saved', async () => {
    const page = office.page
    await switchUser(page, OFFICE_STAFF.chengban)
    await goTo(page, '线索与告知')
    await page.getByRole('button', { name: '登记线索' }).click()
    const dialog = page.getByRole('dialog', { name: /登记线索/ })
    const at = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('移送部门', { exact: true }) })
    // sent empty: flagged with the other missing fields at once, not only after they are put right
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await dialog.getByText('请填写当事人姓名').waitFor()
    await at.getByText('请选择移送线索的办案部门').waitFor()
    await field(dialog as never, '当事人姓名').fill('郑缺部门')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await dialog.getByText('请填写当事人姓名').waitFor({ state: 'detached' })
    await at.getByText('请选择移送线索的办案部门').waitFor()
    await shot(page, 'clerkday-03-clue-department')
    await dialog.getByRole('button', { name: /取\s*消/ }).click()
    await page.getByRole('button', { name: '放弃并离开' }).click()
    await dialog.waitFor({ state: 'detached' })
    expect(await page.getByRole('cell', { name: '郑缺部门' }).count()).toBe(0)
  })

  it('关于 says which data this is and where it is kept in plain words; the technical name is for IT, small', async () => {
    const page = office.page
    await goTo(page, '关于')
    const row = page.locator('.ant-descriptions-row').filter({ hasText: '本院正式数据' })
    await row.getByText('保存在这台电脑的浏览器中', { exact: false }).waitFor()
    await shot(page, 'clerkday-04-about')
    expect(await page.getByText('（本院正式数据，浏览器 IndexedDB）').count()).toBe(0)
    expect(await row.getByText('供信息技术人员：IndexedDB 数据库 jiuzhu-desk').isVisible()).toBe(true)
  })

  it('启动先行救助 sent empty: a long text left empty is named at its field (“请填写先行救助的理由”), not “请填写说明”', async () => {
    const page = office.page
    await switchUser(page, OFFICE_STAFF.chengban)
    await openCaseOf(page, '吴日常')
    await page.getByRole('button', { name: '启动先行救助', exact: true }).click()
    const dialog = page.getByRole('dialog', { name: '启动先行救助' })
    await dialog.getByRole('button', { name: '确认办理' }).click()
    const at = dialog.locator('.ant-form-item').filter({ has: page.getByLabel(/^先行救助的理由/) })
    await at.getByText('请填写先行救助的理由', { exact: true }).waitFor()
    await shot(page, 'clerkday-05-advance-empty')
    expect(await dialog.getByText('请填写说明', { exact: true }).count()).toBe(0)
    await dialog.getByRole('button', { name: /取\s*消/ }).click()
    await dialog.waitFor({ state: 'detached' })
  })
})
