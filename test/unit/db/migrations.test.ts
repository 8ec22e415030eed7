import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { openProfile, storageErrorFrom } from '../../../renderer/src/db'
import { JiuzhuDb } from '../../../renderer/src/db/database'
import { migrations } from '../../../renderer/src/db/migrations'
import { CodedError } from '../../../shared/errors/coded'

/** A database of this name opened with only the first `count` migrations, as an older release would have. */
function olderRelease(name: string, count: number): Dexie {
  const db = new Dexie(name)
  for (const m of migrations.slice(0, count)) {
    const v = db.version(m.version).stores(m.stores)
    if (m.upgrade) v.upgrade(m.upgrade)
  }
  return db
}

const sampleCase = {
  id: '110105-01J00000000000000000000001',
  ownerUnit: '110105',
  rev: 1,
  state: 'paid',
  caseNo: '朝检控救〔2026〕1号',
  applicationDate: '2026-03-04',
  personIdNumbers: ['11010519491231002X'],
  decision: { outcome: 'granted', grantedFen: 3_000_000, documentNo: '朝检控救决〔2026〕1号' },
}

describe('numbered migrations', () => {
  it('are numbered 1, 2, 3 … in order, each with a schema', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1))
    for (const m of migrations) expect(Object.keys(m.stores).length).toBeGreaterThan(0)
  })

  for (let from = 1; from <= migrations.length; from++) {
    it(`a database from release with ${from} migration(s) opens in the current release with its data and indexes`, async () => {
      const name = `migrate-${from}-${Math.random()}`
      const old = olderRelease(name, from)
      await old.open()
      await old.table('cases').add(sampleCase)
      await old.table('counters').put({ name: 'rev', value: 1 })
      old.close()
      const current = new JiuzhuDb(name)
      await current.open()
      expect(current.verno).toBe(migrations.length)
      expect(await current.cases.get(sampleCase.id)).toMatchObject(sampleCase)
      expect(await current.cases.where('personIdNumbers').equals('11010519491231002X').count()).toBe(1)
      expect(await current.cases.where('[ownerUnit+state]').equals(['110105', 'paid']).count()).toBe(1)
      expect(await current.cases.where('decision.documentNo').startsWith('朝检控救决〔2026〕').count()).toBe(1)
      expect((await current.counters.get('rev'))?.value).toBe(1)
      current.close()
      await Dexie.delete(name)
    })
  }

  it('a database from a newer release is refused with a coded reason, not opened and damaged', async () => {
    const name = `newer-${Math.random()}`
    const newer = new Dexie(name)
    newer.version(migrations.length + 5).stores({ cases: 'id' })
    await newer.open()
    newer.close()
    await expect(openProfile('office', name)).rejects.toMatchObject({ code: 'db.version-too-new' })
    expect(storageErrorFrom(new CodedError('db.version-too-new')).message).toContain('更新版本')
  })
})
