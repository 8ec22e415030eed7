import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

/**
 * Every write goes through the command context (docs/architecture.md “命令上下文”). Commands only ever hold the
 * context, whose database is private and whose read view has no writing method — the types keep that. This keeps the
 * rest: no code in the renderer calls Dexie's writing methods itself except the context, the restore of a backup
 * into an empty profile and the schema migrations; and none casts a read view back to the database.
 */
const ROOT = resolve(import.meta.dirname, '../../..')
const RENDERER = join(ROOT, 'renderer/src')
const MAY_WRITE = ['renderer/src/db/commands/context.ts', 'renderer/src/db/backup.ts', 'renderer/src/db/migrations/']

function sources(dir: string, into: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) sources(path, into)
    else if (/\.tsx?$/.test(name)) into.push(path)
  }
  return into
}

/** Calls of Dexie's writing methods on a table (`db.cases.put(`, `….table(t).bulkPut(`, `….modify(` …). */
const DEXIE_WRITE =
  /\.(bulkPut|bulkAdd|bulkDelete|bulkUpdate|modify|upsert)\(|(\b(db|\w+Db)|#db)\.(\w+\.|table\([^)]*\)\.)(put|add|update|delete|clear)\(/

function lines(pattern: RegExp, skip: (file: string) => boolean): string[] {
  return sources(RENDERER).flatMap((path) => {
    const file = relative(ROOT, path)
    if (skip(file)) return []
    return readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []))
  })
}

describe('writes', () => {
  it('the scan finds the writes it looks for (sanity: the context itself writes)', () => {
    const context = lines(DEXIE_WRITE, (f) => f !== MAY_WRITE[0])
    expect(context.some((l) => l.includes('this.#db.table(table).bulkPut(rows)'))).toBe(true)
    expect(context.some((l) => l.includes('this.#db.table(table).put(row)'))).toBe(true)
    expect(DEXIE_WRITE.test('await ctx.read.cases.put(row)')).toBe(false) // not a db: the type refuses it instead
    expect(DEXIE_WRITE.test('await db.cases.put(row)')).toBe(true)
    expect(DEXIE_WRITE.test('await phase.db.table(name).bulkPut(rows)')).toBe(true)
  })

  it('only the command context, the restore into an empty profile and the migrations call Dexie to write', () => {
    expect(lines(DEXIE_WRITE, (f) => MAY_WRITE.some((m) => f.startsWith(m)))).toEqual([])
  })

  it('no code casts its way from a read view (or anything else) to the database', () => {
    expect(lines(/\bas (unknown as )?(JiuzhuDb|Dexie)\b/, () => false)).toEqual([])
  })
})
