import type { CaseFacts } from '../facts'

/** The art. 7 item code of a kind of harm under a rule set (codes of resources/rulesets/*.json). */
export function categoryCode(ruleSetId: string, kind: CaseFacts['kind']): string {
  if (ruleSetId.startsWith('2014')) {
    const map = { injury: '1', urgent: '2', death: '3', property: '4', witness: '5', civil: '7', other: '8' } as const
    return kind === 'petition' ? '2014-xf' : `2014-${map[kind]}`
  }
  const year = ruleSetId.slice(0, 4)
  const map = { injury: 1, urgent: 2, death: 3, property: 4, witness: 5, civil: 6, other: 7, petition: 7 } as const
  return `${year}-7-${map[kind]}`
}
