import { chinaToday, field, goTo, type Office } from './harness'

/** Steps of the case screens shared by the case journeys, driven by the visible Chinese labels. */
type Page = Office['page']
export type Dialog = ReturnType<Page['getByRole']>

/**
 * The staff of the journeys' office, one account per business role (created by the administrator with createUser):
 * the prosecution department's clerk names its department, whose clues it records and sees.
 */
export const OFFICE_STAFF = {
  banan: {
    username: 'banan',
    name: '赵办案',
    role: '办案部门人员',
    password: 'Xiansuo2026',
    department: '刑事检察部门（审查起诉）',
  },
  chengban: { username: 'chengban', name: '张承办', role: '控申承办检察官', password: 'Shencha2026' },
  buzhang: { username: 'buzhang', name: '钱部长', role: '控申部门负责人', password: 'Shenpi2026a' },
  jcz: { username: 'jcz', name: '李检察长', role: '检察长/分管检察长', password: 'Jianchazhang1' },
  caiwu: { username: 'caiwu', name: '孙计财', role: '计财人员', password: 'Fafang2026' },
}

export { switchUser } from './harness'

/** 案件办理 → the case of this applicant (the list shows the applicant's name). */
export async function openCaseOf(page: Page, applicant: string) {
  await goTo(page, '案件办理')
  await page.getByRole('cell', { name: applicant, exact: true }).first().click()
  await page.getByText('办理经过').waitFor()
}

/** Clicks an action button on the case page, fills its dialog with `fill`, confirms, and waits for success. */
export async function act(page: Page, label: string, fill: (dialog: Dialog) => Promise<void> = async () => {}) {
  await page.getByRole('button', { name: label, exact: true }).click()
  const dialog = page.getByRole('dialog', { name: label })
  await dialog.waitFor()
  await fill(dialog)
  await dialog.getByRole('button', { name: '确认办理' }).click()
  await page.getByText(`已办理：${label}`).first().waitFor()
  await dialog.waitFor({ state: 'detached' })
}

/**
 * Picks an option of an antd Select (found by its label) by the option's visible text, and waits until the select
 * shows it and its option list has closed — as the user does before the next field: on a loaded machine the list
 * still animating out (邮寄送达 under 送达方式) otherwise takes the click meant for the field below it. A click on
 * the option while the dropdown still animates in is sometimes lost: the user sees nothing chosen and picks again —
 * so does this.
 */
export async function choose(page: Page, dialog: Dialog, label: string, option: string | RegExp) {
  const select = dialog.locator('.ant-select').filter({ has: page.getByLabel(label) })
  const chosen = select.getByTitle(option, { exact: typeof option === 'string' })
  for (let attempt = 0; attempt < 3 && !(await chosen.isVisible()); attempt++) {
    // the first time open it; a retry opens it again only if it closed without taking the pick
    if (attempt === 0 || !(await page.locator('.ant-select-dropdown:visible').isVisible())) {
      await dialog.getByLabel(label).click()
    }
    await page
      .locator('.ant-select-dropdown:visible')
      .getByTitle(option, { exact: typeof option === 'string' })
      .click()
    await chosen.waitFor({ timeout: 5_000 }).catch(() => undefined)
  }
  await chosen.waitFor()
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'detached' })
}

/** A 职工月平均工资 figure as the statistics bureau publishes it (the year is the year it is for). */
export interface WageFigure {
  region: string
  year: string
  series?: string
  yuan: string
  document: string
}

/**
 * The figure the journeys' office (北京市朝阳区院, province 110000) records for the year before today's — the year
 * whose wage caps a proposal made today: 8,000 元 a month.
 */
export const BEIJING_WAGE: WageFigure = {
  region: '110000',
  year: String(Number(chinaToday().slice(0, 4)) - 1),
  series: '职工',
  yuan: '8000',
  document: '北京市统计局关于公布上一年度全市职工月平均工资的通知',
}

/**
 * 系统设置 → 职工月平均工资标准: whoever is signed in (the administrator or the 控申 department head) records the
 * figure the proposals' cap comes from, by the card's visible labels, and waits until it is listed.
 */
export async function recordWage(page: Page, w: WageFigure): Promise<void> {
  await goTo(page, '系统设置')
  const card = page
    .locator('.ant-card')
    .filter({ has: page.locator('.ant-card-head-title', { hasText: /^职工月平均工资标准$/ }) })
  await field(card as never, '地区代码').fill(w.region)
  await field(card as never, '年度').fill(w.year)
  // 口径 defaults to 职工 (the series the rules name); another is picked from the list.
  if (w.series && w.series !== '职工') await choose(page, card, '口径', w.series)
  await field(card as never, '月平均工资').fill(w.yuan)
  await field(card as never, '公布文件').fill(w.document)
  await card.getByRole('button', { name: /录\s*入/ }).click()
  await page.getByText(`已录入 ${w.region} ${w.year} 年度职工月平均工资`).first().waitFor()
  await card.getByRole('cell', { name: w.document, exact: true }).waitFor()
}

const APPLICATION_MATERIALS = ['救助申请书', '申请人身份证明', '实际损害证明', '申请人及家庭生活困难证明', '已获赔偿']

/**
 * 受理登记 of a written application by the victim (重伤, all materials received) for `idNumber` and the underlying
 * case `underlying`; waits for the case page.
 */
export async function registerApplication(page: Page, p: { name: string; idNumber: string; underlying: string }) {
  await goTo(page, '案件办理')
  await page.getByRole('button', { name: '受理登记' }).click()
  await field(page, '申请人姓名').fill(p.name)
  await field(page, '申请人证件号码').fill(p.idNumber)
  await page.getByText(/号码有效：出生日期/).waitFor()
  await field(page, '原案件编号').fill(p.underlying)
  await finishIntake(page)
}

/** The end of 受理登记 (new, or of a clue 转为救助案件): the victim 重伤, every material received, saved; the case page. */
export async function finishIntake(page: Page) {
  await page.getByLabel('重伤').check()
  for (const item of APPLICATION_MATERIALS) await page.getByLabel(new RegExp(`^已收取：${item}`)).check()
  await page.getByRole('button', { name: '保存登记' }).click()
  await page.getByText('办理经过').waitFor()
}

/** Opens 提出审查意见 and fills a grant of `yuan` under 重伤或严重残疾; returns the dialog, not yet confirmed. */
export async function fillGrantProposal(page: Page, yuan: string): Promise<Dialog> {
  await page.getByRole('button', { name: '提出审查意见', exact: true }).click()
  const d = page.getByRole('dialog', { name: '提出审查意见' })
  await choose(page, d, '救助情形', /^重伤或严重残疾：/)
  await field(d as never, '拟救助金额').fill(yuan)
  await field(d as never, '确定金额考虑的因素').fill('重伤致残，家庭无其他收入，被告人无赔偿能力')
  await field(d as never, '审查意见内容').fill(`建议给予救助金${yuan}元`)
  return d
}
