import 'fake-indexeddb/auto'
import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execute, openCase } from '../../../renderer/src/db'
import type { ArchivePlan } from '../../../renderer/src/db/exchange'
import { exportArchive, reviewDuplicate } from '../../../renderer/src/db/exchange'
import { duplicateCandidates } from '../../../renderer/src/db/queries/duplicates'
import {
  confirmTransferImport,
  exportTransfer,
  openTransfer,
  priorGrantsFor,
  type TransferApi,
} from '../../../renderer/src/db/transfer'
import type { Case } from '../../../shared/domain/schemas'
import { canonicalJson } from '../../../shared/util/canonicalJson'
import { ensureAccount } from '../db/accounts'
import { decidedAndPaid, UNDERLYING } from './decided'
import { APPLICANT_ID, enroll, importFile, onlyPart, PASSPHRASE, startTestOffice, type TestOffice } from './offices'

/**
 * 移送 and 既往救助 travel upward (docs/exchange.md §四): a procuratorate of another province (outside the tree) pays
 * 李四 and sends the transfer package to two districts of Beijing, which both import it as prior assistance; one of
 * them also produces a package of its own (paying 李四 for the same underlying case). Their archives carry the
 * `transfers` and `priorAssistance` rows to the city, the city relays them unchanged to the province; there the
 * one-time rule sees the outside grant once, and the cross-office duplicate check finds the outside office's grant
 * beside the first district's.
 */
let outside: TestOffice
let basic: TestOffice
let other: TestOffice
let city: TestOffice
let province: TestOffice
let newCase: Case
const api = (o: TestOffice) => o.api as unknown as TransferApi

async function importPackage(o: TestOffice, bytes: string) {
  const opened = await openTransfer(o.db, api(o), await o.unit(), bytes)
  if (!opened.ok) throw new Error(opened.error.message)
  const done = await confirmTransferImport(o.db, o.admin, opened.value)
  if (!done.ok) throw new Error(done.error.message)
  return done.value
}

async function archiveUp(from: TestOffice, to: TestOffice): Promise<ArchivePlan> {
  const res = await exportArchive(from.db, from.admin, from.api, await from.unit(), from.passphrase)
  if (!res.ok) throw new Error(res.error.message)
  return (await importFile(to, await from.file(onlyPart(res.value).fileName))) as ArchivePlan
}

beforeAll(async () => {
  ;[outside, basic, other, city, province] = await Promise.all([
    startTestOffice('outside', 'Heping2026abc'),
    startTestOffice('basic', PASSPHRASE.basic),
    startTestOffice('otherBasic', 'Dongcheng2026'),
    startTestOffice('city', PASSPHRASE.city),
    startTestOffice('province', PASSPHRASE.province),
  ])
  for (const [a, b] of [
    [city, basic],
    [city, other],
    [province, city],
  ]) {
    await enroll(a, b)
    await enroll(b, a)
  }
  const paidOutside = await decidedAndPaid(outside)
  const pkg = await exportTransfer(outside.db, outside.admin, api(outside), await outside.unit(), {
    caseId: paidOutside.id,
    receiver: { kind: 'procuratorate', name: '北京市朝阳区人民检察院', unitCode: '110105' },
    passphrase: outside.passphrase,
  })
  if (!pkg.ok) throw new Error(pkg.error.message)
  const bytes = (await readFile(pkg.value.path)).toString('base64')
  // the first district granted the same person for the same case before the outside office's package reached it
  // (with the package held, the one-time rule would have refused the grant), and transfers that case to a court
  const paidBasic = await decidedAndPaid(basic)
  const own = await exportTransfer(basic.db, basic.admin, api(basic), await basic.unit(), {
    caseId: paidBasic.id,
    receiver: { kind: 'court', name: '北京市朝阳区人民法院' },
    passphrase: basic.passphrase,
  })
  if (!own.ok) throw new Error(own.error.message)
  await importPackage(basic, bytes)
  await importPackage(other, bytes) // the same file reached the other district too
  // the second district receives an application by the same person for the same underlying case
  const jcg = { userId: '110101-01J00000000000000000000002', unitCode: '110101', roles: ['case-procurator' as const] }
  await ensureAccount(other.db, jcg)
  const created = await execute(other.db, openCase, jcg, {
    source: 'application',
    applicant: { name: '李四', idType: 'resident-id', idNumber: APPLICANT_ID, priorityFlags: [] },
    relation: 'self',
    underlyingCase: { caseNo: UNDERLYING },
    clueDate: '2026-04-01',
  })
  if (!created.ok) throw new Error(created.error.message)
  newCase = created.value as Case
}, 240_000)
afterAll(() => {
  for (const o of [outside, basic, other, city, province]) o?.db.close()
})

describe('移送 and 既往救助 in upward archives', () => {
  it('the districts’ archives carry their transfers and prior-assistance rows; the city stores them as sent', async () => {
    const fromBasic = await archiveUp(basic, city)
    const count = (p: ArchivePlan, table: string) => p.groups.find((g) => g.unitCode !== '110300' && g.table === table)
    expect(count(fromBasic, 'transfers')).toMatchObject({ unitCode: '110105', new: 1, rejected: 0 })
    expect(count(fromBasic, 'priorAssistance')).toMatchObject({ unitCode: '110105', new: 1, rejected: 0 })
    const fromOther = await archiveUp(other, city)
    expect(count(fromOther, 'priorAssistance')).toMatchObject({ unitCode: '110101', new: 1, rejected: 0 })
    expect(fromOther.rejected).toEqual([])
    // two rows of one package (same bundle hash), each owned by the district that imported it
    const held = await city.db.priorAssistance.toArray()
    expect(held.map((r) => r.ownerUnit).sort()).toEqual(['110101', '110105'])
    expect(new Set(held.map((r) => r.bundleHash)).size).toBe(1)
    for (const source of [basic, other]) {
      for (const r of await source.db.priorAssistance.toArray()) {
        expect(canonicalJson(await city.db.priorAssistance.get(r.id))).toBe(canonicalJson(r))
      }
    }
    const transfer = (await basic.db.transfers.toArray())[0]
    expect(canonicalJson(await city.db.transfers.get(transfer.id))).toBe(canonicalJson(transfer))
  }, 120_000)

  it('the city relays them unchanged; at the province the one-time rule sees the outside grant once', async () => {
    const plan = await archiveUp(city, province)
    expect(plan.rejected).toEqual([])
    for (const r of await basic.db.priorAssistance.toArray()) {
      expect(canonicalJson(await province.db.priorAssistance.get(r.id))).toBe(canonicalJson(r))
    }
    expect(await province.db.transfers.count()).toBe(1)
    const replica = (await province.db.cases.get(newCase.id)) as unknown as Case
    expect(replica.ownerUnit).toBe('110101')
    const grants = await priorGrantsFor(province.db, replica)
    const viaTransfer = grants.filter((g) => g.via === 'transfer')
    expect(viaTransfer).toHaveLength(1)
    expect(viaTransfer[0]).toMatchObject({ unitCode: '120101', underlyingCaseNo: UNDERLYING, amountFen: 3_000_000 })
  }, 120_000)

  it('the cross-office duplicate check at the province includes the outside office’s grant', async () => {
    const found = (await duplicateCandidates(province.db, await province.unit())).find((c) =>
      c.cases.some((x) => x.ownerUnit === '120101'),
    )
    expect(found).toBeDefined()
    // the outside grant beside the first district's own grant for the same underlying case (the second district's
    // application is not assistance yet, so it does not count)
    expect(found?.cases.map((c) => c.ownerUnit).sort()).toEqual(['110105', '120101'])
    const head = { userId: '110000-01J00000000000000000000003', unitCode: '110000', roles: ['dept-head' as const] }
    await ensureAccount(province.db, head)
    const flag = await execute(province.db, reviewDuplicate, head, {
      candidateKey: found?.key as string,
      decision: 'sent',
    })
    if (!flag.ok) throw new Error(flag.error.message)
    expect(flag.value.targets).toEqual(['110105', '120101'])
  }, 60_000)
})
