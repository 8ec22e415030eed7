/**
 * A small JSON Schema (2020-12) validator covering exactly the keywords the manifest schema uses, so the test can
 * check the published schema against the zod schema without a new dependency. Test-only.
 */
type Schema = Record<string, unknown>

function typeOk(type: string, v: unknown): boolean {
  switch (type) {
    case 'object':
      return v !== null && typeof v === 'object' && !Array.isArray(v)
    case 'array':
      return Array.isArray(v)
    case 'string':
      return typeof v === 'string'
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v)
    case 'number':
      return typeof v === 'number' && Number.isFinite(v)
    case 'boolean':
      return typeof v === 'boolean'
    case 'null':
      return v === null
    default:
      throw new Error(`unsupported type ${type}`)
  }
}

const known = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'items',
  'maxItems',
  'minItems',
])

export function validate(schema: Schema, v: unknown): boolean {
  for (const k of Object.keys(schema)) if (!known.has(k)) throw new Error(`unsupported keyword ${k}`)
  if (typeof schema.type === 'string' && !typeOk(schema.type, v)) return false
  if ('const' in schema && v !== schema.const) return false
  if (Array.isArray(schema.enum) && !schema.enum.includes(v)) return false
  if (typeof v === 'string') {
    const len = [...v].length
    if (typeof schema.minLength === 'number' && len < schema.minLength) return false
    if (typeof schema.maxLength === 'number' && len > schema.maxLength) return false
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(v)) return false
  }
  if (typeof v === 'number') {
    if (typeof schema.minimum === 'number' && v < schema.minimum) return false
    if (typeof schema.maximum === 'number' && v > schema.maximum) return false
  }
  if (Array.isArray(v)) {
    if (typeof schema.maxItems === 'number' && v.length > schema.maxItems) return false
    if (typeof schema.minItems === 'number' && v.length < schema.minItems) return false
    if (schema.items && !v.every((item) => validate(schema.items as Schema, item))) return false
  }
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    const obj = v as Record<string, unknown>
    const props = (schema.properties ?? {}) as Record<string, Schema>
    for (const r of (schema.required ?? []) as string[]) if (!Object.hasOwn(obj, r)) return false
    for (const [k, val] of Object.entries(obj)) {
      if (schema.propertyNames && !validate(schema.propertyNames as Schema, k)) return false
      if (Object.hasOwn(props, k)) {
        if (!validate(props[k], val)) return false
      } else if (schema.additionalProperties === false) {
        return false
      } else if (
        typeof schema.additionalProperties === 'object' &&
        !validate(schema.additionalProperties as Schema, val)
      ) {
        return false
      }
    }
  }
  if (Array.isArray(schema.anyOf) && !schema.anyOf.some((s) => validate(s as Schema, v))) return false
  if (Array.isArray(schema.oneOf) && schema.oneOf.filter((s) => validate(s as Schema, v)).length !== 1) return false
  return true
}
