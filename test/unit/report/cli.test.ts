import { appendFile, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { parseHierarchy, reportCommand, tableOfFile } from '../../../electron/cli/report'
import { buildPaymentsReport } from '../../../shared/report/definitions/payments'
import { buildStatsReport } from '../../../shared/report/definitions/stats'
import { parsePeriod } from '../../../shared/report/period'
import type { TableModelParsed } from '../../../shared/report/tableModel'
import { dataOffices, generateDataset, tableNames, units, writeDataset } from './fixtures'
import { bodyRows, readWorkbook } from './xlsx'

const ds = generateDataset()
let dir = ''
let data = ''
const now = () => new Date('2026-07-01T02:00:00.000Z')

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')))
  const error = vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')))
  try {
    const code = await reportCommand(args, now)
    return { code, out: out.join('\n'), err: err.join('\n') }
  } finally {
    log.mockRestore()
    error.mockRestore()
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'report-cli-'))
  data = join(dir, 'province')
  await writeDataset(data, ds)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Each table's sheet in the workbook has its rows (money in 元; a section heading's row is its first cell). */
function expectSheets(wb: Awaited<ReturnType<typeof readWorkbook>>, tables: readonly TableModelParsed[]) {
  for (const t of tables) {
    const rows = bodyRows(wb.getWorksheet(t.sheetName)!, t.headerRows.length, t.columns.length)
    const want = t.rows.map((row) =>
      row.map((v, i) => (typeof v === 'number' && t.columns[i].kind === 'fen' ? v / 100 : v)),
    )
    expect(
      rows.map((row) => row.map((v, i) => (t.rowStyles[String(rows.indexOf(row))] === 'section' && i > 0 ? null : v))),
    ).toEqual(
      want.map((row, k) => (t.rowStyles[String(k)] === 'section' ? row.map((v, i) => (i > 0 ? null : v)) : row)),
    )
  }
}

describe('npm run cli -- report …', () => {
  it('report stats reads the generator layout and writes the same figures and hash as the in-memory definition', async () => {
    const out = join(dir, 'stats.xlsx')
    const r = await cli(
      'stats',
      '--in',
      data,
      '--period',
      '2025',
      '--out',
      out,
      '--by',
      '统计员甲',
      '--preparer',
      '张三',
    )
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    expect(r.out).toContain('已生成')
    const expected = await buildStatsReport(ds, {
      scope: { unitCode: '330000', units },
      generatedAt: now().toISOString(),
      generatedBy: '统计员甲',
      period: parsePeriod('2025'),
    })
    expect(r.out).toContain(expected.aggregate.provenance.info.inputHash)
    const wb = await readWorkbook(out)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['统计表', '汇总表', '重点群体', '对象类别', '数据来源'])
    expectSheets(wb, expected.tables)
  })

  it('report stats --yoy adds 上年同期 and 同比 to the 统计表 and the 同比 sheet, as the definition with yoy', async () => {
    const out = join(dir, 'stats-yoy.xlsx')
    const r = await cli('stats', '--in', data, '--period', '2025', '--out', out, '--by', '统计员甲', '--yoy')
    expect(r.err).toBe('')
    expect(r.code).toBe(0)
    const expected = await buildStatsReport(
      ds,
      {
        scope: { unitCode: '330000', units },
        generatedAt: now().toISOString(),
        generatedBy: '统计员甲',
        period: parsePeriod('2025'),
      },
      { yoy: true },
    )
    const wb = await readWorkbook(out)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['统计表', '汇总表', '重点群体', '对象类别', '同比', '数据来源'])
    expect(expected.tables[0].headerRows[0].map((h) => h.label)).toEqual(['项目', '行次', '本期', '上年同期', '同比'])
    expectSheets(wb, expected.tables)
  })

  it('report all writes statistics, payment detail and time limits into one workbook; a sub-office gets its own scope', async () => {
    const out = join(dir, 'all.xlsx')
    const r = await cli('all', '--in', data, '--period', '2025H2', '--out', out)
    expect(r.code).toBe(0)
    const wb = await readWorkbook(out)
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '统计表',
      '汇总表',
      '重点群体',
      '对象类别',
      '发放明细',
      '办案时限',
      '数据来源',
    ])
    const sub = join(dir, 'hz.xlsx')
    expect((await cli('payments', '--in', data, '--period', '2025', '--out', sub, '--unit', '330100')).code).toBe(0)
    const ws = (await readWorkbook(sub)).getWorksheet('发放明细')!
    expect(ws.getCell('A2').value).toBe('填报单位：杭州市人民检察院')
    const expected = await buildPaymentsReport(ds, {
      scope: { unitCode: '330100', units },
      generatedAt: now().toISOString(),
      generatedBy: 'x',
      period: parsePeriod('2025'),
    })
    expect(bodyRows(ws, 2, 19).length).toBe(expected.table.rows.length)
  })

  it('accepts flat file names (cases.330102.ndjson), a unit tree as hierarchy and no hierarchy at all', async () => {
    const flat = join(dir, 'flat')
    await mkdir(flat)
    for (const unit of ['330102', '330106']) {
      for (const t of tableNames) await copyFile(join(data, unit, `${t}.ndjson`), join(flat, `${t}.${unit}.ndjson`))
    }
    const tree = {
      root: {
        code: '330100',
        name: '杭州市人民检察院',
        level: '市级',
        children: [
          { code: '330102', name: '上城区院', level: 'basic' },
          { code: '330106', name: '西湖区院', level: 'basic' },
        ],
      },
    }
    await writeFile(join(flat, 'hierarchy.json'), JSON.stringify(tree))
    const r = await cli('stats', '--in', flat, '--period', '2025', '--out', join(dir, 'flat.xlsx'))
    expect(r.code).toBe(0)
    expect(r.out).toContain('单位目录')
    const ws = (await readWorkbook(join(dir, 'flat.xlsx'))).getWorksheet('汇总表')!
    expect(bodyRows(ws, 2, 18).map((x) => x[0])).toEqual([
      '杭州市人民检察院（本级）',
      '　上城区院',
      '　西湖区院',
      '其中：市级院（分院）',
      '　　　基层院',
      '合计',
    ])
    const lone = join(dir, 'lone')
    await mkdir(lone)
    await copyFile(join(data, '330203', 'cases.ndjson'), join(lone, 'cases.ndjson'))
    const r2 = await cli(
      'timeliness',
      '--in',
      join(lone, 'cases.ndjson'),
      '--period',
      '2025',
      '--out',
      join(dir, 'lone.xlsx'),
    )
    expect(r2.code).toBe(0)
    expect((await readWorkbook(join(dir, 'lone.xlsx'))).getWorksheet('办案时限')!.getCell('A2').value).toBe(
      '填报单位：330203',
    )
    // one office's folder of a data set: the directory beside it names the office, and the office is the default
    const own = await cli('stats', '--in', join(data, '330102'), '--period', '2025', '--out', join(dir, 'own.xlsx'))
    expect(own.code).toBe(0)
    const ownWb = await readWorkbook(join(dir, 'own.xlsx'))
    expect(ownWb.getWorksheet('统计表')!.getCell('A2').value).toBe('填报单位：杭州市上城区人民检察院')
    expect(ownWb.worksheets.map((w) => w.name)).toEqual(['统计表', '数据来源'])
  })

  it('refuses bad usage (exit 2) and bad data (exit 1) with Chinese reasons, writing nothing', async () => {
    expect((await cli('stats', '--in', data, '--out', join(dir, 'x.xlsx'))).code).toBe(2)
    expect((await cli('stats', '--in', data, '--period', '2025Q9', '--out', join(dir, 'x.xlsx'))).err).toContain(
      '无法识别统计期间',
    )
    expect((await cli('nonsense')).code).toBe(2)
    expect(
      (await cli('stats', '--in', join(dir, 'nowhere'), '--period', '2025', '--out', join(dir, 'x.xlsx'))).err,
    ).toContain('找不到输入')
    const broken = join(dir, 'broken')
    await mkdir(join(broken, '330102'), { recursive: true })
    await copyFile(join(data, '330102', 'cases.ndjson'), join(broken, '330102', 'cases.ndjson'))
    await appendFile(join(broken, '330102', 'cases.ndjson'), '{"id": 1,\n')
    const bad = await cli('stats', '--in', broken, '--period', '2025', '--out', join(dir, 'broken.xlsx'))
    expect(bad.code).toBe(1)
    expect(bad.err).toMatch(/第 \d+ 行不是有效的 JSON/)
    const dup = join(dir, 'dup')
    await mkdir(join(dup, 'a'), { recursive: true })
    await mkdir(join(dup, 'b'), { recursive: true })
    await copyFile(join(data, '330102', 'cases.ndjson'), join(dup, 'a', 'cases.ndjson'))
    await copyFile(join(data, '330102', 'cases.ndjson'), join(dup, 'b', 'cases.ndjson'))
    const twice = await cli('stats', '--in', dup, '--period', '2025', '--out', join(dir, 'dup.xlsx'))
    expect(twice.code).toBe(1)
    expect(twice.err).toContain('出现了两次')
    const { existsSync } = await import('node:fs')
    expect(existsSync(join(dir, 'broken.xlsx')) || existsSync(join(dir, 'dup.xlsx'))).toBe(false)
    const empty = join(dir, 'empty')
    await mkdir(empty)
    expect((await cli('stats', '--in', empty, '--period', '2025', '--out', join(dir, 'e.xlsx'))).err).toContain(
      '没有找到案件数据文件',
    )
  })

  it('maps file names to tables and reads the usual hierarchy shapes', () => {
    expect(
      [
        'cases.ndjson',
        'cases.330102.ndjson',
        '330102-cases.ndjson',
        'ledgerEntries.ndjson',
        'ledger_entries.jsonl',
        'follow-ups.ndjson',
        'followUps.ndjson',
        'materials.ndjson',
      ].map(tableOfFile),
    ).toEqual(['cases', 'cases', 'cases', 'ledger', 'ledger', 'followUps', 'followUps', undefined])
    const flat = parseHierarchy({ units })
    expect(flat.map((u) => u.code)).toEqual(units.map((u) => u.code))
    expect(parseHierarchy(units)).toEqual(flat)
    const tree = parseHierarchy({
      code: '330000',
      name: '省院',
      level: 'province',
      children: [
        {
          unitCode: '330100',
          name: '市院',
          level: '市级院',
          children: [{ code: '330102', name: '区院', short: '区院' }],
        },
      ],
    })
    expect(tree).toEqual([
      { code: '330000', name: '省院', level: 'province' },
      { code: '330100', name: '市院', level: 'city', parentCode: '330000' },
      { code: '330102', name: '区院', shortName: '区院', parentCode: '330100' },
    ])
    expect(dataOffices.length).toBe(8)
  })
})
