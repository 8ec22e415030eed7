import 'fake-indexeddb/auto'
import Dexie from 'dexie'
import { describe, expect, it } from 'vitest'
import { JiuzhuDb } from '../../../renderer/src/db/database'
import { migrations } from '../../../renderer/src/db/migrations'

/**
 * Version skew (docs/packaging.md §8): an office may upgrade from any earlier release. For every earlier migration
 * number, a store is created exactly as that release did (its migrations only), one representative row is written
 * into every table that release had — with a value for every index of the table — and the store is opened with the
 * current code: every row must come back unchanged and be found through every index the current schema declares
 * on its table (indexes added by later migrations are built from the old rows).
 */
interface IndexSpec {
  /** `id`, `[ownerUnit+rev]` … as written in the schema. */
  spec: string
  paths: string[]
  multi: boolean
}

function parseIndexes(schema: string): { primary: IndexSpec; indexes: IndexSpec[] } {
  const all = schema.split(',').map((raw) => {
    const spec = raw.trim().replace(/^[&*]|^\+\+/, '')
    const paths = spec.startsWith('[') ? spec.slice(1, -1).split('+') : [spec]
    return { spec, paths, multi: raw.trim().startsWith('*') }
  })
  return { primary: all[0], indexes: all.slice(1) }
}

/** The tables and their schemas after the first `count` migrations. */
function schemaAt(count: number): Map<string, string> {
  const tables = new Map<string, string>()
  for (const m of migrations.slice(0, count)) {
    for (const [t, s] of Object.entries(m.stores)) {
      if (s === null) tables.delete(t)
      else tables.set(t, s)
    }
  }
  return tables
}

/** A value of the kind the app stores under this field name. */
function valueFor(table: string, path: string, multi: boolean): unknown {
  if (multi)
    return path === 'personIdNumbers'
      ? ['11010519491231002X', '110105194912310037']
      : [`${table}-${path}-a`, `${table}-${path}-b`]
  if (path === 'rev' || path === 'seq' || path === 'value') return 7
  if (/(Date|date|On|At|^at)$/.test(path)) return '2026-03-04'
  if (path === 'ownerUnit' || path === 'unitCode' || path === 'code' || path === 'parentCode') return '110105'
  if (path === 'level') return 'basic'
  return `${table}-${path}-值`
}

/** Sets the field at a key path: `decision.documentNo` is the `documentNo` of the row's `decision`. */
function setPath(row: Record<string, unknown>, path: string, value: unknown): void {
  const [head, ...rest] = path.split('.')
  if (rest.length === 0) {
    row[head] = value
    return
  }
  const inner = (row[head] ?? {}) as Record<string, unknown>
  row[head] = inner
  setPath(inner, rest.join('.'), value)
}

/** The field at a key path (see setPath). */
const atPath = (row: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], row)

function representativeRow(table: string, schema: string): Record<string, unknown> {
  const { primary, indexes } = parseIndexes(schema)
  const row: Record<string, unknown> = {
    // fields no index covers travel too: Chinese text, money in 分, nested values
    note: `${table} 的备注：因案致贫`,
    amountFen: 1_200_000,
    nested: { decision: { outcome: 'grant', approvedBy: ['检察长'] } },
  }
  for (const ix of [primary, ...indexes]) for (const p of ix.paths) setPath(row, p, valueFor(table, p, ix.multi))
  if (table === 'units') row.code = '110105'
  return row
}

function olderRelease(name: string, count: number): Dexie {
  const db = new Dexie(name)
  for (const m of migrations.slice(0, count)) db.version(m.version).stores(m.stores)
  return db
}

describe('a store created by every earlier migration opens with the current code, its data intact', () => {
  for (let count = 1; count < migrations.length; count++) {
    it(`store of migration ${count} (${[...schemaAt(count).keys()].length} tables) → migration ${migrations.length}`, async () => {
      const name = `compat-${count}-${Math.random()}`
      const old = olderRelease(name, count)
      await old.open()
      const written = new Map<string, Record<string, unknown>>()
      const latest = schemaAt(migrations.length)
      for (const [table, schema] of schemaAt(count)) {
        // the fields a later release indexes were already in the records (an index is added for existing data)
        const row = { ...representativeRow(table, latest.get(table) ?? schema), ...representativeRow(table, schema) }
        await old.table(table).add(row)
        written.set(table, row)
      }
      old.close()

      const current = new JiuzhuDb(name)
      await current.open()
      expect(current.verno).toBe(migrations.length)
      const currentSchema = schemaAt(migrations.length)
      for (const [table, row] of written) {
        const { primary, indexes } = parseIndexes(currentSchema.get(table) as string)
        expect(await current.table(table).get(row[primary.paths[0]] as string)).toEqual(row)
        expect(await current.table(table).count()).toBe(1)
        for (const ix of indexes) {
          const key = ix.multi
            ? (atPath(row, ix.paths[0]) as unknown[])[0]
            : ix.paths.length > 1
              ? ix.paths.map((p) => atPath(row, p))
              : atPath(row, ix.paths[0])
          // an index added after this store was created is built from the old rows
          expect([
            table,
            ix.spec,
            await current
              .table(table)
              .where(ix.spec)
              .equals(key as string)
              .count(),
          ]).toEqual([table, ix.spec, 1])
        }
      }
      // tables added by later migrations exist and are empty
      const added = [...currentSchema.keys()].filter((table) => !written.has(table))
      const counts = await Promise.all(added.map(async (table) => [table, await current.table(table).count()]))
      expect(counts).toEqual(added.map((table) => [table, 0]))
      current.close()
      await Dexie.delete(name)
    })
  }
})
