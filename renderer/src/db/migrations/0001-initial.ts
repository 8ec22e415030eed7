/**
 * Migration 0001 — the first schema. FROZEN once landed: never edit; add a new numbered file instead.
 *
 * Why each index exists (every secondary index roughly doubles IndexedDB write cost — performance-floors.md — so
 * only what registers, reports, replication or the one-time rule query is indexed):
 * - `[ownerUnit+rev]` on every replicated table: an upward bundle selects "records of origin X with rev > N";
 *   a higher office holds each origin's high-water mark.
 * - `ownerUnit`: registers and reports filter by office (own vs subordinate replicas).
 * - cases.`state`, `[ownerUnit+state]`: 工作台 due/overdue lists and registers by state.
 * - cases.`applicationDate`, `decisionDate`: registers and statistics by period.
 * - cases.`caseNo`: search by case number (unique per unit and year; not unique across offices → plain index).
 * - cases.`*personIdNumbers` (multi-entry): the one-time rule and duplicate check by ID number across offices.
 * - persons.`idNumber`, `name`: search by name or ID number.
 * - ledger.`[fundSource+date]`, `kind`, `caseId`: funds ledger by source and period; a case's payments.
 * - `caseId` on case-owned tables: the case file view.
 * - audit.`seq` primary key (chain order); `entityId`, `userId`, `at`, `command`: the audit viewer's filters.
 */
export const migration0001 = {
  version: 1,
  stores: {
    units: 'code, parentCode, level',
    users: 'id, &username, unitCode',
    persons: 'id, ownerUnit, [ownerUnit+rev], idNumber, name',
    clues: 'id, ownerUnit, [ownerUnit+rev], status, referredOn, convertedCaseId',
    cases:
      'id, ownerUnit, [ownerUnit+rev], state, [ownerUnit+state], caseNo, applicationDate, decisionDate, *personIdNumbers',
    materials: 'id, ownerUnit, [ownerUnit+rev], caseId',
    documents: 'id, ownerUnit, [ownerUnit+rev], caseId',
    attachments: 'id, ownerUnit, [ownerUnit+rev], caseId',
    attachmentBlobs: 'id',
    ledger: 'id, ownerUnit, [ownerUnit+rev], kind, [fundSource+date], caseId, date',
    donations: 'id, ownerUnit, [ownerUnit+rev], receivedOn',
    referrals: 'id, ownerUnit, [ownerUnit+rev], caseId',
    followUps: 'id, ownerUnit, [ownerUnit+rev], caseId',
    ruleSets: 'id',
    localMeasures: 'id, ownerUnit',
    settings: 'key',
    counters: 'name',
    audit: 'seq, entityId, userId, at, command',
    exchange: 'key',
    receivedBundles: 'bundleId, sender, receivedAt',
  },
} as const
