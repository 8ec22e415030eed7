import { categoryKindLabels, type StatsAggregate, statsFigure, statsTrend } from '@shared/report/definitions/stats'

/**
 * The 工作台 charts' figures, read from a statistics aggregate (shared/report/definitions/stats.ts collectStats) —
 * the same counters the 统计表 and the 汇总表 print, never separate sums. Amounts stay in 分 here; the chart
 * options turn them into 元.
 */
export interface DashboardFigures {
  /** Every month of the period: applications received, cases granted (by decision date), amount paid. */
  months: { month: string; applied: number; granted: number; paidFen: number }[]
  /** Granted cases of the period by object category (救助对象类别), categories with none left out. */
  categories: { kind: string; label: string; cases: number; grantedFen: number }[]
  /**
   * Higher offices only: one bar per direct subordinate (with everything below it) and one for this office's own
   * records (本级); empty at an office without subordinates.
   */
  offices: { code: string; label: string; granted: number; grantedFen: number; paidFen: number }[]
}

export function dashboardFigures(agg: StatsAggregate): DashboardFigures {
  const months = statsTrend(agg)
  const categories = (Object.keys(categoryKindLabels) as (keyof typeof categoryKindLabels)[])
    .map((kind) => ({
      kind,
      label: categoryKindLabels[kind],
      cases: statsFigure(agg, `kind:${kind}`, 'c'),
      grantedFen: statsFigure(agg, `kind:${kind}`, 'f'),
    }))
    .filter((c) => c.cases > 0)
  const scope = agg.scope
  const root = scope.root.code
  const children = scope.childrenOf(root)
  const offices: DashboardFigures['offices'] = []
  if (children.length > 0) {
    const placed = new Set<string>()
    const bar = (code: string, label: string, members: string[]) => {
      for (const m of members) placed.add(m)
      offices.push({
        code,
        label,
        granted: statsFigure(agg, 'granted', 'c', members),
        grantedFen: statsFigure(agg, 'granted', 'f', members),
        paidFen: statsFigure(agg, 'paid', 'f', members),
      })
    }
    bar(root, `${scope.nameOf(root)}（本级）`, [root])
    for (const child of children) bar(child, scope.nameOf(child), scope.subtree(child))
    const others = [...agg.offices.keys()].filter((c) => !placed.has(c)).sort()
    if (others.length > 0) bar('', '未在单位目录中', others)
  }
  return { months, categories, offices }
}

/** '2025-03' → '3月', or '2025年3月' when the months span more than one year. */
export function monthLabel(month: string, spansYears: boolean): string {
  const m = `${Number(month.slice(5, 7))}月`
  return spansYears ? `${month.slice(0, 4)}年${m}` : m
}

/** 分 → 万元 for chart axes, exact to the 元 (four decimals). */
export function fenToWan(fen: number): number {
  return Math.round(fen / 100) / 10_000
}
