import { priorityGroupLabels, priorityGroups } from '../../../domain/schemas'
import type { HeaderCell, TableModelParsed } from '../../tableModel'
import { yearOnYear } from '../../yoy'
import { groupedHeader, layoutRollup } from '../rollupLayout'
import { type Measure, measureIndex, sumVector } from './figures'
import { categoryKindLabels, categoryKinds, lineOffset, type StatsAggregate } from './lines'
import { baseModel, commonFootnotes, priorNotes } from './notes'

/* The roll-up forms of a higher office: a row per office in scope, with the statistics' lines as columns. */

/** A column of a roll-up form: header group (merged above), leaf label, and what it shows. */
export interface RollupColumn {
  group?: string
  label: string
  line: string
  measure: Measure
}

export type StatsRollupView = 'main' | 'groups' | 'categories'

export const rollupViews: Record<StatsRollupView, { title: string; sheetName: string; columns: RollupColumn[] }> = {
  main: {
    title: '国家司法救助工作情况汇总表',
    sheetName: '汇总表',
    columns: [
      { group: '线索和告知', label: '受理线索', line: 'clues', measure: 'c' },
      { group: '线索和告知', label: '告知', line: 'informed', measure: 'c' },
      { group: '申请和受理', label: '收到申请', line: 'applied', measure: 'c' },
      { group: '申请和受理', label: '受理', line: 'accepted', measure: 'c' },
      { group: '申请和受理', label: '依职权启动', line: 'exOfficio', measure: 'c' },
      { group: '决定给予救助', label: '件数', line: 'granted', measure: 'c' },
      { group: '决定给予救助', label: '人数', line: 'granted', measure: 'p' },
      { group: '决定给予救助', label: '金额（元）', line: 'granted', measure: 'f' },
      { group: '其中：先行救助', label: '件数', line: 'advance', measure: 'c' },
      { group: '其中：先行救助', label: '金额（元）', line: 'advance', measure: 'f' },
      { label: '不予救助件数', line: 'refused', measure: 'c' },
      { group: '发放救助金', label: '件数', line: 'paid', measure: 'c' },
      { group: '发放救助金', label: '人数', line: 'paid', measure: 'p' },
      { group: '发放救助金', label: '金额（元）', line: 'paid', measure: 'f' },
      { label: '追回救助金（元）', line: 'recovered', measure: 'f' },
      { label: '多元救助次数', line: 'referrals', measure: 'c' },
      { group: '救助资金', label: '收到资金（元）', line: 'funds', measure: 'f' },
      { group: '救助资金', label: '接受捐助（元）', line: 'donations', measure: 'f' },
    ],
  },
  groups: {
    title: '国家司法救助重点群体救助情况汇总表',
    sheetName: '重点群体',
    columns: priorityGroups.flatMap((g): RollupColumn[] => [
      { group: priorityGroupLabels[g], label: '件数', line: `group:${g}`, measure: 'c' },
      { group: priorityGroupLabels[g], label: '人数', line: `group:${g}`, measure: 'p' },
      { group: priorityGroupLabels[g], label: '金额（元）', line: `group:${g}`, measure: 'f' },
    ]),
  },
  categories: {
    title: '国家司法救助对象类别汇总表',
    sheetName: '对象类别',
    columns: [
      ...categoryKinds.flatMap((k): RollupColumn[] => [
        { group: categoryKindLabels[k], label: '件数', line: `kind:${k}`, measure: 'c' },
        { group: categoryKindLabels[k], label: '人数', line: `kind:${k}`, measure: 'p' },
        { group: categoryKindLabels[k], label: '金额（元）', line: `kind:${k}`, measure: 'f' },
      ]),
      { group: '合计', label: '件数', line: 'granted', measure: 'c' },
      { group: '合计', label: '人数', line: 'granted', measure: 'p' },
      { group: '合计', label: '金额（元）', line: 'granted', measure: 'f' },
    ],
  },
}

/**
 * The roll-up form (higher offices): a row per office in scope — the reporting office, each subordinate with its
 * own subordinates and a 小计, offices missing from the directory — then subtotals by level and the 合计.
 */
export function statsRollupTable(agg: StatsAggregate, view: StatsRollupView = 'main'): TableModelParsed {
  const def = rollupViews[view]
  const rollup = agg.scope.rollupRows(agg.offices.keys())
  const { rows, rowStyles } = layoutRollup(rollup, (members) => {
    const vec = sumVector(agg, members)
    return def.columns.map((col) => vec[lineOffset(col.line) + measureIndex[col.measure]])
  })
  const footnotes = [...commonFootnotes(agg), '注：“小计”为该院本级及其所属下级院之和；“其中”各行为同一层级各院之和。']
  if (view === 'groups')
    footnotes.push(
      '注：本期决定给予救助的案件；件数为至少一名救助对象属于该群体的案件数，人数为属于该群体的救助对象人数；同一救助对象可属于多个重点群体。',
    )
  if (view === 'categories') footnotes.push('注：本期决定给予救助的案件，按适用的救助情形归类。')
  return {
    ...baseModel(agg),
    title: def.title,
    sheetName: def.sheetName,
    unitsNote: '计量单位：件、人、元',
    headerRows: groupedHeader('单位', def.columns),
    columns: [
      { key: 'unit', kind: 'text', width: 36 },
      ...def.columns.map((c, i) => ({
        key: `c${i}`,
        kind: c.measure === 'f' ? ('fen' as const) : ('integer' as const),
        width: c.measure === 'f' ? 15 : 10,
      })),
    ],
    rows,
    rowStyles,
    footnotes,
    frozenColumns: 1,
  }
}

/** The key figures compared with 上年同期 per office: 决定给予救助 and 发放救助金, 件数 and 金额. */
export const yoyRollupColumns: readonly RollupColumn[] = [
  { group: '决定给予救助', label: '件数', line: 'granted', measure: 'c' },
  { group: '决定给予救助', label: '金额（元）', line: 'granted', measure: 'f' },
  { group: '发放救助金', label: '件数', line: 'paid', measure: 'c' },
  { group: '发放救助金', label: '金额（元）', line: 'paid', measure: 'f' },
]

/**
 * 同比（按单位）(higher offices, with 上年同期): the roll-up rows (offices with data in either period, 小计, levels,
 * 合计) with the key figures of yoyRollupColumns, each as 本期 / 上年同期 / 同比. A page width holds one group
 * (决定给予救助 or 发放救助金) with the office column, so the sheet prints on two page widths at 100 %.
 */
export function statsYoyRollupTable(agg: StatsAggregate, prior: StatsAggregate): TableModelParsed {
  const rollup = agg.scope.rollupRows(new Set([...agg.offices.keys(), ...prior.offices.keys()]))
  const { rows, rowStyles } = layoutRollup(rollup, (members) => {
    const now = sumVector(agg, members)
    const before = sumVector(prior, members)
    return yoyRollupColumns.flatMap((col) => {
      const i = lineOffset(col.line) + measureIndex[col.measure]
      return [now[i], before[i], yearOnYear(now[i], before[i])]
    })
  })
  const cell = (label: string, colSpan: number, rowSpan = 1): HeaderCell => ({ label, colSpan, rowSpan })
  const groups = [...new Set(yoyRollupColumns.map((c) => c.group!))]
  const yoy = priorNotes(prior, '')
  const base = baseModel(agg)
  return {
    ...base,
    provenance: [...base.provenance, yoy.provenance],
    title: '国家司法救助工作情况同比汇总表',
    sheetName: '同比',
    unitsNote: '计量单位：件、元',
    headerRows: [
      [cell('单位', 1, 3), ...groups.map((g) => cell(g, 3 * yoyRollupColumns.filter((c) => c.group === g).length))],
      yoyRollupColumns.map((c) => cell(c.label, 3)),
      yoyRollupColumns.flatMap(() => [cell('本期', 1), cell('上年同期', 1), cell('同比', 1)]),
    ],
    columns: [
      { key: 'unit', kind: 'text', width: 36 },
      ...yoyRollupColumns.flatMap((c, i) => {
        const kind = c.measure === 'f' ? ('fen' as const) : ('integer' as const)
        const width = c.measure === 'f' ? 15 : 9
        return [
          { key: `c${i}`, kind, width },
          { key: `p${i}`, kind, width },
          { key: `y${i}`, kind: 'change' as const, width: 10 },
        ]
      }),
    ],
    rows,
    rowStyles,
    footnotes: [
      ...commonFootnotes(agg),
      '注：“小计”为该院本级及其所属下级院之和；“其中”各行为同一层级各院之和。件数和金额的口径与统计表“决定给予救助”“发放救助金”两行相同。',
      yoy.footnote,
    ],
    frozenColumns: 1,
  }
}
