import { parseYuan } from '@shared/domain/money'
import { exclusionCodes, materialItems } from '@shared/domain/schemas'
import type { Field } from './fieldSpecs'

type Values = Record<string, unknown>
export interface FieldError {
  name: (string | number)[]
  errors: string[]
}

function getIn(values: Values, path: readonly (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Values)[k] : undefined), values)
}

function setIn(values: Values, path: readonly (string | number)[], value: unknown): void {
  let cur = values
  path.slice(0, -1).forEach((k) => {
    if (!cur[k] || typeof cur[k] !== 'object') cur[k] = {}
    cur = cur[k] as Values
  })
  cur[path[path.length - 1]] = value
}

/** Drops empty text and objects left empty, so optional groups (银行账户, 移送) vanish when not filled in. */
export function pruneEmpty(value: unknown): unknown {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  if (Array.isArray(value)) return value.map(pruneEmpty).filter((v) => v !== undefined)
  if (value && typeof value === 'object') {
    const out: Values = {}
    for (const [k, v] of Object.entries(value)) {
      const p = pruneEmpty(v)
      if (p !== undefined) out[k] = p
    }
    return Object.keys(out).length ? out : undefined
  }
  return value ?? undefined
}

/**
 * What to do about an amount the form needs but was left empty, named by its label without the unit
 * (“已获赔偿金额（元）” → “请填写已获赔偿金额，没有的填 0”).
 */
export function emptyAmountMessage(f: { label: string; zeroIfNone?: boolean }): string {
  const name = f.label.replace(/（元[^）]*）$/, '')
  return `请填写${name}${f.zeroIfNone ? '，没有的填 0' : ''}`
}

/** Yuan text → 分, with the money module's Chinese reason on the field when it does not parse. */
function toFen(text: unknown, name: (string | number)[], errors: FieldError[]): number | undefined {
  if (text === undefined || text === null || String(text).trim() === '') return undefined
  const r = parseYuan(String(text))
  if (r.ok) return r.fen
  errors.push({ name, errors: [r.reason] })
  return undefined
}

/**
 * Turns what the user entered on an action form into the action's payload: yuan → 分, the materials checklist and
 * the exclusion review into their record lists (a ticked item without a date was received today), empty entries dropped. Errors that belong to one field (an amount
 * that does not parse, a field this form requires) come back with the field's name; the payload is then validated by
 * the shared schema.
 */
export function toPayload(
  fields: readonly Field[],
  values: Values,
  today: string,
): { payload: Values; errors: FieldError[] } {
  const errors: FieldError[] = []
  const payload: Values = {}
  for (const f of fields) {
    const raw = getIn(values, f.name)
    if ('required' in f && f.required && pruneEmpty(raw) === undefined)
      errors.push({ name: f.name, errors: [f.required] })
    switch (f.kind) {
      case 'yuan':
        if (!f.optional && !f.required && pruneEmpty(raw) === undefined)
          errors.push({ name: f.name, errors: [emptyAmountMessage(f)] })
        setIn(payload, f.name, toFen(raw, f.name, errors))
        break
      case 'checkbox':
        setIn(payload, f.name, raw === true)
        break
      case 'materials': {
        const m = (raw ?? {}) as Record<
          string,
          { received?: boolean; receivedDate?: string; obtainedByOffice?: boolean }
        >
        setIn(
          payload,
          f.name,
          materialItems
            .filter((item) => m[item]?.received)
            .map((item) => ({
              item,
              received: true,
              receivedDate: m[item]?.receivedDate || today,
              ...(m[item]?.obtainedByOffice ? { obtainedByOffice: true } : {}),
            })),
        )
        break
      }
      case 'exclusions': {
        const x = (raw ?? {}) as Record<string, { hit?: boolean; evidence?: string }>
        setIn(
          payload,
          f.name,
          exclusionCodes.map((code) => ({ code, hit: x[code]?.hit === true, evidence: x[code]?.evidence })),
        )
        break
      }
      case 'splits': {
        const list = (raw ?? []) as { source?: string; amount?: string }[]
        setIn(
          payload,
          f.name,
          list.map((s, i) => ({ source: s?.source, amountFen: toFen(s?.amount, [...f.name, i, 'amount'], errors) })),
        )
        break
      }
      default:
        setIn(payload, f.name, raw)
    }
  }
  const pruned = (pruneEmpty(payload) ?? {}) as Values
  // Lists the schema requires stay present even when empty, so the message says what is missing.
  for (const f of fields) {
    if (
      (f.kind === 'multiselect' || f.kind === 'splits' || f.kind === 'verifications') &&
      getIn(pruned, f.name) === undefined
    ) {
      setIn(pruned, f.name, [])
    }
  }
  return { payload: pruned, errors }
}
