import { copyFile, readdir } from 'node:fs/promises'
import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ID_A, registerXlsx } from '../legacyCorpus'
import { act, BEIJING_WAGE, fillGrantProposal, recordWage, registerApplication, switchUser } from './caseSteps'
import { completeSetup, createUser, goTo, type Office, RESULTS, readStore, shot, startOffice } from './harness'

/**
 * 数据导入 — 历史台账 in browser mode, by the visible Chinese labels: 控申 picks the office's old register (the
 * generated corpus: title, two-row merged header, every trap), the header and columns are suggested, the check
 * shows 新增 4 / 拒收 7 / 跳过 4 with each reason, the error report comes out as xlsx, the import is one command;
 * then a new application by the same person for the same underlying case is refused at its proposal with the rule's
 * 依据, and the 2021 统计表 counts the imported grant and names the file in its provenance.
 */
type Page = Office['page']
const KS = { username: 'chengban', name: '张承办', role: '控申承办检察官', password: 'Shencha2026' }
const FILE = '2021-2024救助台账.xlsx'

describe('数据导入: an office’s old register imported, then part of its history', () => {
  let office: Office
  let page: Page

  beforeAll(async () => {
    office = await startOffice()
    page = office.page
    await completeSetup(page)
  })
  afterAll(async () => office?.close())
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail') await shot(page, `legacy-failed-${ctx.task.name.slice(0, 16)}`)
  })

  it('the administrator adds the 控申 account and the wage standard, and 控申 signs in', async () => {
    await goTo(page, '用户与审计')
    await page.getByRole('tab', { name: '用户管理' }).click()
    await createUser(page, KS)
    await recordWage(page, BEIJING_WAGE)
    await switchUser(page, KS)
  })

  it('控申 picks the register: header rows and columns are suggested from the merged two-row header', async () => {
    await goTo(page, '数据导入')
    await page
      .getByLabel('选择台账文件')
      .setInputFiles({ name: FILE, mimeType: 'application/octet-stream', buffer: await registerXlsx() })
    await page
      .getByTestId('legacy-file')
      .getByText(/2021-2024救助台账\.xlsx（Excel 工作簿，1 个工作表；SHA-256 [0-9a-f]{64}）/)
      .waitFor()
    expect(await page.getByLabel('表头首行').inputValue()).toBe('2')
    expect(await page.getByLabel('表头末行').inputValue()).toBe('3')
    await page.getByTitle('C 列：申请人/身份证号码').waitFor()
    await page.getByTitle('G 列：救助金额(元)').waitFor()
    await shot(page, 'legacy-01-mapping')
  })

  it('the check gives every row its verdict; the error report lists the rejected rows with column and reason', async () => {
    await page.getByRole('button', { name: '检查' }).click()
    const counts = page.getByTestId('legacy-counts')
    await counts.getByText('新增 4 行').waitFor()
    await counts.getByText('拒收 7 行').waitFor()
    await counts.getByText('跳过 4 行').waitFor()
    const verdicts = page.getByTestId('legacy-verdicts')
    await verdicts
      .getByText(/请把该列设置为文本格式后重新导出/)
      .first()
      .waitFor()
    await verdicts.getByText(/与本文件第 4 行是同一人同一原案件/).waitFor()
    await shot(page, 'legacy-02-check')
    await page.getByRole('button', { name: '导出错误报告' }).click()
    await page.getByText('错误报告已导出').waitFor()
    const files = (await readdir(office.exportDir)).filter((f) => f.startsWith('导入错误报告'))
    expect(files).toHaveLength(1)
    const path = `${office.exportDir}/${files[0]}`
    await copyFile(path, `${RESULTS}/legacy-error-report.xlsx`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path)
    const text: string[] = []
    wb.worksheets[0].eachRow((r) => {
      text.push((r.values as unknown[]).map((v) => (v === undefined || v === null ? '' : String(v))).join('|'))
    })
    expect(
      text.some((l) => l.startsWith('|8|C 申请人/身份证号码|拒收|') && l.includes('请把该列设置为文本格式后重新导出')),
    ).toBe(true)
    expect(text.some((l) => l.startsWith('|16|（整行）|跳过|') && l.includes('合计行'))).toBe(true)
    expect(await readStore(page, 'cases')).toHaveLength(0)
  })

  it('确认导入 writes the 4 new rows as 历史导入 cases in one command; checking again shows them unchanged', async () => {
    await page.getByRole('button', { name: '确认导入 4 件' }).click()
    await page.getByTestId('legacy-outcome').getByText('已导入 4 件历史案件').waitFor()
    await page.getByTestId('legacy-counts').getByText('已导入，未变 4 行').waitFor()
    await page.getByTestId('legacy-imports').getByText(FILE).waitFor()
    const cases = (await readStore(page, 'cases')) as { legacyImport?: { fileName: string } }[]
    expect(cases).toHaveLength(4)
    expect(cases.every((c) => c.legacyImport?.fileName === FILE)).toBe(true)
    const audit = (await readStore(page, 'audit')) as { command: string }[]
    expect(audit.filter((e) => e.command === 'legacy.import').length).toBeGreaterThanOrEqual(3)
    await shot(page, 'legacy-03-imported')
  })

  it('a second grant to the same person for the same underlying case is refused, with the rule’s 依据', async () => {
    await registerApplication(page, { name: '张三', idNumber: ID_A, underlying: '京朝检刑诉（2021）101号' })
    await page
      .getByTestId('one-time-findings')
      .getByText(/2021-03-05.*同一案件的同一救助对象只救助一次/)
      .waitFor()
    await act(page, '受理')
    await act(page, '开始审查')
    await act(page, '登记审查核实情况', async (d) => {
      await d.getByLabel('核实结果').fill('经走访，家庭确无其他收入')
      await d.getByText('已查询本院及上级下发数据，核实无重复救助').click()
    })
    const d = await fillGrantProposal(page, '20000')
    // the dialog shows the legal gate's refusal with its source before anything is submitted …
    const refusal = d.getByText(
      /已于 2021-03-05 由北京市朝阳区人民检察院（110105）就案件 京朝检刑诉〔2021〕101号 获得救助/,
    )
    await refusal.waitFor()
    await d.getByText(/依据：对同一案件的同一救助对象只救助一次/).waitFor()
    // … and confirming is refused; the case stays under review
    await d.getByRole('button', { name: '确认办理' }).click()
    await page.getByText('依法审查有“不能提交”的问题，请先处理。').first().waitFor()
    const cases = (await readStore(page, 'cases')) as { state: string; legacyImport?: unknown }[]
    expect(cases.filter((c) => !c.legacyImport).map((c) => c.state)).toEqual(['review'])
    await d.getByRole('button', { name: /取\s*消/ }).click()
    await d.waitFor({ state: 'detached' })
    await shot(page, 'legacy-04-second-grant-refused')
  })

  it('the 2021 统计表 counts the imported grant and names the import in its provenance', async () => {
    await goTo(page, '统计报表')
    await page.locator('label.ant-radio-button-wrapper', { hasText: '统计表' }).first().click()
    for (const [label, option] of [
      ['期间类型', '年度'],
      ['年份', '2021年'],
    ]) {
      await page.getByLabel(label, { exact: true }).click()
      await page.locator('.ant-select-dropdown:visible').getByTitle(option, { exact: true }).click()
    }
    await page.getByRole('button', { name: '生成报表' }).click()
    await page.getByTestId('report-preview').waitFor()
    await page
      .getByTestId('report-provenance')
      .getByText(new RegExp(`其中历史导入：${FILE}（SHA-256 [0-9a-f]{64}，4 件`))
      .waitFor()
    await page.getByTestId('report-table').getByText('30,000.00').first().waitFor()
    await shot(page, 'legacy-05-statistics')
  })
})
