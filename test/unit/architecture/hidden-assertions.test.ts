import { describe, expect, it } from 'vitest'
import { hiddenAssertions, hiddenAssertionsIn, testFiles } from './conditionalAssertions'

/**
 * No assertion hidden behind an `if` (docs/architecture.md §7): a test must be able to fail on every run. Where a
 * check applies to some cases only, the test says so unconditionally — it asserts the precondition, filters the cases
 * up front (and asserts there are some), or is split in two.
 */
describe('hidden assertions', () => {
  it('finds an expect that a condition can skip (the checker itself)', () => {
    const found = (source: string) => hiddenAssertions('x.test.ts', source).map((h) => h.at)
    expect(found('if (!r.ok) expect(r.error.code).toBe("x")')).toEqual(['x.test.ts:1'])
    expect(found('for (const c of cases) {\n  if (c.paid) {\n    expect(c.fen).toBe(1)\n  }\n}')).toEqual([
      'x.test.ts:3',
    ])
    expect(found('if (a) expect(1).toBe(1)\nelse if (b) expect(2).toBe(2)')).toEqual(['x.test.ts:1', 'x.test.ts:2'])
    expect(found('if (a) { expect(1).toBe(1) } else { log("skipped") }')).toEqual(['x.test.ts:1'])
    expect(found('x.ok && expect(x.value).toBe(1)')).toEqual(['x.test.ts:1'])
    expect(found('const f = (v: number) => { if (v > 0) { expect(v).toBe(1); return } }')).toEqual(['x.test.ts:1'])
  })

  it('leaves alone a choice of how to compare, an assertion in the condition, and text that only looks like one', () => {
    const found = (source: string) => hiddenAssertions('x.test.ts', source).map((h) => h.at)
    expect(found('if (typeof v === "number") expect(v).toBeCloseTo(1)\nelse expect(v).toBe("—")')).toEqual([])
    expect(found('if (a) expect(1).toBe(1)\nelse if (b) expect(2).toBe(2)\nelse expect(3).toBe(3)')).toEqual([])
    expect(found('const s = n ? expect(n).toBe(1) : expect(m).toBe(2)')).toEqual([])
    expect(found('assert(!r.ok)\nexpect(r.error.code).toBe("x")')).toEqual([])
    expect(found('if (!r.ok) throw new Error(r.error.message)\nexpect(r.value).toBe(1)')).toEqual([])
    expect(found('const s = `if (a) expect(1)` // if (b) expect(2)')).toEqual([])
  })

  it('reads every test file and test helper (sanity: this file and the e2e harness are among them)', () => {
    const files = testFiles()
    expect(files).toContain('test/unit/architecture/hidden-assertions.test.ts')
    expect(files).toContain('test/e2e/harness.ts')
    expect(files.length).toBeGreaterThan(200)
  })

  it('no test file or helper hides an expect behind a condition', () => {
    const hidden = testFiles().flatMap((f) => hiddenAssertionsIn(f).map((h) => `${h.at} (条件在第 ${h.condition} 行)`))
    expect(hidden).toEqual([])
  })
})
