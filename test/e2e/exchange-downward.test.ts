import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { addWorkingDays, defaultCalendar, type HolidayCalendar, isWorkingDay } from '../../shared/domain/calendar'
import { maskNumber } from '../../shared/domain/masking'
import {
  APPLICANT_ID,
  CITY,
  closeThreeOffices,
  enroll,
  exchangeTab,
  exportFrom,
  importBundle,
  ownFingerprint,
  type Page,
  PROCURATOR,
  PROVINCE,
  pick,
  shotsOnFailure,
  startThreeOffices,
} from './exchangeSteps'
import { ADMIN, chinaToday, createUser, field, goTo, type Office, readStore, shot, signInAs, signOut } from './harness'

/**
 * 下发 across three office PCs (three browser-mode profiles), files carried by hand: the 省 publishes standards (a
 * wage figure and a holiday-calendar change) that reach the 基层 through the 市 — and the 基层 case's deadline moves;
 * the 省 writes a supervision note on the 基层 case (a replica) and confirms a cross-office duplicate between the
 * 基层 and the 市; both go down; the 基层 replies and the reply comes back up with the archives; the 市 rotates its
 * key, the 基层 imports the announcement and then refuses a bundle signed with the old key.
 */
const HEAD = { username: 'fuzeren', name: '赵负责', role: '控申部门负责人', password: 'Fuze2026abc' }
const UNDERLYING = '京朝检刑诉〔2025〕88号'

async function registerCase(page: Page, underlying: string): Promise<void> {
  await goTo(page, '案件办理')
  await page.getByRole('button', { name: '受理登记' }).click()
  await field(page, '原案件编号').fill(underlying)
  await field(page, '申请人姓名').fill('陈五')
  await field(page, '申请人证件号码').fill(APPLICANT_ID)
  await page.getByText(/号码有效：出生日期 1985-03-01/).waitFor()
  await page.getByLabel('重伤').check()
  for (const item of ['救助申请书', '申请人身份证明', '实际损害证明', '申请人及家庭生活困难证明', '已获赔偿']) {
    await page.getByLabel(new RegExp(`^已收取：${item}`)).check()
  }
  await page.getByRole('button', { name: '保存登记' }).click()
  await page.getByText('办理经过').waitFor()
}

async function asUser(
  page: Page,
  user: { username: string; password: string },
  admin: { username: string; password: string },
  run: () => Promise<void>,
) {
  await signOut(page)
  await signInAs(page, user.username, user.password)
  await page.getByTestId('current-user').waitFor()
  try {
    await run()
  } finally {
    await signOut(page)
    await signInAs(page, admin.username, admin.password)
    await page.getByTestId('current-user').waitFor()
  }
}

/** Exports a downward bundle of `kind` from the 下发与督导 tab (waits for that kind's file name, not a previous one). */
async function sendDown(office: Office, button: string, passphrase: string, kind: string): Promise<string> {
  const page = office.page
  await page.getByLabel('本院密钥口令').fill(passphrase)
  await page.getByRole('button', { name: button }).click()
  const outcome = page.getByTestId('downward-outcome').getByText(new RegExp(`已导出：${kind}_`))
  await outcome.waitFor()
  const name = new RegExp(`(${kind}_\\d{6}_\\d{6}_\\d+_\\d{8}\\.jzb)`).exec((await outcome.textContent()) ?? '')?.[1]
  expect(name).toBeTruthy()
  return join(office.exportDir, '数据交换', name as string)
}

async function openCase(page: Page, id: string): Promise<void> {
  await page.evaluate((caseId) => {
    location.hash = `#/cases/${caseId}`
  }, id)
  await page.getByText('办理经过').waitFor()
}

/** The built-in calendar with one more day off: the first working day after `today` (a 调整 sent down). */
function calendarWithExtraHoliday(today: string): { calendar: HolidayCalendar; extra: string } {
  let extra = today
  do extra = addWorkingDays(extra, 1)
  while (!isWorkingDay(extra))
  const year = extra.slice(0, 4)
  const base = defaultCalendar.years[year] ?? { holidays: [], workdays: [] }
  const calendar: HolidayCalendar = {
    version: `${year}.省调整（测试）`,
    source: '测试：省级院下发的节假日调整',
    years: { [year]: { ...base, holidays: [...base.holidays, extra].sort() } },
  }
  return { calendar, extra }
}

describe('下发: 省 → 市 → 基层 standards, supervision, duplicate flags; 密钥更换', () => {
  let basic: Office
  let city: Office
  let province: Office
  const fp: Record<string, string> = {}
  let basicCaseId: string
  let cityCaseId: string
  const today = chinaToday()

  beforeAll(async () => {
    ;({ basic, city, province } = await startThreeOffices())
  })
  afterAll(() => closeThreeOffices({ basic, city, province }))
  afterEach((ctx) => shotsOnFailure(ctx.task.result?.state === 'fail', 'downward', { basic, city, province }))

  it('enrollment both ways; a case at the 基层 and one at the 市 for the same person and underlying case', async () => {
    fp.basic = await ownFingerprint(basic.page)
    fp.city = await ownFingerprint(city.page)
    fp.province = await ownFingerprint(province.page)
    await exchangeTab(basic.page, '本院身份与单位目录')
    const e1 = await exportFrom(basic, '导出入网登记包', ADMIN.password, 'identity-outcome')
    await enroll(city.page, e1, fp.basic, /已登记下级单位/)
    await exchangeTab(city.page, '本院身份与单位目录')
    const e2 = await exportFrom(city, '导出入网登记包', CITY.admin.password, 'identity-outcome')
    await enroll(basic.page, e2, fp.city, /已登记上级院/)
    await enroll(province.page, e2, fp.city, /已登记下级单位/)
    await exchangeTab(province.page, '本院身份与单位目录')
    const e3 = await exportFrom(province, '导出入网登记包', PROVINCE.admin.password, 'identity-outcome')
    await enroll(city.page, e3, fp.province, /已登记上级院/)

    for (const [o, admin, underlying] of [
      [basic, ADMIN, UNDERLYING],
      [city, CITY.admin, '京朝检刑诉(2025)88号'],
    ] as const) {
      await goTo(o.page, '用户与审计')
      await o.page.getByRole('tab', { name: '用户管理' }).click()
      await createUser(o.page, PROCURATOR)
      await asUser(o.page, PROCURATOR, admin, () => registerCase(o.page, underlying))
    }
    basicCaseId = ((await readStore(basic.page, 'cases')) as { id: string }[])[0].id
    cityCaseId = ((await readStore(city.page, 'cases')) as { id: string }[])[0].id
  })

  it('下发标准: the 省 publishes a wage figure and a calendar change; it reaches the 基层 via the 市; the deadline moves', async () => {
    const { calendar, extra } = calendarWithExtraHoliday(today)
    const before = addWorkingDays(today, 5)
    const after = addWorkingDays(today, 5, calendar)
    expect(after > before).toBe(true)
    await openCase(basic.page, basicCaseId)
    await basic.page.getByText(new RegExp(`期限至 ${before}`)).waitFor()

    const calendarFile = join(province.exportDir, '..', 'calendar.json')
    await writeFile(calendarFile, JSON.stringify(calendar))
    const p = province.page
    await exchangeTab(p, '下发与督导')
    await field(p, '标准名称').fill('北京市2026年度司法救助标准')
    await p.getByLabel('地区代码').fill('110000')
    await p.getByLabel('年度').fill('2025')
    await p.getByLabel('月平均工资（元）').fill('9,000.00')
    await p.getByLabel('出处').fill('北京市统计局2025年统计公报（测试）')
    await p.getByRole('button', { name: '添加或替换' }).click()
    await p.getByRole('table', { name: '编制中的工资标准' }).getByText('9,000.00元').waitFor()
    // a broken calendar file is refused with the reason, nothing changes
    const broken = join(province.exportDir, '..', 'broken.json')
    await writeFile(
      broken,
      JSON.stringify({ version: 'x', source: 'y', years: { '2026': { holidays: ['2026-13-01'], workdays: [] } } }),
    )
    await p.getByLabel('选择节假日安排文件').setInputFiles(broken)
    await p
      .getByRole('alert')
      .getByText(/节假日数据不合格/)
      .waitFor()
    await p.getByLabel('选择节假日安排文件').setInputFiles(calendarFile)
    await p.getByText(calendar.version, { exact: false }).waitFor()
    await p.getByRole('button', { name: '发布为新版本' }).click()
    await p
      .getByTestId('downward-outcome')
      .getByText(/已发布本院标准第 1 版/)
      .waitFor()
    await shot(p, 'downward-01-compose')

    await p.getByLabel('下级单位').click()
    await p.locator('.ant-select-dropdown:visible').getByText('北京市人民检察院第三分院（110300）').click()
    const toCity = await sendDown(province, '导出下发标准包', PROVINCE.admin.password, 'standards')
    expect(toCity).toMatch(/standards_110000_110300_\d+_\d{8}\.jzb$/)

    await pick(city.page, toCity)
    await city.page.getByLabel('本院密钥口令').fill(CITY.admin.password)
    await city.page.getByRole('button', { name: '解密并预览' }).click()
    const preview = city.page.getByTestId('import-preview')
    await preview.getByText('工资标准 110000 2025年（职工）：新增 9,000.00元/月').waitFor()
    await preview
      .getByText(new RegExp(`节假日安排 ${extra.slice(0, 4)}年：有调整|节假日安排 ${extra.slice(0, 4)}年：新增`))
      .waitFor()
    await shot(city.page, 'downward-02-standards-preview')
    await city.page.getByRole('button', { name: '确认导入' }).click()
    await city.page
      .getByTestId('import-outcome')
      .getByText(/北京市人民检察院第 1 版现已施行/)
      .waitFor()

    await exchangeTab(city.page, '下发与督导')
    await city.page.getByLabel('下级单位').click()
    await city.page.locator('.ant-select-dropdown:visible').getByText('北京市朝阳区人民检察院（110105）').click()
    const toBasic = await sendDown(city, '导出下发标准包', CITY.admin.password, 'standards')
    await importBundle(basic, toBasic, ADMIN.password)

    await exchangeTab(basic.page, '现行标准')
    await basic.page.getByRole('table', { name: '现行标准' }).getByText('第 1 版').waitFor()
    await basic.page
      .getByRole('table', { name: '现行标准' })
      .getByText(/北京市人民检察院第三分院”第 1 号下发标准包/)
      .waitFor()
    await basic.page.getByRole('table', { name: '现行工资标准' }).getByText('9,000.00元').waitFor()
    await shot(basic.page, 'downward-03-standards-in-force')
    await openCase(basic.page, basicCaseId)
    await basic.page.getByText(new RegExp(`期限至 ${after}`)).waitFor()
    expect(await basic.page.getByText(new RegExp(`期限至 ${before}`)).count()).toBe(0)
    const held = (await readStore(basic.page, 'standards')) as { issuer: string; edition: { edition: number } }[]
    expect(held).toMatchObject([{ issuer: '110000', edition: { edition: 1 } }])

    // the same standards bundle again: recognised, nothing changes
    const audit = await readStore(basic.page, 'audit')
    await pick(basic.page, toBasic)
    await basic.page.getByLabel('本院密钥口令').fill(ADMIN.password)
    await basic.page.getByRole('button', { name: '解密并预览' }).click()
    await basic.page
      .getByTestId('import-preview')
      .getByText(/再次导入不会改动任何数据/)
      .waitFor()
    expect(await readStore(basic.page, 'audit')).toEqual(audit)
  })

  it('records go up: the 省 holds both cases; a supervision note on the 基层 case and a duplicate flag', async () => {
    await exchangeTab(basic.page, '上报上级院')
    const a1 = await exportFrom(basic, '导出上报数据包', ADMIN.password, 'upward-outcome')
    await importBundle(city, a1, CITY.admin.password)
    await exchangeTab(city.page, '上报上级院')
    const a2 = await exportFrom(city, '导出上报数据包', CITY.admin.password, 'upward-outcome')
    await importBundle(province, a2, PROVINCE.admin.password)

    const p = province.page
    await goTo(p, '用户与审计')
    await p.getByRole('tab', { name: '用户管理' }).click()
    await createUser(p, HEAD)
    await asUser(p, HEAD, PROVINCE.admin, async () => {
      await openCase(p, basicCaseId)
      await p.getByText('北京市朝阳区人民检察院的案件（只读副本）').waitFor()
      await p.getByLabel('督导事项').fill('审查期限')
      await p.getByLabel('督导意见内容').fill('请在规定期限内完成审查，并说明救助金额的计算依据。')
      await p.getByRole('button', { name: /保存督导意见/ }).click()
      await p.getByTestId('supervision-note').getByText('审查期限').waitFor()
      await shot(p, 'downward-04-note-on-replica')

      await exchangeTab(p, '下发与督导')
      await p.getByRole('button', { name: '查找疑似重复救助' }).click()
      const list = p.getByRole('table', { name: '疑似重复救助' })
      // the list masks the ID number (docs/security.md §7)
      await list.getByText(`陈五（${maskNumber('idNumber', APPLICANT_ID)}）`).waitFor()
      await list.getByText('编号相同').waitFor()
      await shot(p, 'downward-05-duplicates')
      await list.getByLabel('审核意见').fill('同一原案件在两院均受理，请核实')
      await list.getByRole('button', { name: '确认并下发' }).click()
      await p
        .getByTestId('downward-outcome')
        .getByText(/已确认重复救助提示（陈五）/)
        .waitFor()
    })
  })

  it('notes and flags go down through the 市; the 基层 sees them on the case page and replies; the reply goes up', async () => {
    const p = province.page
    await exchangeTab(p, '下发与督导')
    await p.getByLabel('下级单位').click()
    await p.locator('.ant-select-dropdown:visible').getByText('北京市人民检察院第三分院（110300）').click()
    const n1 = await sendDown(province, '导出督导意见包', PROVINCE.admin.password, 'supervision')
    const f1 = await sendDown(province, '导出重复救助提示包', PROVINCE.admin.password, 'duplicate-flags')
    await importBundle(city, n1, CITY.admin.password)
    await importBundle(city, f1, CITY.admin.password)
    // the 市 sees the flag on its own case
    await openCase(city.page, cityCaseId)
    await city.page.getByTestId('duplicate-flag').getByText(/陈五/).first().waitFor()

    await exchangeTab(city.page, '下发与督导')
    await city.page.getByLabel('下级单位').click()
    await city.page.locator('.ant-select-dropdown:visible').getByText('北京市朝阳区人民检察院（110105）').click()
    const n2 = await sendDown(city, '导出督导意见包', CITY.admin.password, 'supervision')
    const f2 = await sendDown(city, '导出重复救助提示包', CITY.admin.password, 'duplicate-flags')
    await importBundle(basic, n2, ADMIN.password)
    await importBundle(basic, f2, ADMIN.password)

    await exchangeTab(basic.page, '督导意见与提示')
    await basic.page.getByTestId('supervision-note').getByText('审查期限').waitFor()
    await asUser(basic.page, PROCURATOR, ADMIN, async () => {
      await openCase(basic.page, basicCaseId)
      const card = basic.page.getByTestId('supervision-card')
      await card.getByTestId('duplicate-flag').getByText('同一原案件在两院均受理，请核实').waitFor()
      const note = card.getByTestId('supervision-note')
      await note.getByText('请在规定期限内完成审查，并说明救助金额的计算依据。').waitFor()
      await note.getByLabel('答复内容').fill('已于期限内完成审查，金额依据已补入卷宗。')
      await note.getByRole('button', { name: /保存答复/ }).click()
      await note
        .getByTestId('note-reply')
        .getByText(/已于期限内完成审查/)
        .waitFor()
      await shot(basic.page, 'downward-06-case-card-reply')
    })

    await exchangeTab(basic.page, '上报上级院')
    const a1 = await exportFrom(basic, '导出上报数据包', ADMIN.password, 'upward-outcome')
    await importBundle(city, a1, CITY.admin.password)
    await exchangeTab(city.page, '上报上级院')
    const a2 = await exportFrom(city, '导出上报数据包', CITY.admin.password, 'upward-outcome')
    await importBundle(province, a2, PROVINCE.admin.password)
    await exchangeTab(province.page, '督导意见与提示')
    await province.page
      .getByTestId('note-reply')
      .getByText(/110105.*已于期限内完成审查/)
      .waitFor()
    await shot(province.page, 'downward-07-reply-at-province')
  })

  it('密钥更换: the 市 rotates; the 基层 imports the announcement; a bundle signed with the old key is refused', async () => {
    // a bundle the 市 writes with its current (soon old) key
    await exchangeTab(city.page, '下发与督导')
    await city.page.getByLabel('下级单位').click()
    await city.page.locator('.ant-select-dropdown:visible').getByText('北京市朝阳区人民检察院（110105）').click()
    const oldKeyBundle = await sendDown(city, '导出下发标准包', CITY.admin.password, 'standards')

    await exchangeTab(city.page, '本院身份与单位目录')
    await city.page.getByLabel('密钥口令（更换用）').fill(CITY.admin.password)
    await city.page.getByRole('button', { name: '更换本院密钥' }).click()
    await city.page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /更\s*换/ })
      .click()
    await city.page
      .getByTestId('rotation-outcome')
      .getByText(/已更换本院密钥，新指纹/)
      .waitFor()
    const newFp = await ownFingerprint(city.page)
    expect(newFp).not.toBe(fp.city)
    const row = city.page
      .getByRole('table', { name: '密钥更换通知' })
      .getByRole('row', { name: /北京市朝阳区人民检察院/ })
    await row.getByRole('button', { name: '导出密钥更换通知' }).click()
    await city.page
      .getByTestId('rotation-outcome')
      .getByText(/key-rotation_110300_110105/)
      .first()
      .waitFor()
    const text = (await city.page.getByTestId('rotation-outcome').textContent()) ?? ''
    const name = /(key-rotation_110300_110105_\d+_\d{8}\.jzb)/.exec(text)?.[1]
    expect(name, text).toBeTruthy()
    await importBundle(basic, join(city.exportDir, '数据交换', name as string), ADMIN.password)
    await exchangeTab(basic.page, '本院身份与单位目录')
    await basic.page.getByTestId('parent-fingerprint').getByText(newFp).waitFor()
    await shot(basic.page, 'downward-08-rotation-imported')

    const stores = await readStore(basic.page, 'audit')
    await pick(basic.page, oldKeyBundle)
    await basic.page
      .getByTestId('import-outcome')
      .getByText(/已停用的旧密钥.*未导入任何数据/)
      .waitFor()
    await shot(basic.page, 'downward-09-old-key-refused')
    expect(await readStore(basic.page, 'audit')).toEqual(stores)
    expect(JSON.parse(await readFile(join(province.exportDir, '..', 'calendar.json'), 'utf8')).years).toBeDefined()
  })
})
