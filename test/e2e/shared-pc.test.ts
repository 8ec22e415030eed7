import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { completeSetup, type Office, shot, startOffice, submitSetup } from './harness'

/**
 * A PC shared by two system accounts (docs/packaging.md §5): each account has its own data folder and browser
 * profile, the PC one machine-wide folder. The first account sets up the office; the second one, setting up the
 * same office code, is refused with the reason and opens nothing — at setup and at every later start.
 */
describe('one store per office on a shared PC', () => {
  const offices: Office[] = []
  let machineDir = ''
  afterAll(async () => {
    for (const o of offices) await o.close()
    await rm(machineDir, { recursive: true, force: true })
  })

  it('the first account sets up the office; the second one is refused at setup, in Chinese', async () => {
    machineDir = await mkdtemp(join(tmpdir(), 'e2e-machine-'))
    const first = await startOffice({ machineDir })
    offices.push(first)
    await completeSetup(first.page)

    const second = await startOffice({ machineDir })
    offices.push(second)
    await submitSetup(second.page)
    await second.page.getByText('无法打开本院数据').waitFor()
    const reason = second.page.getByText(/这台电脑上，本院（北京市朝阳区人民检察院，110105）的数据已由系统账户/)
    await reason.waitFor()
    expect(await reason.textContent()).toContain(first.dataDir)
    await shot(second.page, 'shared-pc-refused')
    expect(await second.page.getByTestId('current-user').count()).toBe(0)
  }, 240_000)

  it('at the next start, too: the second account opens nothing, the first one starts at sign-in', async () => {
    const [first, second] = offices as [Office, Office]
    const again = await second.relaunch()
    await again.getByText('无法打开本院数据').waitFor()
    expect(await again.getByText('登录', { exact: true }).count()).toBe(0)

    // The first account starts as usual, at the sign-in page.
    const page = await first.relaunch()
    await page.getByRole('button', { name: '登录' }).waitFor()
  }, 240_000)
})
