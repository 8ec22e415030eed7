import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatYuan } from '../../shared/domain/money'
import type { LedgerEntry } from '../../shared/domain/schemas'
import { fixtureId, makeRegisterData } from '../unit/registers/fixtures'
import {
  chinaToday,
  completeSetup,
  createUser,
  goTo,
  type Office,
  readExport,
  shot,
  signInAs,
  signOut,
  startOffice,
  writeStores,
} from './harness'

const UNIT = '110105'
const YEAR = chinaToday().slice(0, 4)
const data = makeRegisterData(60, { units: [UNIT], seed: 5, fromDate: `${YEAR}-01-05`, toDate: `${YEAR}-08-31` })
// a deliberately broken entry: a reversal of an entry that is not in the ledger
const broken: LedgerEntry = {
  ...(data.ledger.find((e) => e.kind === 'allocation') as LedgerEntry),
  id: fixtureId(UNIT, 777_777, 7),
  kind: 'reversal',
  fundSource: 'county',
  amountFen: 12_345,
  date: `${YEAR}-09-01`,
  reversesId: fixtureId(UNIT, 888_888, 8),
  counterparty: '县财政',
  note: '冲销（故意错误：被冲销分录不存在）',
}
delete (broken as Partial<LedgerEntry>).caseId
const CAIWU = { username: 'caiwu', name: '孙计财', role: '计财人员', password: 'Fafang2026' }
const inYear = (d?: string) => !!d && d.startsWith(YEAR)

type Page = Office['page']

/** Writes the fixture records into the office's IndexedDB (as replicas and loads would). */
async function seed(page: Page) {
  const stores = {
    persons: data.persons,
    cases: data.cases,
    clues: data.clues,
    ledger: [...data.ledger, broken],
    donations: data.donations,
    followUps: data.followUps,
  }
  await writeStores(page, stores)
}

async function openRegister(page: Page, title: string) {
  await page.getByRole('tab', { name: title }).click()
  await page
    .getByTestId('register-status')
    .getByText(/^共 \d+ 条/)
    .waitFor()
}

async function status(page: Page): Promise<{ total: number; shown: number }> {
  const text = (await page.getByTestId('register-status').textContent()) ?? ''
  const m = /共 (\d+) 条，当前显示 (\d+) 条/.exec(text)
  return { total: Number(m?.[1]), shown: Number(m?.[2]) }
}

describe('台账 and 资金 in the browser', () => {
  let office: Office
  let page: Page
  beforeAll(async () => {
    office = await startOffice()
    page = office.page
    await completeSetup(page)
    await goTo(page, '用户与审计')
    await createUser(page, CAIWU)
    await seed(page)
  })
  afterAll(async () => {
    await office?.close()
  })

  it('opens every register with the year’s rows and a totals row', async () => {
    await goTo(page, '台账')
    const expected: Record<string, number> = {
      线索移送台账: data.clues.filter((c) => inYear(c.referredOn)).length,
      受理台账: data.cases.filter((c) => inYear(c.applicationDate)).length,
      救助决定台账: data.cases.filter((c) => c.decision && inYear(c.decisionDate)).length,
      发放台账: data.cases.filter((c) => c.payment && inYear(c.payment.paidDate)).length,
      资金台账: data.ledger.length + 1,
      捐助台账: data.donations.length,
      追回台账: data.cases.reduce((s, c) => s + c.recoveries.length, 0),
      回访台账: data.followUps.filter((f) => inYear(f.date)).length,
    }
    for (const [title, n] of Object.entries(expected)) {
      await openRegister(page, title)
      expect((await status(page)).total, title).toBe(n)
      await expect.poll(() => page.getByTestId('register-totals').textContent()).toContain(`合计（${n} 条）`)
    }
    await openRegister(page, '受理台账')
    await shot(page, 'registers-applications')
  })

  it('filters and searches in the view; the totals row follows; the export is exactly the view', async () => {
    await openRegister(page, '发放台账')
    const paid = data.cases.filter((c) => c.payment && inYear(c.payment.paidDate))
    const total = paid.reduce((s, c) => s + (c.payment?.amountFen ?? 0), 0)
    await expect.poll(() => page.getByTestId('register-totals').textContent()).toContain(formatYuan(total))
    // state filter: only 已归档
    await page.getByLabel('按案件状态筛选').fill('已归档')
    await page.locator('.ant-select-item-option[title="已归档"]').click()
    await page.keyboard.press('Escape')
    const archived = paid.filter((c) => c.state === 'archived')
    await expect.poll(async () => (await status(page)).shown).toBe(archived.length)
    await page.getByRole('button', { name: '导出 Excel' }).click()
    await page.getByText(new RegExp(`已导出 ${archived.length} 条`)).waitFor()
    const ws = await readExport(office, '发放台账')
    expect(ws.getCell(1, 1).value).toBe('发放台账')
    const header = (ws.getRow(4).values as unknown[]).slice(1)
    // the key columns (frozen on screen) come first
    expect(header.slice(0, 4)).toEqual(['序号', '救助案件编号', '申请人', '发放日期'])
    const amountCol = header.indexOf('发放金额') + 1
    const body: number[] = []
    for (let r = 5; r < 5 + archived.length; r++) body.push(Number(ws.getCell(r, amountCol).value))
    const sumYuan = archived.reduce((s, c) => s + (c.payment?.amountFen ?? 0), 0) / 100
    expect(body.reduce((a, b) => a + b, 0)).toBeCloseTo(sumYuan, 2)
    expect(String(ws.getCell(5 + archived.length, 2).value)).toBe(`合计（${archived.length} 条）`)
    expect(Number(ws.getCell(5 + archived.length, amountCol).value)).toBeCloseTo(sumYuan, 2)

    // search by an applicant's ID number finds that case only
    await page.getByRole('button', { name: '清除筛选' }).click()
    await expect.poll(async () => (await status(page)).shown).toBe(paid.length)
    const c = paid[0]
    const id = data.persons.find((p) => p.id === c.applicantId)?.idNumber as string
    await page.getByLabel('检索').fill(id)
    await expect.poll(async () => (await status(page)).shown).toBe(1)
    await shot(page, 'registers-payments-search')
    // column chooser: hide 办理单位, export again → the column is gone
    await page.getByRole('button', { name: '选择列' }).click()
    await page.getByRole('checkbox', { name: '办理单位' }).uncheck()
    await page.keyboard.press('Escape')
    await page.getByRole('button', { name: '导出 Excel' }).click()
    await page.getByText('已导出 1 条').waitFor()
    const ws2 = await readExport(office, '发放台账')
    const header2 = (ws2.getRow(4).values as unknown[]).slice(1)
    expect(header2).not.toContain('办理单位')
    expect(ws2.getCell(5, header2.indexOf('救助案件编号') + 1).value).toBe(c.caseNo)
    // saved view
    await page.getByRole('button', { name: '保存视图' }).click()
    await page.getByLabel('视图名称').fill('查某人')
    await page
      .getByRole('button', { name: /保\s*存/ })
      .last()
      .click()
    await page.getByText('已保存视图“查某人”').waitFor()
    // click-through to the case
    await page.getByRole('link', { name: c.caseNo as string }).click()
    await expect.poll(() => page.url()).toContain(`#/cases/${c.id}`)
  })

  it('资金: balance per source, the reconciliation shows the broken entry; a donation and its notice', async () => {
    await signOut(page)
    await signInAs(page, CAIWU.username, CAIWU.password)
    await page.getByTestId('current-user').waitFor()
    await goTo(page, '资金')
    const balance = page.getByTestId('funds-balance')
    await balance.getByText('合计').waitFor()
    const county = data.ledger.filter((e) => e.fundSource === 'county')
    const countyBalance =
      county.reduce((s, e) => s + (e.kind === 'disbursement' ? -e.amountFen : e.amountFen), 0) - broken.amountFen
    await balance.getByRole('row', { name: /县级/ }).getByText(formatYuan(countyBalance)).waitFor()
    await balance
      .getByText(`不符，差额 ${formatYuan(-broken.amountFen)} 元`)
      .first()
      .waitFor()
    await balance
      .getByRole('alert')
      .getByText(/发现 1 笔问题分录/)
      .waitFor()
    await balance.getByRole('cell', { name: '冲销的分录不存在', exact: true }).waitFor()
    await shot(page, 'funds-balance')

    await page.getByRole('tab', { name: '捐助' }).click()
    await page
      .getByTestId('register-status')
      .getByText(/^共 \d+ 条/)
      .waitFor()
    await page.getByRole('button', { name: '登记捐助' }).click()
    const dialog = page.getByRole('dialog', { name: '登记社会捐助' })
    await dialog.getByLabel('捐助人', { exact: true }).fill('某某爱心基金会')
    await dialog.getByLabel('社会组织').check()
    await dialog.getByLabel('捐助金额（元）').fill('30000')
    await dialog.getByLabel('限定用途（如有）').fill('用于困难妇女')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.getByRole('cell', { name: '某某爱心基金会' }).waitFor()
    // link a recipient and print the notice
    const row = page.locator('tr', { has: page.getByRole('cell', { name: '某某爱心基金会' }) })
    await row.getByRole('button', { name: '受助人' }).click()
    const link = page.getByRole('dialog', { name: /受助人/ })
    await link.getByLabel('受助案件').click()
    await page.locator('.ant-select-item-option').first().click()
    await page.keyboard.press('Escape')
    await link.getByRole('button', { name: /保\s*存/ }).click()
    await link.waitFor({ state: 'detached' })
    await row.getByRole('button', { name: '告知书' }).click()
    await page.getByRole('button', { name: '登记今天已告知' }).click()
    await page.getByText('已登记告知捐助人').first().waitFor()
    await page
      .getByRole('row', { name: /某某爱心基金会/ })
      .getByText('已告知捐助人')
      .waitFor()
    const pdfs = (await readdir(office.exportDir)).filter((f) => f.startsWith('捐助资金使用情况告知书'))
    expect(pdfs.length).toBe(1)
    await shot(page, 'funds-donations')

    await page.getByRole('tab', { name: '资金台账' }).click()
    await page
      .getByTestId('register-status')
      .getByText(/^共 \d+ 条/)
      .waitFor()
    expect((await status(page)).total).toBe(data.ledger.length + 2)
    await shot(page, 'funds-ledger')
  })
})
