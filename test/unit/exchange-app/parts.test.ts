import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type ArchiveExport,
  archiveTables,
  EX,
  exportArchive,
  inspectPicked,
  type OriginRow,
  previewImport,
  type SentRow,
} from '../../../renderer/src/db/exchange'
import type { Unit } from '../../../shared/domain/schemas'
import { buildHierarchy, dataTables, generateOffice } from '../../../shared/generate'
import { snapshot } from '../db/fixtures'
import { ackBack, enroll, exRow, importFile, open, PASSPHRASE, startTestOffice, type TestOffice } from './offices'

/**
 * 分批上报 (docs/exchange.md): a generated province (every office below it relayed as its own origin) whose archive
 * exceeds a part budget — lowered through the export's explicit option, instead of generating 100,000 cases — is
 * written as several consecutive archives at once; imported at 最高人民检察院 in order they leave it holding exactly
 * the province's records, every origin contiguous; a part imported before the one it continues is refused with
 * nothing written. Real main-process services (pack, encrypt, open) behind the real IPC contract.
 */
const BUDGET = { fileBytes: 160 * 1024, totalBytes: 400 * 1024 }
let province: TestOffice
let supreme: TestOffice
let exported: ArchiveExport
let files: string[]
const relayed = new Map<string, Record<string, unknown>[]>()

beforeAll(async () => {
  const h = buildHierarchy({ size: 'province', seed: 3, cases: 150 })
  const p = h.units.find((u) => u.level === 'province') as Unit
  province = await startTestOffice(
    {
      name: p.name,
      shortName: p.shortName ?? p.name.slice(0, 4),
      code: p.code,
      level: 'province',
      parentCode: p.parentCode as string,
      parentName: '最高人民检察院',
    },
    PASSPHRASE.province,
  )
  supreme = await startTestOffice('supreme', 'Zuigao2026abc')
  expect(p.parentCode).toBe('100000')
  // The province holds its subordinates' records as they arrived from them (replicas, owner and rev unchanged).
  await province.db.units.bulkPut(h.units.filter((u) => u.code !== p.code && u.code !== p.parentCode) as never[])
  for (const spec of h.offices) {
    if (spec.unit.code === p.code) continue
    const d = generateOffice(h, spec, { mode: 'trusted', materials: true })
    for (const t of dataTables) {
      const rows = d[t] as unknown as Record<string, unknown>[]
      if (!rows.length) continue
      await province.db.table(t).bulkPut(rows)
      relayed.set(t, [...(relayed.get(t) ?? []), ...rows])
    }
  }
  await enroll(supreme, province)
  await enroll(province, supreme)
}, 120_000)
afterAll(() => {
  for (const o of [province, supreme]) o?.db.close()
})

async function importPart(bytes: string) {
  const inspected = await inspectPicked(supreme.db, supreme.api, await supreme.unit(), bytes)
  if (!inspected.ok) throw new Error(inspected.error.message)
  return importFile(supreme, bytes)
}

/** The province's archive under the lowered budget, through `api` (the real one unless a fault is injected). */
async function exportParts(fullResend = false, api = province.api) {
  const res = await exportArchive(
    province.db,
    province.admin,
    api,
    await province.unit(),
    province.passphrase,
    fullResend,
    {
      budget: BUDGET,
    },
  )
  return res
}

describe('an archive over the part budget is written as several parts at once', () => {
  it('consecutive numbers, each chained to the previous bundle, each within the budget', async () => {
    const res = await exportParts()
    if (!res.ok) throw new Error(res.error.message)
    exported = res.value
    const { parts } = exported
    expect(parts.length).toBeGreaterThanOrEqual(3)
    files = await Promise.all(parts.map((part) => province.file(part.fileName)))
    parts.forEach((part, i) => {
      const m = part.manifest
      expect(m.kind).toBe('archive')
      expect(m.channelSeq).toBe(parts[0].manifest.channelSeq + i)
      expect(m.prevBundleHash).toBe(i === 0 ? null : parts[i - 1].bundleHash)
      const ndjson = m.files.filter((f) => f.name.endsWith('.ndjson'))
      for (const f of ndjson) expect(f.size).toBeLessThanOrEqual(BUDGET.fileBytes)
      expect(ndjson.reduce((s, f) => s + f.size, 0)).toBeLessThanOrEqual(BUDGET.totalBytes)
      expect(m.tables.units.count).toBeGreaterThan(100)
    })
    // Per origin, the parts' rev ranges follow one another without overlap, from rev 1.
    const ends = new Map<string, number>()
    for (const part of parts) {
      for (const o of part.manifest.origins) {
        expect(o.revFrom).toBe((ends.get(o.unitCode) ?? 0) + 1)
        ends.set(o.unitCode, o.revTo)
      }
    }
    for (const [t, rows] of relayed) {
      const carried = parts.reduce((s, part) => s + (part.manifest.tables[t]?.count ?? 0), 0)
      expect(carried, t).toBeGreaterThanOrEqual(rows.length)
    }
    expect(exported.records).toBe(parts.reduce((s, part) => s + part.records, 0))
    // The exchange screen lists them as sent, one row a part.
    for (const part of parts) expect(await exRow(province, EX.sent(part.manifest.bundleId))).toBeTruthy()
  })

  it('a part imported before the one it continues is refused, naming the missing number; nothing is written', async () => {
    const before = await snapshot(supreme.db)
    const seq1 = exported.parts[0].manifest.channelSeq
    const inspected = await inspectPicked(supreme.db, supreme.api, await supreme.unit(), files[1])
    expect(inspected).toMatchObject({ ok: false, error: { code: 'exchange.earlier-part-missing' } })
    expect(inspected.ok || inspected.error.message).toContain(`先导入第 ${seq1} 号，再导入本包`)
    const bundle = await open(supreme, files[1], supreme.passphrase)
    const preview = await previewImport(supreme.db, await supreme.unit(), bundle)
    expect(preview).toMatchObject({ ok: false, error: { code: 'exchange.earlier-part-missing' } })
    expect(await snapshot(supreme.db)).toEqual(before)
  })

  it('imported in order, each part on its own, the parent holds every record and every origin contiguously', async () => {
    const { parts } = exported
    await importPart(files[0])
    // Skipping a part in the middle is refused the same way.
    const before = await snapshot(supreme.db)
    const skip = await inspectPicked(supreme.db, supreme.api, await supreme.unit(), files[2])
    expect(skip).toMatchObject({ ok: false, error: { code: 'exchange.earlier-part-missing' } })
    expect(skip.ok || skip.error.message).toContain(`先导入第 ${parts[1].manifest.channelSeq} 号`)
    expect(await snapshot(supreme.db)).toEqual(before)
    for (const file of files.slice(1)) {
      const plan = await importPart(file)
      expect(plan.warnings.join()).not.toMatch(/缺号|版本号不连续|链接不符/)
    }
    for (const [t, rows] of relayed) {
      const held = await supreme.db.table(t).bulkGet(rows.map((r) => r.id as string))
      expect(held, t).toEqual(rows)
    }
    const ends = new Map<string, number>()
    for (const part of parts) for (const o of part.manifest.origins) ends.set(o.unitCode, o.revTo)
    for (const [code, revTo] of ends) {
      expect(await exRow<OriginRow>(supreme, EX.origin(code))).toMatchObject({ highWaterRev: revTo, revGaps: [] })
    }
    // Each part's acknowledgement goes back; after the last one the province has nothing left to report.
    for (const part of parts) await ackBack(supreme, province, part.manifest.bundleId)
    const next = await exportParts()
    if (!next.ok) throw new Error(next.error.message)
    expect(next.value.parts).toHaveLength(1)
    expect(next.value.records).toBe(0)
    expect(archiveTables.every((t) => !next.value.parts[0].manifest.tables[t])).toBe(true)
  })

  it('a part that cannot be written stops the export: the written ones are named, the number is given back', async () => {
    // Fault injection: the main process refuses the second pack (as a full disk would).
    let packs = 0
    const failing = {
      ...province.api,
      exchangePack: (args: Parameters<typeof province.api.exchangePack>[0]) =>
        ++packs === 2
          ? Promise.resolve({ ok: false as const, error: { code: 'ipc.internal' as const, message: '磁盘已满' } })
          : province.api.exchangePack(args),
    }
    const res = await exportParts(true, failing)
    expect(res).toMatchObject({ ok: false, error: { code: 'exchange.parts-incomplete' } })
    const sent = (await province.db.exchange.where('key').startsWith('sent:').toArray()) as unknown as SentRow[]
    const first = sent.filter((r) => r.kind === 'archive').sort((a, b) => b.channelSeq - a.channelSeq)[0].fileName
    expect(res.ok || res.error.message).toContain(`已写出 1 个数据包`)
    expect(res.ok || res.error.message).toContain(first)
    expect(res.ok || res.error.message).toContain('磁盘已满')
    const channel = await exRow<{ pendingSeq?: number; lastSentSeq: number }>(province, EX.out('100000'))
    expect(channel.pendingSeq).toBeUndefined()
    const again = await exportParts(true)
    if (!again.ok) throw new Error(again.error.message)
    expect(again.value.parts[0].manifest.channelSeq).toBe(channel.lastSentSeq + 1)
    expect(again.value.parts.length).toBe(exported.parts.length)
  })
})
