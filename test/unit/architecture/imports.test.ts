import { describe, expect, it } from 'vitest'
import { databaseTouches, importCycles, importGraph, sourceText } from './importGraph'

/**
 * The module layout a newcomer relies on (docs/architecture.md): no import cycles anywhere, and inside the exchange
 * (renderer/src/db/exchange/) dependencies run one way — import/ and export/ build on store and reads, reads never
 * reach into what writes, and planning never imports committing. The same for 移送材料 (renderer/src/db/transfer/):
 * export.ts and import.ts build on reads.ts, never on each other. Everything else reaches either folder through its
 * entry point (index.ts) only.
 */
const graph = importGraph()
const EXCHANGE = 'renderer/src/db/exchange/'
const TRANSFER = 'renderer/src/db/transfer/'

function edges(from: (f: string) => boolean, to: (f: string) => boolean): string[] {
  return [...graph].flatMap(([file, deps]) => (from(file) ? deps.filter(to).map((d) => `${file} → ${d}`) : []))
}

describe('import graph', () => {
  it('is read from the source (sanity: the entry points and their imports are there)', () => {
    expect(graph.size).toBeGreaterThan(300)
    expect(graph.get(`${EXCHANGE}import/importBundle.ts`)).toContain(`${EXCHANGE}import/commit.ts`)
    expect(graph.get('renderer/src/features/exchange/ImportTab.tsx')).toContain(`${EXCHANGE}index.ts`)
    expect(graph.get(`${TRANSFER}export.ts`)).toContain(`${TRANSFER}reads.ts`)
    expect(graph.get('renderer/src/features/cases/TransferSection.tsx')).toContain(`${TRANSFER}index.ts`)
  })

  it('finds a cycle when there is one (the checker itself)', () => {
    const cyclic = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ])
    expect(importCycles(cyclic)).toEqual([['a.ts', 'b.ts', 'c.ts']])
  })

  it('has no import cycles anywhere in shared/, renderer/, electron/, scripts/ and packaging/', () => {
    expect(importCycles(graph)).toEqual([])
  })

  it('has no import cycles even counting imports of types only (e.g. the record schemas and the rule sets)', () => {
    expect(importCycles(importGraph({ types: true }))).toEqual([])
  })

  it('exchange: planning never imports committing; reads and store never import what writes or sends', () => {
    const inEx = (sub: string) => (f: string) => f.startsWith(EXCHANGE + sub)
    expect(edges(inEx('import/plan'), (d) => /exchange\/import\/commit/.test(d))).toEqual([])
    const writers = (d: string) =>
      /exchange\/(import|export|keys)\/|exchange\/(standards|supervision|filing)\.ts$/.test(d)
    expect(edges(inEx('reads'), writers)).toEqual([])
    expect(edges(inEx('store.ts'), (d) => d.startsWith(EXCHANGE) && d !== `${EXCHANGE}store.ts`)).toEqual([])
    expect(edges(inEx('export/'), inEx('import/'))).toEqual([])
  })

  it('transfer: reads never import what writes; producing and importing a package never import each other', () => {
    const file = (name: string) => (f: string) => f === `${TRANSFER}${name}.ts`
    expect(edges(file('reads'), (d) => file('export')(d) || file('import')(d))).toEqual([])
    expect(edges(file('export'), file('import'))).toEqual([])
    expect(edges(file('import'), file('export'))).toEqual([])
  })

  it.each([
    ['the exchange', EXCHANGE],
    ['移送材料', TRANSFER],
  ])('screens reach %s only through its entry point', (_, folder) => {
    const deep = edges(
      (f) => !f.startsWith(folder),
      (d) => d.startsWith(folder) && d !== `${folder}index.ts`,
    )
    expect(deep).toEqual([])
  })

  it('finds a screen that touches the database (the checker itself)', () => {
    expect(databaseTouches("import Dexie from 'dexie'")).toEqual(["from 'dexie'"])
    expect(databaseTouches('const n = await db.exchange.count()')).toEqual(['db.exchange'])
    expect(databaseTouches('db.table(name).bulkPut(rows)')).toEqual(['.table(', 'db.table'])
    expect(databaseTouches('function f(db: JiuzhuDb) {}')).toEqual(['JiuzhuDb'])
    expect(databaseTouches("e.code === 'db.unknown' || store.read(listCases)")).toEqual([])
  })

  it('screens hold the session store, never the database (features/, components/, app/ but the shell that opens it)', () => {
    const shell = new Set(['renderer/src/app/App.tsx', 'renderer/src/app/store.ts', 'renderer/src/app/auditWatch.tsx'])
    const screens = [...graph.keys()].filter(
      (f) => /^renderer\/src\/(features|components|app)\//.test(f) && !shell.has(f),
    )
    expect(screens.length).toBeGreaterThan(100)
    const touching = screens.flatMap((f) => databaseTouches(sourceText(f)).map((t) => `${f}: ${t}`))
    expect(touching).toEqual([])
  })
})
