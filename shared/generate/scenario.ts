import type { CaseSource, CaseState, RefusalReason } from '../domain/schemas'
import type { Rng } from './random'

/**
 * What happens to one generated case, decided before its dates: how it starts, whether materials were missing,
 * the outcome, the bumps on the way (approval returned, exclusion overridden, 先行救助, over the cap) and what
 * follows payment. Shares are the generator's assumptions, documented in docs/data-generator.md; where a source
 * gives a figure it is cited there (e.g. the share of criminal victims, S24).
 */
export interface Scenario {
  source: CaseSource
  /** The clue record the case comes from, if any. */
  clue: 'none' | 'case-department' | 'external' | 'upper-level'
  /** The party was informed (告知) while it was a clue. */
  clueInformed: boolean
  start: 'apply' | 'ex-officio' | 'advance' | 'none'
  supplement: 'none' | 'received' | 'abandoned'
  outOfScope: boolean
  outcome: 'grant' | 'refuse' | 'withdraw'
  withdrawAt: CaseState
  refusalReason: RefusalReason
  midAdvance: boolean
  advanceAgree: boolean
  hiccup: 'none' | 'return' | 'disagree'
  override: boolean
  overCap: boolean
  requestFunds: boolean
  followUp: boolean
  archive: boolean
  recovery: 'none' | 'open' | 'closed'
  smallHelp: boolean
  donation: boolean
  /** Stop as soon as the case reaches this state (planted open states). */
  stopAt?: CaseState
}

/** Features planted in the demo office (and one office per province) besides one case per state. */
export const plantedFeatures = [
  'over-cap',
  'recovery-closed',
  'hiccup-return',
  'hiccup-disagree',
  'override',
  'advance-paid',
  'out-of-scope',
  'supplement-received',
  'donation',
  'small-help',
  'mid-advance',
] as const
export type PlantedFeature = (typeof plantedFeatures)[number]
export type Planted = CaseState | PlantedFeature

const REFUSAL_REASONS: readonly (readonly [RefusalReason, number])[] = [
  ['no-hardship', 25],
  ['X5', 20],
  ['X6', 15],
  ['compensated', 15],
  ['not-case-related', 10],
  ['X1', 8],
  ['X4', 5],
  ['already-assisted', 2],
]

function natural(rng: Rng, level: string): Scenario {
  const source = rng.weighted<CaseSource>([
    ['referral', 42],
    ['application', 18],
    ['external-clue', 12],
    ['ex-officio', 16],
    ['assigned', level === 'basic' ? 4 : 1],
    ['advance', 3],
  ])
  const clue =
    source === 'referral'
      ? 'case-department'
      : source === 'external-clue'
        ? 'external'
        : source === 'assigned'
          ? 'upper-level'
          : 'none'
  const start = source === 'ex-officio' ? 'ex-officio' : source === 'advance' ? 'advance' : 'apply'
  const supplement =
    start === 'apply'
      ? rng.weighted<Scenario['supplement']>([
          ['none', 82],
          ['received', 15],
          ['abandoned', 3],
        ])
      : 'none'
  const outOfScope = start === 'apply' && supplement !== 'abandoned' && rng.chance(0.03)
  const outcome = rng.weighted<Scenario['outcome']>([
    ['grant', 87],
    ['refuse', 9],
    ['withdraw', 4],
  ])
  const requestFunds = rng.chance(0.75)
  const withdrawStates: CaseState[] =
    start === 'advance'
      ? ['granted']
      : [start === 'ex-officio' ? 'ex-officio' : 'applied', 'accepted', 'review', 'opinion', 'approval', 'granted']
  if (requestFunds) withdrawStates.push('awaiting-funds')
  const midAdvance = start !== 'advance' && outcome === 'grant' && rng.chance(0.025)
  return {
    source,
    clue,
    clueInformed: clue !== 'none',
    start,
    supplement,
    outOfScope,
    outcome,
    withdrawAt: rng.pick(withdrawStates),
    refusalReason: rng.weighted(REFUSAL_REASONS),
    midAdvance,
    advanceAgree: rng.chance(0.9),
    hiccup: rng.weighted<Scenario['hiccup']>([
      ['none', 94],
      ['return', 3],
      ['disagree', 3],
    ]),
    override: outcome === 'grant' && rng.chance(0.04),
    overCap: outcome === 'grant' && start === 'apply' && !midAdvance && rng.chance(0.0015),
    requestFunds,
    followUp: rng.chance(0.65),
    archive: rng.chance(0.93),
    recovery: rng.chance(0.006) ? (rng.chance(0.75) ? 'closed' : 'open') : 'none',
    smallHelp: start === 'apply' && outcome === 'grant' && rng.chance(0.02),
    donation: rng.chance(0.12),
  }
}

/** A plain grant path with nothing unusual (the base of planted cases). */
function plainGrant(s: Scenario): Scenario {
  return {
    ...s,
    source: 'referral',
    clue: 'case-department',
    clueInformed: true,
    start: 'apply',
    supplement: 'none',
    outOfScope: false,
    outcome: 'grant',
    midAdvance: false,
    hiccup: 'none',
    override: false,
    overCap: false,
    recovery: 'none',
    smallHelp: false,
  }
}

/** The scenario of a case: natural shares, or one planted to show a state or feature. */
export function chooseScenario(rng: Rng, level: string, planted?: Planted): Scenario {
  const s = natural(rng, level)
  if (!planted) return s
  const g = plainGrant(s)
  switch (planted) {
    case 'clue':
      return { ...g, clueInformed: false, start: 'none', stopAt: 'clue' }
    case 'informed':
      return { ...g, start: 'none', stopAt: 'informed' }
    case 'ex-officio':
      return { ...g, source: 'ex-officio', clue: 'none', clueInformed: false, start: 'ex-officio', stopAt: planted }
    case 'advance':
      return { ...g, source: 'advance', clue: 'none', clueInformed: false, start: 'advance', stopAt: planted }
    case 'needs-supplement':
      return { ...g, supplement: 'received', stopAt: planted }
    case 'awaiting-funds':
      return { ...g, requestFunds: true, stopAt: planted }
    case 'follow-up':
      return { ...g, followUp: true, stopAt: planted }
    case 'recovery':
      return { ...g, recovery: 'open', stopAt: planted }
    case 'refused':
      return { ...g, outcome: 'refuse' }
    case 'withdrawn':
      return { ...g, outcome: 'withdraw', withdrawAt: 'review' }
    case 'abandoned':
      return { ...g, supplement: 'abandoned' }
    case 'archived':
      return { ...g, archive: true }
    case 'over-cap':
      return { ...g, overCap: true, archive: true }
    case 'recovery-closed':
      return { ...g, recovery: 'closed', followUp: true, archive: true }
    case 'hiccup-return':
      return { ...g, hiccup: 'return' }
    case 'hiccup-disagree':
      return { ...g, hiccup: 'disagree' }
    case 'override':
      return { ...g, override: true }
    case 'advance-paid':
      return { ...g, source: 'advance', clue: 'none', clueInformed: false, start: 'advance', advanceAgree: true }
    case 'mid-advance':
      return { ...g, midAdvance: true, advanceAgree: true }
    case 'out-of-scope':
      return { ...g, outOfScope: true }
    case 'supplement-received':
      return { ...g, supplement: 'received' }
    case 'donation':
      return { ...g, donation: true }
    case 'small-help':
      return { ...g, smallHelp: true }
    default:
      return { ...g, stopAt: planted }
  }
}
