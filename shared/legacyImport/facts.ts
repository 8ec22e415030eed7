import type { FollowUpMethod, FundSource, PaymentMethod } from '../domain/schemas/moneyLabels'

// A row's verdict and what a checked row carries to its command (case, payment, visit): types only, kept apart
// from rows.ts, rowScan.ts, payments.ts and followUps.ts so that each can name them without an import cycle.

export interface LegacyPaymentFacts {
  row: number
  /** The case the row was matched to at the check; the command checks it again. */
  caseId: string
  paidDate: string
  amountFen: number
  method: PaymentMethod
  payeeName?: string
  account?: { bank: string; accountNo: string }
}

export interface LegacyFollowUpFacts {
  row: number
  caseId: string
  date: string
  method: FollowUpMethod
  findings: string
  furtherNeeds?: string
}

/** What one row of an old register says about one historical grant, checked. */
export interface LegacyCaseFacts {
  /** The row in the sheet as the user sees it (1-based). */
  row: number
  applicant: { name: string; idNumber: string }
  victim?: { name: string; idNumber: string }
  underlyingCaseNo: string
  charge?: string
  caseNo?: string
  documentNo?: string
  decisionDate: string
  amountFen: number
  fundSources: FundSource[]
  paidDate?: string
}

export interface RowProblem {
  /** Column letter and header (“C 身份证号码”), or empty for the row as a whole. */
  column: string
  message: string
}

export type RowVerdictKind = 'new' | 'matched' | 'unchanged' | 'rejected' | 'skipped'

export interface RowVerdict {
  row: number
  kind: RowVerdictKind
  problems: RowProblem[]
  /** Things to look at that do not stop the row (the same person under another case number). */
  notes: string[]
  facts?: LegacyCaseFacts
  /** For a row of a 发放台账: the payment as read, with the case it was matched to. */
  payment?: LegacyPaymentFacts
  /** For a row of a 回访台账: the visit as read, with the case it was matched to. */
  followUp?: LegacyFollowUpFacts
  /** For matched / unchanged: the case already held (its number, or where it was imported from). */
  existing?: string
  /** For a rejected row: its name and underlying case number as written, to find it in the register. */
  raw?: { name: string; caseNo: string }
}
