import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { readLegacyFile } from '../../../electron/services/legacyImport'
import { detectHeader, headerLabels, suggestMapping } from '../../../shared/legacyImport/fields'
import { checkRows, grantKey } from '../../../shared/legacyImport/rows'
import type { LegacySheet } from '../../../shared/legacyImport/sheet'
import {
  gbkEncode,
  ID_A,
  ID_B,
  ID_C,
  ID_D,
  registerCsv,
  registerXlsx,
  statedReasons,
  trapRows,
} from '../../legacyCorpus'

const TODAY = '2026-12-07'

function check(sheet: LegacySheet, held = new Map()) {
  const header = detectHeader(sheet)
  if (!header) throw new Error('no header')
  const labels = headerLabels(sheet, header.top, header.bottom)
  const mapping = suggestMapping(labels)
  return {
    header,
    labels,
    mapping,
    verdicts: checkRows({ sheet, header, mapping, headerLabels: labels, today: TODAY, held }),
  }
}

describe('历史台账导入: the generated register corpus, read in the main process and checked', () => {
  it('finds the two-row merged header under the title and suggests every column', async () => {
    const wb = await readLegacyFile(await registerXlsx(), '2021-2024救助台账.xlsx')
    expect(wb.format).toBe('xlsx')
    const { header, labels, mapping } = check(wb.sheets[0])
    expect(header).toEqual({ top: 1, bottom: 2 })
    expect(labels.slice(0, 3)).toEqual(['序号', '申请人/姓名', '申请人/身份证号码'])
    expect(mapping).toEqual({
      applicantName: 1,
      applicantId: 2,
      victimName: 3,
      underlyingCaseNo: 4,
      decisionDate: 5,
      amount: 6,
      fundSources: 7,
      paidDate: 8,
    })
  })

  it('gives every trap row its verdict and reason', async () => {
    const wb = await readLegacyFile(await registerXlsx(), '台账.xlsx')
    const { verdicts } = check(wb.sheets[0])
    expect(verdicts.map((v) => v.row)).toEqual(trapRows.map((_, i) => i + 4))
    trapRows.forEach((t, i) => {
      expect(verdicts[i].kind, `row ${i + 4}`).toBe(t.kind)
    })
    const stated = statedReasons(verdicts)
    expect(stated.length).toBeGreaterThan(8)
    for (const r of stated) expect(r.gave, r.row).toContain(r.says)
    const [a, b, c, d] = verdicts
    expect(a.facts).toMatchObject({
      applicant: { name: '张三', idNumber: ID_A },
      amountFen: 3_000_000,
      fundSources: ['central', 'province'],
      paidDate: '2021-03-20',
    })
    expect(b.facts).toMatchObject({
      applicant: { idNumber: ID_B },
      decisionDate: '2022-03-30',
      paidDate: '2022-04-09',
      amountFen: 1_250_050,
    })
    expect(c.facts).toMatchObject({
      applicant: { idNumber: ID_C },
      decisionDate: '2023-03-01',
      paidDate: '2023-03-15',
      amountFen: 1_500_000,
    })
    expect(d.facts).toMatchObject({ applicant: { idNumber: ID_D }, decisionDate: '2024-05-06', amountFen: 1_200_000 })
    expect(d.facts?.paidDate).toBeUndefined()
    // the rejected row names its column
    expect(verdicts[4].problems[0].column).toBe('C 申请人/身份证号码')
  })

  it('reads serial dates of a 1904-system workbook in that system', async () => {
    const row = [1, '李四', ID_B, null, '宁检刑诉(2022)55号', 44255, 5000, '县级', null, null]
    const wb = await readLegacyFile(await registerXlsx({ rows: [row], date1904: true }), '台账1904.xlsx')
    expect(wb.sheets[0].date1904).toBe(true)
    expect(check(wb.sheets[0]).verdicts[0].facts?.decisionDate).toBe('2025-03-01')
  })

  it('matches a row to a case held here, and calls an identical earlier import unchanged', async () => {
    const wb = await readLegacyFile(await registerXlsx(), '台账.xlsx')
    const held = new Map([
      [grantKey(ID_A, '京朝检刑诉〔2021〕101号'), { caseLabel: '京朝检救〔2021〕1号' }],
      [
        grantKey(ID_B, '宁检刑诉（2022）55号'),
        { caseLabel: '历史导入', importedFrom: 'x.xlsx', decisionDate: '2022-03-30', amountFen: 1_250_050 },
      ],
    ])
    const { verdicts } = check(wb.sheets[0], held)
    expect(verdicts[0]).toMatchObject({ kind: 'matched', existing: '京朝检救〔2021〕1号' })
    expect(verdicts[1]).toMatchObject({ kind: 'unchanged' })
  })

  it('reads a GBK CSV and a UTF-8 CSV with BOM to the same cells', async () => {
    const rows = [
      ['申请人姓名', '身份证号码', '原案件编号', '决定日期', '救助金额（万元）'],
      ['王五', ID_C, '深检刑诉〔2023〕7号', '2023/3/1', '1.5'],
      ['孙八', '1.10101E+17', '京检〔2021〕2号', '2021/1/6', '1'],
    ]
    const text = registerCsv(rows)
    const gbk = await readLegacyFile(gbkEncode(text), '台账.csv')
    const utf8 = await readLegacyFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), '台账.csv')
    expect(gbk.encoding).toBe('gb18030')
    expect(utf8.encoding).toBe('utf-8')
    expect(gbk.sheets[0].rows).toEqual(utf8.sheets[0].rows)
    const { verdicts } = check(gbk.sheets[0])
    expect(verdicts[0].facts).toMatchObject({ applicant: { name: '王五' }, amountFen: 1_500_000 })
    expect(verdicts[1].kind).toBe('rejected')
    expect(verdicts[1].problems[0].message).toContain('请把该列设置为文本格式后重新导出')
  })
})

describe('历史台账导入: hostile files are refused before anything is read', () => {
  it('refuses a zip bomb (an entry inflating past the cap) without expanding it', async () => {
    const { unzipSync, zipSync } = await import('fflate')
    const files = unzipSync(await registerXlsx())
    files['xl/media/image1.png'] = new Uint8Array(16 << 20) // 16 MiB of zeros, ~16 KB deflated
    const bomb = Buffer.from(zipSync(files, { level: 9 }))
    expect(bomb.length).toBeLessThan(1 << 20)
    const small = {
      maxFileBytes: 1 << 30,
      maxZipEntries: 100,
      maxEntryBytes: 4 << 20,
      maxTotalBytes: 8 << 20,
      maxRows: 1e6,
      maxCells: 1e7,
      maxColumns: 200,
    }
    await expect(readLegacyFile(bomb, 'bomb.xlsx', small)).rejects.toMatchObject({ code: 'legacy.zip-bomb' })
  })

  it('refuses a huge sheet, a file too large, a workbook with external links and an unknown type', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('台账')
    for (let i = 0; i < 300; i++) ws.addRow([i, '张三'])
    const bytes = Buffer.from(await wb.xlsx.writeBuffer())
    const limits = {
      maxFileBytes: 1 << 30,
      maxZipEntries: 100,
      maxEntryBytes: 1 << 28,
      maxTotalBytes: 1 << 29,
      maxRows: 200,
      maxCells: 1e7,
      maxColumns: 200,
    }
    await expect(readLegacyFile(bytes, 'huge.xlsx', limits)).rejects.toMatchObject({ code: 'legacy.too-many-rows' })
    await expect(readLegacyFile(bytes, 'big.xlsx', { ...limits, maxFileBytes: 100 })).rejects.toMatchObject({
      code: 'legacy.file-too-large',
    })
    await expect(readLegacyFile(bytes, '台账.pdf')).rejects.toMatchObject({ code: 'legacy.file-type' })
    const linked = await withExternalLink(bytes)
    await expect(readLegacyFile(linked, 'linked.xlsx')).rejects.toMatchObject({ code: 'legacy.external-links' })
    await expect(readLegacyFile(Buffer.from('not a zip at all'), 'fake.xlsx')).rejects.toMatchObject({
      code: 'legacy.file-damaged',
    })
  })
})

/** The workbook with an `xl/externalLinks/externalLink1.xml` part, as Excel writes for a link to another file. */
async function withExternalLink(bytes: Buffer): Promise<Buffer> {
  const { unzipSync, zipSync, strToU8 } = await import('fflate')
  const files = unzipSync(bytes)
  files['xl/externalLinks/externalLink1.xml'] = strToU8(
    '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
  )
  return Buffer.from(zipSync(files))
}
