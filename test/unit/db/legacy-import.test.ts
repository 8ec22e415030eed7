import 'fake-indexeddb/auto'
import { afterEach, assert, beforeEach, describe, expect, it } from 'vitest'
import { actOnCase, execute, openCase } from '../../../renderer/src/db'
import { commitLegacyImport, withdrawLegacyImport } from '../../../renderer/src/db/commands/legacyImport'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { listLegacyImports } from '../../../renderer/src/db/queries/legacyImport'
import type { Case } from '../../../shared/domain/schemas'
import { ID_A, registerXlsx } from '../../legacyCorpus'
import { ensureAccount } from './accounts'
import { act, actorOf, allMaterials, on, reviewAndPropose } from './caseSteps'
import { freshDb, setUp, snapshot } from './fixtures'
import { checkCaseRegister } from './legacySteps'

/**
 * 历史台账导入 through the real command layer on a real (fake-indexeddb) store: the corpus register read by the
 * main-process reader, checked, committed in one command; the history then counts for the one-time rule, is
 * read-only, and an import is withdrawn as a whole.
 */
const ks = actorOf(2, 'case-procurator')
const TODAY = '2026-03-02'
const FILE = '2021-2024救助台账.xlsx'

let db: JiuzhuDb
beforeEach(async () => {
  db = freshDb()
  await db.open()
  await setUp(db)
  await ensureAccount(db, ks)
})
afterEach(() => db.close())

async function checked() {
  return checkCaseRegister(db, await registerXlsx(), FILE, TODAY)
}

async function commitInput() {
  return { ...(await checked()).input, registerType: '救助决定台账' }
}

async function commit(input?: Awaited<ReturnType<typeof commitInput>>) {
  return execute(db, commitLegacyImport, ks, input ?? (await commitInput()), on(TODAY))
}

async function openFor(idNumber: string, underlying: string, date: string): Promise<Case> {
  const res = await execute(
    db,
    openCase,
    ks,
    {
      source: 'application',
      applicant: { name: '张三', idType: 'resident-id', idNumber, priorityFlags: [] },
      relation: 'self',
      underlyingCase: { caseNo: underlying, charge: '故意伤害' },
      victimInfo: { outcomes: ['serious-injury'] },
      clueDate: date,
      firstAction: { type: 'apply', date, form: 'written', capacity: 'self', materials: allMaterials(date) },
    },
    on(date),
  )
  if (!res.ok) throw new Error(res.error.message)
  return act(db, ks, res.value, { type: 'accept', date }, date)
}

describe('导入历史台账 (one command, audited, then part of the office’s history)', () => {
  it('writes the new rows as read-only historical cases marked with the file and its hash, in one audited command', async () => {
    const auditBefore = await db.audit.count()
    const res = await commit()
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(res.value).toMatchObject({ fileName: FILE, caseCount: 4, rejectedCount: 7 })
    const cases = (await db.cases.toArray()) as unknown as Case[]
    expect(cases).toHaveLength(4)
    expect(cases.map((c) => c.state).sort()).toEqual(['granted', 'paid', 'paid', 'paid'])
    for (const c of cases) expect(c.legacyImport).toMatchObject({ fileName: FILE, fileSha256: res.value.fileSha256 })
    const zhang = cases.find((c) => c.personIdNumbers.includes(ID_A))!
    expect(zhang).toMatchObject({
      decisionDate: '2021-03-05',
      decision: { grantedFen: 3_000_000 },
      payment: { paidDate: '2021-03-20' },
    })
    const entries = await db.audit.where('seq').above(auditBefore).toArray()
    expect(new Set(entries.map((e) => e.command))).toEqual(new Set(['legacy.import']))
    const importEntry = entries.find((e) => e.table === 'settings')!
    expect(JSON.stringify(importEntry.after)).toContain(res.value.fileSha256)
    expect(JSON.stringify(importEntry.after)).toContain(FILE)
  })

  it('the same file again changes nothing, and its rows now check as unchanged', async () => {
    const input = await commitInput()
    expect((await commit(input)).ok).toBe(true)
    const before = await snapshot(db)
    const again = await commit(input)
    assert(!again.ok, 'expected again to be refused')
    expect(again.error.message).toContain('已于')
    expect(await snapshot(db)).toEqual(before)
    const { verdicts } = await checked()
    expect(verdicts.slice(0, 4).map((v) => v.kind)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged'])
  })

  it('the imported grant blocks a second grant to the same person for the same underlying case, citing the rule', async () => {
    expect((await commit()).ok).toBe(true)
    const second = await openFor(ID_A, '京朝检刑诉（2021）101号', '2026-03-03')
    await expect(reviewAndPropose(db, ks, second, '2026-03-04')).rejects.toThrow(/只救助一次[\s\S]*依据：《/)
  })

  it('a historical case is read-only: no workflow action runs on it', async () => {
    expect((await commit()).ok).toBe(true)
    const c = ((await db.cases.toArray()) as unknown as Case[]).find((x) => x.state === 'paid')!
    const before = await snapshot(db)
    const r = await execute(
      db,
      actOnCase,
      ks,
      { caseId: c.id, action: { type: 'start-follow-up', date: TODAY } },
      on(TODAY),
    )
    assert(!r.ok, 'expected r to be refused')
    expect(r.error.message).toContain('历史导入的记录')
    expect(await snapshot(db)).toEqual(before)
  })

  it('an import is withdrawn as a whole (cases voided, audited) and the second grant then goes through', async () => {
    const res = await commit()
    if (!res.ok) throw new Error(res.error.message)
    const w = await execute(
      db,
      withdrawLegacyImport,
      ks,
      { importId: res.value.id, reason: '台账有误，修正后重新导入' },
      on(TODAY),
    )
    expect(w.ok).toBe(true)
    const cases = (await db.cases.toArray()) as unknown as Case[]
    expect(cases.every((c) => c.voided?.reason.includes(FILE))).toBe(true)
    expect((await listLegacyImports(db))[0].withdrawn?.reason).toBe('台账有误，修正后重新导入')
    const second = await openFor(ID_A, '京朝检刑诉（2021）101号', '2026-03-03')
    expect((await reviewAndPropose(db, ks, second, '2026-03-04')).state).toBe('opinion')
    // and the same file may be imported again once its import is withdrawn
    expect((await commit()).ok).toBe(true)
  })

  it('an import something depends on is not withdrawn', async () => {
    const res = await commit()
    if (!res.ok) throw new Error(res.error.message)
    const [first] = res.value.caseIds
    // a correction since the import (the record's change stamp moved on)
    await db.cases.update(first, { updatedAt: '2026-03-05T02:00:00.000Z' })
    const before = await snapshot(db)
    const w = await execute(db, withdrawLegacyImport, ks, { importId: res.value.id, reason: '重新导入' }, on(TODAY))
    assert(!w.ok, 'expected w to be refused')
    expect(w.error.message).toContain('不能整体撤销')
    expect(await snapshot(db)).toEqual(before)
  })
})
