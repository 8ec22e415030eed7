import { fieldPathText, zodFieldProblems } from '@shared/errors/zodProblems'
import type { FormInstance } from 'antd'
import type { z } from 'zod'

type Path = (string | number)[]
/** Problems the form itself found at a field, worded by the form (an amount left empty or not a number …). */
export interface FieldProblems {
  name: Path
  errors: string[]
}

/** The schema's plain “fill this in” (“请填写说明”), without anything a schema's own message would add. */
const PLAIN_REQUIRED = /^请填写[^，,。；;（(：:]*$/

/**
 * Every problem at its field: the form's own words first, then the shared schema's — except at a field the form
 * already worded, where the schema's says the same less well (“金额必须是数字” for an amount left empty). With the
 * form's name, the schema's plain “请填写说明” names the field as the form labels it (“请填写先行救助的理由”): many
 * fields share one record name (every free text is a 说明), the form tells them apart.
 */
function problemsByField(
  schema: z.ZodType,
  values: unknown,
  extra: readonly FieldProblems[],
  formName?: string,
): { result: ReturnType<z.ZodType['safeParse']>; byField: Map<string, FieldProblems> } {
  const result = schema.safeParse(values)
  const byField = new Map<string, FieldProblems>()
  for (const e of extra) if (e.errors.length) byField.set(e.name.join('.'), { name: e.name, errors: [...e.errors] })
  const worded = new Set(byField.keys())
  if (!result.success) {
    for (const { path: name, message: said } of zodFieldProblems(result.error)) {
      const key = name.join('.')
      if (worded.has(key)) continue
      const shown = formName && PLAIN_REQUIRED.test(said) ? shownLabel(formName, name) : undefined
      const message = shown ? `请填写${shown}` : said
      const entry = byField.get(key) ?? { name, errors: [] }
      if (!entry.errors.includes(message)) entry.errors.push(message)
      byField.set(key, entry)
    }
  }
  return { result, byField }
}

/**
 * Validates form values with a shared zod schema and puts every problem next to its field (in Chinese, as the
 * schema words it, or as the form worded it in `extra`). The user's input stays as typed. Returns the parsed value,
 * or undefined when invalid.
 */
export function validateWithSchema<S extends z.ZodType>(
  form: FormInstance,
  schema: S,
  values: unknown,
  extra: readonly FieldProblems[] = [],
  formName?: string,
): z.output<S> | undefined {
  const { result, byField } = problemsByField(schema, values, extra, formName)
  const touched = form.getFieldsError().map((f) => f.name)
  form.setFields(touched.map((name) => ({ name, errors: [] })))
  form.setFields([...byField.values()])
  return result.success && byField.size === 0 ? (result.data as z.output<S>) : undefined
}

/**
 * The label a form shows for the field at `path` (antd gives the control the id `<form name>_<path joined by _>`
 * and its label `for` that id), without a trailing note in brackets (“已获赔偿金额（元）” → “已获赔偿金额”).
 * Undefined when the form shows no label of its own there (a row of a checklist).
 */
export function shownLabel(formName: string, path: readonly (string | number)[]): string | undefined {
  if (typeof document === 'undefined' || path.length === 0) return undefined
  const label = document.querySelector<HTMLLabelElement>(`label[for="${CSS.escape([formName, ...path].join('_'))}"]`)
  const text = (label?.getAttribute('title') || label?.textContent || '').trim()
  return text.replace(/（[^（）]*）$/, '') || undefined
}

/**
 * The problems as one line for the alert above a form, so a problem that belongs to no single field (a row of a
 * checklist, a rule across fields) is never silent. Each field is named as the form `formName` labels it (the one
 * mapping from a field to the words the user sees), else by the glossary; a message that already names it stands
 * alone.
 */
export function problemSummary(
  schema: z.ZodType,
  values: unknown,
  extra: readonly FieldProblems[] = [],
  formName?: string,
): string {
  const { byField } = problemsByField(schema, values, extra, formName)
  const lines = [...byField.values()].flatMap(({ name, errors }) => {
    const label = (formName && shownLabel(formName, name)) || fieldPathText(name)
    return errors.map((m) => (!label || m.includes(label) ? m : `${label}：${m}`))
  })
  const unique = [...new Set(lines)]
  return `请修改后再提交：${unique.slice(0, 4).join('；')}${unique.length > 4 ? ' 等' : ''}`
}
