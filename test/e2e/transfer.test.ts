import { execFileSync } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { residentIdCheckChar } from '../../shared/domain/idcard'
import { act, BEIJING_WAGE, recordWage, switchUser } from './caseSteps'
import {
  ADMIN,
  completeSetup,
  createUser,
  field,
  fillSetup,
  goTo,
  type Office,
  RESULTS,
  readStore,
  shot,
  startOffice,
} from './harness'

/**
 * 案件移送材料包 across two procuratorates that never enrolled each other (two browser-mode profiles, files copied by
 * hand): 朝阳区院 decides a case and produces the package for the court; the folder beside it is read without the
 * app (index.html in Chromium, index.pdf and the decision through pdftotext); 东城区院 receives a new application by
 * the same person for the same case, imports the package on the case page (signature valid, sender unverified, its
 * fingerprint shown), and the one-time check then shows “已在××院获得救助（移送材料）”. A tampered copy is refused and
 * nothing is stored.
 */
type Page = Office['page']

const STAFF = {
  chengban: { username: 'chengban', name: '张承办', role: '控申承办检察官', password: 'Shencha2026' },
  buzhang: { username: 'buzhang', name: '钱部长', role: '控申部门负责人', password: 'Shenpi2026a' },
  jcz: { username: 'jcz', name: '李检察长', role: '检察长/分管检察长', password: 'Jianchazhang1' },
}
const OTHER = {
  name: '北京市东城区人民检察院',
  shortName: '东检',
  code: '110101',
  admin: { username: 'dongadmin', name: '东管理', password: 'Dongcheng2026' },
  // a user name of its own: the harness remembers initial passwords by user name
  procurator: { username: 'dongchengban', name: '赵承办', role: '控申承办检察官', password: 'Dongshen2026' },
}
const PERSON_ID = `11010519850301002${residentIdCheckChar('11010519850301002')}`
const UNDERLYING = '京朝检刑诉〔2026〕88号'
const ALL_MATERIALS = ['救助申请书', '申请人身份证明', '实际损害证明', '申请人及家庭生活困难证明', '已获赔偿']

async function intake(page: Page) {
  await goTo(page, '案件办理')
  await page.getByRole('button', { name: '受理登记' }).click()
  await field(page, '申请人姓名').fill('李四')
  await field(page, '申请人证件号码').fill(PERSON_ID)
  await page.getByText(/号码有效：出生日期 1985-03-01/).waitFor()
  await field(page, '原案件编号').fill(UNDERLYING)
  await page.getByLabel('重伤').check()
  for (const item of ALL_MATERIALS) await page.getByLabel(new RegExp(`^已收取：${item}`)).check()
  await page.getByRole('button', { name: '保存登记' }).click()
  await page.getByText('办理经过').waitFor()
}

async function openOnlyCase(page: Page) {
  await goTo(page, '案件办理')
  await page
    .getByRole('cell', { name: /检控救/ })
    .first()
    .click()
  await page.getByText('办理经过').waitFor()
}

describe('案件移送材料包: 朝阳区院 → 法院（随案卷）→ 东城区院 imports it as prior assistance', () => {
  let basic: Office
  let other: Office
  let readable: string
  let jzb: string

  beforeAll(async () => {
    ;[basic, other] = await Promise.all([startOffice(), startOffice()])
    await completeSetup(basic.page)
    await goTo(basic.page, '用户与审计')
    await basic.page.getByRole('tab', { name: '用户管理' }).click()
    for (const u of Object.values(STAFF)) await createUser(basic.page, u)
    // The administrator records the wage figure the proposal's cap comes from (系统设置).
    await recordWage(basic.page, BEIJING_WAGE)

    const page = other.page
    await fillSetup(page, {
      ...OTHER,
      regionCode: '110101',
      parentCode: '110300',
      parentName: '北京市人民检察院第三分院',
    })
    await page.getByTestId('current-user').waitFor()
    await goTo(page, '用户与审计')
    await page.getByRole('tab', { name: '用户管理' }).click()
    await createUser(page, OTHER.procurator)
  })
  afterAll(async () => {
    await basic?.close()
    await other?.close()
  })
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') {
      await shot(basic.page, `transfer-failed-basic-${ctx.task.name.slice(0, 16)}`)
      await shot(other.page, `transfer-failed-other-${ctx.task.name.slice(0, 16)}`)
    }
  })

  it('朝阳区院 takes a case to a grant decision; the package is offered only then', async () => {
    const page = basic.page
    await switchUser(page, STAFF.chengban)
    await intake(page)
    // a scan goes with the case (a 1×1 PNG, as a scanner would produce an image file)
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    )
    // the 材料扫描件 card by its own title (other cards mention scans in their text), once its button is there
    const scans = page
      .locator('.ant-card')
      .filter({ has: page.locator('.ant-card-head-title', { hasText: /^材料扫描件$/ }) })
    await scans.getByRole('button', { name: '添加扫描件' }).waitFor()
    const listed = scans.getByRole('cell', { name: '救助申请书.png' })
    const refused = page.locator('.ant-message-error')
    // on a heavily loaded CI machine the first file selection is sometimes not picked up by the Upload; a refusal,
    // however, fails the test with the app's own message
    for (let attempt = 0; attempt < 2 && !(await listed.isVisible()); attempt++) {
      await scans
        .locator('input[type=file]')
        .setInputFiles({ name: '救助申请书.png', mimeType: 'image/png', buffer: png })
      await listed
        .or(refused)
        .first()
        .waitFor({ timeout: 15_000 })
        .catch(() => undefined)
      if (await refused.isVisible()) throw new Error(`添加扫描件被拒绝：${await refused.textContent()}`)
    }
    await scans.getByRole('cell', { name: '救助申请书.png' }).waitFor()
    expect(await page.getByRole('button', { name: '生成移送材料包' }).count()).toBe(0)
    await act(page, '受理')
    await act(page, '开始审查')
    await act(page, '登记审查核实情况', async (d) => {
      await d.getByLabel('核实结果').fill('经走访，家庭确无其他收入')
      await d.getByText('已查询本院及上级下发数据，核实无重复救助').click()
    })
    await page.getByRole('button', { name: '提出审查意见', exact: true }).click()
    const d = page.getByRole('dialog', { name: '提出审查意见' })
    await d.getByLabel('救助情形').click()
    await page
      .locator('.ant-select-dropdown:visible')
      .getByTitle(/^重伤或严重残疾：/)
      .click()
    await d.getByTitle(/^重伤或严重残疾：/).waitFor()
    await field(d as never, '拟救助金额').fill('30000')
    await field(d as never, '确定金额考虑的因素').fill('重伤致残，家庭无其他收入，被告人无赔偿能力')
    await field(d as never, '审查意见内容').fill('建议给予救助金3万元')
    await d.getByRole('button', { name: '确认办理' }).click()
    await page.getByText('已办理：提出审查意见').waitFor()
    await act(page, '提交审批')
    await switchUser(page, STAFF.buzhang)
    await openOnlyCase(page)
    await act(page, '审批', (x) => field(x as never, '审批意见内容').fill('同意承办人意见'))
    await switchUser(page, STAFF.jcz)
    await openOnlyCase(page)
    await act(page, '审批', (x) => field(x as never, '审批意见内容').fill('同意救助3万元'))
    await switchUser(page, STAFF.chengban)
    await openOnlyCase(page)
    await act(page, '作出救助决定', (x) => field(x as never, '救助决定书文号').fill('朝检控救〔2026〕1号'))
    await page.getByRole('button', { name: '生成移送材料包' }).waitFor()
  })

  it('控申 produces the package for the court with the office key passphrase; a wrong one writes nothing', async () => {
    const page = basic.page
    await page.getByRole('button', { name: '生成移送材料包' }).click()
    await page.getByLabel('接收单位名称').fill('北京市朝阳区人民法院')
    await page.getByText('接收单位未在本院登记密钥：材料包不加密').waitFor()
    await page.getByLabel('本院密钥口令').fill('not-the-passphrase')
    await page.getByRole('button', { name: '生成', exact: true }).click()
    await page.getByTestId('transfer-outcome').getByText('未生成移送材料包').waitFor()
    expect(await readStore(page, 'transfers')).toHaveLength(0)
    await page.getByLabel('本院密钥口令').fill(ADMIN.password)
    await page.getByRole('button', { name: '生成', exact: true }).click()
    await page
      .getByTestId('transfer-outcome')
      .getByText(/已生成移送材料包：transfer_110105_open_1_\d{8}\.jzb/)
      .waitFor()
    await shot(page, 'transfer-01-produced')
    const rows = (await readStore(page, 'transfers')) as { encrypted: boolean; readableDir: string; fileName: string }[]
    expect(rows).toHaveLength(1)
    expect(rows[0].encrypted).toBe(false)
    readable = rows[0].readableDir
    jzb = join(readable, rows[0].fileName)
    expect(readable.startsWith(join(basic.exportDir, '数据交换', '移送材料'))).toBe(true)
  })

  it('the court reads the folder without the app: index.html in a browser, index.pdf and the decision as PDF', async () => {
    const names = (await readdir(readable, { recursive: true })).sort()
    expect(names).toContain('index.html')
    expect(names).toContain('index.pdf')
    expect(names).toContain('国家司法救助决定书.pdf')
    expect(names).toContain('材料/01-救助申请书.png')
    const index = execFileSync('pdftotext', ['-layout', join(readable, 'index.pdf'), '-'], { encoding: 'utf8' })
    for (const fact of [
      '国家司法救助案件移送材料索引',
      '李四',
      PERSON_ID,
      '朝检控救〔2026〕1号',
      '30,000.00元',
      '叁万元整',
    ]) {
      expect(index).toContain(fact)
    }
    const decision = execFileSync('pdftotext', ['-layout', join(readable, '国家司法救助决定书.pdf'), '-'], {
      encoding: 'utf8',
    })
    expect(decision).toContain('叁万元整')
    expect(decision).toContain('北京市朝阳区人民检察院')
    const viewer = await basic.context.newPage()
    await viewer.goto(pathToFileURL(join(readable, 'index.html')).href)
    await viewer.getByText('国家司法救助案件移送材料索引').waitFor()
    expect(await viewer.locator('script').count()).toBe(0)
    await viewer.screenshot({ path: join(RESULTS, 'transfer-02-index-html.png'), fullPage: true })
    await viewer.close()
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-singlefile',
      join(readable, 'index.pdf'),
      join(RESULTS, 'transfer-03-index-pdf'),
    ])
  })

  it('东城区院: a tampered copy is refused with a Chinese reason and nothing is stored', async () => {
    const page = other.page
    await switchUser(page, OTHER.procurator)
    await intake(page)
    await page.getByTestId('one-time-clear').waitFor()
    const bytes = await readFile(jzb)
    const flipped = Buffer.from(bytes)
    flipped[Math.floor(bytes.length * 0.6)] ^= 0x08
    const bad = join(other.dataDir, 'tampered.jzb')
    await writeFile(bad, flipped)
    await page.getByRole('button', { name: '导入移送材料包' }).click()
    await page.getByLabel('选择移送材料包文件').setInputFiles(bad)
    await page
      .getByTestId('transfer-import-outcome')
      .getByText(/未导入任何数据/)
      .waitFor()
    expect(await readStore(page, 'priorAssistance')).toHaveLength(0)
  })

  it('东城区院 imports the package as prior assistance: unverified sender with its fingerprint; the one-time check then blocks', async () => {
    const page = other.page
    const copy = join(other.dataDir, 'from-court.jzb')
    await writeFile(copy, await readFile(jzb))
    await page.getByLabel('选择移送材料包文件').setInputFiles(copy)
    const preview = page.getByTestId('transfer-preview')
    await preview.waitFor()
    await preview.getByTestId('transfer-unverified').waitFor()
    const fp = (await preview.getByTestId('transfer-fingerprint').textContent()) ?? ''
    expect(fp.replace(/\s/g, '')).toMatch(/^[0-9A-Z]{20}$/)
    await preview.getByText('30,000.00元（叁万元整）').waitFor()
    await shot(page, 'transfer-04-import-preview')
    expect(await readStore(page, 'priorAssistance')).toHaveLength(0)
    await page.getByRole('button', { name: '确认导入为既往救助记录' }).click()
    await page
      .getByTestId('transfer-import-outcome')
      .getByText(/已导入既往救助记录/)
      .waitFor()
    const findings = page.getByTestId('one-time-findings')
    await findings.getByText(/已在北京市朝阳区人民检察院（110105）获得救助（移送材料）/).waitFor()
    await findings.getByText(/30,000\.00元（叁万元整）/).waitFor()
    await shot(page, 'transfer-05-one-time-finding')
    const rows = (await readStore(page, 'priorAssistance')) as { sender: { trusted: boolean }; grantedFen: number }[]
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ sender: { trusted: false }, grantedFen: 3_000_000 })
    // the same file again: already imported, nothing changes
    await page.getByLabel('选择移送材料包文件').setInputFiles(copy)
    await page.getByText(/此移送材料包已于 .* 导入，再次导入不会改动任何数据/).waitFor()
    expect(await readStore(page, 'priorAssistance')).toHaveLength(1)
  })
})
