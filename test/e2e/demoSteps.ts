import { field, type Office } from './harness'

type Page = Office['page']

/** The password every generated demo account has (shown on the demo sign-in screen). */
export const DEMO_PASSWORD = 'Yanshi2026'

/** From the first-run screen: opens the demo profile and loads the generated office, ending on its sign-in screen. */
export async function loadDemo(page: Page): Promise<void> {
  await page.getByText('司法救助工作台 · 首次设置').waitFor()
  await page.getByRole('button', { name: /打开演示环境/ }).click()
  await page.getByRole('button', { name: '载入演示数据' }).click()
  await page.getByText('演示环境：数据为程序生成，非正式记录').waitFor({ timeout: 60_000 })
}

/** The demo account of a role (its Chinese label), read from the demo sign-in screen's table. */
export async function demoUsername(page: Page, roleLabel: string): Promise<string> {
  const row = page.getByRole('row', { name: new RegExp(roleLabel) }).first()
  return (await row.getByRole('cell').first().textContent())?.trim() ?? ''
}

/** Signs in on the demo sign-in screen as the demo account of a role. */
export async function signInDemo(page: Page, roleLabel: string): Promise<string> {
  const username = await demoUsername(page, roleLabel)
  await field(page, '登录名').fill(username)
  await field(page, '密码').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: '登录', exact: true }).click()
  await page.getByText('演示数据，非正式记录').waitFor()
  return username
}
