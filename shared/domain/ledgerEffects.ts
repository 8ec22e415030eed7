import type { Case, FundingSplit, LedgerEntry } from './schemas'
import { fundSourceLabels } from './schemas/moneyLabels'
import type { WorkflowEvent } from './workflow/types'

/** A ledger entry before the command layer stamps its id, owner, rev and times. */
export type LedgerDraft = Omit<
  LedgerEntry,
  'id' | 'ownerUnit' | 'rev' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy'
>

function largestSplit(splits: readonly FundingSplit[]): FundingSplit | undefined {
  return splits.reduce<FundingSplit | undefined>(
    (best, s) => (!best || s.amountFen > best.amountFen ? s : best),
    undefined,
  )
}

/**
 * The money entries a workflow step causes (docs/architecture.md §3: the funds ledger is append-only and fed by the case
 * steps): 资金到账 → one 财政拨款 entry per level's share (donated shares entered the ledger when the donation was
 * recorded); 发放 → one 救助金发放 entry per share, so each fund source's balance falls by what it paid; 追回办结 →
 * one 救助金追回 entry back to the source that paid most of the case. Pure: the same events give the same drafts.
 */
export function ledgerDraftsFor(record: Case, events: readonly WorkflowEvent[]): LedgerDraft[] {
  const drafts: LedgerDraft[] = []
  const ref = record.caseNo ?? record.id
  for (const e of events) {
    if (e.type === 'funds-received') {
      for (const s of e.splits) {
        if (s.source === 'donation') continue
        drafts.push({
          kind: 'allocation',
          fundSource: s.source,
          amountFen: s.amountFen,
          date: e.date,
          caseId: record.id,
          counterparty: `${fundSourceLabels[s.source]}财政`,
          note: `救助案件 ${ref} 资金到账`,
        })
      }
    } else if (e.type === 'payment-made') {
      for (const s of e.splits) {
        drafts.push({
          kind: 'disbursement',
          fundSource: s.source,
          amountFen: s.amountFen,
          date: e.date,
          caseId: record.id,
          ...(s.donationId ? { donationId: s.donationId } : {}),
          counterparty: record.payment?.payeeName ?? '领款人',
          note: `救助案件 ${ref} 发放救助金`,
        })
      }
    } else if (e.type === 'recovery-closed' && e.recoveredFen > 0) {
      const source = largestSplit(record.funding?.splits ?? [])
      drafts.push({
        kind: 'recovery',
        fundSource: source?.source ?? 'county',
        amountFen: e.recoveredFen,
        date: e.date,
        caseId: record.id,
        ...(source?.donationId ? { donationId: source.donationId } : {}),
        counterparty: record.payment?.payeeName ?? '被追回人',
        note: `救助案件 ${ref} 追回救助金`,
      })
    }
  }
  return drafts
}
