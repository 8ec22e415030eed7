import { encodeBase64 } from '../../../shared/util/base64'
import 'fake-indexeddb/auto'
import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attachmentBlob } from '../../../renderer/src/db'
import type { ArchivePlan, OpenedBundle } from '../../../renderer/src/db/exchange'
import {
  collectArchive,
  confirmImport,
  exportAck,
  exportArchive,
  openPicked,
  previewImport,
} from '../../../renderer/src/db/exchange'
import type { Case } from '../../../shared/domain/schemas'
import { snapshot } from '../db/fixtures'
import {
  attachScanTo,
  enroll,
  onlyPart,
  open,
  openApplication,
  PASSPHRASE,
  signedByHand,
  startTestOffice,
  type TestOffice,
} from './offices'

/**
 * 扫描件随上报数据 (docs/exchange.md): a scan attached at the 基层院 travels as an `attachments/<id>` payload file,
 * is checked against its attachment record on import, and arrives byte-identical at the 省级院 through the 市级院's
 * relay; a scan that is not what its record says refuses the whole bundle with nothing written; re-import is a no-op.
 * Real main-process services (pack, encrypt, open) behind the real IPC contract; fake-indexeddb for the stores.
 */
let basic: TestOffice
let city: TestOffice
let province: TestOffice
let theCase: Case
let scanId: string
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...randomBytes(300 * 1024)])
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex')

beforeAll(async () => {
  ;[basic, city, province] = await Promise.all([
    startTestOffice('basic', PASSPHRASE.basic),
    startTestOffice('city', PASSPHRASE.city),
    startTestOffice('province', PASSPHRASE.province),
  ])
  for (const [to, from] of [
    [city, basic],
    [basic, city],
    [province, city],
    [city, province],
  ] as const) {
    await enroll(to, from)
  }
  theCase = await openApplication(basic)
})
afterAll(() => {
  for (const o of [basic, city, province]) o?.db.close()
})

async function attach(o: TestOffice, bytes: Uint8Array, name: string): Promise<string> {
  return (await attachScanTo(o, theCase.id, bytes, name)).id as string
}

async function archive(from: TestOffice) {
  const res = await exportArchive(from.db, from.admin, from.api, await from.unit(), from.passphrase)
  if (!res.ok) throw new Error(res.error.message)
  const part = onlyPart(res.value)
  return { ...part, bytes: await from.file(part.fileName) }
}

async function importArchive(to: TestOffice, bytes: string) {
  const bundle = await open(to, bytes, to.passphrase)
  const preview = await previewImport(to.db, await to.unit(), bundle)
  if (!preview.ok) throw new Error(preview.error.message)
  const committed = await confirmImport(to.db, to.admin, bundle, preview.value.digest)
  if (!committed.ok) throw new Error(committed.error.message)
  return { bundle, plan: preview.value.plan as ArchivePlan, outcome: committed.value }
}

async function blobBytes(o: TestOffice, id: string): Promise<Uint8Array | undefined> {
  const blob = await attachmentBlob(o.db, id)
  return blob ? new Uint8Array(await blob.arrayBuffer()) : undefined
}

describe('a scan attached at the 基层院 reaches the 省级院 through the 市级院', () => {
  let first: Awaited<ReturnType<typeof archive>>

  it('基层 → 市: the archive carries the bytes as attachments/<id>; the city stores them byte-identical', async () => {
    scanId = await attach(basic, png, '伤情鉴定.png')
    first = await archive(basic)
    expect(first).toMatchObject({ scans: 1, scanBytes: png.length, scansOmitted: [] })
    expect(first.manifest.files).toContainEqual({ name: `attachments/${scanId}`, size: png.length, sha256: sha(png) })
    const { plan, outcome, bundle } = await importArchive(city, first.bytes)
    expect(bundle.scans?.map((s) => s.id)).toEqual([scanId])
    expect(plan.scans).toEqual({ carried: 1, store: [scanId], storeBytes: png.length })
    expect(outcome.status).toBe('imported')
    expect(await city.db.attachments.get(scanId)).toEqual(await basic.db.attachments.get(scanId))
    expect(await blobBytes(city, scanId)).toEqual(png)
    expect((await attachmentBlob(city.db, scanId))?.type).toBe('image/png')
    const audit = (await city.db.audit.toArray()).filter((a) => a.table === 'attachmentBlobs')
    expect(audit).toHaveLength(1)
  })

  it('re-importing the same archive changes nothing', async () => {
    const before = await snapshot(city.db)
    const { outcome } = await importArchive(city, first.bytes)
    expect(outcome.status).toBe('already-imported')
    expect(await snapshot(city.db)).toEqual(before)
  })

  it('市 → 省: the city relays its subordinate’s scan unchanged; the province opens it byte-identical', async () => {
    const relay = await archive(city)
    expect(relay).toMatchObject({ scans: 1, scanBytes: png.length, scansOmitted: [] })
    const { plan } = await importArchive(province, relay.bytes)
    expect(plan.scans.store).toEqual([scanId])
    const record = await province.db.attachments.get(scanId)
    expect(record).toEqual(await basic.db.attachments.get(scanId))
    expect(record?.ownerUnit).toBe('110105')
    const bytes = await blobBytes(province, scanId)
    expect(bytes).toEqual(png)
    // What AttachmentsCard checks before showing the scan on the read-only replica page.
    expect(sha(bytes as Uint8Array)).toBe(record?.sha256)
    const before = await snapshot(province.db)
    expect((await importArchive(province, relay.bytes)).outcome.status).toBe('already-imported')
    expect(await snapshot(province.db)).toEqual(before)
  })

  it('a later archive sent before the acknowledgement carries the scan again; nothing is stored twice', async () => {
    const again = await archive(basic)
    expect(again.scans).toBe(1)
    const { plan } = await importArchive(city, again.bytes)
    expect(plan.totals.new + plan.totals.updated).toBe(0)
    expect(plan.scans).toEqual({ carried: 1, store: [], storeBytes: 0 })
    expect(await blobBytes(city, scanId)).toEqual(png)
    const ack = await exportAck(
      city.db,
      city.admin,
      city.api,
      await city.unit(),
      city.passphrase,
      again.manifest.bundleId,
    )
    if (!ack.ok) throw new Error(ack.error.message)
    await importArchive(basic, await city.file(ack.value.fileName))
  })
})

describe('a scan that is not what its record says refuses the whole bundle; nothing is written', () => {
  let seq = 100

  /** An archive 基层 signs by hand with its real key, with whatever records and payload files the test wants. */
  async function craft(records: Record<string, Record<string, unknown>[]>, files: { id: string; bytes: Uint8Array }[]) {
    const bytes = await signedByHand(basic, {
      channelSeq: ++seq,
      tables: records,
      files: files.map((f) => ({ name: `attachments/${f.id}`, bytes: f.bytes })),
    })
    return open(city, bytes, city.passphrase)
  }

  async function newScanRecord(bytes: Uint8Array) {
    const id = await attach(basic, bytes, '补充材料.png')
    return (await basic.db.attachments.get(id)) as unknown as Record<string, unknown>
  }

  it('bytes whose sha256 differs from the record (same size), a file without a record, a size mismatch', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...randomBytes(4096)])
    const record = await newScanRecord(bytes)
    const tampered = Uint8Array.from(bytes)
    tampered[100] ^= 0xff
    const orphan = '110105-01KJV95K80KRZ9GV283ZJGDH4Z'
    const cases: [OpenedBundle, RegExp][] = [
      [await craft({ attachments: [record] }, [{ id: record.id as string, bytes: tampered }]), /SHA-256 校验值/],
      [
        await craft({ attachments: [record] }, [
          { id: record.id as string, bytes },
          { id: orphan, bytes },
        ]),
        /没有对应的附件记录/,
      ],
      [await craft({ attachments: [record] }, [{ id: record.id as string, bytes: bytes.subarray(1) }]), /大小/],
    ]
    for (const [bundle, reason] of cases) {
      const before = await snapshot(city.db)
      const res = await previewImport(city.db, await city.unit(), bundle)
      expect(res).toMatchObject({ ok: false, error: { code: 'exchange.scan-invalid' } })
      expect(res.ok || res.error.message).toMatch(reason)
      expect(res.ok || res.error.message).toContain('整个数据包未导入')
      expect(await snapshot(city.db)).toEqual(before)
    }
  })

  it('scan bytes changed between preview and commit: the commit re-checks and writes nothing', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...randomBytes(2048)])
    const record = await newScanRecord(bytes)
    const bundle = await craft({ attachments: [record] }, [{ id: record.id as string, bytes }])
    const preview = await previewImport(city.db, await city.unit(), bundle)
    if (!preview.ok) throw new Error(preview.error.message)
    expect((preview.value.plan as ArchivePlan).scans.store).toEqual([record.id])
    const changed = Uint8Array.from(bytes)
    changed[10] ^= 1
    const forged: OpenedBundle = {
      ...bundle,
      scans: bundle.scans?.map((s) => ({ ...s, bytes: encodeBase64(changed) })),
    }
    const before = await snapshot(city.db)
    const res = await confirmImport(city.db, city.admin, forged, preview.value.digest)
    expect(res).toMatchObject({ ok: false, error: { code: 'exchange.scan-invalid' } })
    expect(await snapshot(city.db)).toEqual(before)
    // The genuine bundle still imports, and stores exactly its bytes.
    expect(await confirmImport(city.db, city.admin, bundle, preview.value.digest)).toMatchObject({ ok: true })
    expect(await blobBytes(city, record.id as string)).toEqual(bytes)
  })

  it('a bundle changed after signing (one byte inside the encrypted payload) is refused before any preview', async () => {
    await attach(basic, png.subarray(0, 50_000), '第三页.png')
    const raw = Buffer.from(await basic.file((await archive(basic)).fileName), 'base64')
    raw[Math.floor(raw.length / 2)] ^= 0x01
    const before = await snapshot(city.db)
    const res = await openPicked(city.db, city.api, await city.unit(), raw.toString('base64'), city.passphrase)
    expect(res.ok).toBe(false)
    expect(res.ok || res.error.code).toMatch(/^bundle\./)
    expect(await snapshot(city.db)).toEqual(before)
  })
})

describe('export: scans the office does not hold intact, and the per-archive budget', () => {
  it('a scan whose stored bytes no longer match its record travels without bytes and is reported', async () => {
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, ...randomBytes(1000)])
    const id = await attach(basic, bytes, '受损.png')
    await basic.db.attachmentBlobs.put({ id, blob: new Blob([bytes.slice(1)]) })
    const res = await collectArchive(basic.db, await basic.unit(), {})
    expect(res.scansOmitted).toEqual([{ id, name: '受损.png', reason: '文件内容与登记时的校验值不一致' }])
    expect(res.scans.map((s) => s.id)).not.toContain(id)
    expect(res.tables.attachments.map((r) => r.id)).toContain(id)
  })

  it('scans beyond the budget wait for the next part: the origin is cut before the first scan that does not fit', async () => {
    const all = await collectArchive(basic.db, await basic.unit(), {})
    const attachments = [...all.tables.attachments].sort((a, b) => (a.rev as number) - (b.rev as number))
    const firstSize = all.scans.find((s) => s.id === attachments[0].id) ? (attachments[0].size as number) : 0
    const cut = await collectArchive(basic.db, await basic.unit(), {}, { scanBytes: firstSize + 1 })
    const cutRev = (attachments[1].rev as number) - 1
    expect(cut.scans.map((s) => s.id)).toEqual([attachments[0].id])
    expect(cut.origins).toEqual([{ unitCode: '110105', revFrom: 1, revTo: cutRev }])
    for (const rows of Object.entries(cut.tables)
      .filter(([t]) => t !== 'units')
      .map(([, r]) => r)) {
      for (const r of rows) expect(r.rev as number).toBeLessThanOrEqual(cutRev)
    }
    expect(cut.more).toBe(true)
    expect(cut.records).toBeLessThan(all.records)
    expect(all.more).toBe(false)
  })
})
