import { sameTimeLastYear } from '../period'
import type { TableModelParsed } from '../tableModel'
import { collectStats } from './stats/collect'
import { statsTable } from './stats/form'
import type { StatsInput, StatsOptions } from './stats/input'
import type { StatsAggregate } from './stats/lines'
import { statsRollupTable, statsYoyRollupTable } from './stats/rollup'

/*
 * 国家司法救助工作情况统计表 (issue 8 §2), the entry point of stats/: one pass over each table into per-office
 * counters (typed arrays, no per-record allocation besides a few Set entries; stats/collect.ts), from which the
 * single-office form (rows = items; stats/form.ts) and the roll-up forms (rows = offices, subtotals by subtree and
 * level, grand total; stats/rollup.ts) are laid out. Definitions of every figure: docs/reports.md.
 *
 *   stats/input.ts       the fields read and the run options
 *   stats/lines.ts       the counter layout (lines × 件/人/金额) and the aggregate
 *   stats/collect.ts     one collection: persons → clues → cases → referrals → follow-ups → ledger → donations
 *                        (stats/tables.ts, cases.ts, ledger.ts over the shared state in stats/pass.ts)
 *   stats/figures.ts     sums over offices (the forms and the 工作台 charts)
 *   stats/form.ts, rollup.ts, notes.ts   the sheets
 */

export { ruleSetsInPeriod } from './stats/categories'
export { collectStats } from './stats/collect'
export { statsFigure, statsTrend, sumVector } from './stats/figures'
export { ORIGIN_NONE_LABEL, ORIGIN_UNSPECIFIED_LABEL, statsItemRows, statsTable } from './stats/form'
export * from './stats/input'
export {
  type CategoryInfo,
  categoryKindLabels,
  lineOffset,
  OfficeStats,
  STATS_LINES,
  type StatsAggregate,
  type StatsLine,
  socialAssistanceKinds,
} from './stats/lines'
export {
  type RollupColumn,
  rollupViews,
  type StatsRollupView,
  statsRollupTable,
  statsYoyRollupTable,
  yoyRollupColumns,
} from './stats/rollup'

/**
 * Convenience: statistics of one period — the form, and at higher offices the roll-up forms too. With `yoy` the
 * same collection runs again for 上年同期 (sameTimeLastYear) and the form gets its 上年同期 and 同比 columns; a higher
 * office gets the 同比（按单位）sheet after the roll-ups.
 */
export async function buildStatsReport(
  input: StatsInput,
  options: StatsOptions,
  extra: { yoy?: boolean } = {},
): Promise<{ aggregate: StatsAggregate; prior?: StatsAggregate; tables: TableModelParsed[] }> {
  const aggregate = await collectStats(input, options)
  const prior = extra.yoy
    ? await collectStats(input, { ...options, period: sameTimeLastYear(options.period) })
    : undefined
  const tables = [statsTable(aggregate, prior)]
  const multi = aggregate.scope.hasDirectory
    ? aggregate.scope.subtree().length > 1 || aggregate.offices.size > 1
    : aggregate.offices.size > 1
  if (multi) {
    for (const view of ['main', 'groups', 'categories'] as const) tables.push(statsRollupTable(aggregate, view))
    if (prior) tables.push(statsYoyRollupTable(aggregate, prior))
  }
  return { aggregate, ...(prior ? { prior } : {}), tables }
}
