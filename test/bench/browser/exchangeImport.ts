import { execute } from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import { JiuzhuDb, type UnitRow } from '../../../renderer/src/db/database'
import type { ArchivePlan, OpenedBundle } from '../../../renderer/src/db/exchange'
import { confirmEnrollment, confirmImport, previewImport, setupOfficeWithKey } from '../../../renderer/src/db/exchange'
import { getOwnUnit } from '../../../renderer/src/db/queries/office'

/**
 * Exchange import benchmark, page side (real Chromium IndexedDB; test/bench/exchange-import.bench.test.ts): a
 * receiving office is set up with its key (as first-run setup does) and enrols the sending province; the opened
 * bundle (the main process's `exchange:open` result) is fetched in chunks; then the import is timed stage by stage
 * — preview (plan in a read transaction) and commit (the `exchange.import` command: input check, the same plan
 * again inside the write transaction, every write, audit) — against the floor: the same records put with the bare
 * IndexedDB API in one strict-durability transaction into stores with the app's own indexes.
 */

let db: JiuzhuDb | undefined
let actor: Actor | undefined
let own: UnitRow | undefined
let bundle: OpenedBundle | undefined
let digest = ''

type Setup = Parameters<typeof setupOfficeWithKey.run>[1]

export async function setupReceiver(name: string, setup: Setup) {
  db?.close()
  db = new JiuzhuDb(name)
  await db.open()
  const code = setup.setup.unit.code
  const boot: Actor = { userId: `${code}-01ARZ3NDEKTSV4RRFFQ69G5FAV`, unitCode: code, roles: ['admin'] }
  const res = await execute(db, setupOfficeWithKey, boot, setup)
  if (!res.ok) throw new Error(res.error.message)
  actor = { userId: res.value.adminId, unitCode: res.value.unitCode, roles: ['admin'] }
  own = (await getOwnUnit(db)) as UnitRow
  return res.value
}

export async function enroll(opened: OpenedBundle, fingerprint: string) {
  const res = await confirmEnrollment(db as JiuzhuDb, actor as Actor, opened, fingerprint)
  if (!res.ok) throw new Error(res.error.message)
  return true
}

/** The opened bundle, fetched from the harness's server in chunks (JSON, as browser mode's bridge answers). */
export async function receive(meta: { manifest: unknown; rest: Record<string, unknown>; chunks: [string, string][] }) {
  const t0 = performance.now()
  const tables: Record<string, Record<string, unknown>[]> = {}
  for (const [table, file] of meta.chunks) {
    const rows = (await (await fetch(`./${file}`)).json()) as Record<string, unknown>[]
    const list = tables[table] ?? []
    for (const r of rows) list.push(r)
    tables[table] = list
  }
  bundle = { ...(meta.rest as Omit<OpenedBundle, 'tables' | 'manifest'>), manifest: meta.manifest, tables } as never
  return { ms: performance.now() - t0, records: Object.values(tables).reduce((s, t) => s + t.length, 0) }
}

export async function preview() {
  const t0 = performance.now()
  const res = await previewImport(db as JiuzhuDb, own as UnitRow, bundle as OpenedBundle)
  if (!res.ok) throw new Error(res.error.message)
  const ms = performance.now() - t0
  const plan = res.value.plan as ArchivePlan
  digest = res.value.digest
  return {
    ms,
    totals: plan.totals,
    rejected: plan.rejected.slice(0, 5),
    warnings: plan.warnings.slice(0, 5),
    writes: Object.fromEntries(Object.entries(plan.writes).map(([t, rows]) => [t, rows.length])),
  }
}

export async function commit() {
  const t0 = performance.now()
  const res = await confirmImport(db as JiuzhuDb, actor as Actor, bundle as OpenedBundle, digest)
  if (!res.ok) throw new Error(res.error.message)
  const ms = performance.now() - t0
  const d = db as JiuzhuDb
  const counts: Record<string, number> = {}
  for (const t of ['cases', 'persons', 'clues', 'ledger', 'materials', 'referrals', 'followUps', 'donations', 'units'])
    counts[t] = await d.table(t).count()
  return { ms, status: res.value.status, counts, audit: await d.table('audit').count() }
}

/**
 * The floor: the records the import writes (the opened bundle's tables) put with the bare IndexedDB API into a
 * fresh database whose stores have exactly the app's key paths and indexes, in one readwrite transaction with
 * durability 'strict' (as the command layer's transactions).
 */
export async function rawWrite(name: string) {
  const d = db as JiuzhuDb
  const tables = (bundle as OpenedBundle).tables
  const names = Object.keys(tables).filter((t) => d.tables.some((x) => x.name === t))
  const raw = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name, 1)
    req.onupgradeneeded = () => {
      for (const t of names) {
        const schema = d.table(t).schema
        const store = req.result.createObjectStore(t, { keyPath: schema.primKey.keyPath as string })
        for (const ix of schema.indexes) {
          store.createIndex(ix.name, ix.keyPath as string | string[], {
            unique: !!ix.unique,
            multiEntry: !!ix.multi,
          })
        }
      }
    }
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
  const t0 = performance.now()
  let loop = 0
  await new Promise<void>((resolve, reject) => {
    const tx = raw.transaction(names, 'readwrite', { durability: 'strict' })
    for (const t of names) {
      const store = tx.objectStore(t)
      for (const r of tables[t]) store.put(r)
    }
    loop = performance.now() - t0
    tx.oncomplete = () => resolve()
    tx.onerror = () => reject(tx.error)
    tx.onabort = () => reject(tx.error)
  })
  const ms = performance.now() - t0
  raw.close()
  return { ms, loopMs: loop, stores: names.length }
}

export async function drop(names: string[]) {
  db?.close()
  db = undefined
  bundle = undefined
  for (const n of names)
    await new Promise<void>((resolve) => {
      const req = indexedDB.deleteDatabase(n)
      req.onsuccess = () => resolve()
      req.onerror = () => resolve()
      req.onblocked = () => resolve()
    })
  return true
}

export function heapMb() {
  const m = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory
  return m ? Math.round(m.usedJSHeapSize / 2 ** 20) : -1
}
