import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../shared/domain/idcard'
import { act, BEIJING_WAGE, choose, openCaseOf as openCase, recordWage, switchUser } from './caseSteps'
import { chinaToday, field, goTo, type Office, officeWithStaff, readStore, shot, typeDate } from './harness'

/**
 * The other journeys of issue #6, besides the granted-and-paid one in case-journey.test.ts: refused after review,
 * 补正 then abandoned, 先行救助 with its paperwork afterwards, paid then recovered, and withdrawn. Each test opens
 * its own case (its own applicant and ID number) and needs only what beforeAll made and no test changes (the accounts,
 * each signed in once, and the wage figure), and each starts in a browser opened afresh on the login screen: a journey
 * that fails with a dialog or an option list open, or one that moved the page's clock (the 补正 journey; Playwright's
 * clock cannot be taken out of a page once installed), leaves nothing behind for the next.
 */

const STAFF = {
  chengban: { username: 'chengban', name: '张承办', role: '控申承办检察官', password: 'Shencha2026' },
  buzhang: { username: 'buzhang', name: '钱部长', role: '控申部门负责人', password: 'Shenpi2026a' },
  jcz: { username: 'jcz', name: '李检察长', role: '检察长/分管检察长', password: 'Jianchazhang1' },
  caiwu: { username: 'caiwu', name: '孙计财', role: '计财人员', password: 'Fafang2026' },
}
/** The materials every application by the victim needs before it can be accepted (labels start with these). */
const ALL_MATERIALS = ['救助申请书', '申请人身份证明', '实际损害证明', '申请人及家庭生活困难证明', '已获赔偿']

type Page = Office['page']
interface StoredCase {
  id: string
  state: string
  rev: number
  caseNo?: string
  personIdNumbers: string[]
  [k: string]: unknown
}
interface LedgerEntry {
  caseId?: string
  kind: string
  amountFen: number
}
interface AuditRow {
  entityId: string
  command: string
}

/** A valid resident ID number, one per applicant (born 1985-03-0x, sequence `seq`). */
function idNumber(seq: number): string {
  const body = `11010519850301${String(seq).padStart(3, '0')}`
  return `${body}${residentIdCheckChar(body)}`
}

/** YYYY-MM-DD plus `days` calendar days. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

const as = (page: Page, who: keyof typeof STAFF) => switchUser(page, STAFF[who])

/** A journey's budget: it signs in as three or four accounts (scrypt N=2^17 each), slow on a loaded 2-core machine. */
const JOURNEY = 300_000

/**
 * 受理登记 from the case list: applicant (the victim himself, 重伤), the start chosen by its visible label, and for an
 * application the materials ticked by their labels. Leaves the page on the new case.
 */
async function intake(
  page: Page,
  p: {
    name: string
    id: string
    materials?: string[]
    advance?: { reason: string; yuan: string }
    applicationDate?: string
  },
) {
  await goTo(page, '案件办理')
  await page.getByRole('button', { name: '受理登记' }).click()
  await field(page, '申请人姓名').fill(p.name)
  await field(page, '申请人证件号码').fill(p.id)
  await page.getByText(/号码有效：出生日期 1985-03-01/).waitFor()
  await page.getByLabel('重伤').check()
  if (p.advance) {
    await page.getByLabel('先行救助（情况紧急）').check()
    await field(page, '先行救助的理由（急需救助的情形）').fill(p.advance.reason)
    await field(page, '拟先行救助金额（元）').fill(p.advance.yuan)
  } else {
    if (p.applicationDate) {
      await typeDate(field(page, '申请日期'), p.applicationDate)
    }
    for (const item of p.materials ?? ALL_MATERIALS) await page.getByLabel(new RegExp(`^已收取：${item}`)).check()
  }
  await page.getByRole('button', { name: '保存登记' }).click()
  await page.getByText('办理经过').waitFor()
}

/** Clicks an action button on the case page, fills the dialog with `fill`, confirms, and waits for success. */
/** The steps of 办理经过 in the order shown, without their dates. */
async function timelineTitles(page: Page): Promise<string[]> {
  const lines = await page
    .locator('strong')
    .filter({ hasText: /^\d{4}-\d{2}-\d{2} / })
    .allTextContents()
  return lines.map((l) => l.slice(11))
}

/** The actions the case page offers (the buttons under 可办理的事项). */
async function offered(page: Page): Promise<string[]> {
  const card = page.locator('.ant-card').filter({ has: page.getByText('可办理的事项', { exact: true }) })
  return (await card.getByRole('button').allTextContents()).map((t) => t.replace(/\s+/g, ''))
}

async function caseOf(page: Page, id: string): Promise<StoredCase> {
  const found = ((await readStore(page, 'cases')) as StoredCase[]).filter((c) => c.personIdNumbers.includes(id))
  expect(found).toHaveLength(1)
  return found[0]
}
async function ledgerOf(page: Page, caseId: string): Promise<[string, number][]> {
  const all = (await readStore(page, 'ledger')) as LedgerEntry[]
  return all
    .filter((e) => e.caseId === caseId)
    .map((e): [string, number] => [e.kind, e.amountFen])
    .sort()
}
async function auditOf(page: Page, caseId: string): Promise<string[]> {
  return ((await readStore(page, 'audit')) as AuditRow[]).filter((a) => a.entityId === caseId).map((a) => a.command)
}

/** 受理 → 开始审查 → 登记审查核实情况, by the procurator on the open case page. */
async function acceptAndReview(page: Page, finding: string) {
  await act(page, '受理')
  await act(page, '开始审查')
  await act(page, '登记审查核实情况', async (d) => {
    await d.getByLabel('核实结果').fill(finding)
    await d.getByText('已查询本院及上级下发数据，核实无重复救助').click()
  })
}

/** 部门负责人 and then 检察长 sign the approval round of the case of `applicant`. */
async function approveBoth(page: Page, applicant: string, opinion: string) {
  await as(page, 'buzhang')
  await openCase(page, applicant)
  await act(page, '审批', (d) => field(d as never, '审批意见内容').fill('同意承办人意见'))
  await as(page, 'jcz')
  await openCase(page, applicant)
  await act(page, '审批', (d) => field(d as never, '审批意见内容').fill(opinion))
}

describe('the other journeys of issue #6', { timeout: JOURNEY }, () => {
  let office: Office
  const today = chinaToday()
  beforeAll(async () => {
    office = await officeWithStaff(Object.values(STAFF), Object.values(STAFF))
    // The 控申 department head records the wage figure the proposals' cap comes from, once (系统设置).
    await as(office.page, 'buzhang')
    await recordWage(office.page, BEIJING_WAGE)
  }, JOURNEY)
  beforeEach(async () => {
    const page = await office.relaunch()
    await page.getByRole('button', { name: /登\s*录/ }).waitFor()
  })
  afterAll(async () => {
    await office?.close()
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(office.page, `paths-failed-${ctx.task.name.slice(0, 20)}`)
  })

  it('refused: review, 建议不予救助 with reasons, two approvals, 不予救助决定 with 解释说明; no money moves', async () => {
    const page = office.page
    const id = idNumber(11)
    await as(page, 'chengban')
    await intake(page, { name: '陈不予', id })
    await acceptAndReview(page, '申请人有稳定工作收入，家庭生活无急迫困难')
    await page.getByRole('button', { name: '提出审查意见', exact: true }).click()
    const d = page.getByRole('dialog')
    await d.getByLabel('建议不予救助').check()
    // Refusing without a reason is explained in Chinese and nothing is recorded.
    await field(d as never, '审查意见内容').fill('建议不予救助')
    await d.getByRole('button', { name: '确认办理' }).click()
    await d.getByRole('alert').getByText('请修改后再提交：请选择不予救助的理由').waitFor()
    await d.locator('.ant-form-item-explain-error', { hasText: '请选择不予救助的理由' }).waitFor()
    const reviewed = await caseOf(page, id)
    expect(reviewed.state).toBe('review')
    expect(await auditOf(page, reviewed.id)).not.toContain('case.act:propose')
    await d.getByLabel('生活不存在急迫困难', { exact: true }).check()
    await d.getByLabel('已通过诉讼获得有效赔偿', { exact: true }).check()
    await field(d as never, '审查意见内容').fill('申请人已获足额赔偿，生活无急迫困难，建议不予救助')
    await shot(page, 'paths-refused-01-opinion')
    await d.getByRole('button', { name: '确认办理' }).click()
    await page.getByText('已办理：提出审查意见').waitFor()
    await d.waitFor({ state: 'detached' })
    await act(page, '提交审批')
    await approveBoth(page, '陈不予', '同意不予救助')
    await as(page, 'chengban')
    await openCase(page, '陈不予')
    // The grant decision does not match the opinion: only the refusal is offered.
    expect(await page.getByRole('button', { name: '作出救助决定', exact: true }).count()).toBe(0)
    await act(page, '作出不予救助决定', async (dialog) => {
      await field(dialog as never, '不予救助决定书文号').fill('朝检控不救〔2026〕1号')
      await typeDate(field(dialog as never, '送达日期'), today)
      await choose(page, dialog, '送达方式', '直接送达')
      await choose(page, dialog, '解释说明方式', '当面解释说明')
      await field(dialog as never, '解释说明情况').fill('当面向申请人说明不予救助的理由，申请人表示理解')
    })
    await page.getByText('决定不予救助').first().waitFor()
    // The case page shows the reasons and the 解释说明 record.
    await page.getByText('理由：已通过诉讼获得有效赔偿、生活不存在急迫困难').last().waitFor()
    await page.getByText(`解释说明：${today} 当面解释说明，当面向申请人说明不予救助的理由，申请人表示理解`).waitFor()
    await shot(page, 'paths-refused-02-decided')

    const c = await caseOf(page, id)
    expect(c.state).toBe('refused')
    expect(c.decision).toMatchObject({
      outcome: 'refused',
      documentNo: '朝检控不救〔2026〕1号',
      refusalReasons: ['compensated', 'no-hardship'].sort(),
      serviceDate: today,
      serviceMethod: 'in-person',
      explanation: { method: 'in-person', date: today, note: '当面向申请人说明不予救助的理由，申请人表示理解' },
    })
    expect((c.decision as { grantedFen?: number }).grantedFen).toBeUndefined()
    expect(c.approvals).toHaveLength(2)
    expect(await ledgerOf(page, c.id)).toEqual([])
    const audit = await auditOf(page, c.id)
    for (const step of ['case.open', 'case.act:propose', 'case.act:submit-opinion', 'case.act:decide-refuse']) {
      expect(audit).toContain(step)
    }
    expect(audit.filter((a) => a === 'case.act:approve-step')).toHaveLength(2)
    // A refused case is closed: it can only be archived (一案一档), and then nothing more can be done on it.
    expect(await offered(page)).toEqual(['归档'])
    await act(page, '归档')
    await page.getByText('已归档').first().waitFor()
    // nothing more can be done: wait for the section to go, as the user sees the page settle
    await page.getByText('可办理的事项').waitFor({ state: 'detached' })
    expect(await caseOf(page, id)).toMatchObject({
      state: 'archived',
      archiveDate: today,
      decision: { outcome: 'refused' },
    })
    expect(await readStore(page, 'clues')).toEqual([])
  })

  it('先行救助: the chief approves at once, finance pays, and the paperwork is completed afterwards', async () => {
    const page = office.page
    const id = idNumber(22)
    await as(page, 'chengban')
    await intake(page, { name: '刘先行', id, advance: { reason: '被害人重伤住院，急需支付医疗费用', yuan: '5000' } })
    await page.getByText('先行救助待审批').waitFor()
    // The procurator who asked cannot approve; the chief does.
    expect(await page.getByRole('button', { name: '审批先行救助', exact: true }).count()).toBe(0)
    await shot(page, 'paths-advance-01-requested')
    await as(page, 'jcz')
    // 工作台: the chief sees the approval due today, waiting on the chief, carried by the procurator who asked
    await goTo(page, '工作台')
    const dueRow = page.getByRole('row', { name: /刘先行/ }).filter({ hasText: '先行救助待审批' })
    await dueRow.waitFor()
    expect(await dueRow.textContent()).toMatch(/今天到期.*检察长\/分管检察长.*张承办/)
    await page.getByRole('combobox', { name: '承办部门' }).click()
    await page.getByTitle('计划财务装备部门').click()
    await page.getByText('没有符合筛选条件的期限').waitFor()
    // 待我审批: the 先行救助 waits for the chief; the row opens the case
    const queued = page.getByTestId('approval-queue').getByRole('row', { name: /刘先行/ })
    expect(await queued.textContent()).toMatch(/先行救助审批.*先行救助.*5,000\.00元.*张承办/)
    await shot(page, 'paths-advance-00-queue')
    await queued.click()
    await page.getByText('办理经过').waitFor()
    await act(page, '审批先行救助', (d) => field(d as never, '审批意见内容').fill('情况紧急，同意先行救助5000元'))
    await page.getByText('伍仟元整').waitFor()
    await as(page, 'caiwu')
    await openCase(page, '刘先行')
    await act(page, '申请拨款')
    await act(page, '登记资金到账')
    await as(page, 'chengban')
    await openCase(page, '刘先行')
    await act(page, '通知领取')
    await as(page, 'caiwu')
    await openCase(page, '刘先行')
    await act(page, '发放救助金', async (d) => {
      await field(d as never, '开户银行').fill('中国工商银行')
      await field(d as never, '户名').fill('刘先行')
      await field(d as never, '银行账号').fill('6222020012345678')
    })
    await as(page, 'chengban')
    // 工作台 keeps the 先行救助 in view until its paperwork is completed
    await goTo(page, '工作台')
    const pending = page.getByText(/先行救助待补办手续（\d+ 件）/)
    await pending.waitFor()
    await page
      .getByRole('row', { name: /刘先行/ })
      .filter({ hasText: '0 天' })
      .waitFor()
    await shot(page, 'paths-advance-02-dashboard')
    await openCase(page, '刘先行')
    // Archiving waits for the paperwork.
    expect(await page.getByRole('button', { name: '归档', exact: true }).count()).toBe(0)
    // The start named no 救助情形 and no amount basis: the paperwork asks for both at their fields.
    await page.getByRole('button', { name: '补办先行救助手续', exact: true }).click()
    const paperwork = page.getByRole('dialog', { name: '补办先行救助手续' })
    await field(paperwork as never, '救助决定书文号').fill('朝检控救〔2026〕2号')
    await paperwork.getByRole('button', { name: '确认办理' }).click()
    await paperwork.locator('.ant-form-item-explain-error', { hasText: '请选择救助情形' }).waitFor()
    await paperwork.locator('.ant-form-item-explain-error', { hasText: '请说明确定先行救助金额所考虑的因素' }).waitFor()
    await shot(page, 'paths-advance-03a-paperwork-needs-grounds')
    await paperwork.getByRole('button', { name: '取消' }).click()
    await paperwork.waitFor({ state: 'detached' })
    await act(page, '补办先行救助手续', async (d) => {
      await field(d as never, '救助决定书文号').fill('朝检控救〔2026〕2号')
      await choose(page, d, '救助情形', /^重伤或严重残疾：/)
      await field(d as never, '确定金额考虑的因素').fill('重伤住院，医疗费用缺口五千元，家庭无其他收入')
    })
    await page.getByRole('button', { name: '归档', exact: true }).waitFor()
    expect(await page.getByRole('button', { name: '补办先行救助手续', exact: true }).count()).toBe(0)
    // The paperwork, done last, is the last step on the case page.
    expect((await timelineTitles(page)).at(-1)).toBe('补办先行救助手续')
    await shot(page, 'paths-advance-03-paperwork')
    await goTo(page, '工作台')
    await page.getByText(/办理期限（今天/).waitFor()
    expect(await page.getByRole('row', { name: /刘先行/ }).count()).toBe(0)

    const c = await caseOf(page, id)
    expect(c.state).toBe('paid')
    expect(c.source).toBe('advance')
    expect(c.advance).toMatchObject({
      proposedFen: 500_000,
      decision: 'agree',
      paperworkCompletedDate: today,
      categoryItemCode: '2021-7-1',
      factorsText: '重伤住院，医疗费用缺口五千元，家庭无其他收入',
    })
    expect(c.categoryItemCode).toBe('2021-7-1')
    expect(c.decision).toMatchObject({
      outcome: 'granted',
      grantedFen: 500_000,
      advance: true,
      documentNo: '朝检控救〔2026〕2号',
    })
    expect(c.payment).toMatchObject({
      method: 'transfer',
      amountFen: 500_000,
      paidDate: today,
      account: { bank: '中国工商银行', accountName: '刘先行', accountNo: '6222020012345678' },
    })
    expect(await ledgerOf(page, c.id)).toEqual([
      ['allocation', 500_000],
      ['disbursement', 500_000],
    ])
    const audit = await auditOf(page, c.id)
    for (const step of [
      'case.open',
      'case.act:approve-advance',
      'case.act:pay',
      'case.act:complete-advance-paperwork',
    ]) {
      expect(audit).toContain(step)
    }
  })

  it('paid then recovered: 启动追回, 追回办结 with 移送纪检监察; the ledger takes the money back', async () => {
    const page = office.page
    const id = idNumber(33)
    await as(page, 'chengban')
    await intake(page, { name: '吴追回', id })
    await acceptAndReview(page, '经走访，家庭确无其他收入')
    await page.getByRole('button', { name: '提出审查意见', exact: true }).click()
    const d = page.getByRole('dialog')
    await choose(page, d, '救助情形', /^重伤或严重残疾：/)
    // The cap comes from the figure the department head recorded in 系统设置.
    expect(await d.getByTestId('cap').textContent()).toBe('36 × 8,000.00元 = 288,000.00元')
    await field(d as never, '拟救助金额').fill('20000')
    await field(d as never, '确定金额考虑的因素').fill('重伤，家庭无其他收入')
    await field(d as never, '审查意见内容').fill('建议给予救助金2万元')
    await d.getByRole('button', { name: '确认办理' }).click()
    await page.getByText('已办理：提出审查意见').waitFor()
    await d.waitFor({ state: 'detached' })
    await act(page, '提交审批')
    await approveBoth(page, '吴追回', '同意救助2万元')
    await as(page, 'chengban')
    await openCase(page, '吴追回')
    await act(page, '作出救助决定', (dialog) => field(dialog as never, '救助决定书文号').fill('朝检控救〔2026〕3号'))
    await as(page, 'caiwu')
    await openCase(page, '吴追回')
    await act(page, '登记资金到账')
    await as(page, 'chengban')
    await openCase(page, '吴追回')
    await act(page, '通知领取')
    await as(page, 'caiwu')
    await openCase(page, '吴追回')
    await act(page, '发放救助金', async (dialog) => {
      await choose(page, dialog, '发放方式', '当面发放（签收）')
      await field(dialog as never, '领取凭证编号').fill('LQ-2026-003')
    })
    await page.getByText('已发放').first().waitFor()

    // Fraud comes to light: the procurator starts the recovery, finance closes it and refers it to 纪检监察.
    await as(page, 'chengban')
    await openCase(page, '吴追回')
    await act(page, '启动追回', async (dialog) => {
      expect(await field(dialog as never, '应追回金额（元）').inputValue()).toBe('20000.00')
      await choose(page, dialog, '追回原因', '以虚报、隐瞒、伪造等手段骗取救助金')
      await field(dialog as never, '情况说明').fill('经核查，申请人隐瞒已获保险理赔的事实')
    })
    await page.getByText('追回中').first().waitFor()
    expect(await page.getByRole('button', { name: '追回办结', exact: true }).count()).toBe(0) // 承办 cannot close
    await as(page, 'caiwu')
    await openCase(page, '吴追回')
    await act(page, '追回办结', async (dialog) => {
      await choose(page, dialog, '移送单位（涉及违纪违法时）', '纪检监察机关')
      await typeDate(field(dialog as never, '移送日期'), today)
      await field(dialog as never, '移送文号').fill('朝检移〔2026〕1号')
      await field(dialog as never, '情况说明').fill('救助金已全额退回')
    })
    await page.getByRole('cell', { name: '救助金追回' }).waitFor()
    await page.getByText(`实际追回 20,000.00元；移送纪检监察机关（${today}，朝检移〔2026〕1号）`).waitFor()
    await shot(page, 'paths-recovery-01-closed')

    let c = await caseOf(page, id)
    expect(c.state).toBe('paid') // the machine returns the case to where the recovery started
    expect(c.recoveries).toEqual([
      expect.objectContaining({
        trigger: 'fraud',
        amountFen: 2_000_000,
        recoveredFen: 2_000_000,
        startedDate: today,
        closedDate: today,
        fromState: 'paid',
        referral: { body: 'discipline-inspection', date: today, ref: '朝检移〔2026〕1号' },
      }),
    ])
    expect(await ledgerOf(page, c.id)).toEqual([
      ['allocation', 2_000_000],
      ['disbursement', 2_000_000],
      ['recovery', 2_000_000],
    ])
    // Then the file is closed.
    await as(page, 'chengban')
    await openCase(page, '吴追回')
    await act(page, '归档')
    c = await caseOf(page, id)
    expect(c.state).toBe('archived')
    const audit = await auditOf(page, c.id)
    for (const step of ['case.act:pay', 'case.act:start-recovery', 'case.act:close-recovery', 'case.act:archive']) {
      expect(audit).toContain(step)
    }
    await shot(page, 'paths-recovery-02-archived')
  })

  it('撤回申请: a clue from 民政部门 becomes an application, is accepted, then withdrawn', async () => {
    const page = office.page
    const id = idNumber(44)
    await as(page, 'chengban')
    await goTo(page, '线索与告知')
    await page.getByRole('button', { name: '登记线索' }).click()
    const dialog = page.getByRole('dialog')
    await choose(page, dialog, '线索来源', '外部单位移送')
    await choose(page, dialog, '移送单位类别', '民政部门')
    await field(dialog as never, '当事人姓名').fill('郑撤回')
    await field(dialog as never, '了解到的当事人家庭生活情况').fill('低保边缘户，被害人受伤后无力负担医疗费')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await page.getByRole('cell', { name: '郑撤回' }).waitFor()
    await page.getByRole('button', { name: '转为救助案件' }).click()
    await page.getByText('由线索转为救助案件：郑撤回').waitFor()
    await field(page, '申请人证件号码').fill(id)
    await page.getByText(/号码有效/).waitFor()
    await page.getByLabel('重伤').check()
    for (const item of ALL_MATERIALS) await page.getByLabel(new RegExp(`^已收取：${item}`)).check()
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText('办理经过').waitFor()
    await act(page, '受理')
    await act(page, '撤回申请', (d) =>
      field(d as never, '撤回原因').fill('申请人已与被告人达成和解并获赔偿，书面申请撤回'),
    )
    await page.getByText('已撤回').first().waitFor()
    // A withdrawn case can only be archived (一案一档).
    expect(await offered(page)).toEqual(['归档'])
    await shot(page, 'paths-withdrawn')

    const c = await caseOf(page, id)
    expect(c.state).toBe('withdrawn')
    expect(c.source).toBe('external-clue')
    expect(c.acceptanceDate).toBe(today)
    expect(c.withdrawal).toMatchObject({
      date: today,
      fromState: 'accepted',
      reason: '申请人已与被告人达成和解并获赔偿，书面申请撤回',
    })
    expect(await ledgerOf(page, c.id)).toEqual([])
    const clues = (await readStore(page, 'clues')) as { partyName: string; status: string; convertedCaseId?: string }[]
    expect(clues.filter((x) => x.partyName === '郑撤回')).toEqual([
      expect.objectContaining({ status: 'converted', convertedCaseId: c.id, externalBody: 'civil-affairs' }),
    ])
    expect(await auditOf(page, c.id)).toEqual(
      expect.arrayContaining(['case.open', 'case.act:accept', 'case.act:withdraw']),
    )
    await act(page, '归档')
    // nothing more can be done: wait for the section to go, as the user sees the page settle
    await page.getByText('可办理的事项').waitFor({ state: 'detached' })
    expect(await caseOf(page, id)).toMatchObject({ state: 'archived', archiveDate: today })
  })

  it('the review finds an exclusion: 建议不予救助 starts with it ticked as a reason', async () => {
    const page = office.page
    const id = idNumber(66)
    await as(page, 'chengban')
    await intake(page, { name: '周排除', id })
    await act(page, '受理')
    await act(page, '开始审查')
    await act(page, '登记审查核实情况', async (d) => {
      await d.getByLabel('核实结果').fill('申请人患慢性病多年，家庭困难早于案件发生')
      await d.getByLabel('存在：生活困难非案件原因所致').check()
      await d.getByLabel('核查情况：生活困难非案件原因所致').fill('病历显示困难源于2019年起的慢性病')
      await d.getByText('已查询本院及上级下发数据，核实无重复救助').click()
    })
    await page.getByRole('button', { name: '提出审查意见', exact: true }).click()
    const d = page.getByRole('dialog', { name: '提出审查意见' })
    await d.getByLabel('建议不予救助').check()
    expect(await d.getByLabel('生活困难非案件原因所致', { exact: true }).isChecked()).toBe(true)
    expect(await d.getByLabel('对案件发生有重大过错', { exact: true }).isChecked()).toBe(false)
    expect(await d.getByLabel('生活不存在急迫困难', { exact: true }).isChecked()).toBe(false)
    await shot(page, 'paths-exclusion-01-reason-ticked')
    await field(d as never, '审查意见内容').fill('生活困难非案件原因所致，建议不予救助')
    await d.getByRole('button', { name: '确认办理' }).click()
    await page.getByText('已办理：提出审查意见').waitFor()
    const c = await caseOf(page, id)
    expect(c.proposal).toMatchObject({ decision: 'refuse', refusalReasons: ['X5'] })
  })

  it('补正 then abandoned: refused while the 30-day period runs, accepted once it has ended', async () => {
    const page = office.page
    const id = idNumber(55)
    await as(page, 'chengban')
    await intake(page, { name: '孙补正', id, materials: ['救助申请书', '申请人身份证明'] })
    // Acceptance with missing materials is refused, naming them.
    await page.getByRole('button', { name: '受理', exact: true }).click()
    let dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: '确认办理' }).click()
    await dialog
      .getByRole('alert')
      .getByText(/实际损害证明/)
      .waitFor()
    await dialog.getByRole('button', { name: /取\s*消/ }).click()
    await dialog.waitFor({ state: 'detached' })
    await act(page, '通知补正材料', async (d) => {
      // the materials not received at intake are ticked already; the ones received are not
      expect(await d.getByLabel(/^实际损害证明/).isChecked()).toBe(true)
      expect(await d.getByLabel('申请人及家庭生活困难证明', { exact: true }).isChecked()).toBe(true)
      expect(await d.getByLabel(/^救助申请书/).isChecked()).toBe(false)
      expect(await d.getByLabel(/^申请人身份证明/).isChecked()).toBe(false)
      await shot(page, 'paths-abandon-00-supplement-preticked')
      await d.getByLabel(/^实际损害证明/).check()
      await d.getByLabel('申请人及家庭生活困难证明', { exact: true }).check()
      await d.getByLabel(/^已获赔偿/).check()
    })
    const before = await caseOf(page, id)
    expect(before.state).toBe('needs-supplement')
    const due = (before.supplement as { dueDate: string }).dueDate
    expect(due >= addDays(today, 30)).toBe(true)
    await page.getByText(`补正期限届满：期限至 ${due}`).waitFor()
    const auditBefore = await auditOf(page, before.id)

    // Before the period ends: refused in the dialog, in Chinese, and nothing stored changes.
    await page.getByRole('button', { name: '视为放弃申请', exact: true }).click()
    dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: '确认办理' }).click()
    await dialog.getByRole('alert').getByText(`补正期限至 ${due} 届满，期满仍未补正的，方可视为放弃申请。`).waitFor()
    await shot(page, 'paths-abandon-01-too-early')
    await dialog.getByRole('button', { name: /取\s*消/ }).click()
    await dialog.waitFor({ state: 'detached' })
    const unchanged = await caseOf(page, id)
    expect(unchanged.state).toBe('needs-supplement')
    expect(unchanged.rev).toBe(before.rev)
    expect(await auditOf(page, before.id)).toEqual(auditBefore)

    // The day after the due date (China time), the period has ended.
    await page.clock.setFixedTime(new Date(`${addDays(due, 1)}T10:00:00+08:00`))
    await openCase(page, '孙补正')
    await page.getByText(`补正期限届满：已逾期，期限至 ${due}`).waitFor()
    await act(page, '视为放弃申请')
    await page.getByText('可办理的事项').waitFor({ state: 'detached' })
    await shot(page, 'paths-abandon-02-abandoned')

    const c = await caseOf(page, id)
    expect(c.state).toBe('abandoned')
    expect(c.supplement).toMatchObject({
      noticeDate: today,
      dueDate: due,
      missingItems: ['harmProof', 'hardshipProof', 'compensationStatement'],
    })
    expect(c.acceptanceDate).toBeUndefined()
    expect(await ledgerOf(page, c.id)).toEqual([])
    expect(await auditOf(page, c.id)).toEqual([...auditBefore, 'case.act:deem-abandoned'])
    // nothing more can be done: wait for the section to go, as the user sees the page settle
    await page.getByText('可办理的事项').waitFor({ state: 'detached' })
  })
})
