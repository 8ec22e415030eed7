import {
  applyLocalMeasures,
  builtInRuleSets,
  type EffectiveRules,
  monthlyWageFor,
  type RuleSet,
  type WageEntry,
  type WageLookup,
  wageRegionFor,
  wageYearFor,
} from '../domain/rulesets'
import { approvalSettingsFromRules, type TransitionOptions } from '../domain/workflow'

export interface RulesAt {
  ruleSet: RuleSet
  rules: EffectiveRules
  options: TransitionOptions
}

/**
 * The rules a generated office works under: the national rule set in force on a case's governing date, without local
 * measures (what shared/domain/rulesInForce.ts gives an office that holds none), plus the synthetic wage table for
 * amount computations. Cached per rule set, since a run asks millions of times.
 */
export class GeneratorRules {
  private readonly cache = new Map<string, RulesAt>()
  constructor(private readonly wageTable: readonly WageEntry[]) {}

  /** The built-in rule sets, latest effective date first (the same choice as rulesets.ts `ruleSetFor`). */
  private readonly sets = [...builtInRuleSets].reverse()

  at(date: string): RulesAt {
    const ruleSet = this.sets.find((r) => r.effectiveDate <= date)
    if (!ruleSet) throw new RangeError(`${date} 没有施行中的规则集`)
    let hit = this.cache.get(ruleSet.id)
    if (!hit) {
      const national = applyLocalMeasures(ruleSet)
      hit = {
        ruleSet,
        rules: { ...national, wageTable: this.wageTable },
        options: {
          timeLimits: national.timeLimits,
          approval: approvalSettingsFromRules(national),
          materials: ruleSet.materials,
        },
      }
      this.cache.set(ruleSet.id, hit)
    }
    return hit
  }

  /** The wage base B for a case (docs/domain-reference.md §4): region per the rule set, previous year, with fallbacks. */
  wage(date: string, caseRegion: string, officeRegion: string): WageLookup {
    const { rules } = this.at(date)
    const region = wageRegionFor(rules, {
      caseJurisdictionRegionCode: caseRegion,
      procuratorateRegionCode: officeRegion,
    })
    const lookup = monthlyWageFor(rules, region, wageYearFor(date))
    if (!lookup) throw new RangeError(`合成工资表缺少 ${region} ${wageYearFor(date)} 年的数据`)
    return lookup
  }
}
