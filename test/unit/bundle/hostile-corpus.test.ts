import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import { openBundle } from '../../../electron/services/bundle/open'
import { exchangeMessages } from '../../../shared/errors/exchange'
import { bundleCodeOf } from '../../../shared/exchange/errors'
import { bundleSuites } from '../../../shared/exchange/manifest'
import { buildHostileCorpus } from './corpus'

/** Every write-like fs call made while the corpus runs (the bundle code must make none). */
const fsWrites = vi.hoisted(() => [] as string[])

vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs')>()
  const trap = <K extends keyof typeof real>(name: K) =>
    ((...args: unknown[]) => {
      fsWrites.push(String(name))
      return (real[name] as (...a: unknown[]) => unknown)(...args)
    }) as (typeof real)[K]
  const traps = {
    writeFileSync: trap('writeFileSync'),
    writeFile: trap('writeFile'),
    appendFileSync: trap('appendFileSync'),
    mkdirSync: trap('mkdirSync'),
    openSync: trap('openSync'),
    createWriteStream: trap('createWriteStream'),
    renameSync: trap('renameSync'),
    copyFileSync: trap('copyFileSync'),
  }
  return { ...real, ...traps, default: { ...real, ...traps } }
})
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>()
  const trap = <K extends keyof typeof real>(name: K) =>
    ((...args: unknown[]) => {
      fsWrites.push(`promises.${String(name)}`)
      return (real[name] as (...a: unknown[]) => unknown)(...args)
    }) as (typeof real)[K]
  const traps = {
    writeFile: trap('writeFile'),
    mkdir: trap('mkdir'),
    open: trap('open'),
    rename: trap('rename'),
    appendFile: trap('appendFile'),
  }
  return { ...real, ...traps, default: { ...real, ...traps } }
})

/** Relative imports of a module and everything it imports, transitively (static check: no fs in the open path). */
function importGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  const visit = (file: string) => {
    if (graph.has(file)) return
    const source = readFileSync(file, 'utf8')
    const specs = [...source.matchAll(/^(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1])
    graph.set(file, specs)
    // A JSON import is data (it imports nothing); every other relative import is a TypeScript module or a folder's index.
    for (const s of specs) {
      if (!s.startsWith('.') || s.endsWith('.json')) continue
      const target = resolve(dirname(file), s)
      visit(existsSync(`${target}.ts`) ? `${target}.ts` : resolve(target, 'index.ts'))
    }
  }
  visit(entry)
  return graph
}

describe.each(bundleSuites)('hostile bundle corpus (suite %s)', (suite) => {
  const t0 = performance.now()
  const { cases, controls } = buildHostileCorpus(suite)
  const buildMs = performance.now() - t0

  it('the unmutated controls open (so every refusal below is caused by its mutation)', () => {
    for (const c of controls) expect([c.label, openBundle(c.bytes, c.opts).files.length > 0]).toEqual([c.label, true])
  })

  it('≥ 1 000 bad bundles: 0 accepted, 0 crashes, every refusal a bundle.* code with a Chinese message, nothing written', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1000)
    fsWrites.length = 0
    const byCode = new Map<string, number>()
    const byFamily = new Map<string, Map<string, number>>()
    const problems: string[] = []
    const t1 = performance.now()
    let slowest = { ms: 0, label: '' }
    for (const c of cases) {
      const start = performance.now()
      let outcome: string
      try {
        openBundle(c.bytes, c.opts)
        outcome = 'ACCEPTED'
      } catch (e) {
        const code = bundleCodeOf(e)
        if (!code || code === 'bundle.internal') {
          outcome = 'CRASH'
          problems.push(`${c.family} / ${c.label}: crash ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`)
        } else {
          outcome = code
          const text = exchangeMessages[code]((e as { params: Record<string, string | number | undefined> }).params)
          if (!/[\u4e00-\u9fff]/.test(text) || /undefined|NaN|\[object/.test(text)) {
            problems.push(`${c.family} / ${c.label}: bad message ${text}`)
          }
        }
      }
      const ms = performance.now() - start
      if (ms > slowest.ms) slowest = { ms, label: `${c.family} / ${c.label}` }
      if (outcome === 'ACCEPTED') problems.push(`${c.family} / ${c.label}: ACCEPTED`)
      if (c.expect.length > 0 && !c.expect.includes(outcome)) {
        problems.push(`${c.family} / ${c.label}: ${outcome}, expected ${c.expect.join(' | ')}`)
      }
      byCode.set(outcome, (byCode.get(outcome) ?? 0) + 1)
      const fam = byFamily.get(c.family) ?? new Map<string, number>()
      fam.set(outcome, (fam.get(outcome) ?? 0) + 1)
      byFamily.set(c.family, fam)
    }
    const runMs = performance.now() - t1
    const codeRows = [...byCode.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    const familyRows = [...byFamily.entries()].map(
      ([f, m]) =>
        `| ${f} | ${[...m.values()].reduce((a, b) => a + b, 0)} | ${[...m.entries()]
          .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
          .map(([k, v]) => `${k.replace('bundle.', '')} ${v}`)
          .join(', ')} |`,
    )
    console.log(
      [
        `hostile corpus (${suite}): ${cases.length} bad bundles, built in ${Math.round(buildMs)} ms, opened in ${Math.round(runMs)} ms; slowest ${slowest.ms.toFixed(1)} ms (${slowest.label})`,
        '',
        '| 拒绝代码 | 数量 |',
        '|---|---|',
        ...codeRows.map(([k, v]) => `| ${k} | ${v} |`),
        `| 合计 | ${cases.length} |`,
        '',
        '| 变异类别 | 数量 | 拒绝代码分布 |',
        '|---|---|---|',
        ...familyRows,
      ].join('\n'),
    )
    expect(problems).toEqual([])
    expect(byCode.get('ACCEPTED') ?? 0).toBe(0)
    expect(byCode.get('CRASH') ?? 0).toBe(0)
    expect(fsWrites).toEqual([])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined()
    expect(Object.keys(Object.prototype)).toEqual([])
    expect(slowest.ms).toBeLessThan(2000)
  })

  it('the open path imports no file-system, network or process module (static check of its import graph)', () => {
    const graph = importGraph(resolve(import.meta.dirname, '../../../electron/services/bundle/open.ts'))
    const external = [...graph.values()].flat().filter((s) => !s.startsWith('.'))
    expect(
      external.filter((s) => /^(node:)?(fs|fs\/promises|child_process|net|http|https|worker_threads)$/.test(s)),
    ).toEqual([])
    expect(graph.size).toBeGreaterThan(8)
  })
})
