import type { HolidayCalendar } from './calendar'
import {
  applyLocalMeasures,
  builtInRuleSets,
  type EffectiveRules,
  type LocalMeasures,
  localMeasuresFor,
  type RuleSet,
  ruleSetFor,
  type WageEntry,
} from './rulesets'
import type { Case } from './schemas'
import { approvalSettingsFromRules } from './workflow/approval'
import type { TransitionOptions } from './workflow/types'

/** The date that decides which rule set governs a case: the application, else the ex officio start, else the clue. */
export function governingDate(record: Pick<Case, 'applicationDate' | 'exOfficio' | 'clueDate'>, today: string): string {
  return record.applicationDate ?? record.exOfficio?.date ?? record.clueDate ?? today
}

export interface RulesContext {
  unitCode: string
  regionCode?: string
  /** Rule sets known to the office (built-in, or updated by a standards bundle). */
  ruleSets?: readonly RuleSet[]
  /** Local implementing measures known to the office (from standards bundles or entered locally). */
  localMeasures?: readonly LocalMeasures[]
  calendar?: HolidayCalendar
  /**
   * Wage figures published in standards bundles (职工月平均工资 per region and year). They take precedence over a
   * local measure's own table for the same region, year and series: they are the latest figures sent down.
   */
  wageTable?: readonly WageEntry[]
  /**
   * Wage figures this office recorded itself from the statistics bureau's publication (系统设置 → 职工月平均工资标准),
   * for when no higher office sent a standard. Lowest precedence: a local measure's table and a standard sent down
   * replace them for the same region, year and series.
   */
  officeWages?: readonly WageEntry[]
}

export interface RulesInForce {
  /** undefined for a date before the first rule set (2014-01-17): the workflow then uses its defaults. */
  rules?: EffectiveRules
  options: TransitionOptions
}

/**
 * The rules that govern one case at this office: the rule set in force on the governing date with the local
 * measures that cover this office merged in, and the workflow options they imply (time limits, approval chain,
 * checklist). One function, so the command layer, the deadline board and the reports all use the same rules.
 */
export function rulesInForce(
  record: Pick<Case, 'applicationDate' | 'exOfficio' | 'clueDate'>,
  today: string,
  ctx: RulesContext,
): RulesInForce {
  const date = governingDate(record, today)
  const ruleSet = ruleSetFor(date, ctx.ruleSets ?? builtInRuleSets)
  if (!ruleSet) return { options: ctx.calendar ? { calendar: ctx.calendar } : {} }
  const local = localMeasuresFor(ctx.localMeasures ?? [], { unitCode: ctx.unitCode, regionCode: ctx.regionCode }, date)
  const merged = applyLocalMeasures(ruleSet, local)
  const wageTable = mergeWages(mergeWages(ctx.officeWages ?? [], merged.wageTable), ctx.wageTable ?? [])
  const rules = { ...merged, wageTable }
  return {
    rules,
    options: {
      timeLimits: rules.timeLimits,
      approval: approvalSettingsFromRules(rules),
      materials: ruleSet.materials,
      hardExclusions: ruleSet.exclusions.filter((x) => x.kind === 'hard').map((x) => x.code),
      ...(rules.oneTimeException ? { oneTimeException: rules.oneTimeException } : {}),
      ...(ctx.calendar ? { calendar: ctx.calendar } : {}),
    },
  }
}

/** `sent` replaces `local` for the same region, year and series. */
function mergeWages(local: readonly WageEntry[], sent: readonly WageEntry[]): WageEntry[] {
  const key = (w: WageEntry) => `${w.regionCode}/${w.year}/${w.series}`
  const byKey = new Map(local.map((w) => [key(w), w]))
  for (const w of sent) byKey.set(key(w), w)
  return [...byKey.values()]
}
