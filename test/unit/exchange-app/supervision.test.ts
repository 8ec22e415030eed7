import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execute, openCase } from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { DownwardPlan } from '../../../renderer/src/db/exchange'
import {
  confirmImport,
  EX,
  exportArchive,
  exportNotes,
  notesForCase,
  type PeerRow,
  packAndRecord,
  previewImport,
  replyToNote,
  reviewDuplicate,
  supervisionOverview,
  writeSupervisionNote,
} from '../../../renderer/src/db/exchange'
import { duplicateCandidates } from '../../../renderer/src/db/queries/duplicates'
import type { Case } from '../../../shared/domain/schemas'
import { findCrossOfficeDuplicates } from '../../../shared/exchange/downward'
import { ensureAccount } from '../db/accounts'
import { snapshot } from '../db/fixtures'
import {
  APPLICANT_ID,
  enroll,
  exRow,
  importFile,
  onlyPart,
  open,
  PASSPHRASE,
  startTestOffice,
  type TestOffice,
} from './offices'

/**
 * 督导意见 and 重复救助提示 across 省 → 市 → two 基层 offices in Node: the province finds the same person assisted for
 * the same underlying case at both basic offices (from the replicas that came up), confirms the flag, writes a
 * note on one case; both travel down through the city; the basic office replies; the reply comes back up with the
 * next archive, relayed by the city.
 */
let basic: TestOffice
let other: TestOffice
let city: TestOffice
let province: TestOffice
let caseA: Case
let caseB: Case

async function archiveUp(from: TestOffice, to: TestOffice) {
  const res = await exportArchive(from.db, from.admin, from.api, await from.unit(), from.passphrase)
  if (!res.ok) throw new Error(res.error.message)
  return importFile(to, await from.file(onlyPart(res.value).fileName))
}

async function notesDown(from: TestOffice, to: TestOffice, kind: 'supervision' | 'duplicate-flags') {
  const res = await exportNotes(
    from.db,
    from.admin,
    from.api,
    await from.unit(),
    from.passphrase,
    (await to.unit()).code,
    kind,
  )
  if (!res.ok) throw new Error(res.error.message)
  return (await importFile(to, await from.file(res.value.fileName))) as DownwardPlan
}

async function openWithUnderlying(o: TestOffice, underlyingCaseNo: string): Promise<Case> {
  const code = (await o.unit()).code
  const jcg: Actor = { userId: `${code}-01J00000000000000000000002`, unitCode: code, roles: ['case-procurator'] }
  await ensureAccount(o.db, jcg)
  const res = await execute(o.db, openCase, jcg, {
    source: 'application',
    underlyingCase: { caseNo: underlyingCaseNo, charge: '故意伤害罪' },
    applicant: { name: '李四', idType: 'resident-id', idNumber: APPLICANT_ID, priorityFlags: [] },
    relation: 'self',
    victimInfo: { outcomes: ['serious-injury'] },
    clueDate: '2026-03-03',
    firstAction: {
      type: 'apply',
      date: '2026-03-04',
      form: 'written',
      capacity: 'self',
      materials: [{ item: 'application', received: true, receivedDate: '2026-03-04' }],
    },
  })
  if (!res.ok) throw new Error(res.error.message)
  return res.value
}

const head = (o: TestOffice): Actor => ({
  userId: `${o.admin.unitCode}-01J00000000000000000000003`,
  unitCode: o.admin.unitCode,
  roles: ['dept-head'],
})

beforeAll(async () => {
  ;[basic, other, city, province] = await Promise.all([
    startTestOffice('basic', PASSPHRASE.basic),
    startTestOffice('otherBasic', 'Dongcheng2026a'),
    startTestOffice('city', PASSPHRASE.city),
    startTestOffice('province', PASSPHRASE.province),
  ])
  for (const [a, b] of [
    [city, basic],
    [basic, city],
    [city, other],
    [other, city],
    [province, city],
    [city, province],
  ] as const)
    await enroll(a, b)
  for (const o of [basic, city, province]) await ensureAccount(o.db, head(o))
  caseA = await openWithUnderlying(basic, '京朝检刑诉〔2025〕88号')
  caseB = await openWithUnderlying(other, '京朝检刑诉(2025)88号')
  await archiveUp(basic, city)
  await archiveUp(other, city)
  await archiveUp(city, province)
}, 180_000)
afterAll(() => {
  for (const o of [basic, other, city, province]) o?.db.close()
})

describe('重复救助提示', () => {
  it('the pure detector: same ID and same underlying case number at two offices; not within one office', () => {
    const c = (id: string, owner: string, no?: string, charge?: string, state = 'paid') => ({
      id,
      ownerUnit: owner,
      state,
      personIdNumbers: [APPLICANT_ID],
      underlyingCase: { ...(no ? { caseNo: no } : {}), ...(charge ? { charge } : {}) },
    })
    expect(findCrossOfficeDuplicates([c('a', '110105', 'X〔2025〕1号'), c('b', '110101', 'x(2025)1号')])).toHaveLength(
      1,
    )
    expect(findCrossOfficeDuplicates([c('a', '110105', 'X1'), c('b', '110101', 'X2')])).toHaveLength(0)
    expect(findCrossOfficeDuplicates([c('a', '110105', 'X1'), c('b', '110105', 'X1')])).toHaveLength(0)
    expect(
      findCrossOfficeDuplicates([c('a', '110105', undefined, '抢劫罪'), c('b', '110101', 'X1', '抢劫罪')]),
    ).toEqual([expect.objectContaining({ matchedOn: 'charge' })])
    expect(
      findCrossOfficeDuplicates([c('a', '110105', 'X1'), c('b', '110101', 'X1', undefined, 'withdrawn')]),
    ).toHaveLength(0)
  })

  it('the province finds the candidate from the relayed replicas; a reviewer confirms it; it is not shown again', async () => {
    const own = await province.unit()
    const found = await duplicateCandidates(province.db, own)
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({ idNumber: APPLICANT_ID, matchedOn: 'caseNo', personName: '李四' })
    expect(found[0].cases.map((c) => c.id).sort()).toEqual([caseA.id, caseB.id].sort())
    const before = await snapshot(province.db)
    const denied = await execute(province.db, reviewDuplicate, province.admin, {
      candidateKey: found[0].key,
      decision: 'sent',
    })
    expect(denied).toMatchObject({ ok: false, error: { code: 'command.permission-denied' } })
    expect(await snapshot(province.db)).toEqual(before)
    const res = await execute(province.db, reviewDuplicate, head(province), {
      candidateKey: found[0].key,
      decision: 'sent',
      reviewNote: '请两院核实是否同一损害重复救助',
    })
    expect(res).toMatchObject({ ok: true, value: { targets: ['110101', '110105'], status: 'sent' } })
    expect(await duplicateCandidates(province.db, own)).toHaveLength(0)
  })
})

describe('督导意见', () => {
  it('the province writes a note on the basic office case (a replica); not on its own or an unknown case', async () => {
    const bad = await execute(province.db, writeSupervisionNote, head(province), {
      period: { from: '2026-01-01', to: '2026-03-31' },
      targets: ['999999'],
      subject: '季度督导',
      text: '请报告救助金发放情况',
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'command.invalid-input' } })
    const res = await execute(province.db, writeSupervisionNote, head(province), {
      caseId: caseA.id,
      subject: '救助金额依据',
      text: '请说明救助金额的计算依据，并附工资标准出处。',
    })
    expect(res).toMatchObject({ ok: true, value: { targets: ['110105'], caseId: caseA.id } })
  })

  it('notes and flags travel down through the city to the offices concerned, and only to them', async () => {
    const cityPlan = await notesDown(province, city, 'supervision')
    expect(cityPlan.counts).toMatchObject([{ table: 'supervisionNotes', new: 1, rejected: 0 }])
    const flagPlan = await notesDown(province, city, 'duplicate-flags')
    expect(flagPlan.counts).toMatchObject([{ table: 'duplicateFlags', new: 1, rejected: 0 }])
    const basicPlan = await notesDown(city, basic, 'supervision')
    expect(basicPlan.counts).toMatchObject([{ new: 1 }])
    await notesDown(city, basic, 'duplicate-flags')
    await notesDown(city, other, 'duplicate-flags')
    const none = await exportNotes(
      other.db,
      other.admin,
      other.api,
      await other.unit(),
      other.passphrase,
      '110101',
      'supervision',
    )
    expect(none.ok).toBe(false)
    const toOther = await exportNotes(
      city.db,
      city.admin,
      city.api,
      await city.unit(),
      city.passphrase,
      '110101',
      'supervision',
    )
    expect(toOther).toMatchObject({ ok: false, error: { code: 'exchange.nothing-to-send' } })

    const onA = await notesForCase(basic.db, caseA.id)
    expect(onA.map((x) => x.kind).sort()).toEqual(['flag', 'note'])
    const onB = await notesForCase(other.db, caseB.id)
    expect(onB.map((x) => x.kind)).toEqual(['flag'])
    expect(onB[0].flag?.cases.map((c) => c.unitCode).sort()).toEqual(['110101', '110105'])
  })

  it('a note the sender may not send is rejected with its reason: owned by the receiver, or addressed elsewhere', async () => {
    const held = (await city.db.supervisionNotes.toArray())[0] as unknown as Record<string, unknown>
    const ownedByBasic = { ...held, id: `110105-${String(held.id).slice(7, -1)}A`, ownerUnit: '110105' }
    const elsewhere = { ...held, id: `110000-${String(held.id).slice(7, -1)}B`, targets: ['110101'] }
    const res = await packAndRecord(city.db, city.admin, city.api, await city.unit(), {
      kind: 'supervision',
      receiver: await exRow<PeerRow>(city, EX.peer('110105')),
      passphrase: city.passphrase,
      tables: { supervisionNotes: [ownedByBasic, elsewhere] },
      origins: [],
      counts: { supervisionNotes: 2 },
    })
    if (!res.ok) throw new Error(res.error.message)
    const bundle = await open(basic, await city.file(res.value.fileName), basic.passphrase)
    const preview = await previewImport(basic.db, await basic.unit(), bundle)
    if (!preview.ok) throw new Error(preview.error.message)
    const plan = preview.value.plan as DownwardPlan
    expect(plan.rejected.map((r) => r.reason)).toEqual([
      '本院或下级单位的记录不能由上级院改写',
      '不是发给本院或本院下级单位的',
    ])
    expect(plan.writes.records).toEqual({})
    const before = await snapshot(basic.db)
    const done = await confirmImport(basic.db, basic.admin, bundle, preview.value.digest)
    expect(done.ok).toBe(true)
    const after = await snapshot(basic.db)
    expect(after.supervisionNotes).toEqual(before.supervisionNotes)
  })

  it('sending the same notes again changes nothing (unchanged)', async () => {
    const again = await notesDown(city, basic, 'supervision')
    expect(again.counts).toMatchObject([{ new: 0, updated: 0, unchanged: 1 }])
  })

  it('the basic office replies; an office the note was not sent to cannot; the reply goes up with the archive', async () => {
    const note = (await notesForCase(basic.db, caseA.id)).find((x) => x.kind === 'note')!.note!
    const before = await snapshot(city.db)
    const notHere = await execute(city.db, replyToNote, head(city), {
      noteId: note.id,
      noteKind: 'note',
      handling: 'noted',
      text: '收到',
    })
    expect(notHere).toMatchObject({ ok: false, error: { code: 'command.invalid-input' } })
    expect(await snapshot(city.db)).toEqual(before)
    const reply = await execute(basic.db, replyToNote, head(basic), {
      noteId: note.id,
      noteKind: 'note',
      handling: 'explained',
      text: '金额按北京市2025年职工月平均工资的3倍计算，出处见卷宗第5页。',
    })
    expect(reply).toMatchObject({ ok: true, value: { noteOwner: '110000', caseId: caseA.id } })
    await archiveUp(basic, city)
    await archiveUp(city, province)
    const { written } = await supervisionOverview(province.db, await province.unit())
    const mine = written.find((x) => x.note?.id === note.id)!
    expect(mine.replies).toMatchObject([{ ownerUnit: '110105', handling: 'explained' }])
    expect((await notesForCase(province.db, caseA.id)).find((x) => x.kind === 'note')?.replies).toHaveLength(1)
  })

  it('a reply to a note that does not exist (or to another office’s note) is rejected on import, with its reason', async () => {
    const note = (await notesForCase(basic.db, caseA.id)).find((x) => x.kind === 'note')!.note!
    const forged: [string, Record<string, unknown>, RegExp][] = [
      ['no such note', { noteId: `110000-${'0'.repeat(25)}Z` }, /督导意见（110000-0+Z）在本院不存在/],
      ['a flag id given as a note', { noteKind: 'flag' }, /重复救助提示（.*）在本院不存在/],
      ['another owner', { noteOwner: '110100' }, /出具单位（110100）与本院所存的（110000）不符/],
    ]
    const ids: string[] = []
    for (const [, patch] of forged) {
      const reply = await execute(basic.db, replyToNote, head(basic), {
        noteId: note.id,
        noteKind: 'note',
        handling: 'noted',
        text: '收到',
      })
      if (!reply.ok) throw new Error(reply.error.message)
      const id = (reply.value as { id: string }).id
      ids.push(id)
      // what a faulty or forged sender stores and signs: the reply now answers something this office never sent
      await basic.db.table('supervisionReplies').update(id, patch)
    }
    const before = await snapshot(city.db)
    const plan = (await archiveUp(basic, city)) as { rejected: { table: string; id: string; reason: string }[] }
    const rejected = plan.rejected.filter((r) => r.table === 'supervisionReplies')
    expect(rejected.map((r) => r.id)).toEqual(ids)
    for (const [i, [label, , reason]] of forged.entries()) expect(rejected[i].reason, label).toMatch(reason)
    const after = await snapshot(city.db)
    expect(after.supervisionReplies).toEqual(before.supervisionReplies)
  })
})
