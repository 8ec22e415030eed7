import 'fake-indexeddb/auto'
import { readFile } from 'node:fs/promises'
import { assert, beforeAll, describe, expect, it } from 'vitest'
import { execute, openCase } from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import { EX, type OfficeKeyRow, rotateKey } from '../../../renderer/src/db/exchange'
import {
  confirmTransferImport,
  exportTransfer,
  listCaseTransfers,
  openTransfer,
  priorAssistanceFor,
  priorGrantsFor,
  type TransferApi,
} from '../../../renderer/src/db/transfer'
import { oneTimeCheck } from '../../../shared/domain/eligibility'
import { builtInRuleSets } from '../../../shared/domain/rulesets'
import type { Case } from '../../../shared/domain/schemas'
import { ensureAccount } from '../db/accounts'
import { validId } from '../db/caseSteps'
import { snapshot } from '../db/fixtures'
import { decidedAndPaid, UNDERLYING } from './decided'
import { APPLICANT_ID, exRow, startEnrolledPair, startTestOffice, type TestOffice } from './offices'

/**
 * 案件移送材料包 end to end in Node: a 基层院 decides and pays a case (real command layer), produces the package
 * (real main-process services through the IPC contract, real crypto and zip); another procuratorate that never
 * enrolled it imports the package as prior assistance (unverified sender, fingerprint kept); the one-time rule at
 * the second office then blocks a new application by the same person for the same case. Re-import changes nothing;
 * a damaged file changes nothing.
 */
describe('案件移送材料包: produced at one procuratorate, imported as prior assistance at another', () => {
  let basic: TestOffice
  let other: TestOffice
  let paid: Case
  let packagePath: string
  const api = (o: TestOffice) => o.api as unknown as TransferApi

  beforeAll(async () => {
    ;[basic, other] = await Promise.all([
      startTestOffice('basic', 'Jiceng2026ab'),
      startTestOffice('otherBasic', 'Dongcheng2026'),
    ])
    paid = await decidedAndPaid(basic)
  }, 120_000)

  it('an undecided case cannot be transferred, and nothing is written', async () => {
    const { db } = basic
    const jcg: Actor = { userId: '110105-01J00000000000000000000002', unitCode: '110105', roles: ['case-procurator'] }
    await ensureAccount(db, jcg)
    const res = await execute(db, openCase, jcg, {
      source: 'application',
      applicant: { name: '王五', idType: 'resident-id', idNumber: validId('11010519900101003'), priorityFlags: [] },
      relation: 'self',
      clueDate: '2026-03-03',
    })
    if (!res.ok) throw new Error(res.error.message)
    const before = await snapshot(db)
    const out = await exportTransfer(db, basic.admin, api(basic), await basic.unit(), {
      caseId: (res.value as Case).id,
      receiver: { kind: 'court', name: '北京市朝阳区人民法院' },
      passphrase: basic.passphrase,
    })
    expect(!out.ok && out.error.code).toBe('transfer.no-decision')
    assert(!out.ok, 'expected out to be refused')
    expect(out.error.message).toContain('未生成任何文件')
    expect(await snapshot(db)).toEqual(before)
  })

  it('a wrong passphrase writes nothing; the right one writes the package and records it with the case', async () => {
    const own = await basic.unit()
    const before = await snapshot(basic.db)
    const wrong = await exportTransfer(basic.db, basic.admin, api(basic), own, {
      caseId: paid.id,
      receiver: { kind: 'court', name: '北京市朝阳区人民法院' },
      passphrase: 'wrong-passphrase',
    })
    assert(!wrong.ok, 'expected wrong to be refused')
    expect(wrong.error.code).toBe('bundle.keys-wrong-passphrase')
    expect(await snapshot(basic.db)).toEqual(before)

    const res = await exportTransfer(basic.db, basic.admin, api(basic), own, {
      caseId: paid.id,
      receiver: { kind: 'court', name: '北京市朝阳区人民法院' },
      passphrase: basic.passphrase,
    })
    if (!res.ok) throw new Error(res.error.message)
    expect(res.value.manifest.kind).toBe('transfer')
    expect(res.value.manifest.cipher).toBeNull()
    expect(res.value.readableDir).toContain('移送材料_')
    packagePath = res.value.path
    const rows = await listCaseTransfers(basic.db, paid.id)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ bundleHash: res.value.bundleHash, encrypted: false, channelSeq: 1 })
    const audit = await basic.db.audit.toArray()
    expect(audit.at(-1)).toMatchObject({ command: 'transfer.export', table: 'transfers' })
  }, 60_000)

  it('another procuratorate imports it as unverified prior assistance; the one-time rule then blocks the same person', async () => {
    const own = await other.unit()
    const bytes = (await readFile(packagePath)).toString('base64')
    const opened = await openTransfer(other.db, api(other), own, bytes)
    if (!opened.ok) throw new Error(opened.error.message)
    expect(opened.value.senderTrusted).toBe(false)
    expect(opened.value.record).toMatchObject({
      applicant: { name: '李四', idNumber: APPLICANT_ID },
      decision: {
        outcome: 'granted',
        grantedFen: 3_000_000,
        grantedInWords: '叁万元整',
        documentNo: '朝检控救〔2026〕1号',
      },
      payment: { amountFen: 3_000_000, paidDate: '2026-03-18' },
    })
    const done = await confirmTransferImport(other.db, other.admin, opened.value)
    if (!done.ok) throw new Error(done.error.message)
    expect(done.value.status).toBe('imported')
    expect(done.value.row).toMatchObject({
      sender: { unitCode: '110105', trusted: false, fingerprint: opened.value.senderFingerprint },
      grantedFen: 3_000_000,
    })
    // the same file again: nothing changes
    const before = await snapshot(other.db)
    const again = await confirmTransferImport(other.db, other.admin, opened.value)
    expect(again.ok && again.value.status).toBe('already-imported')
    expect(await snapshot(other.db)).toEqual(before)

    // a new application at the second office by the same person for the same case
    const jcg: Actor = { userId: '110101-01J00000000000000000000002', unitCode: '110101', roles: ['case-procurator'] }
    await ensureAccount(other.db, jcg)
    const created = await execute(other.db, openCase, jcg, {
      source: 'application',
      applicant: { name: '李四', idType: 'resident-id', idNumber: APPLICANT_ID, priorityFlags: [] },
      relation: 'self',
      underlyingCase: { caseNo: UNDERLYING },
      clueDate: '2026-04-01',
    })
    if (!created.ok) throw new Error(created.error.message)
    const c = created.value as Case
    expect(await priorAssistanceFor(other.db, c.personIdNumbers)).toHaveLength(1)
    const grants = await priorGrantsFor(other.db, c)
    const rules = builtInRuleSets[builtInRuleSets.length - 1]
    const findings = oneTimeCheck(
      { caseId: c.id, applicantIdNumber: APPLICANT_ID, underlyingCaseNo: UNDERLYING },
      rules,
      grants,
    )
    expect(findings).toHaveLength(1)
    expect(findings[0].severity).toBe('blocking')
    expect(findings[0].message).toContain('已在北京市朝阳区人民检察院（110105）获得救助（移送材料）')
    expect(findings[0].message).toContain('30,000.00元（叁万元整）')
    expect(findings[0].message).toContain('2026-03-18 发放')
    // another case number: shown as a warning to check, not silently passed
    const other2 = oneTimeCheck(
      { applicantIdNumber: APPLICANT_ID, underlyingCaseNo: '京朝法刑初〔2026〕5号' },
      rules,
      grants,
    )
    expect(other2.map((f) => f.severity)).toEqual(['warning'])
  })

  it('a damaged package is refused with a Chinese reason and nothing is written; own package is refused', async () => {
    const own = await other.unit()
    const bytes = await readFile(packagePath)
    const flipped = Buffer.from(bytes)
    flipped[Math.floor(bytes.length / 2)] ^= 0x20
    const before = await snapshot(other.db)
    const res = await openTransfer(other.db, api(other), own, flipped.toString('base64'))
    assert(!res.ok, 'expected res to be refused')
    expect(res.error.message).toMatch(/未导入任何数据/)
    expect(await snapshot(other.db)).toEqual(before)
    const self = await openTransfer(basic.db, api(basic), await basic.unit(), bytes.toString('base64'))
    expect(!self.ok && self.error.code).toBe('transfer.own-package')
  })
})

describe('案件移送材料包 encrypted to an enrolled office that rotates its key before opening it', () => {
  let basic: TestOffice
  let city: TestOffice
  const api = (o: TestOffice) => o.api as unknown as TransferApi

  beforeAll(async () => {
    ;[basic, city] = await startEnrolledPair()
  }, 120_000)

  it('the package opens with the retired key, as archives do; without it the main process cannot open it', async () => {
    const paid = await decidedAndPaid(basic)
    const made = await exportTransfer(basic.db, basic.admin, api(basic), await basic.unit(), {
      caseId: paid.id,
      receiver: { kind: 'procuratorate', name: '北京市人民检察院第三分院', unitCode: '110300' },
      passphrase: basic.passphrase,
    })
    if (!made.ok) throw new Error(made.error.message)
    const oldKeyId = (await exRow<OfficeKeyRow>(city, EX.officeKey)).record.keyId
    expect(made.value.manifest.receiver).toMatchObject({ unitCode: '110300', keyId: oldKeyId })
    const bytes = (await readFile(made.value.path)).toString('base64')

    // the city rotates its key while the package is on its way
    const rotated = await rotateKey(city.db, city.admin, city.api, city.passphrase)
    if (!rotated.ok) throw new Error(rotated.error.message)
    expect((await exRow<OfficeKeyRow>(city, EX.officeKey)).record.keyId).not.toBe(oldKeyId)

    const opened = await openTransfer(city.db, api(city), await city.unit(), bytes, city.passphrase)
    if (!opened.ok) throw new Error(opened.error.message)
    expect(opened.value.senderTrusted).toBe(true)
    expect(opened.value.record.decision.grantedFen).toBe(3_000_000)
    const done = await confirmTransferImport(city.db, city.admin, opened.value)
    expect(done.ok && done.value.status).toBe('imported')

    // the same request without the retired key (what the app sent before): the current key cannot decrypt it
    const key = await exRow<OfficeKeyRow>(city, EX.officeKey)
    const bare = await api(city).transferOpen({
      bytes,
      sealed: key.sealed,
      passphrase: city.passphrase,
      expectedReceiverUnit: '110300',
      trusted: [],
    })
    assert(!bare.ok, 'expected bare to be refused')
    expect(bare.error.code).toBe('bundle.receiver-key-unknown')
  }, 120_000)
})
