import 'fake-indexeddb/auto'
import { createHash } from 'node:crypto'
import { afterAll, assert, beforeAll, describe, expect, it } from 'vitest'
import { attachmentBlob, attachScan, execute, listAttachments, openCase } from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { residentIdCheckChar } from '../../../shared/domain/idcard'
import { ensureAccount } from './accounts'
import { freshDb, setUp, snapshot } from './fixtures'

const jcg: Actor = { userId: '110105-01J00000000000000000000002', unitCode: '110105', roles: ['case-procurator'] }
const clerk: Actor = { userId: '110105-01J00000000000000000000001', unitCode: '110105', roles: ['case-dept-staff'] }
const on = { clock: () => ({ date: '2026-03-04', instant: '2026-03-04T02:00:00.000Z' }) }
const bytes = new TextEncoder().encode('%PDF-1.4 扫描件')
const sha = createHash('sha256').update(bytes).digest('hex')

describe('scans kept with a case file', () => {
  let db: JiuzhuDb
  let caseId: string
  beforeAll(async () => {
    db = freshDb()
    await db.open()
    await setUp(db)
    for (const actor of [jcg, clerk]) await ensureAccount(db, actor)
    const id = `11010519800101002${residentIdCheckChar('11010519800101002')}`
    const res = await execute(
      db,
      openCase,
      jcg,
      {
        source: 'application',
        applicant: { name: '李四', idType: 'resident-id', idNumber: id, priorityFlags: [] },
        relation: 'self',
        clueDate: '2026-03-04',
      },
      on,
    )
    if (!res.ok) throw new Error(res.error.message)
    caseId = res.value.id
  })
  afterAll(() => db.close())

  it('stores the metadata as an audited record and the bytes beside it, in one transaction', async () => {
    const res = await execute(
      db,
      attachScan,
      jcg,
      { caseId, name: '申请书.pdf', mime: 'application/pdf', sha256: sha, blob: new Blob([bytes]) },
      on,
    )
    if (!res.ok) throw new Error(res.error.message)
    const [row] = await listAttachments(db, caseId)
    expect(row).toMatchObject({ name: '申请书.pdf', size: bytes.length, sha256: sha, caseId })
    const blob = await attachmentBlob(db, row.id)
    expect(new Uint8Array(await blob!.arrayBuffer())).toEqual(bytes)
    expect((await db.audit.toArray()).some((a) => a.table === 'attachments' && a.entityId === row.id)).toBe(true)
  })

  it('refuses other formats, empty or oversize files, and roles that may not add scans; nothing is written', async () => {
    const before = await snapshot(db)
    const cases: [Actor, Record<string, unknown>, RegExp][] = [
      [jcg, { mime: 'application/zip' }, /PDF、JPEG、PNG 或 TIFF/],
      [jcg, { blob: new Blob([]) }, /文件是空的/],
      [jcg, { blob: new Blob([new Uint8Array(20 * 1024 * 1024 + 1)]) }, /20 MB/],
      [clerk, {}, /无权执行/],
    ]
    for (const [who, over, reason] of cases) {
      const input = { caseId, name: 'x.pdf', mime: 'application/pdf', sha256: sha, blob: new Blob([bytes]), ...over }
      const res = await execute(db, attachScan, who, input, on)
      assert(!res.ok, 'expected res to be refused')
      expect(res.error.message).toMatch(reason)
    }
    expect(await snapshot(db)).toEqual(before)
  })
})
