import { type Office, signInAs, signOut } from './harness'

/** Steps of the case screens shared by the case journeys, driven by the visible Chinese labels. */
type Page = Office['page']
export type Dialog = ReturnType<Page['getByRole']>

/** Signs out whoever is signed in and signs `who` in. */
export async function switchUser(page: Page, who: { username: string; password: string }): Promise<void> {
  if (await page.getByRole('button', { name: '退出登录' }).isVisible()) await signOut(page)
  await signInAs(page, who.username, who.password)
  await page.getByTestId('current-user').waitFor()
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

/** Picks an option of an antd Select (found by its label) by the option's visible text. */
export async function choose(page: Page, dialog: Dialog, label: string, option: string) {
  await dialog.getByLabel(label).click()
  await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click()
}
