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
import type { ResultOf } from '../../../shared/ipc/contract'
import { snapshot } from '../db/fixtures'
import {
  ackBack,
  type Enrollment,
  enrollmentOf,
  enrollWith,
  exRow,
  importFile,
  open,
  PASSPHRASE,
  startTestOffice,
  type TestOffice,
} from './offices'

/**
 * 分批上报 (docs/exchange.md): a generated province (every office below it relayed as its own origin) whose archive
 * exceeds a part budget — lowered through the export's explicit option, instead of generating 100,000 cases — is
 * written as several consecutive archives at once; imported at 最高人民检察院 in order they leave it holding exactly
 * the province's records, every origin contiguous; a part imported before the one it continues is refused with
 * nothing written. Real main-process services (pack, encrypt, open) behind the real IPC contract.
 *
 * Each test has its own offices (the budgets are wider than the project's 90 s: a test that sets up a province
 * exports it too, and on a 2-core machine running the e2e suite beside it that takes minutes): what is shared (beforeAll) is the generated data, the supreme procuratorate's key
 * and enrollment file, and one province's exported parts, which the tests only read — a test that imports, acknowledges
 * or exports again does it at offices of its own.
 */
const BUDGET = { fileBytes: 160 * 1024, totalBytes: 400 * 1024 }
const SUPREME_PASSPHRASE = 'Zuigao2026abc'
const opened: TestOffice[] = []
let provinceUnit: Unit
/** The subordinate units and their records as they arrived at the province (replicas, owner and rev unchanged). */
let subordinateUnits: Unit[]
const relayed = new Map<string, Record<string, unknown>[]>()
/** One key for every 最高人民检察院 of the file, so each can open what any province encrypted to it. */
let supremeKey: ResultOf<'exchange:createKeys'>
let supremeEnrollment: Enrollment

async function office(...args: Parameters<typeof startTestOffice>): Promise<TestOffice> {
  const o = await startTestOffice(...args)
  opened.push(o)
  return o
}

/** A province holding its subordinates' records, which has enrolled the 最高人民检察院. */
async function provinceOffice(): Promise<TestOffice> {
  const p = provinceUnit
  const province = await office(
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
  await province.db.units.bulkPut(subordinateUnits as never[])
  for (const [t, rows] of relayed) await province.db.table(t).bulkPut(rows)
  await enrollWith(province, supremeEnrollment)
  return province
}

/** A 最高人民检察院 (the file's one key) that has enrolled the province whose enrollment file this is. */
async function supremeOffice(province: Enrollment): Promise<TestOffice> {
  const supreme = await office('supreme', SUPREME_PASSPHRASE, supremeKey)
  await enrollWith(supreme, province)
  return supreme
}

/** The province's archive under the lowered budget, through `api` (the real one unless a fault is injected). */
async function exportParts(province: TestOffice, fullResend = false, api = province.api) {
  return exportArchive(province.db, province.admin, api, await province.unit(), province.passphrase, fullResend, {
    budget: BUDGET,
  })
}

/** A province's parts exported under the budget, and each file's bytes. */
async function exportedParts(province: TestOffice): Promise<{ exported: ArchiveExport; files: string[] }> {
  const res = await exportParts(province)
  if (!res.ok) throw new Error(res.error.message)
  return { exported: res.value, files: await Promise.all(res.value.parts.map((part) => province.file(part.fileName))) }
}

async function importPart(supreme: TestOffice, bytes: string) {
  const inspected = await inspectPicked(supreme.db, supreme.api, await supreme.unit(), bytes)
  if (!inspected.ok) throw new Error(inspected.error.message)
  return importFile(supreme, bytes)
}

/** Read only by the tests: one province, its enrollment file and the parts it exported. */
let sender: TestOffice
let senderEnrollment: Enrollment
let exported: ArchiveExport
let files: string[]

beforeAll(async () => {
  const h = buildHierarchy({ size: 'province', seed: 3, cases: 150 })
  provinceUnit = h.units.find((u) => u.level === 'province') as Unit
  expect(provinceUnit.parentCode).toBe('100000')
  subordinateUnits = h.units.filter((u) => u.code !== provinceUnit.code && u.code !== provinceUnit.parentCode)
  for (const spec of h.offices) {
    if (spec.unit.code === provinceUnit.code) continue
    const d = generateOffice(h, spec, { mode: 'trusted', materials: true })
    for (const t of dataTables) {
      const rows = d[t] as unknown as Record<string, unknown>[]
      if (rows.length) relayed.set(t, [...(relayed.get(t) ?? []), ...rows])
    }
  }
  const supreme = await office('supreme', SUPREME_PASSPHRASE)
  supremeKey = supreme.officeKey
  supremeEnrollment = await enrollmentOf(supreme)
  sender = await provinceOffice()
  senderEnrollment = await enrollmentOf(sender)
  ;({ exported, files } = await exportedParts(sender))
}, 600_000)
afterAll(() => {
  for (const o of opened) o.db.close()
})

describe('an archive over the part budget is written as several parts at once', () => {
  it('consecutive numbers, each chained to the previous bundle, each within the budget', async () => {
    const { parts } = exported
    expect(parts.length).toBeGreaterThanOrEqual(3)
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
    for (const part of parts) expect(await exRow(sender, EX.sent(part.manifest.bundleId))).toBeTruthy()
  })

  it('a part imported before the one it continues is refused, naming the missing number; nothing is written', async () => {
    const supreme = await supremeOffice(senderEnrollment)
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
    // Its own province: the acknowledgements change what that province has left to report.
    const province = await provinceOffice()
    const supreme = await supremeOffice(await enrollmentOf(province))
    const own = await exportedParts(province)
    const { parts } = own.exported
    await importPart(supreme, own.files[0])
    // Skipping a part in the middle is refused the same way.
    const before = await snapshot(supreme.db)
    const skip = await inspectPicked(supreme.db, supreme.api, await supreme.unit(), own.files[2])
    expect(skip).toMatchObject({ ok: false, error: { code: 'exchange.earlier-part-missing' } })
    expect(skip.ok || skip.error.message).toContain(`先导入第 ${parts[1].manifest.channelSeq} 号`)
    expect(await snapshot(supreme.db)).toEqual(before)
    for (const file of own.files.slice(1)) {
      const plan = await importPart(supreme, file)
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
    const next = await exportParts(province)
    if (!next.ok) throw new Error(next.error.message)
    expect(next.value.parts).toHaveLength(1)
    expect(next.value.records).toBe(0)
    expect(archiveTables.every((t) => !next.value.parts[0].manifest.tables[t])).toBe(true)
  }, 600_000)

  it('a part that cannot be written stops the export: the written ones are named, the number is given back', async () => {
    // Its own province: the failed export and the one after it move that province's channel.
    const province = await provinceOffice()
    // Fault injection: the main process refuses the second pack (as a full disk would).
    let packs = 0
    const failing = {
      ...province.api,
      exchangePack: (args: Parameters<typeof province.api.exchangePack>[0]) =>
        ++packs === 2
          ? Promise.resolve({ ok: false as const, error: { code: 'ipc.internal' as const, message: '磁盘已满' } })
          : province.api.exchangePack(args),
    }
    const res = await exportParts(province, true, failing)
    expect(res).toMatchObject({ ok: false, error: { code: 'exchange.parts-incomplete' } })
    const sent = (await province.db.exchange.where('key').startsWith('sent:').toArray()) as unknown as SentRow[]
    const written = sent.filter((r) => r.kind === 'archive')
    expect(written).toHaveLength(1)
    expect(res.ok || res.error.message).toContain(`已写出 1 个数据包`)
    expect(res.ok || res.error.message).toContain(written[0].fileName)
    expect(res.ok || res.error.message).toContain('磁盘已满')
    const channel = await exRow<{ pendingSeq?: number; lastSentSeq: number }>(province, EX.out('100000'))
    expect(channel.pendingSeq).toBeUndefined()
    const again = await exportParts(province, true)
    if (!again.ok) throw new Error(again.error.message)
    expect(again.value.parts[0].manifest.channelSeq).toBe(channel.lastSentSeq + 1)
    // The same records under the same budget: as many parts as the province of the other tests wrote.
    expect(again.value.parts.length).toBe(exported.parts.length)
  }, 600_000)
})
