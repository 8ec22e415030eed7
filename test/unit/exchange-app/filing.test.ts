import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execute } from '../../../renderer/src/db'
import type { DownwardPlan } from '../../../renderer/src/db/exchange'
import {
  confirmImport,
  EX,
  exportFiling,
  listFilings,
  type PeerRow,
  packAndRecord,
  prepareFiling,
  previewImport,
} from '../../../renderer/src/db/exchange'
import { exampleLocalMeasures } from '../../../shared/domain/rulesets'
import { snapshot } from '../db/fixtures'
import { enroll, exRow, open, PASSPHRASE, startTestOffice, type TestOffice } from './offices'

/**
 * 备案: a province files its local implementing measures (parameters + the document) with the national level; the
 * national level sees them; a filing whose document does not match its hash, or a standards bundle that is not
 * what it claims, is refused and changes nothing.
 */
let supreme: TestOffice
let province: TestOffice
const DOC = Buffer.from('北京市国家司法救助工作实施办法（测试文本）\n第一条 ……\n', 'utf8').toString('base64')

beforeAll(async () => {
  ;[supreme, province] = await Promise.all([
    startTestOffice('supreme', 'Zuigao2026abc'),
    startTestOffice('province', PASSPHRASE.province),
  ])
  await enroll(supreme, province)
  await enroll(province, supreme)
}, 120_000)
afterAll(() => {
  for (const o of [supreme, province]) o?.db.close()
})

describe('备案: province → national', () => {
  it('only a province prepares a filing; an oversized document is refused; nothing written', async () => {
    const before = await snapshot(supreme.db)
    const notProvince = await execute(supreme.db, prepareFiling, supreme.admin, {
      title: '报备',
      measures: exampleLocalMeasures,
      documentName: '办法.txt',
      documentBase64: DOC,
    })
    expect(notProvince).toMatchObject({ ok: false, error: { code: 'exchange.filing-not-national' } })
    expect(await snapshot(supreme.db)).toEqual(before)
    const provinceBefore = await snapshot(province.db)
    const big = await execute(province.db, prepareFiling, province.admin, {
      title: '报备',
      measures: exampleLocalMeasures,
      documentName: '办法.pdf',
      documentBase64: Buffer.alloc(49_153).toString('base64'),
    })
    expect(big).toMatchObject({ ok: false, error: { code: 'command.invalid-input' } })
    expect(await snapshot(province.db)).toEqual(provinceBefore)
  })

  it('the province prepares and sends; the national level previews and sees the filed measures', async () => {
    const prepared = await execute(province.db, prepareFiling, province.admin, {
      title: '北京市实施办法报备',
      measures: exampleLocalMeasures,
      documentName: '北京市实施办法.txt',
      documentBase64: DOC,
    })
    if (!prepared.ok) throw new Error(prepared.error.message)
    const res = await exportFiling(
      province.db,
      province.admin,
      province.api,
      await province.unit(),
      province.passphrase,
      prepared.value.id,
    )
    if (!res.ok) throw new Error(res.error.message)
    expect(res.value.fileName).toMatch(/^filing_110000_100000_\d+_\d{8}\.jzb$/)
    const bundle = await open(supreme, await province.file(res.value.fileName), supreme.passphrase)
    const preview = await previewImport(supreme.db, await supreme.unit(), bundle)
    if (!preview.ok) throw new Error(preview.error.message)
    expect((preview.value.plan as DownwardPlan).counts).toMatchObject([{ table: 'filings', new: 1, rejected: 0 }])
    const done = await confirmImport(supreme.db, supreme.admin, bundle, preview.value.digest)
    expect(done.ok).toBe(true)
    const filed = await listFilings(supreme.db)
    expect(filed).toMatchObject([
      { ownerUnit: '110000', title: '北京市实施办法报备', measures: { id: exampleLocalMeasures.id } },
    ])
  })

  it('a filing whose document does not match its hash is rejected with the reason; nothing written', async () => {
    const filing = (await province.db.filings.toArray())[0]
    const forged = {
      ...filing,
      id: `${filing.id.slice(0, -1)}Z`,
      documentBase64: Buffer.from('另一份文件').toString('base64'),
    }
    const res = await packAndRecord(province.db, province.admin, province.api, await province.unit(), {
      kind: 'filing',
      receiver: await exRow<PeerRow>(province, EX.peer('100000')),
      passphrase: province.passphrase,
      tables: { filings: [forged] },
      origins: [],
      counts: { filings: 1 },
    })
    if (!res.ok) throw new Error(res.error.message)
    const bundle = await open(supreme, await province.file(res.value.fileName), supreme.passphrase)
    const preview = await previewImport(supreme.db, await supreme.unit(), bundle)
    if (!preview.ok) throw new Error(preview.error.message)
    const plan = preview.value.plan as DownwardPlan
    expect(plan.rejected).toMatchObject([{ reason: '附带的文件与其校验值或大小不符' }])
    expect(plan.writes.records).toEqual({})
  })

  it('a standards bundle with a malformed edition is refused as a whole with a Chinese reason', async () => {
    const res = await packAndRecord(supreme.db, supreme.admin, supreme.api, await supreme.unit(), {
      kind: 'standards',
      receiver: await exRow<PeerRow>(supreme, EX.peer('110000')),
      passphrase: supreme.passphrase,
      tables: { standards: [{ format: 'jiuzhu-standards', version: 1, issuer: '100000', edition: 0 }], directory: [] },
      origins: [],
      counts: { standards: 1 },
    })
    if (!res.ok) throw new Error(res.error.message)
    const before = await snapshot(province.db)
    const bundle = await open(province, await supreme.file(res.value.fileName), province.passphrase)
    const preview = await previewImport(province.db, await province.unit(), bundle)
    expect(preview).toMatchObject({ ok: false, error: { code: 'exchange.downward-invalid' } })
    expect(preview.ok || preview.error.message).toMatch(/下发标准.*内容不符合规范.*未导入任何数据/)
    expect(await snapshot(province.db)).toEqual(before)
  })
})
