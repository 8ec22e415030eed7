/**
 * Migration 0006 — cases by 文号. FROZEN once landed: never edit; add a new numbered file instead.
 *
 * - `cases.decision.documentNo`: the 文号 of the case's decision (救助决定书, 不予救助决定书, 不予救助告知书). The
 *   command that gives a case its 文号 looks up whether another case of this office already bears it (文号 are unique,
 *   docs/documents.md「文号」), and the action dialogs read the numbers of one type and year (a prefix such as
 *   `朝检控救决〔2026〕`) to suggest the next — both through this index instead of reading every case of the office.
 */
export const migration0006 = {
  version: 6,
  stores: {
    cases:
      'id, ownerUnit, [ownerUnit+rev], state, [ownerUnit+state], caseNo, applicationDate, decisionDate, *personIdNumbers, decision.documentNo',
  },
} as const
