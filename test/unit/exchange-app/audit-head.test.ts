import 'fake-indexeddb/auto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { verifyStoredAuditChain, verifyStoredRecords } from '../../../renderer/src/db/audit'
import {
  confirmImport,
  EX,
  exportArchive,
  type InChannelRow,
  planDigest,
  planImport,
  previewImport,
} from '../../../renderer/src/db/exchange'
import {
  type AuditHashAlg,
  type AuditHead,
  auditHashAlgs,
  auditHashLabels,
  headAlgField,
  headAuditHash,
} from '../../../shared/audit/hashAlg'
import { snapshot } from '../db/fixtures'
import { resealChain } from '../db/forgeAudit'
import { exRow, onlyPart, open, openApplication, startEnrolledPair, type TestOffice } from './offices'

/**
 * The parent keeps each sender's audit head (docs/security.md §5): every bundle states where its sender's audit
 * chain stands (manifest `auditHead`); the receiving office stores it with the channel and refuses — nothing
 * written — a bundle whose audit log is shorter than the last one imported, or as long with another last hash.
 * Through the real export, open, preview and commit path with the real main-process services.
 */
let basic: TestOffice
let city: TestOffice
afterEach(() => {
  basic?.db.close()
  city?.db.close()
})

/**
 * A new case at the basic office (unless `newCase` is false), then 上报: the file and the audit head it states, and
 * how many audit entries the export itself wrote before packing (its bookkeeping).
 */
async function archiveFile(newCase = true): Promise<{ bytes: string; head: AuditHead; bookkeeping: number }> {
  if (newCase) await openApplication(basic)
  const count = await basic.db.audit.count()
  const res = await exportArchive(basic.db, basic.admin, basic.api, await basic.unit(), basic.passphrase)
  if (!res.ok) throw new Error(res.error.message)
  const part = onlyPart(res.value)
  const bytes = await basic.file(part.fileName)
  const opened = await open(city, bytes, city.passphrase)
  return { bytes, head: opened.manifest.auditHead, bookkeeping: opened.manifest.auditHead.seq - count }
}

async function importAtCity(bytes: string) {
  const bundle = await open(city, bytes, city.passphrase)
  const preview = await previewImport(city.db, await city.unit(), bundle)
  if (!preview.ok) throw new Error(preview.error.message)
  return confirmImport(city.db, city.admin, bundle, preview.value.digest)
}

/**
 * What the city's operator sees for a bundle: the preview (导入 → 预览), and — as if the screen had skipped it — the
 * commit of the same plan, made again inside the import command's transaction.
 */
async function previewAndForcedCommit(bytes: string) {
  const bundle = await open(city, bytes, city.passphrase)
  const own = await city.unit()
  const preview = await previewImport(city.db, own, bundle)
  const plan = await city.db.transaction('r', city.db.tables, () => planImport(city.db, own, bundle, new Map()))
  const commit = await confirmImport(city.db, city.admin, bundle, planDigest(plan))
  return { preview, commit }
}

/** The basic office's audit log cut back to its first `keep` entries, as DevTools or a script could. */
async function cutAuditTo(keep: number) {
  const seqs = (await basic.db.audit.where('seq').above(keep).primaryKeys()) as number[]
  await basic.db.audit.bulkDelete(seqs)
}

// the basic office chose SHA-256 or SM3 at setup: its head travels with the algorithm (absent = SHA-256) and the
// city holds each sender's head the same way for both
describe.each(auditHashAlgs)('each sender’s audit head at the receiving office (sender chose %s)', (alg) => {
  beforeEach(async () => {
    ;[basic, city] = await startEnrolledPair(alg)
  })

  it('is stored on commit and moves forward with each bundle; the records there still match their audit log', async () => {
    const first = await archiveFile()
    // the manifest names the algorithm only when it is not SHA-256 (a SHA-256 office writes the head as before)
    expect(first.head).toEqual({ seq: first.head.seq, hash: first.head.hash, ...headAlgField(alg) })
    expect(await verifyStoredAuditChain(basic.db)).toMatchObject({ ok: true, alg })
    expect((await importAtCity(first.bytes)).ok).toBe(true)
    const row = await exRow<InChannelRow>(city, EX.in('110105'))
    expect(row.audit).toMatchObject({ seq: first.head.seq, hash: first.head.hash, channelSeq: 1 })
    expect(row.audit?.alg).toBe(headAlgField(alg).alg)
    expect(first.head.seq).toBeGreaterThan(3)

    const second = await archiveFile()
    expect(second.head.seq).toBeGreaterThan(first.head.seq)
    expect((await importAtCity(second.bytes)).ok).toBe(true)
    expect((await exRow<InChannelRow>(city, EX.in('110105'))).audit).toMatchObject({
      seq: second.head.seq,
      channelSeq: 2,
    })
    // the replicas, the channel rows and the sealed key all compare with the city's own audit log
    const records = await verifyStoredRecords(city.db)
    expect(records.mismatches).toEqual([])
    expect(records.replicas).toBeGreaterThan(0)
  })

  it('a sender whose audit entries were deleted is refused, nothing written', async () => {
    const first = await archiveFile()
    expect((await importAtCity(first.bytes)).ok).toBe(true)
    // the sender deletes its newest audit entries (the export then appends its own bookkeeping)
    await openApplication(basic)
    await cutAuditTo(first.head.seq - first.bookkeeping - 1)
    const second = await archiveFile(false)
    expect(second.head.seq).toBeLessThan(first.head.seq)
    const before = await snapshot(city.db)
    const { preview, commit } = await previewAndForcedCommit(second.bytes)
    // the preview refuses the bundle with the reason before anyone confirms; the commit refuses it by the same rule
    for (const res of [preview, commit]) {
      expect(res).toMatchObject({ ok: false, error: { code: 'exchange.audit-behind' } })
      const message = res.ok ? '' : res.error.message
      expect(message).toContain(
        `审计日志倒退：本院上次从“北京市朝阳区人民检察院”（110105）收到的数据包记载其审计日志已有 ${first.head.seq} 条（第 1 号数据包），此包（第 2 号）只记载 ${second.head.seq} 条。`,
      )
      expect(message).toMatch(/整个数据包未导入，本院数据未做任何改动/)
    }
    expect(await snapshot(city.db)).toEqual(before)
  })

  it('a sender whose audit log was rewritten to the same length is refused, nothing written', async () => {
    const first = await archiveFile()
    expect((await importAtCity(first.bytes)).ok).toBe(true)
    // cut back so that the bookkeeping of the next export brings the log to exactly the same length again
    await openApplication(basic)
    await cutAuditTo(first.head.seq - first.bookkeeping)
    const probe = await archiveFile(false)
    expect(probe.head.seq).toBe(first.head.seq)
    expect(probe.head.hash).not.toBe(first.head.hash)
    const before = await snapshot(city.db)
    const { preview, commit } = await previewAndForcedCommit(probe.bytes)
    for (const res of [preview, commit]) {
      expect(res).toMatchObject({ ok: false, error: { code: 'exchange.audit-diverged' } })
      expect(res.ok ? '' : res.error.message).toMatch(
        new RegExp(
          `^审计日志被改写：本院此前从“北京市朝阳区人民检察院”（110105）收到的数据包记载其第 ${first.head.seq} 条审计记录的校验值为 ${first.head.hash}`,
        ),
      )
    }
    expect(await snapshot(city.db)).toEqual(before)
  })

  it('a sender whose whole audit log was re-sealed under the other algorithm is refused, nothing written', async () => {
    const first = await archiveFile()
    expect((await importAtCity(first.bytes)).ok).toBe(true)
    // the sender's log rebuilt under the other algorithm, entry 1 changed to name it: a chain that verifies there
    const other = auditHashAlgs.find((a) => a !== alg) as AuditHashAlg
    const entries = await basic.db.audit.orderBy('seq').toArray()
    await basic.db.audit.bulkPut(
      resealChain(entries, (e) => (e.seq === 1 ? { ...e, after: { auditHash: other } } : e), other),
    )
    expect(await verifyStoredAuditChain(basic.db)).toMatchObject({ ok: true, alg: other })
    const second = await archiveFile()
    expect(headAuditHash(second.head)).toBe(other)
    const before = await snapshot(city.db)
    const { preview, commit } = await previewAndForcedCommit(second.bytes)
    for (const res of [preview, commit]) {
      expect(res).toMatchObject({ ok: false, error: { code: 'exchange.audit-alg-changed' } })
      expect(res.ok ? '' : res.error.message).toContain(
        `审计日志的校验算法变了：本院此前从“北京市朝阳区人民检察院”（110105）收到的数据包记载其审计日志用 ${auditHashLabels[alg]} 校验（第 1 号数据包），此包（第 2 号）记载的是 ${auditHashLabels[other]}。`,
      )
    }
    expect(await snapshot(city.db)).toEqual(before)
  })
})
