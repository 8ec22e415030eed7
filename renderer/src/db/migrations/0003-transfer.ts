/**
 * Migration 0003 — case transfer packages (案件移送材料包, docs/exchange.md §一.6–7). FROZEN once landed: never edit;
 * add a new numbered file instead.
 *
 * - `transfers`: each transfer package this office produced from one of its cases (`caseId` for the case page's
 *   card); an owned record (`[ownerUnit+rev]`) so it can travel upward with the archive later.
 * - `priorAssistance`: a transfer package imported from another procuratorate, kept read-only as a record of prior
 *   assistance: `*personIdNumbers` (multi-entry, normalised ID numbers of the applicant and victim) is what the
 *   one-time rule looks up for a new application; `&bundleHash` makes re-importing the same file a no-op;
 *   `transferId` finds the same package carried as another file.
 */
export const migration0003 = {
  version: 3,
  stores: {
    transfers: 'id, ownerUnit, [ownerUnit+rev], caseId',
    priorAssistance: 'id, ownerUnit, [ownerUnit+rev], *personIdNumbers, &bundleHash, transferId',
  },
} as const
