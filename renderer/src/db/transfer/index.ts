/**
 * 案件移送材料包 (docs/exchange.md §四) — the only import for screens and tests. Producing a package (export.ts) and
 * importing one (import.ts) build on what is read about them (reads.ts); dependencies run that way only.
 */
export { exportTransfer, recordTransfer, type TransferRequest, transferFactsOf } from './export'
export {
  confirmTransferImport,
  type ImportTransferInput,
  type ImportTransferOutcome,
  importPriorAssistance,
  openTransfer,
} from './import'
export {
  enrolledReceiver,
  heldTransfer,
  listCaseTransfers,
  mayTransfer,
  type OpenedTransfer,
  priorAssistanceFor,
  priorGrantsFor,
  type TransferApi,
  type TransferPacked,
} from './reads'
