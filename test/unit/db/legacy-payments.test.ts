import 'fake-indexeddb/auto'
import { afterEach, assert, beforeEach, describe, expect, it } from 'vitest'
import { readLegacyFile } from '../../../electron/services/legacyImport'
import { execute } from '../../../renderer/src/db'
import { commitLegacyFollowUps } from '../../../renderer/src/db/commands/legacyFollowUps'
import { commitLegacyImport, withdrawLegacyImport } from '../../../renderer/src/db/commands/legacyImport'
import { commitLegacyPayments } from '../../../renderer/src/db/commands/legacyPayments'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { payableCasesFor } from '../../../renderer/src/db/queries/legacyImport'
import type { Case, FollowUp } from '../../../shared/domain/schemas'
import type { LegacyFollowUpInput, LegacyPaymentInput } from '../../../shared/legacyImport/commitInput'
import { detectHeader, headerLabels, suggestMapping } from '../../../shared/legacyImport/fields'
import { checkFollowUpRows } from '../../../shared/legacyImport/followUps'
import { checkPaymentRows } from '../../../shared/legacyImport/payments'
import type { LegacySheet } from '../../../shared/legacyImport/sheet'
import {
  followUpRegisterXlsx,
  followUpTrapRows,
  gbkEncode,
  ID_B,
  ID_C,
  PAYMENT_HEADER,
  paymentRegisterXlsx,
  paymentTrapRows,
  registerCsv,
  registerXlsx,
  unpaidCaseRows,
} from '../../legacyCorpus'
import { ensureAccount } from './accounts'
import { actorOf, on } from './caseSteps'
import { freshDb, setUp, snapshot } from './fixtures'
import { checkCaseRegister } from './legacySteps'

/**
 * 发放台账 through the real command layer on a real (fake-indexeddb) store: historical cases imported from a case
 * register first, then the payment register (the generated corpus with its traps) read by the main-process reader,
 * checked against the cases held, and committed in one command — the money rule (payments of a case ≤ its decided
 * amount) held in the command's transaction even when the preview is bypassed, and the import withdrawn as a whole.
 */
const ks = actorOf(2, 'case-procurator')
const TODAY = '2026-03-02'
const PAY_FILE = '2021-2024发放台账.xlsx'

let db: JiuzhuDb
beforeEach(async () => {
  db = freshDb()
  await db.open()
  await setUp(db)
  await ensureAccount(db, ks)
  await importCases()
})
afterEach(() => db.close())

/** The historical cases the payments belong to (four unpaid, one paid), imported through the case command. */
async function importCases() {
  const { input } = await checkCaseRegister(db, await registerXlsx({ rows: unpaidCaseRows }), '历史案件.xlsx', TODAY)
  const res = await execute(db, commitLegacyImport, ks, input, on(TODAY))
  if (!res.ok) throw new Error(res.error.message)
  expect(res.value.caseCount).toBe(5)
  return res.value
}

async function checkPayments(sheet: LegacySheet) {
  const header = detectHeader(sheet, 'payments')!
  const labels = headerLabels(sheet, header.top, header.bottom)
  const mapping = suggestMapping(labels, 'payments')
  const ids = sheet.rows.flat().filter((c): c is string => typeof c === 'string' && /^\d{17}[\dX]$/.test(c))
  const cases = await payableCasesFor(db, { idNumbers: ids, byCaseNo: mapping.caseNo !== undefined })
  return {
    header,
    mapping,
    verdicts: checkPaymentRows({ sheet, header, mapping, headerLabels: labels, today: TODAY, cases }),
  }
}

async function paymentInput(): Promise<LegacyPaymentInput> {
  const wb = await readLegacyFile(await paymentRegisterXlsx(), PAY_FILE)
  const { verdicts } = await checkPayments(wb.sheets[0])
  return {
    fileName: PAY_FILE,
    fileSha256: wb.sha256,
    sheet: wb.sheets[0].name,
    registerType: '发放台账',
    rejectedCount: verdicts.filter((v) => v.kind === 'rejected').length,
    payments: verdicts.filter((v) => v.kind === 'new').map((v) => v.payment!),
  }
}

const caseOf = async (idNumber: string) =>
  ((await db.cases.toArray()) as unknown as Case[]).find((c) => c.personIdNumbers.includes(idNumber)) as Case

describe('发放台账: each row checked against the historical cases held', () => {
  it('suggests the payment columns from the header and gives every trap row its verdict and reason', async () => {
    const wb = await readLegacyFile(await paymentRegisterXlsx(), PAY_FILE)
    const { header, mapping, verdicts } = await checkPayments(wb.sheets[0])
    expect(header).toEqual({ top: 1, bottom: 1 })
    expect(mapping).toMatchObject({ applicantName: 1, applicantId: 2, underlyingCaseNo: 3, paidDate: 4, amount: 5 })
    expect(mapping).toMatchObject({ method: 6, payeeName: 7, accountNo: 8 })
    expect(verdicts.map((v) => v.kind)).toEqual(paymentTrapRows.map((t) => t.kind))
    const reasons = paymentTrapRows.flatMap((t, i) =>
      t.says ? [{ row: i + 3, says: t.says, gave: verdicts[i].problems.map((p) => p.message).join(' ') }] : [],
    )
    for (const r of reasons) expect(r.gave, `row ${r.row}`).toContain(r.says)
    // the two rows of one case (bracket variants of its number) are taken together: 6,000.50 + 6,500 = 12,500.50
    expect(verdicts.slice(1, 3).map((v) => v.payment?.amountFen)).toEqual([600_050, 650_000])
    expect(verdicts[1].payment).toMatchObject({ method: 'transfer', account: { accountNo: '6222020200112233445' } })
  })

  it('reads the same register from a GBK CSV to the same verdicts', async () => {
    const rows = paymentTrapRows.slice(0, 8).map((t) => t.row.map((c) => (c === null ? '' : String(c))))
    const csv = registerCsv([PAYMENT_HEADER, ...rows])
    const wb = await readLegacyFile(gbkEncode(csv), '发放台账.csv')
    expect(wb.encoding).toBe('gb18030')
    const { verdicts } = await checkPayments(wb.sheets[0])
    expect(verdicts.map((v) => v.kind)).toEqual(paymentTrapRows.slice(0, 8).map((t) => t.kind))
  })
})

describe('导入发放台账 (one command, the money rule in its transaction)', () => {
  it('gives each matched historical case its payment in one audited command', async () => {
    const auditBefore = await db.audit.count()
    const res = await execute(db, commitLegacyPayments, ks, await paymentInput(), on(TODAY))
    if (!res.ok) throw new Error(res.error.message)
    expect(res.value).toMatchObject({ kind: 'payments', caseCount: 2, paymentRows: 3, rejectedCount: 6 })
    const b = await caseOf(ID_B)
    expect(b.state).toBe('paid')
    expect(b.payment).toMatchObject({
      method: 'transfer',
      amountFen: 1_250_050,
      paidDate: '2022-04-20',
      payeeName: '乙二',
      account: { accountNo: '6222020200112233445', accountName: '乙二' },
      receiptRef: '历史台账导入（分 2 次发放：2022-04-10、2022-04-20）',
    })
    expect(b.legacyImport?.payment).toMatchObject({ fileName: PAY_FILE, rows: [4, 5] })
    expect((await caseOf(ID_C)).state).toBe('granted')
    const entries = await db.audit.where('seq').above(auditBefore).toArray()
    expect(new Set(entries.map((e) => e.command))).toEqual(new Set(['legacy.importPayments']))
    // the register again: the rows taken are now unchanged
    const wb = await readLegacyFile(await paymentRegisterXlsx(), PAY_FILE)
    const { verdicts } = await checkPayments(wb.sheets[0])
    expect(verdicts.slice(0, 3).map((v) => v.kind)).toEqual(['unchanged', 'unchanged', 'unchanged'])
  })

  it('refuses payments over the decided amount at commit even when the preview was bypassed; nothing written', async () => {
    const c = await caseOf(ID_C)
    const before = await snapshot(db)
    const input = await paymentInput()
    const forged: LegacyPaymentInput = {
      ...input,
      payments: [
        ...input.payments,
        { row: 6, caseId: c.id, paidDate: '2023-03-15', amountFen: 1_000_000, method: 'in-person' },
        { row: 13, caseId: c.id, paidDate: '2023-03-20', amountFen: 1_000_000, method: 'in-person' },
      ],
    }
    const res = await execute(db, commitLegacyPayments, ks, forged, on(TODAY))
    assert(!res.ok, 'expected the import to be refused')
    expect(res.error.message).toContain('的发放金额合计 20,000.00元（第 6、13 行）超过决定救助金额 15,000.00元')
    expect(await snapshot(db)).toEqual(before)
  })

  it('refuses a payment for a case that is already paid, even when the preview was bypassed', async () => {
    const input = await paymentInput()
    expect((await execute(db, commitLegacyPayments, ks, input, on(TODAY))).ok).toBe(true)
    const before = await snapshot(db)
    const again = await execute(db, commitLegacyPayments, ks, { ...input, fileSha256: 'a'.repeat(64) }, on(TODAY))
    assert(!again.ok, 'expected the second import to be refused')
    expect(again.error.message).toContain('已有发放记录')
    expect(await snapshot(db)).toEqual(before)
  })

  it('is withdrawn as a whole (cases back to 已决定救助), and only then may the case import be withdrawn', async () => {
    const cases = await db.settings.where('key').startsWith('legacyImport:').toArray()
    const caseImport = cases[0].value as { id: string }
    const res = await execute(db, commitLegacyPayments, ks, await paymentInput(), on(TODAY))
    if (!res.ok) throw new Error(res.error.message)
    const blocked = await execute(
      db,
      withdrawLegacyImport,
      ks,
      { importId: caseImport.id, reason: '重新导入' },
      on(TODAY),
    )
    assert(!blocked.ok, 'expected the case import to be held by its payments')
    expect(blocked.error.message).toContain('请先撤销该导入')
    const w = await execute(db, withdrawLegacyImport, ks, { importId: res.value.id, reason: '发放台账有误' }, on(TODAY))
    expect(w.ok).toBe(true)
    const b = await caseOf(ID_B)
    expect(b.state).toBe('granted')
    expect(b.payment).toBeUndefined()
    expect(b.legacyImport?.payment).toBeUndefined()
    const all = await execute(db, withdrawLegacyImport, ks, { importId: caseImport.id, reason: '重新导入' }, on(TODAY))
    expect(all.ok).toBe(true)
  })
})

describe('回访台账: visits of the historical cases, after their payments', () => {
  const FU_FILE = '2021-2024回访台账.xlsx'

  async function checkFollowUps() {
    const wb = await readLegacyFile(await followUpRegisterXlsx(), FU_FILE)
    const sheet = wb.sheets[0]
    const header = detectHeader(sheet, 'followUps')!
    const labels = headerLabels(sheet, header.top, header.bottom)
    const mapping = suggestMapping(labels, 'followUps')
    const ids = sheet.rows.flat().filter((c): c is string => typeof c === 'string' && /^\d{17}[\dX]$/.test(c))
    const cases = await payableCasesFor(db, { idNumbers: ids, byCaseNo: false })
    const verdicts = checkFollowUpRows({ sheet, header, mapping, headerLabels: labels, today: TODAY, cases })
    const input: LegacyFollowUpInput = {
      fileName: FU_FILE,
      fileSha256: wb.sha256,
      sheet: sheet.name,
      registerType: '回访台账',
      rejectedCount: verdicts.filter((v) => v.kind === 'rejected').length,
      followUps: verdicts.filter((v) => v.kind === 'new').map((v) => v.followUp!),
    }
    return { mapping, verdicts, input }
  }

  beforeEach(async () => {
    const paid = await execute(db, commitLegacyPayments, ks, await paymentInput(), on(TODAY))
    if (!paid.ok) throw new Error(paid.error.message)
  })

  it('gives every trap row its verdict and reason', async () => {
    const { mapping, verdicts } = await checkFollowUps()
    expect(mapping).toMatchObject({ applicantId: 2, underlyingCaseNo: 3, followUpDate: 4, followUpMethod: 5 })
    expect(mapping).toMatchObject({ findings: 6, furtherNeeds: 7 })
    expect(verdicts.map((v) => v.kind)).toEqual(followUpTrapRows.map((t) => t.kind))
    const reasons = followUpTrapRows.flatMap((t, i) =>
      t.says ? [{ row: i + 3, says: t.says, gave: verdicts[i].problems.map((p) => p.message).join(' ') }] : [],
    )
    for (const r of reasons) expect(r.gave, `row ${r.row}`).toContain(r.says)
    expect(verdicts[1].followUp).toMatchObject({ date: '2022-08-01', method: 'phone', furtherNeeds: '申请低保' })
  })

  it('writes the visits as follow-up records marked 历史导入 in one command; withdrawn as a whole', async () => {
    const { input } = await checkFollowUps()
    const res = await execute(db, commitLegacyFollowUps, ks, input, on(TODAY))
    if (!res.ok) throw new Error(res.error.message)
    expect(res.value).toMatchObject({ kind: 'followUps', caseCount: 2, rejectedCount: 6 })
    const rows = (await db.followUps.toArray()) as unknown as FollowUp[]
    expect(rows.map((f) => [f.date, f.method]).sort()).toEqual([
      ['2021-06-01', 'visit'],
      ['2022-08-01', 'phone'],
    ])
    expect(rows.every((f) => f.legacyImport?.fileName === FU_FILE)).toBe(true)
    // checked again: unchanged
    const again = await checkFollowUps()
    expect(again.verdicts.slice(0, 2).map((v) => v.kind)).toEqual(['unchanged', 'unchanged'])
    const w = await execute(db, withdrawLegacyImport, ks, { importId: res.value.id, reason: '回访台账有误' }, on(TODAY))
    expect(w.ok).toBe(true)
    const after = (await db.followUps.toArray()) as unknown as FollowUp[]
    expect(after.every((f) => f.voided?.reason.includes('回访台账有误'))).toBe(true)
  })

  it('refuses a visit of an unpaid case at commit even when the preview was bypassed; nothing written', async () => {
    const { input } = await checkFollowUps()
    const unpaid = await caseOf(ID_C)
    const before = await snapshot(db)
    const forged = {
      ...input,
      followUps: [
        ...input.followUps,
        { row: 6, caseId: unpaid.id, date: '2023-06-01', method: 'phone' as const, findings: '已收到' },
      ],
    }
    const res = await execute(db, commitLegacyFollowUps, ks, forged, on(TODAY))
    assert(!res.ok, 'expected the import to be refused')
    expect(res.error.message).toContain('还没有发放记录')
    expect(await snapshot(db)).toEqual(before)
  })
})
