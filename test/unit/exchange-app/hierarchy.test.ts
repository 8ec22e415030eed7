import 'fake-indexeddb/auto'
import { readdir } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { actOnCase, execute } from '../../../renderer/src/db'
import type { ArchivePlan } from '../../../renderer/src/db/exchange'
import {
  confirmEnrollment,
  confirmImport,
  EX,
  exportAck,
  exportArchive,
  exportEnrollment,
  inspectPicked,
  type OfficeKeyRow,
  openPicked,
  previewEnrollment,
  previewImport,
  type UpstreamRow,
} from '../../../renderer/src/db/exchange'
import type { Case } from '../../../shared/domain/schemas'
import { FINGERPRINT_PATTERN } from '../../../shared/exchange/fingerprint'
import { snapshot } from '../db/fixtures'
import { exRow, onlyPart, open, openApplication, PASSPHRASE, startTestOffice, type TestOffice } from './offices'

/**
 * The first complete slice of exchange, in Node over the real main-process services and the real IPC contract:
 * keys at setup → enrollment both ways with fingerprint confirmation → 基层 archive → 市 preview/commit → ack →
 * relay to 省 → ack; with every refusal leaving the store exactly as it was.
 */
let basic: TestOffice
let city: TestOffice
let province: TestOffice
let theCase: Case

beforeAll(async () => {
  ;[basic, city, province] = await Promise.all([
    startTestOffice('basic', PASSPHRASE.basic),
    startTestOffice('city', PASSPHRASE.city),
    startTestOffice('province', PASSPHRASE.province),
  ])
})
afterAll(() => {
  for (const o of [basic, city, province]) o?.db.close()
})

async function fingerprintOf(o: TestOffice): Promise<string> {
  return (await exRow<OfficeKeyRow>(o, EX.officeKey)).fingerprint
}

async function enrollmentFile(o: TestOffice): Promise<string> {
  const res = await exportEnrollment(o.db, o.admin, o.api, await o.unit(), o.passphrase)
  if (!res.ok) throw new Error(res.error.message)
  return o.file(res.value.fileName)
}

async function enroll(receiver: TestOffice, sender: TestOffice, typed?: string) {
  const bundle = await open(receiver, await enrollmentFile(sender))
  return confirmEnrollment(receiver.db, receiver.admin, bundle, typed ?? (await fingerprintOf(sender)))
}

async function archive(from: TestOffice, fullResend = false) {
  const res = await exportArchive(from.db, from.admin, from.api, await from.unit(), from.passphrase, fullResend)
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

async function ackBack(from: TestOffice, to: TestOffice, receivedBundleId: string) {
  const ack = await exportAck(from.db, from.admin, from.api, await from.unit(), from.passphrase, receivedBundleId)
  if (!ack.ok) throw new Error(ack.error.message)
  return importArchive(to, await from.file(ack.value.fileName))
}

describe('office identity', () => {
  it('setup generates the key in the main process, stores it sealed, and the unit carries the public key', async () => {
    const unit = await basic.unit()
    const key = await exRow<OfficeKeyRow>(basic, EX.officeKey)
    expect(key.fingerprint).toMatch(FINGERPRINT_PATTERN)
    expect(unit.fingerprint).toBe(key.fingerprint)
    expect(JSON.parse(unit.publicKey as string)).toEqual(key.record)
    expect(key.sealed).toContain('"format":"jiuzhu-office-keys"')
    expect(key.sealed).not.toContain('PrivateKey')
    const audit = JSON.stringify(await basic.db.audit.toArray())
    expect(audit).not.toContain(key.sealed.slice(0, 60))
    expect(audit).toContain('已加密的私钥')
  })

  it('a wrong key passphrase is refused and nothing is reserved or written', async () => {
    const before = await snapshot(basic.db)
    const res = await exportEnrollment(basic.db, basic.admin, basic.api, await basic.unit(), 'Wrong2026pass')
    expect(res).toMatchObject({ ok: false, error: { code: 'bundle.keys-wrong-passphrase' } })
    expect(await snapshot(basic.db)).toEqual(before)
    expect(await readdir(basic.exportDir).catch(() => [])).toEqual([])
  })
})

describe('enrollment: the parent imports only after the fingerprint read over the phone', () => {
  it('a wrong or malformed fingerprint is refused with a Chinese reason, nothing written', async () => {
    const bundle = await open(city, await enrollmentFile(basic))
    const preview = await previewEnrollment(city.db, await city.unit(), bundle)
    expect(preview).toMatchObject({ ok: true, value: { relation: 'child', unit: { code: '110105' } } })
    const before = await snapshot(city.db)
    const wrong = await confirmEnrollment(city.db, city.admin, bundle, 'ABCDE-FGHJK-MNPQR-STVWX')
    expect(wrong).toMatchObject({ ok: false, error: { code: 'exchange.fingerprint-mismatch' } })
    expect(wrong.ok || wrong.error.message).toContain('未登记该单位')
    const malformed = await confirmEnrollment(city.db, city.admin, bundle, '12345')
    expect(malformed).toMatchObject({ ok: false, error: { code: 'exchange.fingerprint-format' } })
    expect(await snapshot(city.db)).toEqual(before)
  })

  it('the right fingerprint, typed loosely (lower case, spaces, O for 0), enrolls the subordinate', async () => {
    const fp = await fingerprintOf(basic)
    const loose = fp.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o')
    const res = await enroll(city, basic, loose)
    expect(res).toMatchObject({ ok: true, value: { status: 'enrolled', plan: { relation: 'child' } } })
    expect(await city.db.units.get('110105')).toMatchObject({ name: '北京市朝阳区人民检察院', parentCode: '110300' })
    expect(await city.db.exchange.get(EX.peer('110105'))).toMatchObject({ relation: 'child', fingerprint: fp })
    const again = await enroll(city, basic)
    expect(again).toMatchObject({ ok: true, value: { status: 'already-enrolled' } })
  })

  it('an office that is neither parent nor child is refused; so is the office itself', async () => {
    const before = await snapshot(province.db)
    const bundle = await open(province, await enrollmentFile(basic))
    const res = await previewEnrollment(province.db, await province.unit(), bundle)
    expect(res).toMatchObject({ ok: false, error: { code: 'exchange.enroll-unrelated' } })
    expect(await snapshot(province.db)).toEqual(before)
    const self = await inspectPicked(basic.db, basic.api, await basic.unit(), await enrollmentFile(basic))
    expect(self).toMatchObject({ ok: false, error: { code: 'exchange.enroll-self' } })
  })

  it('the parent enrolls in the other direction too, and 市 ↔ 省 likewise', async () => {
    expect(await enroll(basic, city)).toMatchObject({
      ok: true,
      value: { status: 'enrolled', plan: { relation: 'parent' } },
    })
    expect((await basic.db.units.get('110300'))?.directoryOnly).toBeUndefined()
    expect(await enroll(province, city)).toMatchObject({ ok: true, value: { plan: { relation: 'child' } } })
    expect(await enroll(city, province)).toMatchObject({ ok: true, value: { plan: { relation: 'parent' } } })
  })
})

describe('upward archive, acknowledgement and relay', () => {
  let first: Awaited<ReturnType<typeof archive>>

  it('基层 → 市: preview by office and table, commit, replicas exactly as the owner wrote them', async () => {
    theCase = await openApplication(basic)
    first = await archive(basic)
    expect(first.manifest.receiver?.unitCode).toBe('110300')
    expect(first.manifest.channelSeq).toBe(1)
    expect(first.manifest.origins).toEqual([{ unitCode: '110105', revFrom: 1, revTo: theCase.rev }])
    const { plan, outcome } = await importArchive(city, first.bytes)
    expect(plan.totals).toEqual({ new: 2, updated: 0, unchanged: 1, rejected: 0 })
    expect(plan.groups.map((g) => [g.unitCode, g.table, g.new, g.unchanged])).toEqual([
      ['110105', 'cases', 1, 0],
      ['110105', 'persons', 1, 0],
      ['110105', 'units', 0, 1],
    ])
    expect(outcome.status).toBe('imported')
    expect(await city.db.cases.get(theCase.id)).toEqual(theCase)
    expect(await city.db.exchange.get(EX.origin('110105'))).toMatchObject({ highWaterRev: theCase.rev, via: '110105' })
  })

  it('re-importing the same bundle changes nothing', async () => {
    const before = await snapshot(city.db)
    const { plan, outcome } = await importArchive(city, first.bytes)
    expect(plan.alreadyImportedAt).toBeDefined()
    expect(outcome.status).toBe('already-imported')
    expect(await snapshot(city.db)).toEqual(before)
  })

  it('a lost acknowledgement can be produced again from the stored receipt; importing both is harmless', async () => {
    const lost = await exportAck(
      city.db,
      city.admin,
      city.api,
      await city.unit(),
      city.passphrase,
      first.manifest.bundleId,
    )
    if (!lost.ok) throw new Error(lost.error.message)
    expect(lost.value.manifest).toMatchObject({ kind: 'ack', channelSeq: 1, receiver: { unitCode: '110105' } })
    const { outcome } = await importArchive(basic, await city.file(lost.value.fileName))
    expect(outcome.status).toBe('imported')
  })

  it('the acknowledgement goes back; 基层 shows what its parent holds, and the next archive is incremental', async () => {
    const received = await city.db.receivedBundles.get(first.manifest.bundleId)
    const { outcome } = await ackBack(city, basic, received!.bundleId)
    expect(outcome.status).toBe('imported')
    const upstream = await exRow<UpstreamRow>(basic, EX.upstream)
    expect(upstream).toMatchObject({ parentCode: '110300', holds: { '110105': theCase.rev } })
    expect(await basic.db.exchange.get(EX.sent(first.manifest.bundleId))).toMatchObject({ ack: { rejected: 0 } })
    const nothingNew = await archive(basic)
    expect(nothingNew.records).toBe(0)
    expect(nothingNew.manifest.origins).toEqual([])
    expect(Object.keys(nothingNew.manifest.tables)).toEqual(['units'])
    await importArchive(city, nothingNew.bytes)
  })

  it('a later bundle first shows the missing number as a gap; the earlier one is then refused', async () => {
    const jcg = { userId: '110105-01J00000000000000000000002', unitCode: '110105', roles: ['case-procurator' as const] }
    const accepted = await execute(basic.db, actOnCase, jcg, {
      caseId: theCase.id,
      expectedRev: theCase.rev,
      action: { type: 'accept', date: '2026-03-05' },
    })
    if (!accepted.ok) throw new Error(accepted.error.message)
    const third = await archive(basic)
    const fourth = await archive(basic)
    expect([third.manifest.channelSeq, fourth.manifest.channelSeq]).toEqual([3, 4])
    expect(fourth.manifest.origins).toEqual([
      { unitCode: '110105', revFrom: theCase.rev + 1, revTo: accepted.value.rev },
    ])
    const { plan } = await importArchive(city, fourth.bytes)
    expect(plan.channelGaps).toEqual([3])
    expect(plan.warnings.join()).toContain('缺少第 3 号')
    expect(plan.totals).toMatchObject({ updated: 1 })
    expect((await city.db.cases.get(theCase.id))?.state).toBe('accepted')
    expect(await city.db.exchange.get(EX.in('110105'))).toMatchObject({ lastReceivedSeq: 4, gaps: [3] })
    const before = await snapshot(city.db)
    const bundle = await open(city, third.bytes, city.passphrase)
    const res = await previewImport(city.db, await city.unit(), bundle)
    expect(res).toMatchObject({ ok: false, error: { code: 'exchange.out-of-order' } })
    expect(res.ok || res.error.message).toContain('第 4 号')
    expect(await snapshot(city.db)).toEqual(before)
    const received = await city.db.receivedBundles.get(fourth.manifest.bundleId)
    await ackBack(city, basic, received!.bundleId)
  })

  it('市 relays 基层 records unchanged to 省; 省 holds each origin and acks back', async () => {
    const relay = await archive(city)
    expect(relay.manifest.origins.map((o) => o.unitCode)).toEqual(['110105'])
    expect(relay.manifest.tables.units.count).toBe(2)
    const { plan } = await importArchive(province, relay.bytes)
    expect(plan.origins).toMatchObject([{ unitCode: '110105', allowed: true, heldAfter: expect.any(Number) }])
    expect(plan.totals.rejected).toBe(0)
    const atBasic = await basic.db.cases.get(theCase.id)
    expect(await province.db.cases.get(theCase.id)).toEqual(atBasic)
    expect(await province.db.units.get('110105')).toMatchObject({ parentCode: '110300' })
    await ackBack(province, city, relay.manifest.bundleId)
    const upstream = await exRow<UpstreamRow>(city, EX.upstream)
    expect(upstream.holds['110105']).toBe(atBasic?.rev)
  })
})

describe('refusals: a clear Chinese reason, nothing written', () => {
  it('a bundle addressed to another office', async () => {
    const toCity = await archive(basic, true)
    const before = await snapshot(province.db)
    const inspected = await inspectPicked(province.db, province.api, await province.unit(), toCity.bytes)
    expect(inspected).toMatchObject({ ok: false, error: { code: 'bundle.wrong-receiver' } })
    const opened = await openPicked(province.db, province.api, await province.unit(), toCity.bytes, province.passphrase)
    expect(opened).toMatchObject({ ok: false, error: { code: 'bundle.wrong-receiver' } })
    expect(opened.ok || opened.error.message).toContain('不是发给本院')
    expect(await snapshot(province.db)).toEqual(before)
  })

  it('a tampered bundle and a wrong passphrase', async () => {
    const b = await archive(basic, true)
    const bytes = Buffer.from(b.bytes, 'base64')
    bytes[bytes.length - 200] ^= 0x01
    const tampered = await openPicked(city.db, city.api, await city.unit(), bytes.toString('base64'), city.passphrase)
    expect(tampered.ok).toBe(false)
    expect(tampered.ok || tampered.error.code).toMatch(/^bundle\.(corrupt|decrypt-failed)$/)
    const wrong = await openPicked(city.db, city.api, await city.unit(), b.bytes, 'Nicht2026richtig')
    expect(wrong).toMatchObject({ ok: false, error: { code: 'bundle.keys-wrong-passphrase' } })
  })

  it('an office not enrolled at the receiver', async () => {
    const stranger = await startTestOffice('otherBasic', 'Dongcheng2026')
    expect(await enroll(stranger, city)).toMatchObject({ ok: true })
    const res = await exportArchive(
      stranger.db,
      stranger.admin,
      stranger.api,
      await stranger.unit(),
      stranger.passphrase,
    )
    if (!res.ok) throw new Error(res.error.message)
    const bytes = await stranger.file(onlyPart(res.value).fileName)
    const before = await snapshot(city.db)
    const inspected = await inspectPicked(city.db, city.api, await city.unit(), bytes)
    expect(inspected).toMatchObject({ ok: false, error: { code: 'exchange.not-enrolled' } })
    const opened = await openPicked(city.db, city.api, await city.unit(), bytes, city.passphrase)
    expect(opened).toMatchObject({ ok: false, error: { code: 'bundle.unknown-sender' } })
    expect(await snapshot(city.db)).toEqual(before)
    stranger.db.close()
  })

  it('an archive addressed to 省 cannot be opened at 基层', async () => {
    const r = await exportArchive(city.db, city.admin, city.api, await city.unit(), city.passphrase)
    if (!r.ok) throw new Error(r.error.message)
    const opened = await openPicked(
      basic.db,
      basic.api,
      await basic.unit(),
      await city.file(onlyPart(r.value).fileName),
    )
    expect(opened).toMatchObject({ ok: false, error: { code: 'bundle.wrong-receiver' } })
  })
})
