import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execute, openCase } from '../../../renderer/src/db'
import { caseRules } from '../../../renderer/src/db/commands/caseRules'
import type { DownwardPlan, StandardsRow } from '../../../renderer/src/db/exchange'
import {
  composeStandards,
  confirmImport,
  EX,
  exportArchive,
  exportRotation,
  exportStandards,
  inspectPicked,
  type OfficeKeyRow,
  openPicked,
  type PeerRow,
  previewImport,
  replaceSealedKey,
  resealRetired,
  rotateKey,
} from '../../../renderer/src/db/exchange'
import { dueItems } from '../../../renderer/src/db/queries/cases'
import { amountCheckInputFrom, assistanceCap, checkProposedAmount } from '../../../shared/domain/amount'
import { localMeasuresSchema, monthlyWageFor } from '../../../shared/domain/rulesets'
import type { Case } from '../../../shared/domain/schemas'
import type { StandardsContent } from '../../../shared/exchange/downward'
import { nowFrom } from '../../../shared/util/clock'
import { ensureAccount } from '../db/accounts'
import { snapshot } from '../db/fixtures'
import { APPLICANT_ID, enroll, exRow, onlyPart, open, PASSPHRASE, startTestOffice, type TestOffice } from './offices'

/**
 * 下发标准 and 密钥更换 across 省 → 市 → 基层 in Node, over the real main-process services and IPC contract: the
 * province composes standards (a wage figure, the 2027 holiday year, local measures); they travel down with the
 * province's signed directory; the basic office's amount cap and deadlines follow them; a newer edition replaces
 * an older one and never the reverse; a key rotation is announced, the directory updated, the old key refused.
 */
let basic: TestOffice
let city: TestOffice
let province: TestOffice

const source = { document: '北京市统计局公布数据（测试）', confidence: 'H' as const }

function content(wageFen: number, withCalendar: boolean): StandardsContent {
  return {
    wageTable: [{ regionCode: '110000', year: 2025, monthlyWageFen: wageFen, series: '职工', source }],
    ...(withCalendar
      ? {
          calendar: {
            version: '2027.1',
            source: '国务院办公厅关于2027年部分节假日安排的通知（测试）',
            years: { '2027': { holidays: ['2027-01-01', '2027-01-02', '2027-01-03'], workdays: [] } },
          },
        }
      : {}),
    localMeasures: [
      localMeasuresSchema.parse({
        schemaVersion: 1,
        id: 'bj-2026',
        title: '北京市国家司法救助工作实施办法（测试）',
        document: '京检发〔2026〕1号（测试）',
        // the test offices have no region code: the province sets parameters for the basic office by unit code
        scope: { unitCode: '110105' },
        effectiveDate: '2026-01-01',
        source,
        perCaseMaxFen: 30_000_000,
        wageTable: [],
      }),
    ],
    ruleSets: [],
  }
}

async function importFile(to: TestOffice, bytes: string) {
  const bundle = await open(to, bytes, to.passphrase)
  const preview = await previewImport(to.db, await to.unit(), bundle)
  if (!preview.ok) throw new Error(preview.error.message)
  const committed = await confirmImport(to.db, to.admin, bundle, preview.value.digest)
  if (!committed.ok) throw new Error(committed.error.message)
  return { plan: preview.value.plan as DownwardPlan, outcome: committed.value }
}

async function standardsDown(from: TestOffice, to: TestOffice) {
  const res = await exportStandards(
    from.db,
    from.admin,
    from.api,
    await from.unit(),
    from.passphrase,
    (await to.unit()).code,
  )
  if (!res.ok) throw new Error(res.error.message)
  return from.file(res.value.fileName)
}

const compose = (o: TestOffice, title: string, c: StandardsContent) =>
  execute(o.db, composeStandards, o.admin, { title, content: c })

const CASE_DAY = '2026-12-28'
let theCase: Case

beforeAll(async () => {
  ;[basic, city, province] = await Promise.all([
    startTestOffice('basic', PASSPHRASE.basic),
    startTestOffice('city', PASSPHRASE.city),
    startTestOffice('province', PASSPHRASE.province),
  ])
  await enroll(city, basic)
  await enroll(basic, city)
  await enroll(province, city)
  await enroll(city, province)
  const jcg = { userId: '110105-01J00000000000000000000002', unitCode: '110105', roles: ['case-procurator' as const] }
  await ensureAccount(basic.db, jcg)
  const opened = await execute(
    basic.db,
    openCase,
    jcg,
    {
      source: 'application',
      applicant: { name: '李四', idType: 'resident-id', idNumber: APPLICANT_ID, priorityFlags: [] },
      relation: 'self',
      victimInfo: { outcomes: ['serious-injury'] },
      clueDate: CASE_DAY,
      firstAction: {
        type: 'apply',
        date: CASE_DAY,
        form: 'written',
        capacity: 'self',
        materials: [{ item: 'application', received: true, receivedDate: CASE_DAY }],
      },
    },
    { clock: () => nowFrom(Date.parse(`${CASE_DAY}T02:00:00Z`)) },
  )
  if (!opened.ok) throw new Error(opened.error.message)
  theCase = opened.value
}, 120_000)
afterAll(() => {
  for (const o of [basic, city, province]) o?.db.close()
})

async function basicCap(): Promise<number | undefined> {
  const { rules } = await caseRules(basic.db, theCase, '110105', CASE_DAY)
  const wage = rules && monthlyWageFor(rules, '110000', 2025)
  return wage && rules
    ? assistanceCap({ monthlyWageFen: wage.monthlyWageFen, months: rules.amount.capMonths })
    : undefined
}

async function supplementDue(): Promise<string | undefined> {
  return (await dueItems(basic.db, '110105', CASE_DAY)).find((d) => d.deadline.kind === 'supplement-notice')?.deadline
    .due
}

describe('下发标准: province → city → basic', () => {
  it('before any standards: no wage figure for Beijing 2025, 2027 counted Monday–Friday', async () => {
    expect(await basicCap()).toBeUndefined()
    // applied Monday 2026-12-28, 5 working days; without 2027 data 2027-01-01 (Friday) counts as a working day
    expect(await supplementDue()).toBe('2027-01-04')
  })

  it('the province composes edition 1; identical content again is refused, nothing written', async () => {
    const res = await compose(province, '2026年度标准', content(900_000, true))
    expect(res.ok || res.error).toBe(true)
    expect(res).toMatchObject({ ok: true, value: { edition: 1, issuer: '110000' } })
    const before = await snapshot(province.db)
    const again = await compose(province, '再次发布', content(900_000, true))
    expect(again).toMatchObject({ ok: false, error: { code: 'exchange.standards-unchanged' } })
    expect(await snapshot(province.db)).toEqual(before)
    const bad = await execute(province.db, composeStandards, province.admin, {
      title: '错误的工资',
      content: { ...content(900_000, true), wageTable: [{ regionCode: '11', year: 2025 }] } as never,
    })
    expect(bad.ok).toBe(false)
    expect(bad.ok || bad.error.message).toMatch(/填写的内容有误/)
    expect(await snapshot(province.db)).toEqual(before)
  })

  it('the city previews (changes listed, directory signed by the province), commits; basic gets it relayed', async () => {
    const toCity = await standardsDown(province, city)
    const bundle = await open(city, toCity, city.passphrase)
    const before = await snapshot(city.db)
    const preview = await previewImport(city.db, await city.unit(), bundle)
    if (!preview.ok) throw new Error(preview.error.message)
    const plan = preview.value.plan as DownwardPlan
    expect(plan.editions).toMatchObject([{ issuer: '110000', edition: 1, verdict: 'new' }])
    expect(plan.editions[0].changes.join('\n')).toContain('工资标准 110000 2025年（职工）：新增 9,000.00元/月')
    expect(plan.editions[0].changes.join('\n')).toContain('节假日安排 2027年：新增')
    expect(plan.directory.map((d) => [d.unitCode, d.status])).toEqual([
      ['110000', 'new'],
      ['110300', 'own'],
    ])
    expect(await snapshot(city.db)).toEqual(before) // preview writes nothing
    const committed = await confirmImport(city.db, city.admin, bundle, preview.value.digest)
    expect(committed.ok).toBe(true)
    expect(((await city.db.standards.get('110000')) as StandardsRow).edition.edition).toBe(1)

    const { plan: basicPlan } = await importFile(basic, await standardsDown(city, basic))
    expect(basicPlan.editions).toMatchObject([{ issuer: '110000', edition: 1, verdict: 'new' }])
    expect(basicPlan.directory.map((d) => d.unitCode)).toEqual(['110300', '110105'])
    const held = (await basic.db.standards.get('110000')) as StandardsRow
    expect(held).toMatchObject({ source: 'received', via: '110300', bundleId: basicPlan.bundleId })
  })

  it('at the basic office the cap and the deadlines follow the standards', async () => {
    expect(await basicCap()).toBe(36 * 900_000)
    // 2027-01-01..03 are now holidays: the 5th working day after Monday 2026-12-28 is Tuesday 2027-01-05
    expect(await supplementDue()).toBe('2027-01-05')
    const { rules } = await caseRules(basic.db, theCase, '110105', CASE_DAY)
    expect(rules?.amount.perCaseMaxFen).toBe(30_000_000)
    const findings = checkProposedAmount(
      amountCheckInputFrom(rules!, { proposedFen: 36 * 900_000 + 100, monthlyWageFen: 900_000, overCapApproval: null }),
    )
    expect(findings.some((f) => f.severity === 'blocking')).toBe(true)
  })

  it('edition 2 (a changed wage figure) replaces edition 1 and changes the cap', async () => {
    expect(await compose(province, '2026年度标准（调整）', content(950_000, true))).toMatchObject({
      ok: true,
      value: { edition: 2 },
    })
    await importFile(city, await standardsDown(province, city))
    const { plan } = await importFile(basic, await standardsDown(city, basic))
    expect(plan.editions).toMatchObject([{ edition: 2, heldEdition: 1, verdict: 'newer' }])
    expect(plan.editions[0].changes).toContain('工资标准 110000 2025年（职工）：9,000.00元 → 9,500.00元/月')
    expect(await basicCap()).toBe(36 * 950_000)
  })

  it('an older edition never replaces a newer one (a city restored from an old backup sends edition 1 again)', async () => {
    const edition1 = (await city.db.standards.get('110000')) as StandardsRow
    // simulate the restore: the city holds edition 1 again (its channel numbers go on)
    await city.db.standards.put({
      ...edition1,
      edition: { ...((await province.db.standards.get('110000')) as StandardsRow).edition, edition: 1 },
    })
    const stale = await (async () => {
      const row = (await city.db.standards.get('110000')) as StandardsRow
      const { contentHashOf } = await import('../../../shared/exchange/downward')
      const c = content(900_000, true)
      await city.db.standards.put({ ...row, edition: { ...row.edition, content: c, contentHash: contentHashOf(c) } })
      return standardsDown(city, basic)
    })()
    const { plan } = await importFile(basic, stale)
    expect(plan.editions).toMatchObject([{ edition: 1, heldEdition: 2, verdict: 'older' }])
    expect(plan.warnings.join('\n')).toContain('较旧的版本不会替换较新的版本')
    expect(((await basic.db.standards.get('110000')) as StandardsRow).edition.edition).toBe(2)
    expect(await basicCap()).toBe(36 * 950_000)
  })

  it('a re-imported standards bundle changes nothing; an earlier one is refused as out of order', async () => {
    const first = await standardsDown(city, basic)
    await importFile(basic, first)
    const before = await snapshot(basic.db)
    const again = await open(basic, first, basic.passphrase)
    const preview = await previewImport(basic.db, await basic.unit(), again)
    expect(preview).toMatchObject({ ok: true, value: { plan: { alreadyImportedAt: expect.any(String) } } })
    expect(await snapshot(basic.db)).toEqual(before)
  })
})

describe('密钥更换: the city rotates its key', () => {
  let oldArchiveFile: string
  let cityOldFingerprint: string

  it('an archive written before the rotation is kept for later; the city rotates and announces to both sides', async () => {
    const arch = await exportArchive(basic.db, basic.admin, basic.api, await basic.unit(), basic.passphrase)
    if (!arch.ok) throw new Error(arch.error.message)
    oldArchiveFile = await basic.file(onlyPart(arch.value).fileName) // encrypted to the city's OLD key
    cityOldFingerprint = (await exRow<OfficeKeyRow>(city, EX.officeKey)).fingerprint
    const before = await snapshot(city.db)
    const wrong = await rotateKey(city.db, city.admin, city.api, 'Wrong2026pass')
    expect(wrong).toMatchObject({ ok: false, error: { code: 'bundle.keys-wrong-passphrase' } })
    expect(await snapshot(city.db)).toEqual(before)

    const rotated = await rotateKey(city.db, city.admin, city.api, city.passphrase)
    expect(rotated.ok).toBe(true)
    const key = await exRow<OfficeKeyRow>(city, EX.officeKey)
    expect(key.fingerprint).not.toBe(cityOldFingerprint)
    expect(key.record.previousKeyId).toBeDefined()
    expect((await city.unit()).fingerprint).toBe(key.fingerprint)
  })

  it('the subordinate verifies the announcement (signed by the old key) and updates its directory', async () => {
    const res = await exportRotation(city.db, city.admin, city.api, await city.unit(), city.passphrase, '110105')
    if (!res.ok) throw new Error(res.error.message)
    expect(res.value.manifest.sender.keyId).toBe(cityOldFingerprint.replaceAll('-', '')) // signed by the old key
    const { plan } = await importFile(basic, await city.file(res.value.fileName))
    expect(plan.rotation).toMatchObject({ unitCode: '110300', previousFingerprint: cityOldFingerprint })
    const peer = await exRow<PeerRow>(basic, EX.peer('110300'))
    expect(peer.fingerprint).toBe((await exRow<OfficeKeyRow>(city, EX.officeKey)).fingerprint)
    expect(peer.retired?.[0]).toMatchObject({ fingerprint: cityOldFingerprint })
  })

  it('the parent too; a later bundle signed with the old key is refused with a clear message, nothing written', async () => {
    // a standards bundle the city wrote to the basic office BEFORE... none exists; write one with the old key now
    const retiredSealed = (await city.db.exchange.where('key').startsWith('retiredKey:').first()) as unknown as {
      sealed: string
    }
    const { packAndRecord } = await import('../../../renderer/src/db/exchange')
    const forged = await packAndRecord(city.db, city.admin, city.api, await city.unit(), {
      kind: 'standards',
      signWith: retiredSealed.sealed,
      receiver: await exRow<PeerRow>(city, EX.peer('110105')),
      passphrase: city.passphrase,
      tables: {
        standards: [((await city.db.standards.get('110000')) as StandardsRow).edition as never],
        directory: [],
      },
      origins: [],
      counts: { standards: 1 },
    })
    if (!forged.ok) throw new Error(forged.error.message)
    const bytes = await city.file(forged.value.fileName)
    const before = await snapshot(basic.db)
    const refused = await inspectPicked(basic.db, basic.api, await basic.unit(), bytes)
    expect(refused).toMatchObject({ ok: false, error: { code: 'exchange.key-retired' } })
    expect(refused.ok || refused.error.message).toContain('旧密钥')
    expect(refused.ok || refused.error.message).toContain('未导入任何数据')
    const opened = await openPicked(basic.db, basic.api, await basic.unit(), bytes, basic.passphrase)
    expect(opened.ok).toBe(false)
    expect(await snapshot(basic.db)).toEqual(before)

    const toProvince = await exportRotation(city.db, city.admin, city.api, await city.unit(), city.passphrase, '110000')
    if (!toProvince.ok) throw new Error(toProvince.error.message)
    await importFile(province, await city.file(toProvince.value.fileName))
    expect((await exRow<PeerRow>(province, EX.peer('110300'))).fingerprint).toBe(
      (await exRow<OfficeKeyRow>(city, EX.officeKey)).fingerprint,
    )
    // the same rotation again: already imported, nothing changes
    const before2 = await snapshot(province.db)
    const replay = await inspectPicked(
      province.db,
      province.api,
      await province.unit(),
      await city.file(toProvince.value.fileName),
    )
    expect(replay).toMatchObject({ ok: false, error: { code: 'exchange.already-imported' } })
    expect(await snapshot(province.db)).toEqual(before2)
  })

  it('an archive encrypted to the old key before the rotation still opens (after a passphrase change too)', async () => {
    // 修改密钥口令 re-seals the current key and the retired one
    const current = await exRow<OfficeKeyRow>(city, EX.officeKey)
    const newPass = 'Shiji2026new!'
    const resealed = await city.api.exchangeChangePassphrase({
      sealed: current.sealed,
      passphrase: city.passphrase,
      newPassphrase: newPass,
    })
    if (!resealed.ok) throw new Error(resealed.error.message)
    expect((await execute(city.db, replaceSealedKey, city.admin, { sealed: resealed.value.sealed })).ok).toBe(true)
    expect(await resealRetired(city.db, city.admin, city.api, city.passphrase, newPass)).toEqual({ ok: true, value: 1 })
    city.passphrase = newPass
    const { plan } = await (async () => {
      const bundle = await open(city, oldArchiveFile, city.passphrase)
      const preview = await previewImport(city.db, await city.unit(), bundle)
      if (!preview.ok) throw new Error(preview.error.message)
      const done = await confirmImport(city.db, city.admin, bundle, preview.value.digest)
      if (!done.ok) throw new Error(done.error.message)
      return { plan: preview.value.plan }
    })()
    expect(plan.kind).toBe('archive')
    const next = await exportArchive(city.db, city.admin, city.api, await city.unit(), city.passphrase)
    if (!next.ok) throw new Error(next.error.message)
    const key = await exRow<OfficeKeyRow>(city, EX.officeKey)
    expect(onlyPart(next.value).manifest.sender.keyId).toBe(key.record.keyId)
    const imported = await importFile(province, await city.file(onlyPart(next.value).fileName))
    expect(imported.outcome.status).toBe('imported')
  })
})
