import { bulkLoad, execute } from '../../../renderer/src/db'
import { JiuzhuDb } from '../../../renderer/src/db/database'
import { migration0001 } from '../../../renderer/src/db/migrations/0001-initial'
import { admin, freshOffice } from './benchOffice'
import { benchCases } from './benchRecords'

/** The floor: the same records written with the raw IndexedDB API into a store with the same indexes. */
async function rawWrite(name: string, records: Record<string, unknown>[]): Promise<number> {
  // create the store with exactly the app's cases indexes (Dexie only to declare the schema)
  const declare = new JiuzhuDb(name)
  await declare.open()
  const idb = declare.backendDB()
  const t0 = performance.now()
  await new Promise<void>((resolve, reject) => {
    const tx = idb.transaction('cases', 'readwrite', { durability: 'strict' })
    const store = tx.objectStore('cases')
    for (const r of records) store.put(r)
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error)
  })
  const ms = performance.now() - t0
  declare.close()
  return ms
}

export async function run(n: number, round: number) {
  const records = benchCases(n, round)
  const stamped = records.map((r, i) => ({
    ...r,
    ownerUnit: '110105',
    rev: i + 1,
    createdAt: '2026-03-02T01:00:00.000Z',
    updatedAt: '2026-03-02T01:00:00.000Z',
    createdBy: admin.userId,
    updatedBy: admin.userId,
  }))
  const raw = await rawWrite(`raw-${round}`, stamped)
  const db = await freshOffice(`cmd-${round}`)
  const t0 = performance.now()
  const res = await execute(db, bulkLoad, admin, { table: 'cases', records })
  const command = performance.now() - t0
  if (!res.ok) throw new Error(res.error.message)
  const t1 = performance.now()
  const all = await db.cases.count()
  const countAll = performance.now() - t1
  const t2 = performance.now()
  const granted = await db.cases.where('state').equals('granted').count()
  const countIndex = performance.now() - t2
  const t3 = performance.now()
  const read = (await db.cases.toArray()).length
  const readAll = performance.now() - t3
  const audit = await db.audit.count()
  db.close()
  return {
    n,
    raw,
    command,
    ratio: command / raw,
    all,
    granted,
    countAll,
    countIndex,
    read,
    readAll,
    audit,
    indexes: migration0001.stores.cases,
  }
}
