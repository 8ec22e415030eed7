import type { HolidayCalendar } from '../domain/calendar'
import { parseYuan } from '../domain/money'
import { type LocalMeasures, type RuleSet, type WageEntry, wageSeriesSchema } from '../domain/rulesets'
import { type StandardsContent, standardsContentSchema } from './downward'

/**
 * 编制本院标准 (docs/exchange.md “下发标准”): the edition being composed, edited one step at a time before it is
 * published. Pure: every edit returns new content; the command (composeStandards) validates the whole on publishing.
 */

export const emptyStandards: StandardsContent = { wageTable: [], localMeasures: [], ruleSets: [] }

export type StandardsEdit =
  /** start from an edition held (the office's current one) */
  | { type: 'load'; content: StandardsContent }
  /** add a wage figure, replacing the one of the same region, year and series; the table stays in region/year order */
  | { type: 'put-wage'; entry: WageEntry }
  | { type: 'remove-wage'; entry: WageEntry }
  | { type: 'set-calendar'; calendar: HolidayCalendar }
  /** 不下发节假日: the receivers keep the built-in calendar */
  | { type: 'drop-calendar' }
  /** add local measures, each replacing the one of the same id — and, when one was being edited, that one */
  | { type: 'put-measures'; measures: readonly LocalMeasures[]; replacing?: string }
  | { type: 'remove-measures'; id: string }
  /** a rule set replaces the one of the same id */
  | { type: 'put-rule-set'; ruleSet: RuleSet }
  | { type: 'remove-rule-set'; id: string }

const wageKey = (w: WageEntry) => `${w.regionCode}/${w.year}/${w.series}`

export function editStandards(content: StandardsContent, edit: StandardsEdit): StandardsContent {
  switch (edit.type) {
    case 'load':
      return edit.content
    case 'put-wage':
      return {
        ...content,
        wageTable: [...content.wageTable.filter((w) => wageKey(w) !== wageKey(edit.entry)), edit.entry].sort(
          (a, b) => a.regionCode.localeCompare(b.regionCode) || a.year - b.year,
        ),
      }
    case 'remove-wage':
      return { ...content, wageTable: content.wageTable.filter((w) => wageKey(w) !== wageKey(edit.entry)) }
    case 'set-calendar':
      return { ...content, calendar: edit.calendar }
    case 'drop-calendar': {
      const { calendar: _dropped, ...rest } = content
      return rest
    }
    case 'put-measures': {
      const gone = new Set([...edit.measures.map((m) => m.id), ...(edit.replacing ? [edit.replacing] : [])])
      return { ...content, localMeasures: [...content.localMeasures.filter((m) => !gone.has(m.id)), ...edit.measures] }
    }
    case 'remove-measures':
      return { ...content, localMeasures: content.localMeasures.filter((m) => m.id !== edit.id) }
    case 'put-rule-set':
      return { ...content, ruleSets: [...content.ruleSets.filter((r) => r.id !== edit.ruleSet.id), edit.ruleSet] }
    case 'remove-rule-set':
      return { ...content, ruleSets: content.ruleSets.filter((r) => r.id !== edit.id) }
  }
}

/** The wage line as typed: region code, year, amount in 元, series, source. */
export interface WageInput {
  regionCode: string
  year: string
  amount: string
  series: string
  source: string
}

export const WAGE_INPUT_PROBLEM =
  '工资标准填写有误：地区代码为 6 位数字，年度为 4 位数字，金额大于零（元，可有两位小数）。'

/** The wage figure the typed line stands for, or undefined when any part of it is wrong (WAGE_INPUT_PROBLEM). */
export function wageEntryOf(input: WageInput): WageEntry | undefined {
  const parsed = parseYuan(input.amount.trim())
  const series = wageSeriesSchema.safeParse(input.series)
  if (!parsed.ok || parsed.fen <= 0 || !series.success) return undefined
  const check = standardsContentSchema.shape.wageTable.element.safeParse({
    regionCode: input.regionCode.trim(),
    year: Number(input.year),
    monthlyWageFen: parsed.fen,
    series: series.data,
    source: { document: input.source.trim() || '（未注明出处）', confidence: 'H' },
  })
  return check.success ? check.data : undefined
}
