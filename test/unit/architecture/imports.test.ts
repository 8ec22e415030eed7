import { describe, expect, it } from 'vitest'
import { importCycles, importGraph } from './importGraph'

/**
 * The module layout a newcomer relies on (docs/architecture.md): no import cycles anywhere, and inside the exchange
 * (renderer/src/db/exchange/) dependencies run one way — import/ and export/ build on store and reads, reads never
 * reach into what writes, and planning never imports committing.
 */
const graph = importGraph()
const EXCHANGE = 'renderer/src/db/exchange/'

function edges(from: (f: string) => boolean, to: (f: string) => boolean): string[] {
  return [...graph].flatMap(([file, deps]) => (from(file) ? deps.filter(to).map((d) => `${file} → ${d}`) : []))
}

describe('import graph', () => {
  it('is read from the source (sanity: the entry points and their imports are there)', () => {
    expect(graph.size).toBeGreaterThan(300)
    expect(graph.get(`${EXCHANGE}import/importBundle.ts`)).toContain(`${EXCHANGE}import/commit.ts`)
    expect(graph.get('renderer/src/features/exchange/ImportTab.tsx')).toContain(`${EXCHANGE}index.ts`)
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

  it('exchange: planning never imports committing; reads and store never import what writes or sends', () => {
    const inEx = (sub: string) => (f: string) => f.startsWith(EXCHANGE + sub)
    expect(edges(inEx('import/plan'), (d) => /exchange\/import\/commit/.test(d))).toEqual([])
    const writers = (d: string) =>
      /exchange\/(import|export|keys)\/|exchange\/(standards|supervision|filing)\.ts$/.test(d)
    expect(edges(inEx('reads'), writers)).toEqual([])
    expect(edges(inEx('store.ts'), (d) => d.startsWith(EXCHANGE) && d !== `${EXCHANGE}store.ts`)).toEqual([])
    expect(edges(inEx('export/'), inEx('import/'))).toEqual([])
  })

  it('screens reach the exchange only through its entry point', () => {
    const deep = edges(
      (f) => !f.startsWith(EXCHANGE),
      (d) => d.startsWith(EXCHANGE) && d !== `${EXCHANGE}index.ts`,
    )
    expect(deep).toEqual([])
  })
})
