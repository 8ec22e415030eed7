import type { FormInstance } from 'antd'
import type { z } from 'zod'

/**
 * Validates form values with a shared zod schema and puts every problem next to its field (in Chinese, as the
 * schema words it). The user's input stays as typed. Returns the parsed value, or undefined when invalid.
 */
export function validateWithSchema<S extends z.ZodType>(
  form: FormInstance,
  schema: S,
  values: unknown,
  extra: { name: (string | number)[]; errors: string[] }[] = [],
): z.output<S> | undefined {
  const result = schema.safeParse(values)
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>()
  for (const e of extra) if (e.errors.length) byField.set(e.name.join('.'), { name: e.name, errors: [...e.errors] })
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))
      const key = name.join('.')
      const entry = byField.get(key) ?? { name, errors: [] }
      if (!entry.errors.includes(issue.message)) entry.errors.push(issue.message)
      byField.set(key, entry)
    }
  }
  const touched = form.getFieldsError().map((f) => f.name)
  form.setFields(touched.map((name) => ({ name, errors: [] })))
  form.setFields([...byField.values()])
  return result.success && byField.size === 0 ? result.data : undefined
}
