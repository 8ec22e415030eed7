import { zodFieldProblems, zodProblemLines } from '@shared/errors/zodProblems'
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
    for (const { path: name, message } of zodFieldProblems(result.error)) {
      const key = name.join('.')
      const entry = byField.get(key) ?? { name, errors: [] }
      if (!entry.errors.includes(message)) entry.errors.push(message)
      byField.set(key, entry)
    }
  }
  const touched = form.getFieldsError().map((f) => f.name)
  form.setFields(touched.map((name) => ({ name, errors: [] })))
  form.setFields([...byField.values()])
  return result.success && byField.size === 0 ? result.data : undefined
}

/**
 * The problems as one line for the alert above a form, so a problem that belongs to no single field (a row of a
 * checklist, a rule across fields) is never silent.
 */
export function problemSummary(schema: z.ZodType, values: unknown, extra: { errors: string[] }[] = []): string {
  const error = schema.safeParse(values).error
  const messages = [...extra.flatMap((e) => e.errors), ...(error ? zodProblemLines(error) : [])]
  const unique = [...new Set(messages)]
  return `请修改后再提交：${unique.slice(0, 4).join('；')}${unique.length > 4 ? ' 等' : ''}`
}
