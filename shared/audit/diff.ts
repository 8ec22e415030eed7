import { canonicalJson } from '../util/canonicalJson'

export interface FieldChange {
  field: string
  before: unknown
  after: unknown
}

const IGNORED = new Set(['rev', 'updatedAt', 'updatedBy'])

/** The top-level fields that differ between the old and the new value of a record (audit viewer, old → new). */
export function changedFields(before: unknown, after: unknown): FieldChange[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !IGNORED.has(k)).sort()
  return keys
    .filter((k) => canonicalJson(b[k] ?? null) !== canonicalJson(a[k] ?? null))
    .map((field) => ({ field, before: b[field] ?? null, after: a[field] ?? null }))
}

export function displayValue(v: unknown): string {
  if (v === null || v === undefined) return '（无）'
  if (typeof v === 'string') return v
  return canonicalJson(v)
}
