import { fieldLabel } from '../errors/fieldLabels'
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

/**
 * A stored value as the audit log shows it: text as it is, 是/否, and a nested record as “名称：值” pairs named by the
 * one glossary (shared/errors/fieldLabels.ts) — never its English keys or JSON punctuation.
 */
export function displayValue(v: unknown): string {
  if (v === null || v === undefined) return '（无）'
  if (typeof v === 'string') return v
  if (typeof v === 'boolean') return v ? '是' : '否'
  if (typeof v !== 'object') return String(v)
  if (Array.isArray(v)) return v.length === 0 ? '（无）' : v.map(nested).join('；')
  const entries = Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined && x !== null)
  if (entries.length === 0) return '（无）'
  return entries
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, x]) => `${fieldLabel(k) ?? '其他'}：${nested(x)}`)
    .join('，')
}

const nested = (x: unknown): string =>
  x !== null && typeof x === 'object' ? `（${displayValue(x)}）` : displayValue(x)
