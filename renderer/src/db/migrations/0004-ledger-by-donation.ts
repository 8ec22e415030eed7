/**
 * Migration 0004 — ledger entries by donation. FROZEN once landed: never edit; add a new numbered file instead.
 *
 * - `ledger.donationId`: every entry paid from a donation, and every reversal of one (reversals copy the donation),
 *   carries it. 捐助台账 shows how much of each donation has been used, and the notice to a donor lists the recipients
 *   it helped; with this index each page of donations reads only its own entries instead of every donation-funded
 *   entry of all years (docs/performance.md, issue 7: the first screen of 捐助台账 at national scale).
 */
export const migration0004 = {
  version: 4,
  stores: {
    ledger: 'id, ownerUnit, [ownerUnit+rev], kind, [fundSource+date], caseId, date, donationId',
  },
} as const
