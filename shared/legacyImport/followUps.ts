import type { FollowUpMethod } from '../domain/schemas/moneyLabels'
import { toHalfWidth } from '../domain/textInput'
import { messageFor } from '../errors'
/**
 * 回访台账 (docs/legacy-import.md §2b): each row a follow-up visit of a historical case, found as a 发放台账 row finds
 * its case. A visit before the case's payment is refused (回访 follows payment); the same visit (case, date, method)
 * held already is unchanged, twice in the file the second is refused. Each becomes a follow-up record (回访) of the
 * case, marked with its import.
 */
import type { LegacyFollowUpFacts } from './facts'
import { type PaymentCheckInput, readCaseRef } from './payments'
import { scanRows } from './rowScan'
import { ok, type RowVerdict } from './rows'
import { cellText, type LegacyCell } from './sheet'
import { type Read, readDate, readText } from './values'

export type { LegacyFollowUpFacts }

/** The identity of a visit: case, date and method. */
export const followUpKey = (f: { caseId: string; date: string; method: string }) => `${f.caseId}|${f.date}|${f.method}`

const methodWords: [RegExp, FollowUpMethod][] = [
  [/上门|走访|实地|入户|当面/, 'visit'],
  [/电话/, 'phone'],
  [/信函|书信|邮寄|来信/, 'letter'],
  [/视频/, 'video'],
  [/其他|其它/, 'other'],
]

/** 回访方式 as written (上门走访, 电话回访, 信函, 视频) → the method; another word is refused. */
export function readFollowUpMethod(cell: LegacyCell): Read<FollowUpMethod> {
  const text = toHalfWidth(cellText(cell)).replace(/\s+/g, '')
  const hit = methodWords.find(([re]) => re.test(text))
  return hit ? ok(hit[1]) : { ok: false, code: 'legacy.row.follow-up-method', params: { text } }
}

/** A 回访台账 is checked against the same cases as a 发放台账. */
export type FollowUpCheckInput = PaymentCheckInput

export function checkFollowUpRows(input: FollowUpCheckInput): RowVerdict[] {
  const { sheet, today, cases } = input
  const seen = new Map<string, number>()
  const scan = { ...input, kind: 'followUps' as const, keyFields: ['followUpDate', 'findings'] as const }
  return scanRows(scan, (reading) => {
    const { rowNo, problems, read, problem, raw } = reading
    const date = read('followUpDate', (c) => readDate(c, '回访日期', sheet.date1904, today))
    const method = read('followUpMethod', readFollowUpMethod) ?? 'other'
    const findings = read('findings', (c) => ok(readText(c, 4000)))
    const furtherNeeds = read('furtherNeeds', (c) => ok(readText(c, 4000)))
    const rawRef = { name: raw('applicantName'), caseNo: raw('caseNo') || raw('underlyingCaseNo') }
    const found = readCaseRef(reading, today, cases)
    if (found && !found.historical) problem('caseNo', 'legacy.row.not-historical', { caseNo: found.label })
    if (found && date && !found.payment) {
      problems.push({ column: '', message: messageFor('legacy.row.follow-up-unpaid', { caseNo: found.label }) })
    } else if (found?.payment && date && date < found.payment.paidDate) {
      problem('followUpDate', 'legacy.row.follow-up-early', { date, paid: found.payment.paidDate })
    }
    if (problems.length > 0 || !found || !date || !findings) {
      return { row: rowNo, kind: 'rejected', problems, notes: [], raw: rawRef }
    }
    const followUp: LegacyFollowUpFacts = {
      row: rowNo,
      caseId: found.id,
      date,
      method,
      findings,
      ...(furtherNeeds ? { furtherNeeds } : {}),
    }
    const key = followUpKey(followUp)
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      const message = messageFor('legacy.row.follow-up-twice', { row: earlier })
      return { row: rowNo, kind: 'rejected', problems: [{ column: '', message }], notes: [], raw: rawRef }
    }
    seen.set(key, rowNo)
    const kind = found.followUps.includes(key) ? 'unchanged' : 'new'
    return { row: rowNo, kind, problems: [], notes: [], followUp, existing: found.label, raw: rawRef }
  })
}
