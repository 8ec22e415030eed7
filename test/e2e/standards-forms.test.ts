import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { defaultCalendar } from '../../shared/domain/calendar'
import { defaultNoticeTitle, withHolidayArrangement } from '../../shared/domain/holidayArrangement'
import { emptyMeasuresFields, measuresFromFields } from '../../shared/domain/localMeasuresForm'
import { exchangeTab, type Page, PROVINCE, setUpOffice } from './exchangeSteps'
import { chinaToday, field, type Office, readStore, shot, startOffice } from './harness'

/**
 * 编制本院标准 without writing JSON: at a 省级院 the administrator enters next year's 节假日安排 and a 本地实施办法 on
 * forms — mistakes first (each named at its field, nothing added) — corrects the measure through its tag, publishes,
 * and the 现行标准 screen and the stored edition hold exactly what the same functions give in Node.
 */

const STANDARDS_TITLE = '北京市司法救助标准（含2027年节假日）'

async function fill(page: Page, label: string, value: string) {
  await page.getByLabel(label, { exact: true }).fill(value)
}

/** Picks an option of a searchable select as a user typing does: the label, then the arrow keys to it, Enter. */
async function chooseIn(page: Page, label: string, option: string) {
  const select = page.getByLabel(label, { exact: true })
  await select.click()
  await select.fill(option)
  // this select's own dropdown (the one just closed may still be fading out)
  const list = await select.getAttribute('aria-controls')
  const active = page
    .locator('.ant-select-dropdown', { has: page.locator(`[id="${list}"]`) })
    .locator('.ant-select-item-option-active')
  await active.waitFor()
  for (let i = 0; i < 8 && (await active.getAttribute('title')) !== option; i++) await page.keyboard.press('ArrowDown')
  expect(await active.getAttribute('title')).toBe(option)
  await page.keyboard.press('Enter')
}

describe('标准的表单录入: 节假日安排 and 本地实施办法 at a 省级院', () => {
  let office: Office
  let page: Page
  const today = chinaToday()
  const next = Number(today.slice(0, 4)) + 1

  beforeAll(async () => {
    office = await startOffice()
    page = office.page
    await setUpOffice(page, PROVINCE)
  })
  afterAll(() => office?.close())
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(page, 'standards-forms-failed').catch(() => {})
  })

  it('录入节假日安排: a weekday as 调休 and a reversed period are named; corrected, the year is added', async () => {
    await exchangeTab(page, '下发与督导')
    await field(page, '标准名称').fill(STANDARDS_TITLE)
    await page.getByRole('button', { name: '录入节假日安排' }).click()
    const dialog = page.getByRole('dialog', { name: '录入节假日安排' })
    await dialog.getByLabel('安排年份').waitFor()
    expect(await dialog.getByLabel('通知名称').inputValue()).toBe(defaultNoticeTitle(next))
    await fill(page, '第1个放假时段起', `${next}-02-13`)
    await fill(page, '第1个放假时段止', `${next}-02-05`)
    await dialog.getByRole('button', { name: '添加调休上班日' }).click()
    await fill(page, '第1个调休上班日', `${next}-02-01`)
    await page.getByRole('button', { name: '加入下发内容' }).click()
    await dialog.getByText(`放假起始日 ${next}-02-13 晚于结束日 ${next}-02-05`).waitFor()
    await dialog.getByText(/调休上班日 .*-02-01（星期.） 不是星期六或星期日/).waitFor()
    await shot(page, 'standards-forms-01-holiday-mistakes')
    await page.getByRole('button', { name: '取消' }).click()
    await page.getByText('不下发（使用软件内置）').waitFor()

    // again, right this time: 元旦 from 31 December, 春节, one 调休 Sunday
    await page.getByRole('button', { name: '录入节假日安排' }).click()
    await fill(page, '第1个放假时段起', `${next - 1}-12-31`)
    await fill(page, '第1个放假时段止', `${next}-01-02`)
    await dialog.getByRole('button', { name: '添加放假时段' }).click()
    await fill(page, '第2个放假时段起', `${next}-02-05`)
    await fill(page, '第2个放假时段止', `${next}-02-13`)
    await dialog.getByText(/共 9 天/).waitFor()
    await dialog.getByRole('button', { name: '添加调休上班日' }).click()
    const sunday = firstSundayOf(next, '01-25')
    await fill(page, '第1个调休上班日', sunday)
    await dialog.getByText(`${sunday}（星期日）`).waitFor()
    await shot(page, 'standards-forms-02-holiday-form')
    await page.getByRole('button', { name: '加入下发内容' }).click()
    await page.getByText(new RegExp(`${next} 年节假日安排已加入（放假 11 天，调休上班 1 天）`)).waitFor()
  })

  it('新建实施办法: floor above the cap and a threshold without its body are named; then it is added', async () => {
    await page.getByRole('button', { name: '新建实施办法' }).click()
    const dialog = page.getByRole('dialog', { name: '新建本地实施办法' })
    await fill(page, '实施办法名称', '北京市人民检察院国家司法救助工作实施办法（试行）')
    await fill(page, '文件名称及文号', '京检发〔2026〕9号')
    await fill(page, '适用地区代码', '110000')
    await fill(page, '施行日期', `${next}-01-01`)
    await fill(page, '每案最高金额（元）', '60,000')
    await fill(page, '最低救助金额（元）', '80000')
    await fill(page, '提级审批金额（元，达到或超过）', '30000')
    await page.getByRole('button', { name: '加入下发内容' }).click()
    await dialog.getByText('最低救助金额不能高于每案最高金额').waitFor()
    await dialog.getByText('规定了提级审批金额的，须注明审批机构（检委会、党组或政法委）').waitFor()
    await shot(page, 'standards-forms-03-measures-mistakes')
    await fill(page, '最低救助金额（元）', '2000')
    await fill(page, '提级审批机构', '检察委员会')
    await dialog.getByRole('button', { name: '添加审批环节' }).click()
    await chooseIn(page, '第1环节审批人', '部门负责人')
    await dialog.getByRole('button', { name: '添加审批环节' }).click()
    await chooseIn(page, '第2环节审批人', '检察长')
    await chooseIn(page, '提级审批环节审批人', '检察委员会')
    await fill(page, '提出审查意见（工作日）', '8')
    await shot(page, 'standards-forms-04-measures-form')
    await page.getByRole('button', { name: '加入下发内容' }).click()
    await page.getByText('实施办法“北京市人民检察院国家司法救助工作实施办法（试行）”已加入。发布后生效。').waitFor()
  })

  it('the measure corrected through its tag; published; 现行标准 and the stored edition are what Node gives', async () => {
    await page.getByRole('button', { name: '修改实施办法“北京市人民检察院国家司法救助工作实施办法（试行）”' }).click()
    const dialog = page.getByRole('dialog', { name: /修改实施办法/ })
    expect(await dialog.getByLabel('每案最高金额（元）').inputValue()).toBe('60,000.00')
    await fill(page, '每案最高金额（元）', '50000')
    await page.getByRole('button', { name: '保存修改' }).click()
    await page.getByText(/实施办法“.*”已修改/).waitFor()
    await page.getByRole('button', { name: '发布为新版本' }).click()
    await page
      .getByTestId('downward-outcome')
      .getByText(/已发布本院标准第 1 版/)
      .waitFor()

    await exchangeTab(page, '现行标准')
    await page.getByRole('button', { name: '法定节假日与调休安排' }).click()
    const year = page
      .getByRole('table', { name: '节假日年度' })
      .getByRole('row')
      .filter({ hasText: `${next}11` })
    await year.waitFor()
    expect(await year.textContent()).toBe(`${next}111${PROVINCE.name}第 1 版`)
    await page.getByRole('button', { name: '实施办法（1 件）' }).click()
    const measure = page.getByRole('table', { name: '现行实施办法' }).getByRole('row').filter({ hasText: '京检发' })
    expect(await measure.textContent()).toBe(
      `北京市人民检察院国家司法救助工作实施办法（试行）京检发〔2026〕9号${next}-01-01地区 11000050,000.00元${PROVINCE.name}第 1 版`,
    )
    await shot(page, 'standards-forms-05-in-force')

    const [row] = (await readStore(page, 'standards')) as {
      issuer: string
      edition: { edition: number; title: string; content: { calendar?: unknown; localMeasures: unknown[] } }
    }[]
    expect(row).toMatchObject({ issuer: PROVINCE.code, edition: { edition: 1, title: STANDARDS_TITLE } })
    const expectedCalendar = withHolidayArrangement(
      undefined,
      defaultCalendar,
      {
        year: next,
        notice: defaultNoticeTitle(next),
        periods: [
          { from: `${next - 1}-12-31`, to: `${next}-01-02` },
          { from: `${next}-02-05`, to: `${next}-02-13` },
        ],
        workdays: [firstSundayOf(next, '01-25')],
      },
      { name: PROVINCE.name, on: today },
    )
    if (!expectedCalendar.ok) throw new Error('expected calendar')
    expect(row.edition.content.calendar).toEqual(expectedCalendar.calendar)
    const expectedMeasures = measuresFromFields({
      ...emptyMeasuresFields({ kind: 'region', code: '110000' }, `${PROVINCE.code}-${today.replaceAll('-', '')}`),
      title: '北京市人民检察院国家司法救助工作实施办法（试行）',
      document: '京检发〔2026〕9号',
      effectiveDate: `${next}-01-01`,
      perCaseMax: '50000',
      floor: '2000',
      escalationThreshold: '30000',
      escalationBody: '检察委员会',
      steps: [
        { role: 'dept-head', label: '' },
        { role: 'chief', label: '' },
      ],
      escalationStep: { role: 'procuratorial-committee', label: '' },
      decideWorkingDays: '8',
    })
    if (!expectedMeasures.ok) throw new Error('expected measures')
    expect(row.edition.content.localMeasures).toEqual([expectedMeasures.measures])
  })
})

/** The first Sunday on or after `${year}-${monthDay}`. */
function firstSundayOf(year: number, monthDay: string): string {
  const d = new Date(`${year}-${monthDay}T00:00:00Z`)
  while (d.getUTCDay() !== 0) d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}
