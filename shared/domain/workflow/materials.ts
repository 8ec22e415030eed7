import type { Case, MaterialEntry, MaterialItem } from '../schemas'

/**
 * Materials that must be received before acceptance (domain.md §6 checklist; S7, S8): the application (not for an
 * ex-officio case without one), ID proof, proof of harm and proof of hardship (which KS may obtain itself, S8);
 * proof of relationship when a relative or representative applies; 授权委托书 when an agent applies (S7).
 */
export function requiredMaterials(record: Case): MaterialItem[] {
  const items: MaterialItem[] = record.applicationDate ? ['application'] : []
  items.push('identity', 'harmProof', 'hardshipProof')
  const representative = record.capacity !== undefined && record.capacity !== 'self'
  if (representative || (record.relation !== undefined && record.relation !== 'self')) items.push('relationshipProof')
  if (record.capacity === 'entrusted-agent') items.push('powerOfAttorney')
  return items
}

/** Required items not (yet) marked received. */
export function missingMaterials(record: Case): MaterialItem[] {
  const received = new Set(record.materials.filter((m) => m.received).map((m) => m.item))
  return requiredMaterials(record).filter((i) => !received.has(i))
}

/** The checklist with `incoming` lines replacing existing lines for the same item (order: existing first). */
export function mergeMaterials(existing: readonly MaterialEntry[], incoming: readonly MaterialEntry[] = []) {
  const byItem = new Map(existing.map((m) => [m.item, m]))
  for (const m of incoming) byItem.set(m.item, m)
  return [...byItem.values()]
}
