import type { MaterialItem as RuleSetMaterial } from '../rulesets'
import type { Case, MaterialEntry, MaterialItem } from '../schemas'

/** When a checklist item is required, in the rule sets' terms (`rulesets.ts` `materials[].requiredWhen`). */
export type MaterialRule = Pick<RuleSetMaterial, 'code' | 'requiredWhen'>

/**
 * The checklist rule when no rule set is passed (the same as the 2014/2016/2021 rule-set data): the application,
 * ID proof, proof of harm, proof of hardship and the statement of compensation received always (S7, S8); proof of
 * relationship when a relative or representative applies; 授权委托书 when an entrusted agent applies (S7).
 */
export const defaultMaterialRules: readonly MaterialRule[] = [
  { code: 'application', requiredWhen: 'always' },
  { code: 'identity', requiredWhen: 'always' },
  { code: 'harmProof', requiredWhen: 'always' },
  { code: 'hardshipProof', requiredWhen: 'always' },
  { code: 'compensationStatement', requiredWhen: 'always' },
  { code: 'relationshipProof', requiredWhen: 'relative-or-representative' },
  { code: 'powerOfAttorney', requiredWhen: 'entrusted-agent' },
  { code: 'other', requiredWhen: 'optional' },
]

/**
 * Materials that must be received before acceptance (docs/domain-reference.md §6 checklist; S7, S8). An ex-officio case without an
 * application needs no application form. Proof of hardship counts when KS obtained it itself (S8,
 * `obtainedByOffice`).
 */
export function requiredMaterials(record: Case, rules: readonly MaterialRule[] = defaultMaterialRules): MaterialItem[] {
  const representative = record.capacity !== undefined && record.capacity !== 'self'
  const relative = record.relation !== undefined && record.relation !== 'self'
  return rules
    .filter((r) => {
      if (r.code === 'application' && !record.applicationDate) return false
      switch (r.requiredWhen) {
        case 'always':
          return true
        case 'relative-or-representative':
          return representative || relative
        case 'entrusted-agent':
          return record.capacity === 'entrusted-agent'
        default:
          return false
      }
    })
    .map((r) => r.code)
}

/** Required items not (yet) marked received. */
export function missingMaterials(record: Case, rules?: readonly MaterialRule[]): MaterialItem[] {
  const received = new Set(record.materials.filter((m) => m.received).map((m) => m.item))
  return requiredMaterials(record, rules).filter((i) => !received.has(i))
}

/** The checklist with `incoming` lines replacing existing lines for the same item (order: existing first). */
export function mergeMaterials(existing: readonly MaterialEntry[], incoming: readonly MaterialEntry[] = []) {
  const byItem = new Map(existing.map((m) => [m.item, m]))
  for (const m of incoming) byItem.set(m.item, m)
  return [...byItem.values()]
}
