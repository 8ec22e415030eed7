import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

/**
 * The project's own import graph, read from the source: every relative import that is loaded at run time
 * (`import type` and imports of types only are left out — they vanish when compiled and cannot form a cycle that
 * leaves a module half-initialised). Paths are relative to the repository root.
 */
export type ImportGraph = Map<string, string[]>

const ROOT = resolve(import.meta.dirname, '../../..')
const SOURCE_ROOTS = ['shared', 'renderer/src', 'electron', 'scripts', 'packaging']

function sourceFiles(dir: string, into: string[] = []): string[] {
  if (!existsSync(dir)) return into
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules') sourceFiles(path, into)
    } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) into.push(path)
  }
  return into
}

function resolveImport(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec)
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
  }
  return undefined
}

/** True when an import clause brings in only types (`import type …`, or `{ type A, type B }`). */
function typesOnly(typeKeyword: string | undefined, clause: string): boolean {
  if (typeKeyword) return true
  const named = clause.trim().match(/^\{([^}]*)\}$/s)
  if (!named) return false
  const names = named[1]
    .split(',')
    .map((n) => n.trim())
    .filter(Boolean)
  return names.length > 0 && names.every((n) => n.startsWith('type '))
}

/**
 * The import graph; with `types: true` imports of types only count too (a cycle of those is not a run-time hazard,
 * but it ties files together that a newcomer then has to read as one).
 */
export function importGraph(options: { types?: boolean } = {}): ImportGraph {
  const graph: ImportGraph = new Map()
  for (const file of SOURCE_ROOTS.flatMap((r) => sourceFiles(join(ROOT, r)))) {
    const source = readFileSync(file, 'utf8')
    const deps: string[] = []
    for (const m of source.matchAll(/^(?:import|export)\s+(type\s+)?([^'"]*?)\s*from\s+['"](\.[^'"]+)['"]/gms)) {
      if (!options.types && typesOnly(m[1], m[2])) continue
      const target = resolveImport(file, m[3])
      if (target) deps.push(relative(ROOT, target))
    }
    for (const m of source.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      const target = resolveImport(file, m[1])
      if (target) deps.push(relative(ROOT, target))
    }
    graph.set(relative(ROOT, file), deps)
  }
  return graph
}

/** The strongly connected components with more than one file, or a file importing itself (Tarjan). */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const cycles: string[][] = []
  const visit = (v: string) => {
    index.set(v, next)
    low.set(v, next)
    next++
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = []
      let w: string
      do {
        w = stack.pop()!
        onStack.delete(w)
        component.push(w)
      } while (w !== v)
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort())
    }
  }
  for (const v of graph.keys()) if (!index.has(v)) visit(v)
  return cycles
}

/** The text of a source file named as in the graph (relative to the repository root). */
export function sourceText(file: string): string {
  return readFileSync(join(ROOT, file), 'utf8')
}

/**
 * Where a source touches the database itself rather than the session's store: an import of Dexie, the database's
 * type, `.table(…)`, or `db.<table>` in code (an error code such as 'db.closed' in quotes is text, not a table).
 */
export function databaseTouches(source: string): string[] {
  const patterns = [/from\s+['"]dexie[^'"]*['"]/g, /\bJiuzhuDb\b/g, /\.table\(/g, /(?<!['"`\w.])db\.[A-Za-z_]\w*/g]
  return patterns.flatMap((p) => [...source.matchAll(p)].map((m) => m[0]))
}
