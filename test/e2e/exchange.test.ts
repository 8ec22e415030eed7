import { copyFile, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  APPLICANT_ID,
  CITY,
  closeThreeOffices,
  enroll,
  exchangeTab,
  exportFrom,
  importBundle,
  ownFingerprint,
  PROCURATOR,
  PROVINCE,
  pick,
  shotsOnFailure,
  startThreeOffices,
} from './exchangeSteps'
import { ADMIN, chinaToday, createUser, field, goTo, type Office, readStore, shot, signInAs, signOut } from './harness'

/** A 1×1 PNG, as a scanner would produce an image file. */
const SCAN = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

/**
 * 数据交换 across three office PCs (three browser-mode profiles, each with its own main-process services and export
 * folder): keys made at setup, enrollment both ways with the fingerprint typed while the other office reads it
 * out, a 基层院 case archived to the 市级院, relayed unchanged to the 省级院, acknowledgements back, and the higher
 * offices seeing the lower office's case read-only. Files move only by copying them, as on a USB stick.
 */
describe('数据交换: 基层 → 市 → 省 by files carried by hand', () => {
  let basic: Office
  let city: Office
  let province: Office
  const fp: Record<string, string> = {}
  let firstArchive: string
  let caseNo: string

  beforeAll(async () => {
    ;({ basic, city, province } = await startThreeOffices())
  })
  afterAll(() => closeThreeOffices({ basic, city, province }))
  afterEach((ctx) => shotsOnFailure(ctx.task.result?.state === 'fail', 'exchange', { basic, city, province }))

  let basicSm2 = ''

  it('each office has a key from setup; its fingerprint is shown in groups to read aloud', async () => {
    fp.basic = await ownFingerprint(basic.page)
    fp.city = await ownFingerprint(city.page)
    fp.province = await ownFingerprint(province.page)
    expect(new Set(Object.values(fp)).size).toBe(3)
    await basic.page.getByText('未登记').first().waitFor()
    await shot(basic.page, 'exchange-01-identity')
    const units = (await readStore(basic.page, 'units')) as { code: string; fingerprint?: string }[]
    expect(units.find((u) => u.code === '110105')?.fingerprint).toBe(fp.basic)
    const key = ((await readStore(basic.page, 'exchange')) as { key: string; sealed?: string }[]).find(
      (r) => r.key === 'officeKey',
    )
    expect(key?.sealed).toContain('jiuzhu-office-keys')
    expect(key?.sealed).not.toMatch(/PrivateKey/)
    // the key holds the 国密 pairs too: their fingerprint is shown beside the other, labelled 国密指纹
    const sm2Text = (await basic.page.getByTestId('own-sm2-fingerprint').textContent()) ?? ''
    basicSm2 = (sm2Text.replace(/[\s-]/g, '').match(/.{1,5}/g) ?? []).join('-')
    expect(basicSm2).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/)
    expect(basicSm2).not.toBe(fp.basic)
    expect(JSON.parse(key?.sealed ?? '{}')).toMatchObject({ version: 3, sm2KeyId: basicSm2.replaceAll('-', '') })
  })

  it('enrollment: the 市 refuses a wrong fingerprint, then enrolls the 基层 on the right one; and back', async () => {
    await exchangeTab(basic.page, '本院身份与单位目录')
    const basicEnrollment = await exportFrom(basic, '导出入网登记包', ADMIN.password, 'identity-outcome')
    await pick(city.page, basicEnrollment)
    await city.page.getByText('本院的下级单位').waitFor()
    await city.page.getByText('北京市朝阳区人民检察院（110105，基层院）').first().waitFor()
    expect(await city.page.getByTestId('enrol-sm2-fingerprint').textContent()).toBe(basicSm2)
    const wrong = `${fp.basic.slice(0, -1)}${fp.basic.endsWith('0') ? '1' : '0'}`
    await city.page.getByLabel('对方读出的指纹').fill(wrong)
    await city.page.getByRole('button', { name: '核对指纹并登记' }).click()
    await city.page
      .getByTestId('import-outcome')
      .getByText(/指纹与数据包中的密钥指纹不一致/)
      .waitFor()
    await shot(city.page, 'exchange-02-fingerprint-refused')
    expect(((await readStore(city.page, 'exchange')) as { key: string }[]).map((r) => r.key)).not.toContain(
      'peer:110105',
    )
    await city.page.getByLabel('对方读出的指纹').fill(fp.basic.toLowerCase().replaceAll('-', ' '))
    await city.page.getByRole('button', { name: '核对指纹并登记' }).click()
    await city.page
      .getByTestId('import-outcome')
      .getByText('指纹一致，已登记下级单位：北京市朝阳区人民检察院（110105）')
      .waitFor()

    await exchangeTab(city.page, '本院身份与单位目录')
    const cityEnrollment = await exportFrom(city, '导出入网登记包', CITY.admin.password, 'identity-outcome')
    await city.page.getByRole('cell', { name: '北京市朝阳区人民检察院' }).waitFor()
    await shot(city.page, 'exchange-03-directory')
    await enroll(basic.page, cityEnrollment, fp.city, /已登记上级院：北京市人民检察院第三分院/)
    await enroll(province.page, cityEnrollment, fp.city, /已登记下级单位：北京市人民检察院第三分院/)
    await exchangeTab(province.page, '本院身份与单位目录')
    const provinceEnrollment = await exportFrom(province, '导出入网登记包', PROVINCE.admin.password, 'identity-outcome')
    await enroll(city.page, provinceEnrollment, fp.province, /已登记上级院：北京市人民检察院/)
    // The 省 is not the 基层's parent: its enrollment is refused there, with the reason.
    await pick(basic.page, provinceEnrollment)
    await basic.page
      .getByTestId('import-outcome')
      .getByText(/既不是本院.*的下级单位，也不是本院的上级院/)
      .waitFor()
  })

  it('a case registered at the 基层院', async () => {
    const page = basic.page
    await goTo(page, '用户与审计')
    await page.getByRole('tab', { name: '用户管理' }).click()
    await createUser(page, PROCURATOR)
    await signOut(page)
    await signInAs(page, PROCURATOR.username, PROCURATOR.password)
    await goTo(page, '案件办理')
    await page.getByRole('button', { name: '受理登记' }).click()
    await field(page, '申请人姓名').fill('陈五')
    await field(page, '申请人证件号码').fill(APPLICANT_ID)
    await page.getByText(/号码有效：出生日期 1985-03-01/).waitFor()
    await page.getByLabel('重伤').check()
    for (const item of ['救助申请书', '申请人身份证明', '实际损害证明', '申请人及家庭生活困难证明', '已获赔偿']) {
      await page.getByLabel(new RegExp(`^已收取：${item}`)).check()
    }
    await page.getByRole('button', { name: '保存登记' }).click()
    await page.getByText('办理经过').waitFor()
    caseNo = ((await readStore(page, 'cases')) as { caseNo: string }[])[0].caseNo
    expect(caseNo).toMatch(/^朝检控救〔\d{4}〕1号$/)
    // A scan with the case: its bytes travel up with the archives (docs/exchange.md “扫描件随上报数据”).
    const scans = page
      .locator('.ant-card')
      .filter({ has: page.locator('.ant-card-head-title', { hasText: /^材料扫描件$/ }) })
    await scans.getByRole('button', { name: '添加扫描件' }).waitFor()
    await scans.locator('input[type=file]').setInputFiles({ name: '伤情鉴定.png', mimeType: 'image/png', buffer: SCAN })
    await page.getByText('已添加扫描件：伤情鉴定.png').waitFor()
    await signOut(page)
    await signInAs(page, ADMIN.username, ADMIN.password)
    await page.getByTestId('current-user').waitFor()
  })

  it('基层 → 市: the archive, the preview by office and table, commit, the ack; a re-import changes nothing', async () => {
    await exchangeTab(basic.page, '上报上级院')
    await basic.page.getByRole('table', { name: '上级院持有情况' }).getByText('3 条').waitFor()
    firstArchive = await exportFrom(basic, '导出上报数据包', ADMIN.password, 'upward-outcome')
    expect(firstArchive).toMatch(/archive_110105_110300_1_\d{8}\.jzb$/)

    const preview = city.page.getByTestId('import-preview')
    const ack = await importBundle(city, firstArchive, CITY.admin.password, 'exchange-04-archive-preview')
    expect(ack).toMatch(/ack_110300_110105_1_\d{8}\.jzb$/)
    await city.page
      .getByTestId('import-outcome')
      .getByText(/新增 3 条，更新 0 条，未变 1 条，拒收 0 条/)
      .waitFor()
    expect(await preview.count()).toBe(0)
    const cases = (await readStore(city.page, 'cases')) as { ownerUnit: string; caseNo: string }[]
    expect(cases).toMatchObject([{ ownerUnit: '110105', caseNo }])

    // The same file again: recognised, nothing changes.
    const before = await readStore(city.page, 'audit')
    await pick(city.page, firstArchive)
    await city.page.getByLabel('本院密钥口令').fill(CITY.admin.password)
    await city.page.getByRole('button', { name: '解密并预览' }).click()
    await preview.getByText(/此数据包已于 .* 导入，再次导入不会改动任何数据/).waitFor()
    await shot(city.page, 'exchange-05-reimport')
    expect(await readStore(city.page, 'audit')).toEqual(before)
    expect(await city.page.getByRole('button', { name: '确认导入' }).count()).toBe(0)

    // The 基层 imports the acknowledgement: its parent now holds everything.
    await importBundle(basic, ack as string, ADMIN.password)
    await basic.page
      .getByTestId('import-outcome')
      .getByText(/确认收到本院第 1 号上报数据/)
      .waitFor()
    await exchangeTab(basic.page, '上报上级院')
    await basic.page.getByRole('table', { name: '上级院持有情况' }).getByText('已全部确认').waitFor()
    await basic.page.getByRole('cell', { name: '已确认' }).waitFor()
    await shot(basic.page, 'exchange-06-parent-holds')
  })

  it('refusals, each with its reason and nothing written: wrong receiver, tampered file', async () => {
    await pick(province.page, firstArchive)
    await province.page
      .getByTestId('import-outcome')
      .getByText(/不是发给本院（110000）的/)
      .waitFor()
    await shot(province.page, 'exchange-07-wrong-receiver')
    expect(await readStore(province.page, 'cases')).toEqual([])

    const tampered = join(city.exportDir, 'tampered.jzb')
    const bytes = await readFile(firstArchive)
    bytes[bytes.length - 300] ^= 0x40
    await writeFile(tampered, bytes)
    const auditBefore = await readStore(city.page, 'audit')
    // One flipped bit: caught by the container's checksums before anything is decrypted.
    await pick(city.page, tampered)
    await city.page
      .getByTestId('import-outcome')
      .getByText(/数据包已损坏.*未导入任何数据/)
      .waitFor()
    await shot(city.page, 'exchange-07b-tampered')
    expect(await readStore(city.page, 'audit')).toEqual(auditBefore)
  })

  it('市 → 省: the 基层 case relayed unchanged; the 省 sees it read-only; the ack goes back to the 市', async () => {
    await exchangeTab(city.page, '上报上级院')
    const relay = await exportFrom(city, '导出上报数据包', CITY.admin.password, 'upward-outcome')
    const carried = join(province.exportDir, 'from-city.jzb')
    await copyFile(relay, carried)
    const preview = province.page.getByTestId('import-preview')
    await pick(province.page, carried)
    await province.page.getByLabel('本院密钥口令').fill(PROVINCE.admin.password)
    await province.page.getByRole('button', { name: '解密并预览' }).click()
    await preview.getByRole('cell', { name: '北京市朝阳区人民检察院（110105）' }).first().waitFor()
    await shot(province.page, 'exchange-08-relay-preview')
    await province.page.getByRole('button', { name: '确认导入' }).click()
    await province.page
      .getByTestId('import-outcome')
      .getByText(/新增 4 条，更新 0 条，未变 1 条，拒收 0 条/)
      .waitFor()
    const ackText =
      (await province.page
        .getByTestId('ack-outcome')
        .getByText(/回执已生成：/)
        .textContent()) ?? ''
    const ack = join(province.exportDir, '数据交换', /(ack_\S+\.jzb)/.exec(ackText)?.[1] as string)

    const atBasic = ((await readStore(basic.page, 'cases')) as { id: string }[])[0]
    const atProvince = ((await readStore(province.page, 'cases')) as { id: string }[])[0]
    expect(atProvince).toEqual(atBasic)

    await exchangeTab(province.page, '下级院数据')
    const offices = province.page.getByRole('table', { name: '下级单位与本院持有的数据' })
    await offices.getByText('直属，已登记').waitFor()
    await offices.getByText('经 110300 转报').waitFor()
    await province.page.getByRole('cell', { name: caseNo }).waitFor()
    await shot(province.page, 'exchange-09-subordinate-cases')
    await province.page.getByRole('cell', { name: caseNo }).click()
    // the owning office by its name from the units table; its staff (whose accounts do not travel) not as ids
    await province.page.getByText('北京市朝阳区人民检察院的案件（只读副本）').waitFor()
    await province.page.getByText('接收人：（下级院人员）').waitFor()
    expect(await province.page.getByText(/110105-[0-9A-Z]{26}/).count()).toBe(0)
    await shot(province.page, 'exchange-10-replica-case')
    // The relayed scan opens on the replica page, checked against its recorded SHA-256.
    const scanCard = province.page
      .locator('.ant-card')
      .filter({ has: province.page.locator('.ant-card-head-title', { hasText: /^材料扫描件$/ }) })
    await scanCard.getByRole('cell', { name: '伤情鉴定.png' }).waitFor()
    expect(await scanCard.getByRole('button', { name: '添加扫描件' }).count()).toBe(0)
    await scanCard.getByRole('button', { name: '查看' }).click()
    await province.page.getByText('文件内容与登记时的校验值一致。').waitFor()
    await province.page.getByRole('img', { name: '伤情鉴定.png' }).waitFor()
    await shot(province.page, 'exchange-10b-replica-scan')
    await province.page.keyboard.press('Escape')

    await importBundle(city, ack, CITY.admin.password)
    await city.page
      .getByTestId('import-outcome')
      .getByText(/确认收到本院第 1 号上报数据/)
      .waitFor()
    await exchangeTab(city.page, '上报上级院')
    await city.page.getByRole('table', { name: '上级院持有情况' }).getByText('已全部确认').first().waitFor()
  })

  it("the 省's 台账 lists the 基层 case among its subordinates' cases", async () => {
    await goTo(province.page, '台账')
    const row = province.page.getByRole('row', { name: new RegExp(caseNo.replace(/[〔〕]/g, '.')) })
    await row.getByRole('cell', { name: '朝检', exact: true }).waitFor()
    await row.getByRole('cell', { name: '陈五' }).first().waitFor()
    await shot(province.page, 'exchange-11-province-register')
  })

  it("the 省's 统计报表 counts the 基层 case: the roll-up has it under the 基层 and the 市, none at the 省 itself", async () => {
    const page = province.page
    await goTo(page, '统计报表')
    await page.locator('label.ant-radio-button-wrapper', { hasText: '统计表' }).click()
    for (const [label, option] of [
      ['期间类型', '年度'],
      ['年份', `${chinaToday().slice(0, 4)}年`],
    ]) {
      await page.getByLabel(label, { exact: true }).click()
      await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click()
    }
    await page.getByRole('button', { name: '生成报表' }).click()
    await page.getByTestId('report-preview').waitFor()
    await page.getByRole('radiogroup', { name: '报表视图' }).getByText('汇总表（按单位）').click()
    await page.getByTestId('report-title').getByText('国家司法救助工作情况汇总表').waitFor()
    const rows = await page
      .getByTestId('report-table')
      .locator('.ant-table-tbody > tr.ant-table-row')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll(':scope > td')].map((td) => td.textContent ?? '')))
    // columns: 单位, 移送线索, 告知, 收到申请, 受理 …
    const applied = new Map(rows.map((r) => [r[0].trim(), r[3]]))
    // the roll-up names offices in full (a signed form names each office as it is)
    expect(applied.get('北京市朝阳区人民检察院')).toBe('1')
    expect(applied.get(`${CITY.name}小计`)).toBe('1')
    expect(applied.get(`${CITY.name}（本级）`)).toBe('0')
    expect(applied.get(`${PROVINCE.name}（本级）`)).toBe('0')
    expect(applied.get('合计')).toBe('1')
    await shot(page, 'exchange-12-province-rollup')
  })
})
