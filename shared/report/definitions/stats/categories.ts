import type { RuleSet } from '../../../domain/rulesets'
import type { Period } from '../../period'
import { type CategoryInfo, categoryKinds } from './lines'

/* The object-category rows of the statistics: which rule sets name them in a period, and in what order. */

/** Rule sets in force at some day of the period (the one in force on its first day, and any effective later). */
export function ruleSetsInPeriod(sets: readonly RuleSet[], period: Pick<Period, 'from' | 'to'>): RuleSet[] {
  const sorted = [...sets].sort((a, b) =>
    a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : 0,
  )
  return sorted.filter((s, i) => {
    if (s.effectiveDate > period.to) return false
    const next = sorted.slice(i + 1).find((n) => n.effectiveDate > s.effectiveDate)
    return !next || next.effectiveDate > period.from
  })
}

/** Categories in print order: by kind (categoryKinds), keeping the given order within a kind. */
export function byKind(list: readonly CategoryInfo[]): CategoryInfo[] {
  const kindOrder = (k: string) => categoryKinds.indexOf(k as (typeof categoryKinds)[number])
  return list
    .map((c, i) => ({ c, i }))
    .sort((a, b) => kindOrder(a.c.kind) - kindOrder(b.c.kind) || a.i - b.i)
    .map((x) => x.c)
}

/** The category rows of a period: the rule sets' in force (court-only ones left out), then any other code seen. */
export function categoryCatalog(sets: readonly RuleSet[], period: Period, seen: Iterable<string>): CategoryInfo[] {
  const all = new Map<string, CategoryInfo>()
  for (const rs of sets) {
    for (const c of rs.categories) {
      all.set(c.code, { code: c.code, label: c.label, kind: c.kind, ruleSetId: rs.id, ruleSetShort: rs.shortTitle })
    }
  }
  const inForce = ruleSetsInPeriod(sets, period)
  const out: CategoryInfo[] = []
  const added = new Set<string>()
  for (const rs of inForce) {
    for (const c of rs.categories) {
      if (c.courtOnly || added.has(c.code)) continue
      added.add(c.code)
      out.push(all.get(c.code)!)
    }
  }
  for (const code of [...seen].sort()) {
    if (added.has(code)) continue
    added.add(code)
    if (code === '') out.push({ code: '', label: '未注明救助情形', kind: 'none', ruleSetId: '', ruleSetShort: '' })
    else out.push(all.get(code) ?? { code, label: code, kind: 'other', ruleSetId: '', ruleSetShort: '' })
  }
  return byKind(out)
}
