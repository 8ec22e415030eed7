/**
 * Human case numbers, per unit and year, with a configurable pattern (docs/architecture.md §3; docs/domain-reference.md §10.3, L for the
 * exact 代字): placeholders {short} (单位简称), {year} (4 digits), {seq} (sequence within unit and year, no padding)
 * and {seq3}/{seq4} (zero-padded). Default: `{short}控救〔{year}〕{seq}号` with 单位简称 朝检 → `朝检控救〔2026〕12号`
 * Sequences are allocated by the command layer inside the writing transaction, so they are gap-free.
 */
export interface CaseNumberParts {
  short: string
  year: number
  seq: number
}

const PLACEHOLDER = /\{(short|year|seq|seq3|seq4)\}/g

export function formatCaseNumber(pattern: string, parts: CaseNumberParts): string {
  if (!Number.isInteger(parts.seq) || parts.seq < 1) throw new RangeError('案件序号必须是正整数')
  if (!Number.isInteger(parts.year) || parts.year < 1900 || parts.year > 9999) throw new RangeError('年份不正确')
  return pattern.replace(PLACEHOLDER, (_m, key: string) => {
    switch (key) {
      case 'short':
        return parts.short
      case 'year':
        return String(parts.year)
      case 'seq3':
        return String(parts.seq).padStart(3, '0')
      case 'seq4':
        return String(parts.seq).padStart(4, '0')
      default:
        return String(parts.seq)
    }
  })
}

/** A pattern must contain {year} and a sequence placeholder so numbers are unique per unit and year. */
export function caseNumberPatternProblems(pattern: string): string[] {
  const problems: string[] = []
  if (!pattern.includes('{year}')) problems.push('编号格式须包含 {year}（年份）')
  if (!/\{seq[34]?\}/.test(pattern)) problems.push('编号格式须包含 {seq}（序号）')
  if (pattern.replace(PLACEHOLDER, '').length > 40) problems.push('编号格式过长')
  const unknown = pattern.match(/\{[^}]*\}/g)?.filter((p) => !/^\{(short|year|seq|seq3|seq4)\}$/.test(p))
  if (unknown?.length) problems.push(`不认识的占位符：${unknown.join('、')}`)
  return problems
}

export function caseCounterName(unitCode: string, year: number): string {
  return `caseNo:${unitCode}:${year}`
}
