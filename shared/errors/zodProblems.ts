import { z } from 'zod'
import * as codeLabels from '../domain/schemas/labels'
import * as moneyLabels from '../domain/schemas/moneyLabels'
import * as partyLabels from '../domain/schemas/partyLabels'
import { fieldLabel } from './fieldLabels'

/*
 * The one place where a failed zod validation becomes Chinese text for the user. Every process that validates
 * (renderer, main-process services, the browser-mode bridge, the CLI, the tests) imports this module, which installs
 * `chineseIssueMessage` as zod's message function; every place that reports a ZodError to the user calls
 * `describeZodError`. No English reaches the user: field keys are shown through the glossary (fieldLabels.ts) or
 * as “某一字段”, array indices as “第N项”, and zod's own wording is replaced by ours. zod's bundled zh-CN locale is
 * not used because it still prints type names, regular expressions and raw keys (“期望 string”, “未知的键(key)”).
 */

type RawIssue = z.core.$ZodRawIssue
type Issue = z.core.$ZodIssue

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  int: '整数',
  bigint: '整数',
  boolean: '“是”或“否”',
  date: '日期',
  array: '列表',
  tuple: '列表',
  set: '列表',
  object: '一组信息',
  record: '一组信息',
  map: '一组信息',
  file: '文件',
  null: '空值',
}

const FORMAT_NAMES: Record<string, string> = {
  date: '日期（例如 2025-01-31）',
  datetime: '日期和时间',
  time: '时间',
  email: '电子邮件地址',
  url: '网址',
  base64: '编码后的文件内容',
  base64url: '编码后的文件内容',
}

/** The closed lists' Chinese labels (shared/domain/schemas), to name the allowed choices of an enum. */
const VALUE_TABLES: readonly Readonly<Record<string, string>>[] = [
  ...new Set([codeLabels, moneyLabels, partyLabels].flatMap((m) => Object.values(m))),
].filter(
  (t): t is Record<string, string> =>
    !!t && typeof t === 'object' && !Array.isArray(t) && Object.values(t).every((v) => typeof v === 'string'),
)

/**
 * The label table for an enum's values: the one whose codes are exactly these, else the one (only) that holds them
 * all; none when that is ambiguous (e.g. written/oral is both 告知方式 and 申请方式).
 */
function labelTableFor(values: readonly unknown[]): Readonly<Record<string, string>> | undefined {
  if (values.length === 0 || !values.every((v) => typeof v === 'string')) return undefined
  const holding = VALUE_TABLES.filter((t) => values.every((v) => Object.hasOwn(t, v as string)))
  const exact = holding.filter((t) => Object.keys(t).length === values.length)
  const pick = exact.length > 0 ? exact : holding
  return pick.length === 1 ? pick[0] : undefined
}

/** A value zod lists as allowed, shown only when it has no Latin letters (a code like 'grant' is not shown). */
function shownValue(v: unknown, labels?: Readonly<Record<string, string>>): string | undefined {
  if (typeof v === 'string' && labels && Object.hasOwn(labels, v)) return `“${labels[v]}”`
  if (typeof v === 'number' || typeof v === 'bigint') return `“${String(v)}”`
  if (typeof v === 'boolean') return v ? '“是”' : '“否”'
  if (typeof v === 'string' && v.length > 0 && !/[A-Za-z]/.test(v)) return `“${v}”`
  return undefined
}

function limitText(
  origin: string,
  bound: number | bigint,
  inclusive: boolean | undefined,
  exact: boolean | undefined,
  side: 'min' | 'max',
): string {
  const n = String(bound)
  switch (origin) {
    case 'string':
      if (exact) return `应为 ${n} 个字`
      if (side === 'min') return bound === 1 || bound === 1n ? '不能为空' : `至少 ${n} 个字`
      return `不能超过 ${n} 个字`
    case 'array':
    case 'set':
      if (exact) return `应为 ${n} 项`
      if (side === 'min') return bound === 1 || bound === 1n ? '至少要有一项' : `至少要有 ${n} 项`
      return `最多 ${n} 项`
    case 'file':
      return side === 'min' ? `文件不能小于 ${n} 字节` : `文件不能大于 ${n} 字节`
    case 'date':
      return side === 'min' ? '日期过早' : '日期过晚'
    default:
      if (exact) return `应等于 ${n}`
      if (side === 'min') return inclusive === false ? `应大于 ${n}` : `不能小于 ${n}`
      return inclusive === false ? `应小于 ${n}` : `不能大于 ${n}`
  }
}

/** The glossary names of unrecognised keys, only those the glossary knows (a raw key is never shown). */
function knownKeys(keys: readonly string[]): string {
  const named = [...new Set(keys.map((k) => fieldLabel(k)).filter((l): l is string => !!l))]
  return named.length > 0 ? `（${named.map((l) => `“${l}”`).join('、')}）` : ''
}

/**
 * zod's message for an issue, in Chinese (installed as zod's `localeError`). A schema's own message (all written in
 * Chinese) takes precedence over this. Without the input (a finalized issue) a missing value and a wrong type cannot
 * be told apart, and the wording covers both.
 */
export function chineseIssueMessage(issue: RawIssue | Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const name = TYPE_NAMES[issue.expected]
      if ('input' in issue && issue.input === undefined) {
        // “请填写证件号码” beside the field says what to do, as the forms' own messages do (“请填写姓名”)
        const key = [...(issue.path ?? [])].reverse().find((k): k is string => typeof k === 'string')
        const label = key ? fieldLabel(key) : undefined
        return label ? `请填写${label}` : '请填写此项'
      }
      if (!('input' in issue)) return name ? `未填写或不是${name}` : '未填写或类型不正确'
      return name ? `应为${name}` : '类型不正确'
    }
    case 'too_small':
      return limitText(issue.origin, issue.minimum, issue.inclusive, issue.exact, 'min')
    case 'too_big':
      return limitText(issue.origin, issue.maximum, issue.inclusive, issue.exact, 'max')
    case 'invalid_format': {
      const name = FORMAT_NAMES[issue.format]
      return name ? `应为${name}` : '格式不正确'
    }
    case 'not_multiple_of':
      return `应为 ${issue.divisor} 的整数倍`
    case 'unrecognized_keys':
      return `含有不允许的字段${knownKeys(issue.keys)}`
    case 'invalid_union':
      return issue.discriminator !== undefined ? '不是允许的种类' : '不符合任何一种允许的填写方式'
    case 'invalid_key':
      return '含有不允许的名称'
    case 'invalid_element':
      return '含有不正确的项'
    case 'invalid_value': {
      const labels = labelTableFor(issue.values)
      const shown = issue.values.map((v) => shownValue(v, labels))
      if (shown.length === 0 || shown.some((s) => s === undefined)) return '取值不在允许的范围内'
      return shown.length === 1 ? `应为${shown[0]}` : `应为以下之一：${shown.join('、')}`
    }
    default:
      return '内容不符合要求'
  }
}

/** Installs the Chinese messages as zod's message function (idempotent; done when this module is imported). */
export function installChineseZodMessages(): void {
  z.config({ localeError: chineseIssueMessage })
}
installChineseZodMessages()

/**
 * A field path in Chinese: glossary names joined by “·”, array indices as “第N项”, record keys that are numbers or
 * dates (a year) as they are, keys the glossary lacks as “某一字段” (one for a run of them). Empty for the input as a
 * whole.
 */
export function fieldPathText(path: readonly PropertyKey[]): string {
  const parts: string[] = []
  for (const seg of path) {
    const text =
      typeof seg === 'number'
        ? `第${seg + 1}项`
        : typeof seg === 'string' && /^[\d-]+$/.test(seg)
          ? seg // a key of a record that is a number or a date (a year, a day), shown as it is
          : (fieldLabel(String(seg)) ?? '某一字段')
    if (text === '某一字段' && parts.at(-1) === text) continue
    parts.push(text)
  }
  return parts.join('·')
}

/** zod's own wording from a locale other than ours: English (no Chinese at all), or its zh-CN locale's phrases. */
const FOREIGN_DEFAULT = /^[^\u4e00-\u9fff]*$|期望|实际接收|键\(key\)|无效输入|无效选项|数值过[大小]|无效字符串|无效数字/

/**
 * One issue's message: the schema's own (written in Chinese) or ours; zod's default wording from any other locale
 * (should one be installed after ours) is replaced, and an unknown key is always reported without the raw key.
 */
function issueText(issue: Issue): string {
  if (issue.code === 'unrecognized_keys') return chineseIssueMessage(issue)
  return issue.message && !FOREIGN_DEFAULT.test(issue.message) ? issue.message : chineseIssueMessage(issue)
}

/**
 * The issues to report, with full paths: a union none of whose forms fits is reported through the form that came
 * closest (fewest problems), so the user sees what to fix rather than “不符合任何一种允许的填写方式”.
 */
function flatten(issues: readonly Issue[], prefix: readonly PropertyKey[] = []): Issue[] {
  const out: Issue[] = []
  for (const issue of issues) {
    const path = [...prefix, ...issue.path]
    if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]!
      if (closest.length > 0) {
        out.push(...flatten(closest, path))
        continue
      }
    }
    out.push({ ...issue, path } as Issue)
  }
  return out
}

/** One issue as “字段：问题”, or the problem alone for the input as a whole. */
export function describeZodIssue(issue: Issue): string {
  const where = fieldPathText(issue.path)
  const text = issueText(issue)
  return where ? `${where}：${text}` : text
}

/**
 * A failed validation as one Chinese sentence for the user: the first `max` problems (default 5), each with its field,
 * duplicates dropped, joined by “；”.
 */
export function describeZodError(error: { readonly issues: readonly Issue[] }, max = 5): string {
  const lines = zodProblemLines(error)
  if (lines.length === 0) return '内容不符合要求'
  const shown = lines.slice(0, max)
  return lines.length > max ? `${shown.join('；')}；等 ${lines.length} 处` : shown.join('；')
}

/** Every problem of a failed validation as “字段：问题”, duplicates dropped (the lines describeZodError joins). */
export function zodProblemLines(error: { readonly issues: readonly Issue[] }): string[] {
  return [...new Set(flatten(error.issues).map(describeZodIssue))]
}

/**
 * Every problem of a failed validation at its field, for a form that shows each problem under its input: the path
 * into the validated value (keys and indexes) and the problem in Chinese without the field name (the form shows
 * the field's label itself).
 */
export function zodFieldProblems(error: {
  readonly issues: readonly Issue[]
}): { path: (string | number)[]; message: string }[] {
  return flatten(error.issues).map((issue) => ({
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: issueText(issue),
  }))
}
