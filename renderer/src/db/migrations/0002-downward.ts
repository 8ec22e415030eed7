/**
 * Migration 0002 — what travels down the hierarchy and what is filed up (docs/exchange.md §一.7–11). FROZEN once
 * landed: never edit; add a new numbered file instead.
 *
 * - `standards` keyed by `issuer`: the latest standards edition this office holds from each issuing office (its
 *   own, its parent's, relayed ancestors'); one row per issuer so an older edition can never sit beside a newer one.
 * - `supervisionNotes`: 督导意见 written at a higher office (owner) about a subordinate's case or period; `caseId`
 *   for the case page's card, `*targets` (the subordinate offices concerned) for relaying down.
 * - `duplicateFlags`: 重复救助提示 raised at a higher office; `*caseIds` for the case page, `*targets` for relaying.
 * - `supervisionReplies`: the subordinate's reply or handling (owned by it); `[ownerUnit+rev]` so it goes up with
 *   the next archive like every replicated record; `noteId` and `caseId` to show it beside the note.
 * - `filings`: 备案 — a province's local implementing measures filed with the national level (owner = province).
 */
export const migration0002 = {
  version: 2,
  stores: {
    standards: 'issuer',
    supervisionNotes: 'id, ownerUnit, caseId, *targets',
    duplicateFlags: 'id, ownerUnit, *caseIds, *targets',
    supervisionReplies: 'id, ownerUnit, [ownerUnit+rev], noteId, caseId',
    filings: 'id, ownerUnit',
  },
} as const
