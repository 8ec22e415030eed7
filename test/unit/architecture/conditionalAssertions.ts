import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { parseSync } from 'vite'

/**
 * Assertions hidden behind a condition (docs/architecture.md §7): an `expect(…)` inside an `if` (or `a ? b : c`,
 * `a && b`, a `switch` case) that some run can skip without asserting anything in its place. A test with one passes
 * when the condition is never met, so it cannot fail on every run. A choice of HOW to compare is fine — an
 * `if … else` whose every branch asserts (money to the fen on one side, text as is on the other) always asserts.
 *
 * Read with the same parser Vite builds with (oxc, ESTree shape), so strings, comments and templates never confuse it.
 */
export interface HiddenAssertion {
  /** `path:line` of the `expect(` call, the path relative to the repository root. */
  at: string
  /** The line of the condition that can skip it. */
  condition: number
}

const ROOT = resolve(import.meta.dirname, '../../..')

type Node = { type: string; start: number; end: number; [key: string]: unknown }

const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && typeof (v as Node).type === 'string'

function children(node: Node): [string, Node][] {
  const out: [string, Node][] = []
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value)) for (const v of value) isNode(v) && out.push([key, v])
    else if (isNode(value)) out.push([key, value])
  }
  return out
}

function isExpectCall(node: Node): boolean {
  const callee = node.callee as Node | undefined
  return node.type === 'CallExpression' && callee?.type === 'Identifier' && callee.name === 'expect'
}

function asserts(node: Node | null | undefined): boolean {
  if (!node) return false
  return isExpectCall(node) || children(node).some(([, c]) => asserts(c))
}

/** True when every way through this `if` (its `else if`s and final `else`) asserts. */
function everyBranchAsserts(node: Node): boolean {
  const alternate = node.alternate as Node | null
  if (!asserts(node.consequent as Node) || !alternate) return false
  return alternate.type === 'IfStatement' ? everyBranchAsserts(alternate) : asserts(alternate)
}

/** Which children of `node` run only on a condition that may skip them (none when every branch asserts). */
function conditionalKeys(node: Node): string[] {
  switch (node.type) {
    case 'IfStatement':
      return everyBranchAsserts(node) ? [] : ['consequent', 'alternate']
    case 'ConditionalExpression':
      return asserts(node.consequent as Node) && asserts(node.alternate as Node) ? [] : ['consequent', 'alternate']
    case 'LogicalExpression':
      return ['right']
    case 'SwitchCase':
      return ['consequent']
    default:
      return []
  }
}

/** The hidden assertions in one source text (`file` names it in the answer and tells the parser it is TypeScript). */
export function hiddenAssertions(file: string, source: string): HiddenAssertion[] {
  const { program, errors } = parseSync(file, source, {})
  if (errors.length > 0) throw new Error(`${file}: ${errors[0].message}`)
  const lineOf = (offset: number) => source.slice(0, offset).split('\n').length
  const found: HiddenAssertion[] = []
  const walk = (node: Node, condition: Node | undefined) => {
    if (condition && isExpectCall(node))
      found.push({ at: `${file}:${lineOf(node.start)}`, condition: lineOf(condition.start) })
    const skippable = conditionalKeys(node)
    for (const [key, child] of children(node)) walk(child, skippable.includes(key) ? node : condition)
  }
  walk(program as unknown as Node, undefined)
  return found
}

function testSources(dir: string, into: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'fixtures') testSources(path, into)
    } else if (/\.tsx?$/.test(name)) into.push(path)
  }
  return into
}

/** Every test file and test helper: all of test/ and the tests beside the code in shared/. */
export function testFiles(): string[] {
  const shared = testSources(join(ROOT, 'shared')).filter((f) => /\.test\.tsx?$/.test(f))
  return [...testSources(join(ROOT, 'test')), ...shared].map((f) => relative(ROOT, f)).sort()
}

export function hiddenAssertionsIn(file: string): HiddenAssertion[] {
  return hiddenAssertions(file, readFileSync(join(ROOT, file), 'utf8'))
}
