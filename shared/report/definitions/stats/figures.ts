import { C, F, lineOffset, P, type StatsAggregate, VECTOR_LENGTH } from './lines'

/* Sums of the collected counters over a set of offices: what the forms print and the 工作台 charts read. */

/** 件数, 人数 or 金额（分）. */
export type Measure = 'c' | 'p' | 'f'
/** Index of a measure within a line's three counters. */
export const measureIndex: Record<Measure, number> = { c: C, p: P, f: F }

/** Sums the office vectors of `members` (all offices with data when omitted). */
export function sumVector(agg: StatsAggregate, members?: readonly string[]): Float64Array {
  const out = new Float64Array(VECTOR_LENGTH)
  const list = members ?? [...agg.offices.keys()]
  for (const code of list) {
    const o = agg.offices.get(code)
    if (!o) continue
    for (let i = 0; i < VECTOR_LENGTH; i++) out[i] += o.v[i]
  }
  return out
}

/** Sums one category's [件, 人, 分] of granted cases over `members` (all offices with data when omitted). */
export function sumCategory(agg: StatsAggregate, code: string, members?: readonly string[]): Float64Array {
  const out = new Float64Array(3)
  for (const c of members ?? agg.offices.keys()) {
    const cat = agg.offices.get(c)?.categories.get(code)
    if (cat) for (let i = 0; i < 3; i++) out[i] += cat[i]
  }
  return out
}

/**
 * One figure of the 统计表 — a line's 件数 ('c'), 人数 ('p') or 金额 in 分 ('f') — summed over `members` (every
 * office with data when omitted). The same sums the forms print; the 工作台 charts read their figures through this.
 */
export function statsFigure(agg: StatsAggregate, line: string, measure: Measure, members?: readonly string[]): number {
  return sumVector(agg, members)[lineOffset(line) + measureIndex[measure]]
}

/** Monthly figures of the period for the 工作台 trend chart: applications, granted cases, paid 分. */
export function statsTrend(
  agg: StatsAggregate,
  members?: readonly string[],
): { month: string; applied: number; granted: number; paidFen: number }[] {
  const sums = new Float64Array(agg.months.length * 3)
  for (const code of members ?? agg.offices.keys()) {
    const o = agg.offices.get(code)
    if (o) for (let i = 0; i < sums.length; i++) sums[i] += o.months[i]
  }
  return agg.months.map((month, i) => ({
    month,
    applied: sums[i * 3],
    granted: sums[i * 3 + 1],
    paidFen: sums[i * 3 + 2],
  }))
}
