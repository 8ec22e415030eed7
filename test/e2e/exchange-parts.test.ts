import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import {
  CITY,
  enroll,
  exchangeTab,
  exportFrom,
  importBundle,
  ownFingerprint,
  PROVINCE,
  pick,
  setUpOffice,
  shotsOnFailure,
} from './exchangeSteps'
import { type Office, readStore, shot, startOffice } from './harness'

const MB = 1024 * 1024
const SCANS = 5
const SCAN_BYTES = 20 * MB

/**
 * 分批上报 in browser mode (docs/exchange.md): a 市级院 holding its 基层院's five 20 MB scans (100 MB, over one
 * archive's 96 MB of scans) exports once and gets two archives, listed in order; the 省级院 refuses the second
 * before the first with nothing written, then imports both in order through the UI — every scan arrives, checked
 * against its record. Both offices are browser-mode profiles with their own main-process services; the files go
 * through the loopback bridge as the operator picks them.
 */
describe('分批上报: one export, two archives, imported in order', () => {
  let city: Office
  let province: Office
  let parts: string[] = []

  beforeAll(async () => {
    ;[city, province] = await Promise.all([startOffice(), startOffice()])
    await Promise.all([setUpOffice(city.page, CITY), setUpOffice(province.page, PROVINCE)])
    const fp = { city: await ownFingerprint(city.page), province: await ownFingerprint(province.page) }
    await exchangeTab(city.page, '本院身份与单位目录')
    const cityEnrollment = await exportFrom(city, '导出入网登记包', CITY.admin.password, 'identity-outcome')
    await exchangeTab(province.page, '本院身份与单位目录')
    const provinceEnrollment = await exportFrom(province, '导出入网登记包', PROVINCE.admin.password, 'identity-outcome')
    await enroll(province.page, cityEnrollment, fp.city, /已登记/)
    await enroll(city.page, provinceEnrollment, fp.province, /已登记/)
    await holdSubordinateScans(city)
  }, 300_000)
  afterAll(() => Promise.all([city?.close(), province?.close()]))
  afterEach((ctx) => shotsOnFailure(ctx.task.result?.state === 'fail', 'exchange-parts', { city, province }))

  it('the 市级院 exports once and is told it wrote two archives that must be imported in order', async () => {
    await exchangeTab(city.page, '上报上级院')
    await city.page.getByLabel('本院密钥口令').fill(CITY.admin.password)
    await city.page.getByRole('button', { name: '导出上报数据包' }).click()
    const outcome = city.page.getByTestId('upward-outcome')
    await outcome.getByText(/上报数据已分 2 个数据包导出（第 1–2 号/).waitFor({ timeout: 180_000 })
    await outcome.getByText(/按序号从小到大依次导入/).waitFor()
    const items = await outcome.getByTestId('upward-parts').locator('li').allTextContents()
    expect(items).toHaveLength(2)
    expect(items[0]).toMatch(/^第 1\/2 部分：archive_110300_110000_1_\d{8}\.jzb（第 1 号，\d+ 条记录，扫描件 4 个）$/)
    expect(items[1]).toMatch(/^第 2\/2 部分：archive_110300_110000_2_\d{8}\.jzb（第 2 号，\d+ 条记录，扫描件 1 个）$/)
    parts = items.map((t) => join(city.exportDir, '数据交换', /(archive_[0-9_]+\.jzb)/.exec(t)?.[1] as string))
    await shot(city.page, 'exchange-parts-01-exported')
  }, 240_000)

  it('the 省级院 refuses the second archive before the first, in Chinese, and stores nothing', async () => {
    const stores = ['attachments', 'attachmentBlobs', 'receivedBundles', 'exchange', 'audit']
    const before = await Promise.all(stores.map((s) => readStore(province.page, s)))
    await pick(province.page, parts[1])
    await province.page
      .getByTestId('import-outcome')
      .getByText(/请先导入前一个数据包.*先导入第 1 号，再导入本包/)
      .waitFor({ timeout: 120_000 })
    await shot(province.page, 'exchange-parts-02-second-first-refused')
    expect(await readStore(province.page, 'attachments')).toEqual([])
    expect(await Promise.all(stores.map((s) => readStore(province.page, s)))).toEqual(before)
  }, 180_000)

  it('imported in order, both archives go in; every scan arrives and the 市级院 origin is held without a gap', async () => {
    await importBundle(province, parts[0], PROVINCE.admin.password, 'exchange-parts-03-first-preview')
    await importBundle(province, parts[1], PROVINCE.admin.password)
    const attachments = (await readStore(province.page, 'attachments')) as { id: string; size: number }[]
    expect(attachments).toHaveLength(SCANS)
    const blobs = (await readStore(province.page, 'attachmentBlobs')) as { id: string }[]
    expect(blobs.map((b) => b.id).sort()).toEqual(attachments.map((a) => a.id).sort())
    const origin = ((await readStore(province.page, 'exchange')) as { key: string; highWaterRev?: number }[]).find(
      (r) => r.key === 'origin:110105',
    )
    expect(origin).toMatchObject({ highWaterRev: SCANS, revGaps: [] })
    await exchangeTab(province.page, '下级院数据')
    await shot(province.page, 'exchange-parts-04-imported')
  }, 300_000)
})

/**
 * The 市级院 holds what its 基层院 (110105) reported: the unit, and five scans of 20 MB with their attachment
 * records, as an import would have stored them (owner and revs of the 基层院). Random bytes made in the page.
 */
async function holdSubordinateScans(city: Office): Promise<void> {
  const own = ((await readStore(city.page, 'units')) as Record<string, unknown>[]).find((u) => u.code === CITY.code)
  const stamps = { createdAt: '2026-03-04T02:00:00.000Z', updatedAt: '2026-03-04T02:00:00.000Z' }
  const by = '110105-01J00000000000000000000002'
  const unit = {
    code: '110105',
    name: '北京市朝阳区人民检察院',
    shortName: '朝检',
    level: 'basic',
    parentCode: CITY.code,
    parentName: CITY.name,
    caseNoPattern: own?.caseNoPattern,
    rev: 1,
    ...stamps,
    createdBy: by,
    updatedBy: by,
  }
  await city.page.evaluate(
    async ([unitRow, count, size, user]) => {
      const rows: Record<string, unknown>[] = []
      const blobs: { id: string; blob: Blob }[] = []
      for (let i = 1; i <= count; i++) {
        const bytes = new Uint8Array(size)
        for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536))
        bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
        const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
        const sha256 = [...digest].map((b) => b.toString(16).padStart(2, '0')).join('')
        const id = `110105-01KJV95K80KRZ9GV283ZJGDH4${i}`
        rows.push({
          id,
          ownerUnit: '110105',
          rev: i,
          createdAt: '2026-03-04T02:00:00.000Z',
          updatedAt: '2026-03-04T02:00:00.000Z',
          createdBy: user,
          updatedBy: user,
          name: `材料扫描件${i}.png`,
          mime: 'image/png',
          size,
          sha256,
        })
        blobs.push({ id, blob: new Blob([bytes], { type: 'image/png' }) })
      }
      await new Promise<void>((resolve, reject) => {
        const req = indexedDB.open('jiuzhu-desk')
        req.onerror = () => reject(req.error)
        req.onsuccess = () => {
          const db = req.result
          const tx = db.transaction(['units', 'attachments', 'attachmentBlobs'], 'readwrite')
          tx.objectStore('units').put(unitRow)
          for (const r of rows) tx.objectStore('attachments').put(r)
          for (const b of blobs) tx.objectStore('attachmentBlobs').put(b)
          tx.oncomplete = () => {
            db.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      })
    },
    [unit, SCANS, SCAN_BYTES, by] as const,
  )
}
