import {
  donorKindLabels,
  donorKinds,
  fundSourceLabels,
  fundSources,
  originDepartmentLabels,
  originDepartments,
  priorityGroupLabels,
  priorityGroups,
  referralKindLabels,
  referralKinds,
} from '../../../domain/schemas'
import type { CellValue, RowStyle, TableModelParsed } from '../../tableModel'
import { yearOnYear } from '../../yoy'
import { byKind } from './categories'
import { type Measure, measureIndex, sumCategory, sumVector } from './figures'
import { C, type CategoryInfo, categoryKindLabels, categoryKinds, lineOffset, type StatsAggregate } from './lines'
import { baseModel, commonFootnotes, priorNotes } from './notes'

/*
 * 国家司法救助工作情况统计表 of one office (or the sum over its scope): rows = items 一 to 九 with 行次, columns =
 * 件数 / 人数 / 金额（元）, optionally with 上年同期 and 同比.
 */

const DASH = '—'

export interface ItemRow {
  label: string
  /** Line (or category code prefixed 'cat:') and which measures apply. */
  line: string
  measures: readonly Measure[]
  style?: RowStyle
}

const I = '　'
/** 六: cases that did not come from a clue referred by one of the office's case-handling departments. */
export const ORIGIN_NONE_LABEL = '未经本院办案部门移送（当事人申请、依职权启动等）'
/** 六: referred by a case-handling department that the case does not name (older records); shown only when used. */
export const ORIGIN_UNSPECIFIED_LABEL = '办案部门移送，未注明部门'
const CPF: readonly Measure[] = ['c', 'p', 'f']
const CP: readonly Measure[] = ['c', 'p']
const CF: readonly Measure[] = ['c', 'f']
const ONLY_C: readonly Measure[] = ['c']
const ONLY_F: readonly Measure[] = ['f']

/** Category rows of the form: the period's, then (with 上年同期) those only the year before had, by kind. */
function printedCategories(agg: StatsAggregate, prior?: StatsAggregate): CategoryInfo[] {
  if (!prior) return agg.categories
  const codes = new Set(agg.categories.map((c) => c.code))
  return byKind([...agg.categories, ...prior.categories.filter((c) => !codes.has(c.code))])
}

/**
 * The item rows of the single-office form, with section headings. With the year before (上年同期) the rows are
 * those of either period, so a category or origin row that only the year before had is printed too.
 */
export function statsItemRows(agg: StatsAggregate, prior?: StatsAggregate): ItemRow[] {
  const categories = printedCategories(agg, prior)
  const multipleSets = new Set(categories.filter((c) => c.ruleSetId).map((c) => c.ruleSetId)).size > 1
  const rows: ItemRow[] = [
    { label: '一、线索和告知', line: '', measures: [], style: 'section' },
    { label: '受理救助线索', line: 'clues', measures: ONLY_C },
    { label: `${I}其中：本院办案部门移送`, line: 'clues:case-department', measures: ONLY_C },
    { label: `${I}${I}${I}外部单位移送`, line: 'clues:external', measures: ONLY_C },
    { label: `${I}${I}${I}上级院交办`, line: 'clues:upper-level', measures: ONLY_C },
    { label: '告知当事人可以申请救助', line: 'informed', measures: ONLY_C },
    { label: '二、申请和受理', line: '', measures: [], style: 'section' },
    { label: '收到救助申请', line: 'applied', measures: CP },
    { label: '受理救助申请', line: 'accepted', measures: CP },
    { label: '依职权启动救助', line: 'exOfficio', measures: ONLY_C },
    { label: '申请人撤回申请', line: 'withdrawn', measures: ONLY_C },
    { label: '逾期未补正视为放弃申请', line: 'abandoned', measures: ONLY_C },
    { label: '三、审查决定', line: '', measures: [], style: 'section' },
    { label: '决定给予救助', line: 'granted', measures: CPF },
    { label: `${I}其中：先行救助`, line: 'advance', measures: CPF },
    { label: '决定不予救助', line: 'refused', measures: CP },
    { label: '四、救助金发放和追回', line: '', measures: [], style: 'section' },
    { label: '发放救助金', line: 'paid', measures: CPF },
    { label: `${I}其中：多级资金联合救助`, line: 'joint', measures: CF },
    { label: '追回救助金（件为次数）', line: 'recovered', measures: CF },
    { label: '五、决定救助案件按救助对象类别', line: '', measures: [], style: 'section' },
  ]
  for (const kind of categoryKinds) {
    const items = categories.filter((c) => c.kind === kind)
    if (items.length === 0) continue
    rows.push({ label: categoryKindLabels[kind], line: `kind:${kind}`, measures: CPF, style: 'subtotal' })
    if (kind === 'none') continue
    for (const c of items) {
      const label = multipleSets && c.ruleSetShort ? `${c.label}（${c.ruleSetShort}）` : c.label
      rows.push({ label: `${I}${label}`, line: `cat:${c.code}`, measures: CPF })
    }
  }
  rows.push({ label: '六、决定救助案件按线索来源部门', line: '', measures: [], style: 'section' })
  for (const d of originDepartments) rows.push({ label: originDepartmentLabels[d], line: `origin:${d}`, measures: CPF })
  const unspecified = lineOffset('origin:unspecified') + C
  if (sumVector(agg)[unspecified] > 0 || (prior && sumVector(prior)[unspecified] > 0)) {
    rows.push({ label: ORIGIN_UNSPECIFIED_LABEL, line: 'origin:unspecified', measures: CPF })
  }
  rows.push({ label: ORIGIN_NONE_LABEL, line: 'origin:none', measures: CPF })
  rows.push({ label: '七、决定救助案件按重点群体', line: '', measures: [], style: 'section' })
  for (const g of priorityGroups) rows.push({ label: priorityGroupLabels[g], line: `group:${g}`, measures: CPF })
  rows.push({ label: '八、多元救助和回访', line: '', measures: [], style: 'section' })
  rows.push({ label: '开展多元救助（件为次数）', line: 'referrals', measures: ONLY_C })
  for (const k of referralKinds)
    rows.push({ label: `${I}${referralKindLabels[k]}`, line: `referral:${k}`, measures: ONLY_C })
  rows.push({
    label: `${I}其中：衔接社会救助（低保、临时、医疗、教育、就业）`,
    line: 'referral:social',
    measures: ONLY_C,
  })
  rows.push({ label: '开展多元救助的案件', line: 'referralCases', measures: ONLY_C })
  rows.push({ label: '回访（件为次数）', line: 'followUps', measures: ONLY_C })
  rows.push({ label: '九、救助资金', line: '', measures: [], style: 'section' })
  rows.push({ label: '收到救助资金合计', line: 'funds', measures: ONLY_F })
  for (const s of fundSources) {
    const label = s === 'donation' ? '社会捐助入账' : `${fundSourceLabels[s]}财政资金`
    rows.push({ label: `${I}${label}`, line: `fund:${s}`, measures: ONLY_F })
  }
  rows.push({ label: '接受社会捐助', line: 'donations', measures: CF })
  for (const k of donorKinds) rows.push({ label: `${I}${donorKindLabels[k]}捐助`, line: `donor:${k}`, measures: CF })
  return rows
}

/** A figure of an item row summed over every office with data: '—' where the measure does not apply. */
function itemFigures(agg: StatsAggregate): (item: ItemRow, m: Measure) => CellValue {
  const total = sumVector(agg)
  return (item, m) => {
    if (!item.measures.includes(m)) return DASH
    if (item.line.startsWith('cat:')) return sumCategory(agg, item.line.slice(4))[measureIndex[m]]
    return total[lineOffset(item.line) + measureIndex[m]]
  }
}

/**
 * 国家司法救助工作情况统计表: rows = items (一 to 九, with 行次), columns = 件数 / 人数 / 金额（元）; the figures are
 * the sum over every office in scope. Cells that do not apply hold '—'. With `prior` (the same statistics of
 * 上年同期, sameTimeLastYear) the 件数 and 金额 of each row are followed by their 上年同期 and 同比 (人数 only for the
 * period: a case has one 救助对象, so its change is that of 件数).
 */
export function statsTable(agg: StatsAggregate, prior?: StatsAggregate): TableModelParsed {
  const items = statsItemRows(agg, prior)
  const now = itemFigures(agg)
  const before = prior ? itemFigures(prior) : undefined
  const width = before ? 9 : 5
  const rows: CellValue[][] = []
  const rowStyles: Record<string, RowStyle> = {}
  let lineNo = 0
  for (const item of items) {
    if (item.style) rowStyles[String(rows.length)] = item.style
    if (item.style === 'section') {
      rows.push([item.label, ...new Array<CellValue>(width - 1).fill(null)])
      continue
    }
    lineNo++
    const row: CellValue[] = [item.label, lineNo, now(item, 'c'), now(item, 'p'), now(item, 'f')]
    if (before) {
      const c = before(item, 'c')
      const f = before(item, 'f')
      row.push(c, f, yearOnYear(row[2], c), yearOnYear(row[4], f))
    }
    rows.push(row)
  }
  const yoy = prior ? priorNotes(prior, '人数只列本期（每件案件一名救助对象，人数的变动与件数相同）。') : undefined
  const footnotes = [
    ...commonFootnotes(agg),
    '注：线索按移送日期、告知按告知日期、申请按申请日期、受理按受理日期、决定按决定日期、发放按发放日期、追回按实际追回日期、多元救助按转介日期、回访按回访日期、资金按入账日期、捐助按接收日期归入统计期间；已作废的记录不计入。',
    '注：人数为救助对象人数：被害人本人申请的为被害人；被害人死亡的为申请救助的近亲属（不计死亡的被害人）；被害人在世而由他人代为申请的（如未成年人的父母作为法定代理人）为被害人（不计代理人）。“受理救助申请”只计有申请的案件，依职权启动的案件计入“依职权启动救助”。',
    '注：第五至七部分为本期决定给予救助的案件，金额为决定救助金额；第六部分只把由本院办案部门移送线索的案件计入该部门，其他来源的案件计入“未经本院办案部门移送”；同一救助对象可属于多个重点群体，第七部分各行之和可能大于合计。',
    '注：“多级资金联合救助”为省级、市级、县级中两级以上资金共同负担的案件（不含只有中央转移支付或社会捐助参与的案件），金额为这些案件的发放金额。',
    '注：收到救助资金为财政拨款和社会捐助入账之和，已扣除本期冲销，不含小额应急性帮扶案件的拨款；“接受社会捐助”按捐助记录统计。',
    ...(yoy ? [yoy.footnote] : []),
  ]
  const base = baseModel(agg)
  const leaf = (label: string) => ({ label, colSpan: 1, rowSpan: 1 })
  return {
    ...base,
    ...(yoy ? { provenance: [...base.provenance, yoy.provenance] } : {}),
    title: '国家司法救助工作情况统计表',
    sheetName: '统计表',
    unitsNote: '计量单位：件、人、元',
    headerRows: [
      [
        { label: '项目', rowSpan: 2, colSpan: 1 },
        { label: '行次', rowSpan: 2, colSpan: 1 },
        { label: '本期', colSpan: 3, rowSpan: 1 },
        ...(prior
          ? [
              { label: '上年同期', colSpan: 2, rowSpan: 1 },
              { label: '同比', colSpan: 2, rowSpan: 1 },
            ]
          : []),
      ],
      [
        leaf('件数'),
        leaf('人数'),
        leaf('金额（元）'),
        ...(prior ? [leaf('件数'), leaf('金额（元）'), leaf('件数'), leaf('金额')] : []),
      ],
    ],
    // with 上年同期 the nine columns fit one A4 landscape page width at ≥ 90 % (printLayout.ts)
    columns: prior
      ? [
          { key: 'item', kind: 'text', width: 38 },
          { key: 'line', kind: 'integer', width: 5 },
          { key: 'cases', kind: 'integer', width: 9 },
          { key: 'persons', kind: 'integer', width: 9 },
          { key: 'fen', kind: 'fen', width: 15 },
          { key: 'priorCases', kind: 'integer', width: 9 },
          { key: 'priorFen', kind: 'fen', width: 15 },
          { key: 'changeCases', kind: 'change', width: 10 },
          { key: 'changeFen', kind: 'change', width: 10 },
        ]
      : [
          { key: 'item', kind: 'text', width: 52 },
          { key: 'line', kind: 'integer', width: 6 },
          { key: 'cases', kind: 'integer', width: 12 },
          { key: 'persons', kind: 'integer', width: 12 },
          { key: 'fen', kind: 'fen', width: 20 },
        ],
    rows,
    rowStyles,
    footnotes,
  }
}
