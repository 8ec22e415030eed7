/** The record store's public surface for the UI: open a profile, run commands, query. Nothing else touches Dexie. */
import { CodedError } from '@shared/errors/coded'
import { JiuzhuDb, PROFILE_DB, type Profile } from './database'
import { migrations } from './migrations'

export {
  type AnchorAnswer,
  type AnchorApi,
  officeAuditHash,
  START_CHECK_TABLES,
  storedAuditHead,
  syncAuditAnchor,
  verifyStoredAuditChain,
  verifyStoredRecords,
  watchAuditHead,
} from './audit'
export { allocateCaseNumber } from './commands/caseNumber'
export type { Actor } from './commands/context'
export { type CommandSpec, execute } from './commands/execute'
export { setupOffice } from './commands/office'
export type { JiuzhuDb, Profile, StoredRecord, UnitRow, UserRow } from './database'
export { PROFILE_DB } from './database'
export { storageErrorFrom } from './errors'
export * from './queries/office'

/**
 * Opens a profile's database. If an older connection (another window of the app) blocks the schema upgrade, the
 * open is abandoned with a coded error rather than hanging: the user is told to close the other window.
 */
export async function openProfile(profile: Profile, name: string = PROFILE_DB[profile]): Promise<JiuzhuDb> {
  const db = new JiuzhuDb(name)
  let onBlocked: () => void = () => {}
  const blocked = new Promise<never>((_, reject) => {
    onBlocked = () => reject(new CodedError('db.upgrade-blocked'))
  })
  db.on('blocked', () => onBlocked())
  try {
    await Promise.race([db.open(), blocked])
  } catch (e) {
    db.close()
    throw e
  }
  // Dexie 4 opens a database created by a NEWER release rather than failing; this release must not write to it.
  if (db.backendDB().version / 10 > migrations.length) {
    db.close()
    throw new CodedError('db.version-too-new')
  }
  return db
}

/** Asks the browser to keep this origin's data under storage pressure (storage health; shown in 关于). */
export async function requestPersistentStorage(): Promise<'granted' | 'denied' | 'unsupported'> {
  if (!navigator.storage?.persist) return 'unsupported'
  try {
    if (await navigator.storage.persisted()) return 'granted'
    return (await navigator.storage.persist()) ? 'granted' : 'denied'
  } catch {
    return 'denied'
  }
}

export async function storageEstimate(): Promise<{ usage: number; quota: number } | undefined> {
  if (!navigator.storage?.estimate) return undefined
  const e = await navigator.storage.estimate()
  return { usage: e.usage ?? 0, quota: e.quota ?? 0 }
}
export { collectBackupTables, restoreBackupTables } from './backup'
export { recordRegisterExport, revealNumber } from './commands/access'
export { recordFollowUp, recordFollowUpInput, recordReferral, recordReferralInput } from './commands/afterPayment'
export { ATTACHMENT_MAX_BYTES, attachmentMimes, attachScan } from './commands/attachments'
export { bulkLoad } from './commands/bulkLoad'
export { type CaseGate, findingsForAction, readCaseGate, repeatGrantNeeded } from './commands/caseGate'
export { officeWageFigures } from './commands/caseRules'
export { actOnCase, caseActionInput, type OpenCaseInput, openCase, openCaseInput } from './commands/cases'
export {
  closeClue,
  informOnClue,
  informOnClueInput,
  type RecordClueInput,
  recordClue,
  recordClueInput,
} from './commands/clues'
export { correctCase, correctCaseInput, correctClue, correctClueInput } from './commands/corrections'
export { recordDocument } from './commands/documents'
export {
  linkDonationRecipients,
  markDonorNotified,
  recordDonation,
  recordLedgerEntry,
  saveRegisterViews,
} from './commands/donations'
export { type Draft, saveDraft } from './commands/drafts'
export { updateSetting } from './commands/settings'
export {
  changeOwnPassword,
  createUser,
  recordSignIn,
  resetUserPassword,
  setUserDisabled,
  updateUserProfile,
} from './commands/users'
export { recordWageFigures } from './commands/wageFigures'
export { useDbQuery } from './hooks'
export {
  type AuditChange,
  type AuditEvent,
  type AuditEventFilter,
  type AuditFilter,
  auditCommands,
  queryAudit,
  queryAuditEvents,
} from './queries/audit'
export {
  type ApprovalQueueItem,
  activeStates,
  afterPaymentRecords,
  approvalQueue,
  attachmentBlob,
  type CaseFile,
  type CaseListRow,
  clueOutcomes,
  type DueItem,
  documentSources,
  dueItems,
  getCaseFile,
  listAttachments,
  listCaseDocuments,
  listCases,
  listClues,
  type PendingAdvancePaperwork,
  pendingAdvancePaperwork,
  rulesForCase,
  type SimilarGrants,
  similarGrants,
} from './queries/cases'
export { suggestedDocumentNumber } from './queries/documentNumbers'
export {
  type ChunkSink,
  donationCandidates,
  donationFile,
  fundsSummary,
  getSavedViews,
  loadRegister,
  type RegisterLoadOptions,
  type RegisterProgress,
  registerUnits,
  streamRegister,
} from './queries/registers'
export {
  type ReportInputs,
  type ReportTable,
  reportInputs,
  reportInputsVersion,
  reportTables,
} from './queries/reports'
export { getDraft, getSetting } from './queries/settings'
