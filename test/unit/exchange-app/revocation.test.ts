import 'fake-indexeddb/auto'
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execute, verifyStoredAuditChain } from '../../../renderer/src/db'
import type { ArchivePlan, DownwardPlan } from '../../../renderer/src/db/exchange'
import {
  composeStandards,
  confirmEnrollment,
  EX,
  exportArchive,
  exportEnrollment,
  exportStandards,
  type InChannelRow,
  inspectPicked,
  type OfficeKeyRow,
  type OriginRow,
  type PeerRow,
  packAndRecord,
  previewEnrollment,
  previewImport,
  reissueKey,
  revokeKey,
} from '../../../renderer/src/db/exchange'
import { exportTransfer, openTransfer, type TransferApi } from '../../../renderer/src/db/transfer'
import { ensureAccount } from '../db/accounts'
import { snapshot } from '../db/fixtures'
import { decidedAndPaid } from './decided'
import {
  enroll,
  exRow,
  importFile,
  onlyPart,
  open,
  openApplication,
  PASSPHRASE,
  procuratorOf,
  startTestOffice,
  type TestOffice,
} from './offices'

/**
 * 吊销密钥 (docs/exchange.md “吊销密钥”): the district's key is lost or stolen, so no rotation can be signed. The city
 * revokes it with a reason: bundles signed with it are refused (the archive written before, an enrollment bundle of
 * the old key), nothing is encrypted to it; the city's signed directory carries the revocation to the sibling, which
 * then refuses a transfer package signed with the old key. The district makes a new key under a new passphrase and
 * enrols again (fingerprint typed); the channel and the revs held continue. Every step audited, the chain intact.
 */
let basic: TestOffice
let other: TestOffice
let city: TestOffice
let oldKeyId: string
let oldArchive: string
let oldEnrollment: string
let oldTransfer: string
let archivedSeq: number
const NEW_PASSPHRASE = 'Chongxin2026xyz'
const REASON = '原系统管理员离职，密钥口令遗失'
const transferApi = (o: TestOffice) => o.api as unknown as TransferApi

async function archiveFile(from: TestOffice) {
  const res = await exportArchive(from.db, from.admin, from.api, await from.unit(), from.passphrase)
  if (!res.ok) throw new Error(res.error.message)
  const part = onlyPart(res.value)
  return { seq: part.manifest.channelSeq, bytes: await from.file(part.fileName) }
}

beforeAll(async () => {
  ;[basic, other, city] = await Promise.all([
    startTestOffice('basic', PASSPHRASE.basic),
    startTestOffice('otherBasic', 'Dongcheng2026'),
    startTestOffice('city', PASSPHRASE.city),
  ])
  for (const child of [basic, other]) {
    await enroll(city, child)
    await enroll(child, city)
  }
  await openApplication(basic)
  const first = await archiveFile(basic)
  await importFile(city, first.bytes)
  archivedSeq = first.seq
  oldKeyId = (await exRow<OfficeKeyRow>(basic, EX.officeKey)).record.keyId
  // what the old key signed before it was lost: an archive still on its way, an enrollment bundle, a transfer package
  oldArchive = (await archiveFile(basic)).bytes
  const enrol = await exportEnrollment(basic.db, basic.admin, basic.api, await basic.unit(), basic.passphrase)
  if (!enrol.ok) throw new Error(enrol.error.message)
  oldEnrollment = await basic.file(enrol.value.fileName)
  const paid = await decidedAndPaid(basic)
  const pkg = await exportTransfer(basic.db, basic.admin, transferApi(basic), await basic.unit(), {
    caseId: paid.id,
    receiver: { kind: 'procuratorate', name: '北京市东城区人民检察院' },
    passphrase: basic.passphrase,
  })
  if (!pkg.ok) throw new Error(pkg.error.message)
  oldTransfer = (await readFile(pkg.value.path)).toString('base64')
}, 240_000)
afterAll(() => {
  for (const o of [basic, other, city]) o?.db.close()
})

describe('吊销密钥 at the parent', () => {
  it('needs a reason and an enrolled office; revokes the current key, audited; not twice', async () => {
    // a stored 控申承办检察官 of the city (an administrator's actor object claiming fewer roles would act as admin)
    const caseWorker = procuratorOf('110300')
    await ensureAccount(city.db, caseWorker)
    const before = await snapshot(city.db)
    expect(await revokeKey(city.db, city.admin, '110105', '  ')).toMatchObject({ ok: false })
    const unknown = await revokeKey(city.db, city.admin, '110199', REASON)
    expect(!unknown.ok && unknown.error.code).toBe('exchange.revoke-invalid')
    expect(await revokeKey(city.db, caseWorker, '110105', REASON)).toMatchObject({ ok: false })
    expect(await snapshot(city.db)).toEqual(before)

    const done = await revokeKey(city.db, city.admin, '110105', REASON)
    if (!done.ok) throw new Error(done.error.message)
    expect(done.value).toMatchObject({ keyId: oldKeyId, reason: REASON })
    const peer = await exRow<PeerRow>(city, EX.peer('110105'))
    expect(peer.revoked).toEqual([done.value])
    const audit = (await city.db.audit.toArray()).at(-1)
    expect(audit).toMatchObject({ command: 'exchange.enroll', table: 'exchange', entityId: 'peer:110105' })
    const again = await revokeKey(city.db, city.admin, '110105', REASON)
    expect(!again.ok && again.error.message).toContain('已于')
  })

  it('bundles signed with the revoked key are refused with the reason; nothing is written', async () => {
    const before = await snapshot(city.db)
    const own = await city.unit()
    const picked = await inspectPicked(city.db, city.api, own, oldArchive)
    expect(picked).toMatchObject({ ok: false, error: { code: 'exchange.key-revoked' } })
    expect(!picked.ok && picked.error.message).toContain(REASON)
    expect(!picked.ok && picked.error.message).toContain('未导入任何数据')
    // past the first look too (the preview checks again)
    const opened = await open(city, oldArchive, city.passphrase)
    expect(await previewImport(city.db, own, opened)).toMatchObject({
      ok: false,
      error: { code: 'exchange.key-revoked' },
    })
    // the old key cannot enrol again either (a thief holding it)
    const enrolment = await open(city, oldEnrollment)
    expect(await previewEnrollment(city.db, own, enrolment)).toMatchObject({
      ok: false,
      error: { code: 'exchange.key-revoked' },
    })
    expect(await snapshot(city.db)).toEqual(before)
  })

  it('nothing is encrypted to the revoked key; no channel number is taken', async () => {
    const before = await snapshot(city.db)
    const peer = await exRow<PeerRow>(city, EX.peer('110105'))
    const res = await packAndRecord(city.db, city.admin, city.api, await city.unit(), {
      kind: 'supervision',
      receiver: peer,
      passphrase: city.passphrase,
      tables: { supervisionNotes: [] },
      origins: [],
      counts: {},
    })
    expect(res).toMatchObject({ ok: false, error: { code: 'exchange.peer-key-revoked' } })
    expect(!res.ok && res.error.message).toContain('重新入网登记')
    expect(await snapshot(city.db)).toEqual(before)
  })
})

describe('the revocation goes down in the signed directory', () => {
  it('the sibling sees it in the preview, stores it, and then refuses a transfer package signed with the old key', async () => {
    const composed = await execute(city.db, composeStandards, city.admin, {
      title: '第三分院标准（测试）',
      content: {
        wageTable: [
          {
            regionCode: '110000',
            year: 2025,
            monthlyWageFen: 900_000,
            series: '职工',
            source: { document: '北京市统计局公布数据（测试）', confidence: 'H' },
          },
        ],
        localMeasures: [],
        ruleSets: [],
      },
    })
    if (!composed.ok) throw new Error(composed.error.message)
    const res = await exportStandards(city.db, city.admin, city.api, await city.unit(), city.passphrase, '110101')
    if (!res.ok) throw new Error(res.error.message)
    const plan = (await importFile(other, await city.file(res.value.fileName))) as DownwardPlan
    const entry = plan.directory.find((d) => d.unitCode === '110105')
    expect(entry).toMatchObject({ status: 'new', currentRevoked: true })
    expect(entry?.revoked?.[0]).toMatchObject({ reason: REASON })
    expect(plan.warnings.join('\n')).toContain('上级院已吊销“北京市朝阳区人民检察院”（110105）的密钥')

    const before = await snapshot(other.db)
    const refused = await openTransfer(other.db, transferApi(other), await other.unit(), oldTransfer)
    expect(refused).toMatchObject({ ok: false, error: { code: 'exchange.key-revoked' } })
    expect(!refused.ok && refused.error.message).toContain(REASON)
    expect(await snapshot(other.db)).toEqual(before)
  })
})

describe('the district makes a new key and enrols again', () => {
  let newEnrollment: string
  let newFingerprint: string

  it('a new key pair under a new passphrase (not a rotation), audited without the private key', async () => {
    const before = await snapshot(basic.db)
    expect(await reissueKey(basic.db, basic.admin, basic.api, await basic.unit(), 'short')).toMatchObject({
      ok: false,
    })
    expect(await snapshot(basic.db)).toEqual(before)
    const res = await reissueKey(basic.db, basic.admin, basic.api, await basic.unit(), NEW_PASSPHRASE)
    if (!res.ok) throw new Error(res.error.message)
    basic.passphrase = NEW_PASSPHRASE
    const key = await exRow<OfficeKeyRow>(basic, EX.officeKey)
    expect(key.record.keyId).not.toBe(oldKeyId)
    expect(key.record.previousKeyId).toBeUndefined()
    expect(key.fingerprint).toBe(res.value.fingerprint)
    expect((await basic.unit()).fingerprint).toBe(res.value.fingerprint)
    newFingerprint = res.value.fingerprint
    const audit = await basic.db.audit.where('entityId').equals('officeKey').toArray()
    expect(JSON.stringify(audit.at(-1))).toContain('不记入审计日志')
    expect(JSON.stringify(audit.at(-1))).not.toContain(key.sealed.slice(0, 60))
    const enrol = await exportEnrollment(basic.db, basic.admin, basic.api, await basic.unit(), NEW_PASSPHRASE)
    if (!enrol.ok) throw new Error(enrol.error.message)
    newEnrollment = await basic.file(enrol.value.fileName)
  })

  it('the city previews a re-enrolment; a wrong fingerprint is refused; the right one replaces the key', async () => {
    const own = await city.unit()
    const bundle = await open(city, newEnrollment)
    const preview = await previewEnrollment(city.db, own, bundle)
    if (!preview.ok) throw new Error(preview.error.message)
    expect(preview.value).toMatchObject({ relation: 'child', alreadyEnrolled: false, reenrolment: { reason: REASON } })
    const channel = await exRow<InChannelRow>(city, EX.in('110105'))
    const origin = await exRow<OriginRow>(city, EX.origin('110105'))
    const before = await snapshot(city.db)
    const wrong = await confirmEnrollment(city.db, city.admin, bundle, 'ZZZZZ ZZZZZ ZZZZZ ZZZZZ')
    expect(!wrong.ok && wrong.error.code).toBe('exchange.fingerprint-mismatch')
    expect(await snapshot(city.db)).toEqual(before)

    const done = await confirmEnrollment(city.db, city.admin, bundle, newFingerprint)
    if (!done.ok) throw new Error(done.error.message)
    const peer = await exRow<PeerRow>(city, EX.peer('110105'))
    expect(peer.fingerprint).toBe(newFingerprint)
    expect(peer.revoked?.map((r) => r.keyId)).toEqual([oldKeyId])
    // the channel and the revs held continue
    expect(await exRow<InChannelRow>(city, EX.in('110105'))).toEqual(channel)
    expect(await exRow<OriginRow>(city, EX.origin('110105'))).toEqual(origin)
    // the old key stays refused
    expect(await inspectPicked(city.db, city.api, own, oldArchive)).toMatchObject({
      ok: false,
      error: { code: 'exchange.key-revoked' },
    })
  })

  it('the next archive, signed with the new key, continues the channel (the old one’s number shows as a gap)', async () => {
    const next = await archiveFile(basic)
    // the district's channel to the city goes on: the old-key archive took the next number, never imported
    expect(next.seq).toBe(archivedSeq + 2)
    const plan = (await importFile(city, next.bytes)) as ArchivePlan
    expect(plan.channelGaps).toEqual([archivedSeq + 1])
    expect(plan.rejected).toEqual([])
    // the city can write to the district again
    const res = await exportStandards(city.db, city.admin, city.api, await city.unit(), city.passphrase, '110105')
    if (!res.ok) throw new Error(res.error.message)
    const down = (await importFile(basic, await city.file(res.value.fileName))) as DownwardPlan
    expect(down.directory.find((d) => d.unitCode === '110105')).toMatchObject({ status: 'own' })
  })

  it('every office’s audit chain is intact', async () => {
    for (const o of [basic, other, city]) expect((await verifyStoredAuditChain(o.db)).ok).toBe(true)
  })
})
