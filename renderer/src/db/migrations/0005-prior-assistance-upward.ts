/**
 * Migration 0005 — prior assistance travels upward. FROZEN once landed: never edit; add a new numbered file instead.
 *
 * - `priorAssistance.bundleHash` is no longer unique. Since 0005 the rows go up in archives (docs/exchange.md §四): a
 *   city holds its districts' rows beside its own, and two offices may well import the same package (the same file
 *   sent to both), so two rows with one bundle hash are legitimate there. "The same file imported twice by THIS
 *   office changes nothing" is now checked by the import command among the office's own rows (`heldTransfer`).
 *   `[ownerUnit+rev]` (0003) already serves the archive's "rows of origin X above rev N".
 */
export const migration0005 = {
  version: 5,
  stores: {
    priorAssistance: 'id, ownerUnit, [ownerUnit+rev], *personIdNumbers, bundleHash, transferId',
  },
} as const
