import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import fc from 'fast-check'
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest'
import { registerIpc } from '../../../electron/ipc/register'
import { createServices } from '../../../electron/services'
import { APP_ORIGIN } from '../../../electron/window/policy'
import { bundleTablesSchema, MAX_TABLE_RECORDS } from '../../../shared/exchange/tables'
import { createApi, methodName } from '../../../shared/ipc/api'
import { channels, contract, safeFileNameSchema } from '../../../shared/ipc/contract'
import { dispatch } from '../../../shared/ipc/dispatch'
import { recorded } from '../../mocks/electron'

let dir: string
let services: ReturnType<typeof createServices>
const sender = { senderFrame: { url: `${APP_ORIGIN}/index.html`, parent: null } }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ipc-'))
  services = createServices({
    mode: 'electron',
    appVersion: '1',
    productName: 'p',
    platform: 'linux',
    dataDir: dir,
    exportDir: join(dir, 'exports'),
    backupDir: join(dir, 'backups'),
  })
  recorded.reset()
  registerIpc({ handle: (ch, fn) => recorded.ipcHandlers.set(ch, fn as never) }, services, [APP_ORIGIN])
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const validTable = {
  title: '测试表',
  headerRows: [[{ label: '名称' }, { label: '金额（元）' }]],
  columns: [
    { key: 'name', kind: 'text' },
    { key: 'amount', kind: 'fen' },
  ],
  rows: [['张三', 123456]],
}

describe('one typed IPC contract', () => {
  it('the preload surface is exactly the contract, as verbs', () => {
    const api = createApi(async () => ({ ok: true, value: null }))
    expect(Object.keys(api).sort()).toEqual(channels.map(methodName).sort())
    expect(Object.isFrozen(api)).toBe(true)
    expect(api).not.toHaveProperty('invoke')
  })

  it('a call with malformed arguments is refused with a clear Chinese error and writes nothing', async () => {
    const handler = recorded.ipcHandlers.get('excel:exportTable')!
    const bad = [
      { fileName: '../逃逸', table: validTable },
      { fileName: '/etc/passwd', table: validTable },
      { fileName: '报表', table: { ...validTable, rows: 'x' } },
      { fileName: '报表', table: { ...validTable, rows: [[1, { toString: 'x' }]] } },
      { fileName: '报表', table: { ...validTable, rows: [[Number.NaN]] } },
      { fileName: '报表', table: { ...validTable, rows: [['a'], 'b'] } },
      { fileName: '报表', table: { ...validTable, rows: [['x'.repeat(32_768)]] } },
      { fileName: '报表', table: { ...validTable, rows: [new Array(501).fill(1)] } },
      { fileName: '报表', tables: [validTable] },
      { fileName: '报表', table: validTable, extra: 1 },
      { fileName: '报表' },
      'not an object',
      null,
    ]
    for (const args of bad) {
      const res = (await handler(sender, args)) as { ok: boolean; error: { code: string; message: string } }
      expect(res.ok).toBe(false)
      expect(res.error.code).toBe('ipc.invalid-args')
      expect(res.error.message).toMatch(/参数不正确.*操作未执行，数据未改动/)
    }
    await expect(readdir(join(dir, 'exports'))).rejects.toThrow()
  })

  it('file names Windows reserves (CON, NUL, COM1 …) or would change (trailing space or dot) are refused', async () => {
    const handler = recorded.ipcHandlers.get('excel:exportTable')!
    const reserved = [
      'CON',
      'con',
      'PRN',
      'AUX',
      'NUL',
      'nul.xlsx',
      'COM1',
      'com9.pdf',
      'LPT1',
      'LPT0',
      'CON .txt',
      'Nul.tar.gz',
    ]
    const trailing = ['报表 ', '报表.', '报表.xlsx.', '报表. ', ' 报表']
    for (const fileName of [...reserved, ...trailing]) {
      expect(safeFileNameSchema.safeParse(fileName).success, fileName).toBe(false)
      const res = (await handler(sender, { fileName, table: validTable })) as {
        ok: boolean
        error: { code: string; message: string }
      }
      expect(res.ok, fileName).toBe(false)
      expect(res.error.code, fileName).toBe('ipc.invalid-args')
      expect(res.error.message, fileName).toMatch(
        reserved.includes(fileName) ? /Windows 保留的设备名/ : /空格或点结尾|空格开头/,
      )
    }
    // names that merely start like one are fine
    for (const fileName of ['CONSOLE', 'COM10', 'NUL报表', '报表-CON', 'LPT', '审计日志-2026-03-02', 'AUX1报表.xlsx']) {
      expect(safeFileNameSchema.safeParse(fileName).success, fileName).toBe(true)
    }
    await expect(readdir(join(dir, 'exports'))).rejects.toThrow()
  })

  it('a bad cell is named by its row and column', async () => {
    const handler = recorded.ipcHandlers.get('excel:exportTable')!
    const rows = [
      ['甲', 1],
      ['乙', 2],
      ['丙', true],
    ]
    const res = (await handler(sender, { fileName: '报表', table: { ...validTable, rows } })) as {
      ok: boolean
      error: { message: string }
    }
    expect(res.ok).toBe(false)
    expect(res.error.message).toContain('第 3 行：第 2 格应为文字、有限的数字或空')
  })

  it('excel:exportWorkbook writes several tables as the sheets of one file', async () => {
    const handler = recorded.ipcHandlers.get('excel:exportWorkbook')!
    const second = {
      ...validTable,
      title: '第二张',
      sheetName: '第二张',
      rows: [...validTable.rows, ...validTable.rows],
    }
    const res = (await handler(sender, { fileName: '全套', tables: [validTable, second] })) as {
      ok: boolean
      value: { path: string; rows: number[] }
    }
    expect(res.ok).toBe(true)
    expect(res.value.rows).toEqual([validTable.rows.length, 2 * validTable.rows.length])
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(res.value.path)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Sheet1', '第二张'])
    const refused = (await handler(sender, { fileName: '空', tables: [] })) as { ok: boolean }
    expect(refused.ok).toBe(false)
    await rm(res.value.path)
  })

  it('the same well-formed call succeeds and writes the file', async () => {
    const handler = recorded.ipcHandlers.get('excel:exportTable')!
    const res = (await handler(sender, { fileName: '报表', table: validTable })) as {
      ok: boolean
      value: { path: string; rows: number }
    }
    expect(res.ok).toBe(true)
    expect(res.value.rows).toBe(1)
    expect(await readdir(join(dir, 'exports'))).toEqual(['报表.xlsx'])
  })

  it('unknown channels, prototype keys and fuzzed payloads never crash and never pass', async () => {
    expect((await dispatch(services, '__proto__', {})).ok).toBe(false)
    expect((await dispatch(services, 'constructor', {})).ok).toBe(false)
    const res = await dispatch(services, 'auth:hashPassword', JSON.parse('{"password":"abc12345","__proto__":{"x":1}}'))
    expect(res.ok).toBe(false)
    const argumentFree = channels.filter((c) => contract[c].args.safeParse({}).success)
    expect(argumentFree.sort()).toEqual(['backup:list', 'backup:pick', 'system:info'])
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...channels), fc.anything(), async (channel, args) => {
        const r = await dispatch(services, channel, args)
        if (r.ok) {
          // only argument-free channels may accept an (empty or null-prototype) object
          expect(argumentFree).toContain(channel)
          expect(args === null || typeof args !== 'object' || Object.keys(args as object).length === 0).toBe(true)
        } else {
          expect(typeof r.error.message).toBe('string')
        }
      }),
      { numRuns: 200 },
    )
  })
})

describe('bundle records across the contract (exchange:open results, exchange:pack arguments, import input)', () => {
  it('only lists of plain objects under plain table names pass, and they pass without being copied', () => {
    const record = { id: '110105-01KJV95K80KRZ9GV283ZJGDH4S', rev: 1 }
    const bare = Object.assign(Object.create(null), { id: 'x' })
    const ok = bundleTablesSchema.safeParse({ cases: [record, bare], units: [] })
    expect(ok.success).toBe(true)
    expect(ok.data?.cases[0]).toBe(record)
    const bad: unknown[] = [
      { cases: [1] },
      { cases: [null] },
      { cases: [[record]] },
      { cases: ['{"id":"x"}'] },
      { cases: [new Date(0)] },
      { cases: [new Map()] },
      { cases: { 0: record } },
      { cases: null },
      { Cases: [record] },
      { 'cases.ndjson': [record] },
      { cases: { length: 1, 0: record } },
      [],
    ]
    for (const tables of bad) expect(bundleTablesSchema.safeParse(tables).success, JSON.stringify(tables)).toBe(false)
    // a `__proto__` key (JSON.parse makes it an own property) never becomes a table, nor anyone's prototype
    const proto = bundleTablesSchema.safeParse(JSON.parse('{"__proto__":[{"id":"x"}]}'))
    assert(proto.success, 'an object with only a __proto__ key parses (as no tables)')
    expect(Object.getOwnPropertyNames(proto.data)).toEqual([])
    expect(Object.getPrototypeOf(proto.data)).toBe(Object.prototype)
    const tooMany = new Array(MAX_TABLE_RECORDS + 1).fill(record)
    expect(bundleTablesSchema.safeParse({ cases: tooMany }).success).toBe(false)
  })
})

describe('channel list for the sandboxed preload', () => {
  it('names exactly the channels the contract defines', async () => {
    const { channelNames } = await import('../../../shared/ipc/channels')
    expect([...channelNames].sort()).toEqual(Object.keys(contract).sort())
  })
})
