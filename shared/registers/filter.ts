import type { RegisterFilter, RegisterRow } from './types'

/**
 * The in-memory part of a register view (pure): everything but the period is applied to rows already loaded, so
 * changing a state, category, origin, group, source, office or search answers without touching storage. The
 * period is applied here too (rows streamed from an index range already satisfy it).
 */

/** Search text → upper-case tokens; every token must occur in the row's search text (names, ID numbers, case numbers). */
export function searchTokens(search: string | undefined): string[] {
  if (!search) return []
  return search
    .normalize('NFKC')
    .toUpperCase()
    .split(/[\s,，、;；]+/)
    .filter((t) => t.length > 0)
}

function anyOf(list: readonly string[] | undefined, value: string | undefined): boolean {
  return !list?.length || (value !== undefined && list.includes(value))
}

function intersects(list: readonly string[] | undefined, values: readonly string[] | undefined): boolean {
  return !list?.length || (values ?? []).some((v) => list.includes(v))
}

/** A predicate for the filter, prepared once (sets, tokens) and applied to many rows. */
export function rowPredicate(filter: RegisterFilter): (row: RegisterRow) => boolean {
  const tokens = searchTokens(filter.search)
  const units = filter.units ? new Set(filter.units) : undefined
  return (row) =>
    (!filter.from || row.date >= filter.from) &&
    (!filter.to || (row.date !== '' && row.date <= filter.to)) &&
    (!units || units.has(row.ownerUnit)) &&
    anyOf(filter.states, row.state) &&
    anyOf(filter.categories, row.category) &&
    anyOf(filter.origins, row.origin) &&
    intersects(filter.groups, row.groups) &&
    intersects(filter.sources, row.sources) &&
    tokens.every((t) => row.search.includes(t))
}

export function filterRows(rows: readonly RegisterRow[], filter: RegisterFilter): RegisterRow[] {
  const keep = rowPredicate(filter)
  return rows.filter(keep)
}

export interface UnitNode {
  code: string
  parentCode?: string
}

/**
 * An office and every office below it in the directory (its subordinates' replicas are held at the higher level).
 * Cycles in a damaged directory are tolerated.
 */
export function unitWithSubordinates(root: string, units: readonly UnitNode[]): string[] {
  const children = new Map<string, string[]>()
  for (const u of units) {
    if (!u.parentCode) continue
    const list = children.get(u.parentCode) ?? []
    list.push(u.code)
    children.set(u.parentCode, list)
  }
  const out = new Set<string>([root])
  const queue = [root]
  while (queue.length) {
    const code = queue.shift() as string
    for (const c of children.get(code) ?? []) {
      if (!out.has(c)) {
        out.add(c)
        queue.push(c)
      }
    }
  }
  return [...out]
}

/** Default period of a register view: the current calendar year (a national office holds ten years). */
export function defaultPeriod(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 4)}-01-01`, to: `${today.slice(0, 4)}-12-31` }
}
