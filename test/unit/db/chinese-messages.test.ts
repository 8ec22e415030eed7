/// <reference types="vite/client" />
import 'fake-indexeddb/auto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { z } from 'zod'
import * as dbSurface from '../../../renderer/src/db'
import { actOnCase, execute } from '../../../renderer/src/db'
import type { Actor } from '../../../renderer/src/db/commands/context'
import type { CommandSpec } from '../../../renderer/src/db/commands/execute'
import type { JiuzhuDb } from '../../../renderer/src/db/database'
import { amountComputationRecord } from '../../../shared/domain/amount'
import { roles } from '../../../shared/domain/roles'
import { actionTypes, workflowActionSchema } from '../../../shared/domain/workflow'
import { describeZodError } from '../../../shared/errors/zodProblems'
import { contract } from '../../../shared/ipc/contract'
import { dispatch, type Services } from '../../../shared/ipc/dispatch'
import { on, UNIT, uid, validId } from './caseSteps'
import { freshDb } from './fixtures'

/*
 * No English reaches the user from input validation. Every command spec of the renderer's command layer (every
 * module under renderer/src/db/commands, which includes everything renderer/src/db/index.ts exports) and every
 * workflow action through `case.act` is given bad input — a missing required field, a wrong type, an unknown key —
 * through `execute` on a fake-indexeddb database; every IPC channel of shared/ipc/contract.ts likewise through
 * `dispatch`. Each refusal must be Chinese and contain no Latin word of three letters or more.
 *
 * Allowed tokens: the names of file formats, which the Chinese UI itself uses for what the user picks or gets
 * (导出 Excel, 生成 PDF 文书, 扫描件“支持 PDF、JPEG、PNG、TIFF”) and which have no other everyday Chinese name.
 */
const ALLOWED_TOKENS = ['Excel', 'PDF', 'JPEG', 'PNG', 'TIFF']

function englishWords(message: string): string[] {
  let rest = message
  for (const t of ALLOWED_TOKENS) rest = rest.split(t).join(' ')
  return rest.match(/[A-Za-z]{3,}/g) ?? []
}

function expectChinese(message: string, context: string): void {
  expect(message, context).toMatch(/[\u4e00-\u9fff]/)
  expect.soft(englishWords(message), `${context}: ${message}`).toEqual([])
}

// ── building inputs from the schemas ────────────────────────────────────────────────────────────────────────────

type Def = { type: string; [k: string]: unknown }
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def
const DAY = '2026-03-04'
const UNKNOWN_KEY = 'zzUnknownKey'

/** Leaf values tried in turn; the first the leaf schema accepts is the sample. */
const STRINGS = [
  DAY,
  uid(1),
  UNIT,
  validId('11010519800101002'),
  '某某',
  '朝检控救〔2026〕1号',
  '2021-7-1',
  `${DAY}T02:00:00.000Z`,
  '0'.repeat(64),
  'AAAA',
  'x'.repeat(120),
]
const NUMBERS = [1, 100, 2025, 0, 3_000_000]

/** A value the schema accepts, as far as a walk over its structure finds one; undefined for an optional part. */
function sampleOf(schema: unknown, depth = 0): unknown {
  if (depth > 12) return undefined
  const s = schema as z.ZodType
  const d = defOf(schema)
  const inner = (key: string) => sampleOf(d[key], depth + 1)
  switch (d.type) {
    case 'optional':
    case 'default':
    case 'prefault':
      return undefined
    case 'nullable':
      return inner('innerType') ?? null
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner('innerType')
    case 'pipe':
      return inner('in')
    case 'lazy':
      return sampleOf((d.getter as () => unknown)(), depth + 1)
    case 'string':
      return STRINGS.find((c) => s.safeParse(c).success) ?? 'x'
    case 'number':
      return NUMBERS.find((n) => s.safeParse(n).success) ?? 1
    case 'boolean':
      return true
    case 'literal':
      return (d.values as unknown[])[0]
    case 'enum':
      return Object.values(d.entries as Record<string, unknown>)[0]
    case 'array': {
      if (s.safeParse([]).success) return []
      return [inner('element')]
    }
    case 'object': {
      const out: Record<string, unknown> = {}
      for (const [k, v] of Object.entries(d.shape as Record<string, unknown>)) {
        const value = sampleOf(v, depth + 1)
        if (value !== undefined) out[k] = value
      }
      return out
    }
    case 'union': {
      for (const option of d.options as z.ZodType[]) {
        const value = sampleOf(option, depth + 1)
        if (option.safeParse(value).success) return value
      }
      return sampleOf((d.options as unknown[])[0], depth + 1)
    }
    case 'record':
      return {}
    case 'unknown':
    case 'any':
      return 1
    default:
      return undefined
  }
}

/** The object shape behind a schema (through optional, pipe and refinements), if it is an object. */
function shapeOf(schema: unknown): Record<string, z.ZodType> | undefined {
  const d = defOf(schema)
  if (d.type === 'object') return d.shape as Record<string, z.ZodType>
  if (['optional', 'nullable', 'readonly', 'default', 'prefault', 'nonoptional', 'catch'].includes(d.type))
    return shapeOf(d.innerType)
  if (d.type === 'pipe') return shapeOf(d.in)
  return undefined
}

function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success
}

/** A value of another type than the schema accepts (skipped when it accepts anything). */
function wrongValueFor(schema: z.ZodType): { value: unknown } | undefined {
  for (const value of [12345, 'abc', true, [], { a: 1 }, null]) if (!schema.safeParse(value).success) return { value }
  return undefined
}

/** A value of the same type as the sample that the schema refuses (a malformed date, an empty name, a negative amount). */
function badValueFor(schema: z.ZodType, sample: unknown): { value: unknown } | undefined {
  const candidates = ['abc', '', '2026-02-30', 'x'.repeat(5000), -1, 1.5, 10 ** 20]
  for (const value of candidates) {
    if (typeof value === typeof sample && !schema.safeParse(value).success) return { value }
  }
  return undefined
}

interface BadInput {
  what: string
  input: unknown
  unknownKey?: boolean
}

/** Bad inputs around a valid (or best-effort) object: each required field missing, each field of a wrong type, an unknown key. */
function badObjects(schema: z.ZodType, base: Record<string, unknown>, label: string): BadInput[] {
  const shape = shapeOf(schema)
  const out: BadInput[] = [
    { what: `${label} 整体不是对象`, input: 'abc' },
    { what: `${label} 空对象`, input: {} },
  ]
  if (!shape) return out
  for (const [k, field] of Object.entries(shape)) {
    if (!isOptional(field)) {
      const { [k]: _dropped, ...rest } = base
      out.push({ what: `${label} 缺少 ${k}`, input: rest })
    }
    const wrong = wrongValueFor(field)
    if (wrong) out.push({ what: `${label} ${k} 类型不对`, input: { ...base, [k]: wrong.value } })
    const bad = badValueFor(field, base[k])
    if (bad) out.push({ what: `${label} ${k} 取值不对`, input: { ...base, [k]: bad.value } })
    const nested = shapeOf(field)
    if (nested && base[k] && typeof base[k] === 'object' && !Array.isArray(base[k]) && defOf(field).type !== 'record') {
      const value = { ...(base[k] as object), [UNKNOWN_KEY]: 1 }
      const candidate = { ...base, [k]: value }
      if (!schema.safeParse(candidate).success) out.push({ what: `${label} ${k} 中多出字段`, input: candidate })
    }
  }
  out.push({ what: `${label} 多出字段`, input: { ...base, [UNKNOWN_KEY]: 1 }, unknownKey: true })
  return out
}

function validBase(schema: z.ZodType): { base: Record<string, unknown>; valid: boolean } {
  const sample = sampleOf(schema)
  const base = sample && typeof sample === 'object' && !Array.isArray(sample) ? (sample as Record<string, unknown>) : {}
  return { base, valid: schema.safeParse(base).success }
}

// ── the command specs ───────────────────────────────────────────────────────────────────────────────────────────

const commandModules = import.meta.glob('../../../renderer/src/db/commands/*.ts', { eager: true })

function isSpec(v: unknown): v is CommandSpec<unknown, unknown> {
  const s = v as Partial<CommandSpec<unknown, unknown>> | null
  return !!s && typeof s === 'object' && typeof s.name === 'string' && typeof s.run === 'function' && !!s.input
}

const specs = new Map<CommandSpec<unknown, unknown>, string>()
for (const [file, mod] of Object.entries(commandModules)) {
  for (const [name, value] of Object.entries(mod as Record<string, unknown>)) {
    if (isSpec(value) && !specs.has(value)) specs.set(value, `${file.split('/').pop()}:${name}`)
  }
}

/** Valid payloads the structural walk cannot build (an amount computation record, dates in order). */
const actionOverrides: Record<string, Record<string, unknown>> = {
  propose: {
    decision: 'grant',
    amount: amountComputationRecord({
      ruleSetId: '2021-xize',
      wageYear: 2025,
      wageRegionCode: '110000',
      monthlyWageFen: 800_000,
      proposedFen: 3_000_000,
      factorsText: '重伤，家庭无其他收入',
    }),
    categoryItemCode: '2021-7-1',
    text: '建议救助3万元',
  },
}

/** Valid inputs of the commands a user fills in most, where the walk cannot build one (refined fields). */
const HASH = `scrypt$15$8$1$${'A'.repeat(24)}$${'B'.repeat(44)}`
const specBases: Record<string, Record<string, unknown>> = {
  'case.open': {
    source: 'application',
    applicant: { name: '李四', idType: 'resident-id', idNumber: validId('11010519800101002'), priorityFlags: [] },
    relation: 'self',
    clueDate: DAY,
  },
  'user.create': { username: 'zhangsan', profile: { displayName: '张三', roles: ['finance'] }, passwordHash: HASH },
  'user.update': { id: uid(2), profile: { displayName: '张三', roles: ['finance'] } },
  'case.attach': {
    caseId: uid(100),
    name: '申请书.pdf',
    mime: 'application/pdf',
    sha256: '0'.repeat(64),
    blob: new Blob([new Uint8Array([1, 2, 3])]),
  },
}

const allRoles: Actor = { userId: uid(1), unitCode: UNIT, roles: [...roles] }

describe('no English reaches the user from input validation', () => {
  let db: JiuzhuDb
  beforeAll(async () => {
    db = freshDb()
    await db.open()
  })
  afterAll(() => db.close())

  async function refusalOf(spec: CommandSpec<unknown, unknown>, input: unknown): Promise<string> {
    const res = await execute(db, spec, allRoles, input, on(DAY))
    if (res.ok) throw new Error('unexpectedly accepted')
    expect(res.error.code).toBe('command.invalid-input')
    return res.error.message
  }

  it('finds the command specs, including every one renderer/src/db/index.ts exports', () => {
    const exported = Object.values(dbSurface as Record<string, unknown>).filter(isSpec)
    expect(exported.length).toBeGreaterThan(20)
    for (const s of exported) expect(specs.has(s), s.name).toBe(true)
    expect(specs.size).toBeGreaterThan(exported.length)
  })

  it('every command spec: bad input gives a Chinese message without English words', async () => {
    const unbuilt: string[] = []
    /** The messages for an input with an unknown key added to a valid base: each must name the key as not allowed. */
    const unknownKey: [string, string][] = []
    let checked = 0
    for (const [spec, where] of specs) {
      const schema = spec.input as z.ZodType
      const options = defOf(schema).type === 'union' ? (defOf(schema).options as z.ZodType[]) : [schema]
      for (const [i, option] of options.entries()) {
        const given = specBases[spec.name]
        const { base, valid } = given ? { base: given, valid: option.safeParse(given).success } : validBase(option)
        expect(valid || !given, `${where}: the valid input given here`).toBe(true)
        if (!valid) unbuilt.push(`${where}${options.length > 1 ? `#${i}` : ''}`)
        const inputs = [{ what: `${where} 未填写`, input: undefined }, ...badObjects(option, base, where)]
        for (const bad of inputs) {
          if (schema.safeParse(bad.input).success) continue // e.g. an object that strips unknown keys: nothing to refuse
          const message = await refusalOf(spec, bad.input)
          expectChinese(message, bad.what)
          expect(message, bad.what).not.toContain(UNKNOWN_KEY)
          if (bad.unknownKey && valid) unknownKey.push([bad.what, message])
          checked++
        }
      }
    }
    expect(checked).toBeGreaterThan(300)
    expect(unknownKey.length).toBeGreaterThan(specs.size / 2)
    expect(unknownKey.filter(([, message]) => !message.includes('含有不允许的字段'))).toEqual([])
    // Inputs the walk could not make valid are still checked, from an empty object; list them so none goes unnoticed.
    expect(unbuilt.length, unbuilt.join(', ')).toBeLessThan(specs.size / 2)
  })

  it('case.act: every workflow action type, each required field missing, each field of a wrong type, an unknown key', async () => {
    const options = defOf(workflowActionSchema).options as z.ZodType[]
    const byType = new Map(options.map((o) => [(defOf(shapeOf(o)!.type).values as string[])[0], o]))
    expect([...byType.keys()].sort()).toEqual([...actionTypes].sort())
    const caseId = uid(100)
    for (const type of actionTypes) {
      const schema = byType.get(type)!
      const action = actionOverrides[type] ? { type, ...actionOverrides[type] } : (sampleOf(schema) as object)
      expect(schema.safeParse(action).success, `a valid ${type} payload`).toBe(true)
      const bad = badObjects(schema, action as Record<string, unknown>, type).filter(
        (b) => !b.what.endsWith(' 缺少 type'),
      )
      const messages = new Map<(typeof bad)[number], string>()
      for (const b of bad) {
        const message = await refusalOf(actOnCase as never, { caseId, action: b.input })
        expectChinese(message, b.what)
        expect(message, b.what).not.toContain(UNKNOWN_KEY)
        messages.set(b, message)
      }
      const withUnknownKey = bad.filter((b) => b.unknownKey)
      expect(withUnknownKey.length, type).toBeGreaterThan(0)
      for (const b of withUnknownKey) {
        expect(messages.get(b), b.what).toMatch(/^填写的内容有误：办理事项：含有不允许的字段。/)
      }
      const outer = await refusalOf(actOnCase as never, { caseId, action, [UNKNOWN_KEY]: 1 })
      expect(outer).toBe('填写的内容有误：含有不允许的字段。请修改后重试，数据未改动。')
    }
  })

  it('a pay action with an extra key names no English key, and a wrong amount names its field in Chinese', async () => {
    const pay = {
      type: 'pay',
      method: 'transfer',
      payeeName: '李四',
      account: { bank: '中国农业银行', accountName: '李四', accountNo: '6228480012345678' },
      paidDate: DAY,
    }
    expect(await refusalOf(actOnCase as never, { caseId: uid(100), action: { ...pay, memo: 'x' } })).toBe(
      '填写的内容有误：办理事项：含有不允许的字段。请修改后重试，数据未改动。',
    )
    expect(
      await refusalOf(actOnCase as never, {
        caseId: uid(100),
        action: { ...pay, account: { ...pay.account, amount: 1 } },
      }),
    ).toBe('填写的内容有误：办理事项·收款账户：含有不允许的字段（“救助金额”）。请修改后重试，数据未改动。')
    const propose = { type: 'propose', ...actionOverrides.propose } as unknown as { amount: Record<string, unknown> }
    const message = await refusalOf(actOnCase as never, {
      caseId: uid(100),
      action: { ...propose, amount: { ...propose.amount, proposedFen: '三万' } },
    })
    expect(message).toContain('办理事项·救助金额·拟救助金额：')
    expect(message).not.toMatch(/proposedFen|action|amount/)
    const method = await refusalOf(actOnCase as never, { caseId: uid(100), action: { ...pay, method: 'cash' } })
    expect(method).toContain('办理事项·方式：应为以下之一：“银行转账”、“当面发放（签收）”')
  })
})

describe('IPC contract: dispatch refuses malformed arguments in Chinese', () => {
  const never = new Proxy({} as Services, {
    get: () => () => Promise.reject(new Error('a service ran on invalid arguments')),
  })

  it('every channel: a missing field, a wrong type, an unknown key', async () => {
    let checked = 0
    for (const [channel, spec] of Object.entries(contract)) {
      const schema = spec.args as z.ZodType
      const { base } = validBase(schema)
      for (const bad of [{ what: `${channel} 未填写`, input: undefined }, ...badObjects(schema, base, channel)]) {
        if (schema.safeParse(bad.input).success) continue
        const res = await dispatch(never, channel, bad.input)
        expect(res.ok, bad.what).toBe(false)
        if (res.ok) continue
        expect(res.error.code, bad.what).toBe('ipc.invalid-args')
        expectChinese(res.error.message, bad.what)
        expect(res.error.message).not.toContain(channel)
        expect(res.error.message).not.toContain(UNKNOWN_KEY)
        checked++
      }
    }
    expect(checked).toBeGreaterThan(50)
  })

  it('the message names the call in Chinese and the field through the glossary', async () => {
    const res = await dispatch(never, 'backup:read', { fileName: '备份.jzbak', password: '', extra: 1 })
    expect(res).toMatchObject({
      ok: false,
      error: {
        code: 'ipc.invalid-args',
        message: '调用“读取备份”的参数不正确：密码：不能为空；含有不允许的字段。操作未执行，数据未改动。',
      },
    })
  })
})

describe('describeZodError: one formatter for every place that reports a ZodError', () => {
  it('array indices as 第N项, unknown keys as 某一字段, and never the raw key', () => {
    const issues = [
      { code: 'custom', path: ['materials', 1, 'receivedDate'], message: '日期不正确' },
      { code: 'custom', path: ['someInternalKey', 'anotherOne'], message: '不符合要求' },
      { code: 'unrecognized_keys', path: [], keys: ['secretKey', 'amount'], message: 'Unrecognized keys' },
      { code: 'invalid_type', path: ['payeeName'], expected: 'string', message: 'Invalid input: expected string' },
    ] as never
    expect(describeZodError({ issues })).toBe(
      '申请材料·第2项·收到日期：日期不正确；某一字段：不符合要求；含有不允许的字段（“救助金额”）；领款人：未填写或不是文字',
    )
  })
})
