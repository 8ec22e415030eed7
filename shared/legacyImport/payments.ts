import { normaliseCaseNo } from '../domain/eligibility'
import { formatYuanWithUnit } from '../domain/money'
import type { PaymentMethod } from '../domain/schemas/moneyLabels'
import { cleanNumberInput, toHalfWidth } from '../domain/textInput'
import { messageFor } from '../errors'
/**
 * 发放台账 (docs/legacy-import.md §2a): each row a payment of a historical case, found by the keys a payment register
 * has — its 救助案件编号, or the applicant's ID number with the underlying case number. A case's payment record is one
 * (shared/domain/schemas/caseOutcome.ts): the rows of one case together must come to its decided amount; more is
 * refused (the money rule, enforced again in the command's transaction), less too (a partial payment has no record).
 */
import type { LegacyPaymentFacts } from './facts'
import { type ColumnMapping, type HeaderBlock, headerInWan } from './fields'
import { type RowReading, scanRows } from './rowScan'
import { grantKey, ok, type RowVerdict } from './rows'
import { cellText, type LegacyCell, type LegacySheet } from './sheet'
import { type Read, readAmount, readDate, readIdNumber, readName, readText } from './values'

export type { LegacyPaymentFacts }

/** A granted case a payment row may belong to, as the check needs it (renderer/src/db/queries/legacyImport.ts). */
export interface PayableCase {
  id: string
  label: string
  /** Imported from a register (only those take payments from a register). */
  historical: boolean
  grantedFen: number
  decisionDate?: string
  applicantName?: string
  payment?: { amountFen: number; paidDate: string }
  /** Its follow-ups held (not voided), as `followUpKey`. */
  followUps: string[]
}

/** Keys a payment row can name its case by. */
export const caseNoKey = (caseNo: string) => `no:${normaliseCaseNo(caseNo)}`

export interface PaymentCheckInput {
  sheet: LegacySheet
  header: HeaderBlock
  mapping: ColumnMapping
  headerLabels: readonly string[]
  today: string
  /** Granted cases by `caseNoKey` and by `grantKey`. */
  cases: ReadonlyMap<string, PayableCase>
}

const methodWords: [RegExp, PaymentMethod][] = [
  [/转账|汇款|打卡|银行|代发|网银/, 'transfer'],
  [/当面|现金|签收|领取|面交/, 'in-person'],
]

/** 发放方式 as written (银行转账, 打卡, 现金, 当面签收) → the payment method; another word is refused. */
export function readPaymentMethod(cell: LegacyCell): Read<PaymentMethod> {
  const text = toHalfWidth(cellText(cell)).replace(/\s+/g, '')
  const hit = methodWords.find(([re]) => re.test(text))
  return hit ? { ok: true, value: hit[1] } : { ok: false, code: 'legacy.row.payment-method', params: { text } }
}

function readAccountNo(cell: LegacyCell): Read<string> {
  const s = cleanNumberInput(cellText(cell))
  return /^\d{8,32}$/.test(s) ? ok(s) : { ok: false, code: 'legacy.row.account-no', params: { text: cellText(cell) } }
}

/**
 * The case a row of a 发放台账 or 回访台账 names — by its 救助案件编号, else by applicant ID and underlying case — or
 * undefined with the problem said (no reference, or no such case; the cells' own problems first).
 */
export function readCaseRef(
  { problems, read }: RowReading,
  today: string,
  cases: ReadonlyMap<string, PayableCase>,
): PayableCase | undefined {
  const caseNo = read('caseNo', (c) => ok(readText(c, 60)))
  const applicantId = read('applicantId', (c) => readIdNumber(c, today))
  const underlyingCaseNo = read('underlyingCaseNo', (c) => ok(readText(c, 80)))
  read('applicantName', readName)
  const found =
    (caseNo ? cases.get(caseNoKey(caseNo)) : undefined) ??
    (applicantId && underlyingCaseNo ? cases.get(grantKey(applicantId, underlyingCaseNo)) : undefined)
  if (!found && problems.length === 0) {
    const ref = caseNo ?? (applicantId && underlyingCaseNo ? `${applicantId}，${underlyingCaseNo}` : '')
    problems.push({
      column: '',
      message: ref ? messageFor('legacy.row.no-case', { ref }) : messageFor('legacy.row.no-case-ref'),
    })
  }
  return found
}

/**
 * Checks every row of a 发放台账: the skipped rows as in every register; each data row read (date, amount, method,
 * payee, account) and matched to its case; then the rows of each case summed against its decided amount.
 */
export function checkPaymentRows(input: PaymentCheckInput): RowVerdict[] {
  const { sheet, mapping, headerLabels, today, cases } = input
  const scan = { ...input, kind: 'payments' as const, keyFields: ['amount', 'paidDate'] as const }
  const verdicts = scanRows(scan, (reading) => {
    const { rowNo, problems, read, problem, raw } = reading
    const paidDate = read('paidDate', (c) => readDate(c, '发放日期', sheet.date1904, today))
    const amountFen = read('amount', (c) =>
      readAmount(c, '发放金额', headerInWan(headerLabels[mapping.amount as number])),
    )
    const method = read('method', readPaymentMethod) ?? 'in-person'
    const payeeName = read('payeeName', readName)
    const bank = read('bank', (c) => ok(readText(c, 60)))
    const accountNo = read('accountNo', readAccountNo)
    const rawRef = { name: raw('applicantName') || raw('payeeName'), caseNo: raw('caseNo') || raw('underlyingCaseNo') }
    const rejected = (): RowVerdict => ({ row: rowNo, kind: 'rejected', problems, notes: [], raw: rawRef })
    const found = readCaseRef(reading, today, cases)
    if (found && !found.historical) problem('caseNo', 'legacy.row.not-historical', { caseNo: found.label })
    if (found && paidDate && found.decisionDate && paidDate < found.decisionDate) {
      problem('paidDate', 'legacy.row.date-order', { paid: paidDate, decided: found.decisionDate })
    }
    if (method === 'transfer' && amountFen && !accountNo && mapping.accountNo === undefined) {
      problem('method', 'legacy.row.transfer-account', {})
    } else if (method === 'transfer' && mapping.accountNo !== undefined && !accountNo && problems.length === 0) {
      problem('accountNo', 'legacy.row.transfer-account', {})
    }
    if (problems.length > 0 || !found || !paidDate || !amountFen) return rejected()
    const facts: LegacyPaymentFacts = {
      row: rowNo,
      caseId: found.id,
      paidDate,
      amountFen,
      method,
      ...(payeeName ? { payeeName } : {}),
      ...(method === 'transfer' && accountNo ? { account: { bank: bank || '（台账未载明）', accountNo } } : {}),
    }
    return { row: rowNo, kind: 'new', problems: [], notes: [], payment: facts, existing: found.label, raw: rawRef }
  })
  return settleByCase(verdicts, cases)
}

/**
 * The rows of one case together: their sum must be the decided amount (over it: refused, the money rule; under it:
 * refused, a partial payment has no record). A case already paid is unchanged when the register says the same, else
 * its rows are refused.
 */
function settleByCase(verdicts: RowVerdict[], cases: ReadonlyMap<string, PayableCase>): RowVerdict[] {
  const byCase = new Map<string, RowVerdict[]>()
  for (const v of verdicts) if (v.payment) byCase.set(v.payment.caseId, [...(byCase.get(v.payment.caseId) ?? []), v])
  const caseById = new Map([...cases.values()].map((c) => [c.id, c]))
  for (const [id, rows] of byCase) {
    const c = caseById.get(id) as PayableCase
    const sum = rows.reduce((s, v) => s + (v.payment?.amountFen ?? 0), 0)
    const last = rows
      .map((v) => v.payment?.paidDate ?? '')
      .sort()
      .at(-1)
    const refuse = (message: string) => {
      for (const v of rows) {
        v.kind = 'rejected'
        v.problems.push({ column: '', message })
        v.raw = { name: c.applicantName ?? '', caseNo: c.label }
      }
    }
    const rowsText = rows.map((v) => v.row).join('、')
    if (c.payment) {
      if (c.payment.amountFen === sum && c.payment.paidDate === last) for (const v of rows) v.kind = 'unchanged'
      else
        refuse(
          messageFor('legacy.row.already-paid', {
            caseNo: c.label,
            paid: `${c.payment.paidDate} ${formatYuanWithUnit(c.payment.amountFen)}`,
          }),
        )
    } else if (sum > c.grantedFen) {
      refuse(
        messageFor('legacy.payment-over-decided', {
          caseNo: c.label,
          rows: rowsText,
          sum: formatYuanWithUnit(sum),
          granted: formatYuanWithUnit(c.grantedFen),
        }),
      )
    } else if (sum < c.grantedFen) {
      refuse(
        messageFor('legacy.row.under-decided', {
          caseNo: c.label,
          rows: rowsText,
          sum: formatYuanWithUnit(sum),
          granted: formatYuanWithUnit(c.grantedFen),
        }),
      )
    }
  }
  return verdicts
}
