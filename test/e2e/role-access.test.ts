import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../shared/domain/idcard'
import { maskNumber } from '../../shared/domain/masking'
import type { Role } from '../../shared/domain/roles'
import { MENUS } from '../unit/shared/expectedMenus'
import { finishIntake, OFFICE_STAFF, switchUser } from './caseSteps'
import {
  ADMIN,
  completeSetup,
  createUser,
  field,
  goTo,
  type Office,
  readExport,
  readStore,
  shot,
  startOffice,
} from './harness'

/**
 * Who sees what (shared/domain/access.ts, docs/security.md §7), as each role signs in: the menu, the screens refused
 * when typed into the address, the clues a case department sees, and ID and bank account numbers masked, whole or
 * revealed on demand (audited) on the register, the case page and a register export.
 */
type Page = Office['page']

const STAFF = {
  ...OFFICE_STAFF,
  shenji: { username: 'shenji', name: '周审计', role: '审计查阅', password: 'Chayue2026' },
  dudao: { username: 'dudao', name: '吴督导', role: '上级督导', password: 'Jiandu2026a' },
}
type Who = keyof typeof STAFF | 'admin'

const ID = `32010219800101123${residentIdCheckChar('32010219800101123')}`
const ACCOUNT = '6217000012345678'
const MASKED_ID = maskNumber('idNumber', ID)
const MASKED_ACCOUNT = maskNumber('bankAccount', ACCOUNT)

/** The menu each role sees, in order: the same expectations as the access table's unit test. */
const ROLE: Record<Who, Role> = {
  banan: 'case-dept-staff',
  chengban: 'case-procurator',
  buzhang: 'dept-head',
  jcz: 'chief',
  caiwu: 'finance',
  admin: 'admin',
  shenji: 'auditor',
  dudao: 'supervisor',
}
const MENU = (who: Who) => MENUS[ROLE[who]]
const HASH: Record<string, string> = {
  工作台: 'dashboard',
  线索与告知: 'clues',
  受理登记: 'intake',
  案件办理: 'cases',
  台账: 'registers',
  资金: 'funds',
  统计报表: 'reports',
  数据交换: 'exchange',
  数据导入: 'import',
  系统设置: 'settings',
}
/** On the case page: the applicant's ID number and bank account as the role first sees them. */
const CASE_VIEW: Partial<Record<Who, { id: 'full' | 'reveal' | 'masked'; bank: 'full' | 'reveal' | 'masked' }>> = {
  chengban: { id: 'full', bank: 'reveal' }, // handles the case
  buzhang: { id: 'reveal', bank: 'reveal' },
  jcz: { id: 'reveal', bank: 'reveal' },
  caiwu: { id: 'reveal', bank: 'full' },
  admin: { id: 'masked', bank: 'masked' },
  shenji: { id: 'masked', bank: 'masked' },
  dudao: { id: 'reveal', bank: 'reveal' },
}

async function signInAs(page: Page, who: Who) {
  await switchUser(page, who === 'admin' ? ADMIN : STAFF[who])
}

async function menu(page: Page): Promise<string[]> {
  return (await page.getByRole('navigation').getByRole('menuitem').allTextContents()).map((t) => t.trim())
}

async function visit(page: Page, hash: string) {
  await page.evaluate((h) => {
    window.location.hash = h
  }, `#/${hash}`)
}

describe('who sees what: each role’s menu, forbidden screens, clues and personal numbers', () => {
  let office: Office
  let caseId: string
  beforeAll(async () => {
    office = await startOffice()
    await completeSetup(office.page)
  })
  afterAll(async () => {
    await office?.close()
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(office.page, `role-failed-${ctx.task.name.slice(0, 20)}`)
  })

  // one account per role: a forced first password change each (scrypt in the main process), so a generous budget
  it('the administrator creates one account per role; a case department’s names its department', async () => {
    await goTo(office.page, '用户与审计')
    await office.page.getByRole('tab', { name: '用户管理' }).click()
    for (const u of Object.values(STAFF)) await createUser(office.page, u)
    await office.page.getByRole('row', { name: /banan/ }).getByText('刑事检察部门（审查起诉）').waitFor()
  }, 300_000)

  it('the prosecution department records its clue; 控申 records another department’s and turns the first into a case', async () => {
    const page = office.page
    await signInAs(page, 'banan')
    await goTo(page, '线索与告知')
    await page.getByRole('button', { name: '登记线索' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByTitle('刑事检察部门（审查起诉）').waitFor()
    await field(dialog as never, '当事人姓名').fill('李四')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await page.getByRole('cell', { name: '李四' }).waitFor()

    await signInAs(page, 'chengban')
    await goTo(page, '线索与告知')
    await page.getByRole('button', { name: '登记线索' }).click()
    await dialog.getByLabel('移送部门').click()
    await page.locator('.ant-select-dropdown:visible').getByTitle('未成年人检察部门', { exact: true }).click()
    await field(dialog as never, '当事人姓名').fill('王五')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await page.getByRole('cell', { name: '王五' }).waitFor()

    await page.getByRole('row', { name: /李四/ }).getByRole('button', { name: '转为救助案件' }).click()
    await field(page, '申请人证件号码').fill(ID)
    await page.getByText(/号码有效：出生日期 1980-01-01/).waitFor()
    await field(page, '开户银行').first().fill('中国银行')
    await field(page, '户名').first().fill('李四')
    await field(page, '银行账号').first().fill(ACCOUNT)
    await finishIntake(page)
    caseId = decodeURIComponent(page.url().split('#/cases/')[1] ?? '')
    expect(caseId).toMatch(/^\d{6}-/)
  })

  for (const who of Object.keys(ROLE) as Who[]) {
    it(`${who === 'admin' ? '系统管理员' : STAFF[who].role}: the menu, the screens refused by address, the numbers`, async () => {
      const page = office.page
      await signInAs(page, who)
      await expect.poll(() => menu(page)).toEqual(MENU(who))
      await shot(page, `role-${who}-home`)
      // every screen not in the menu is refused when typed into the address
      for (const [label, hash] of Object.entries(HASH)) {
        if (MENU(who).includes(label)) continue
        await visit(page, hash)
        await page.getByRole('main', { name: label }).getByText('无权访问').waitFor()
      }
      if (who === 'banan') return
      // the register: masked for every role; the search still finds the case by the whole number
      await visit(page, 'registers/applications')
      const register = page.getByTestId('register-applications')
      await register.getByLabel('检索').fill(ID)
      const row = register.getByRole('row', { name: /李四/ })
      await row.getByText(MASKED_ID).waitFor()
      expect(await register.getByText(ID).count()).toBe(0)
      await shot(page, `role-${who}-register`)
      // the case page header
      await visit(page, `cases/${caseId}`)
      await page.getByText('基本情况').waitFor()
      const expected = CASE_VIEW[who]!
      for (const [testId, view, whole, masked] of [
        ['number-idNumber', expected.id, ID, MASKED_ID],
        ['number-bankAccount', expected.bank, ACCOUNT, MASKED_ACCOUNT],
      ] as const) {
        await expect.poll(() => page.getByTestId(testId).first().textContent()).toBe(view === 'full' ? whole : masked)
      }
      expect(await page.getByRole('button', { name: '显示完整证件号码' }).count()).toBe(
        expected.id === 'reveal' ? 1 : 0,
      )
      expect(await page.getByRole('button', { name: '显示完整银行账号' }).count()).toBe(
        expected.bank === 'reveal' ? 1 : 0,
      )
      await shot(page, `role-${who}-case`)
    }, 240_000)
  }

  it('a case department sees only its own clues and what became of the case; no link into the case', async () => {
    const page = office.page
    await signInAs(page, 'banan')
    await goTo(page, '线索与告知')
    const row = page.getByRole('row', { name: /李四/ })
    await row.getByText(/朝检控救〔\d{4}〕1号：/).waitFor()
    expect(await page.getByRole('cell', { name: '王五' }).count()).toBe(0)
    expect(await row.getByRole('link', { name: '查看案件' }).count()).toBe(0)
    await shot(page, 'role-banan-clues')
  })

  it('显示 shows the whole number and writes 查看完整证件号码 with the case into the audit log', async () => {
    const page = office.page
    await signInAs(page, 'jcz')
    await visit(page, `cases/${caseId}`)
    await page.getByRole('button', { name: '显示完整证件号码' }).click()
    await expect.poll(() => page.getByTestId('number-idNumber').first().textContent()).toBe(ID)
    await shot(page, 'role-jcz-revealed')
    const audit = (await readStore(page, 'audit')) as { command: string; table: string; entityId: string }[]
    const reveals = audit.filter((e) => e.command === 'person.reveal:idNumber')
    expect(reveals.map((e) => e.table)).toEqual(['cases', 'persons'])
    expect(reveals[0].entityId).toBe(caseId)
    // the audit viewer names it in Chinese with the case number
    await goTo(page, '用户与审计')
    await page.getByRole('tab', { name: '审计日志' }).click()
    await page
      .getByRole('row', { name: /查看完整证件号码/ })
      .getByText(/朝检控救/)
      .first()
      .waitFor()
  })

  it('a register export is masked by default; 计财 may tick whole numbers; the choice is audited; 检察长 has no choice', async () => {
    const page = office.page
    await signInAs(page, 'caiwu')
    await visit(page, 'registers/applications')
    const register = page.getByTestId('register-applications')
    await register.getByRole('row', { name: /李四/ }).waitFor()
    const done = page.getByText(/已导出 1 条/)
    const exportOnce = async () => {
      await register.getByRole('button', { name: '导出 Excel' }).click()
      await done.waitFor()
      const ws = await readExport(office, '受理台账')
      const header = (ws.getRow(4).values as unknown[]).slice(1)
      const cell = String(ws.getCell(5, header.indexOf('证件号码') + 1).value)
      // the next export is the only file, and its notice the only one
      for (const f of await readdir(office.exportDir)) await rm(join(office.exportDir, f))
      await page.locator('.ant-notification-notice-close').click()
      await done.waitFor({ state: 'detached' })
      return cell
    }
    expect(await exportOnce()).toBe(MASKED_ID)
    await register.getByLabel('导出完整号码').check()
    expect(await exportOnce()).toBe(ID)
    const audit = (await readStore(page, 'audit')) as { command: string; after: { numbers?: string } }[]
    expect(audit.filter((e) => e.command === 'register.export').map((e) => e.after.numbers)).toEqual([
      '遮蔽号码',
      '完整号码',
    ])
    await signInAs(page, 'jcz')
    await visit(page, 'registers/applications')
    await page.getByTestId('register-applications').getByRole('button', { name: '导出 Excel' }).waitFor()
    expect(await page.getByLabel('导出完整号码').count()).toBe(0)
  })
})
