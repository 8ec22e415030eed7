import {
  type CaseCorrectableField,
  type ClueCorrectableField,
  type CorrectionKind,
  caseCorrectableFields,
  caseCorrectionDateProblem,
  caseCorrectionLock,
  clueCorrectableFields,
  clueCorrectionDateProblem,
  clueCorrectionLock,
} from '@shared/domain/corrections'
import type { DateProblem } from '@shared/domain/dateRules'
import { isValidDate } from '@shared/domain/dates'
import {
  type Case,
  type Clue,
  type Correction,
  caseSchema,
  clueSchema,
  personInputSchema,
  personSchema,
  recordIdSchema,
  textSchema,
} from '@shared/domain/schemas'
import { cleanNameInput, cleanNumberInput } from '@shared/domain/textInput'
import { CodedError } from '@shared/errors/coded'
import { describeZodError } from '@shared/errors/zodProblems'
import { z } from 'zod'
import type { StoredRecord } from '../database'
import type { CommandContext } from './context'
import type { CommandSpec } from './execute'

type Row = Record<string, unknown>

function getIn(row: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Row)[k] : undefined), row)
}

/** A copy of `row` with `value` at `path` (objects on the way created when absent). */
function setIn<T extends Row>(row: T, path: readonly string[], value: unknown): T {
  const [head, ...rest] = path
  if (rest.length === 0) return { ...row, [head]: value }
  return { ...row, [head]: setIn(((row as Row)[head] ?? {}) as Row, rest, value) }
}

/** The value as it will be stored: names and numbers cleaned as the forms clean them, text trimmed. */
function cleaned(kind: CorrectionKind, value: string): string {
  if (kind === 'name') return cleanNameInput(value).trim()
  if (kind === 'number') return cleanNumberInput(value)
  return value.trim()
}

function invalid(label: string, detail: string): never {
  throw new CodedError('correction.invalid-value', { label, detail })
}

function refuseDate(problem: DateProblem | undefined): void {
  if (problem) throw new CodedError('workflow.date-invalid', problem)
}

/** Refuses a value that is empty, not a date where a date is corrected, or what the field already holds. */
function checkedValue(kind: CorrectionKind, label: string, raw: string, before: unknown): string {
  const value = cleaned(kind, raw)
  if (value === '') invalid(label, '请填写更正后的内容')
  if (kind === 'date' && !isValidDate(value)) invalid(label, '请按“年-月-日”填写一个真实的日期')
  if (before === value) throw new CodedError('correction.unchanged', { label })
  return value
}

function entry(ctx: CommandContext, field: string, before: unknown, after: string, reason: string): Correction {
  return {
    at: ctx.now.instant,
    by: ctx.actor.userId,
    field,
    before: before === undefined || before === null ? null : String(before),
    after,
    reason,
  }
}

function schemaChecked<T>(schema: z.ZodType<T>, row: unknown): T {
  const r = schema.safeParse(row)
  if (!r.success) throw new CodedError('command.invalid-input', { detail: describeZodError(r.error, 3) })
  return r.data
}

const reasonSchema = textSchema(500, '更正理由')
const keysOf = <T extends object>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]]

export const correctClueInput = z
  .object({
    clueId: recordIdSchema,
    field: z.enum(keysOf(clueCorrectableFields)),
    value: z.string().max(2000),
    reason: reasonSchema,
    expectedRev: z.number().int().positive().optional(),
  })
  .strict()

/**
 * 更正线索: one typed field of a clue not yet converted or closed, with the reason; the old value stays in the clue's
 * `corrections` and in the audit log. A corrected date follows the one date rule (移送 ≤ 告知 ≤ today).
 */
export const correctClue: CommandSpec<z.infer<typeof correctClueInput>, StoredRecord> = {
  name: 'clue.correct',
  input: correctClueInput,
  tables: ['clues'],
  async run(ctx, { clueId, field, value: raw, reason, expectedRev }) {
    const clue = await ctx.get<Clue>('clues', clueId)
    if (!clue) throw new CodedError('command.not-found', { table: 'clues', id: clueId })
    if (expectedRev !== undefined && clue.rev !== expectedRev) throw new CodedError('command.stale', {})
    const { label, kind } = clueCorrectableFields[field as ClueCorrectableField]
    const why = clueCorrectionLock(clue)
    if (why) throw new CodedError('correction.locked', { label, why })
    const path = field.split('.')
    if (field === 'informing.date' && !clue.informing) throw new CodedError('correction.not-applicable', { label })
    const before = getIn(clue, path)
    const value = checkedValue(kind, label, raw, before)
    if (kind === 'date') refuseDate(clueCorrectionDateProblem(clue, field, value, ctx.now.date))
    const row = await ctx.update<StoredRecord>('clues', clueId, (c) => ({
      ...setIn(c, path, value),
      corrections: [...((c.corrections as Correction[] | undefined) ?? []), entry(ctx, field, before, value, reason)],
    }))
    schemaChecked(clueSchema, row)
    return row
  },
}

export const correctCaseInput = z
  .object({
    caseId: recordIdSchema,
    field: z.enum(keysOf(caseCorrectableFields)),
    value: z.string().max(2000),
    reason: reasonSchema,
    expectedRev: z.number().int().positive().optional(),
  })
  .strict()

/** The stored fields of a person without the record stamps, as `personInputSchema` takes them. */
function personFields(p: Row): Row {
  const { id, ownerUnit, rev, createdAt, updatedAt, createdBy, updatedBy, voided, supersedes, ...fields } = p
  return fields
}

/**
 * A party's field: the person record changes (one person, one record — every case of the person shows it). A new
 * ID number is validated for its document type, must not be another person's, and is refused while the person is a
 * party to another case; the birth date and sex follow it as on 受理登记.
 */
async function correctPerson(
  ctx: CommandContext,
  record: Case,
  field: CaseCorrectableField,
  raw: string,
): Promise<{ before: unknown; value: string; personIdNumbers?: string[] }> {
  const { label, kind } = caseCorrectableFields[field]
  const [role, ...path] = field.split('.')
  if (role === 'victim' && record.victimId === record.applicantId) {
    throw new CodedError('correction.not-applicable', { label: `${label}（被害人即申请人本人，请更正申请人的信息）` })
  }
  const personId = role === 'applicant' ? record.applicantId : record.victimId
  const person = personId ? await ctx.get<Row>('persons', personId) : undefined
  if (!personId || !person) throw new CodedError('correction.not-applicable', { label })
  if (path.length === 2 && !person[path[0]]) throw new CodedError('correction.not-applicable', { label })
  const before = getIn(person, path)
  const value = checkedValue(kind, label, raw, before)
  if (kind === 'date') refuseDate(caseCorrectionDateProblem(record, field, value, ctx.now.date))
  let next = setIn(personFields(person), path, value)
  if (path[0] === 'idNumber' || path[0] === 'birthDate') {
    const parsed = personInputSchema.safeParse(next)
    if (!parsed.success) invalid(label, describeZodError(parsed.error, 1))
    if (path[0] === 'birthDate' && parsed.data.birthDate !== value) {
      invalid(label, `证件号码载明的出生日期为 ${parsed.data.birthDate}，请更正证件号码`)
    }
    next = parsed.data as Row
  }
  let personIdNumbers: string[] | undefined
  if (path[0] === 'idNumber') {
    const oldNumber = String(before)
    const newNumber = String(next.idNumber)
    const holders = await ctx.read.persons.where('idNumber').equals(newNumber).toArray()
    if (holders.some((p) => p.id !== personId && p.ownerUnit === ctx.actor.unitCode && !p.voided)) {
      throw new CodedError('correction.person-exists', { label, idNumber: newNumber })
    }
    const cases = await ctx.read.cases.where('personIdNumbers').equals(oldNumber).toArray()
    const others = cases.filter((c) => c.id !== record.id && c.ownerUnit === ctx.actor.unitCode)
    if (others.length > 0) {
      throw new CodedError('correction.person-shared', {
        label,
        cases: others.map((c) => String(c.caseNo ?? '未编号案件')).join('、'),
      })
    }
    personIdNumbers = record.personIdNumbers.map((n) => (n === oldNumber ? newNumber : n))
  }
  const row = await ctx.update<Row>('persons', personId, (p) => ({ ...p, ...next }))
  schemaChecked(personSchema, row)
  return { before, value: String(getIn(row, path)), personIdNumbers }
}

/**
 * 更正案件: one typed field of a case — a party's name, ID number, birth date, phone or address, the underlying case,
 * the 移送部门 or a step's date — with the reason. Refused while a decision rests on the field
 * (`caseCorrectionLock`), and a corrected date follows the one date rule with the steps around it. The case keeps
 * every correction with the old value; the audit log shows old → new.
 */
export const correctCase: CommandSpec<z.infer<typeof correctCaseInput>, Case> = {
  name: 'case.correct',
  input: correctCaseInput,
  tables: ['cases', 'persons'],
  async run(ctx, { caseId, field, value: raw, reason, expectedRev }) {
    const record = await ctx.get<Case>('cases', caseId)
    if (!record) throw new CodedError('command.not-found', { table: 'cases', id: caseId })
    if (record.ownerUnit !== ctx.actor.unitCode) {
      throw new CodedError('command.replica-read-only', { owner: record.ownerUnit })
    }
    if (expectedRev !== undefined && record.rev !== expectedRev) throw new CodedError('command.stale', {})
    const { label, kind } = caseCorrectableFields[field]
    const why = caseCorrectionLock(record, field)
    if (why) throw new CodedError('correction.locked', { label, why })
    let change: { before: unknown; value: string; personIdNumbers?: string[] }
    let update: (c: Row) => Row
    if (field.startsWith('applicant.') || field.startsWith('victim.')) {
      change = await correctPerson(ctx, record, field, raw)
      const numbers = change.personIdNumbers
      update = (c) => (numbers ? { ...c, personIdNumbers: numbers } : c)
    } else {
      const path = field.split('.')
      const before = getIn(record, path)
      const value = checkedValue(kind, label, raw, before)
      if (kind === 'date') refuseDate(caseCorrectionDateProblem(record, field, value, ctx.now.date))
      change = { before, value }
      update = (c) => setIn(c, path, value)
    }
    const row = await ctx.update<Row>('cases', caseId, (c) => ({
      ...update(c),
      corrections: [
        ...((c.corrections as Correction[] | undefined) ?? []),
        entry(ctx, field, change.before, change.value, reason),
      ],
    }))
    return schemaChecked(caseSchema, row)
  },
}
