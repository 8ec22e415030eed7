import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../shared/domain/idcard'
import { act, BEIJING_WAGE, OFFICE_STAFF, recordWage, switchUser } from './caseSteps'
import {
  ADMIN,
  chinaToday,
  field,
  goTo,
  type Office,
  officeWithStaff,
  readStore,
  shot,
  signInAs,
  signOut,
} from './harness'

const STAFF = OFFICE_STAFF
const APPLICANT_ID = `11010519800101002${residentIdCheckChar('11010519800101002')}`

type Page = Office['page']

const as = (page: Page, who: keyof typeof STAFF) => switchUser(page, STAFF[who])

/** The buttons under 可办理的事项 on the case page. */
const actionsCard = (page: Page) =>
  page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: /^可办理的事项$/ }) })

/** 工作台 → 待我审批: the card and its row for the case numbered `caseNo`. */
async function approvalQueueRow(page: Page, caseNo: string) {
  await goTo(page, '工作台')
  const queue = page.getByTestId('approval-queue')
  await queue.waitFor()
  return { queue, row: queue.getByRole('row', { name: new RegExp(caseNo.replace(/[〔〕]/g, '.')) }) }
}

async function openOnlyCase(page: Page) {
  await goTo(page, '案件办理')
  await page
    .getByRole('cell', { name: /朝检控救/ })
    .first()
    .click()
  await page.getByText('办理经过').waitFor()
}

describe('a case from a department clue to payment, each step by its own person', () => {
  let office: Office
  beforeAll(async () => {
    office = await officeWithStaff(Object.values(STAFF))
  })
  afterAll(async () => {
    await office?.close()
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(office.page, `case-failed-${ctx.task.name.slice(0, 20)}`)
  })

  it('the prosecution department records a clue with its 告知', async () => {
    const page = office.page
    await as(page, 'banan')
    await goTo(page, '线索与告知')
    await page.getByRole('button', { name: '登记线索' }).click()
    const dialog = page.getByRole('dialog')
    // a case department records its own referrals: 移送部门 is the account's department, fixed
    await dialog.getByTitle('刑事检察部门（审查起诉）').waitFor()
    expect(await dialog.getByLabel('移送部门').isDisabled()).toBe(true)
    await field(dialog as never, '当事人姓名').fill('李四')
    await field(dialog as never, '原案件编号').fill('京朝检刑诉〔2026〕88号')
    await field(dialog as never, '了解到的当事人家庭生活情况').fill('被害人重伤住院，家中无其他收入来源')
    await shot(page, 'case-01-clue')
    await dialog.getByRole('button', { name: /保\s*存/ }).click()
    await page.getByRole('cell', { name: '李四' }).waitFor()
    const clues = (await readStore(page, 'clues')) as { status: string; informing?: { byName: string } }[]
    expect(clues).toHaveLength(1)
    expect(clues[0]).toMatchObject({ status: 'informed', informing: { byName: '赵办案' } })
    // The department cannot turn a clue into a case: that is 控申's work.
    expect(await page.getByRole('button', { name: '转为救助案件' }).count()).toBe(0)
  })

  it('控申 turns the clue into an application; a wrong ID number is explained and nothing is stored', async () => {
    const page = office.page
    await as(page, 'chengban')
    await goTo(page, '线索与告知')
    await page.getByRole('button', { name: '转为救助案件' }).click()
    await field(page, '申请人证件号码').fill('110105198001010021')
    await page.getByText(/校验/).first().waitFor()
    await page.getByLabel('重伤').check()
    for (const item of ['救助申请书', '申请人身份证明', '实际损害证明', '申请人及家庭生活困难证明', '已获赔偿']) {
      await page.getByLabel(new RegExp(`^已收取：${item}`)).check()
    }
    await page.getByRole('button', { name: '保存登记' }).click()
    await page
      .getByRole('alert')
      .getByText(/请修改后再提交：.*校验/)
      .waitFor()
    expect(await readStore(page, 'cases')).toHaveLength(0)
    // pasted with spaces, as copied from a scan: cleaned, not refused; 出生日期 and 性别 follow from the number
    await field(page, '申请人证件号码').fill(
      `${APPLICANT_ID.slice(0, 6)} ${APPLICANT_ID.slice(6, 14)}　${APPLICANT_ID.slice(14)}`,
    )
    expect(await field(page, '申请人证件号码').inputValue()).toBe(APPLICANT_ID)
    await page.getByText(/号码有效：出生日期 1980-01-01/).waitFor()
    expect(await field(page, '申请人出生日期').inputValue()).toBe('1980-01-01')
    // a Chinese name loses the spaces typed into it
    await field(page, '申请人姓名').fill('李  四')
    expect(await field(page, '申请人姓名').inputValue()).toBe('李四')
    expect(await page.getByTestId('applicant-minor').count()).toBe(0)
    await shot(page, 'case-02-intake')
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText('办理经过').waitFor()
    await page.getByRole('heading', { name: '朝检控救〔2026〕1号' }).waitFor()
    const [person] = (await readStore(page, 'persons')) as { name: string; sex: string; birthDate: string }[]
    expect(person).toMatchObject({ name: '李四', sex: 'female', birthDate: '1980-01-01' })
    // The decision deadline and the 补正 deadline run, each with its rule.
    await page
      .getByText(/十个工作日内/)
      .first()
      .waitFor()
    expect(((await readStore(page, 'clues')) as { status: string }[])[0].status).toBe('converted')
  })

  it('the procurator keeps a scan of the application with the case; it opens and its checksum matches', async () => {
    const page = office.page
    // a 1×1 PNG, as a scanner would produce an image file
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    )
    await page.locator('input[type=file]').setInputFiles({ name: '救助申请书.png', mimeType: 'image/png', buffer: png })
    await page.getByText('已添加扫描件：救助申请书.png').waitFor()
    await page
      .getByRole('row', { name: /救助申请书\.png/ })
      .getByRole('button', { name: '查看' })
      .click()
    await page.getByText('文件内容与登记时的校验值一致。').waitFor()
    const viewer = page.getByRole('dialog', { name: '救助申请书.png' })
    await viewer.getByRole('img', { name: '救助申请书.png' }).waitFor()
    await viewer.locator('.ant-modal-close').click()
    await viewer.waitFor({ state: 'detached' })
    const [a] = (await readStore(page, 'attachments')) as { name: string; size: number }[]
    expect(a).toMatchObject({ name: '救助申请书.png', size: png.length })
  })

  it('the procurator accepts, reviews, computes the amount and submits; the same person cannot approve', async () => {
    const page = office.page
    await act(page, '受理')
    await act(page, '开始审查')
    await act(page, '登记审查核实情况', async (d) => {
      await d.getByLabel('核实结果').fill('经走访，家庭确无其他收入')
      await d.getByText('已查询本院及上级下发数据，核实无重复救助').click()
    })
    // No wage standard yet (none sent down, none recorded): the dialog says so and where to record it.
    await page.getByRole('button', { name: '提出审查意见', exact: true }).click()
    let d = page.getByRole('dialog', { name: '提出审查意见' })
    const missing = d.getByTestId('wage-missing')
    await missing.waitFor()
    expect(await missing.textContent()).toContain(`本院没有地区 110000 ${BEIJING_WAGE.year} 年度`)
    expect(await missing.textContent()).toContain('系统设置 → 职工月平均工资标准')
    expect(await d.getByTestId('cap').textContent()).toBe('—')
    await shot(page, 'case-03a-wage-missing')
    await d.getByRole('button', { name: /取\s*消/ }).click()
    await d.waitFor({ state: 'detached' })
    // The administrator records the figure the statistics bureau published, once, in 系统设置; the region field
    // starts at the office's province (110105 → 110000).
    await switchUser(page, ADMIN)
    await goTo(page, '系统设置')
    expect(await field(page, '地区代码').inputValue()).toBe('110000')
    await recordWage(page, BEIJING_WAGE)
    await shot(page, 'case-03b-wage-recorded')
    await as(page, 'chengban')
    await openOnlyCase(page)
    await page.getByRole('button', { name: '提出审查意见', exact: true }).click()
    d = page.getByRole('dialog', { name: '提出审查意见' })
    await d.getByLabel('救助情形').click()
    await page
      .locator('.ant-select-dropdown:visible')
      .getByTitle(/^重伤或严重残疾：/)
      .click()
    const category = d.getByTitle(/^重伤或严重残疾：/)
    await category.waitFor()
    // The cap's wage is the standard in force, with where it comes from; it cannot be typed on the case.
    expect(await d.getByTestId('wage').textContent()).toContain(
      `8,000.00元（110000，${BEIJING_WAGE.year}年，职工；${BEIJING_WAGE.document}）`,
    )
    expect(await field(d as never, '工资地区代码').count()).toBe(0)
    await field(d as never, '拟救助金额').fill('300000')
    // Over the cap (36 × 8,000 = 288,000) without the amount the court would award: blocked, with the rule shown;
    // the over-cap approval itself is the 检察长's, at the chain's escalation step, not a field here.
    expect(await d.getByTestId('cap').textContent()).toBe('36 × 8,000.00元 = 288,000.00元')
    await field(d as never, '人民法院依法应当判决的赔偿数额（超过上限时必填）').waitFor()
    expect(await field(d as never, '超出上限的审批文号').count()).toBe(0)
    const blocked = d.getByRole('alert').filter({ hasText: '不能提交' })
    await blocked.filter({ hasText: '须记录人民法院依法应当判决的赔偿数额' }).first().waitFor()
    await blocked
      .getByText(/依据：/)
      .first()
      .waitFor()
    await d.getByText(/提交审批后，审批流程将增加超限审批环节，须由检察长记录/).waitFor()
    await blocked.first().scrollIntoViewIfNeeded()
    await shot(page, 'case-03-amount-over-cap')
    await field(d as never, '拟救助金额').fill('30000')
    await field(d as never, '确定金额考虑的因素').fill('重伤致残，家庭无其他收入，被告人无赔偿能力')
    await field(d as never, '审查意见内容').fill('建议给予救助金3万元')
    await category.waitFor()
    await d.getByRole('button', { name: '确认办理' }).click()
    await page.getByText('已办理：提出审查意见').waitFor()
    await act(page, '提交审批')
    await page.getByText('审批中').first().waitFor()
    expect(await page.getByRole('button', { name: '审批', exact: true }).count()).toBe(0)
    await shot(page, 'case-04-submitted')
  })

  it('each approver finds the case under 待我审批 on 工作台; once the round is complete it reads 审批完毕，待作出决定', async () => {
    const page = office.page
    const caseNo = '朝检控救〔2026〕1号'
    // The department head's step comes first: the case is in his 待我审批 list, and the row opens it.
    await as(page, 'buzhang')
    let { queue, row } = await approvalQueueRow(page, caseNo)
    await queue.getByText('待我审批（1 件）').waitFor()
    expect(await row.textContent()).toMatch(/部门负责人审核.*李四.*建议予以救助.*30,000\.00元.*张承办/)
    await shot(page, 'case-04a-queue-dept-head')
    await row.click()
    await page.getByRole('heading', { name: caseNo }).waitFor()
    await act(page, '审批', (d) => field(d as never, '审批意见内容').fill('同意承办人意见'))
    // Signed: his list is empty, and the chief's has the case at the chief's step.
    ;({ queue } = await approvalQueueRow(page, caseNo))
    await queue.getByText('待我审批（0 件）').waitFor()
    await queue.getByText('没有等待您审批的案件。').waitFor()
    await as(page, 'jcz')
    ;({ queue, row } = await approvalQueueRow(page, caseNo))
    await queue.getByText('待我审批（1 件）').waitFor()
    expect(await row.textContent()).toContain('检察长审批')
    await row.click()
    await page.getByRole('heading', { name: caseNo }).waitFor()
    await act(page, '审批', (d) => field(d as never, '审批意见内容').fill('同意救助3万元'))
    // The round is complete: not “审批中” any more, and the chief is told who issues the decision.
    await page.getByText('审批完毕，待作出决定', { exact: true }).first().waitFor()
    await page.getByText('审批完毕，待承办人张承办作出救助决定').waitFor()
    expect(await page.getByText('审批中', { exact: true }).count()).toBe(0)
    expect(await page.getByRole('button', { name: '作出救助决定', exact: true }).count()).toBe(0)
    await shot(page, 'case-04b-approval-complete')
    ;({ queue } = await approvalQueueRow(page, caseNo))
    await queue.getByText('待我审批（0 件）').waitFor()
    await page.getByText('审批完毕，待作出决定 1').waitFor()
    // The stored state is still 'approval': the label is derived from the round.
    expect(((await readStore(page, 'cases')) as { state: string }[])[0].state).toBe('approval')
  })

  it('the procurator sees the complete round in the case list and issues the decision', async () => {
    const page = office.page
    await as(page, 'chengban')
    await goTo(page, '案件办理')
    await page
      .getByRole('row', { name: /朝检控救/ })
      .getByText('审批完毕，待作出决定')
      .waitFor()
    await openOnlyCase(page)
    await act(page, '作出救助决定', async (d) => {
      // the office's first 救助决定书 of the year is offered its 文号 (docs/documents.md「文号」); the clerk may change it
      await d.locator(`input[value="朝检控救决〔${chinaToday().slice(0, 4)}〕1号"]`).waitFor()
      await field(d as never, '救助决定书文号').fill('朝检控救〔2026〕1号')
    })
    await page.getByText('叁万元整').waitFor()
  })

  it('finance records the funds, 控申 notifies the applicant, finance pays; the ledger holds the money', async () => {
    const page = office.page
    await as(page, 'caiwu')
    await openOnlyCase(page)
    await act(page, '申请拨款')
    await act(page, '登记资金到账')
    await as(page, 'chengban')
    await openOnlyCase(page)
    await act(page, '通知领取')
    await as(page, 'caiwu')
    await openOnlyCase(page)
    await act(page, '发放救助金', async (d) => {
      await field(d as never, '开户银行').fill('中国农业银行')
      await field(d as never, '户名').fill('李四')
      // pasted with spaces and full-width digits: cleaned as it is entered
      await field(d as never, '银行账号').fill('6228 4800 1234 ５６７８')
      expect(await field(d as never, '银行账号').inputValue()).toBe('6228480012345678')
    })
    await page.getByText('已发放').first().waitFor()
    await shot(page, 'case-05-paid')
    const [c] = (await readStore(page, 'cases')) as {
      state: string
      decision: { grantedFen: number }
      payment: { account: { accountNo: string } }
    }[]
    expect(c.state).toBe('paid')
    expect(c.payment.account.accountNo).toBe('6228480012345678')
    expect(c.decision.grantedFen).toBe(3_000_000)
    const ledger = (await readStore(page, 'ledger')) as { kind: string; amountFen: number }[]
    expect(ledger.map((e) => [e.kind, e.amountFen]).sort()).toEqual([
      ['allocation', 3_000_000],
      ['disbursement', 3_000_000],
    ])
    const audit = (await readStore(page, 'audit')) as { command: string }[]
    for (const step of [
      'case.open',
      'case.act:accept',
      'case.act:approve-step',
      'case.act:decide-grant',
      'case.act:pay',
    ]) {
      expect(audit.map((a) => a.command)).toContain(step)
    }
    expect(ADMIN.username).toBe('admin')
  })

  it('the decision and the receipt print as A4 PDFs with the amount in figures and in words', async () => {
    const page = office.page
    await as(page, 'chengban')
    await openOnlyCase(page)
    for (const title of ['国家司法救助决定书', '国家司法救助金领取凭证']) {
      const row = page.getByRole('row', { name: new RegExp(`^${title}`) })
      await row.getByRole('button', { name: '生成 PDF' }).click()
      await page
        .getByText(new RegExp(`已生成${title}`))
        .first()
        .waitFor()
    }
    const { readdir } = await import('node:fs/promises')
    const { execFileSync } = await import('node:child_process')
    const pdfs = (await readdir(office.exportDir)).filter((f) => f.endsWith('.pdf'))
    const decision = pdfs.find((f) => f.startsWith('国家司法救助决定书'))
    expect(decision).toBeDefined()
    const text = execFileSync('pdftotext', ['-layout', `${office.exportDir}/${decision}`, '-'], { encoding: 'utf8' })
    expect(text).toContain('叁万元整')
    expect(text).toContain('北京市朝阳区人民检察院')
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-singlefile',
      `${office.exportDir}/${decision}`,
      'test-results/case-07-decision',
    ])
    const docs = (await readStore(page, 'documents')) as { templateId: string; contentHash: string }[]
    expect(docs.map((d) => d.templateId).sort()).toEqual(['grant-decision', 'payment-receipt'])
    await shot(page, 'case-07-documents')
  })

  it('after payment: a legal-aid referral with its outcome, and a follow-up visit', async () => {
    const page = office.page
    await page.getByRole('button', { name: '登记多元救助' }).click()
    let d = page.getByRole('dialog', { name: '登记多元救助' })
    await field(d as never, '承接单位').fill('朝阳区法律援助中心')
    await d.getByRole('button', { name: /保\s*存/ }).click()
    await page.getByRole('cell', { name: '朝阳区法律援助中心' }).waitFor()
    await page.getByRole('button', { name: '登记结果' }).click()
    d = page.getByRole('dialog', { name: '登记多元救助结果' })
    await field(d as never, '救助结果').fill('已指派律师代理民事赔偿诉讼')
    await d.getByRole('button', { name: /保\s*存/ }).click()
    await page.getByText(/已指派律师代理民事赔偿诉讼/).waitFor()
    // 回访 is offered with the other steps under 可办理的事项
    await actionsCard(page).getByRole('button', { name: '登记回访' }).click()
    d = page.getByRole('dialog', { name: '登记回访' })
    await d.getByRole('button', { name: /保\s*存/ }).click()
    await d.getByText('请修改后再提交').waitFor()
    await field(d as never, '回访情况').fill('伤情好转，救助金已用于医疗费用')
    await d.getByRole('button', { name: /保\s*存/ }).click()
    await page.getByRole('cell', { name: '伤情好转，救助金已用于医疗费用' }).waitFor()
    const referrals = (await readStore(page, 'referrals')) as { kind: string; outcome?: string }[]
    expect(referrals).toMatchObject([{ kind: 'legal-aid', outcome: '已指派律师代理民事赔偿诉讼' }])
    expect(await readStore(page, 'followUps')).toHaveLength(1)
    await shot(page, 'case-08-after-payment')
  })

  it('an unfinished registration is kept as a draft and restored later', async () => {
    const page = office.page
    await as(page, 'chengban')
    await goTo(page, '受理登记')
    await field(page, '申请人姓名').fill('王草稿')
    await field(page, '申请人联系电话').fill('13800000000')
    await page.getByRole('button', { name: '保存草稿' }).click()
    await page.getByText('草稿已保存').waitFor()
    await goTo(page, '工作台')
    await goTo(page, '受理登记')
    await page.getByRole('button', { name: '恢复草稿' }).click()
    expect(await field(page, '申请人姓名').inputValue()).toBe('王草稿')
    expect(await field(page, '申请人联系电话').inputValue()).toBe('13800000000')
    expect(((await readStore(page, 'cases')) as unknown[]).length).toBe(1)
  })

  it('staff can read the rules in force with their sources (政策法规)', async () => {
    const page = office.page
    await goTo(page, '政策法规')
    await page.getByText('现行').waitFor()
    await page.getByText('一般不予救助').first().waitFor()
    await page.getByText(/作出决定（10个工作日）/).waitFor()
    await shot(page, 'case-06-policy')
  })

  it('a minor applicant: the prompt moves the child to 被害人 for the 法定代理人 to apply; 未成年人 is marked', async () => {
    const page = office.page
    await as(page, 'chengban')
    await goTo(page, '受理登记')
    const child = `11010520150601003${residentIdCheckChar('11010520150601003')}`
    const parent = `11010519850301004${residentIdCheckChar('11010519850301004')}`
    await field(page, '申请人姓名').fill('王 小 明')
    await field(page, '申请人证件号码').fill(child)
    const prompt = page.getByTestId('applicant-minor')
    await prompt.getByText(/申请人未满十八周岁（\d{4}-\d{2}-\d{2} 时 \d+ 周岁）/).waitFor()
    expect(await page.getByLabel('未成年人').first().isChecked()).toBe(true)
    await shot(page, 'case-09a-minor-prompt')
    await prompt.getByRole('button', { name: '改由法定代理人代为申请' }).click()
    // The child is now the victim, with the mark; the applicant fields wait for the 法定代理人.
    expect(await field(page, '被害人姓名').inputValue()).toBe('王小明')
    expect(await field(page, '被害人证件号码').inputValue()).toBe(child)
    expect(await field(page, '被害人出生日期').inputValue()).toBe('2015-06-01')
    expect(await field(page, '申请人姓名').inputValue()).toBe('')
    await page.getByText('申请人（法定代理人）').waitFor()
    await page.getByTestId('victim-minor').getByText('申请人作为其法定代理人代为申请').waitFor()
    await field(page, '申请人姓名').fill('王大明')
    await field(page, '申请人证件号码').fill(parent.replace(/(\d{6})(\d{8})/, '$1 $2 '))
    await page.getByText(/号码有效：出生日期 1985-03-01/).waitFor()
    await field(page, '开户银行').first().fill('中国工商银行')
    await field(page, '户名').first().fill('王 大 明')
    await field(page, '银行账号').first().fill('6222 0200 1234 5678')
    await page.getByLabel('重伤').check()
    await shot(page, 'case-09b-minor-guardian')
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByRole('heading', { name: '朝检控救〔2026〕2号' }).waitFor()
    const persons = (await readStore(page, 'persons')) as {
      id: string
      name: string
      idNumber: string
      priorityFlags: string[]
      bankAccount?: { bank: string; accountName: string; accountNo: string }
    }[]
    const minor = persons.find((p) => p.idNumber === child)
    const guardian = persons.find((p) => p.idNumber === parent)
    expect(minor).toMatchObject({ name: '王小明', priorityFlags: ['minor'] })
    expect(guardian).toMatchObject({
      name: '王大明',
      priorityFlags: [],
      bankAccount: { bank: '中国工商银行', accountName: '王大明', accountNo: '6222020012345678' },
    })
    const c = (
      (await readStore(page, 'cases')) as {
        caseNo?: string
        relation: string
        capacity?: string
        victimId: string
        applicantId: string
      }[]
    ).find((x) => x.caseNo === '朝检控救〔2026〕2号')
    expect(c).toMatchObject({
      relation: 'parent',
      capacity: 'legal-representative',
      victimId: minor?.id,
      applicantId: guardian?.id,
    })
  })

  it('the audit log reads as a clerk would: one line per command, case numbers, names, China time, 登录失败', async () => {
    const page = office.page
    // a mistyped password is its own event
    await signOut(page)
    await signInAs(page, STAFF.chengban.username, 'Cuowu2026x')
    await page.getByText(/登录名或密码不正确/).waitFor()
    await signInAs(page, ADMIN.username, ADMIN.password)
    await page.getByTestId('current-user').waitFor()
    await goTo(page, '用户与审计')
    await page.getByRole('tab', { name: '审计日志' }).click()
    const search = page.getByLabel('查找审计记录')
    await search.fill('朝检控救〔2026〕1号')
    await search.press('Enter')
    // 新建救助案件 wrote the applicant, the case (twice: the clue's 告知 and the application) and the clue: one line
    const opened = page.getByRole('row', { name: /新建救助案件/ })
    // the second case's 新建救助案件 goes once the search applies: exactly one line for this case
    await expect.poll(() => opened.count()).toBe(1)
    const text = (await opened.textContent()) ?? ''
    expect(text).toContain('案件 朝检控救〔2026〕1号')
    expect(text).toContain('人员 李四')
    expect(text).toContain('张承办')
    expect(text).not.toMatch(/110105-[0-9A-Z]{26}/)
    const audit = (await readStore(page, 'audit')) as { command: string; at: string; seq: number }[]
    const openAt = audit.find((a) => a.command === 'case.open')?.at as string
    const china = new Date(Date.parse(openAt) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ')
    expect(text).toContain(china)
    expect(audit.filter((a) => a.command === 'case.open' && a.at === openAt).length).toBeGreaterThan(2)
    // inside: each record with its Chinese field names
    await opened.locator('.ant-table-row-expand-icon').click()
    const inside = page.getByTestId('audit-event-changes').first()
    await inside.getByText(/人员 李四/).waitFor()
    await inside.getByRole('cell', { name: '证件号码', exact: true }).first().waitFor()
    await inside.getByRole('cell', { name: '姓名或名称', exact: true }).first().waitFor()
    await shot(page, 'case-10a-audit-case')
    // by person, by user (the failed sign-in is there, on its own), by date
    await search.fill('李四')
    await search.press('Enter')
    await page.getByRole('row', { name: /新建救助案件/ }).waitFor()
    await search.fill('张承办')
    await search.press('Enter')
    await page.getByRole('cell', { name: '登录失败', exact: true }).waitFor()
    expect(await page.getByRole('cell', { name: '登录失败', exact: true }).count()).toBe(1)
    await shot(page, 'case-10b-audit-user')
    await search.fill(chinaToday())
    await search.press('Enter')
    await page
      .getByRole('row', { name: /新建救助案件/ })
      .first()
      .waitFor()
  })
})
