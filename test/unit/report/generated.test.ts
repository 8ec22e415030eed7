import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { writeDataSet } from '../../../electron/cli/generate'
import { reportCommand } from '../../../electron/cli/report'
import { writeWorkbookXlsx } from '../../../electron/services/excel/writeTable'
import type { UnitLevel } from '../../../shared/domain/officeSetup'
import { unitLevelLabels } from '../../../shared/domain/officeSetup'
import { buildHierarchy, generateOffices } from '../../../shared/generate'
import { buildPaymentsReport } from '../../../shared/report/definitions/payments'
import { buildStatsReport } from '../../../shared/report/definitions/stats'
import { buildTimelinessReport } from '../../../shared/report/definitions/timeliness'
import { parsePeriod } from '../../../shared/report/period'
import type { ReportUnit } from '../../../shared/report/units'
import type { Dataset } from './fixtures'
import { naiveRollupColumns, naiveStats, naiveStatsLayout, naiveTimeliness } from './naive'
import { tempDir } from './tempDir'
import { bodyRows, readWorkbook, sameMoney, type Value } from './xlsx'

/**
 * The same cell-by-cell comparison on the synthetic generator's data (shared/generate: a province sample whose
 * cases went through the real workflow), so the reports are checked on records shaped exactly as the app makes them.
 */

const hierarchy = buildHierarchy({ size: 'province', cases: 600, seed: 3 })
const ds: Dataset = { persons: [], clues: [], cases: [], referrals: [], followUps: [], ledger: [], donations: [] }
for (const office of generateOffices(hierarchy)) {
  ds.persons.push(...office.persons)
  ds.clues.push(...office.clues)
  ds.cases.push(...office.cases)
  ds.referrals.push(...office.referrals)
  ds.followUps.push(...office.followUps)
  ds.ledger.push(...office.ledger)
  ds.donations.push(...office.donations)
}
const units: ReportUnit[] = hierarchy.units.map((u) => ({
  code: u.code,
  name: u.name,
  shortName: u.shortName,
  level: u.level,
  ...(u.parentCode ? { parentCode: u.parentCode } : {}),
}))
const province = units.find((u) => u.level === 'province')!
const generatedAt = '2026-12-01T01:00:00.000Z'

const tmp = tempDir('report-generated-')

/** Naively: the offices a roll-up row adds up, from its label and the directory. */
function membersOf(label: string): string[] {
  const inScope = units.filter((u) => u.code !== '100000' && u.level !== 'supreme')
  const descendants = (code: string): string[] => [
    code,
    ...units.filter((u) => u.parentCode === code).flatMap((u) => descendants(u.code)),
  ]
  const name = label.replace(/^[　]+/, '')
  if (name === '合计') return inScope.map((u) => u.code)
  for (const level of ['province', 'city', 'basic'] as UnitLevel[]) {
    if (name === `其中：${unitLevelLabels[level]}` || name === unitLevelLabels[level]) {
      return inScope.filter((u) => u.level === level).map((u) => u.code)
    }
  }
  if (name.endsWith('小计')) return descendants(inScope.find((u) => `${u.name}小计` === name)!.code)
  return [inScope.find((u) => u.name === name.replace('（本级）', ''))!.code]
}

function expectCell(actual: Value, expected: string | number | null, where: string) {
  if (typeof expected === 'number') expect(sameMoney(actual, expected), `${where}: ${actual} ≠ ${expected}`).toBe(true)
  else expect(actual, where).toBe(expected)
}

describe('reports on the synthetic generator data (a province sample)', () => {
  it('has offices at three levels with unique names and cases in many states', () => {
    expect(new Set(units.map((u) => u.name)).size).toBe(units.length)
    expect(new Set(ds.cases.map((c) => c.state)).size).toBeGreaterThan(12)
    expect(ds.cases.length).toBeGreaterThan(500)
  })

  for (const [text, sets] of [
    ['2025', ['2021-xize']],
    [`${hierarchy.fromDate}..${hierarchy.asOf}`, ['2016-xize', '2021-xize']],
  ] as const) {
    it(`统计表 and roll-ups for ${text}: every cell equals the naive recomputation`, async () => {
      const period = parsePeriod(text)
      const w = { from: period.from, to: period.to }
      const run = { scope: { unitCode: province.code, units }, generatedAt, generatedBy: '统计员', period }
      const { tables } = await buildStatsReport(ds, run)
      const path = tmp.path(`g-${text.replace(/\W/g, '')}.xlsx`)
      await writeWorkbookXlsx(path, tables)
      const wb = await readWorkbook(path)
      const ws = wb.getWorksheet('统计表')!
      const rows = bodyRows(ws, 2, 5)
      const layout = naiveStatsLayout(
        rows.some((r) => r[0] === '未注明救助情形'),
        sets,
      )
      expect(rows.map((r) => r[0])).toEqual(layout.map(([l]) => l))
      const expected = naiveStats(ds, w, () => true, sets)
      let nonZero = 0
      layout.forEach(([label, key], i) => {
        if (!key) return
        const want = expected.get(key)!
        for (let m = 0; m < 3; m++) {
          expectCell(rows[i][2 + m], want[m], `${label} ${m}`)
          if (typeof want[m] === 'number' && want[m] !== 0) nonZero++
        }
      })
      expect(nonZero).toBeGreaterThan(40)
      for (const [view, sheet] of [
        ['main', '汇总表'],
        ['groups', '重点群体'],
        ['categories', '对象类别'],
      ] as const) {
        const columns = naiveRollupColumns[view]
        const roll = bodyRows(wb.getWorksheet(sheet)!, 2, 1 + columns.length)
        expect(roll.length).toBeGreaterThan(units.length - 2)
        for (const row of roll) {
          const members = membersOf(String(row[0]))
          const want = naiveStats(ds, w, (u) => members.includes(u), sets)
          columns.forEach(([key, m], j) => {
            const v = want.get(key)![m]
            expectCell(row[1 + j], v === '—' ? 0 : v, `${sheet} ${row[0]} ${j}`)
          })
        }
      }
    }, 60_000)
  }

  it('办案时限 and 发放明细 agree with the naive counts, office by office', async () => {
    const period = parsePeriod('2025')
    const w = { from: period.from, to: period.to }
    const run = { scope: { unitCode: province.code, units }, generatedAt, generatedBy: '督导员', period }
    const { table } = await buildTimelinessReport(ds, run)
    const path = tmp.path('g-t.xlsx')
    await writeWorkbookXlsx(path, [table])
    const rows = bodyRows((await readWorkbook(path)).getWorksheet('办案时限')!, 2, 19)
    for (const row of rows) {
      const members = membersOf(String(row[0]))
      const want = naiveTimeliness(ds, w, (u) => members.includes(u))
      want.forEach((v, j) => {
        if (typeof v === 'number' && !Number.isInteger(v)) expect(row[1 + j] as number).toBeCloseTo(v, 10)
        else expect(row[1 + j], `${row[0]} ${j}`).toBe(v)
      })
    }
    const payments = await buildPaymentsReport(ds, run)
    const paid = ds.cases.filter(
      (c) =>
        !c.voided && !c.smallEmergencyHelp && c.payment && c.payment.paidDate >= w.from && c.payment.paidDate <= w.to,
    )
    expect(payments.items.length).toBe(paid.length)
    const total = payments.table.rows.find((r) => r[1] === `合计（${paid.length} 笔）`)!
    expect(total[10]).toBe(paid.reduce((s, c) => s + c.payment!.amountFen, 0))
  }, 60_000)

  it('the report CLI reads the generator files (hierarchy.json, offices/<code>/<table>.ndjson) to the same figures and hash', async () => {
    const out = tmp.path('gen')
    await writeDataSet({ size: 'province', out, seed: '3', cases: 600 })
    const logs: string[] = []
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void logs.push(a.join(' ')))
    let code: number
    try {
      code = await reportCommand(
        ['stats', '--in', out, '--period', '2025', '--out', tmp.path('gen.xlsx')],
        () => new Date(generatedAt),
      )
    } finally {
      log.mockRestore()
    }
    expect(code).toBe(0)
    expect(logs.join('\n')).toContain(`填报单位：${province.name}`)
    const period = parsePeriod('2025')
    const { aggregate, tables } = await buildStatsReport(ds, {
      scope: { unitCode: province.code, units },
      generatedAt,
      generatedBy: 'x',
      period,
    })
    expect(logs.join('\n')).toContain(aggregate.provenance.info.inputHash)
    const rows = bodyRows((await readWorkbook(tmp.path('gen.xlsx'))).getWorksheet('统计表')!, 2, 5)
    expect(rows.map((r) => r[4])).toEqual(
      tables[0].rows.map((r, i) =>
        tables[0].rowStyles[String(i)] === 'section' ? r[0] : typeof r[4] === 'number' ? r[4] / 100 : r[4],
      ),
    )
  }, 60_000)

  it('the report CLI reads the cities’ archive bundles, opened with the province’s key, to the figures of their records', async () => {
    vi.stubEnv('JIUZHU_KEY_PASSPHRASE', 'jiuzhu-demo-key')
    const out = tmp.path('gen-bundles')
    await writeDataSet({ size: 'province', out, seed: '3', cases: 600, bundles: true })
    const toProvince = (await readdir(join(out, 'bundles')))
      .filter((n) => n.startsWith('archive_') && n.includes(`_${province.code}_`))
      .map((n) => join(out, 'bundles', n))
    const cities = units.filter((u) => u.level === 'city')
    expect(toProvince.length).toBe(cities.length)
    const key = join(out, 'keys', `${province.code}.key.json`)
    const xlsx = tmp.path('from-bundles.xlsx')
    const run = async (args: string[]) => {
      const logs: string[] = []
      const log = vi.spyOn(console, 'log').mockImplementation((...a) => void logs.push(a.join(' ')))
      const err = vi.spyOn(console, 'error').mockImplementation((...a) => void logs.push(a.join(' ')))
      try {
        const code = await reportCommand(args, () => new Date(generatedAt))
        return { code, text: logs.join('\n') }
      } finally {
        log.mockRestore()
        err.mockRestore()
      }
    }
    const ok = await run([
      'all',
      '--in',
      ...toProvince,
      join(out, 'hierarchy.json'),
      '--key',
      key,
      '--period',
      '2025',
      '--out',
      xlsx,
    ])
    expect(ok.text).toContain(`填报单位：${province.name}`)
    expect(ok.code).toBe(0)
    // the province's own records never travel to it: the figures are those of every office below it
    const below: Dataset = Object.fromEntries(
      Object.entries(ds).map(([t, rows]) => [
        t,
        (rows as { ownerUnit: string }[]).filter((r) => r.ownerUnit !== province.code),
      ]),
    ) as unknown as Dataset
    const period = parsePeriod('2025')
    const options = { scope: { unitCode: province.code, units }, generatedAt, generatedBy: 'x', period }
    const stats = await buildStatsReport(below, options)
    const payments = await buildPaymentsReport(below, options)
    expect(ok.text).toContain(stats.aggregate.provenance.info.inputHash)
    expect(ok.text).toContain(payments.table.provenanceInfo!.inputHash)
    for (const c of cities) expect(ok.text).toContain(`${c.name}（${c.code}）第 1 号`)
    const wb = await readWorkbook(xlsx)
    const sheet = bodyRows(wb.getWorksheet('统计表')!, 2, 5)
    expect(sheet.map((r) => r[4])).toEqual(
      stats.tables[0].rows.map((r, i) =>
        stats.tables[0].rowStyles[String(i)] === 'section' ? r[0] : typeof r[4] === 'number' ? r[4] / 100 : r[4],
      ),
    )
    expect(bodyRows(wb.getWorksheet('发放明细')!, 2, 19).length).toBe(payments.table.rows.length)
    // the provenance names the bundle each office's records came from
    const sources: string[] = []
    wb.getWorksheet('数据来源')!.eachRow((row) => sources.push(row.values ? JSON.stringify(row.values) : ''))
    expect(sources.join('\n')).toMatch(/[0-7][0-9A-HJKMNP-TV-Z]{25}/)

    // refusals: no key; a wrong passphrase; a damaged bundle — exit 1, a Chinese reason, no workbook written
    const refusedOut = tmp.path('refused.xlsx')
    const noKey = await run(['stats', '--in', toProvince[0], '--period', '2025', '--out', refusedOut])
    expect(noKey.code).toBe(1)
    expect(noKey.text).toContain('--key')
    vi.stubEnv('JIUZHU_KEY_PASSPHRASE', 'wrong-passphrase')
    const wrong = await run(['stats', '--in', toProvince[0], '--key', key, '--period', '2025', '--out', refusedOut])
    expect(wrong.code).toBe(1)
    expect(wrong.text).toMatch(/数据包 .*\.jzb：.*口令/)
    vi.stubEnv('JIUZHU_KEY_PASSPHRASE', 'jiuzhu-demo-key')
    const damaged = tmp.path('damaged.jzb')
    const bytes = await readFile(toProvince[0])
    bytes[Math.floor(bytes.length / 2)] ^= 0x40
    await writeFile(damaged, bytes)
    const bad = await run(['stats', '--in', damaged, '--key', key, '--period', '2025', '--out', refusedOut])
    expect(bad.code).toBe(1)
    expect(bad.text).toContain('数据包 damaged.jzb：')
    await expect(stat(refusedOut)).rejects.toThrow()
    vi.unstubAllEnvs()
  }, 120_000)
})
