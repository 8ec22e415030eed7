import { builtInRuleSets } from '../../../domain/rulesets'
import { buildProvenance } from '../common'
import { countCases } from './cases'
import { categoryCatalog, ruleSetsInPeriod } from './categories'
import { STATS_DEFINITION_VERSION, STATS_REPORT_ID, type StatsInput, type StatsOptions } from './input'
import { countLedger } from './ledger'
import { C, type CategoryInfo, F, O_KIND, O_REFERRAL_CASES, P, type StatsAggregate } from './lines'
import { StatsPass } from './pass'
import { countClues, countDonations, countFollowUps, countReferrals, readPriorityFlags } from './tables'

/**
 * Reads the records once each — persons, clues, cases, referrals, follow-ups, ledger, donations, in that order
 * (person flags are needed when cases are read; small-emergency case ids when referrals and ledger entries are)
 * — into per-office counters for the period. Voided records, records of offices outside the scope and
 * 小额应急性帮扶 cases (with their referrals and follow-ups) are not counted; every record read is tallied for
 * the provenance hash.
 */
export async function collectStats(input: StatsInput, options: StatsOptions): Promise<StatsAggregate> {
  const pass = new StatsPass(options)
  const flags = await readPriorityFlags(pass, input.persons)
  await countClues(pass, input.clues)
  const smallCases = await countCases(pass, input.cases, flags)
  await countReferrals(pass, input.referrals, smallCases)
  await countFollowUps(pass, input.followUps, smallCases)
  await countLedger(pass, input.ledger, smallCases)
  await countDonations(pass, input.donations)
  return aggregate(pass, options)
}

/** The category rows of the period, the per-kind and referral-case lines, and the provenance of the figures. */
function aggregate(pass: StatsPass, options: StatsOptions): StatsAggregate {
  const { period, scope, offices, tally, excluded, small, months } = pass
  const sets = options.ruleSets ?? builtInRuleSets
  const categories = categoryCatalog(sets, period, pass.seenCategories)
  addKindLines(pass, categories)
  const parameters = {
    统计期间: `${period.from}..${period.to}`,
    填报单位代码: scope.root.code,
    规则集: ruleSetsInPeriod(sets, period)
      .map((s) => s.id)
      .join(','),
  }
  const provenance = buildProvenance({
    reportId: STATS_REPORT_ID,
    title: '国家司法救助工作情况统计表',
    definitionVersion: STATS_DEFINITION_VERSION,
    parameters,
    extra: { categories: categories.map((c) => [c.code, c.label, c.kind]) },
    tally,
    scope,
    excluded,
    run: options,
  })
  return { options, period, scope, offices, categories, small, excluded, provenance, months }
}

/** 开展多元救助的案件 and the per-kind subtotals of 五 from each office's category counters. */
function addKindLines(pass: StatsPass, categories: readonly CategoryInfo[]): void {
  const kindOf = new Map(categories.map((c) => [c.code, c.kind]))
  for (const o of pass.offices.values()) {
    o.v[O_REFERRAL_CASES + C] = o.referralCases.size
    for (const [code, cat] of o.categories) {
      const off = O_KIND.get(kindOf.get(code) ?? 'other')!
      o.v[off + C] += cat[C]
      o.v[off + P] += cat[P]
      o.v[off + F] += cat[F]
    }
  }
}
