import 'fake-indexeddb/auto'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { afterAll, assert, beforeAll, describe, expect, it, vi } from 'vitest'
import { reportCommand } from '../../../electron/cli/report'
import { writeWorkbookXlsx } from '../../../electron/services/excel/writeTable'
import { execute, getSetting, updateSetting } from '../../../renderer/src/db'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { REPORT_FORM_DEFAULT, type ReportForm } from '../../../shared/domain/reportForm'
import { buildPaymentsReport } from '../../../shared/report/definitions/payments'
import { buildStatsReport } from '../../../shared/report/definitions/stats'
import { buildTimelinessReport } from '../../../shared/report/definitions/timeliness'
import { formLine, SEAL_LABEL, signatureParts } from '../../../shared/report/furniture'
import { parsePeriod } from '../../../shared/report/period'
import { admin, freshDb, setUp, snapshot } from '../db/fixtures'
import { generateDataset, units, writeDataset } from './fixtures'
import { tempDir } from './tempDir'
import { cellValue, readWorkbook } from './xlsx'

/*
 * Form furniture (issue 16): 表号 and 制表机关 under the title; 单位负责人 / 审核人 / 填报人 / 联系电话 / 填报日期 and the
 * place for the seal under the notes — from the office's reportForm setting, written through the settings command,
 * and in the CLI from the data directory's settings.json.
 */

const tmp = tempDir('report-furniture-')
const ds = generateDataset()
const form: ReportForm = {
  issuer: '最高人民检察院',
  formCodes: { stats: '高检救统1表', payments: '高检救统2表', timeliness: '高检救统3表' },
  unitHead: '王检察长',
  reviewer: '李审核',
  preparer: '张填报',
  phone: '0571-87654321',
}

/** Every text cell of a sheet. */
function texts(ws: import('exceljs').Worksheet): string[] {
  const out: string[] = []
  ws.eachRow((row) => row.eachCell((c) => void (typeof cellValue(c) === 'string' && out.push(String(cellValue(c))))))
  return out
}

/** The parts of the signature line (cells of one row; with few columns the last cell holds the rest). */
function signatureLine(ws: import('exceljs').Worksheet): string[] {
  const parts: string[] = []
  ws.eachRow((row) => {
    const cells: string[] = []
    row.eachCell((c) => {
      // a merged range reads its text in every cell: take the master only
      if (c.master.address === c.address && typeof cellValue(c) === 'string') cells.push(String(cellValue(c)))
    })
    if (/^(单位负责人|联系电话)：/.test(cells[0] ?? '')) parts.push(...cells.join('　　').split(/　+/))
  })
  return parts
}

describe('the form furniture of every report', () => {
  it('prints 表号 and 制表机关 under the title and the signatories, phone, date and seal under the notes', async () => {
    const run = {
      scope: { unitCode: '330000', units },
      generatedAt: '2026-07-01T02:00:00.000Z',
      generatedBy: '统计员甲',
      period: parsePeriod('2025'),
      signatures: { preparer: form.preparer, reviewer: form.reviewer, unitHead: form.unitHead, phone: form.phone },
      form: { issuer: form.issuer, codes: form.formCodes },
    }
    const tables = [
      ...(await buildStatsReport(ds, run)).tables,
      (await buildPaymentsReport(ds, run)).table,
      (await buildTimelinessReport(ds, run)).table,
    ]
    const path = tmp.path('furniture.xlsx')
    await writeWorkbookXlsx(path, tables)
    const wb = await readWorkbook(path)
    const code: Record<string, string> = {
      统计表: '高检救统1表',
      汇总表: '高检救统1表',
      重点群体: '高检救统1表',
      对象类别: '高检救统1表',
      发放明细: '高检救统2表',
      办案时限: '高检救统3表',
    }
    for (const [sheet, c] of Object.entries(code)) {
      const all = texts(wb.getWorksheet(sheet)!)
      expect(all, sheet).toContain(`表号：${c}　　制表机关：最高人民检察院`)
      expect(signatureLine(wb.getWorksheet(sheet)!), sheet).toEqual([
        '单位负责人：王检察长',
        '审核人：李审核',
        '填报人：张填报',
        '联系电话：0571-87654321',
        '填报日期：2026年7月1日',
      ])
      expect(all, sheet).toContain(SEAL_LABEL)
    }
    // the wording is one function for the screen and the sheet
    expect(formLine({ formCode: 'X', formIssuer: 'Y' })).toBe('表号：X　　制表机关：Y')
    expect(formLine({ formIssuer: '最高人民检察院' })).toBe('制表机关：最高人民检察院')
    expect(signatureParts({})).toEqual(['单位负责人：', '审核人：', '填报人：', '联系电话：', '填报日期：'])
  })
})

describe('the reportForm setting', () => {
  let db: JiuzhuDb
  beforeAll(async () => {
    db = freshDb()
    await db.open()
    await setUp(db)
  })
  afterAll(() => db.close())

  it('defaults to 制表机关 最高人民检察院 and no 表号 or names; the administrator changes it through the command layer', async () => {
    expect(await getSetting(db, 'reportForm')).toEqual(REPORT_FORM_DEFAULT)
    const res = await execute(db, updateSetting, admin, { key: 'reportForm', value: form })
    expect(res.ok).toBe(true)
    expect(await getSetting(db, 'reportForm')).toEqual(form)
    const audit = await db.audit.toArray()
    expect(audit.at(-1)).toMatchObject({ command: 'settings.update' })
  })

  it('refuses a bad phone number or an over-long name in Chinese and keeps what was stored', async () => {
    const before = await snapshot(db)
    const bad = await execute(db, updateSetting, admin, { key: 'reportForm', value: { ...form, phone: 'call me' } })
    assert(!bad.ok, 'expected bad to be refused')
    expect(bad.error.message).toContain('联系电话只能填写数字、短横线、括号和“转”')
    const long = await execute(db, updateSetting, admin, {
      key: 'reportForm',
      value: { ...form, unitHead: '王'.repeat(51) },
    })
    assert(!long.ok, 'expected long to be refused')
    expect(long.error.message).toContain('单位负责人不能超过 50 个字')
    expect(await snapshot(db)).toEqual(before)
  })
})

describe('npm run cli -- report with the data directory’s settings.json', () => {
  async function cli(...args: string[]): Promise<{ code: number; err: string }> {
    const err: string[] = []
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined)
    const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')))
    try {
      return { code: await reportCommand(args, () => new Date('2026-07-01T02:00:00.000Z')), err: err.join('\n') }
    } finally {
      log.mockRestore()
      error.mockRestore()
    }
  }

  it('prints the settings’ 表号, 制表机关 and signatories; an option on the command line wins', async () => {
    const data = tmp.path('data')
    await writeDataset(data, ds)
    await writeFile(`${data}/settings.json`, JSON.stringify({ reportForm: { ...form, unitHead: '' } }))
    const out = tmp.path('cli.xlsx')
    const r = await cli('all', '--in', data, '--period', '2025', '--out', out, '--reviewer', '赵复核')
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const wb = await readWorkbook(out)
    for (const [sheet, c] of [
      ['统计表', '高检救统1表'],
      ['发放明细', '高检救统2表'],
      ['办案时限', '高检救统3表'],
    ]) {
      const all = texts(wb.getWorksheet(sheet)!)
      expect(all, sheet).toContain(`表号：${c}　　制表机关：最高人民检察院`)
      expect(signatureLine(wb.getWorksheet(sheet)!), sheet).toEqual([
        '单位负责人：',
        '审核人：赵复核',
        '填报人：张填报',
        '联系电话：0571-87654321',
        '填报日期：2026年7月1日',
      ])
    }
  })

  it('refuses settings that do not pass the schema (exit 1, in Chinese, nothing written)', async () => {
    const data = tmp.path('bad')
    await writeDataset(data, ds)
    await writeFile(`${data}/settings.ndjson`, `${JSON.stringify({ key: 'reportForm', value: { phone: 'abc' } })}\n`)
    const out = tmp.path('bad.xlsx')
    const r = await cli('stats', '--in', data, '--period', '2025', '--out', out)
    expect(r.code).toBe(1)
    expect(r.err).toContain('统计报表表式与签署有误')
    expect(r.err).toContain('联系电话只能填写数字、短横线、括号和“转”')
    expect(existsSync(out)).toBe(false)
  })
})
