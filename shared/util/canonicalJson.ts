/**
 * Canonical JSON (RFC 8785 style for the values this app stores): object keys sorted by UTF-16 code units, no
 * whitespace, `undefined` members dropped, numbers in JavaScript's shortest form. Used wherever bytes must be the
 * same on every machine: audit-chain hashes, bundle manifests, report-input hashes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: 非有限数值不能序列化')
      return JSON.stringify(value)
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`
      if (value instanceof Date) return JSON.stringify(value.toISOString())
      const obj = value as Record<string, unknown>
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort()
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`
    }
    default:
      throw new TypeError(`canonicalJson: 不支持的类型 ${typeof value}`)
  }
}
